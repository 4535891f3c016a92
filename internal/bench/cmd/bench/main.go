// Command bench is `make bench` (bench-only; not part of `make test`): it
// builds the provider, the sandbox, the floor provider
// (internal/bench/floorprovider) and the RSS launcher (cmd/rsswrap), starts
// the sandbox, and for each N (default 100 and 500) measures three
// configurations of the same Terraform configuration side by side:
//
//	floor    the floor provider: the real schemas, in-memory CRUD, no API call
//	sandbox  the real provider against the sandbox, no added latency
//	latency  the same with the sandbox's latency_ms fault (default 50 ms)
//
// The configuration is N affinipay_contact (with tags and an email address),
// N/10 affinipay_recurring_charge (on a saved card) and 20
// affinipay_webhook_endpoint. For each configuration it times `terraform
// apply`, a no-change `terraform plan` (with refresh; it must report no
// changes) and `terraform destroy`, the median of -reps repetitions, at
// -parallelism (Terraform's default, 10). Repetitions are interleaved
// (floor, sandbox, latency, then again) so that load from other processes
// on the machine spreads over all three alike.
//
// Peak memory: Terraform starts the launcher (installed under the
// provider's name in the dev_overrides directory), which runs the provider
// as its child and records the child's ru_maxrss from wait4 (the kernel's
// exact high-water mark of its resident set). Terraform may start the
// provider more than once per command; the largest is reported.
//
// Request counts come from the sandbox's GET /_sandbox/metrics, taken
// before and after each command (per method and path template).
//
// It prints a table, the requests of each command, one line per figure
// with its ratio to the floor, and the targets with PASS/FAIL.
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/client"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/profiling"
)

const providerAddress = "registry.terraform.io/affinipay-terraform/affinipay"

// Configurations, in the order they run and are printed.
const (
	cfgFloor   = "floor"
	cfgSandbox = "sandbox"
	cfgLatency = "latency"
)

var phases = []string{"apply", "plan", "destroy"}

type options struct {
	ns          []int
	reps        int
	parallelism int
	latencyMS   int
	webhooks    int
	keep        bool
	jsonOut     string
	realBin     string
}

// result is one configuration at one N.
type result struct {
	N      int
	Config string
	// Per phase: wall times of each repetition, peak RSS (KiB) of each
	// repetition, request counts of the first repetition ("METHOD path" ->
	// count; non-2xx responses as "METHOD path [status]").
	Times    map[string][]time.Duration
	RSSKiB   map[string][]int64
	CPU      map[string][]time.Duration // provider CPU time (user+system, all its processes)
	Requests map[string]map[string]int64
	// Problems seen (a plan that was not empty, request counts differing
	// between repetitions, error responses).
	Notes []string
}

func (r *result) median(phase string) time.Duration { return median(r.Times[phase]) }

func (r *result) peakRSS(phase string) int64 {
	var m int64
	for _, v := range r.RSSKiB[phase] {
		m = max(m, v)
	}
	return m
}

func (r *result) totalRequests(phase string) int64 {
	var n int64
	for _, c := range r.Requests[phase] {
		n += c
	}
	return n
}

