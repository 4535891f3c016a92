package sandbox

import (
	"net/http"
	"regexp"
	"testing"
	"time"
)

var pmtdIDRe = regexp.MustCompile(`^pmtd_[0-9A-Za-z]{21}$`)

func (e *env) createPM(contactID string, body map[string]any) map[string]any {
	e.t.Helper()
	r := e.do("POST", "/contacts/"+contactID+"/payment-methods", defToken, body)
	if r.status != 200 {
		e.t.Fatalf("POST payment-methods: %d %s", r.status, r.body)
	}
	assertNoSecrets(e.t, r.body, "4242424242424242", "5105105105105100", "1234567890", "000000013", `"123"`)
	return r.obj(e.t)
}

func TestPaymentMethodCreateFromCardToken(t *testing.T) {
	e := newEnv(t)
	ct := e.createContact(map[string]any{"type": "person", "first_name": "Lu", "test_mode": true, "tags": []string{"default"}})
	cid := ct["id"].(string)
	tok := e.newToken(validCard("4242424242424242"))
	pm := e.createPM(cid, map[string]any{"payment_type": "credit_card", "one_time_token": tok, "authorized_uses": []string{"all"}, "nickname": "Corp VISA"})
	want := map[string]any{"payment_type": "credit_card", "name": "Some Customer", "account_number": "************4242",
		"card_type": "VISA", "expiration_month": 10.0, "expiration_year": 2030.0, "preferred": false, "allow_future_payments": false,
		"test_mode": true, "type": "payment_method", "nickname": "Corp VISA", "payee_id": ct["owner_id"]}
	for k, v := range want {
		if pm[k] != v {
			t.Errorf("%s = %v, want %v", k, pm[k], v)
		}
	}
	if !pmtdIDRe.MatchString(pm["id"].(string)) {
		t.Errorf("id %v", pm["id"])
	}
	if a := pm["address"].(map[string]any); a["line1"] != "123 Street St" || a["postal_code"] != "78701" || a["type"] != "address" || a["id"] != nil {
		t.Errorf("address %v", a)
	}
	if uses := pm["authorized_uses"].([]any); len(uses) != 1 || uses[0] != "all" {
		t.Errorf("authorized_uses %v", uses)
	}
	// The token is spent.
	if r := e.do("GET", "/v1/tokens/"+tok, pubKey, nil); r.status != 404 {
		t.Fatalf("token still usable: %d", r.status)
	}
	r := e.do("POST", "/contacts/"+cid+"/payment-methods", defToken, map[string]any{"payment_type": "credit_card", "one_time_token": tok})
	expectInvalid(t, r, [2]string{"one_time_token", "invalid"})

	// Get and list.
	pmid := pm["id"].(string)
	g := e.do("GET", "/contacts/"+cid+"/payment-methods/"+pmid, defToken, nil)
	if g.status != 200 || g.obj(t)["account_number"] != "************4242" {
		t.Fatalf("GET: %d %s", g.status, g.body)
	}
	l := e.do("GET", "/contacts/"+cid+"/payment-methods", defToken, nil)
	var list []paymentMethodJSON
	l.json(t, &list)
	if l.status != 200 || len(list) != 1 || list[0].ID != pmid {
		t.Fatalf("list: %d %s", l.status, l.body)
	}
	assertNoSecrets(t, l.body, "4242424242424242")

	// Chargeable through the resolver, in the contact's mode, masked.
	e.s.mu.Lock()
	m, ok := e.s.resolveMethodLocked(pmid, true)
	_, stillOK := e.s.resolveMethodLocked(pmid, true)
	e.s.mu.Unlock()
	if !ok || !stillOK || m.Mode != modeTest || m.Type != "card" || m.Masked["number"] != "************4242" ||
		m.Masked["fingerprint"] != cardFingerprint("4242424242424242") {
		t.Fatalf("resolver: %v %+v", ok, m)
	}
}

func TestPaymentMethodBankAndDefaults(t *testing.T) {
	e := newEnv(t)
	cid := e.createContact(map[string]any{"type": "organization", "name": "Acme"})["id"].(string)
	pm := e.createPM(cid, map[string]any{"payment_type": "bank_account", "one_time_token": e.newToken(validBank())})
	if pm["account_number"] != "******7890" || pm["bank_account_type"] != "checking" || pm["account_holder_type"] != "individual" ||
		pm["name"] != "Lu Harper" || pm["test_mode"] != false || pm["bank_name"] == nil {
		t.Fatalf("bank pm: %v", pm)
	}
	if _, ok := pm["routing_number"]; ok {
		t.Error("routing_number in a PaymentMethod")
	}
	e.s.mu.Lock()
	m, ok := e.s.resolveMethodLocked(pm["id"].(string), false)
	e.s.mu.Unlock()
	if !ok || m.Mode != modeLive || m.Type != "bank" || m.Masked["routing_number"] != "******013" || m.Masked["account_type"] != "CHECKING" {
		t.Fatalf("bank resolver: %+v", m)
	}
}

