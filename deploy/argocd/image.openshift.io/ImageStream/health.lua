-- Argo CD health of an ImageStream of imagestream-operator (docs/triggers.md): its Ready
-- condition, once the operator has observed the stream's current generation.
local hs = {}
if obj.status == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to import the stream"
  return hs
end
local generation = obj.metadata.generation
if generation ~= nil and obj.status.observedGeneration ~= generation then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to observe generation " .. generation
  return hs
end
if obj.status.conditions ~= nil then
  for _, condition in ipairs(obj.status.conditions) do
    if condition.type == "Ready" then
      local message = condition.message or ""
      if condition.status == "True" then
        hs.status = "Healthy"
        hs.message = message
        return hs
      end
      if condition.status == "False" then
        hs.status = "Degraded"
        if condition.reason ~= nil and message ~= "" then
          hs.message = condition.reason .. ": " .. message
        else
          hs.message = condition.reason or message
        end
        return hs
      end
    end
  end
end
hs.status = "Progressing"
hs.message = "Waiting for the Ready condition"
return hs
