{{/* The chart's name, or nameOverride. */}}
{{- define "imagestream-operator.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The full name of the release's objects: fullnameOverride, else release-name, without repeating the chart's name. */}}
{{- define "imagestream-operator.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "imagestream-operator.selectorLabels" -}}
app.kubernetes.io/name: {{ include "imagestream-operator.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "imagestream-operator.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "imagestream-operator.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "imagestream-operator.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "imagestream-operator.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "imagestream-operator.configMapName" -}}
{{- printf "%s-config" (include "imagestream-operator.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
"true" when the image change trigger controller runs (config.imageChangeTriggers.enabled, default
true), else empty: its RBAC rules and the pod annotation that rolls the pod when it changes.
*/}}
{{- define "imagestream-operator.triggersEnabled" -}}
{{- $triggers := .Values.config.imageChangeTriggers | default dict -}}
{{- if ne (toString (index $triggers "enabled")) "false" -}}true{{- end -}}
{{- end }}

{{- define "imagestream-operator.webhookService" -}}
{{- printf "%s-webhook" (include "imagestream-operator.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "imagestream-operator.webhookConfiguration" -}}
{{- printf "%s-image-lookup" (include "imagestream-operator.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "imagestream-operator.webhookSecret" -}}
{{- printf "%s-webhook-tls" (include "imagestream-operator.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}
