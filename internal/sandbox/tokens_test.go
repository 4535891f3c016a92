package sandbox

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

func validCard(number string) map[string]any {
	return map[string]any{"type": "card", "number": number, "exp_month": 10, "exp_year": 2030, "cvv": "123",
		"name": "Some Customer", "address1": "123 Street St", "postal_code": "78701"}
}

func validBank() map[string]any {
	return map[string]any{"type": "bank", "routing_number": "000000013", "account_number": "1234567890",
		"account_type": "CHECKING", "account_holder_type": "individual", "given_name": "Lu", "surname": "Harper"}
}

// newToken creates a token with the public key and returns its ID.
func (e *env) newToken(body map[string]any) string {
	e.t.Helper()
	r := e.do("POST", "/v1/tokens", pubKey, body)
	if r.status != 200 {
		e.t.Fatalf("POST /v1/tokens: %d %s", r.status, r.body)
	}
	return r.obj(e.t)["id"].(string)
}

// assertNoSecrets fails if body contains any of the full numbers.
func assertNoSecrets(t *testing.T, body []byte, secrets ...string) {
	t.Helper()
	for _, s := range secrets {
		if strings.Contains(string(body), s) {
			t.Fatalf("response contains %q: %s", s, body)
		}
	}
}

func TestTokenCreateCardMasked(t *testing.T) {
	e := newEnv(t)
	body := validCard("4242424242424242")
	body["form_data"] = map[string]any{"extra_data": "some_value"}
	r := e.do("POST", "/v1/tokens", pubKey, body)
	if r.status != 200 {
		t.Fatalf("%d %s", r.status, r.body)
	}
	assertNoSecrets(t, r.body, "4242424242424242", `"123"`)
	tok := r.obj(t)
	want := map[string]any{"type": "card", "number": "************4242", "exp_month": 10.0, "exp_year": 2030.0,
		"cvv": "***", "card_type": "VISA", "name": "Some Customer", "postal_code": "78701"}
	for k, v := range want {
		if tok[k] != v {
			t.Errorf("%s = %v, want %v", k, tok[k], v)
		}
	}
	if len(tok["id"].(string)) != 22 || len(tok["fingerprint"].(string)) != 20 || tok["form_data"].(map[string]any)["extra_data"] != "some_value" {
		t.Errorf("token: %v", tok)
	}
	// GET with the secret key (documented) or the public key; masked.
	for _, a := range []auth{testKey, liveKey, pubKey} {
		g := e.do("GET", "/v1/tokens/"+tok["id"].(string), a, nil)
		if g.status != 200 || g.obj(t)["number"] != "************4242" {
			t.Fatalf("GET: %d %s", g.status, g.body)
		}
		assertNoSecrets(t, g.body, "4242424242424242", `"123"`)
	}
	// Amex (15 digits) masks all but 4; 2-digit years become 20xx.
	am := validCard("378282246310005")
	am["exp_year"] = "30"
	r = e.do("POST", "/v1/tokens", pubKey, am)
	if got := r.obj(t); got["number"] != "***********0005" || got["card_type"] != "AMERICAN_EXPRESS" || got["exp_year"] != 2030.0 {
		t.Errorf("amex: %s", r.body)
	}
}

func TestTokenAuth(t *testing.T) {
	e := newEnv(t)
	for _, a := range []auth{noAuth, testKey, defToken, {basicUser: PublicKey, basicPass: "x"}} {
		if r := e.do("POST", "/v1/tokens", a, validCard("4242424242424242")); r.status != 401 {
			t.Errorf("%+v: %d", a, r.status)
		}
	}
	if r := e.do("GET", "/v1/tokens/abc", defToken, nil); r.status != 401 {
		t.Errorf("bearer GET: %d", r.status)
	}
}

