package sandbox

import (
	"net/http"
	"testing"
)

func TestStatusNeedsNoAuth(t *testing.T) {
	e := newEnv(t)
	r := e.do("GET", "/status", noAuth, nil)
	if r.status != 200 || string(r.body) != "{\"status\":\"NORMAL\"}\n" {
		t.Fatalf("GET /status = %d %s", r.status, r.body)
	}
}

func TestSecretKeyModesFilterAccounts(t *testing.T) {
	e := newEnv(t)
	var creds gatewayCredentialsJSON
	e.do("GET", "/gateway-credentials", defToken, nil).json(t, &creds)

	idsOf := func(accts []gatewayAccountJSON, typ string) []string {
		var out []string
		for _, a := range accts {
			if a.Type == typ {
				out = append(out, a.ID)
			}
		}
		return out
	}
	for _, c := range []struct {
		name  string
		a     auth
		accts []gatewayAccountJSON
		other []gatewayAccountJSON
	}{
		{"test", testKey, creds.TestAccounts, creds.LiveAccounts},
		{"live", liveKey, creds.LiveAccounts, creds.TestAccounts},
	} {
		m := e.merchant(c.a)
		var cards, achs []string
		for _, a := range m.MerchantAccounts {
			cards = append(cards, a.ID)
		}
		for _, a := range m.ACHAccounts {
			achs = append(achs, a.ID)
		}
		wantCards, wantACH := idsOf(c.accts, "MerchantAccount"), idsOf(c.accts, "AchAccount")
		if len(cards) != 2 || len(achs) != 2 {
			t.Fatalf("%s: %d merchant accounts, %d ach accounts", c.name, len(cards), len(achs))
		}
		if !equalStrings(cards, wantCards) || !equalStrings(achs, wantACH) {
			t.Errorf("%s: merchant accounts %v/%v, gateway-credentials %v/%v", c.name, cards, achs, wantCards, wantACH)
		}
		for _, o := range c.other {
			for _, id := range append(cards, achs...) {
				if o.ID == id {
					t.Errorf("%s key sees account %s of the other mode", c.name, id)
				}
			}
		}
		if m.PublicKey != PublicKey {
			t.Errorf("public_key = %q", m.PublicKey)
		}
	}
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestGatewayNotAuthorized(t *testing.T) {
	e := newEnv(t)
	want := Message{Code: "not_authorized", Level: "error", Message: "Not authorized", Facility: "gateway"}
	for name, a := range map[string]auth{
		"missing":         noAuth,
		"wrong key":       {basicUser: "nope"},
		"public key":      pubKey,
		"password set":    {basicUser: TestSecretKey, basicPass: "x"},
		"bearer token":    defToken,
		"client id":       {basicUser: ClientID},
		"test key prefix": {basicUser: TestSecretKey[:10]},
	} {
		t.Run(name, func(t *testing.T) {
			r := e.do("GET", "/v1/merchant", a, nil)
			expectMessages(t, r, http.StatusUnauthorized, want)
			if string(r.body) != `{"messages":[{"code":"not_authorized","level":"error","message":"Not authorized","facility":"gateway"}]}`+"\n" {
				t.Errorf("body = %s", r.body)
			}
		})
	}
}

func TestBearerAuth(t *testing.T) {
	e := newEnv(t)
	want := Message{Code: "not_authorized", Level: "error", Message: "Not authorized", Facility: "gateway"}
	for _, path := range []string{"/gateway-credentials", "/bank-accounts"} {
		for name, a := range map[string]auth{
			"missing":    noAuth,
			"wrong":      {bearer: "x" + AccessToken},
			"secret key": testKey,
		} {
			expectMessages(t, e.do("GET", path, a, nil), http.StatusUnauthorized, want)
			_ = name
		}
		if r := e.do("GET", path, defToken, nil); r.status != 200 {
			t.Errorf("%s with default token: %d %s", path, r.status, r.body)
		}
	}
	// Scheme is case-insensitive.
	req, _ := http.NewRequest("GET", e.ts.URL+"/gateway-credentials", nil)
	req.Header.Set("Authorization", "bearer "+AccessToken)
	if r := e.send(req); r.status != 200 {
		t.Errorf("lower-case bearer: %d", r.status)
	}
}

func TestPublicKeyAuthMiddleware(t *testing.T) {
	e := newEnv(t)
	e.s.handle("GET /v1/test-public", e.s.publicKeyAuth(func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, map[string]string{"ok": "yes"})
	}))
	if r := e.do("GET", "/v1/test-public", pubKey, nil); r.status != 200 {
		t.Fatalf("public key: %d %s", r.status, r.body)
	}
	if r := e.do("GET", "/v1/test-public", testKey, nil); r.status != 401 {
		t.Fatalf("secret key on public-key route: %d", r.status)
	}
}
