package plugindefaults

import (
	"math"
	"os"
	"runtime/debug"
	"testing"
)

func TestApplyQuietsUnrequestedLogs(t *testing.T) {
	for _, name := range append(append([]string{}, logRequestEnv...), logLevelEnv...) {
		t.Setenv(name, "")
		_ = os.Unsetenv(name)
	}
	Apply()
	for _, name := range logLevelEnv {
		if got := os.Getenv(name); got != "OFF" {
			t.Errorf("%s = %q after Apply without TF_LOG, want OFF", name, got)
		}
	}
}

func TestApplyKeepsRequestedLogs(t *testing.T) {
	for _, name := range append(append([]string{}, logRequestEnv...), logLevelEnv...) {
		t.Setenv(name, "")
		_ = os.Unsetenv(name)
	}
	t.Setenv("TF_LOG", "DEBUG")
	Apply()
	for _, name := range logLevelEnv {
		if got, ok := os.LookupEnv(name); ok {
			t.Errorf("%s = %q after Apply with TF_LOG=DEBUG, want it unset", name, got)
		}
	}
}

func TestApplyKeepsExplicitLevel(t *testing.T) {
	for _, name := range append(append([]string{}, logRequestEnv...), logLevelEnv...) {
		t.Setenv(name, "")
		_ = os.Unsetenv(name)
	}
	t.Setenv("TF_LOG_SDK_FRAMEWORK", "TRACE")
	Apply()
	if got := os.Getenv("TF_LOG_SDK_FRAMEWORK"); got != "TRACE" {
		t.Errorf("TF_LOG_SDK_FRAMEWORK = %q, want the user's TRACE kept", got)
	}
}

func TestSetRuntimeGCPercent(t *testing.T) {
	t.Setenv("GOGC", "")
	_ = os.Unsetenv("GOGC")
	old := debug.SetGCPercent(GCPercent + 7)
	t.Cleanup(func() { debug.SetGCPercent(old) })
	SetRuntime()
	if got := debug.SetGCPercent(old); got != GCPercent {
		t.Errorf("GOGC after SetRuntime = %d, want %d", got, GCPercent)
	}
	if lim := debug.SetMemoryLimit(-1); lim != math.MaxInt64 {
		t.Errorf("memory limit after SetRuntime = %d, want none", lim)
	}
}

func TestSetRuntimeKeepsUserGOGC(t *testing.T) {
	t.Setenv("GOGC", "200")
	old := debug.SetGCPercent(200)
	t.Cleanup(func() { debug.SetGCPercent(old) })
	SetRuntime()
	if got := debug.SetGCPercent(old); got != 200 {
		t.Errorf("GOGC after SetRuntime with GOGC=200 = %d, want the user's 200", got)
	}
}
