// Command testprogress reads `go test -json` on stdin and prints one line per
// package when it finishes, a progress line every -every while packages are
// still running (the provider's acceptance tests take minutes), the output of
// every failed test, and a closing "N passed, N failed, N skipped" line. It
// exits non-zero when a test or a package failed (or the build did).
//
//	go test -json ./... 2>&1 | go -C tools run ./testprogress
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"sort"
	"strings"
	"sync"
	"time"
)

type event struct {
	Action  string
	Package string
	Test    string
	Output  string
	Elapsed float64
}

type pkgState struct {
	passed, failed, skipped int
	started                 time.Time
	output                  map[string][]string // per test, kept until it ends
	pkgOutput               []string
}

func main() {
	every := flag.Duration("every", 30*time.Second, "interval of progress lines while packages run")
	module := flag.String("module", "github.com/affinipay-terraform/terraform-provider-affinipay", "module path trimmed from package names")
	flag.Parse()

	var mu sync.Mutex
	pkgs := map[string]*pkgState{}
	running := map[string]bool{}
	start := time.Now()
	var passed, failed, skipped, pkgFailed int
	short := func(p string) string {
		if r := strings.TrimPrefix(strings.TrimPrefix(p, *module), "/"); r != "" {
			return r
		}
		return "."
	}

	done := make(chan struct{})
	go func() {
		t := time.NewTicker(*every)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				mu.Lock()
				var names []string
				for p := range running {
					names = append(names, p)
				}
				sort.Strings(names)
				for _, p := range names {
					s := pkgs[p]
					fmt.Printf("  ... %s: %d passed, %d failed, %d skipped so far (%s)\n",
						short(p), s.passed, s.failed, s.skipped, time.Since(s.started).Round(time.Second))
				}
				mu.Unlock()
			}
		}
	}()

	sc := bufio.NewScanner(os.Stdin)
	sc.Buffer(make([]byte, 1024*1024), 16*1024*1024)
	for sc.Scan() {
		line := sc.Bytes()
		var e event
		if len(line) == 0 || line[0] != '{' || json.Unmarshal(line, &e) != nil {
			// Build errors and other non-JSON output: show as is.
			fmt.Println(string(line))
			continue
		}
		mu.Lock()
		s := pkgs[e.Package]
		if s == nil {
			s = &pkgState{started: time.Now(), output: map[string][]string{}}
			pkgs[e.Package] = s
		}
		switch {
		case e.Action == "start":
			running[e.Package] = true
			s.started = time.Now()
		case e.Action == "output" && e.Test != "":
			s.output[e.Test] = append(s.output[e.Test], e.Output)
		case e.Action == "output":
			s.pkgOutput = append(s.pkgOutput, e.Output)
		case e.Test != "" && (e.Action == "pass" || e.Action == "fail" || e.Action == "skip"):
			switch e.Action {
			case "pass":
				s.passed++
				passed++
			case "skip":
				s.skipped++
				skipped++
			case "fail":
				s.failed++
				failed++
				fmt.Printf("--- FAIL: %s (%s, %.1fs)\n", e.Test, short(e.Package), e.Elapsed)
				for _, o := range s.output[e.Test] {
					fmt.Print("    " + o)
				}
			}
			delete(s.output, e.Test)
		case e.Test == "" && (e.Action == "pass" || e.Action == "fail" || e.Action == "skip"):
			delete(running, e.Package)
			status := "ok  "
			if e.Action == "fail" {
				status = "FAIL"
				pkgFailed++
				if s.failed == 0 {
					// A package that failed without a failing test (panic,
					// build failure, TestMain): show its own output.
					for _, o := range s.pkgOutput {
						fmt.Print("    " + o)
					}
				}
			}
			if e.Action == "skip" && s.passed+s.failed+s.skipped == 0 {
				fmt.Printf("     %s [no test files]\n", short(e.Package))
			} else {
				fmt.Printf("%s %s: %d passed, %d failed, %d skipped in %.1fs\n",
					status, short(e.Package), s.passed, s.failed, s.skipped, e.Elapsed)
			}
		}
		mu.Unlock()
	}
	close(done)
	fmt.Printf("test: %d passed, %d failed, %d skipped in %s\n", passed, failed, skipped, time.Since(start).Round(time.Second))
	if failed > 0 || pkgFailed > 0 {
		os.Exit(1)
	}
}
