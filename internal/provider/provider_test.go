package provider_test

import (
	"regexp"
	"testing"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/acctest"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
)

// Bad provider configuration is refused with an error naming the attribute,
// before any request is sent.
func TestAccProviderConfig_invalid(t *testing.T) {
	acctest.Parallel(t)
	cases := map[string]struct{ provider, want string }{
		"http non-loopback": {`base_url = "http://example.com"`, `(?s)base_url.*non-loopback\s+host\s+"example.com"`},
		"private http":      {`base_url = "http://10.1.2.3:8080"`, `(?s)base_url.*non-loopback`},
		"not a url":         {`base_url = "api.affinipay.com"`, `(?s)base_url.*not an absolute URL`},
		"mode":              {`mode = "production"`, `(?s)mode.*value must be one of`},
		"timeout":           {`request_timeout = "soon"`, `(?s)request_timeout.*not a duration`},
		"timeout range":     {`request_timeout = "1ms"`, `(?s)request_timeout.*outside the allowed range`},
		"retries":           {`max_retries = -1`, `(?s)max_retries.*between 0 and 20`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel() // plan-only
			resource.UnitTest(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.Factories(t),
				Steps: []resource.TestStep{{
					Config:      "provider \"affinipay\" {\n  " + tc.provider + "\n}\ndata \"affinipay_status\" \"this\" {}\n",
					ExpectError: regexp.MustCompile(tc.want),
				}},
			})
		})
	}
}

// Values unknown at configure time get a clear error naming the attribute.
func TestAccProviderConfig_unknownValue(t *testing.T) {
	acctest.Parallel(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.FactoriesWithEcho(t),
		Steps: []resource.TestStep{{
			Config: `
resource "terraform_data" "key" {
  input = "x"
}
provider "affinipay" {
  secret_key = terraform_data.key.output
}
data "affinipay_merchant" "this" {}`,
			ExpectError: regexp.MustCompile(`(?s)Unknown AffiniPay provider secret_key.*AFFINIPAY_SECRET_KEY`),
		}},
	})
}
