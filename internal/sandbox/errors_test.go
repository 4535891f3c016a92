package sandbox

import (
	"net/http"
	"strings"
	"testing"
)

func TestUnknownPathIs404WithoutContext(t *testing.T) {
	e := newEnv(t)
	want := Message{Code: "resource_not_found", Level: "error", Message: "Requested resource not found", Facility: "gateway"}
	for _, p := range []string{"/nope", "/v1/merchants", "/v1/ach-accounts", "/v1/ach-accounts/a/b", "/_sandbox/nope"} {
		expectMessages(t, e.do("GET", p, testKey, nil), http.StatusNotFound, want)
	}
}

func TestWrongMethodIs400InvalidRequest(t *testing.T) {
	e := newEnv(t)
	for _, c := range []struct{ method, path string }{
		{"POST", "/v1/merchant"},
		{"DELETE", "/v1/merchant"},
		{"GET", "/v1/ach-accounts/abc"},
		{"GET", "/oauth/token"},
		{"PUT", "/status"},
		{"DELETE", "/_sandbox/metrics"},
	} {
		r := e.do(c.method, c.path, testKey, nil)
		if r.status != 400 {
			t.Fatalf("%s %s: %d %s", c.method, c.path, r.status, r.body)
		}
		m := r.messages(t)
		if len(m) != 1 || m[0].Code != "invalid_request" || m[0].Level != "error" || m[0].Facility != "gateway" || m[0].Context != "" {
			t.Errorf("%s %s: %s", c.method, c.path, r.body)
		}
	}
}

func TestBodyErrors(t *testing.T) {
	e := newEnv(t)
	send := func(method, path, ct, body string) response {
		req, _ := http.NewRequest(method, e.ts.URL+path, strings.NewReader(body))
		if ct != "" {
			req.Header.Set("Content-Type", ct)
		}
		req.SetBasicAuth(TestSecretKey, "")
		return e.send(req)
	}
	noContentMsg := Message{Code: "no_content", Level: "error", Message: "No JSON content received", Facility: "gateway"}
	malformed := Message{Code: "malformed_request", Level: "error", Message: "Unable to process JSON content", Facility: "gateway"}
	for _, path := range []string{"/v1/merchant", "/v1/ach-accounts/anything"} {
		for _, method := range []string{"PUT", "PATCH"} {
			expectMessages(t, send(method, path, "application/json", ""), 422, noContentMsg)
			expectMessages(t, send(method, path, "application/json", "  \n"), 422, noContentMsg)
			expectMessages(t, send(method, path, "", ""), 422, noContentMsg)
			expectMessages(t, send(method, path, "application/json", `{"name":`), 400, malformed)
			expectMessages(t, send(method, path, "application/json", `["name"]`), 400, malformed)
			expectMessages(t, send(method, path, "application/json", `{"name":"a"} {}`), 400, malformed)
			for _, ct := range []string{"application/x-www-form-urlencoded", "text/plain", ""} {
				r := send(method, path, ct, `{"name":"a"}`)
				if m := r.messages(t); r.status != 400 || len(m) != 1 || m[0].Code != "invalid_request" {
					t.Errorf("%s %s Content-Type %q: %d %s", method, path, ct, r.status, r.body)
				}
			}
		}
	}
	// charset parameter is fine.
	if r := send("PATCH", "/v1/merchant", "application/json; charset=utf-8", `{"city":"Orono"}`); r.status != 200 {
		t.Errorf("charset: %d %s", r.status, r.body)
	}
}
