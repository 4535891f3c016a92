package sandbox

import (
	"encoding/json"
	"net/http"
	"reflect"
	"testing"
)

// bankAccountIDs returns the seeded operating and trust bank accounts.
func bankAccountIDs(t *testing.T, e *env) (operating, trust string) {
	t.Helper()
	var list []struct {
		ID    string `json:"id"`
		Trust bool   `json:"trust"`
	}
	r := e.do(http.MethodGet, "/bank-accounts", defToken, nil)
	if r.status != http.StatusOK {
		t.Fatalf("GET /bank-accounts: %d %s", r.status, r.body)
	}
	r.json(t, &list)
	for _, b := range list {
		if b.Trust {
			trust = b.ID
		} else {
			operating = b.ID
		}
	}
	if operating == "" || trust == "" {
		t.Fatalf("bank accounts %+v", list)
	}
	return operating, trust
}

func jsonEqual(t *testing.T, got []byte, want string) {
	t.Helper()
	var g, w any
	if err := json.Unmarshal(got, &g); err != nil {
		t.Fatalf("decode %s: %v", got, err)
	}
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(g, w) {
		t.Errorf("got %s\nwant %s", got, want)
	}
}

// The reference's two examples, answered exactly (its lines 1450 and 1466).
func TestSurchargeReferenceExamples(t *testing.T) {
	e := newEnv(t)
	op, _ := bankAccountIDs(t, e)
	r := e.do(http.MethodGet, "/bank-accounts/"+op+"/surcharge", pubKey, nil)
	if r.status != http.StatusOK {
		t.Fatalf("status %d %s", r.status, r.body)
	}
	jsonEqual(t, r.body, `[
    {"type": "card", "surcharge_rate": 350, "surcharge_fee": 0},
    {"type": "bank", "surcharge_rate": 0, "surcharge_fee": 1001}
]`)
	r = e.do(http.MethodGet, "/bank-accounts/"+op+"/surcharge?amount=500000", pubKey, nil)
	if r.status != http.StatusOK {
		t.Fatalf("status %d %s", r.status, r.body)
	}
	jsonEqual(t, r.body, `[
    {"type": "card", "surcharge_rate": 350, "surcharge_fee": 0, "amount": 500000, "surcharge_amount": 17500, "total_amount": 517500},
    {"type": "bank", "surcharge_rate": 0, "surcharge_fee": 1001, "amount": 500000, "surcharge_amount": 1001, "total_amount": 501001}
]`)
}

func TestSurchargeNoSurchargeIsEmpty(t *testing.T) {
	e := newEnv(t)
	_, trust := bankAccountIDs(t, e)
	r := e.do(http.MethodGet, "/bank-accounts/"+trust+"/surcharge?amount=100", pubKey, nil)
	if r.status != http.StatusOK || string(r.body) == "null" {
		t.Fatalf("status %d %s", r.status, r.body)
	}
	jsonEqual(t, r.body, `[]`)
}

func TestSurchargeRoundingFirstOfTypeAndLoan(t *testing.T) {
	e := newEnv(t)
	op, _ := bankAccountIDs(t, e)
	if err := e.s.SetSurcharges(op, []SurchargeRate{
		{Type: "loan", Rate: 299, Fee: 0},
		{Type: "card", Rate: 0, Fee: 250},
		{Type: "card", Rate: 400, Fee: 0}, // a second card: not returned
	}); err != nil {
		t.Fatal(err)
	}
	r := e.do(http.MethodGet, "/bank-accounts/"+op+"/surcharge?amount=1050", pubKey, nil)
	// 1050 * 2.99 % = 31.395 -> 31; 1150 -> 34.385 -> 34; 1200 -> 35.88 -> 36
	jsonEqual(t, r.body, `[
    {"type": "loan", "surcharge_rate": 299, "surcharge_fee": 0, "amount": 1050, "surcharge_amount": 31, "total_amount": 1081},
    {"type": "card", "surcharge_rate": 0, "surcharge_fee": 250, "amount": 1050, "surcharge_amount": 250, "total_amount": 1300}
]`)
	for amount, want := range map[int64]int64{0: 0, 1: 0, 17: 1, 50: 1, 1150: 34, 1200: 36, surchargeMaxAmount: 2990000000000} {
		if got := surchargeAmount(SurchargeRate{Type: "loan", Rate: 299}, amount); got != want {
			t.Errorf("surcharge of %d at 2.99%% = %d; want %d", amount, got, want)
		}
	}
	if got := surchargeAmount(SurchargeRate{Type: "card", Rate: 10000}, surchargeMaxAmount); got != surchargeMaxAmount {
		t.Errorf("100%% of the maximum = %d", got)
	}
}

