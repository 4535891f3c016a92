package sandbox

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"
)

// newMultiEnv is newEnv with n merchants.
func newMultiEnv(t *testing.T, n int) *env {
	t.Helper()
	clock := newFakeClock()
	s := New(Options{Now: clock.Now, Seed: 42, Merchants: n})
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	return &env{t: t, s: s, ts: ts, clock: clock}
}

// keysOf returns the test-key, public-key and access-token auths of merchant n.
func keysOf(e *env, n int) (test, pub, token auth) {
	c := e.s.Merchant(n).Credentials()
	return auth{basicUser: c.TestSecretKey}, auth{basicUser: c.PublicKey}, auth{bearer: c.AccessToken}
}

func TestMerchantsDefaultIsOne(t *testing.T) {
	e := newEnv(t)
	if n := e.s.MerchantCount(); n != 1 {
		t.Fatalf("MerchantCount = %d, want 1", n)
	}
	if c := e.s.Merchant(1).Credentials(); c != DefaultCredentials() {
		t.Errorf("merchant 1 credentials = %+v, want DefaultCredentials", c)
	}
	if e.s.Merchant(2) != nil {
		t.Error("Merchant(2) exists in a one-merchant sandbox")
	}
	if got := e.merchant(testKey).ID; got != e.s.Merchant(1).ID() {
		t.Errorf("GET /v1/merchant id = %s, want %s", got, e.s.Merchant(1).ID())
	}
}

func TestMerchantsCredentialsDistinctAndWellFormed(t *testing.T) {
	e := newMultiEnv(t, 3)
	seen := map[string]int{}
	ids := map[string]bool{}
	for n := 1; n <= 3; n++ {
		c := e.s.Merchant(n).Credentials()
		for _, k := range []string{c.TestSecretKey, c.LiveSecretKey, c.AccessToken, c.ClientID, c.ClientSecret} {
			if len(k) != 64 {
				t.Errorf("merchant %d: key %q is not 64 characters", n, k)
			}
			seen[k]++
		}
		if len(c.PublicKey) != 24 || !strings.HasPrefix(c.PublicKey, "m_") {
			t.Errorf("merchant %d: public key %q", n, c.PublicKey)
		}
		seen[c.PublicKey]++
		test, _, _ := keysOf(e, n)
		m := e.merchant(test)
		if m.ID != e.s.Merchant(n).ID() || m.PublicKey != c.PublicKey {
			t.Errorf("merchant %d: GET /v1/merchant = %s/%s, want %s/%s", n, m.ID, m.PublicKey, e.s.Merchant(n).ID(), c.PublicKey)
		}
		ids[m.ID] = true
		for _, a := range m.MerchantAccounts {
			ids[a.ID] = true
		}
	}
	for k, v := range seen {
		if v != 1 {
			t.Errorf("credential %q used by %d merchants", k, v)
		}
	}
	if len(ids) != 3*(1+2) { // merchant + 2 test-mode card accounts each
		t.Errorf("seeded IDs collide across merchants: %d distinct", len(ids))
	}
}