func main() {
	var o options
	ns := flag.String("n", "100,500", "comma-separated resource counts N")
	flag.IntVar(&o.reps, "reps", 3, "repetitions of apply/plan/destroy per configuration (the median is reported)")
	flag.IntVar(&o.parallelism, "parallelism", 10, "terraform -parallelism")
	flag.IntVar(&o.latencyMS, "latency", 50, "sandbox latency_ms of the latency configuration")
	flag.IntVar(&o.webhooks, "webhooks", 20, "webhook endpoints in the configuration")
	flag.BoolVar(&o.keep, "keep", false, "keep the temporary directory (binaries, configurations, logs)")
	flag.StringVar(&o.jsonOut, "json", "", "also write the results as JSON to this file")
	flag.StringVar(&o.realBin, "provider-bin", "", "use this provider binary (e.g. one built from an earlier commit) instead of building the working tree's")
	flag.Parse()
	for _, s := range strings.Split(*ns, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 10 {
			fatalf("-n: %q is not a count of at least 10", s)
		}
		o.ns = append(o.ns, n)
	}
	if o.reps < 1 {
		fatalf("-reps must be at least 1")
	}
	if err := run(o); err != nil {
		fatalf("%v", err)
	}
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
	admin    string // sandbox base URL
	cardID   string
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
	sandboxBin := filepath.Join(binDir, "affinipay-sandbox")
	builds := []struct{ out, pkg string }{
		{b.realBin, "."},
		{sandboxBin, "./cmd/affinipay-sandbox"},
		{b.floorBin, "./internal/bench/cmd/floor-provider"},
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
	start := time.Now()
	var results []*result
	for _, n := range o.ns {
		rs, err := b.measure(n)
		if err != nil {
			return err
		}
		results = append(results, rs...)
	}
	_ = b.setLatency(0)
	logf("measured in %s", time.Since(start).Round(time.Second))

	report(os.Stdout, o, results)
	if o.jsonOut != "" {
		data, _ := json.MarshalIndent(results, "", "  ")
		if err := os.WriteFile(o.jsonOut, data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// measure runs the three configurations at N, interleaving repetitions.
func (b *bench) measure(n int) ([]*result, error) {
	cfg := terraformConfig(n, b.o.webhooks, b.cardID)
	configs := []string{cfgFloor, cfgSandbox, cfgLatency}
	out := map[string]*result{}
	for _, name := range configs {
		dir := filepath.Join(b.tmp, "work", fmt.Sprintf("n%d-%s", n, name))
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, err
		}
		if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(cfg), 0o644); err != nil {
			return nil, err
		}
		out[name] = &result{N: n, Config: name, Times: map[string][]time.Duration{}, RSSKiB: map[string][]int64{}, CPU: map[string][]time.Duration{}, Requests: map[string]map[string]int64{}}
	}
	for rep := 1; rep <= b.o.reps; rep++ {
		for _, name := range configs {
			r := out[name]
			latency := 0
			if name == cfgLatency {
				latency = b.o.latencyMS
			}
			if err := b.setLatency(latency); err != nil {
				return nil, err
			}
			target := b.realBin
			if name == cfgFloor {
				target = b.floorBin
			}
			dir := filepath.Join(b.tmp, "work", fmt.Sprintf("n%d-%s", n, name))
			for _, phase := range phases {
				before, err := b.metrics()
				if err != nil {
					return nil, err
				}
				d, rss, cpu, code, err := b.terraform(dir, target, phase, fmt.Sprintf("n%d-%s-%d-%s", n, name, rep, phase))
				if err != nil {
					if phase != "destroy" {
						_, _, _, _, _ = b.terraform(dir, target, "destroy", fmt.Sprintf("n%d-%s-%d-cleanup", n, name, rep))
					}
					return nil, fmt.Errorf("n=%d %s %s: %w", n, name, phase, err)
				}
				after, err := b.metrics()
				if err != nil {
					return nil, err
				}
				reqs := diffMetrics(before, after)
				if phase == "plan" && code == 2 {
					r.Notes = append(r.Notes, fmt.Sprintf("repetition %d: the plan after apply was NOT empty (see %s)", rep, b.logPath(fmt.Sprintf("n%d-%s-%d-plan", n, name, rep))))
				}
				for k, v := range reqs {
					if strings.Contains(k, "[") {
						r.Notes = append(r.Notes, fmt.Sprintf("repetition %d %s: %d error responses %s", rep, phase, v, k))
					}
				}
				if rep == 1 {
					r.Requests[phase] = reqs
				} else if !sameCounts(withoutMerchant(r.Requests[phase]), withoutMerchant(reqs)) {
					r.Notes = append(r.Notes, fmt.Sprintf("repetition %d %s: request counts differ from repetition 1: %s", rep, phase, formatRequests(reqs)))
				}
				r.Times[phase] = append(r.Times[phase], d)
				r.RSSKiB[phase] = append(r.RSSKiB[phase], rss)
				r.CPU[phase] = append(r.CPU[phase], cpu)
				logf("N=%d %-7s rep %d %-7s %7.2fs  provider CPU %6.2fs  peak RSS %5.1f MiB  %d requests", n, name, rep, phase, d.Seconds(), cpu.Seconds(), float64(rss)/1024, sumCounts(reqs))
			}
		}
	}
	if err := b.setLatency(0); err != nil {
		return nil, err
	}
	rs := make([]*result, 0, len(configs))
	for _, name := range configs {
		rs = append(rs, out[name])
	}
	return rs, nil
}

func (b *bench) logPath(name string) string { return filepath.Join(b.tmp, "logs", name+".log") }

// terraform runs one command in dir with the launcher running target, and
// returns its wall time, the provider's peak RSS (KiB) and CPU time, and
// the exit code. A plan returns exit code 2 (changes present) without error.
func (b *bench) terraform(dir, target, phase, name string) (time.Duration, int64, time.Duration, int, error) {
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
	cmd.Env = append(append([]string{}, b.env...), "BENCH_WRAP_TARGET="+target, "BENCH_RSS_FILE="+rssFile)
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

// readLauncherFile returns the largest peak RSS (KiB) and the total CPU
// time of the provider processes the launcher recorded.
func readLauncherFile(file string) (int64, time.Duration, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return 0, 0, fmt.Errorf("the provider launcher recorded no RSS (%w): did Terraform start the provider?", err)
	}
	var peak int64
	var cpu time.Duration
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		f := strings.Fields(line)
		if len(f) != 3 {
			continue
		}
		if v, err := strconv.ParseInt(f[1], 10, 64); err == nil {
			peak = max(peak, v)
		}
		if v, err := strconv.ParseInt(f[2], 10, 64); err == nil {
			cpu += time.Duration(v) * time.Millisecond
		}
	}
	return peak, cpu, nil
}

func tail(file string, n int) string {
	data, _ := os.ReadFile(file)
	lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// --- sandbox admin ------------------------------------------------------

type sandboxMetrics struct {
	Requests []struct {
		Method string `json:"method"`
		Path   string `json:"path"`
		Status int    `json:"status"`
		Count  int64  `json:"count"`
	} `json:"requests"`
}

func (b *bench) metrics() (map[string]int64, error) {
	resp, err := http.Get(b.admin + "/_sandbox/metrics")
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var m sandboxMetrics
	if err := json.NewDecoder(resp.Body).Decode(&m); err != nil {
		return nil, fmt.Errorf("decoding /_sandbox/metrics: %w", err)
	}
	out := map[string]int64{}
	for _, r := range m.Requests {
		key := r.Method + " " + r.Path
		if r.Status < 200 || r.Status > 299 {
			key += fmt.Sprintf(" [%d]", r.Status)
		}
		out[key] += r.Count
	}
	return out, nil
}

func (b *bench) setLatency(ms int) error {
	body, _ := json.Marshal(map[string]int{"latency_ms": ms})
	if ms == 0 {
		body = []byte("{}")
	}
	resp, err := http.Post(b.admin+"/_sandbox/faults", "application/json", bytes.NewReader(body))
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusNoContent {
		msg, _ := io.ReadAll(resp.Body)
		return fmt.Errorf("POST /_sandbox/faults: %s: %s", resp.Status, msg)
	}
	return nil
}

func diffMetrics(before, after map[string]int64) map[string]int64 {
	out := map[string]int64{}
	for k, v := range after {
		if d := v - before[k]; d != 0 {
			out[k] = d
		}
	}
	return out
}

func sameCounts(a, b map[string]int64) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// withoutMerchant drops the merchant's requests, whose number depends on
// how many webhook endpoint changes shared a read-modify-write cycle.
func withoutMerchant(m map[string]int64) map[string]int64 {
	out := map[string]int64{}
	for k, v := range m {
		if resourceOf(k) != "webhook_endpoint" || strings.Contains(k, "[") {
			out[k] = v
		}
	}
	return out
}

func sumCounts(m map[string]int64) int64 {
	var n int64
	for _, v := range m {
		n += v
	}
	return n
}

// resourceOf names the resource a request path belongs to.
func resourceOf(key string) string {
	_, p, _ := strings.Cut(key, " ")
	switch {
	case strings.HasPrefix(p, "/contacts"):
		return "contact"
	case strings.HasPrefix(p, "/v1/recurring/charges"):
		return "recurring_charge"
	case strings.HasPrefix(p, "/v1/merchant"):
		return "webhook_endpoint"
	}
	return "other"
}

func formatRequests(m map[string]int64) string {
	if len(m) == 0 {
		return "none"
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		ri, rj := resourceOf(keys[i]), resourceOf(keys[j])
		if ri != rj {
			return ri < rj
		}
		return keys[i] < keys[j]
	})
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%s: %s %d", resourceOf(k), k, m[k]))
	}
	return strings.Join(parts, ", ")
}

