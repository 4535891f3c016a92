package sandbox

import (
	"net/http"
	"testing"
)

// Saved cards: card_type is the documented enum (reference :3848-3855) and a
// number that does not fit the given type is card_number_incorrect (:4894).
func TestSavedCardCardType(t *testing.T) {
	e := newEnv(t)
	card := func(extra map[string]any) map[string]any {
		b := map[string]any{"number": "4242424242424242", "exp_month": 10, "exp_year": 2099, "name": "Some Customer"}
		for k, v := range extra {
			b[k] = v
		}
		return b
	}
	expectInvalid(t, e.do("POST", "/v1/cards", testKey, card(map[string]any{"card_type": "VISA_ELECTRON"})), [2]string{"card_type", "invalid"})
	expectInvalid(t, e.do("POST", "/v1/cards", testKey, card(map[string]any{"card_type": "visa"})), [2]string{"card_type", "invalid"})
	r := e.do("POST", "/v1/cards", testKey, card(map[string]any{"card_type": "MASTERCARD"}))
	if r.status != http.StatusUnprocessableEntity {
		t.Fatalf("VISA number as MASTERCARD: %d %s", r.status, r.body)
	}
	if m := r.messages(t); len(m) != 1 || m[0].Code != "card_number_incorrect" || m[0].Level != "error" || m[0].Facility != "gateway" {
		t.Fatalf("messages %+v", m)
	}
	for _, ct := range []string{"VISA", "UNKNOWN"} {
		r := e.do("POST", "/v1/cards", testKey, card(map[string]any{"card_type": ct}))
		if r.status != 200 || r.obj(t)["card_type"] != "VISA" {
			t.Fatalf("card_type %s: %d %s", ct, r.status, r.body)
		}
	}
	// The inline method of a recurring charge follows the same rules.
	r = e.do("POST", "/v1/recurring/charges", testKey, map[string]any{
		"amount": 100, "method": card(map[string]any{"type": "card", "card_type": "AMERICAN_EXPRESS"}),
		"schedule": map[string]any{"start": "2099-01-01", "interval_unit": "MONTH", "interval_delay": 1},
	})
	if r.status != http.StatusUnprocessableEntity || r.messages(t)[0].Code != "card_number_incorrect" {
		t.Fatalf("recurring method card_type mismatch: %d %s", r.status, r.body)
	}
}

// Contact payment methods: bank_account_type is checking or savings only
// (reference :9400-9405); a given value is stored, not replaced by the
// token's account type.
func TestPaymentMethodBankAccountType(t *testing.T) {
	e := newEnv(t)
	cid := e.createContact(map[string]any{"type": "organization", "name": "Acme"})["id"].(string)
	for _, bad := range []string{"money_market", "CHECKING", "Savings", "operating"} {
		r := e.do("POST", "/contacts/"+cid+"/payment-methods", defToken, map[string]any{
			"payment_type": "bank_account", "one_time_token": e.newToken(validBank()), "bank_account_type": bad})
		expectInvalid(t, r, [2]string{"bank_account_type", "invalid"})
	}
	// The token says CHECKING; the request says savings: savings is stored.
	pm := e.createPM(cid, map[string]any{"payment_type": "bank_account", "one_time_token": e.newToken(validBank()), "bank_account_type": "savings"})
	if pm["bank_account_type"] != "savings" {
		t.Fatalf("bank_account_type = %v, want savings", pm["bank_account_type"])
	}
	// Absent: the token's, lower-cased.
	pm = e.createPM(cid, map[string]any{"payment_type": "bank_account", "one_time_token": e.newToken(validBank())})
	if pm["bank_account_type"] != "checking" {
		t.Fatalf("default bank_account_type = %v, want checking", pm["bank_account_type"])
	}
	// Not for cards.
	r := e.do("POST", "/contacts/"+cid+"/payment-methods", defToken, map[string]any{
		"payment_type": "credit_card", "one_time_token": e.newToken(validCard("4242424242424242")), "bank_account_type": "checking"})
	expectInvalid(t, r, [2]string{"bank_account_type", "invalid"})
}

// A saved bank made from a token keeps the token's reference and
// description and masks the account number to its own length (reference
// "Updating a saved bank with a one-time token", :3271-3290).
func TestSavedBankFromTokenKeepsTexts(t *testing.T) {
	e := newEnv(t)
	tb := validBank()
	tb["account_number"] = "10333257392394"
	tb["reference"] = "Customer123"
	tb["description"] = "Corporate Checking"
	tok := e.newToken(tb)
	r := e.do("POST", "/v1/banks", testKey, map[string]any{"token_id": tok})
	if r.status != 200 {
		t.Fatalf("%d %s", r.status, r.body)
	}
	b := r.obj(t)
	if b["reference"] != "Customer123" || b["description"] != "Corporate Checking" || b["account_number"] != "**********2394" {
		t.Fatalf("saved bank from token: %v", b)
	}
	// Values in the request override the token's.
	tok = e.newToken(tb)
	r = e.do("POST", "/v1/banks", testKey, map[string]any{"token_id": tok, "reference": "Other"})
	if b := r.obj(t); b["reference"] != "Other" || b["description"] != "Corporate Checking" {
		t.Fatalf("override: %v", b)
	}
}
