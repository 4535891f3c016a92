// Command bench is `make bench` (bench-only; not part of `make test`): it
// builds the provider, the sandbox, the floor provider
// (internal/bench/floorprovider), the noop provider
// (internal/bench/noopprovider) and the RSS launcher (cmd/rsswrap), starts
// the sandbox, and runs two modes (-mode all, scale or latency).
//
// Scale (-n, default 100,300,1000): N affinipay_contact (tags, an email
// address), N/10 affinipay_recurring_charge (on a saved card) and
// -webhooks affinipay_webhook_endpoint, against
//
//	noop     the noop provider (one trivial resource type, as many objects),
//	         with Go's default runtime settings, served by the framework's
//	         providerserver.Serve: a stock framework provider
//	floor    the floor provider: the real schemas, in-memory CRUD, no API
//	         call, served like the provider (internal/pluginserver, the
//	         same runtime settings)
//	sandbox  the real provider against the sandbox, no added latency
//
// Each is applied once, planned (-refresh, no changes) -reps times
// (interleaved, so load from other processes spreads over all alike) and
// destroyed once. -variants adds runtime settings to compare, planned with
// the floor and the provider too: 'name=ENV=value ENV=value;name2=...'
// (given to the provider process only, not to Terraform). The report gives
// per N the wall time, the provider's CPU time and peak RSS, and the plan's
// cost per object (wall and provider CPU divided by the resources).
//
// Latency (-latency-n, default 100,1000; -latency, default 100 ms, the
// sandbox's latency fault): N contacts, a card and a bank account
// (affinipay_payment_method) on each of N/10 of them, and N/10 recurring
// charges. The provider applies at the latency, then plans at 0 ms and at
// the latency with paged refresh and with single GETs
// (AFFINIPAY_REFRESH_PAGES=0, internal/client), -reps times, then destroys;
// the floor provider gives the no-API floor of each. Each is compared with
// the ideal ceil(requests / parallelism) x latency + floor.
//
// Peak memory: Terraform starts the launcher (installed under the
// provider's name in the dev_overrides directory), which runs the provider
// as its child and records the child's ru_maxrss from wait4 (the kernel's
// exact high-water mark of its resident set) and CPU time. Terraform may
// start the provider more than once per command; the largest RSS and the
// sum of the CPU times are reported.
//
// Request counts come from the sandbox's GET /_sandbox/metrics, taken
// before and after each command (per method and path template).
//
// It prints the tables and the targets with PASS/FAIL.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/client"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/profiling"
)

const providerAddress = "registry.terraform.io/affinipay-terraform/affinipay"

type variant struct{ Name, Env string }

type options struct {
	mode        string
	ns          []int
	latNs       []int
	reps        int
	parallelism int
	latencyMS   int
	webhooks    int
	variants    []variant
	configs     []string
	keep        bool
	profileDir  string
	jsonOut     string
	realBin     string
}

func main() {
	var o options
	ns := flag.String("n", "100,300,1000", "scale mode: comma-separated contact counts N")
	latNs := flag.String("latency-n", "100,1000", "latency mode: comma-separated contact counts N")
	variants := flag.String("variants", "", "scale mode: extra provider runtime settings to plan with, 'name=ENV=v ENV=v;name2=ENV=v'")
	configs := flag.String("configs", "noop,floor,sandbox", "scale mode: the providers to measure (noop, floor, sandbox; sandbox is required)")
	flag.StringVar(&o.mode, "mode", "all", "all, scale or latency")
	flag.IntVar(&o.reps, "reps", 3, "plans per configuration (the median is reported)")
	flag.IntVar(&o.parallelism, "parallelism", 10, "terraform -parallelism")
	flag.IntVar(&o.latencyMS, "latency", 100, "latency mode: the sandbox's latency_ms")
	flag.IntVar(&o.webhooks, "webhooks", 20, "scale mode: webhook endpoints in the configuration")
	flag.BoolVar(&o.keep, "keep", false, "keep the temporary directory (binaries, configurations, logs)")
	flag.StringVar(&o.profileDir, "profile", "", "write pprof profiles of the provider processes of each command into DIR/<command>/ (internal/profiling)")
	flag.StringVar(&o.jsonOut, "json", "", "also write the results as JSON to this file")
	flag.StringVar(&o.realBin, "provider-bin", "", "use this provider binary (e.g. one built from an earlier commit) instead of building the working tree's")
	flag.Parse()
	var err error
	if o.ns, err = parseNs(*ns); err != nil {
		fatalf("-n: %v", err)
	}
	if o.latNs, err = parseNs(*latNs); err != nil {
		fatalf("-latency-n: %v", err)
	}
	for _, v := range strings.Split(*variants, ";") {
		if strings.TrimSpace(v) == "" {
			continue
		}
		name, env, ok := strings.Cut(strings.TrimSpace(v), "=")
		if !ok || name == "" || name == "default" {
			fatalf("-variants: %q is not name=ENV=value ...", v)
		}
		o.variants = append(o.variants, variant{Name: name, Env: env})
	}
	for _, c := range strings.Split(*configs, ",") {
		switch c = strings.TrimSpace(c); c {
		case "noop", "floor", "sandbox":
			o.configs = append(o.configs, c)
		default:
			fatalf("-configs: unknown %q", c)
		}
	}
	if !slices.Contains(o.configs, "sandbox") {
		fatalf("-configs must include sandbox")
	}
	if o.reps < 1 {
		fatalf("-reps must be at least 1")
	}
	if o.mode != "all" && o.mode != "scale" && o.mode != "latency" {
		fatalf("-mode must be all, scale or latency")
	}
	if err := run(o); err != nil {
		fatalf("%v", err)
	}
}

