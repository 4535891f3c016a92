package sandbox

import (
	"net/http"
	"reflect"
	"testing"
)

func TestMetricsPathTemplatesAndCounts(t *testing.T) {
	e := newEnv(t)
	primary, other := achIDs(t, e, testKey) // 1 GET /v1/merchant
	e.do("PATCH", "/v1/ach-accounts/"+primary, testKey, map[string]any{"name": "A"})
	e.do("PATCH", "/v1/ach-accounts/"+other, testKey, map[string]any{"name": "B"})
	e.do("PATCH", "/v1/ach-accounts/missing", testKey, map[string]any{"name": "C"})
	e.do("PUT", "/v1/ach-accounts/"+other, testKey, map[string]any{"name": "B"})
	e.do("GET", "/v1/merchant", noAuth, nil)
	e.do("GET", "/status", noAuth, nil)
	e.do("GET", "/nope", noAuth, nil)
	e.do("GET", "/_sandbox/metrics", noAuth, nil) // not counted
	e.do("GET", "/_sandbox/faults", noAuth, nil)  // not counted

	want := []RequestCount{
		{Method: "GET", Path: "(unmatched)", Status: 404, Count: 1},
		{Method: "GET", Path: "/status", Status: 200, Count: 1},
		{Method: "PATCH", Path: "/v1/ach-accounts/{id}", Status: 200, Count: 2},
		{Method: "PATCH", Path: "/v1/ach-accounts/{id}", Status: 404, Count: 1},
		{Method: "PUT", Path: "/v1/ach-accounts/{id}", Status: 200, Count: 1},
		{Method: "GET", Path: "/v1/merchant", Status: 200, Count: 1},
		{Method: "GET", Path: "/v1/merchant", Status: 401, Count: 1},
	}
	m := e.s.Metrics()
	if m.Total != 8 || !reflect.DeepEqual(m.Requests, want) {
		t.Fatalf("metrics total %d\n%+v\nwant\n%+v", m.Total, m.Requests, want)
	}
	for _, k := range []string{"latency", "error_503", "error_500", "rate_limited", "dropped_after_commit"} {
		if v, ok := m.Faults[k]; !ok || v != 0 {
			t.Errorf("faults[%s] = %d, %v", k, v, ok)
		}
	}
	// The HTTP view matches.
	var viaHTTP Metrics
	e.do("GET", "/_sandbox/metrics", noAuth, nil).json(t, &viaHTTP)
	if !reflect.DeepEqual(viaHTTP, m) {
		t.Fatalf("GET /_sandbox/metrics = %+v, Metrics() = %+v", viaHTTP, m)
	}
}

func TestResetRestoresSeededState(t *testing.T) {
	e := newEnv(t)
	before := e.merchant(testKey)
	primary, other := achIDs(t, e, testKey)
	e.do("PATCH", "/v1/merchant", testKey, map[string]any{"name": "Changed"})
	e.do("PATCH", "/v1/ach-accounts/"+other, testKey, map[string]any{"primary": true})
	if err := e.s.SetFaults(Faults{LatencyMS: 1}); err != nil {
		t.Fatal(err)
	}

	r := e.do("POST", "/_sandbox/reset", noAuth, nil)
	if r.status != http.StatusNoContent {
		t.Fatalf("reset: %d", r.status)
	}
	if m := e.s.Metrics(); m.Total != 0 || len(m.Requests) != 0 || m.Faults["latency"] != 0 {
		t.Fatalf("metrics not cleared: %+v", m)
	}
	var f Faults
	e.do("GET", "/_sandbox/faults", noAuth, nil).json(t, &f)
	if f.LatencyMS != 0 {
		t.Fatalf("faults not cleared: %+v", f)
	}
	after := e.merchant(testKey)
	mustEqualMerchant(t, before, after)
	if p, _ := achIDs(t, e, testKey); p != primary {
		t.Fatal("primary not restored")
	}
	// Same seed, same IDs: a fresh server agrees.
	fresh := New(Options{Seed: 42})
	fresh.mu.Lock()
	id := fresh.st.merchant.ID
	fresh.mu.Unlock()
	if id != before.ID {
		t.Fatalf("seeded merchant ID differs across servers: %s vs %s", id, before.ID)
	}
	other2 := New(Options{Seed: 43})
	if other2.st.merchant.ID == id {
		t.Fatal("different seeds produced the same merchant ID")
	}
}

func TestConcurrentRequests(t *testing.T) {
	e := newEnv(t)
	primary, other := achIDs(t, e, testKey)
	done := make(chan struct{})
	for g := 0; g < 10; g++ {
		go func(g int) {
			defer func() { done <- struct{}{} }()
			for i := 0; i < 10; i++ {
				id := primary
				if (g+i)%2 == 0 {
					id = other
				}
				e.do("PATCH", "/v1/ach-accounts/"+id, testKey, map[string]any{"primary": true})
			}
		}(g)
	}
	for g := 0; g < 10; g++ {
		<-done
	}
	n := 0
	for _, a := range e.merchant(testKey).ACHAccounts {
		if a.Primary {
			n++
		}
	}
	if n != 1 {
		t.Fatalf("%d primary eCheck accounts after concurrent switches", n)
	}
	if total := e.s.Metrics().Total; total != 102 {
		t.Fatalf("total = %d, want 102", total)
	}
}
