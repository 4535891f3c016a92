package merchant_test

import (
	"regexp"
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

const surchargeBankAccounts = `
data "affinipay_bank_accounts" "all" {}

locals {
  operating = one([for b in data.affinipay_bank_accounts.all.bank_accounts : b.id if !b.trust])
  trust     = one([for b in data.affinipay_bank_accounts.all.bank_accounts : b.id if b.trust])
}
`

func surchargeEntry(rate int64, percent string, fee int64, amount, sur, total knownvalue.Check) knownvalue.Check {
	return knownvalue.ObjectExact(map[string]knownvalue.Check{
		"surcharge_rate": knownvalue.Int64Exact(rate), "surcharge_rate_percent": knownvalue.StringExact(percent),
		"surcharge_fee": knownvalue.Int64Exact(fee), "amount": amount, "surcharge_amount": sur, "total_amount": total,
	})
}

// The reference's two examples (Get Surcharge, without and with
// amount=500000) on the sandbox's operating bank account, which is seeded
// with the example's rates; the trust account has no surcharge.
func TestAccSurchargeDataSource_referenceExamples(t *testing.T) {
	acctest.Parallel(t)
	null := knownvalue.Null()
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.Factories(t),
		Steps: []resource.TestStep{{
			Config: surchargeBankAccounts + `
data "affinipay_surcharge" "rates" {
  bank_account_id = local.operating
}
data "affinipay_surcharge" "for_amount" {
  bank_account_id = local.operating
  amount          = 500000
}
data "affinipay_surcharge" "trust" {
  bank_account_id = local.trust
  amount          = 500000
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.affinipay_surcharge.rates", tfjsonpath.New("enabled"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue("data.affinipay_surcharge.rates", tfjsonpath.New("surcharges"), knownvalue.MapExact(map[string]knownvalue.Check{
					"card": surchargeEntry(350, "3.50", 0, null, null, null),
					"bank": surchargeEntry(0, "0.00", 1001, null, null, null),
				})),
				statecheck.ExpectKnownValue("data.affinipay_surcharge.for_amount", tfjsonpath.New("surcharges"), knownvalue.MapExact(map[string]knownvalue.Check{
					"card": surchargeEntry(350, "3.50", 0, knownvalue.Int64Exact(500000), knownvalue.Int64Exact(17500), knownvalue.Int64Exact(517500)),
					"bank": surchargeEntry(0, "0.00", 1001, knownvalue.Int64Exact(500000), knownvalue.Int64Exact(1001), knownvalue.Int64Exact(501001)),
				})),
				statecheck.ExpectKnownValue("data.affinipay_surcharge.trust", tfjsonpath.New("enabled"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue("data.affinipay_surcharge.trust", tfjsonpath.New("surcharges"), knownvalue.MapExact(map[string]knownvalue.Check{})),
			},
		}},
	})
}

// Rates changed at the merchant are read as they are; the amount may come
// from the cents function.
func TestAccSurchargeDataSource_loanRateAndCents(t *testing.T) {
	acctest.Parallel(t)
	sb := acctest.SandboxFor(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.Factories(t),
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_8_0)},
		Steps: []resource.TestStep{
			{
				Config: surchargeBankAccounts + `output "operating" { value = local.operating }`,
				Check: func(s *terraform.State) error {
					id := s.RootModule().Outputs["operating"].Value.(string)
					return sb.SetSurcharges(id, []sandbox.SurchargeRate{{Type: "loan", Rate: 299}, {Type: "card", Fee: 250}})
				},
			},
			{
				Config: surchargeBankAccounts + `
data "affinipay_surcharge" "this" {
  bank_account_id = local.operating
  amount          = provider::affinipay::cents("10.50", "USD")
}
output "loan_total" {
  value = data.affinipay_surcharge.this.surcharges["loan"].total_amount
}
`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.affinipay_surcharge.this", tfjsonpath.New("surcharges"), knownvalue.MapExact(map[string]knownvalue.Check{
						// 1050 * 2.99 % = 31.395
						"loan": surchargeEntry(299, "2.99", 0, knownvalue.Int64Exact(1050), knownvalue.Int64Exact(31), knownvalue.Int64Exact(1081)),
						"card": surchargeEntry(0, "0.00", 250, knownvalue.Int64Exact(1050), knownvalue.Int64Exact(250), knownvalue.Int64Exact(1300)),
					})),
					statecheck.ExpectKnownOutputValue("loan_total", knownvalue.Int64Exact(1081)),
				},
			},
		},
	})
}

func TestAccSurchargeDataSource_errors(t *testing.T) {
	acctest.Parallel(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.Factories(t),
		Steps: []resource.TestStep{
			{
				Config:      `data "affinipay_surcharge" "x" { bank_account_id = "bank_nope" }`,
				ExpectError: regexp.MustCompile(`(?s)with data.affinipay_surcharge.x,.*bank_account_id.*resource_not_found`),
			},
			{
				Config:      `data "affinipay_surcharge" "x" {` + "\n" + `  bank_account_id = "bank_x"` + "\n" + `  amount = 12.5` + "\n}",
				ExpectError: regexp.MustCompile(`(?s)Invalid amount.*12.5`),
				PlanOnly:    true,
			},
			{
				Config:      `data "affinipay_surcharge" "x" {` + "\n" + `  bank_account_id = "bank_x"` + "\n" + `  amount = -1` + "\n}",
				ExpectError: regexp.MustCompile(`(?s)Attribute amount value must be between 0 and`),
				PlanOnly:    true,
			},
			{
				Config:      `provider "affinipay" { public_key = "" }` + "\n" + `data "affinipay_surcharge" "x" { bank_account_id = "bank_x" }`,
				ExpectError: regexp.MustCompile(`(?s)Missing public key.*public_key`),
			},
		},
	})
}