// TestMerchantsIsolation: objects of merchant 1 are invisible to merchants 2
// and 3 (404 on read, change and delete), unknown credentials are 401, and a
// merchant's change never reaches another merchant.
func TestMerchantsIsolation(t *testing.T) {
	e := newMultiEnv(t, 3)
	test1, pub1, tok1 := keysOf(e, 1)
	test2, pub2, tok2 := keysOf(e, 2)

	// Contact API (Bearer).
	r := e.do("POST", "/contacts", tok1, map[string]any{"type": "person", "first_name": "Ann", "last_name": "One"})
	if r.status != 201 && r.status != 200 {
		t.Fatalf("create contact: %d %s", r.status, r.body)
	}
	cid := r.obj(t)["id"].(string)
	for _, c := range []struct {
		method string
		body   any
	}{{"GET", nil}, {"PATCH", map[string]any{"first_name": "Stolen"}}, {"DELETE", nil}} {
		if r := e.do(c.method, "/contacts/"+cid, tok2, c.body); r.status != http.StatusNotFound {
			t.Errorf("%s contact of merchant 1 with merchant 2's token: %d %s, want 404", c.method, r.status, r.body)
		}
	}
	if r := e.do("GET", "/contacts/"+cid, tok1, nil); r.status != 200 || r.obj(t)["first_name"] != "Ann" {
		t.Errorf("merchant 1's contact changed: %d %s", r.status, r.body)
	}
	if r := e.do("GET", "/contacts", tok2, nil); r.status != 200 || strings.Contains(string(r.body), cid) {
		t.Errorf("merchant 2's contact list shows merchant 1's contact: %d %s", r.status, r.body)
	}

	// Gateway (secret key): saved card and recurring charge.
	card := saveCard(t, e, test1, "4242424242424242")
	for _, m := range []string{"GET", "DELETE"} {
		if r := e.do(m, "/v1/cards/"+card, test2, nil); r.status != http.StatusNotFound {
			t.Errorf("%s card of merchant 1 with merchant 2's key: %d, want 404", m, r.status)
		}
	}
	e.s.SetNow(time.Date(2026, 1, 2, 10, 0, 0, 0, time.UTC))
	ch := createRC(t, e, test1, monthly(card, "2026-01-15"))
	if r := e.do("GET", "/v1/recurring/charges/"+ch.ID, test2, nil); r.status != http.StatusNotFound {
		t.Errorf("GET charge of merchant 1 with merchant 2's key: %d, want 404", r.status)
	}
	// Merchant 2 cannot charge merchant 1's saved card.
	if r := e.do("POST", "/v1/recurring/charges", test2, monthly(card, "2026-01-15")); r.status < 400 {
		t.Errorf("merchant 2 used merchant 1's card: %d %s", r.status, r.body)
	}

	// One-time tokens (public key): merchant 2 sees none of merchant 1's.
	tr := e.do("POST", "/v1/tokens", pub1, validCard("4242424242424242"))
	if tr.status != 200 {
		t.Fatalf("token: %d %s", tr.status, tr.body)
	}
	tid := tr.obj(t)["id"].(string)
	if r := e.do("GET", "/v1/tokens/"+tid, pub2, nil); r.status != http.StatusNotFound {
		t.Errorf("GET token of merchant 1 with merchant 2's public key: %d, want 404", r.status)
	}

	// Merchant settings: a PATCH by merchant 2 changes merchant 2 only.
	before := e.merchant(test1)
	if r := e.do("PATCH", "/v1/merchant", test2, map[string]any{"name": "Two LLP"}); r.status != 200 {
		t.Fatalf("PATCH merchant 2: %d %s", r.status, r.body)
	}
	if after := e.merchant(test1); after.Name != before.Name || after.Modified != before.Modified {
		t.Errorf("merchant 1 changed by merchant 2's PATCH: %+v", after)
	}
	if got := e.merchant(test2).Name; got != "Two LLP" {
		t.Errorf("merchant 2 name = %q", got)
	}

	// Credentials of no merchant: 401.
	for _, a := range []auth{{basicUser: strings.Repeat("x", 64)}, {bearer: strings.Repeat("y", 64)}} {
		if r := e.do("GET", "/v1/merchant", a, nil); r.status != http.StatusUnauthorized {
			t.Errorf("unknown credential: %d, want 401", r.status)
		}
	}
	// A merchant's key is refused on another area's auth scheme as before.
	if r := e.do("GET", "/contacts/"+cid, auth{bearer: e.s.Merchant(2).Credentials().TestSecretKey}, nil); r.status != http.StatusUnauthorized {
		t.Errorf("secret key as bearer: %d, want 401", r.status)
	}

	// Object counts per merchant.
	o1, o2, o3 := e.s.Merchant(1).Objects(), e.s.Merchant(2).Objects(), e.s.Merchant(3).Objects()
	if o1.Contacts != 1 || o1.SavedMethods != 1 || o1.RecurringCharges != 1 || o1.OneTimeTokens != 1 {
		t.Errorf("merchant 1 objects = %+v", o1)
	}
	if o2 != (ObjectCounts{}) || o3 != (ObjectCounts{}) {
		t.Errorf("merchants 2/3 hold objects: %+v %+v", o2, o3)
	}
	if e.s.Merchant(3).Metrics().Total != 0 {
		t.Errorf("merchant 3 was never called but counts %d requests", e.s.Merchant(3).Metrics().Total)
	}
	total := e.s.Metrics().Total
	sum := e.s.Merchant(1).Metrics().Total + e.s.Merchant(2).Metrics().Total
	if sum != total-3 { // the three requests with credentials of no merchant belong to no merchant
		t.Errorf("per-merchant totals %d, server total %d", sum, total)
	}
}