func parseNs(s string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		if strings.TrimSpace(f) == "" {
			continue
		}
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 10 {
			return nil, fmt.Errorf("%q is not a count of at least 10", f)
		}
		out = append(out, n)
	}
	return out, nil
}

func fatalf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "bench: "+format+"\n", args...)
	os.Exit(1)
}

func logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "bench: "+format+"\n", args...)
}

// bench holds what the commands need.
type bench struct {
	o        options
	tmp      string
	tf       string
	env      []string
	realBin  string
	floorBin string
	noopBin  string
	admin    string // sandbox base URL
	cardID   string
	api      *client.Client
}

func run(o options) error {
	root, err := repoRoot()
	if err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "affinipay-bench.")
	if err != nil {
		return err
	}
	if o.keep {
		logf("keeping %s", tmp)
	} else {
		defer os.RemoveAll(tmp)
	}
	b := &bench{o: o, tmp: tmp}

	// --- build ---------------------------------------------------------
	binDir := filepath.Join(tmp, "bin")
	pluginDir := filepath.Join(tmp, "plugins")
	b.realBin = filepath.Join(binDir, "terraform-provider-affinipay")
	b.floorBin = filepath.Join(binDir, "floor-provider")
	b.noopBin = filepath.Join(binDir, "noop-provider")
	sandboxBin := filepath.Join(binDir, "affinipay-sandbox")
	builds := []struct{ out, pkg string }{
		{b.realBin, "."},
		{sandboxBin, "./cmd/affinipay-sandbox"},
		{b.floorBin, "./internal/bench/cmd/floor-provider"},
		{b.noopBin, "./internal/bench/cmd/noop-provider"},
		{filepath.Join(pluginDir, "terraform-provider-affinipay"), "./internal/bench/cmd/rsswrap"},
	}
	if o.realBin != "" {
		b.realBin, builds = o.realBin, builds[1:]
	}
	for _, bd := range builds {
		logf("go build -o %s %s", bd.out, bd.pkg)
		cmd := exec.Command("go", "build", "-ldflags", "-X main.version=bench", "-o", bd.out, bd.pkg)
		cmd.Dir, cmd.Stdout, cmd.Stderr = root, os.Stderr, os.Stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("building %s: %w", bd.pkg, err)
		}
	}
	if b.tf, err = findTerraform(root); err != nil {
		return err
	}
	logf("terraform: %s", b.tf)

	// --- sandbox -------------------------------------------------------
	envFile := filepath.Join(tmp, "sandbox.env")
	sandboxLog, err := os.Create(filepath.Join(tmp, "sandbox.log"))
	if err != nil {
		return err
	}
	defer sandboxLog.Close()
	sb := exec.Command(sandboxBin, "-listen", "127.0.0.1:0", "-env-file", envFile)
	sb.Stdout, sb.Stderr = sandboxLog, sandboxLog
	if err := sb.Start(); err != nil {
		return err
	}
	defer func() {
		_ = sb.Process.Signal(syscall.SIGTERM)
		done := make(chan struct{})
		go func() { _ = sb.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			_ = sb.Process.Kill()
			<-done
		}
	}()
	sandboxEnv, err := waitEnvFile(envFile, 30*time.Second)
	if err != nil {
		return err
	}
	b.admin = sandboxEnv["AFFINIPAY_BASE_URL"]
	logf("sandbox (pid %d) at %s", sb.Process.Pid, b.admin)

	c, err := client.New(client.Config{
		BaseURL: b.admin, SecretKey: sandboxEnv["AFFINIPAY_SECRET_KEY"], AccessToken: sandboxEnv["AFFINIPAY_ACCESS_TOKEN"],
		PublicKey: sandboxEnv["AFFINIPAY_PUBLIC_KEY"],
	})
	if err != nil {
		return err
	}
	card, err := c.CreateSavedCard(context.Background(), client.SavedCardCreate{
		Number: "4242424242424242", ExpMonth: 12, ExpYear: 2100, CVV: "123", Name: "Bench Customer", PostalCode: "78701",
	})
	if err != nil {
		return fmt.Errorf("saving the card the recurring charges use: %w", err)
	}
	b.cardID = card.ID
	b.api = c

	// --- terraform environment ----------------------------------------
	rc := filepath.Join(tmp, "terraformrc")
	if err := os.WriteFile(rc, []byte(fmt.Sprintf("provider_installation {\n  dev_overrides {\n    %q = %q\n  }\n  direct {}\n}\n", providerAddress, pluginDir)), 0o600); err != nil {
		return err
	}
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		if name == profiling.EnvDir {
			b.env = append(b.env, kv) // profiles of every provider process, on request
			continue
		}
		if strings.HasPrefix(name, "TF_") || strings.HasPrefix(name, "AFFINIPAY_") || strings.HasPrefix(name, "BENCH_") {
			continue // no logging, no stray CLI args, only the sandbox's credentials
		}
		b.env = append(b.env, kv)
	}
	b.env = append(b.env, "TF_CLI_CONFIG_FILE="+rc, "TF_IN_AUTOMATION=1", "TF_INPUT=0", "CHECKPOINT_DISABLE=1")
	for k, v := range sandboxEnv {
		b.env = append(b.env, k+"="+v)
	}

	// --- measure -------------------------------------------------------
	all := struct {
		Scale   []*scaleResult
		Latency []*latencyResult
	}{}
	start := time.Now()
	if o.mode != "latency" {
		for _, n := range o.ns {
			r, err := b.measureScale(n)
			if err != nil {
				return err
			}
			all.Scale = append(all.Scale, r)
		}
	}
	scaleTook := time.Since(start)
	if o.mode != "scale" {
		for _, n := range o.latNs {
			r, err := b.measureLatency(n)
			if err != nil {
				return err
			}
			all.Latency = append(all.Latency, r)
		}
	}
	_ = b.setLatency(0)
	logf("measured in %s (scale %s, latency %s)", time.Since(start).Round(time.Second), scaleTook.Round(time.Second), (time.Since(start) - scaleTook).Round(time.Second))

	t := &targets{w: os.Stdout}
	if len(all.Scale) > 0 {
		reportScale(os.Stdout, o, all.Scale, t)
	}
	if len(all.Latency) > 0 {
		reportLatency(os.Stdout, o, all.Latency, t)
	}
	t.print()
	if o.jsonOut != "" {
		data, _ := json.MarshalIndent(all, "", "  ")
		if err := os.WriteFile(o.jsonOut, data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// sample is one terraform command.
type sample struct {
	Wall     time.Duration
	CPU      time.Duration // provider CPU time (user+system, all its processes)
	RSSKiB   int64         // the largest peak RSS of its provider processes
	Requests map[string]int64
	Empty    bool // a plan that reported no changes
}

func (s sample) total() int64 { return sumCounts(s.Requests) }

// cmd runs one terraform command in dir with the launcher running target
// (with providerEnv added to the provider's environment only) and measures
// it, requests included.
func (b *bench) cmd(dir, target, providerEnv, phase, name string) (sample, error) {
	before, err := b.metrics()
	if err != nil {
		return sample{}, err
	}
	if b.o.profileDir != "" {
		pd := filepath.Join(b.o.profileDir, name)
		if err := os.MkdirAll(pd, 0o755); err != nil {
			return sample{}, err
		}
		providerEnv = strings.TrimSpace(providerEnv + " " + profiling.EnvDir + "=" + pd)
	}
	d, rss, cpu, code, err := b.terraform(dir, target, providerEnv, phase, name)
	if err != nil {
		return sample{}, fmt.Errorf("%s: %w", name, err)
	}
	after, err := b.metrics()
	if err != nil {
		return sample{}, err
	}
	s := sample{Wall: d, CPU: cpu, RSSKiB: rss, Requests: diffMetrics(before, after), Empty: phase == "plan" && code == 0}
	logf("%-34s %7.2fs  provider CPU %6.2fs  peak RSS %6.1f MiB  %d requests", name, d.Seconds(), cpu.Seconds(), float64(rss)/1024, s.total())
	return s, nil
}

func (b *bench) logPath(name string) string { return filepath.Join(b.tmp, "logs", name+".log") }

// terraform runs one command in dir with the launcher running target, and
// returns its wall time, the provider's peak RSS (KiB) and CPU time, and
// the exit code. A plan returns exit code 2 (changes present) without error.
func (b *bench) terraform(dir, target, providerEnv, phase, name string) (time.Duration, int64, time.Duration, int, error) {
	args := []string{phase, "-input=false", "-no-color", "-parallelism=" + strconv.Itoa(b.o.parallelism)}
	switch phase {
	case "apply", "destroy":
		args = append(args, "-auto-approve")
	case "plan":
		args = append(args, "-detailed-exitcode")
	}
	logFile := b.logPath(name)
	if err := os.MkdirAll(filepath.Dir(logFile), 0o755); err != nil {
		return 0, 0, 0, 0, err
	}
	lf, err := os.Create(logFile)
	if err != nil {
		return 0, 0, 0, 0, err
	}
	defer lf.Close()
	rssFile := filepath.Join(b.tmp, "rss-"+name)
	cmd := exec.Command(b.tf, args...)
	cmd.Dir, cmd.Stdout, cmd.Stderr = dir, lf, lf
	cmd.Env = append(append([]string{}, b.env...), "BENCH_WRAP_TARGET="+target, "BENCH_RSS_FILE="+rssFile, "BENCH_WRAP_ENV="+providerEnv)
	start := time.Now()
	err = cmd.Run()
	d := time.Since(start)
	code := 0
	if err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			return d, 0, 0, 0, err
		}
		code = ee.ExitCode()
		if phase != "plan" || code != 2 {
			return d, 0, 0, code, fmt.Errorf("terraform %s exited with %d; last lines of %s:\n%s", phase, code, logFile, tail(logFile, 30))
		}
	}
	rss, cpu, err := readLauncherFile(rssFile)
	if err != nil {
		return d, 0, 0, code, err
	}
	return d, rss, cpu, code, nil
}