// --- configuration ------------------------------------------------------

func terraformConfig(n, webhooks int, cardID string) string {
	return fmt.Sprintf(`# Generated by internal/bench/cmd/bench.
terraform {
  required_providers {
    affinipay = {
      source = "affinipay-terraform/affinipay"
    }
  }
}

# Credentials and base_url come from the sandbox's AFFINIPAY_* variables.
provider "affinipay" {}

resource "affinipay_contact" "client" {
  count      = %d
  type       = "person"
  first_name = "Bench"
  last_name  = "Client ${count.index}"
  email_addresses = [{
    address = "client-${count.index}@bench.example.com"
  }]
  tags = ["bench", "group-${count.index %% 10}"]
}

resource "affinipay_recurring_charge" "retainer" {
  count           = %d
  method          = %q
  amount          = 10000 + count.index
  description     = "Bench retainer ${count.index}"
  reference       = "bench-${count.index}"
  max_occurrences = 12
  schedule = {
    start          = "2098-01-15"
    interval_unit  = "MONTH"
    interval_delay = 1
  }
}

resource "affinipay_webhook_endpoint" "hook" {
  count = %d
  url   = "https://hooks.example.com/bench/${count.index}"
  mode  = "test"
}
`, n, n/10, cardID, webhooks)
}

