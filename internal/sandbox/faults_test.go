package sandbox

import (
	"context"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"
)

func (e *env) setFaults(f Faults) {
	e.t.Helper()
	if err := e.s.SetFaults(f); err != nil {
		e.t.Fatal(err)
	}
}

// statuses sends n GET /status requests and returns their status codes.
func (e *env) statuses(n int) []int {
	e.t.Helper()
	out := make([]int, n)
	for i := range out {
		out[i] = e.do("GET", "/status", testKey, nil).status
	}
	return out
}

func TestFaultLatency(t *testing.T) {
	e := newEnv(t)
	e.setFaults(Faults{LatencyMS: 60})
	start := time.Now()
	if r := e.do("GET", "/status", noAuth, nil); r.status != 200 {
		t.Fatalf("status %d", r.status)
	}
	if d := time.Since(start); d < 60*time.Millisecond {
		t.Fatalf("request took %v, want >= 60ms", d)
	}
	e.do("GET", "/_sandbox/metrics", noAuth, nil) // admin: not delayed, not counted
	if got := e.s.Metrics().Faults["latency"]; got != 1 {
		t.Fatalf("latency count = %d", got)
	}
}

// A delayed request ends as soon as its client gives up, also when it has
// a body (the schedule preview is a GET with one): its handler is not left
// waiting out the latency, holding the connection.
func TestFaultLatencyEndsWithClient(t *testing.T) {
	e := newEnv(t)
	e.setFaults(Faults{LatencyMS: 10_000})
	for _, body := range []string{"", `{"amount":1250}`} {
		before := e.s.Metrics().Total
		ctx, cancel := context.WithTimeout(t.Context(), 200*time.Millisecond)
		req, err := http.NewRequestWithContext(ctx, "GET", e.ts.URL+"/v1/recurring/charges/schedule", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		applyAuth(req, testKey)
		if resp, err := http.DefaultClient.Do(req); err == nil {
			resp.Body.Close()
			t.Fatalf("body %q: answered %d within the latency", body, resp.StatusCode)
		}
		cancel()
		start := time.Now()
		for e.s.Metrics().Total == before {
			if time.Since(start) > 3*time.Second {
				t.Fatalf("body %q: the request was still held %s after its client gave up", body, time.Since(start))
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
}

func TestFaultRateLimitEveryN(t *testing.T) {
	e := newEnv(t)
	e.setFaults(Faults{RateLimitEveryN: 3})
	got := e.statuses(7)
	want := []int{200, 200, 429, 200, 200, 429, 200}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("statuses %v, want %v", got, want)
	}
	e.setFaults(Faults{RateLimitEveryN: 1})
	r := e.do("GET", "/v1/merchant", testKey, nil)
	if r.status != 429 || r.header.Get("Retry-After") != "1" {
		t.Fatalf("429: %d Retry-After=%q", r.status, r.header.Get("Retry-After"))
	}
	if m := r.messages(t); len(m) != 1 || m[0].Code != "rate_limited" || m[0].Level != "error" {
		t.Fatalf("body %s", r.body)
	}
	m := e.s.Metrics()
	if m.Faults["rate_limited"] != 3 {
		t.Errorf("rate_limited = %d", m.Faults["rate_limited"])
	}
	found := false
	for _, rc := range m.Requests {
		if rc.Path == "/status" && rc.Status == 429 && rc.Count == 2 {
			found = true
		}
	}
	if !found {
		t.Errorf("429s not in metrics: %+v", m.Requests)
	}
}

func TestFaultErrorsSkipHandler(t *testing.T) {
	for _, c := range []struct {
		f      Faults
		status int
		code   string
		key    string
	}{
		{Faults{ErrorRate503: 1, Methods: []string{"patch"}}, 503, "service_unavailable", "error_503"},
		{Faults{ErrorRate500: 1, Methods: []string{"PATCH"}}, 500, "server_error", "error_500"},
	} {
		e := newEnv(t)
		e.setFaults(c.f)
		r := e.do("PATCH", "/v1/merchant", testKey, map[string]any{"name": "Should Not Stick"})
		if r.status != c.status {
			t.Fatalf("status %d, want %d", r.status, c.status)
		}
		if m := r.messages(t); len(m) != 1 || m[0].Code != c.code {
			t.Fatalf("body %s", r.body)
		}
		// GET is not in Methods: unaffected, and the PATCH did not run.
		if m := e.merchant(testKey); m.Name == "Should Not Stick" {
			t.Fatal("handler ran despite the injected error")
		}
		if got := e.s.Metrics().Faults[c.key]; got != 1 {
			t.Errorf("%s = %d", c.key, got)
		}
	}
}

func TestFaultsDeterministicWithSeed(t *testing.T) {
	e := newEnv(t)
	cfg := Faults{ErrorRate503: 0.3, ErrorRate500: 0.3, Seed: 99}
	e.setFaults(cfg)
	first := e.statuses(40)
	e.setFaults(cfg)
	second := e.statuses(40)
	if !reflect.DeepEqual(first, second) {
		t.Fatalf("same seed, different outcomes:\n%v\n%v", first, second)
	}
	counts := map[int]int{}
	for _, s := range first {
		counts[s]++
	}
	if counts[200] == 0 || counts[503] == 0 || counts[500] == 0 {
		t.Fatalf("expected a mix of 200/503/500, got %v", counts)
	}
	cfg.Seed = 100
	e.setFaults(cfg)
	if third := e.statuses(40); reflect.DeepEqual(first, third) {
		t.Fatal("different seeds gave identical outcomes")
	}
}

func TestFaultDropAfterCommit(t *testing.T) {
	e := newEnv(t)
	e.setFaults(Faults{DropAfterCommitRate: 1, Methods: []string{"PATCH"}})
	req, _ := http.NewRequest("PATCH", e.ts.URL+"/v1/merchant", strings.NewReader(`{"name":"Committed"}`))
	req.Header.Set("Content-Type", "application/json")
	req.SetBasicAuth(TestSecretKey, "")
	client := &http.Client{Transport: &http.Transport{}}
	resp, err := client.Do(req)
	if err == nil {
		resp.Body.Close()
		t.Fatalf("expected a connection error, got status %d", resp.StatusCode)
	}
	if m := e.merchant(testKey); m.Name != "Committed" {
		t.Fatalf("change not committed: name = %q", m.Name)
	}
	m := e.s.Metrics()
	if m.Faults["dropped_after_commit"] != 1 {
		t.Errorf("dropped_after_commit = %d", m.Faults["dropped_after_commit"])
	}
	found := false
	for _, rc := range m.Requests {
		if rc.Method == "PATCH" && rc.Path == "/v1/merchant" && rc.Status == 0 && rc.Count == 1 {
			found = true
		}
	}
	if !found {
		t.Errorf("dropped request not recorded with status 0: %+v", m.Requests)
	}
}

func TestAdminNeverFaultedAndFaultsEndpoint(t *testing.T) {
	e := newEnv(t)
	r := e.do("POST", "/_sandbox/faults", noAuth, map[string]any{"error_rate_500": 1, "methods": []string{"get"}, "seed": 5})
	if r.status != http.StatusNoContent {
		t.Fatalf("POST faults: %d %s", r.status, r.body)
	}
	var f Faults
	e.do("GET", "/_sandbox/faults", noAuth, nil).json(t, &f)
	if f.ErrorRate500 != 1 || !reflect.DeepEqual(f.Methods, []string{"GET"}) || f.Seed != 5 {
		t.Fatalf("GET faults = %+v", f)
	}
	if r := e.do("GET", "/status", noAuth, nil); r.status != 500 {
		t.Fatalf("GET /status = %d, want injected 500", r.status)
	}
	if r := e.do("GET", "/_sandbox/metrics", noAuth, nil); r.status != 200 {
		t.Fatalf("admin faulted: %d", r.status)
	}
	if r := e.do("POST", "/_sandbox/faults", noAuth, `{}`); r.status != http.StatusNoContent {
		t.Fatalf("clear faults: %d", r.status)
	}
	if r := e.do("GET", "/status", noAuth, nil); r.status != 200 {
		t.Fatalf("faults not cleared: %d", r.status)
	}

	expectInvalid(t, e.do("POST", "/_sandbox/faults", noAuth, `{"error_rate_503": 1.5}`), [2]string{"error_rate_503", "invalid"})
	expectInvalid(t, e.do("POST", "/_sandbox/faults", noAuth, `{"methods": ["BREW"]}`), [2]string{"methods", "invalid"})
	expectInvalid(t, e.do("POST", "/_sandbox/faults", noAuth, `{"latency_ms": -1}`), [2]string{"latency_ms", "invalid"})
	if r := e.do("POST", "/_sandbox/faults", noAuth, `{"error_rate": 1}`); r.status != 400 {
		t.Fatalf("unknown field: %d %s", r.status, r.body)
	}
	if err := e.s.SetFaults(Faults{DropAfterCommitRate: -0.1}); err == nil {
		t.Fatal("SetFaults accepted a negative rate")
	}
	if m := e.s.Metrics(); m.Total != 2 {
		t.Fatalf("admin requests counted: total %d", m.Total)
	}
}