// workDir makes a directory holding main.tf.
func (b *bench) workDir(name, cfg string) (string, error) {
	dir := filepath.Join(b.tmp, "work", name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	return dir, os.WriteFile(filepath.Join(dir, "main.tf"), []byte(cfg), 0o644)
}

// targets collects the PASS/FAIL lines.
type targets struct {
	w     *os.File
	lines []string
	fails int
}

func (t *targets) check(ok bool, format string, args ...any) {
	status := "PASS"
	if !ok {
		status = "FAIL"
		t.fails++
	}
	t.lines = append(t.lines, fmt.Sprintf("  [%s] %s", status, fmt.Sprintf(format, args...)))
}

func (t *targets) print() {
	fmt.Fprintf(t.w, "\nTargets (%d failed):\n%s\n", t.fails, strings.Join(t.lines, "\n"))
}

func durations(ss []sample, f func(sample) time.Duration) []time.Duration {
	out := make([]time.Duration, len(ss))
	for i, s := range ss {
		out[i] = f(s)
	}
	return out
}

func wallOf(s sample) time.Duration { return s.Wall }
func cpuOf(s sample) time.Duration  { return s.CPU }

// spread is "min-max" of ds in seconds.
func spread(ds []time.Duration) string {
	if len(ds) == 0 {
		return "-"
	}
	lo, hi := ds[0], ds[0]
	for _, d := range ds {
		lo, hi = min(lo, d), max(hi, d)
	}
	return fmt.Sprintf("%.2f-%.2f", lo.Seconds(), hi.Seconds())
}

func peakOf(ss ...sample) int64 {
	var m int64
	for _, s := range ss {
		m = max(m, s.RSSKiB)
	}
	return m
}

func mib(kib int64) float64 { return float64(kib) / 1024 }
