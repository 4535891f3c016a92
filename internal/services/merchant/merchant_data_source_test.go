package merchant_test

import (
	"context"
	"regexp"
	"testing"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/acctest"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/testutil"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

func TestAccMerchantDataSource(t *testing.T) {
	acctest.Parallel(t)
	// The API, read directly, is the ground truth the data source must match.
	m, err := acctest.Client(t).GetMerchant(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	accountChecks := make([]knownvalue.Check, 0, len(m.MerchantAccounts))
	for _, a := range m.MerchantAccounts {
		accountChecks = append(accountChecks, knownvalue.ObjectPartial(map[string]knownvalue.Check{
			"id":         knownvalue.StringExact(a.ID),
			"name":       knownvalue.StringExact(a.Name),
			"primary":    knownvalue.Bool(a.Primary),
			"cvv_policy": knownvalue.StringExact(a.CVVPolicy),
			"avs_policy": knownvalue.StringExact(a.AVSPolicy),
		}))
	}
	achChecks := make([]knownvalue.Check, 0, len(m.AchAccounts))
	for _, a := range m.AchAccounts {
		achChecks = append(achChecks, knownvalue.ObjectPartial(map[string]knownvalue.Check{
			"id":             knownvalue.StringExact(a.ID),
			"primary":        knownvalue.Bool(a.Primary),
			"account_number": knownvalue.StringRegexp(regexp.MustCompile(`^\*+\d{0,4}$`)),
			"routing_number": knownvalue.StringRegexp(regexp.MustCompile(`^\*+\d{0,4}$`)),
		}))
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.Factories(t),
		Steps: []resource.TestStep{{
			Config: `data "affinipay_merchant" "this" {}`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.affinipay_merchant.this", tfjsonpath.New("id"), knownvalue.StringExact(m.ID)),
				statecheck.ExpectKnownValue("data.affinipay_merchant.this", tfjsonpath.New("name"), knownvalue.StringExact(m.Name)),
				statecheck.ExpectKnownValue("data.affinipay_merchant.this", tfjsonpath.New("public_key"), knownvalue.StringRegexp(regexp.MustCompile(`^m_`))),
				statecheck.ExpectKnownValue("data.affinipay_merchant.this", tfjsonpath.New("country"), knownvalue.StringExact(m.Country)),
				statecheck.ExpectKnownValue("data.affinipay_merchant.this", tfjsonpath.New("merchant_accounts"), knownvalue.ListExact(accountChecks)),
				statecheck.ExpectKnownValue("data.affinipay_merchant.this", tfjsonpath.New("ach_accounts"), knownvalue.ListExact(achChecks)),
			},
		}},
	})
}

// Test-mode keys only see test accounts: the live key sees other IDs.
func TestAccMerchantDataSource_liveKeySeesLiveAccounts(t *testing.T) {
	acctest.SandboxOnly(t)
	acctest.Parallel(t)
	test, err := acctest.Client(t).GetMerchant(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.Factories(t),
		Steps: []resource.TestStep{{
			Config: `
provider "affinipay" {
  secret_key = "` + testutil.SandboxLiveSecretKey() + `"
}
data "affinipay_merchant" "this" {}`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.affinipay_merchant.this", tfjsonpath.New("id"), knownvalue.StringExact(test.ID)),
				statecheck.ExpectKnownValue("data.affinipay_merchant.this", tfjsonpath.New("merchant_accounts").AtSliceIndex(0).AtMapKey("id"),
					knownvalue.StringFunc(func(v string) error {
						for _, a := range test.MerchantAccounts {
							if a.ID == v {
								return testutil.Errorf("live key returned the test account %s", v)
							}
						}
						return nil
					})),
			},
		}},
	})
}

// Without secret_key, the provider takes the secret key of `mode` from
// /gateway-credentials with the bearer token.
func TestAccMerchantDataSource_secretKeyFromGatewayCredentials(t *testing.T) {
	acctest.SandboxOnly(t)
	acctest.Parallel(t)
	lookups := acctest.Requests(t, "GET", "/gateway-credentials")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.Factories(t),
		Steps: []resource.TestStep{{
			Config: `
provider "affinipay" {
  secret_key = ""
  mode       = "test"
}
data "affinipay_merchant" "this" {}`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.affinipay_merchant.this", tfjsonpath.New("id"), knownvalue.NotNull()),
			},
		}},
	})
	if lookups.Since() == 0 {
		t.Fatal("gateway credentials were not consulted")
	}
}

// An operation that needs a missing credential names the attribute and env var.
func TestAccMerchantDataSource_missingSecretKey(t *testing.T) {
	acctest.Parallel(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.Factories(t),
		Steps: []resource.TestStep{{
			Config: `
provider "affinipay" {
  secret_key    = ""
  access_token  = ""
  client_id     = ""
  client_secret = ""
}
data "affinipay_merchant" "this" {}`,
			ExpectError: regexp.MustCompile(`(?s)"secret_key".*AFFINIPAY_SECRET_KEY`),
		}},
	})
}
