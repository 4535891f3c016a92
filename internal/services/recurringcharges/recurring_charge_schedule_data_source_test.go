package recurringcharges_test

import (
	"testing"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/acctest"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// rcProjected checks a list of projected payments, all of amount.
func rcProjected(amount int64, dates ...string) knownvalue.Check {
	checks := make([]knownvalue.Check, 0, len(dates))
	for _, d := range dates {
		checks = append(checks, knownvalue.ObjectExact(map[string]knownvalue.Check{
			"due_date": knownvalue.StringExact(d),
			"amount":   knownvalue.Int64Exact(amount),
		}))
	}
	return knownvalue.ListExact(checks)
}

// The reference's preview example: weekly on Mondays and Fridays from
// 2019-08-19 at 1250 with max_amount 10000 gives 8 payments. Also the
// final partial payment under max_amount and MONTH with LAST. The dates
// do not depend on the clock: start_date is given.
func TestAccRecurringChargeScheduleDataSource_reference(t *testing.T) {
	acctest.Parallel(t)
	const ds = "data.affinipay_recurring_charge_schedule.weekly"
	const partial = "data.affinipay_recurring_charge_schedule.partial"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.Factories(t),
		Steps: []resource.TestStep{{
			Config: `
data "affinipay_recurring_charge_schedule" "weekly" {
  amount           = 1250
  max_occurrences  = 20
  max_amount       = 10000
  occurrence_count = 10
  schedule = {
    start          = "2019-08-19"
    interval_unit  = "WEEK"
    interval_delay = 1
    days           = ["1", "5"]
  }
}

data "affinipay_recurring_charge_schedule" "partial" {
  amount     = 10000
  max_amount = 25000
  schedule = {
    start          = "2024-01-15"
    interval_unit  = "MONTH"
    interval_delay = 1
    days           = ["15", "LAST"]
  }
}

data "affinipay_recurring_charge_schedule" "boundless" {
  amount           = 500
  occurrence_count = 3
  start_date       = "2024-03-01"
  schedule = {
    start          = "2024-01-31"
    interval_unit  = "DAY"
    interval_delay = 10
  }
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("occurrences"), rcProjected(1250,
					"2019-08-19", "2019-08-23", "2019-08-26", "2019-08-30", "2019-09-02", "2019-09-06", "2019-09-09", "2019-09-13")),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("remaining_occurrences"), knownvalue.Int64Exact(8)),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("remaining_amount"), knownvalue.Int64Exact(10000)),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("next_payment"), knownvalue.StringExact("2019-08-19")),

				statecheck.ExpectKnownValue(partial, tfjsonpath.New("occurrences"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectExact(map[string]knownvalue.Check{"due_date": knownvalue.StringExact("2024-01-15"), "amount": knownvalue.Int64Exact(10000)}),
					knownvalue.ObjectExact(map[string]knownvalue.Check{"due_date": knownvalue.StringExact("2024-01-31"), "amount": knownvalue.Int64Exact(10000)}),
					// The final payment is what remains of max_amount.
					knownvalue.ObjectExact(map[string]knownvalue.Check{"due_date": knownvalue.StringExact("2024-02-15"), "amount": knownvalue.Int64Exact(5000)}),
				})),
				statecheck.ExpectKnownValue(partial, tfjsonpath.New("remaining_amount"), knownvalue.Int64Exact(25000)),

				// From start_date 2024-03-01: Jan 31 + 10-day steps -> Mar 1, Mar 11, Mar 21.
				statecheck.ExpectKnownValue("data.affinipay_recurring_charge_schedule.boundless", tfjsonpath.New("occurrences"), rcProjected(500, "2024-03-01", "2024-03-11", "2024-03-21")),
				statecheck.ExpectKnownValue("data.affinipay_recurring_charge_schedule.boundless", tfjsonpath.New("remaining_occurrences"), knownvalue.Null()),
			},
		}},
	})
}

func TestAccRecurringChargeScheduleDataSource_validation(t *testing.T) {
	t.Parallel()
	cases := map[string]struct{ body, attr, msg string }{
		"count":      {`occurrence_count = 101`, "occurrence_count", "value must be between 1 and 100"},
		"start_date": {`start_date = "2024-3-1"`, "start_date", "yyyy-mm-dd"},
		"max_amount": {`max_amount = 10`, "max_amount", "must be greater than or equal to amount"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel() // plan-only
			resource.UnitTest(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.Factories(t),
				Steps: []resource.TestStep{{
					Config: `data "affinipay_recurring_charge_schedule" "x" {
  amount = 100
  ` + tc.body + `
  schedule = {
    start          = "2024-01-01"
    interval_unit  = "DAY"
    interval_delay = 1
  }
}`,
					PlanOnly:    true,
					ExpectError: acctest.PhraseRegexp(tc.attr, tc.msg),
				}},
			})
		})
	}
}
