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
// upgrades and plans are not limited by -parallelism).
package plugindefaults

import (
	"os"
	"runtime/debug"
)

// MemoryLimit is the soft memory limit (runtime/debug.SetMemoryLimit) set
// when GOMEMLIMIT is not: the garbage collector runs more often as the heap
// approaches it, instead of letting the heap grow to twice the live data.
// It is soft: a process that needs more still gets it (with more GC work,
// which the runtime caps at about half the CPU).
const MemoryLimit = 48 << 20

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
// show provider logs, and the soft memory limit when GOMEMLIMIT is not set.
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

// SetRuntime sets the garbage collector's settings (see MemoryLimit) unless
// the environment sets them (GOMEMLIMIT).
func SetRuntime() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(MemoryLimit)
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