// TestMerchantsPartnerGrant: each merchant's OAuth client gets tokens bound
// to that merchant, in every request style, and the gateway credentials of
// such a token are that merchant's keys.
func TestMerchantsPartnerGrant(t *testing.T) {
	e := newMultiEnv(t, 3)
	c2 := e.s.Merchant(2).Credentials()
	form := url.Values{"grant_type": {"client_credentials"}, "client_id": {c2.ClientID}, "client_secret": {c2.ClientSecret}}
	post := func(body, ct string, basic bool) response {
		req, _ := http.NewRequest("POST", e.ts.URL+"/oauth/token", strings.NewReader(body))
		req.Header.Set("Content-Type", ct)
		if basic {
			req.SetBasicAuth(c2.ClientID, c2.ClientSecret)
		}
		return e.send(req)
	}
	for name, r := range map[string]response{
		"form":  post(form.Encode(), "application/x-www-form-urlencoded", false),
		"basic": post("grant_type=client_credentials", "application/x-www-form-urlencoded", true),
		"json": post(`{"grant_type":"client_credentials","client_id":"`+c2.ClientID+`","client_secret":"`+c2.ClientSecret+`"}`,
			"application/json", false),
	} {
		if r.status != 200 {
			t.Fatalf("%s: %d %s", name, r.status, r.body)
		}
		tok := r.obj(t)["access_token"].(string)
		g := e.do("GET", "/gateway-credentials", auth{bearer: tok}, nil)
		var gc gatewayCredentialsJSON
		g.json(t, &gc)
		if g.status != 200 || len(gc.TestAccounts) == 0 || gc.TestAccounts[0].SecretKey != c2.TestSecretKey || gc.TestAccounts[0].PublicKey != c2.PublicKey {
			t.Errorf("%s: gateway credentials of merchant 2's token: %d %s", name, g.status, g.body)
		}
		if gc.Merchant.Name != "Sandbox Law Firm 2" {
			t.Errorf("%s: merchant block = %+v", name, gc.Merchant)
		}
	}
	// Merchant 2's client id with merchant 1's secret is refused.
	mixed := url.Values{"grant_type": {"client_credentials"}, "client_id": {c2.ClientID}, "client_secret": {ClientSecret}}
	if r := post(mixed.Encode(), "application/x-www-form-urlencoded", false); r.status != http.StatusUnauthorized {
		t.Errorf("mixed client credentials: %d, want 401", r.status)
	}
	if n := len(e.s.IssuedTokens()); n != 0 {
		t.Errorf("merchant 1 holds %d tokens issued to merchant 2", n)
	}
}