// --- report -------------------------------------------------------------

func report(w io.Writer, o options, results []*result) {
	byKey := map[string]*result{}
	for _, r := range results {
		byKey[fmt.Sprintf("%d/%s", r.N, r.Config)] = r
	}
	get := func(n int, cfg string) *result { return byKey[fmt.Sprintf("%d/%s", n, cfg)] }
	label := func(cfg string) string {
		if cfg == cfgLatency {
			return fmt.Sprintf("sandbox+%dms", o.latencyMS)
		}
		return cfg
	}

	fmt.Fprintf(w, "\nAffiniPay provider benchmark: terraform -parallelism=%d, median of %d; configuration: N contacts (tags, email), N/10 recurring charges, %d webhook endpoints\n\n", o.parallelism, o.reps, o.webhooks)
	fmt.Fprintf(w, "%-5s %-14s %9s %9s %10s %14s %12s %12s %12s   %s\n", "N", "config", "apply s", "plan s", "destroy s", "peak RSS MiB", "req apply", "req plan", "req destroy", "provider CPU s apply/plan/destroy")
	for _, r := range results {
		var rss int64
		for _, p := range phases {
			rss = max(rss, r.peakRSS(p))
		}
		fmt.Fprintf(w, "%-5d %-14s %9.2f %9.2f %10.2f %14.1f %12d %12d %12d   %.2f/%.2f/%.2f\n", r.N, label(r.Config),
			r.median("apply").Seconds(), r.median("plan").Seconds(), r.median("destroy").Seconds(), float64(rss)/1024,
			r.totalRequests("apply"), r.totalRequests("plan"), r.totalRequests("destroy"),
			median(r.CPU["apply"]).Seconds(), median(r.CPU["plan"]).Seconds(), median(r.CPU["destroy"]).Seconds())
	}

	fmt.Fprintf(w, "\nRequests per command (sandbox metrics; the latency configuration sends the same requests):\n")
	for _, r := range results {
		if r.Config != cfgSandbox {
			continue
		}
		for _, p := range phases {
			fmt.Fprintf(w, "  N=%d %-7s %s\n", r.N, p, formatRequests(r.Requests[p]))
		}
	}

	fmt.Fprintf(w, "\nRatios to the floor provider (same N):\n")
	for _, n := range o.ns {
		floor := get(n, cfgFloor)
		for _, cfg := range []string{cfgSandbox, cfgLatency} {
			r := get(n, cfg)
			for _, p := range phases {
				fmt.Fprintf(w, "  N=%-4d %-14s %-7s %7.2fs vs floor %7.2fs = %5.2fx   (provider CPU %.2fs vs %.2fs = %.2fx)\n", n, label(cfg), p,
					r.median(p).Seconds(), floor.median(p).Seconds(), ratio(r.median(p), floor.median(p)),
					median(r.CPU[p]).Seconds(), median(floor.CPU[p]).Seconds(), ratio(median(r.CPU[p]), median(floor.CPU[p])))
			}
			fmt.Fprintf(w, "  N=%-4d %-14s %-7s %7.1fMiB vs floor %5.1fMiB = %5.2fx\n", n, label(cfg), "RSS",
				float64(r.peak())/1024, float64(floor.peak())/1024, float64(r.peak())/float64(max(floor.peak(), 1)))
		}
	}

	fmt.Fprintf(w, "\nTargets:\n")
	check := func(ok bool, format string, args ...any) {
		status := "PASS"
		if !ok {
			status = "FAIL"
		}
		fmt.Fprintf(w, "  [%s] %s\n", status, fmt.Sprintf(format, args...))
	}
	for _, n := range o.ns {
		r := get(n, cfgSandbox)
		nc, nr, nw := int64(n), int64(n/10), int64(o.webhooks)
		a, pl := r.Requests["apply"], r.Requests["plan"]
		check(a["POST /contacts"] == nc && a["GET /contacts/{id}"] == 0,
			"N=%d create contact: one POST each, no read-after-write GET (POST %d, GET %d for %d contacts)", n, a["POST /contacts"], a["GET /contacts/{id}"], nc)
		check(a["POST /v1/recurring/charges"] == nr && a["GET /v1/recurring/charges/{id}"] == 0,
			"N=%d create recurring charge: one POST each, no GET (POST %d, GET %d for %d charges)", n, a["POST /v1/recurring/charges"], a["GET /v1/recurring/charges/{id}"], nr)
		check(a["GET /v1/merchant"] == a["PATCH /v1/merchant"] && a["PATCH /v1/merchant"] >= 1 && a["PATCH /v1/merchant"] <= nw,
			"N=%d create webhook endpoint: at most one GET + one PATCH of the merchant each, the read-modify-write; endpoints waiting for the merchant lock share a cycle (GET %d, PATCH %d for %d endpoints)", n, a["GET /v1/merchant"], a["PATCH /v1/merchant"], nw)
		// Shared reads (internal/client/shared_reads.go): one merchant GET
		// for every webhook endpoint, and contacts and charges from pages
		// of 100 once PagingThreshold reads are asked for.
		check(pl["GET /v1/merchant"] == 1 && sumCounts(pl) <= nc+nr+nw &&
			pl["GET /contacts/{id}"]+pl["GET /contacts"] <= min(nc, client.PagingThreshold-1+(nc+99)/100) &&
			pl["GET /v1/recurring/charges/{id}"]+pl["GET /v1/recurring/charges"] <= min(nr, client.PagingThreshold-1+(nr+99)/100),
			"N=%d refresh: one merchant GET, contacts and charges in pages (%d requests for %d resources: %s)", n, sumCounts(pl), nc+nr+nw, formatRequests(pl))
		for _, cfg := range []string{cfgFloor, cfgSandbox, cfgLatency} {
			for _, note := range get(n, cfg).Notes {
				check(false, "N=%d %s: %s", n, label(cfg), note)
			}
		}
	}
	big := o.ns[len(o.ns)-1]
	floor, sb := get(big, cfgFloor), get(big, cfgSandbox)
	// The no-change plan (a refresh of every resource) has the tighter
	// target: it is what every CI run and every `terraform plan` pays.
	limits := map[string]float64{"apply": 1.25, "plan": 1.10, "destroy": 1.25}
	for _, p := range phases {
		x := ratio(sb.median(p), floor.median(p))
		check(x <= limits[p], "N=%d %s within %.2fx of the floor at zero latency: %.2fs vs %.2fs = %.2fx", big, p, limits[p], sb.median(p).Seconds(), floor.median(p).Seconds(), x)
	}
	for _, n := range o.ns {
		fl, l := get(n, cfgFloor), get(n, cfgLatency)
		reqs := l.totalRequests("apply")
		ideal := time.Duration(reqs)*time.Duration(o.latencyMS)*time.Millisecond/time.Duration(o.parallelism) + fl.median("apply")
		x := ratio(l.median("apply"), ideal)
		check(x <= 1.3, "N=%d apply at %dms latency within 1.3x of requests x latency / parallelism + floor: %.2fs vs (%d x %dms / %d + %.2fs = %.2fs) = %.2fx",
			n, o.latencyMS, l.median("apply").Seconds(), reqs, o.latencyMS, o.parallelism, fl.median("apply").Seconds(), ideal.Seconds(), x)
	}
	if len(o.ns) >= 2 {
		small := o.ns[0]
		for _, cfg := range []string{cfgFloor, cfgSandbox, cfgLatency} {
			for _, p := range phases {
				x := ratio(get(big, cfg).median(p), get(small, cfg).median(p))
				cx := ratio(median(get(big, cfg).CPU[p]), median(get(small, cfg).CPU[p]))
				check(x <= 5.5, "growth %s %s: N=%d costs %.2fx N=%d (%.2fs vs %.2fs; provider CPU %.2fx)", label(cfg), p, big, x, small,
					get(big, cfg).median(p).Seconds(), get(small, cfg).median(p).Seconds(), cx)
			}
		}
	}
	for _, cfg := range []string{cfgSandbox, cfgLatency} {
		r := get(big, cfg)
		check(r.peak() < 80*1024, "N=%d %s provider peak RSS under 80 MB: %.1f MiB", big, label(cfg), float64(r.peak())/1024)
	}
	fmt.Fprintf(w, "\nPeak RSS: ru_maxrss of the provider process (wait4 rusage recorded by the rsswrap launcher), the largest over the command's provider processes and the repetitions.\n")
}

