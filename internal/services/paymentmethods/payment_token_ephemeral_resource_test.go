package paymentmethods_test

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/acctest"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/sandbox"
)

// The token's id and masked details reach the echo provider (standing in
// for a write-only consumer); the token exists at AffiniPay, masked.
func TestAccPaymentTokenEphemeralResource_card(t *testing.T) {
	acctest.Parallel(t)
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_10_0)},
		ProtoV6ProviderFactories: acctest.FactoriesWithEcho(t),
		Steps: []resource.TestStep{{
			Config: `
ephemeral "affinipay_payment_token" "card" {
  card = {
    number      = "378282246310005"
    exp_month   = 4
    exp_year    = 31
    cvv         = "4321"
    name        = "Lu Harper"
    postal_code = "78701"
    country     = "US"
    state       = "TX"
  }
  reference = "crm-1042"
}

provider "echo" {
  data = {
    id            = ephemeral.affinipay_payment_token.card.id
    type          = ephemeral.affinipay_payment_token.card.type
    masked_number = ephemeral.affinipay_payment_token.card.masked_number
    card_type     = ephemeral.affinipay_payment_token.card.card_type
    exp_month     = ephemeral.affinipay_payment_token.card.exp_month
    exp_year      = ephemeral.affinipay_payment_token.card.exp_year
    fingerprint   = ephemeral.affinipay_payment_token.card.fingerprint
  }
}

resource "echo" "token" {}`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("echo.token", tfjsonpath.New("data").AtMapKey("id"), knownvalue.StringRegexp(regexp.MustCompile(`^\S{10,}$`))),
				statecheck.ExpectKnownValue("echo.token", tfjsonpath.New("data").AtMapKey("type"), knownvalue.StringExact("card")),
				statecheck.ExpectKnownValue("echo.token", tfjsonpath.New("data").AtMapKey("masked_number"), knownvalue.StringRegexp(regexp.MustCompile(`^\*+0005$`))),
				statecheck.ExpectKnownValue("echo.token", tfjsonpath.New("data").AtMapKey("card_type"), knownvalue.StringExact("AMERICAN_EXPRESS")),
				statecheck.ExpectKnownValue("echo.token", tfjsonpath.New("data").AtMapKey("exp_month"), knownvalue.Int64Exact(4)),
				statecheck.ExpectKnownValue("echo.token", tfjsonpath.New("data").AtMapKey("exp_year"), knownvalue.NotNull()),
				statecheck.ExpectKnownValue("echo.token", tfjsonpath.New("data").AtMapKey("fingerprint"), knownvalue.NotNull()),
			},
			Check: func(s *terraform.State) error {
				id := s.RootModule().Resources["echo.token"].Primary.Attributes["data.id"]
				tok, err := acctest.Client(t).GetToken(context.Background(), id)
				if err != nil {
					return fmt.Errorf("token %q at AffiniPay: %w", id, err)
				}
				if tok.Type != "card" || !strings.HasSuffix(tok.Number, "0005") || strings.Contains(tok.Number, "3782822463") {
					return fmt.Errorf("token at AffiniPay: %+v", tok)
				}
				return nil
			},
		}},
	})
}

func TestAccPaymentTokenEphemeralResource_bank(t *testing.T) {
	acctest.Parallel(t)
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_10_0)},
		ProtoV6ProviderFactories: acctest.FactoriesWithEcho(t),
		Steps: []resource.TestStep{{
			Config: `
ephemeral "affinipay_payment_token" "bank" {
  bank = {
    routing_number      = "000000013"
    account_number      = "918273645501"
    account_type        = "CHECKING"
    account_holder_type = "individual"
    given_name          = "Lu"
    surname             = "Harper"
  }
}

provider "echo" {
  data = {
    type                  = ephemeral.affinipay_payment_token.bank.type
    masked_account_number = ephemeral.affinipay_payment_token.bank.masked_account_number
    masked_routing_number = ephemeral.affinipay_payment_token.bank.masked_routing_number
    account_type          = ephemeral.affinipay_payment_token.bank.account_type
    account_holder_type   = ephemeral.affinipay_payment_token.bank.account_holder_type
    masked_number         = ephemeral.affinipay_payment_token.bank.masked_number
  }
}

resource "echo" "token" {}`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("echo.token", tfjsonpath.New("data").AtMapKey("type"), knownvalue.StringExact("bank")),
				statecheck.ExpectKnownValue("echo.token", tfjsonpath.New("data").AtMapKey("masked_account_number"), knownvalue.StringRegexp(regexp.MustCompile(`^\*+5501$`))),
				statecheck.ExpectKnownValue("echo.token", tfjsonpath.New("data").AtMapKey("masked_routing_number"), knownvalue.StringRegexp(regexp.MustCompile(`^\*{5,}0?13$`))),
				statecheck.ExpectKnownValue("echo.token", tfjsonpath.New("data").AtMapKey("account_type"), knownvalue.StringExact("CHECKING")),
				statecheck.ExpectKnownValue("echo.token", tfjsonpath.New("data").AtMapKey("account_holder_type"), knownvalue.StringExact("individual")),
				statecheck.ExpectKnownValue("echo.token", tfjsonpath.New("data").AtMapKey("masked_number"), knownvalue.Null()),
			},
		}},
	})
}

