package sandbox

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

// achIDs returns the test-mode primary and non-primary eCheck account IDs.
func achIDs(t *testing.T, e *env, a auth) (primary, other string) {
	t.Helper()
	for _, acct := range e.merchant(a).ACHAccounts {
		if acct.Primary {
			primary = acct.ID
		} else {
			other = acct.ID
		}
	}
	if primary == "" || other == "" {
		t.Fatal("seed must have one primary and one non-primary eCheck account")
	}
	return primary, other
}

func TestACHPatch(t *testing.T) {
	e := newEnv(t)
	primary, _ := achIDs(t, e, testKey)
	e.clock.Advance(time.Minute)
	r := e.do("PATCH", "/v1/ach-accounts/"+primary, testKey, map[string]any{
		"required_payment_fields":       "name,address1,postal_code",
		"transaction_allowed_countries": "US,CA",
		"routing_number":                "999999999", // read-only: ignored
	})
	if r.status != 200 {
		t.Fatalf("PATCH: %d %s", r.status, r.body)
	}
	var got achAccountJSON
	r.json(t, &got)
	if got.RequiredPaymentFields != "name,address1,postal_code" || got.TransactionAllowedCountries != "US,CA" ||
		got.Name != "eCheck" || !got.Primary || got.RoutingNumber != "******013" || got.AccountNumber != "*****8932" ||
		got.AccountType != "CHECKING" || got.BankName != "FIRST BANK OF TESTING" || got.Status != "ACTIVE" ||
		got.Modified != "2024-03-01T12:01:00.123Z" || got.ID != primary {
		t.Fatalf("PATCH result: %+v", got)
	}
	// Visible in GET /v1/merchant.
	for _, a := range e.merchant(testKey).ACHAccounts {
		if a.ID == primary && a.RequiredPaymentFields != "name,address1,postal_code" {
			t.Errorf("not persisted: %+v", a)
		}
	}
}

func TestACHPutClearsOptionalAndRequiresName(t *testing.T) {
	e := newEnv(t)
	primary, _ := achIDs(t, e, testKey)
	r := e.do("PUT", "/v1/ach-accounts/"+primary, testKey, map[string]any{"name": "Renamed", "primary": true})
	if r.status != 200 {
		t.Fatalf("PUT: %d %s", r.status, r.body)
	}
	var got achAccountJSON
	r.json(t, &got)
	if got.Name != "Renamed" || !got.Primary || got.RequiredPaymentFields != "" || got.TransactionAllowedCountries != "" {
		t.Fatalf("PUT result: %+v", got)
	}
	expectInvalid(t, e.do("PUT", "/v1/ach-accounts/"+primary, testKey, map[string]any{"primary": true}), [2]string{"name", "not_null"})
	expectInvalid(t, e.do("PATCH", "/v1/ach-accounts/"+primary, testKey, map[string]any{"name": ""}), [2]string{"name", "not_blank"})
	expectInvalid(t, e.do("PATCH", "/v1/ach-accounts/"+primary, testKey, `{"primary": null}`), [2]string{"primary", "not_null"})
	expectInvalid(t, e.do("PATCH", "/v1/ach-accounts/"+primary, testKey, `{"primary": "yes"}`), [2]string{"primary", "invalid"})
}

func TestACHListValidation(t *testing.T) {
	e := newEnv(t)
	primary, _ := achIDs(t, e, testKey)
	r := e.do("PATCH", "/v1/ach-accounts/"+primary, testKey, map[string]any{
		"required_payment_fields":       "name,cvv",
		"transaction_allowed_countries": "US,ZZ",
	})
	expectInvalid(t, r, [2]string{"required_payment_fields", "invalid"}, [2]string{"transaction_allowed_countries", "invalid"})
	msgs := r.messages(t)
	if !strings.Contains(msgs[0].Message, `"cvv"`) || !strings.Contains(msgs[1].Message, `"ZZ"`) {
		t.Errorf("messages must name the bad values: %+v", msgs)
	}
	for _, a := range e.merchant(testKey).ACHAccounts {
		if a.ID == primary && (a.RequiredPaymentFields != "name" || a.TransactionAllowedCountries != "US") {
			t.Fatalf("invalid PATCH changed the account: %+v", a)
		}
	}
	// All documented values are accepted; "" and null clear.
	if r := e.do("PATCH", "/v1/ach-accounts/"+primary, testKey, map[string]any{
		"required_payment_fields": "name,address1,city,state,postal_code,country,email,phone",
	}); r.status != 200 {
		t.Fatalf("documented values rejected: %s", r.body)
	}
	r = e.do("PATCH", "/v1/ach-accounts/"+primary, testKey, `{"required_payment_fields": "", "transaction_allowed_countries": null}`)
	var got achAccountJSON
	r.json(t, &got)
	if got.RequiredPaymentFields != "" || got.TransactionAllowedCountries != "" {
		t.Fatalf("not cleared: %+v", got)
	}
}

func TestACHPrimarySwitching(t *testing.T) {
	e := newEnv(t)
	primary, other := achIDs(t, e, testKey)
	livePrimary, _ := achIDs(t, e, liveKey)

	// Un-setting the only primary is rejected.
	r := e.do("PATCH", "/v1/ach-accounts/"+primary, testKey, map[string]any{"primary": false})
	expectInvalid(t, r, [2]string{"primary", "invalid"})
	if !strings.Contains(r.messages(t)[0].Message, "Exactly one eCheck account must always be marked as primary") {
		t.Errorf("message: %s", r.body)
	}
	// PUT without primary on the primary account is the same mistake.
	expectInvalid(t, e.do("PUT", "/v1/ach-accounts/"+primary, testKey, map[string]any{"name": "eCheck"}), [2]string{"primary", "invalid"})

	// Making the other account primary demotes the old one (same mode only).
	r = e.do("PATCH", "/v1/ach-accounts/"+other, testKey, map[string]any{"primary": true})
	if r.status != 200 {
		t.Fatalf("switch primary: %d %s", r.status, r.body)
	}
	for _, a := range e.merchant(testKey).ACHAccounts {
		if (a.ID == other) != a.Primary {
			t.Errorf("after switch: %s primary=%v", a.Name, a.Primary)
		}
	}
	for _, a := range e.merchant(liveKey).ACHAccounts {
		if (a.ID == livePrimary) != a.Primary {
			t.Errorf("live accounts affected by a test-mode switch: %s primary=%v", a.Name, a.Primary)
		}
	}
	// primary=false on a non-primary account is a no-op.
	if r := e.do("PATCH", "/v1/ach-accounts/"+primary, testKey, map[string]any{"primary": false}); r.status != 200 {
		t.Fatalf("no-op primary=false: %d %s", r.status, r.body)
	}
}

func TestACHNotFound(t *testing.T) {
	e := newEnv(t)
	livePrimary, _ := achIDs(t, e, liveKey)
	for _, id := range []string{livePrimary, "wKgFeDz5HF-BPPl08dcACw"} {
		r := e.do("PATCH", "/v1/ach-accounts/"+id, testKey, map[string]any{"name": "x"})
		expectMessages(t, r, http.StatusNotFound, Message{
			Context: "AchAccount[" + id + "]", Code: "resource_not_found", Level: "error",
			Message: "Requested resource not found", Facility: "gateway",
		})
	}
}
