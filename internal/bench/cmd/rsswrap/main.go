// Command rsswrap is the bench's provider launcher (bench-only). `make bench`
// installs it under the provider's name in the dev_overrides directory, so
// Terraform starts it as the plugin. It runs the binary named by
// BENCH_WRAP_TARGET with the same arguments, environment, stdin, stdout and
// stderr (so the go-plugin handshake and the gRPC socket are the child's),
// waits for it, and appends "<pid> <maxrss_kib> <cpu_ms>\n" to
// BENCH_RSS_FILE: the child's peak resident set size from wait4's rusage
// (ru_maxrss, KiB on Linux), exact and measured by the kernel, and the CPU
// time (user + system) it used. The child gets SIGKILL if the
// launcher dies (Pdeathsig), and SIGINT/SIGTERM are forwarded.
// BENCH_WRAP_ENV, NAME=value pairs separated by spaces, is added to the
// child's environment only (such as GOMEMLIMIT or GOGC for the provider
// and not for Terraform).
package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"strings"
	"syscall"
)

func main() {
	target := os.Getenv("BENCH_WRAP_TARGET")
	if target == "" {
		fmt.Fprintln(os.Stderr, "rsswrap: BENCH_WRAP_TARGET is not set")
		os.Exit(2)
	}
	cmd := exec.Command(target, os.Args[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	cmd.Env = append(os.Environ(), strings.Fields(os.Getenv("BENCH_WRAP_ENV"))...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	sigs := make(chan os.Signal, 4)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	if err := cmd.Start(); err != nil {
		fmt.Fprintln(os.Stderr, "rsswrap:", err)
		os.Exit(1)
	}
	go func() {
		for s := range sigs {
			_ = cmd.Process.Signal(s)
		}
	}()
	err := cmd.Wait()
	if f := os.Getenv("BENCH_RSS_FILE"); f != "" && cmd.ProcessState != nil {
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			if out, oerr := os.OpenFile(f, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600); oerr == nil {
				cpu := cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
				fmt.Fprintf(out, "%d %d %d\n", cmd.ProcessState.Pid(), ru.Maxrss, cpu.Milliseconds())
				_ = out.Close()
			}
		}
	}
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			os.Exit(ee.ExitCode())
		}
		os.Exit(1)
	}
}