func TestPaymentMethodValidation(t *testing.T) {
	e := newEnv(t)
	cid := e.createContact(map[string]any{"type": "person", "first_name": "A", "test_mode": true})["id"].(string)
	post := func(body map[string]any) response {
		return e.do("POST", "/contacts/"+cid+"/payment-methods", defToken, body)
	}
	expectInvalid(t, post(map[string]any{"payment_type": "credit_card"}), [2]string{"one_time_token", "not_null"})
	expectInvalid(t, post(map[string]any{"one_time_token": e.newToken(validCard("4242424242424242"))}), [2]string{"payment_type", "not_null"})
	expectInvalid(t, post(map[string]any{"payment_type": "cash", "one_time_token": e.newToken(validCard("4242424242424242"))}), [2]string{"payment_type", "invalid"})
	expectInvalid(t, post(map[string]any{"payment_type": "bank_account", "one_time_token": e.newToken(validCard("4242424242424242"))}), [2]string{"payment_type", "invalid"})
	expectInvalid(t, post(map[string]any{"payment_type": "credit_card", "one_time_token": "x", "saved_payment_token": "y"}), [2]string{"saved_payment_token", "invalid"})
	expectInvalid(t, post(map[string]any{"payment_type": "credit_card", "saved_payment_token": "nope"}), [2]string{"saved_payment_token", "invalid"})
	expectInvalid(t, post(map[string]any{"payment_type": "credit_card", "one_time_token": e.newToken(validCard("4242424242424242")), "test_mode": false}),
		[2]string{"test_mode", "invalid"})
	tok := e.newToken(validCard("4242424242424242"))
	expectInvalid(t, post(map[string]any{"payment_type": "credit_card", "one_time_token": tok, "authorized_uses": []string{"all", "everyone"}, "reference": string(make([]byte, 256))}),
		[2]string{"reference", "invalid_length"}, [2]string{"authorized_uses[1]", "invalid"})
	// A failed create does not spend the token.
	if r := e.do("GET", "/v1/tokens/"+tok, pubKey, nil); r.status != 200 {
		t.Fatalf("failed create spent the token: %d", r.status)
	}
	// Expired token.
	e.clock.Advance(5 * time.Minute)
	expectInvalid(t, post(map[string]any{"payment_type": "credit_card", "one_time_token": tok}), [2]string{"one_time_token", "invalid"})
	// Unknown contact.
	r := e.do("POST", "/contacts/p_000000000000000000000/payment-methods", defToken, map[string]any{"payment_type": "credit_card"})
	expectMessages(t, r, http.StatusNotFound, Message{Context: "Contact[p_000000000000000000000]", Code: "resource_not_found", Level: "error", Message: "Requested resource not found", Facility: "gateway"})
}

func TestPaymentMethodPatchReplaceByToken(t *testing.T) {
	e := newEnv(t)
	cid := e.createContact(map[string]any{"type": "person", "first_name": "A", "test_mode": true})["id"].(string)
	pm := e.createPM(cid, map[string]any{"payment_type": "credit_card", "one_time_token": e.newToken(validCard("4242424242424242")),
		"nickname": "old", "reference": "ref-1", "authorized_uses": []string{"merchant"}})
	pmid := pm["id"].(string)
	path := "/contacts/" + cid + "/payment-methods/" + pmid

	e.clock.Advance(time.Minute)
	card := validCard("5105105105105100")
	card["exp_month"], card["exp_year"], card["name"] = 4, 2031, "New Name"
	delete(card, "address1")
	tok := e.newToken(card)
	r := e.do("PATCH", path, defToken, map[string]any{"one_time_token": tok})
	if r.status != 200 {
		t.Fatalf("PATCH: %d %s", r.status, r.body)
	}
	assertNoSecrets(t, r.body, "5105105105105100")
	got := r.obj(t)
	if got["id"] != pmid || got["account_number"] != "************5100" || got["card_type"] != "MASTERCARD" ||
		got["expiration_month"] != 4.0 || got["expiration_year"] != 2031.0 || got["name"] != "New Name" ||
		got["nickname"] != "old" || got["reference"] != "ref-1" || got["authorized_uses"].([]any)[0] != "merchant" {
		t.Fatalf("replaced: %v", got)
	}
	if got["modified"].(map[string]any)["timestamp"] != "2024-03-01T12:01:00.123Z" {
		t.Errorf("modified %v", got["modified"])
	}
	if a := got["address"].(map[string]any); a["line1"] != nil || a["postal_code"] != "78701" {
		t.Errorf("address from the new token: %v", a)
	}
	if r := e.do("GET", "/v1/tokens/"+tok, pubKey, nil); r.status != 404 {
		t.Errorf("replacement token not spent")
	}
	// A bank token cannot replace a card; payment_type/test_mode unmodifiable.
	expectInvalid(t, e.do("PATCH", path, defToken, map[string]any{"one_time_token": e.newToken(validBank())}), [2]string{"one_time_token", "invalid"})
	expectInvalid(t, e.do("PATCH", path, defToken, map[string]any{"payment_type": "bank_account", "test_mode": false}),
		[2]string{"payment_type", "invalid"}, [2]string{"test_mode", "invalid"})

	// Attribute updates; null clears; preferred moves between methods.
	r = e.do("PATCH", path, defToken, `{"nickname": null, "reference": "ref-2", "preferred": true, "authorized_uses": ["client", "merchant"]}`)
	got = r.obj(t)
	if _, ok := got["nickname"]; ok || got["reference"] != "ref-2" || got["preferred"] != true || len(got["authorized_uses"].([]any)) != 2 {
		t.Fatalf("attrs: %s", r.body)
	}
	other := e.createPM(cid, map[string]any{"payment_type": "credit_card", "one_time_token": e.newToken(validCard("4242424242424242")), "preferred": true})
	if other["preferred"] != true || e.do("GET", path, defToken, nil).obj(t)["preferred"] != false {
		t.Errorf("preferred not moved")
	}

	// Delete: returns the method, then 404; the resolver forgets it.
	d := e.do("DELETE", path, defToken, nil)
	if d.status != 200 || d.obj(t)["id"] != pmid {
		t.Fatalf("DELETE: %d %s", d.status, d.body)
	}
	expectMessages(t, e.do("GET", path, defToken, nil), http.StatusNotFound, Message{Context: "PaymentMethod[" + pmid + "]",
		Code: "resource_not_found", Level: "error", Message: "Requested resource not found", Facility: "gateway"})
	e.s.mu.Lock()
	_, ok := e.s.resolveMethodLocked(pmid, false)
	e.s.mu.Unlock()
	if ok {
		t.Error("deleted method resolved")
	}
	// Deleting the contact hides its methods.
	e.do("DELETE", "/contacts/"+cid, defToken, nil)
	if r := e.do("GET", "/contacts/"+cid+"/payment-methods/"+other["id"].(string), defToken, nil); r.status != 404 {
		t.Errorf("method of a deleted contact: %d", r.status)
	}
	e.s.mu.Lock()
	_, ok = e.s.resolveMethodLocked(other["id"].(string), false)
	e.s.mu.Unlock()
	if ok {
		t.Error("method of a deleted contact resolved")
	}
}

