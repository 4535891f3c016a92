package sandbox

import (
	"net/http"
	"testing"
)

// saveCard creates a saved card with number in the given mode and returns its ID.
func saveCard(t *testing.T, e *env, a auth, number string) string {
	t.Helper()
	r := e.do("POST", "/v1/cards", a, map[string]any{
		"number": number, "exp_month": 10, "exp_year": 2030, "name": "Some Customer", "cvv": "123",
	})
	if r.status != 200 {
		t.Fatalf("POST /v1/cards: %d %s", r.status, r.body)
	}
	return r.obj(t)["id"].(string)
}

func saveBank(t *testing.T, e *env, a auth, account string) string {
	t.Helper()
	r := e.do("POST", "/v1/banks", a, map[string]any{
		"routing_number": "000000013", "account_number": account, "account_type": "CHECKING",
		"name": "Customer Inc", "account_holder_type": "business",
	})
	if r.status != 200 {
		t.Fatalf("POST /v1/banks: %d %s", r.status, r.body)
	}
	return r.obj(t)["id"].(string)
}

func TestSavedCardLifecycle(t *testing.T) {
	e := newEnv(t)
	r := e.do("POST", "/v1/cards", testKey, map[string]any{
		"number": "4242424242424242", "exp_month": 10, "exp_year": 2025, "cvv": "123",
		"name": "Some Customer", "description": "Corporate VISA", "reference": "Customer123",
	})
	if r.status != 200 {
		t.Fatalf("create: %d %s", r.status, r.body)
	}
	c := r.obj(t)
	id := c["id"].(string)
	want := map[string]any{"type": "card", "number": "************4242", "card_type": "VISA",
		"exp_month": 10.0, "exp_year": 2025.0, "name": "Some Customer", "description": "Corporate VISA", "reference": "Customer123"}
	for k, v := range want {
		if c[k] != v {
			t.Errorf("%s = %v, want %v", k, c[k], v)
		}
	}
	if fp, _ := c["fingerprint"].(string); len(fp) != 20 {
		t.Errorf("fingerprint = %q", fp)
	}
	if _, ok := c["cvv"]; ok {
		t.Error("cvv returned")
	}

	// GET in the same mode; 404 in the other mode.
	if g := e.do("GET", "/v1/cards/"+id, testKey, nil); g.status != 200 || g.obj(t)["number"] != "************4242" {
		t.Fatalf("GET: %d %s", g.status, g.body)
	}
	expectMessages(t, e.do("GET", "/v1/cards/"+id, liveKey, nil), http.StatusNotFound, notFound("Card", id))
	expectMessages(t, e.do("GET", "/v1/banks/"+id, testKey, nil), http.StatusNotFound, notFound("Bank", id))

	// PATCH reference; number/expiry only through a token.
	p := e.do("PATCH", "/v1/cards/"+id, testKey, map[string]any{"reference": "Case 123"})
	if p.status != 200 || p.obj(t)["reference"] != "Case 123" || p.obj(t)["description"] != "Corporate VISA" {
		t.Fatalf("PATCH: %d %s", p.status, p.body)
	}
	expectInvalid(t, e.do("PATCH", "/v1/cards/"+id, testKey, map[string]any{"exp_month": 7}), [2]string{"exp_month", "invalid"})
	expectInvalid(t, e.do("PATCH", "/v1/cards/"+id, testKey, map[string]any{"reference": string(make([]byte, 65))}), [2]string{"reference", "invalid_length"})
	// PUT is not a documented method.
	if r := e.do("PUT", "/v1/cards/"+id, testKey, map[string]any{}); r.status != 400 {
		t.Errorf("PUT: %d", r.status)
	}

	// List with filters.
	saveCard(t, e, testKey, "5105105105105100")
	l := e.do("GET", "/v1/cards?reference=Case+123", testKey, nil)
	var res struct {
		Page, PageSize, TotalEntries int
		Results                      []map[string]any
	}
	l.json(t, &res)
	if len(res.Results) != 1 || res.Results[0]["id"] != id {
		t.Fatalf("list by reference: %s", l.body)
	}
	l = e.do("GET", "/v1/cards?exp_month=10&exp_year=2030", testKey, nil)
	if l.obj(t)["total_entries"] != 1.0 {
		t.Fatalf("list by expiry: %s", l.body)
	}
	l = e.do("GET", "/v1/cards?page=1&page_size=1", testKey, nil)
	if l.obj(t)["total_entries"] != 2.0 || len(l.obj(t)["results"].([]any)) != 1 {
		t.Fatalf("paging: %s", l.body)
	}
	if l := e.do("GET", "/v1/cards", liveKey, nil); l.obj(t)["total_entries"] != 0.0 {
		t.Fatalf("live list: %s", l.body)
	}

	// DELETE returns the card; then it is gone and no longer a payment method.
	d := e.do("DELETE", "/v1/cards/"+id, testKey, nil)
	if d.status != 200 || d.obj(t)["number"] != "************4242" {
		t.Fatalf("DELETE: %d %s", d.status, d.body)
	}
	expectMessages(t, e.do("GET", "/v1/cards/"+id, testKey, nil), http.StatusNotFound, notFound("Card", id))
	e.s.mu.Lock()
	_, found := e.s.resolveMethodLocked(id, false)
	e.s.mu.Unlock()
	if found {
		t.Error("deleted card still resolves")
	}
}