func TestTokenDocumentedTestNumbers(t *testing.T) {
	e := newEnv(t)
	ok := map[string]string{
		"378282246310005": "AMERICAN_EXPRESS", "371449635398431": "AMERICAN_EXPRESS", "5105105105105100": "MASTERCARD",
		"5499740000000057": "MASTERCARD", "30569309025904": "DINERS_CLUB", "38520000023237": "DINERS_CLUB",
		"6011000990139424": "DISCOVER", "3530111333300000": "JCB", "3566002020360505": "JCB", "4242424242424242": "VISA",
		"4012888888881881": "VISA", "4400000000000008": "VISA",
		// Failure-scenario numbers tokenize; they fail when charged.
		"4000000000000002": "VISA", "4000000000000069": "VISA", "6011111111111117": "DISCOVER", "5555555555554444": "MASTERCARD",
	}
	for n, ct := range ok {
		r := e.do("POST", "/v1/tokens", pubKey, validCard(n))
		if r.status != 200 || r.obj(t)["card_type"] != ct {
			t.Errorf("%s: %d %s", n, r.status, r.body)
		}
	}
	expectMessages(t, e.do("POST", "/v1/tokens", pubKey, validCard("4242424242424241")), 422,
		Message{Code: "card_number_invalid", Level: "error", Message: "Card number is invalid", Facility: "gateway"})
	// Fingerprints are per number and match the saved-card function.
	a, b := e.newToken(validCard("4000000000000002")), e.newToken(validCard("4000000000000002"))
	fa := e.do("GET", "/v1/tokens/"+a, pubKey, nil).obj(t)["fingerprint"]
	fb := e.do("GET", "/v1/tokens/"+b, pubKey, nil).obj(t)["fingerprint"]
	if fa != fb || fa != cardFingerprint("4000000000000002") || fa == cardFingerprint("4242424242424242") {
		t.Errorf("fingerprints %v %v", fa, fb)
	}
}

func TestTokenCardValidation(t *testing.T) {
	e := newEnv(t) // clock: 2024-03-01
	with := func(k string, v any) map[string]any {
		b := validCard("4242424242424242")
		if v == nil {
			delete(b, k)
		} else {
			b[k] = v
		}
		return b
	}
	expectInvalid(t, e.do("POST", "/v1/tokens", pubKey, with("number", "")), [2]string{"number", "not_blank"})
	expectInvalid(t, e.do("POST", "/v1/tokens", pubKey, with("number", "42424242")), [2]string{"number", "invalid_length"})
	expectInvalid(t, e.do("POST", "/v1/tokens", pubKey, with("number", "4242-4242-4242-4242")), [2]string{"number", "invalid"})
	expectInvalid(t, e.do("POST", "/v1/tokens", pubKey, with("exp_month", 13)), [2]string{"exp_month", "number_out_of_range"})
	expectInvalid(t, e.do("POST", "/v1/tokens", pubKey, with("exp_year", nil)), [2]string{"exp_year", "not_null"})
	expectInvalid(t, e.do("POST", "/v1/tokens", pubKey, with("cvv", nil)), [2]string{"cvv", "not_blank"})
	expectInvalid(t, e.do("POST", "/v1/tokens", pubKey, with("cvv", "12")), [2]string{"cvv", "invalid"})
	expectInvalid(t, e.do("POST", "/v1/tokens", pubKey, with("postal_code", "7")), [2]string{"postal_code", "invalid_length"})
	expectInvalid(t, e.do("POST", "/v1/tokens", pubKey, with("type", "cash")), [2]string{"type", "invalid"})
	// Expired on the sandbox clock: February 2024 is over, March 2024 is not.
	exp := with("exp_year", 2024)
	exp["exp_month"] = 2
	expectMessages(t, e.do("POST", "/v1/tokens", pubKey, exp), 422, Message{Code: "card_expired", Level: "error", Message: "Card is expired", Facility: "gateway"})
	exp["exp_month"] = 3
	if r := e.do("POST", "/v1/tokens", pubKey, exp); r.status != 200 {
		t.Errorf("current month rejected: %s", r.body)
	}
	// card_type that does not match the number.
	r := e.do("POST", "/v1/tokens", pubKey, with("card_type", "MASTERCARD"))
	if r.status != 422 || r.messages(t)[0].Code != "card_number_incorrect" {
		t.Errorf("card_number_incorrect: %d %s", r.status, r.body)
	}
}

