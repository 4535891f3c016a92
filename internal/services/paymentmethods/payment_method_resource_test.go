package paymentmethods_test

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/acctest"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/client"
)

// pmTestContact is a test-mode person contact, managed by Terraform.
const pmTestContact = `
resource "affinipay_contact" "payer" {
  type       = "person"
  first_name = "Lu"
  last_name  = "Harper"
  test_mode  = true
}
`

// pmTestCardConfig is a contact, a card token and a payment method made
// from it; body is added to the payment method.
func pmTestCardConfig(number string, expYear, version int, body string) string {
	return pmTestContact + fmt.Sprintf(`
ephemeral "affinipay_payment_token" "card" {
  card = {
    number      = %q
    exp_month   = 10
    exp_year    = %d
    cvv         = "123"
    name        = "Lu Harper"
    postal_code = "78701"
  }
}

resource "affinipay_payment_method" "card" {
  contact_id                = affinipay_contact.payer.id
  payment_type              = "credit_card"
  test_mode                 = true
  one_time_token_wo         = ephemeral.affinipay_payment_token.card.id
  one_time_token_wo_version = %d
%s
}
`, number, expYear, version, body)
}

// pmTestCheckGone is a CheckDestroy: no payment method of the state is left.
func pmTestCheckGone(t *testing.T) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		for _, rs := range s.RootModule().Resources {
			if rs.Type != "affinipay_payment_method" {
				continue
			}
			_, err := acctest.Client(t).GetPaymentMethod(context.Background(), rs.Primary.Attributes["contact_id"], rs.Primary.ID)
			if err == nil {
				return fmt.Errorf("payment method %s still exists", rs.Primary.ID)
			}
			if !client.IsNotFound(err) {
				return err
			}
		}
		return nil
	}
}

