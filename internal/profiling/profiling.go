// Package profiling lets a provider binary write pprof profiles when an
// environment variable asks for it (off by default, and free when off).
//
//	AFFINIPAY_PROVIDER_PPROF_DIR=/tmp/prof terraform apply
//
// writes cpu-<pid>.pprof (the whole life of the process), heap-<pid>.pprof
// (allocations, at exit), heap-peak-<pid>.pprof (the live heap when it was
// largest) and goroutine-peak-<pid>.pprof (the goroutines at that moment,
// which show how many requests were in flight) into that directory for
// every provider process Terraform starts.
// Inspect them with `go tool pprof -top <binary> cpu-<pid>.pprof`.
package profiling

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"time"
)

// EnvDir names the directory the profiles are written to.
const EnvDir = "AFFINIPAY_PROVIDER_PPROF_DIR"

// Start starts CPU profiling when EnvDir is set and returns the function
// that stops it and writes the heap profile; without EnvDir it does nothing.
// Failures are reported on stderr (the plugin's log) and never stop the
// provider.
func Start() (stop func()) {
	dir := os.Getenv(EnvDir)
	if dir == "" {
		return func() {}
	}
	pid := os.Getpid()
	cpu, err := os.Create(filepath.Join(dir, fmt.Sprintf("cpu-%d.pprof", pid)))
	if err != nil {
		fmt.Fprintln(os.Stderr, "profiling:", err)
		return func() {}
	}
	if err := pprof.StartCPUProfile(cpu); err != nil {
		fmt.Fprintln(os.Stderr, "profiling:", err)
		_ = cpu.Close()
		return func() {}
	}
	done := make(chan struct{})
	go watchPeak(dir, pid, done)
	return func() {
		close(done)
		pprof.StopCPUProfile()
		_ = cpu.Close()
		heap, err := os.Create(filepath.Join(dir, fmt.Sprintf("heap-%d.pprof", pid)))
		if err != nil {
			fmt.Fprintln(os.Stderr, "profiling:", err)
			return
		}
		defer heap.Close()
		runtime.GC()
		if err := pprof.Lookup("allocs").WriteTo(heap, 0); err != nil {
			fmt.Fprintln(os.Stderr, "profiling:", err)
		}
	}
}

// watchPeak samples the heap every 50 ms and, each time it is 10% above the
// largest seen so far, writes the in-use heap profile: what the process
// holds at its peak, which an at-exit profile cannot show.
func watchPeak(dir string, pid int, done <-chan struct{}) {
	t := time.NewTicker(50 * time.Millisecond)
	defer t.Stop()
	var peak uint64
	var ms runtime.MemStats
	for {
		select {
		case <-done:
			return
		case <-t.C:
		}
		runtime.ReadMemStats(&ms)
		if ms.HeapAlloc < peak+peak/10 {
			continue
		}
		peak = ms.HeapAlloc
		f, err := os.Create(filepath.Join(dir, fmt.Sprintf("heap-peak-%d.pprof", pid)))
		if err != nil {
			return
		}
		_ = pprof.Lookup("heap").WriteTo(f, 0)
		_ = f.Close()
		if g, err := os.Create(filepath.Join(dir, fmt.Sprintf("goroutine-peak-%d.pprof", pid))); err == nil {
			_ = pprof.Lookup("goroutine").WriteTo(g, 0)
			_ = g.Close()
		}
	}
}