func TestMerchantsFormTokenByPublicKeyInBody(t *testing.T) {
	e := newMultiEnv(t, 2)
	c2 := e.s.Merchant(2).Credentials()
	form := url.Values{"type": {"card"}, "number": {"4242424242424242"}, "exp_month": {"10"}, "exp_year": {"2030"}, "cvv": {"123"},
		"name": {"Some Customer"}, "public_key": {c2.PublicKey}}
	req, _ := http.NewRequest("POST", e.ts.URL+"/v1/tokens", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if r := e.send(req); r.status != 200 {
		t.Fatalf("form token for merchant 2: %d %s", r.status, r.body)
	}
	if e.s.Merchant(2).Objects().OneTimeTokens != 1 || e.s.Merchant(1).Objects().OneTimeTokens != 0 {
		t.Errorf("token landed at the wrong merchant: %+v / %+v", e.s.Merchant(1).Objects(), e.s.Merchant(2).Objects())
	}
}

func TestMerchantsAdminAndReset(t *testing.T) {
	e := newEnv(t)
	r := e.do("POST", "/_sandbox/merchants", noAuth, `{"count": 3}`)
	var infos []MerchantInfo
	r.json(t, &infos)
	if r.status != 200 || len(infos) != 3 || infos[2].Number != 3 || infos[2].Credentials != MerchantCredentials(3) {
		t.Fatalf("POST /_sandbox/merchants: %d %s", r.status, r.body)
	}
	test3, _, tok3 := keysOf(e, 3)
	if got := e.merchant(test3).ID; got != infos[2].ID {
		t.Errorf("merchant 3 id %s, admin says %s", got, infos[2].ID)
	}
	if r := e.do("POST", "/contacts", tok3, map[string]any{"type": "person", "first_name": "C"}); r.status >= 300 {
		t.Fatalf("contact at merchant 3: %d %s", r.status, r.body)
	}
	r = e.do("GET", "/_sandbox/merchants", noAuth, nil)
	r.json(t, &infos)
	if infos[2].Objects.Contacts != 1 || infos[0].Objects.Contacts != 0 || infos[2].Metrics.Total != 2 {
		t.Errorf("GET /_sandbox/merchants: %s", r.body)
	}
	// Reset keeps the merchants and re-seeds them all.
	e.do("POST", "/_sandbox/reset", noAuth, nil)
	if e.s.MerchantCount() != 3 || e.s.Merchant(3).Objects().Contacts != 0 || e.s.Merchant(3).ID() != infos[2].ID {
		t.Errorf("after reset: %d merchants, merchant 3 %+v", e.s.MerchantCount(), e.s.Merchant(3).Objects())
	}
	for _, bad := range []string{`{"count": 0}`, `{"count": 100}`, `{}`} {
		expectInvalid(t, e.do("POST", "/_sandbox/merchants", noAuth, bad), [2]string{"count", "invalid"})
	}
	if r := e.do("POST", "/_sandbox/merchants", noAuth, `{"count": 1}`); r.status != 200 || e.s.MerchantCount() != 1 {
		t.Errorf("shrink to 1: %d, %d merchants", r.status, e.s.MerchantCount())
	}
	if r := e.do("GET", "/v1/merchant", test3, nil); r.status != http.StatusUnauthorized {
		t.Errorf("removed merchant's key: %d, want 401", r.status)
	}
}

// TestMerchantsSharedClockAndClientAddress: the clock and the apparent
// client address are the sandbox's, not a merchant's.
func TestMerchantsSharedClockAndClientAddress(t *testing.T) {
	e := newMultiEnv(t, 2)
	test2, _, _ := keysOf(e, 2)
	card := saveCard(t, e, test2, "4242424242424242")
	e.s.SetNow(time.Date(2026, 1, 2, 10, 0, 0, 0, time.UTC))
	ch := createRC(t, e, test2, monthly(card, "2026-01-15"))
	e.s.SetNow(time.Date(2026, 1, 16, 10, 0, 0, 0, time.UTC))
	r := e.do("GET", "/v1/recurring/charges/"+ch.ID, test2, nil)
	var got rc
	r.json(t, &got)
	if got.TotalOccurrences != 1 {
		t.Errorf("merchant 2's charge not processed when the clock moved: %s", r.body)
	}
	if r := e.do("PATCH", "/v1/merchant", test2, map[string]any{"api_allowed_ip_address_ranges": "203.0.113.0/24"}); r.status != 200 {
		t.Fatalf("PATCH: %d %s", r.status, r.body)
	}
	if r := e.do("GET", "/v1/merchant", test2, nil); r.status != http.StatusUnauthorized {
		t.Errorf("merchant 2 from outside its ranges: %d, want 401", r.status)
	}
	if r := e.do("GET", "/v1/merchant", testKey, nil); r.status != 200 {
		t.Errorf("merchant 1 (no ranges) refused: %d", r.status)
	}
	e.do("POST", "/_sandbox/client-address", noAuth, `{"address": "203.0.113.7"}`)
	if r := e.do("GET", "/v1/merchant", test2, nil); r.status != 200 {
		t.Errorf("merchant 2 from the apparent address inside its ranges: %d", r.status)
	}
}
