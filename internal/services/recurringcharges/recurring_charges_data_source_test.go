package recurringcharges_test

import (
	"fmt"
	"testing"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/acctest"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/testutil"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// The list data source filters by reference and status and returns the
// charges' details; the occurrences data source shows a charge's payments,
// including one collected after the sandbox clock passed its due date.
func TestAccRecurringChargesDataSource_basic(t *testing.T) {
	acctest.Parallel(t)
	acctest.RecurringTestClock(t)
	card := acctest.RecurringTestCard(t, "4242424242424242")
	ref := "list-test-" + acctest.RecurringDate(0)
	start := acctest.RecurringDate(5)
	cfg := fmt.Sprintf(`
resource "affinipay_recurring_charge" "a" {
  method      = %[1]q
  amount      = 700
  reference   = %[2]q
  description = "first"
  data        = jsonencode({ k = "v" })
  schedule = {
    start          = %[3]q
    interval_unit  = "WEEK"
    interval_delay = 1
  }
}

resource "affinipay_recurring_charge" "b" {
  method    = %[1]q
  amount    = 900
  reference = %[2]q
  schedule = {
    start          = %[3]q
    interval_unit  = "MONTH"
    interval_delay = 1
    days           = ["LAST"]
  }
}

data "affinipay_recurring_charges" "mine" {
  reference  = %[2]q
  status     = "ACTIVE"
  order_by   = "amount"
  depends_on = [affinipay_recurring_charge.a, affinipay_recurring_charge.b]
}

data "affinipay_recurring_charge_occurrences" "a" {
  recurring_charge_id = affinipay_recurring_charge.a.id
}
`, card, ref, start)
	const list = "data.affinipay_recurring_charges.mine"
	const occ = "data.affinipay_recurring_charge_occurrences.a"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.Factories(t),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(list, tfjsonpath.New("recurring_charges"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.ObjectPartial(map[string]knownvalue.Check{
							"amount": knownvalue.Int64Exact(700), "description": knownvalue.StringExact("first"),
							"status": knownvalue.StringExact("ACTIVE"), "method_type": knownvalue.StringExact("card"),
							"method_number": knownvalue.StringRegexp(testutil.RegexpMust(`^\*+4242$`)), "next_payment": knownvalue.StringExact(start),
							"data": knownvalue.StringExact(`{"k":"v"}`),
						}),
						knownvalue.ObjectPartial(map[string]knownvalue.Check{
							"amount": knownvalue.Int64Exact(900), "description": knownvalue.Null(),
							"schedule": knownvalue.ObjectPartial(map[string]knownvalue.Check{
								"interval_unit": knownvalue.StringExact("MONTH"),
								"days":          knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("LAST")}),
							}),
						}),
					})),
					statecheck.ExpectKnownValue(occ, tfjsonpath.New("occurrences"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.ObjectPartial(map[string]knownvalue.Check{
							"status": knownvalue.StringExact("PENDING"), "due_date": knownvalue.StringExact(start),
							"amount": knownvalue.Int64Exact(700), "attempts": knownvalue.Int64Exact(0),
							"transactions": knownvalue.ListExact([]knownvalue.Check{}),
						}),
					})),
				},
			},
			{
				// The first payment falls due and is collected.
				PreConfig: func() { acctest.SandboxFor(t).SetNow(acctest.RecurringTestNow.AddDate(0, 0, 6)) },
				Config:    cfg,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(occ, tfjsonpath.New("occurrences"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.ObjectPartial(map[string]knownvalue.Check{
							"status": knownvalue.StringExact("PENDING"), "due_date": knownvalue.StringExact(acctest.RecurringDate(12)),
						}),
						knownvalue.ObjectPartial(map[string]knownvalue.Check{
							"status": knownvalue.StringExact("PAID"), "due_date": knownvalue.StringExact(start),
							"attempts": knownvalue.Int64Exact(1), "last_attempt": knownvalue.NotNull(),
							"transactions": knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectPartial(map[string]knownvalue.Check{
								"id": knownvalue.NotNull(), "status": knownvalue.StringExact("AUTHORIZED"), "amount": knownvalue.Int64Exact(700),
							})}),
						}),
					})),
					statecheck.ExpectKnownValue("affinipay_recurring_charge.a", tfjsonpath.New("total_occurrences"), knownvalue.Int64Exact(1)),
					statecheck.ExpectKnownValue("affinipay_recurring_charge.a", tfjsonpath.New("total_amount"), knownvalue.Int64Exact(700)),
					statecheck.ExpectKnownValue("affinipay_recurring_charge.a", tfjsonpath.New("next_payment"), knownvalue.StringExact(acctest.RecurringDate(12))),
				},
			},
		},
	})
}

func TestAccRecurringChargesDataSource_validation(t *testing.T) {
	t.Parallel()
	cases := map[string]struct{ body, attr, msg string }{
		"status":   {`status = "DELETED"`, "status", "value must be one of"},
		"order_by": {`order_by = "amount desc"`, "order_by", "comma-separated property names"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel() // plan-only
			resource.UnitTest(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.Factories(t),
				Steps: []resource.TestStep{{
					Config:      "data \"affinipay_recurring_charges\" \"x\" {\n  " + tc.body + "\n}\n",
					PlanOnly:    true,
					ExpectError: acctest.PhraseRegexp(tc.attr, tc.msg),
				}},
			})
		})
	}
}
