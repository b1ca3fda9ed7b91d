// Command argocd-health runs an Argo CD health.lua on one object, as Argo CD runs resource
// customization health checks: with gopher-lua (the interpreter Argo CD embeds), only the base,
// table, string and math libraries open, the object as the global obj (JSON objects as tables,
// arrays as tables indexed from 1), and the script's returned table checked for a known status.
//
// Usage: argocd-health HEALTH.lua < OBJECT.json
// Prints {"status":"...","message":"..."} and exits 0, or prints the error and exits 1.
package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"

	lua "github.com/yuin/gopher-lua"
)

var statuses = map[string]bool{
	"Healthy": true, "Progressing": true, "Degraded": true,
	"Suspended": true, "Missing": true, "Unknown": true,
}

func main() {
	if len(os.Args) != 2 {
		fail("usage: argocd-health HEALTH.lua < OBJECT.json")
	}
	script, err := os.ReadFile(os.Args[1])
	if err != nil {
		fail(err.Error())
	}
	input, err := io.ReadAll(os.Stdin)
	if err != nil {
		fail(err.Error())
	}
	var obj interface{}
	if err := json.Unmarshal(input, &obj); err != nil {
		fail("the object is not JSON: " + err.Error())
	}
	l := lua.NewState(lua.Options{SkipOpenLibs: true})
	defer l.Close()
	for _, lib := range []struct {
		name string
		open lua.LGFunction
	}{
		{lua.LoadLibName, lua.OpenPackage},
		{lua.BaseLibName, lua.OpenBase},
		{lua.TabLibName, lua.OpenTable},
		{lua.StringLibName, lua.OpenString},
		{lua.MathLibName, lua.OpenMath},
	} {
		if err := l.CallByParam(lua.P{Fn: l.NewFunction(lib.open), NRet: 0, Protect: true}, lua.LString(lib.name)); err != nil {
			fail(err.Error())
		}
	}
	l.SetGlobal("obj", toLua(l, obj))
	if err := l.DoString(string(script)); err != nil {
		fail(err.Error())
	}
	result, ok := l.Get(-1).(*lua.LTable)
	if !ok {
		fail(fmt.Sprintf("expect table output from Lua script, not %s", l.Get(-1).Type()))
	}
	status := lua.LVAsString(result.RawGetString("status"))
	if !statuses[status] {
		fail("Lua returned an invalid health status: " + status)
	}
	out, _ := json.Marshal(map[string]string{
		"status":  status,
		"message": lua.LVAsString(result.RawGetString("message")),
	})
	fmt.Println(string(out))
}

// toLua converts a decoded JSON value as Argo CD does: objects and arrays become tables (arrays
// indexed from 1), null becomes nil.
func toLua(l *lua.LState, v interface{}) lua.LValue {
	switch v := v.(type) {
	case map[string]interface{}:
		t := l.NewTable()
		for key, value := range v {
			t.RawSetString(key, toLua(l, value))
		}
		return t
	case []interface{}:
		t := l.NewTable()
		for _, value := range v {
			t.Append(toLua(l, value))
		}
		return t
	case string:
		return lua.LString(v)
	case float64:
		return lua.LNumber(v)
	case bool:
		return lua.LBool(v)
	default:
		return lua.LNil
	}
}

func fail(message string) {
	fmt.Fprintln(os.Stderr, message)
	os.Exit(1)
}
