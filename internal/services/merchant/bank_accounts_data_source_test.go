package merchant_test

import (
	"context"
	"regexp"
	"testing"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/acctest"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

func TestAccBankAccountsDataSource(t *testing.T) {
	acctest.Parallel(t)
	banks, err := acctest.Client(t).ListBankAccounts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	checks := make([]knownvalue.Check, 0, len(banks))
	for _, b := range banks {
		procs := make([]knownvalue.Check, 0, len(b.ProcessingAccounts))
		for _, p := range b.ProcessingAccounts {
			procs = append(procs, knownvalue.ObjectPartial(map[string]knownvalue.Check{
				"id":         knownvalue.StringExact(p.ID),
				"type":       knownvalue.StringExact(p.Type),
				"cvv_policy": knownvalue.StringExact(p.CVVPolicy),
			}))
		}
		checks = append(checks, knownvalue.ObjectPartial(map[string]knownvalue.Check{
			"id":                  knownvalue.StringRegexp(regexp.MustCompile(`^bank_`)),
			"name":                knownvalue.StringExact(b.Name),
			"trust":               knownvalue.Bool(b.Trust),
			"account_id":          knownvalue.StringRegexp(regexp.MustCompile(`^\*+\d{4}$`)),
			"processing_accounts": knownvalue.ListExact(procs),
		}))
	}
	if len(checks) == 0 {
		t.Fatal("the API lists no bank accounts; the test would prove nothing")
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.Factories(t),
		Steps: []resource.TestStep{{
			Config: `data "affinipay_bank_accounts" "all" {}`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.affinipay_bank_accounts.all", tfjsonpath.New("bank_accounts"), knownvalue.ListExact(checks)),
			},
		}},
	})
}

// With only client_id and client_secret, the provider obtains a bearer token
// through the OAuth client-credentials flow.
func TestAccBankAccountsDataSource_oauthClientCredentials(t *testing.T) {
	acctest.SandboxOnly(t)
	acctest.Parallel(t)
	tokens := acctest.Requests(t, "POST", "/oauth/token")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.Factories(t),
		Steps: []resource.TestStep{{
			Config: `
provider "affinipay" {
  access_token = ""
}
data "affinipay_bank_accounts" "all" {}`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.affinipay_bank_accounts.all", tfjsonpath.New("bank_accounts"), knownvalue.ListSizeExact(2)),
			},
		}},
	})
	if tokens.Since() == 0 {
		t.Fatal("no OAuth token was requested")
	}
}

func TestAccBankAccountsDataSource_missingBearer(t *testing.T) {
	acctest.Parallel(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.Factories(t),
		Steps: []resource.TestStep{{
			Config: `
provider "affinipay" {
  access_token  = ""
  client_id     = ""
  client_secret = ""
}
data "affinipay_bank_accounts" "all" {}`,
			ExpectError: regexp.MustCompile(`(?s)"access_token".*AFFINIPAY_ACCESS_TOKEN`),
		}},
	})
}
