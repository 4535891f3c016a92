// Package plugindefaults sets process-wide defaults for a provider binary
// that Terraform starts as a plugin, before it serves. Both
// terraform-provider-affinipay and the bench's floor provider apply them, so
// benchmarks compare like with like.
//
// Found with `make bench` and pprof (see internal/bench): at N = 500 the
// provider spent about a third of its CPU time, and Terraform as much again
// decoding, on TRACE log lines that nobody reads, and its peak RSS was over
// 100 MB, twice its live heap (Go's default GOGC=100), the live heap being
// the hundreds of requests Terraform sends at once (validation, state
// upgrades and plans are not limited by -parallelism). See GCPercent.
package plugindefaults

import (
	"os"
	"runtime/debug"
)

// GCPercent is the garbage collector's GOGC (runtime/debug.SetGCPercent)
// set when the GOGC variable is not: Go's default, 100, and no memory
// limit (GOMEMLIMIT, when set, works as for any Go program).
//
// Chosen with `make bench` by measuring the provider's CPU time and peak
// RSS together for a no-change plan at N = 100 to 3,000 contacts (see
// README.md, "Benchmark"). The live heap is Terraform's burst of
// concurrent requests and grows with the number of objects. A fixed soft
// memory limit below it (48 MiB before) makes the collector run
// continuously once N is large enough: at N = 1,000 the provider used
// 38-53 s of CPU with it against 12-15 s without, so the cost per object
// grew with N. GOGC alone keeps the collector's work per allocated byte
// about constant, so the cost per object stays flat (provider CPU per
// object 11.2 ms at N = 300, 13.0 ms at N = 3,000), at a peak RSS of about
// twice the live heap: 50 MiB at N = 100, 82 MiB at N = 300, 185-195 MiB
// at N = 1,000, 514 MiB at N = 3,000. GOGC=50 measured 340 MiB at N =
// 3,000 but 1.31x the CPU per object of N = 300.
const GCPercent = 100

// logLevelEnv are the variables that set the levels of the loggers of
// terraform-plugin-go (SDK, SDK_PROTO), terraform-plugin-framework
// (SDK_FRAMEWORK) and the provider's own tflog (PROVIDER_AFFINIPAY).
// Unset, each logs at TRACE: every line is encoded as JSON, written to the
// plugin's stderr and decoded again by Terraform, which then discards it
// unless TF_LOG or TF_LOG_PROVIDER is set.
var logLevelEnv = []string{"TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK", "TF_LOG_PROVIDER_AFFINIPAY"}

// logRequestEnv are the variables with which a user asks Terraform for
// provider logs. When any of them (or any of logLevelEnv) is set, nothing
// is changed and logging works exactly as without this package.
var logRequestEnv = []string{"TF_LOG", "TF_LOG_PROVIDER", "TF_LOG_PATH_MASK", "TF_ACC_LOG_PATH"}

// Apply sets the defaults: the log levels to OFF when Terraform will not
// show provider logs, and GOGC=GCPercent when GOGC is not set.
// Terraform passes its own environment to the plugin, so `TF_LOG=DEBUG
// terraform apply` still gets every provider log line.
func Apply() {
	QuietLogs()
	SetRuntime()
}

// QuietLogs sets the log levels to OFF when Terraform will not show
// provider logs (the half of Apply that the bench's noop provider, which
// keeps Go's default runtime settings, applies too).
func QuietLogs() {
	if !logsRequested() {
		for _, name := range logLevelEnv {
			_ = os.Setenv(name, "OFF")
		}
	}
}

// SetRuntime sets the garbage collector's percentage (GCPercent) unless
// the environment sets GOGC.
func SetRuntime() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(GCPercent)
	}
}

func logsRequested() bool {
	for _, name := range append(append([]string{}, logRequestEnv...), logLevelEnv...) {
		if os.Getenv(name) != "" {
			return true
		}
	}
	return false
}
