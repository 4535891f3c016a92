package provider_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/acctest"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// The provider functions called from a configuration (Terraform >= 1.8,
// OpenTofu >= 1.7; every CLI of the test matrix is newer): results land in
// outputs, errors point at the argument.

// No required_providers block: like a resource type, the function's
// provider name is enough (the test framework serves it under its default
// address).
const functionsRequiredProviders = ""

func TestAccFunctions(t *testing.T) {
	acctest.Parallel(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.Factories(t),
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_8_0)},
		Steps: []resource.TestStep{{
			Config: functionsRequiredProviders + `
variable "price" {
  type    = string
  default = "1250.50"
}

output "cents_usd" {
  value = provider::affinipay::cents(var.price, "USD")
}
output "cents_jpy" {
  value = provider::affinipay::cents("1250", "JPY")
}
output "cents_exact" {
  value = provider::affinipay::cents("0.29", "USD")
}
output "routing_ok" {
  value = provider::affinipay::routing_number_valid("021000021")
}
output "routing_typo" {
  value = provider::affinipay::routing_number_valid("021000022")
}
output "reference_preview" {
  # The reference's preview example (Mondays and Fridays from 2019-8-19).
  value = provider::affinipay::schedule_dates({
    start          = "2019-8-19"
    interval_unit  = "WEEK"
    interval_delay = "1"
    days           = ["1", "5"]
  }, 8)
}
output "month_ends" {
  value = provider::affinipay::schedule_dates({
    start          = "2024-01-31"
    end            = "2024-04-30"
    interval_unit  = "MONTH"
    interval_delay = 1
  }, 10)
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("cents_usd", knownvalue.Int64Exact(125050)),
				statecheck.ExpectKnownOutputValue("cents_jpy", knownvalue.Int64Exact(1250)),
				statecheck.ExpectKnownOutputValue("cents_exact", knownvalue.Int64Exact(29)),
				statecheck.ExpectKnownOutputValue("routing_ok", knownvalue.Bool(true)),
				statecheck.ExpectKnownOutputValue("routing_typo", knownvalue.Bool(false)),
				statecheck.ExpectKnownOutputValue("reference_preview", knownvalue.ListExact([]knownvalue.Check{
					knownvalue.StringExact("2019-08-19"), knownvalue.StringExact("2019-08-23"),
					knownvalue.StringExact("2019-08-26"), knownvalue.StringExact("2019-08-30"),
					knownvalue.StringExact("2019-09-02"), knownvalue.StringExact("2019-09-06"),
					knownvalue.StringExact("2019-09-09"), knownvalue.StringExact("2019-09-13"),
				})),
				statecheck.ExpectKnownOutputValue("month_ends", knownvalue.ListExact([]knownvalue.Check{
					knownvalue.StringExact("2024-01-31"), knownvalue.StringExact("2024-02-29"),
					knownvalue.StringExact("2024-03-31"), knownvalue.StringExact("2024-04-30"),
				})),
			},
		}},
	})
}

// schedule_dates takes a recurring charge's schedule attribute as it is,
// and agrees with the affinipay_recurring_charge_schedule data source (the
// API's preview) for it.
func TestAccFunctions_scheduleDatesOfDataSource(t *testing.T) {
	acctest.Parallel(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.Factories(t),
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_8_0)},
		Steps: []resource.TestStep{{
			Config: functionsRequiredProviders + `
data "affinipay_recurring_charge_schedule" "preview" {
  amount      = 1250
  occurrence_count = 12
  schedule = {
    start          = "2031-01-31"
    interval_unit  = "MONTH"
    interval_delay = 1
    days           = ["15", "LAST"]
  }
}

output "agree" {
  value = provider::affinipay::schedule_dates(data.affinipay_recurring_charge_schedule.preview.schedule, 12) == data.affinipay_recurring_charge_schedule.preview.occurrences[*].due_date
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("agree", knownvalue.Bool(true)),
			},
		}},
	})
}

func TestAccFunctions_errors(t *testing.T) {
	acctest.Parallel(t)
	for name, tc := range map[string]struct {
		call string
		want string
	}{
		"too many decimals": {`provider::affinipay::cents("1250.505", "USD")`, `(?s)Invalid value for "amount" parameter: Invalid amount: "1250.505" has 3 decimals, but USD amounts have at most 2 decimals`},
		"JPY decimals":      {`provider::affinipay::cents("12.5", "JPY")`, `(?s)JPY amounts have no decimals`},
		"currency":          {`provider::affinipay::cents("12", "usd")`, `(?s)Invalid value for "currency" parameter: Invalid currency: "usd" must be upper case`},
		"not an amount":     {`provider::affinipay::cents("1,250", "USD")`, `(?s)is not a decimal amount`},
		"days with DAY": {`provider::affinipay::schedule_dates({ start = "2030-01-01", interval_unit = "DAY", interval_delay = 1, days = ["1"] }, 3)`,
			`(?s)Invalid schedule:.*days can only be used with an interval_unit of WEEK or\s+MONTH`},
		"end before start": {`provider::affinipay::schedule_dates({ start = "2030-01-02", end = "2030-01-01", interval_unit = "DAY", interval_delay = 1 }, 3)`,
			`(?s)end 2030-01-01 is before start 2030-01-02`},
		"count": {`provider::affinipay::schedule_dates({ start = "2030-01-01", interval_unit = "DAY", interval_delay = 1 }, 5000)`,
			`(?s)Invalid value for "count" parameter: Invalid count: 5000 is not between 0 and 1000`},
	} {
		t.Run(name, func(t *testing.T) {
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.Factories(t),
				TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_8_0)},
				Steps: []resource.TestStep{{
					Config: functionsRequiredProviders + "output \"x\" {\n  value = " + tc.call + "\n}\n",
					// Terraform wraps long messages: any space may be a line break.
					ExpectError: regexp.MustCompile(strings.ReplaceAll(strings.ReplaceAll(tc.want, `\s+`, " "), " ", `\s+`)),
				}},
			})
		})
	}
}
