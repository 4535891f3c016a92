package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/client"
)

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

// listed is how many contacts and recurring charges the sandbox's lists
// hold now.
func (b *bench) listed() (contacts, charges int, err error) {
	ctx := context.Background()
	cs, err := b.api.SearchContacts(ctx, client.ContactSearch{})
	if err != nil {
		return 0, 0, fmt.Errorf("listing contacts: %w", err)
	}
	rs, err := b.api.ListRecurringCharges(ctx, client.RecurringChargeFilter{})
	if err != nil {
		return 0, 0, fmt.Errorf("listing recurring charges: %w", err)
	}
	return len(cs), len(rs), nil
}
