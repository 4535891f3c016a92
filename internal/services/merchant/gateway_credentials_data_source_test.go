package merchant_test

import (
	"context"
	"regexp"
	"testing"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/acctest"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/services/merchant"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

func TestAccGatewayCredentialsDataSource(t *testing.T) {
	acctest.Parallel(t)
	creds, err := acctest.Client(t).GetGatewayCredentials(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(creds.TestAccounts) == 0 {
		t.Fatal("no test accounts to compare with")
	}
	first := creds.TestAccounts[0]
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.Factories(t),
		Steps: []resource.TestStep{{
			Config: `data "affinipay_gateway_credentials" "this" {}`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.affinipay_gateway_credentials.this", tfjsonpath.New("merchant").AtMapKey("name"), knownvalue.StringExact(creds.Merchant.Name)),
				statecheck.ExpectKnownValue("data.affinipay_gateway_credentials.this", tfjsonpath.New("user").AtMapKey("email"), knownvalue.StringExact(creds.User.Email)),
				statecheck.ExpectKnownValue("data.affinipay_gateway_credentials.this", tfjsonpath.New("test_accounts"), knownvalue.ListSizeExact(len(creds.TestAccounts))),
				statecheck.ExpectKnownValue("data.affinipay_gateway_credentials.this", tfjsonpath.New("live_accounts"), knownvalue.ListSizeExact(len(creds.LiveAccounts))),
				statecheck.ExpectKnownValue("data.affinipay_gateway_credentials.this", tfjsonpath.New("test_accounts").AtSliceIndex(0), knownvalue.ObjectPartial(map[string]knownvalue.Check{
					"id":            knownvalue.StringExact(first.ID),
					"type":          knownvalue.StringRegexp(regexp.MustCompile(`^(MerchantAccount|AchAccount)$`)),
					"public_key":    knownvalue.StringExact(first.PublicKey),
					"secret_key":    knownvalue.Null(),
					"trust_account": knownvalue.Bool(bool(first.TrustAccount)),
				})),
				merchant.GatewayCredentialsNoSecretKeys("data.affinipay_gateway_credentials.this", creds),
			},
		}, {
			// include_secret_keys = true stores them (with a plan-time warning,
			// checked in TestGatewayCredentialsDataSourceWarning).
			Config: `data "affinipay_gateway_credentials" "this" {
  include_secret_keys = true
}`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.affinipay_gateway_credentials.this", tfjsonpath.New("test_accounts").AtSliceIndex(0).AtMapKey("secret_key"),
					knownvalue.StringExact(first.SecretKey)),
			},
		}},
	})
}