func TestAccPaymentMethodResource_card(t *testing.T) {
	acctest.Parallel(t)
	const addr = "affinipay_payment_method.card"
	var contactID, pmID, newID string
	sameID := statecheck.CompareValue(compare.ValuesSame())
	patches := acctest.Requests(t, http.MethodPatch, "/contacts/{id}/payment-methods/{pmid}")
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		ProtoV6ProviderFactories: acctest.Factories(t),
		CheckDestroy:             pmTestCheckGone(t),
		Steps: []resource.TestStep{
			{
				Config: pmTestCardConfig("4242424242424242", 2030, 1, `
  nickname        = "Lu's Visa"
  authorized_uses = ["all"]`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					acctest.CaptureAttr(addr, "contact_id", &contactID), acctest.CaptureAttr(addr, "id", &pmID),
					acctest.CheckAPI(func(*terraform.State) error {
						pm, err := acctest.Client(t).GetPaymentMethod(context.Background(), contactID, pmID)
						if err != nil {
							return err
						}
						if pm.Nickname != "Lu's Visa" || pm.CardType != "VISA" || !pm.TestMode {
							return fmt.Errorf("at AffiniPay: %+v", pm)
						}
						return nil
					}),
					sameID.AddStateValue(addr, tfjsonpath.New("id")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^pmtd_[0-9A-Za-z]{21}$`))),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("one_time_token_wo"), knownvalue.Null()),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("one_time_token_wo_version"), knownvalue.Int64Exact(1)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("account_number"), knownvalue.StringExact("************4242")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("card_type"), knownvalue.StringExact("VISA")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("expiration_month"), knownvalue.Int64Exact(10)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("expiration_year"), knownvalue.Int64Exact(2030)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("name"), knownvalue.StringExact("Lu Harper")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("nickname"), knownvalue.StringExact("Lu's Visa")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("test_mode"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("preferred"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("reference"), knownvalue.Null()),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("bank_name"), knownvalue.Null()),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("payee_id"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("address").AtMapKey("postal_code"), knownvalue.StringExact("78701")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("authorized_uses"),
						knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("all")})),
				},
			},
			{
				// Re-planning (a new token is made, the version is the same) changes nothing.
				Config: pmTestCardConfig("4242424242424242", 2030, 1, `
  nickname        = "Lu's Visa"
  authorized_uses = ["all"]`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				// Every updatable attribute changes, in place.
				Config: pmTestCardConfig("4242424242424242", 2030, 1, `
  nickname        = "Visa (firm card)"
  reference       = "crm-1042"
  preferred       = true
  authorized_uses = ["merchant", "client"]
  timeouts = {
    update = "2m"
  }`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
						// The card is not being replaced: its details stay known.
						plancheck.ExpectKnownValue(addr, tfjsonpath.New("account_number"), knownvalue.StringExact("************4242")),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					sameID.AddStateValue(addr, tfjsonpath.New("id")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("nickname"), knownvalue.StringExact("Visa (firm card)")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("reference"), knownvalue.StringExact("crm-1042")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("preferred"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("authorized_uses"),
						knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("client"), knownvalue.StringExact("merchant")})),
				},
				Check: func(*terraform.State) error {
					pm, err := acctest.Client(t).GetPaymentMethod(context.Background(), contactID, pmID)
					if err != nil {
						return err
					}
					if pm.Reference != "crm-1042" || !bool(pm.Preferred) || len(pm.AuthorizedUses) != 2 {
						return fmt.Errorf("at AffiniPay: %+v", pm)
					}
					return nil
				},
			},
			{
				// Another card with the same version: Terraform cannot see a
				// write-only change, so nothing happens (documented).
				Config: pmTestCardConfig("5105105105105100", 2031, 1, `
  nickname        = "Visa (firm card)"
  reference       = "crm-1042"
  preferred       = true
  authorized_uses = ["merchant", "client"]
  timeouts = {
    update = "2m"
  }`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				// Bumping the version sends the new token with one PATCH: the
				// card is replaced in place and keeps its ID; the optional
				// text fields are cleared.
				PreConfig: patches.Mark,
				Config:    pmTestCardConfig("5105105105105100", 2031, 2, `  authorized_uses = ["merchant", "client"]`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
						plancheck.ExpectUnknownValue(addr, tfjsonpath.New("account_number")),
						plancheck.ExpectUnknownValue(addr, tfjsonpath.New("card_type")),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					sameID.AddStateValue(addr, tfjsonpath.New("id")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("account_number"), knownvalue.StringExact("************5100")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("card_type"), knownvalue.StringExact("MASTERCARD")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("expiration_year"), knownvalue.Int64Exact(2031)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("one_time_token_wo_version"), knownvalue.Int64Exact(2)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("nickname"), knownvalue.Null()),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("reference"), knownvalue.Null()),
				},
				Check: func(*terraform.State) error {
					if err := patches.Expect(1, "to replace the card")(nil); err != nil {
						return err
					}
					pm, err := acctest.Client(t).GetPaymentMethod(context.Background(), contactID, pmID)
					if err != nil {
						return err
					}
					if pm.Nickname != "" || pm.Reference != "" {
						return fmt.Errorf("text fields not cleared at AffiniPay: %+v", pm)
					}
					return nil
				},
			},
			{
				ResourceName:      addr,
				ImportState:       true,
				ImportStateIdFunc: func(*terraform.State) (string, error) { return contactID + "/" + pmID, nil },
				ImportStateVerify: true,
				// Tokens are never read back; timeouts exist only in configuration.
				ImportStateVerifyIgnore: []string{"one_time_token_wo_version", "timeouts"},
			},
			{
				// Drift made outside Terraform is detected and corrected.
				PreConfig: func() {
					if _, err := acctest.Client(t).UpdatePaymentMethod(context.Background(), contactID, pmID, client.PaymentMethodUpdate{
						Nickname: client.String("Renamed in the dashboard"), AuthorizedUses: &[]string{"all"},
					}); err != nil {
						t.Fatal(err)
					}
				},
				Config: pmTestCardConfig("5105105105105100", 2031, 2, `  authorized_uses = ["merchant", "client"]`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(addr, tfjsonpath.New("nickname"), knownvalue.Null()),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: func(*terraform.State) error {
					pm, err := acctest.Client(t).GetPaymentMethod(context.Background(), contactID, pmID)
					if err != nil {
						return err
					}
					if pm.Nickname != "" || len(pm.AuthorizedUses) != 2 {
						return fmt.Errorf("drift not corrected: %+v", pm)
					}
					return nil
				},
			},
			{
				// Deleted outside Terraform: the next plan creates it again,
				// from a fresh token.
				PreConfig: func() {
					if err := acctest.Client(t).DeletePaymentMethod(context.Background(), contactID, pmID); err != nil {
						t.Fatal(err)
					}
				},
				Config: pmTestCardConfig("5105105105105100", 2031, 2, `  authorized_uses = ["merchant", "client"]`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("account_number"), knownvalue.StringExact("************5100")),
					acctest.CaptureAttr(addr, "id", &newID),
					acctest.CheckAPI(func(*terraform.State) error {
						if newID == pmID {
							return fmt.Errorf("the deleted payment method %s is still in state", pmID)
						}
						return nil
					}),
				},
			},
		},
	})
}

// A bank account payment method from a bank token; a changed contact_id or
// payment_type replaces it.
func TestAccPaymentMethodResource_bank(t *testing.T) {
	acctest.Parallel(t)
	const addr = "affinipay_payment_method.bank"
	cfg := func(holder string) string {
		return pmTestContact + fmt.Sprintf(`
ephemeral "affinipay_payment_token" "bank" {
  bank = {
    routing_number      = "000000013"
    account_number      = "918273645501"
    account_type        = "SAVINGS"
    account_holder_type = %q
    name                = "Harper Law PLLC"
    given_name          = "Lu"
    surname             = "Harper"
  }
}

resource "affinipay_payment_method" "bank" {
  contact_id        = affinipay_contact.payer.id
  payment_type      = "bank_account"
  one_time_token_wo = ephemeral.affinipay_payment_token.bank.id
}
`, holder)
	}
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		ProtoV6ProviderFactories: acctest.Factories(t),
		CheckDestroy:             pmTestCheckGone(t),
		Steps: []resource.TestStep{
			{
				Config: cfg("business"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("account_number"), knownvalue.StringRegexp(regexp.MustCompile(`^\*+5501$`))),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("bank_account_type"), knownvalue.StringExact("savings")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("account_holder_type"), knownvalue.StringExact("business")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("card_type"), knownvalue.Null()),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("expiration_month"), knownvalue.Null()),
					// Not configured: inherited from the test-mode contact.
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("test_mode"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("one_time_token_wo_version"), knownvalue.Null()),
				},
			},
			{
				// Without a version, another token is never sent.
				Config:           cfg("individual"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				// contact_id cannot change: moving the payment method to
				// another contact replaces it (from a fresh token).
				Config: strings.Replace(cfg("business"), "affinipay_contact.payer.id", "affinipay_contact.other.id", 1) + `
resource "affinipay_contact" "other" {
  type      = "organization"
  name      = "Harper Law PLLC"
  test_mode = true
}
`,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionDestroyBeforeCreate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.CompareValuePairs(addr, tfjsonpath.New("contact_id"), "affinipay_contact.other", tfjsonpath.New("id"), compare.ValuesSame()),
				},
			},
		},
	})
}

// A saved payment token (a saved card, /v1/cards) is the alternative to a
// one-time token; changing it replaces the card in place.
func TestAccPaymentMethodResource_savedPaymentToken(t *testing.T) {
	acctest.Parallel(t)
	acctest.SandboxOnly(t)
	const addr = "affinipay_payment_method.saved"
	saved := func(number string) string {
		t.Helper()
		var card struct {
			ID string `json:"id"`
		}
		err := acctest.Client(t).Do(context.Background(), client.Request{
			Method: http.MethodPost, Path: "/v1/cards", Auth: client.AuthSecretKey,
			Body: map[string]any{"number": number, "exp_month": 12, "exp_year": 2031, "cvv": "123", "postal_code": "78701"},
		}, &card)
		if err != nil || card.ID == "" {
			t.Skipf("cannot save a card in the sandbox: %v", err)
		}
		return card.ID
	}
	first, second := saved("4242424242424242"), saved("378282246310005")
	cfg := func(token string) string {
		return pmTestContact + fmt.Sprintf(`
resource "affinipay_payment_method" "saved" {
  contact_id          = affinipay_contact.payer.id
  payment_type        = "credit_card"
  saved_payment_token = %q
}
`, token)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.Factories(t),
		CheckDestroy:             pmTestCheckGone(t),
		Steps: []resource.TestStep{
			{
				Config: cfg(first),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectSensitiveValue(addr, tfjsonpath.New("saved_payment_token")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("card_type"), knownvalue.StringExact("VISA")),
				},
			},
			{
				Config: cfg(second),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("card_type"), knownvalue.StringExact("AMERICAN_EXPRESS")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("account_number"), knownvalue.StringRegexp(regexp.MustCompile(`^\*+0005$`))),
				},
			},
		},
	})
}

// Bad input is refused at plan time, naming the attribute.
func TestAccPaymentMethodResource_invalid(t *testing.T) {
	t.Parallel()
	base := func(attrs string) string {
		return `
resource "affinipay_payment_method" "bad" {
  contact_id   = "p_E3ZUY3x1R87RISuzJ3vDm"
  payment_type = "credit_card"
` + attrs + `
}`
	}
	cases := map[string]struct{ config, want string }{
		"contact_id": {strings.Replace(base(`  saved_payment_token = "card_1"`), "p_E3ZUY3x1R87RISuzJ3vDm", "pmtd_UlrciejZ4ZWpmOv8ldzM9", 1),
			`(?s)contact_id.*must be a contact ID`},
		"payment_type": {strings.Replace(base(`  saved_payment_token = "card_1"`), `"credit_card"`, `"cash"`, 1),
			`(?s)payment_type.*value must be one of`},
		"authorized_uses value": {base(`  saved_payment_token = "card_1"
  authorized_uses = ["everyone"]`), `(?s)authorized_uses.*value must be one of`},
		"authorized_uses empty": {base(`  saved_payment_token = "card_1"
  authorized_uses = []`), `(?s)authorized_uses.*at least 1`},
		"nickname": {base(`  saved_payment_token = "card_1"
  nickname = "` + strings.Repeat("n", 257) + `"`), `(?s)nickname.*length must be between 1 and 256`},
		"nickname empty": {base(`  saved_payment_token = "card_1"
  nickname = ""`), `(?s)nickname.*length must be between 1 and 256`},
		"reference": {base(`  saved_payment_token = "card_1"
  reference = "` + strings.Repeat("r", 256) + `"`), `(?s)reference.*length must be between 1 and 255`},
		"saved_payment_token empty": {base(`  saved_payment_token = ""`), `(?s)saved_payment_token.*length must be at least 1`},
		"no token at create":        {base(``), `(?s)Missing payment token.*needs exactly one of one_time_token_wo.*saved_payment_token`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel() // plan-only
			resource.UnitTest(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.Factories(t),
				Steps:                    []resource.TestStep{{Config: tc.config, PlanOnly: true, ExpectError: regexp.MustCompile(tc.want)}},
			})
		})
	}
}

// The write-only token's rules (Terraform 1.11 or later).
func TestAccPaymentMethodResource_invalidWriteOnly(t *testing.T) {
	t.Parallel()
	base := `
resource "affinipay_payment_method" "bad" {
  contact_id   = "p_E3ZUY3x1R87RISuzJ3vDm"
  payment_type = "credit_card"
%s
}`
	cases := map[string]struct{ attrs, want string }{
		"both tokens": {`  one_time_token_wo = "tok"
  saved_payment_token = "card_1"`, `(?s)one_time_token_wo = "tok".*cannot be configured together.*one_time_token_wo,saved_payment_token`},
		"version without token": {`  saved_payment_token = "card_1"
  one_time_token_wo_version = 2`, `(?s)Missing one_time_token_wo.*one_time_token_wo_version = 2.*not set`},
		"empty token": {`  one_time_token_wo = ""`, `(?s)one_time_token_wo.*length must be at least 1`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel() // plan-only
			resource.UnitTest(t, resource.TestCase{
				TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
				ProtoV6ProviderFactories: acctest.Factories(t),
				Steps: []resource.TestStep{{
					Config: fmt.Sprintf(base, tc.attrs), PlanOnly: true, ExpectError: regexp.MustCompile(tc.want),
				}},
			})
		})
	}
}

// Bad import IDs are refused with the expected format.
func TestAccPaymentMethodResource_importInvalid(t *testing.T) {
	t.Parallel()
	resource.UnitTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		ProtoV6ProviderFactories: acctest.Factories(t),
		Steps: []resource.TestStep{{
			Config: `
resource "affinipay_payment_method" "imported" {
  contact_id   = "p_E3ZUY3x1R87RISuzJ3vDm"
  payment_type = "credit_card"
}`,
			ResourceName:  "affinipay_payment_method.imported",
			ImportState:   true,
			ImportStateId: "pmtd_UlrciejZ4ZWpmOv8ldzM9",
			ExpectError:   regexp.MustCompile(`(?s)Invalid import ID.*contact_id/payment_method_id`),
		}},
	})
}
