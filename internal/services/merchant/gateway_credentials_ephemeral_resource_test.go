package merchant_test

import (
	"context"
	"testing"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/acctest"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// The ephemeral resource's values reach the echo provider (standing in for
// a write-only consumer) but never the state of this provider.
func TestAccGatewayCredentialsEphemeralResource(t *testing.T) {
	acctest.Parallel(t)
	creds, err := acctest.Client(t).GetGatewayCredentials(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(creds.TestAccounts) == 0 {
		t.Fatal("no test accounts to compare with")
	}
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_10_0)},
		ProtoV6ProviderFactories: acctest.FactoriesWithEcho(t),
		Steps: []resource.TestStep{{
			Config: `
ephemeral "affinipay_gateway_credentials" "this" {}

provider "echo" {
  data = {
    public_key    = ephemeral.affinipay_gateway_credentials.this.test_accounts[0].public_key
    secret_key    = ephemeral.affinipay_gateway_credentials.this.test_accounts[0].secret_key
    merchant_name = ephemeral.affinipay_gateway_credentials.this.merchant.name
  }
}

resource "echo" "creds" {}`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("echo.creds", tfjsonpath.New("data").AtMapKey("public_key"), knownvalue.StringExact(creds.TestAccounts[0].PublicKey)),
				statecheck.ExpectKnownValue("echo.creds", tfjsonpath.New("data").AtMapKey("secret_key"), knownvalue.StringExact(creds.TestAccounts[0].SecretKey)),
				statecheck.ExpectKnownValue("echo.creds", tfjsonpath.New("data").AtMapKey("merchant_name"), knownvalue.StringExact(creds.Merchant.Name)),
			},
		}},
	})
}
