package paymentmethods_test

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"testing"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/acctest"
	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// pmTestTokenPosts counts POST /v1/tokens answered by t's sandbox.
func pmTestTokenPosts(t *testing.T) int64 {
	return acctest.SandboxRequestCount(acctest.SandboxFor(t), http.MethodPost, "/v1/tokens")
}

// pmTestCardWOConfig is a contact and a payment method with card_wo; a
// card of "" leaves card_wo out.
func pmTestCardWOConfig(number string, expYear, version int) string {
	card := ""
	if number != "" {
		card = fmt.Sprintf(`
  card_wo = {
    number      = %q
    exp_month   = 10
    exp_year    = %d
    cvv         = "123"
    name        = "Lu Harper"
    postal_code = "78701"
    country     = "US"
  }`, number, expYear)
	}
	return pmTestContact + fmt.Sprintf(`
resource "affinipay_payment_method" "card" {
  contact_id                 = affinipay_contact.payer.id
  payment_type               = "credit_card"
  test_mode                  = true
  payment_details_wo_version = %d
%s
}
`, version, card)
}

// card_wo: one token at creation; none for plans, refreshes, re-applies,
// changed details with the same version, or card_wo removed; one for a
// version bump (in place, same ID); import; none at destroy.
func TestAccPaymentMethodResource_cardWO(t *testing.T) {
	acctest.Parallel(t)
	acctest.SandboxOnly(t)
	const addr = "affinipay_payment_method.card"
	var contactID, pmID string
	sameID := statecheck.CompareValue(compare.ValuesSame())
	var before int64
	mark := func() { before = pmTestTokenPosts(t) }
	tokens := func(want int64) resource.TestCheckFunc {
		return func(*terraform.State) error {
			if n := pmTestTokenPosts(t) - before; n != want {
				return fmt.Errorf("%d POST /v1/tokens, want %d", n, want)
			}
			return nil
		}
	}
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		ProtoV6ProviderFactories: acctest.Factories(t),
		CheckDestroy: func(s *terraform.State) error {
			if err := tokens(0)(s); err != nil {
				return fmt.Errorf("destroy: %w", err)
			}
			return pmTestCheckGone(t)(s)
		},
		Steps: []resource.TestStep{
			{
				// Creation: plan, apply, refresh and the follow-up plans of
				// the step make exactly one token.
				PreConfig: mark,
				Config:    pmTestCardWOConfig("4242424242424242", 2030, 1),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					acctest.CaptureAttr(addr, "contact_id", &contactID), acctest.CaptureAttr(addr, "id", &pmID),
					acctest.CheckAPI(tokens(1)),
					sameID.AddStateValue(addr, tfjsonpath.New("id")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("card_wo"), knownvalue.Null()),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("bank_account_wo"), knownvalue.Null()),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("payment_details_wo_version"), knownvalue.Int64Exact(1)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("account_number"), knownvalue.StringExact("************4242")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("card_type"), knownvalue.StringExact("VISA")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("expiration_year"), knownvalue.Int64Exact(2030)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("name"), knownvalue.StringExact("Lu Harper")),
				},
			},
			{
				// Applying the same configuration again: no token.
				PreConfig:        mark,
				Config:           pmTestCardWOConfig("4242424242424242", 2030, 1),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				Check:            tokens(0),
			},
			{
				// Refresh only: no token.
				PreConfig:    mark,
				RefreshState: true,
				Check:        tokens(0),
			},
			{
				// Other card details with the same version: Terraform cannot
				// see a write-only change, so nothing is sent (documented).
				PreConfig:        mark,
				Config:           pmTestCardWOConfig("5105105105105100", 2031, 1),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				Check:            tokens(0),
			},
			{
				// A version bump: one token, one PATCH, same ID.
				PreConfig: mark,
				Config:    pmTestCardWOConfig("5105105105105100", 2031, 2),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
						plancheck.ExpectUnknownValue(addr, tfjsonpath.New("account_number")),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					acctest.CheckAPI(tokens(1)),
					acctest.CheckAPI(func(*terraform.State) error {
						pm, err := acctest.Client(t).GetPaymentMethod(context.Background(), contactID, pmID)
						if err != nil {
							return err
						}
						if pm.CardType != "MASTERCARD" {
							return fmt.Errorf("at AffiniPay the card was not replaced: %+v", pm)
						}
						return nil
					}),
					sameID.AddStateValue(addr, tfjsonpath.New("id")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("account_number"), knownvalue.StringExact("************5100")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("card_type"), knownvalue.StringExact("MASTERCARD")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("payment_details_wo_version"), knownvalue.Int64Exact(2)),
				},
			},
			{
				// card_wo left out (the card data need not be on the machine
				// at all) with the version kept: no change, no token.
				PreConfig:        mark,
				Config:           pmTestCardWOConfig("", 0, 2),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				Check:            tokens(0),
			},
			{
				// A bump without card_wo is refused at plan time.
				Config:      pmTestCardWOConfig("", 0, 3),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Missing card_wo or bank_account_wo.*payment_details_wo_version.*neither`),
			},
			{
				// Import: no token.
				PreConfig:               mark,
				ImportStateCheck:        func([]*terraform.InstanceState) error { return tokens(0)(nil) },
				ResourceName:            addr,
				Config:                  pmTestCardWOConfig("", 0, 2),
				ImportState:             true,
				ImportStateIdFunc:       func(*terraform.State) (string, error) { return contactID + "/" + pmID, nil },
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"payment_details_wo_version", "timeouts"},
			},
			{
				// After an import the state has no version: the configured one
				// is recorded (an in-place update with a warning), no token,
				// and the next plan is empty.
				PreConfig: mark,
				Config:    pmTestCardWOConfig("", 0, 2),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					sameID.AddStateValue(addr, tfjsonpath.New("id")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("payment_details_wo_version"), knownvalue.Int64Exact(2)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("account_number"), knownvalue.StringExact("************5100")),
				},
				Check: tokens(0),
			},
		},
	})
}

// bank_account_wo stores a bank account; its holder rules and payment_type
// are checked at plan time.
func TestAccPaymentMethodResource_bankAccountWO(t *testing.T) {
	acctest.Parallel(t)
	const addr = "affinipay_payment_method.bank"
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		ProtoV6ProviderFactories: acctest.Factories(t),
		CheckDestroy:             pmTestCheckGone(t),
		Steps: []resource.TestStep{{
			Config: pmTestContact + `
resource "affinipay_payment_method" "bank" {
  contact_id                 = affinipay_contact.payer.id
  payment_type               = "bank_account"
  test_mode                  = true
  payment_details_wo_version = 1
  bank_account_wo = {
    routing_number      = "000000013"
    account_number      = "918273645501"
    account_type        = "SAVINGS"
    account_holder_type = "business"
    name                = "Harper Law PLLC"
  }
}`,
			ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("bank_account_wo"), knownvalue.Null()),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("account_number"), knownvalue.StringRegexp(regexp.MustCompile(`^\*+5501$`))),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("bank_account_type"), knownvalue.StringExact("savings")),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("account_holder_type"), knownvalue.StringExact("business")),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("name"), knownvalue.StringExact("Harper Law PLLC")),
			},
		}},
	})
}

// Bad card and bank input is refused at plan time, on the attribute, and
// the number is never repeated.
func TestAccPaymentMethodResource_invalidDetailsWO(t *testing.T) {
	t.Parallel()
	base := `
resource "affinipay_payment_method" "bad" {
  contact_id   = "p_E3ZUY3x1R87RISuzJ3vDm"
  payment_type = %q
%s
}`
	card := func(number string, month, year int) string {
		return fmt.Sprintf(`  card_wo = {
    number    = %q
    exp_month = %d
    exp_year  = %d
    cvv       = "123"
  }`, number, month, year)
	}
	bank := func(routing, holder, extra string) string {
		return fmt.Sprintf(`  bank_account_wo = {
    routing_number      = %q
    account_number      = "918273645501"
    account_type        = "CHECKING"
    account_holder_type = %q
%s
  }`, routing, holder, extra)
	}
	cases := map[string]struct{ typ, attrs, want string }{
		"luhn":          {"credit_card", card("4242424242424241", 10, 2030), `(?s)card_wo.number.*Luhn`},
		"length":        {"credit_card", card("42424242", 10, 2030), `(?s)card_wo.number.*12 to 19 digits, got 8`},
		"month":         {"credit_card", card("4242424242424242", 13, 2030), `(?s)card_wo.exp_month.*between 1 and 12`},
		"year":          {"credit_card", card("4242424242424242", 10, 203), `(?s)card_wo.exp_year`},
		"expired":       {"credit_card", card("4242424242424242", 1, 2020), `(?s)Expired card.*card_wo.*01/2020`},
		"card for bank": {"bank_account", card("4242424242424242", 10, 2030), `(?s)payment_type.*must be "credit_card"`},
		"bank for card": {"credit_card", bank("000000013", "business", `    name = "Harper Law"`), `(?s)payment_type.*must be "bank_account"`},
		"routing":       {"bank_account", bank("000000001", "business", `    name = "Harper Law"`), `(?s)bank_account_wo.routing_number.*check digit`},
		"business name": {"bank_account", bank("000000013", "business", ""), `(?s)Missing bank_account_wo.name.*required when\s+bank_account_wo.account_holder_type\s+is\s+"business"`},
		"given name":    {"bank_account", bank("000000013", "individual", ""), `(?s)bank_account_wo.given_name.*required`},
		"card and token": {"credit_card", card("4242424242424242", 10, 2030) + `
  one_time_token_wo = "tok"`, `(?s)cannot be configured together`},
		"card and bank": {"credit_card", card("4242424242424242", 10, 2030) + "\n" + bank("000000013", "business", `    name = "Harper Law"`),
			`(?s)cannot be configured together`},
		"version without details at create": {"credit_card", `  saved_payment_token = "card_1"
  payment_details_wo_version = 1`, `(?s)payment_details_wo_version without card_wo or bank_account_wo`},
		"version alone at create": {"credit_card", `  payment_details_wo_version = 1`, `(?s)(Missing card_wo or bank_account_wo.*Missing payment token|Missing payment token.*Missing card_wo or bank_account_wo)`},
		"token version without token at create": {"credit_card", `  saved_payment_token = "card_1"
  one_time_token_wo_version = 1`, `(?s)Missing one_time_token_wo.*one_time_token_wo_version = 1.*not set`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel() // plan-only
			resource.UnitTest(t, resource.TestCase{
				TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
				ProtoV6ProviderFactories: acctest.Factories(t),
				Steps: []resource.TestStep{{
					Config: fmt.Sprintf(base, tc.typ, tc.attrs), PlanOnly: true, ExpectError: regexp.MustCompile(tc.want),
				}},
			})
		})
	}
}