func TestSurchargeErrors(t *testing.T) {
	e := newEnv(t)
	op, _ := bankAccountIDs(t, e)
	for _, tc := range []struct {
		path   string
		a      auth
		status int
		code   string
		ctx    string
	}{
		{"/bank-accounts/" + op + "/surcharge", testKey, http.StatusUnauthorized, "not_authorized", ""},
		{"/bank-accounts/" + op + "/surcharge", noAuth, http.StatusUnauthorized, "not_authorized", ""},
		{"/bank-accounts/bank_nope/surcharge", pubKey, http.StatusNotFound, "resource_not_found", "BankAccount[bank_nope]"},
		{"/bank-accounts/" + op + "/surcharge?amount=12.5", pubKey, http.StatusUnprocessableEntity, "invalid_data", "amount"},
		{"/bank-accounts/" + op + "/surcharge?amount=-1", pubKey, http.StatusUnprocessableEntity, "invalid_data", "amount"},
		{"/bank-accounts/" + op + "/surcharge?amount=", pubKey, http.StatusUnprocessableEntity, "invalid_data", "amount"},
		{"/bank-accounts/" + op + "/surcharge?amount=100000000000000", pubKey, http.StatusUnprocessableEntity, "invalid_data", "amount"},
	} {
		r := e.do(http.MethodGet, tc.path, tc.a, nil)
		if r.status != tc.status {
			t.Errorf("%s: status %d %s; want %d", tc.path, r.status, r.body, tc.status)
			continue
		}
		ms := r.messages(t)
		if len(ms) == 0 || ms[0].Code != tc.code || ms[0].Context != tc.ctx {
			t.Errorf("%s: messages %+v; want %s on %q", tc.path, ms, tc.code, tc.ctx)
		}
	}
	for _, bad := range [][]SurchargeRate{{{Type: "wire"}}, {{Type: "card", Rate: 10001}}, {{Type: "card", Fee: -1}}} {
		if err := e.s.SetSurcharges(op, bad); err == nil {
			t.Errorf("SetSurcharges(%+v): no error", bad)
		}
	}
	if err := e.s.SetSurcharges("bank_nope", nil); err == nil {
		t.Error("SetSurcharges on an unknown bank account: no error")
	}
}

// The admin endpoint sets rates; reset restores the seeded ones.
func TestSurchargeAdminAndReset(t *testing.T) {
	e := newEnv(t)
	op, _ := bankAccountIDs(t, e)
	r := e.do(http.MethodPost, "/_sandbox/surcharge", noAuth, map[string]any{"bank_account_id": op, "surcharges": []any{}})
	if r.status != http.StatusNoContent {
		t.Fatalf("POST /_sandbox/surcharge: %d %s", r.status, r.body)
	}
	jsonEqual(t, e.do(http.MethodGet, "/bank-accounts/"+op+"/surcharge", pubKey, nil).body, `[]`)
	if r := e.do(http.MethodPost, "/_sandbox/surcharge", noAuth, map[string]any{"bank_account_id": op, "surcharges": []any{map[string]any{"type": "cash"}}}); r.status != http.StatusUnprocessableEntity {
		t.Errorf("bad type: %d %s", r.status, r.body)
	}
	e.s.Reset()
	jsonEqual(t, e.do(http.MethodGet, "/bank-accounts/"+op+"/surcharge", pubKey, nil).body,
		`[{"type": "card", "surcharge_rate": 350, "surcharge_fee": 0}, {"type": "bank", "surcharge_rate": 0, "surcharge_fee": 1001}]`)
}