// TestPaymentMethodNoFullNumbersAnywhere walks every endpoint after using
// the documented test numbers and checks no response holds a full number.
func TestPaymentMethodNoFullNumbersAnywhere(t *testing.T) {
	e := newEnv(t)
	secrets := []string{"4242424242424242", "378282246310005", "1234567890", "000000013", `"cvv":"123"`, `"cvv":"1234"`}
	cid := e.createContact(map[string]any{"type": "person", "first_name": "A"})["id"].(string)
	amex := validCard("378282246310005")
	amex["cvv"] = "1234"
	var bodies [][]byte
	for _, body := range []map[string]any{validCard("4242424242424242"), amex, validBank()} {
		r := e.do("POST", "/v1/tokens", pubKey, body)
		bodies = append(bodies, r.body)
		id := r.obj(t)["id"].(string)
		bodies = append(bodies, e.do("GET", "/v1/tokens/"+id, pubKey, nil).body)
		pt := "credit_card"
		if body["type"] == "bank" {
			pt = "bank_account"
		}
		bodies = append(bodies, e.do("POST", "/contacts/"+cid+"/payment-methods", defToken, map[string]any{"payment_type": pt, "one_time_token": id}).body)
	}
	bodies = append(bodies, e.do("GET", "/contacts/"+cid+"/payment-methods", defToken, nil).body)
	for _, b := range bodies {
		assertNoSecrets(t, b, secrets...)
	}
	// Nor the stored state.
	e.s.mu.Lock()
	defer e.s.mu.Unlock()
	for _, pm := range e.s.st.contactAPI.methods {
		for _, v := range []string{pm.AccountNumber, pm.RoutingNumber, pm.Fingerprint, pm.Name} {
			for _, s := range secrets[:4] {
				if v == s {
					t.Errorf("stored %q", v)
				}
			}
		}
	}
}

func TestPaymentMethodFromSavedCard(t *testing.T) {
	e := newEnv(t)
	cid := e.createContact(map[string]any{"type": "person", "first_name": "A", "test_mode": true})["id"].(string)
	r := e.do("POST", "/v1/cards", testKey, map[string]any{"number": "4242424242424242", "exp_month": 10, "exp_year": 2030, "name": "Saved Card"})
	if r.status != 200 {
		t.Skipf("saved cards unavailable: %d %s", r.status, r.body)
	}
	saved := r.obj(t)["id"].(string)
	pm := e.createPM(cid, map[string]any{"payment_type": "credit_card", "saved_payment_token": saved})
	if pm["account_number"] != "************4242" || pm["card_type"] != "VISA" || pm["name"] != "Saved Card" || pm["expiration_year"] != 2030.0 {
		t.Fatalf("from saved card: %v", pm)
	}
	// The saved card is reusable (not consumed).
	e.createPM(cid, map[string]any{"payment_type": "credit_card", "saved_payment_token": saved})
}
