package sandbox

import (
	"strings"
	"testing"
)

func TestGatewayCredentialsShapeAndMerchantBlock(t *testing.T) {
	e := newEnv(t)
	e.do("PATCH", "/v1/merchant", testKey, map[string]any{"name": "Acme Inc.", "address2": "Suite 300"})
	r := e.do("GET", "/gateway-credentials", defToken, nil)
	raw := r.obj(t)
	for _, k := range []string{"application", "user", "merchant", "test_accounts", "live_accounts"} {
		if _, ok := raw[k]; !ok {
			t.Errorf("missing %s", k)
		}
	}
	user := raw["user"].(map[string]any)
	for _, k := range []string{"first_name", "last_name", "email", "owner", "abilities"} {
		if _, ok := user[k]; !ok {
			t.Errorf("user missing %s", k)
		}
	}
	merchant := raw["merchant"].(map[string]any)
	for _, k := range []string{"name", "address", "additional_address", "city", "state", "postal_code", "country", "phone",
		"timezone", "website", "support_email", "support_phone", "email_success_to", "email_failure_to", "reference_required", "reference_label"} {
		if _, ok := merchant[k]; !ok {
			t.Errorf("merchant missing %s", k)
		}
	}
	if merchant["name"] != "Acme Inc." || merchant["additional_address"] != "Suite 300" {
		t.Errorf("merchant block not current: %v", merchant)
	}
	var creds gatewayCredentialsJSON
	r.json(t, &creds)
	for _, c := range []struct {
		accts  []gatewayAccountJSON
		secret string
	}{{creds.TestAccounts, TestSecretKey}, {creds.LiveAccounts, LiveSecretKey}} {
		if len(c.accts) != 4 {
			t.Fatalf("want 4 accounts, got %d", len(c.accts))
		}
		for _, a := range c.accts {
			if a.SecretKey != c.secret || a.PublicKey != PublicKey || (a.TrustAccount != "true" && a.TrustAccount != "false") ||
				(a.Type != "MerchantAccount" && a.Type != "AchAccount") || a.Currency != "USD" || len(a.ID) != 22 {
				t.Errorf("account: %+v", a)
			}
		}
	}
	// trust_account is a JSON string.
	if !strings.Contains(string(r.body), `"trust_account":"true"`) {
		t.Error("trust_account must be the string \"true\"/\"false\"")
	}
}

func TestBankAccounts(t *testing.T) {
	e := newEnv(t)
	live := e.merchant(liveKey)
	liveIDs := map[string]bool{}
	for _, a := range live.MerchantAccounts {
		liveIDs[a.ID] = true
	}
	for _, a := range live.ACHAccounts {
		liveIDs[a.ID] = true
	}
	var banks []map[string]any
	e.do("GET", "/bank-accounts", defToken, nil).json(t, &banks)
	if len(banks) != 2 {
		t.Fatalf("want 2 bank accounts, got %d", len(banks))
	}
	trust := map[bool]bool{}
	seen := 0
	for _, b := range banks {
		id := b["id"].(string)
		if !strings.HasPrefix(id, "bank_") || len(id) != 26 || !isAlnum(id[5:]) {
			t.Errorf("bank id %q", id)
		}
		if acct := b["account_id"].(string); !strings.HasPrefix(acct, "*****") || len(acct) != 9 {
			t.Errorf("account_id %q", acct)
		}
		trust[b["trust"].(bool)] = true
		for _, k := range []string{"name", "bank_name", "currency"} {
			if b[k] == "" || b[k] == nil {
				t.Errorf("bank missing %s", k)
			}
		}
		for _, p := range b["processing_accounts"].([]any) {
			pa := p.(map[string]any)
			if !liveIDs[pa["id"].(string)] {
				t.Errorf("processing account %v is not a live account", pa["id"])
			}
			seen++
			switch pa["type"] {
			case "card":
				for _, k := range []string{"name", "required_payment_fields", "accepted_card_types", "cvv_policy", "avs_policy",
					"swipe_cvv_policy", "swipe_avs_policy", "swipe_required_payment_fields"} {
					if _, ok := pa[k]; !ok {
						t.Errorf("card processing account missing %s", k)
					}
				}
			case "ach":
			default:
				t.Errorf("type %v", pa["type"])
			}
		}
	}
	if !trust[true] || !trust[false] || seen != len(liveIDs) {
		t.Errorf("want one trust and one operating bank covering all %d live accounts; trust=%v seen=%d", len(liveIDs), trust, seen)
	}
}
