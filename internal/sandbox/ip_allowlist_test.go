package sandbox

import (
	"net/http"
	"testing"
)

func (e *env) setClientAddress(addr string) {
	e.t.Helper()
	if r := e.do("POST", "/_sandbox/client-address", noAuth, map[string]any{"address": addr}); r.status != http.StatusOK {
		e.t.Fatalf("POST /_sandbox/client-address: %d %s", r.status, r.body)
	}
}

func (e *env) setRanges(a auth, ranges string) response {
	e.t.Helper()
	return e.do("PATCH", "/v1/merchant", a, map[string]any{"api_allowed_ip_address_ranges": ranges})
}

// api_allowed_ip_address_ranges is enforced on secret-key requests
// (reference :4024) with the documented 401 not_authorized.
func TestIPAllowListEnforced(t *testing.T) {
	e := newEnv(t)
	// The test server's connection comes from 127.0.0.1: narrowing the list to
	// another range succeeds (the request itself came from an allowed
	// address: the list was empty) ...
	if r := e.setRanges(testKey, "203.0.113.0/24"); r.status != http.StatusOK {
		t.Fatalf("PATCH: %d %s", r.status, r.body)
	}
	// ... and locks this client out of every Gateway request, in both modes.
	for _, a := range []auth{testKey, liveKey} {
		r := e.do("GET", "/v1/merchant", a, nil)
		expectMessages(t, r, http.StatusUnauthorized, notAuthorized())
		r = e.do("GET", "/v1/recurring/charges", a, nil)
		expectMessages(t, r, http.StatusUnauthorized, notAuthorized())
	}
	// The relayed-IP header is for country checks; it does not bypass the list.
	req, _ := http.NewRequest("GET", e.ts.URL+"/v1/merchant", nil)
	applyAuth(req, testKey)
	req.Header.Set("X-Relayed-IP-Address", "203.0.113.9")
	if r := e.send(req); r.status != http.StatusUnauthorized {
		t.Fatalf("X-Relayed-IP-Address bypassed the allow-list: %d", r.status)
	}
	// One-time tokens (public key) are not restricted by the list.
	if r := e.do("POST", "/v1/tokens", pubKey, map[string]any{"number": "4242424242424242", "exp_month": 12, "exp_year": 2099, "cvv": "123"}); r.status != http.StatusOK {
		t.Fatalf("token from outside the list: %d %s", r.status, r.body)
	}
	// From an address inside the range: allowed.
	e.setClientAddress("203.0.113.200")
	if r := e.do("GET", "/v1/merchant", testKey, nil); r.status != http.StatusOK {
		t.Fatalf("inside the range: %d %s", r.status, r.body)
	}
	// Host bits set (the reference's own example, :790): matched as the network.
	if r := e.setRanges(testKey, "127.0.0.1/32, 198.51.100.1/24"); r.status != http.StatusOK {
		t.Fatalf("PATCH host bits: %d %s", r.status, r.body)
	}
	e.setClientAddress("198.51.100.77")
	if r := e.do("GET", "/v1/merchant", testKey, nil); r.status != http.StatusOK {
		t.Fatalf("198.51.100.77 in 198.51.100.1/24: %d %s", r.status, r.body)
	}
	e.setClientAddress("198.51.101.1")
	expectMessages(t, e.do("GET", "/v1/merchant", testKey, nil), http.StatusUnauthorized, notAuthorized())
	// {} returns to the connection's address (127.0.0.1, in 127.0.0.1/32).
	if r := e.do("POST", "/_sandbox/client-address", noAuth, map[string]any{}); r.status != http.StatusOK {
		t.Fatalf("clear: %d", r.status)
	}
	if r := e.do("GET", "/v1/merchant", testKey, nil); r.status != http.StatusOK {
		t.Fatalf("back to 127.0.0.1: %d %s", r.status, r.body)
	}
	e.setClientAddress("192.0.2.1")
	expectMessages(t, e.do("GET", "/v1/merchant", testKey, nil), http.StatusUnauthorized, notAuthorized())
	// Reset restores the seeded (empty) list and the connection's address;
	// an empty list accepts any address.
	e.do("POST", "/_sandbox/reset", noAuth, nil)
	var ca clientAddressJSON
	e.do("GET", "/_sandbox/client-address", noAuth, nil).json(t, &ca)
	if ca.Address != "" {
		t.Fatalf("apparent address survived reset: %q", ca.Address)
	}
	e.setClientAddress("192.0.2.1")
	if r := e.do("GET", "/v1/merchant", testKey, nil); r.status != http.StatusOK {
		t.Fatalf("empty list from 192.0.2.1: %d %s", r.status, r.body)
	}
	expectInvalid(t, e.do("POST", "/_sandbox/client-address", noAuth, map[string]any{"address": "nope"}), [2]string{"address", "invalid"})
}