func (r *result) peak() int64 {
	var m int64
	for _, p := range phases {
		m = max(m, r.peakRSS(p))
	}
	return m
}

func ratio(a, b time.Duration) float64 {
	if b <= 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func median(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := append([]time.Duration{}, ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// --- setup helpers ------------------------------------------------------

func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("run from inside the repository (no go.mod found)")
		}
		dir = parent
	}
}

// findTerraform uses scripts/ensure-terraform.sh (TF_ACC_TERRAFORM_PATH,
// PATH, or the cached fallback), like the other make targets.
func findTerraform(root string) (string, error) {
	cmd := exec.Command("bash", filepath.Join(root, "scripts", "ensure-terraform.sh"))
	cmd.Dir, cmd.Stderr = root, os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("finding terraform: %w", err)
	}
	return strings.TrimSpace(string(out)), nil
}

// waitEnvFile waits for the sandbox's env file (written atomically once it
// listens) and parses its `export NAME=value` lines.
func waitEnvFile(path string, timeout time.Duration) (map[string]string, error) {
	deadline := time.Now().Add(timeout)
	for {
		if f, err := os.Open(path); err == nil {
			env := map[string]string{}
			sc := bufio.NewScanner(f)
			for sc.Scan() {
				line := strings.TrimPrefix(strings.TrimSpace(sc.Text()), "export ")
				name, val, ok := strings.Cut(line, "=")
				if !ok || !strings.HasPrefix(name, "AFFINIPAY_") {
					continue
				}
				if uq, err := strconv.Unquote(val); err == nil {
					val = uq
				} else {
					val = strings.Trim(val, "'")
				}
				env[name] = val
			}
			f.Close()
			if env["AFFINIPAY_BASE_URL"] == "" {
				return nil, fmt.Errorf("%s does not set AFFINIPAY_BASE_URL", path)
			}
			return env, nil
		}
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("the sandbox did not write %s within %s", path, timeout)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