func TestSavedCardValidation(t *testing.T) {
	e := newEnv(t)
	expectInvalid(t, e.do("POST", "/v1/cards", testKey, map[string]any{"exp_month": 13, "exp_year": 2030}),
		[2]string{"number", "not_null"}, [2]string{"exp_month", "number_out_of_range"})
	expectInvalid(t, e.do("POST", "/v1/cards", testKey, map[string]any{"number": "4242", "exp_month": 1, "exp_year": 2030}),
		[2]string{"number", "invalid_length"})
	expectMessages(t, e.do("POST", "/v1/cards", testKey, map[string]any{"number": "4242424242424241", "exp_month": 1, "exp_year": 2030}),
		422, errorMessage("card_number_invalid", "Card number is invalid"))
	// The env clock is 2024-03-01: a card that expired in February is refused.
	expectMessages(t, e.do("POST", "/v1/cards", testKey, map[string]any{"number": "4242424242424242", "exp_month": 2, "exp_year": 24}),
		422, errorMessage("card_expired", "Card is expired"))
}

func TestSavedBank(t *testing.T) {
	e := newEnv(t)
	r := e.do("POST", "/v1/banks", testKey, map[string]any{
		"routing_number": "000000013", "account_number": "10333257392394", "account_type": "CHECKING",
		"name": "Customer Inc", "account_holder_type": "business", "description": "Corporate Checking", "reference": "Customer123",
	})
	if r.status != 200 {
		t.Fatalf("create: %d %s", r.status, r.body)
	}
	b := r.obj(t)
	want := map[string]any{"type": "bank", "routing_number": "******013", "account_number": "**********2394",
		"account_type": "CHECKING", "bank_name": "FIRST BANK OF TESTING", "name": "Customer Inc", "account_holder_type": "business"}
	for k, v := range want {
		if b[k] != v {
			t.Errorf("%s = %v, want %v", k, b[k], v)
		}
	}
	id := b["id"].(string)
	p := e.do("PATCH", "/v1/banks/"+id, testKey, map[string]any{"description": "Primary Checking"})
	if p.status != 200 || p.obj(t)["description"] != "Primary Checking" {
		t.Fatalf("PATCH: %d %s", p.status, p.body)
	}
	expectInvalid(t, e.do("PATCH", "/v1/banks/"+id, testKey, map[string]any{"account_number": "123456"}), [2]string{"account_number", "invalid"})
	expectInvalid(t, e.do("POST", "/v1/banks", testKey, map[string]any{
		"routing_number": "12345", "account_number": "12", "account_type": "MONEY", "account_holder_type": "individual",
	}), [2]string{"routing_number", "invalid"}, [2]string{"account_number", "invalid_length"}, [2]string{"account_type", "invalid"}, [2]string{"given_name", "not_blank"})
	if d := e.do("DELETE", "/v1/banks/"+id, testKey, nil); d.status != 200 {
		t.Fatalf("DELETE: %d", d.status)
	}
	expectMessages(t, e.do("DELETE", "/v1/banks/"+id, testKey, nil), http.StatusNotFound, notFound("Bank", id))
}