// Creating a token is not idempotent: when the connection drops after the
// sandbox made the token, the provider fails instead of making another.
func TestAccPaymentTokenEphemeralResource_notRetried(t *testing.T) {
	acctest.Parallel(t)
	acctest.SandboxOnly(t)
	posts := acctest.Requests(t, http.MethodPost, "/v1/tokens")
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_10_0)},
		ProtoV6ProviderFactories: acctest.FactoriesWithEcho(t),
		Steps: []resource.TestStep{{
			PreConfig: func() {
				if err := acctest.SandboxFor(t).SetFaults(sandbox.Faults{DropAfterCommitRate: 1, Methods: []string{http.MethodPost}}); err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { _ = acctest.SandboxFor(t).SetFaults(sandbox.Faults{}) })
				posts.Mark()
			},
			Config: `
ephemeral "affinipay_payment_token" "card" {
  card = {
    number    = "4242424242424242"
    exp_month = 10
    exp_year  = 2030
    cvv       = "123"
  }
}

provider "echo" {
  data = ephemeral.affinipay_payment_token.card.id
}

resource "echo" "token" {}`,
			ExpectError: regexp.MustCompile(`(?s)Unable to create an AffiniPay one-time payment token.*POST /v1/tokens`),
		}, {
			// The previous step failed in its first plan, after one request.
			PreConfig: func() {
				_ = acctest.SandboxFor(t).SetFaults(sandbox.Faults{})
				if err := posts.Expect(1, "(no retry)")(nil); err != nil {
					t.Fatal(err)
				}
			},
			Config: `
provider "echo" {
  data = "done"
}

resource "echo" "token" {}`,
		}},
	})
}

// Bad input is refused before any token is requested, naming the attribute.
func TestAccPaymentTokenEphemeralResource_invalid(t *testing.T) {
	t.Parallel()
	card := func(override string) string {
		fields := map[string]string{"number": `"4242424242424242"`, "exp_month": "10", "exp_year": "2030", "cvv": `"123"`}
		extra := ""
		for _, kv := range strings.Split(override, ";") {
			if k, v, ok := strings.Cut(kv, "="); ok {
				if _, known := fields[k]; known {
					fields[k] = v
				} else {
					extra += fmt.Sprintf("    %s = %s\n", k, v)
				}
			}
		}
		return fmt.Sprintf("ephemeral \"affinipay_payment_token\" \"t\" {\n  card = {\n    number = %s\n    exp_month = %s\n    exp_year = %s\n    cvv = %s\n%s  }\n}\n",
			fields["number"], fields["exp_month"], fields["exp_year"], fields["cvv"], extra)
	}
	bank := func(holder, extra string) string {
		return fmt.Sprintf(`ephemeral "affinipay_payment_token" "t" {
  bank = {
    routing_number      = "000000013"
    account_number      = "1234567890"
    account_type        = "CHECKING"
    account_holder_type = %q
%s
  }
}
`, holder, extra)
	}
	cases := map[string]struct{ config, want string }{
		"card number spaces":  {card(`number="4242 4242 4242 4242"`), `(?s)card\.number.*no spaces, dashes`},
		"card number short":   {card(`number="42424242424"`), `(?s)card\.number.*12 to 19 digits, got 11 digits`},
		"cvv":                 {card(`cvv="12"`), `(?s)card\.cvv.*3 to 4 digits`},
		"exp_month":           {card(`exp_month=13`), `(?s)card\.exp_month.*between 1 and 12`},
		"exp_year":            {card(`exp_year=203`), `(?s)card\.exp_year`},
		"postal_code":         {card(`postal_code="78_701"`), `(?s)card\.postal_code.*letters, digits, spaces\s+and dashes`},
		"country":             {card(`country="USA"`), `(?s)card\.country`},
		"state":               {card(`country="US";state="Texas"`), `(?s)card\.state.*2-letter US state code`},
		"email":               {card(`email="lu at example.com"`), `(?s)card\.email.*not an email address`},
		"phone":               {card(`phone="` + strings.Repeat("5", 23) + `"`), `(?s)card\.phone.*length must be between 1 and 22`},
		"routing_number":      {bank("business", `name = "Acme"`+"\n"+`routing_number = "00000013"`), `(?s)bank\.routing_number.*exactly 9 digits`},
		"account_type":        {strings.Replace(bank("business", `name = "Acme"`), `"CHECKING"`, `"checking"`, 1), `(?s)bank\.account_type.*value must be one of`},
		"account_holder_type": {bank("personal", ""), `(?s)bank\.account_holder_type.*value must be one of`},
		"business name":       {bank("business", ""), `(?s)Missing bank.name.*required\s+when\s+bank.account_holder_type\s+is\s+"business"`},
		"individual name":     {bank("individual", ""), `(?s)Missing bank.given_name.*required\s+when\s+bank.account_holder_type\s+is\s+"individual"`},
		"given_name letters":  {bank("individual", `given_name = "L."`), `(?s)bank\.given_name.*2 or more letters`},
		"neither":             {`ephemeral "affinipay_payment_token" "t" {}`, `(?s)Exactly one of these attributes must be configured: \[card,bank\]`},
		"reference":           {strings.Replace(card(""), "  card = {", `  reference = "`+strings.Repeat("r", 65)+`"`+"\n  card = {", 1), `(?s)reference.*length must be between 1 and 64`},
	}
	cases["both card and bank"] = struct{ config, want string }{
		`ephemeral "affinipay_payment_token" "t" {
  card = {
    number    = "4242424242424242"
    exp_month = 10
    exp_year  = 2030
    cvv       = "123"
  }
  bank = {
    routing_number      = "000000013"
    account_number      = "1234567890"
    account_type        = "CHECKING"
    account_holder_type = "business"
    name                = "Acme"
  }
}`, `(?s)Invalid Attribute Combination.*card.*bank`,
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel() // plan-only
			resource.UnitTest(t, resource.TestCase{
				TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_10_0)},
				ProtoV6ProviderFactories: acctest.Factories(t),
				Steps:                    []resource.TestStep{{Config: tc.config, PlanOnly: true, ExpectError: regexp.MustCompile(tc.want)}},
			})
		})
	}
}