func TestTokenBank(t *testing.T) {
	e := newEnv(t)
	r := e.do("POST", "/v1/tokens", pubKey, validBank())
	if r.status != 200 {
		t.Fatalf("%d %s", r.status, r.body)
	}
	assertNoSecrets(t, r.body, "1234567890", "000000013")
	tok := r.obj(t)
	if tok["routing_number"] != "******013" || tok["account_number"] != "******7890" || tok["account_type"] != "CHECKING" || tok["bank_name"] == "" {
		t.Errorf("bank token: %v", tok)
	}
	bad := validBank()
	bad["routing_number"] = "000000001"
	r = e.do("POST", "/v1/tokens", pubKey, bad)
	if r.status != 422 || r.messages(t)[0].Code != "ach_invalid_routing_number" {
		t.Errorf("000000001: %d %s", r.status, r.body)
	}
	bad = validBank()
	bad["routing_number"], bad["account_number"], bad["account_type"] = "12345", "12a", "MONEY"
	delete(bad, "given_name")
	expectInvalid(t, e.do("POST", "/v1/tokens", pubKey, bad), [2]string{"routing_number", "invalid_length"},
		[2]string{"account_number", "invalid_length"}, [2]string{"account_type", "invalid"}, [2]string{"given_name", "not_blank"})
	// The documented example: no account_holder_type (business by default).
	ex := map[string]any{"type": "bank", "routing_number": "000000000", "account_number": "1000000001", "account_type": "SAVINGS"}
	if r := e.do("POST", "/v1/tokens", pubKey, ex); r.status != 200 || r.obj(t)["account_holder_type"] != "business" {
		t.Errorf("documented example: %d %s", r.status, r.body)
	}
}

func TestTokenFormPostAndRedirect(t *testing.T) {
	e := newEnv(t)
	form := url.Values{"type": {"card"}, "number": {"4242424242424242"}, "exp_month": {"10"}, "exp_year": {"2030"}, "cvv": {"123"},
		"extra_data": {"some_value", "second_value"}, "more_data": {"another_value"}}
	post := func(v url.Values, a auth) response {
		req, _ := http.NewRequest("POST", e.ts.URL+"/v1/tokens", strings.NewReader(v.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		applyAuth(req, a)
		return e.send(req)
	}
	r := post(form, pubKey)
	if r.status != 200 {
		t.Fatalf("%d %s", r.status, r.body)
	}
	fd := r.obj(t)["form_data"].(map[string]any)
	if fd["more_data"] != "another_value" || len(fd["extra_data"].([]any)) != 2 {
		t.Errorf("form_data: %v", fd)
	}
	// public_key as a form parameter, and redirect_url -> 303 with token_id.
	form.Set("public_key", PublicKey)
	form.Set("redirect_url", "https://merchant.example.com/payment")
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	req, _ := http.NewRequest("POST", e.ts.URL+"/v1/tokens", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	loc, _ := url.Parse(resp.Header.Get("Location"))
	if resp.StatusCode != http.StatusSeeOther || loc == nil || loc.Host != "merchant.example.com" || loc.Query().Get("token_id") == "" {
		t.Fatalf("redirect: %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	if g := e.do("GET", "/v1/tokens/"+loc.Query().Get("token_id"), pubKey, nil); g.status != 200 {
		t.Fatalf("redirected token: %d", g.status)
	}
	form.Set("public_key", "m_wrong")
	if r := post(form, noAuth); r.status != 401 {
		t.Errorf("wrong form public_key: %d", r.status)
	}
}

func TestTokenSingleUseAndExpiry(t *testing.T) {
	e := newEnv(t)
	id := e.newToken(validCard("4242424242424242"))
	e.s.mu.Lock()
	m, ok := e.s.resolveMethodLocked(id, false)
	e.s.mu.Unlock()
	if !ok || m.Mode != modeTest || m.Type != "card" || m.Masked["number"] != "************4242" || m.Masked["cvv"] != nil {
		t.Fatalf("resolve: %v %+v", ok, m)
	}
	e.s.mu.Lock()
	_, ok = e.s.resolveMethodLocked(id, true) // a charge spends it
	_, again := e.s.resolveMethodLocked(id, true)
	e.s.mu.Unlock()
	if !ok || again {
		t.Fatalf("single use: first %v, second %v", ok, again)
	}
	nf := func(id string) Message {
		return Message{Context: "Token[" + id + "]", Code: "resource_not_found", Level: "error", Message: "Requested resource not found", Facility: "gateway"}
	}
	expectMessages(t, e.do("GET", "/v1/tokens/"+id, pubKey, nil), 404, nf(id))

	// Expiry: usable at 4:59, gone at 5:00 after creation.
	id2 := e.newToken(validCard("4242424242424242"))
	e.clock.Advance(5*time.Minute - time.Second)
	if r := e.do("GET", "/v1/tokens/"+id2, pubKey, nil); r.status != 200 {
		t.Fatalf("before expiry: %d", r.status)
	}
	e.clock.Advance(time.Second)
	expectMessages(t, e.do("GET", "/v1/tokens/"+id2, pubKey, nil), 404, nf(id2))
	e.s.mu.Lock()
	_, ok = e.s.resolveMethodLocked(id2, true)
	e.s.mu.Unlock()
	if ok {
		t.Fatal("expired token resolved")
	}
}
