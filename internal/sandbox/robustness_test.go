package sandbox

import (
	"net/http"
	"testing"
	"time"
)

// A handler that panics while holding s.mu answers 500 server_error, is
// counted, and does not wedge the server: the next request is served.
func TestPanicRecoveryReleasesLock(t *testing.T) {
	e := newEnv(t)
	e.s.handle("GET /v1/test-panic", e.s.secretKeyAuth(func(w http.ResponseWriter, r *http.Request) {
		e.s.mu.Lock()
		defer e.s.mu.Unlock()
		_, _ = w.Write([]byte(`{"partial":`))
		panic("handler bug")
	}))
	expectMessages(t, e.do("GET", "/v1/test-panic", testKey, nil), http.StatusInternalServerError, serverError())
	if got := e.s.Metrics().Panics; got != 1 {
		t.Fatalf("Metrics().Panics = %d, want 1", got)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		e.merchant(testKey)
	}()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("GET /v1/merchant still blocked 5s after a handler panic: s.mu was not released")
	}
}

// The admin endpoints answer only requests addressed to a loopback host.
func TestAdminRefusesNonLoopbackHost(t *testing.T) {
	e := newEnv(t)
	for _, host := range []string{"sandbox.example.com", "10.0.0.5:8080", "0.0.0.0"} {
		req, err := http.NewRequest("GET", e.ts.URL+"/_sandbox/metrics", nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Host = host
		r := e.send(req)
		if r.status != http.StatusForbidden {
			t.Fatalf("Host %q: status %d, want 403 (%s)", host, r.status, r.body)
		}
		if m := r.messages(t); len(m) != 1 || m[0].Code != "not_authorized" {
			t.Fatalf("Host %q: messages %+v", host, m)
		}
	}
	for _, host := range []string{"localhost", "localhost:1234", "127.0.0.1", "[::1]:80", "127.0.0.9"} {
		req, err := http.NewRequest("GET", e.ts.URL+"/_sandbox/metrics", nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Host = host
		if r := e.send(req); r.status != http.StatusOK {
			t.Fatalf("Host %q: status %d, want 200 (%s)", host, r.status, r.body)
		}
	}
	// The API itself does not care about Host.
	req, _ := http.NewRequest("GET", e.ts.URL+"/v1/merchant", nil)
	req.Host = "api.affinipay.com"
	applyAuth(req, testKey)
	if r := e.send(req); r.status != http.StatusOK {
		t.Fatalf("API with Host api.affinipay.com: %d", r.status)
	}
}
