package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

func TestAccStatusDataSource(t *testing.T) {
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: `data "affinipay_status" "this" {}`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.affinipay_status.this", tfjsonpath.New("status"),
					knownvalue.StringRegexp(regexpMust(`^(NORMAL|EXCESSIVE_LATENCY|SERVICE_UNRELIABLE|SERVICE_UNAVAILABLE)$`))),
			},
		}},
	})
}

// The status endpoint needs no credentials: it works with none configured.
func TestAccStatusDataSource_noCredentials(t *testing.T) {
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: `
provider "affinipay" {
  secret_key    = ""
  access_token  = ""
  client_id     = ""
  client_secret = ""
}
data "affinipay_status" "this" {}`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.affinipay_status.this", tfjsonpath.New("operational"), knownvalue.Bool(true)),
			},
		}},
	})
}
