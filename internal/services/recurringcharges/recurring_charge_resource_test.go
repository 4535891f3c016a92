package recurringcharges_test

import (
	"fmt"
	"net/http"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/acctest"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/client"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/sandbox"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/services/recurringcharges"
)

// rcCapture stores an attribute of a resource from state.
func rcCapture(addr, attr string, into *string) resource.TestCheckFunc { //nolint:unparam // addr names the resource read at each call site
	return func(s *terraform.State) error {
		rs, ok := s.RootModule().Resources[addr]
		if !ok {
			return fmt.Errorf("%s not in state", addr)
		}
		*into = rs.Primary.Attributes[attr]
		if *into == "" {
			return fmt.Errorf("%s.%s is empty", addr, attr)
		}
		return nil
	}
}

func rcConfig(body string) string {
	return "resource \"affinipay_recurring_charge\" \"this\" {\n" + body + "\n}\n"
}

const rcAddr = "affinipay_recurring_charge.this"

var sourceIDRe = regexp.MustCompile(`^terraform:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)

// Create, empty re-plan, update of every updatable attribute (one PATCH with
// only the changes), formatting-only data change, clearing, import, drift
// corrected, cancelled outside, deleted outside, destroy = cancel.
func TestAccRecurringChargeResource_basic(t *testing.T) {
	acctest.Parallel(t)
	acctest.RecurringTestClock(t)
	card1 := acctest.RecurringTestCard(t, "4242424242424242")
	card2 := acctest.RecurringTestCard(t, "5105105105105100")
	s1, s2, s3 := acctest.RecurringDate(30), acctest.RecurringDate(45), acctest.RecurringDate(400)

	minimal := rcConfig(fmt.Sprintf(`
  method      = %q
  amount      = 1250
  description = "Monthly retainer"
  schedule = {
    start          = %q
    interval_unit  = "MONTH"
    interval_delay = 1
  }`, card1, s1))
	full := func(data string) string {
		return rcConfig(fmt.Sprintf(`
  method          = %q
  amount          = 5000
  description     = "Weekly installments"
  reference       = "Matter-42"
  max_occurrences = 10
  max_amount      = 40000
  data            = %s
  schedule = {
    start          = %q
    end            = %q
    interval_unit  = "WEEK"
    interval_delay = 1
    days           = ["5", "1"]
  }
  timeouts = {
    create = "2m"
    update = "2m"
  }`, card2, data, s2, s3))
	}
	cleared := rcConfig(fmt.Sprintf(`
  method = %q
  amount = 5000
  schedule = {
    start          = %q
    interval_unit  = "DAY"
    interval_delay = 14
  }`, card2, s2))

	var id, sourceID, id2 string
	patches := acctest.Requests(t, http.MethodPatch, "/v1/recurring/charges/{id}")

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.Factories(t),
		// on_destroy = cancel (default): the charge stays, COMPLETED/user_canceled.
		CheckDestroy: func(*terraform.State) error {
			if id2 == "" {
				return fmt.Errorf("the test did not reach its last step")
			}
			c := acctest.RecurringTestGet(t, id2)
			if c.Status != client.RecurringStatusCompleted || c.StatusReason != client.RecurringReasonUserCanceled {
				return fmt.Errorf("after destroy: status %s/%s, want COMPLETED/user_canceled", c.Status, c.StatusReason)
			}
			return nil
		},
		Steps: []resource.TestStep{
			{
				Config: minimal,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(rcAddr, plancheck.ResourceActionCreate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					acctest.CaptureAttr(rcAddr, "id", &id),
					acctest.CaptureAttr(rcAddr, "source_id", &sourceID),
					acctest.CheckAPI(func(*terraform.State) error {
						if n := acctest.SandboxFor(t).RecurringChargeCount(sourceID); n != 1 {
							return fmt.Errorf("%d charges with source_id %s, want 1", n, sourceID)
						}
						c := acctest.RecurringTestGet(t, id)
						if c.Amount != 1250 || c.Description != "Monthly retainer" || c.Schedule.IntervalUnit != "MONTH" || c.Method == nil || !strings.HasSuffix(c.Method.Number, "4242") {
							return fmt.Errorf("API charge %+v", c)
						}
						patches.Mark()
						return nil
					}),
					statecheck.ExpectKnownValue(rcAddr, tfjsonpath.New("status"), knownvalue.StringExact("ACTIVE")),
					statecheck.ExpectKnownValue(rcAddr, tfjsonpath.New("status_reason"), knownvalue.Null()),
					statecheck.ExpectKnownValue(rcAddr, tfjsonpath.New("next_payment"), knownvalue.StringExact(s1)),
					statecheck.ExpectKnownValue(rcAddr, tfjsonpath.New("currency"), knownvalue.StringExact("USD")),
					statecheck.ExpectKnownValue(rcAddr, tfjsonpath.New("on_destroy"), knownvalue.StringExact("cancel")),
					statecheck.ExpectKnownValue(rcAddr, tfjsonpath.New("source_id"), knownvalue.StringRegexp(sourceIDRe)),
					statecheck.ExpectKnownValue(rcAddr, tfjsonpath.New("account_id"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue(rcAddr, tfjsonpath.New("total_occurrences"), knownvalue.Int64Exact(0)),
					statecheck.ExpectKnownValue(rcAddr, tfjsonpath.New("total_amount"), knownvalue.Int64Exact(0)),
					statecheck.ExpectKnownValue(rcAddr, tfjsonpath.New("schedule").AtMapKey("days"), knownvalue.Null()),
					statecheck.ExpectKnownValue(rcAddr, tfjsonpath.New("max_amount"), knownvalue.Null()),
				},
			},
			{
				Config: full(`jsonencode({ matter = "M-42", nested = { a = 1 } })`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(rcAddr, plancheck.ResourceActionUpdate),
						plancheck.ExpectUnknownValue(rcAddr, tfjsonpath.New("next_payment")),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(rcAddr, tfjsonpath.New("id"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue(rcAddr, tfjsonpath.New("amount"), knownvalue.Int64Exact(5000)),
					statecheck.ExpectKnownValue(rcAddr, tfjsonpath.New("reference"), knownvalue.StringExact("Matter-42")),
					statecheck.ExpectKnownValue(rcAddr, tfjsonpath.New("max_occurrences"), knownvalue.Int64Exact(10)),
					statecheck.ExpectKnownValue(rcAddr, tfjsonpath.New("max_amount"), knownvalue.Int64Exact(40000)),
					statecheck.ExpectKnownValue(rcAddr, tfjsonpath.New("schedule").AtMapKey("days"),
						knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("1"), knownvalue.StringExact("5")})),
					statecheck.ExpectKnownValue(rcAddr, tfjsonpath.New("schedule").AtMapKey("end"), knownvalue.StringExact(s3)),
					// s2 is a Monday or later; the next payment is the first Monday or Friday on or after it.
					statecheck.ExpectKnownValue(rcAddr, tfjsonpath.New("next_payment"), knownvalue.StringExact(rcFirstWeekday(s2, time.Monday, time.Friday))),
				},
				Check: func(*terraform.State) error {
					c := acctest.RecurringTestGet(t, id)
					if c.Method == nil || !strings.HasSuffix(c.Method.Number, "5100") || c.Amount != 5000 || c.Reference != "Matter-42" ||
						!recurringcharges.RcJsonEqual(c.DataJSON(), `{"matter":"M-42","nested":{"a":1}}`) {
						return fmt.Errorf("API charge after update %+v (data %s)", c, c.DataJSON())
					}
					return patches.Expect(1, "for one update")(nil)
				},
			},
			{
				// Same JSON, other formatting and key order. Terraform plans
				// configuration text changes, so this is an in-place update,
				// but nothing is sent to the API.
				Config: full(`"{\"nested\": {\"a\": 1},   \"matter\": \"M-42\"}"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(rcAddr, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(rcAddr, tfjsonpath.New("next_payment"), knownvalue.NotNull()),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				// Still the one PATCH of the previous step.
				Check: patches.Expect(1, "after a formatting-only data change"),
			},
			{
				Config: cleared,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(rcAddr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(rcAddr, tfjsonpath.New("description"), knownvalue.Null()),
					statecheck.ExpectKnownValue(rcAddr, tfjsonpath.New("reference"), knownvalue.Null()),
					statecheck.ExpectKnownValue(rcAddr, tfjsonpath.New("data"), knownvalue.Null()),
					statecheck.ExpectKnownValue(rcAddr, tfjsonpath.New("max_occurrences"), knownvalue.Null()),
					statecheck.ExpectKnownValue(rcAddr, tfjsonpath.New("max_amount"), knownvalue.Null()),
					statecheck.ExpectKnownValue(rcAddr, tfjsonpath.New("schedule").AtMapKey("end"), knownvalue.Null()),
					statecheck.ExpectKnownValue(rcAddr, tfjsonpath.New("schedule").AtMapKey("days"), knownvalue.Null()),
					statecheck.ExpectKnownValue(rcAddr, tfjsonpath.New("schedule").AtMapKey("interval_delay"), knownvalue.Int64Exact(14)),
					statecheck.ExpectKnownValue(rcAddr, tfjsonpath.New("next_payment"), knownvalue.StringExact(s2)),
				},
				Check: func(*terraform.State) error {
					c := acctest.RecurringTestGet(t, id)
					if c.Description != "" || c.Reference != "" || c.DataJSON() != "" || c.MaxAmount != nil || c.MaxOccurrences != nil ||
						c.Schedule.End != "" || len(c.Schedule.Days) != 0 {
						return fmt.Errorf("API charge not cleared: %+v", c)
					}
					return nil
				},
			},
			{
				ResourceName:      rcAddr,
				ImportState:       true,
				ImportStateVerify: true,
				// The API never returns method or source_id.
				ImportStateVerifyIgnore: []string{"method", "source_id", "timeouts"},
			},
			{
				// Drift: amount and schedule changed outside Terraform.
				PreConfig: func() {
					_, err := acctest.Client(t).UpdateRecurringCharge(t.Context(), id, client.RecurringChargeUpdate{
						Amount:   rcPtr(int64(999)),
						Schedule: &client.RecurringSchedule{Start: s1, IntervalUnit: "MONTH", IntervalDelay: 2},
					})
					if err != nil {
						t.Fatal(err)
					}
				},
				Config: cleared,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(rcAddr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: func(*terraform.State) error {
					c := acctest.RecurringTestGet(t, id)
					if c.Amount != 5000 || c.Schedule.Start != s2 || c.Schedule.IntervalUnit != "DAY" || c.Schedule.IntervalDelay != 14 {
						return fmt.Errorf("drift not corrected: %+v", c)
					}
					return nil
				},
			},
			{
				// Cancelled outside Terraform: state shows COMPLETED; nothing
				// is planned (Terraform cannot reactivate it; the plan warns).
				PreConfig: func() {
					if _, err := acctest.Client(t).CancelRecurringCharge(t.Context(), id); err != nil {
						t.Fatal(err)
					}
				},
				Config: cleared,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(rcAddr, tfjsonpath.New("status"), knownvalue.StringExact("COMPLETED")),
					statecheck.ExpectKnownValue(rcAddr, tfjsonpath.New("status_reason"), knownvalue.StringExact("user_canceled")),
				},
			},
			{
				// Deleted outside Terraform: removed from state, created again.
				PreConfig: func() {
					if err := acctest.Client(t).DeleteRecurringCharge(t.Context(), id); err != nil {
						t.Fatal(err)
					}
				},
				Config: cleared,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(rcAddr, plancheck.ResourceActionCreate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					acctest.CaptureAttr(rcAddr, "id", &id2),
					acctest.CheckAPI(func(*terraform.State) error {
						if id2 == id {
							return fmt.Errorf("re-created charge has the deleted charge's ID %s", id)
						}
						return nil
					}),
					statecheck.ExpectKnownValue(rcAddr, tfjsonpath.New("status"), knownvalue.StringExact("ACTIVE")),
				},
			},
		},
	})
}

// rcFirstWeekday is the first date on or after start falling on one of days.
func rcFirstWeekday(start string, days ...time.Weekday) string {
	d, _ := time.Parse("2006-01-02", start)
	for i := 0; i < 7; i++ {
		for _, w := range days {
			if d.Weekday() == w {
				return d.Format("2006-01-02")
			}
		}
		d = d.AddDate(0, 0, 1)
	}
	return ""
}

func rcPtr[T any](v T) *T { return &v }

// on_destroy = delete: switching to it changes nothing at the API; destroy
// deletes the charge (paid from a saved bank here).
func TestAccRecurringChargeResource_onDestroyDelete(t *testing.T) {
	acctest.Parallel(t)
	acctest.RecurringTestClock(t)
	bank := acctest.RecurringTestBank(t)
	cfg := func(onDestroy string) string {
		return rcConfig(fmt.Sprintf(`
  method     = %q
  amount     = 1000
  on_destroy = %q
  schedule = {
    start          = %q
    interval_unit  = "WEEK"
    interval_delay = 2
  }`, bank, onDestroy, acctest.RecurringDate(7)))
	}
	var id string
	patches := acctest.Requests(t, http.MethodPatch, "/v1/recurring/charges/{id}")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.Factories(t),
		CheckDestroy: func(*terraform.State) error {
			c, err := acctest.Client(t).GetRecurringCharge(t.Context(), id)
			if client.IsNotFound(err) || (err == nil && c.Status == client.RecurringStatusDeleted) {
				return nil
			}
			return fmt.Errorf("after destroy with on_destroy = delete: %+v, %w", c, err)
		},
		Steps: []resource.TestStep{
			{
				Config: cfg("cancel"),
				ConfigStateChecks: []statecheck.StateCheck{
					acctest.CaptureAttr(rcAddr, "id", &id),
					acctest.CheckAPI(func(*terraform.State) error {
						patches.Mark()
						return nil
					}),
					statecheck.ExpectKnownValue(rcAddr, tfjsonpath.New("next_payment"), knownvalue.StringExact(acctest.RecurringDate(7))),
				},
			},
			{
				Config: cfg("delete"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(rcAddr, plancheck.ResourceActionUpdate),
						// Nothing is sent, so the computed values stay known.
						plancheck.ExpectKnownValue(rcAddr, tfjsonpath.New("next_payment"), knownvalue.StringExact(acctest.RecurringDate(7))),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: patches.Expect(0, "to change on_destroy"),
			},
		},
	})
}

// A create whose response is lost is retried, answered 409 resource_exists
// (or lost again), and the charge the first attempt created is adopted:
// exactly one charge exists afterwards.
func TestAccRecurringChargeResource_lostCreateResponse(t *testing.T) {
	acctest.Parallel(t)
	acctest.RecurringTestClock(t)
	card := acctest.RecurringTestCard(t, "4242424242424242")
	t.Cleanup(func() { _ = acctest.SandboxFor(t).SetFaults(sandbox.Faults{}) })
	var sourceID, id string
	posts := acctest.Requests(t, http.MethodPost, "/v1/recurring/charges")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.Factories(t),
		CheckDestroy: func(*terraform.State) error {
			if c := acctest.RecurringTestGet(t, id); c.Status != client.RecurringStatusCompleted {
				return fmt.Errorf("not cancelled: %+v", c)
			}
			return nil
		},
		Steps: []resource.TestStep{{
			PreConfig: func() {
				posts.Mark()
				if err := acctest.SandboxFor(t).SetFaults(sandbox.Faults{DropAfterCommitRate: 1, Methods: []string{http.MethodPost}}); err != nil {
					t.Fatal(err)
				}
			},
			Config: `provider "affinipay" {
  max_retries = 2
}
` + rcConfig(fmt.Sprintf(`
  method      = %q
  amount      = 2500
  description = "Lost response"
  schedule = {
    start          = %q
    interval_unit  = "MONTH"
    interval_delay = 1
    days           = ["15", "LAST"]
  }`, card, acctest.RecurringDate(20))),
			ConfigStateChecks: []statecheck.StateCheck{
				acctest.CheckAPI(func(*terraform.State) error { return acctest.SandboxFor(t).SetFaults(sandbox.Faults{}) }),
				acctest.CaptureAttr(rcAddr, "source_id", &sourceID),
				acctest.CaptureAttr(rcAddr, "id", &id),
				acctest.CheckAPI(func(*terraform.State) error {
					// The fault must have forced a retry.
					if err := posts.ExpectBetween(2, 1<<20, "to create under a lost-response fault")(nil); err != nil {
						return err
					}
					if n := acctest.SandboxFor(t).RecurringChargeCount(sourceID); n != 1 {
						return fmt.Errorf("%d recurring charges with source_id %s, want exactly 1", n, sourceID)
					}
					return nil
				}),
			},
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
		}},
	})
}

// The API's first_occurrence_due_immediately (the gateway's "today" differs
// from the plan-time UTC check) and update_results_in_no_occurrences are
// reported on the schedule with what to do.
func TestAccRecurringChargeResource_apiScheduleErrors(t *testing.T) {
	acctest.Parallel(t)
	acctest.RecurringTestClock(t)
	card := acctest.RecurringTestCard(t, "4242424242424242")
	cfg := func(start, end string) string {
		endLine := ""
		if end != "" {
			endLine = fmt.Sprintf("    end            = %q\n", end)
		}
		return rcConfig(fmt.Sprintf(`
  method = %q
  amount = 1000
  schedule = {
    start          = %q
%s    interval_unit  = "WEEK"
    interval_delay = 1
  }`, card, start, endLine))
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.Factories(t),
		Steps: []resource.TestStep{
			{
				// Today at the gateway (the sandbox clock).
				Config:      cfg(acctest.RecurringDate(0), ""),
				ExpectError: acctest.PhraseRegexp("schedule.start", "first payment would be due today (first_occurrence_due_immediately)"),
			},
			{Config: cfg(acctest.RecurringDate(3), "")},
			{
				// Three weeks later, an end date that is already past.
				PreConfig:   func() { acctest.SandboxFor(t).SetNow(acctest.RecurringTestNow.AddDate(0, 0, 21)) },
				Config:      cfg(acctest.RecurringDate(3), acctest.RecurringDate(10)),
				ExpectError: acctest.PhraseRegexp("schedule", "would leave no further payments (update_results_in_no_occurrences). To stop collecting payments, cancel the charge instead"),
			},
		},
	})
}

// Bad input is refused at plan time, on the attribute.
func TestAccRecurringChargeResource_validation(t *testing.T) {
	t.Parallel()
	const start = `"2199-01-01"`
	base := map[string]string{
		"method": `"card"`, "amount": "1250",
		"schedule": `{ start = ` + start + `, interval_unit = "MONTH", interval_delay = 1 }`,
	}
	cases := map[string]struct {
		set       map[string]string
		attr, msg string
	}{
		"amount zero":          {map[string]string{"amount": "0"}, "amount", "value must be between 1 and 99999999999999"},
		"amount too large":     {map[string]string{"amount": "100000000000000"}, "amount", "value must be between 1"},
		"currency":             {map[string]string{"currency": `"usd"`}, "currency", `must be upper case: use "USD"`},
		"method empty":         {map[string]string{"method": `""`}, "method", "string length must be at least 1"},
		"description empty":    {map[string]string{"description": `""`}, "description", "string length must be at least 1"},
		"max_occurrences":      {map[string]string{"max_occurrences": "0"}, "max_occurrences", "value must be at least 1"},
		"max_amount < amount":  {map[string]string{"max_amount": "1000"}, "max_amount", "max_amount (1000) must be greater than or equal to amount (1250)"},
		"data not object":      {map[string]string{"data": `jsonencode([1, 2])`}, "data", "must be a JSON object"},
		"data not json":        {map[string]string{"data": `"{oops"`}, "data", "JSON"},
		"on_destroy":           {map[string]string{"on_destroy": `"refund"`}, "on_destroy", `value must be one of`},
		"source_id too long":   {map[string]string{"source_id": `"` + strings.Repeat("x", 256) + `"`}, "source_id", "string length must be between 1 and 255"},
		"interval_unit":        {map[string]string{"schedule": `{ start = ` + start + `, interval_unit = "YEAR", interval_delay = 1 }`}, "interval_unit", "value must be one of"},
		"interval_delay":       {map[string]string{"schedule": `{ start = ` + start + `, interval_unit = "DAY", interval_delay = 0 }`}, "interval_delay", "value must be at least 1"},
		"start format":         {map[string]string{"schedule": `{ start = "2199-1-1", interval_unit = "DAY", interval_delay = 1 }`}, "schedule.start", "is not a date in the format yyyy-mm-dd"},
		"end format":           {map[string]string{"schedule": `{ start = ` + start + `, end = "2199-02-30", interval_unit = "DAY", interval_delay = 1 }`}, "schedule.end", "not a valid calendar date"},
		"end before start":     {map[string]string{"schedule": `{ start = ` + start + `, end = "2198-12-31", interval_unit = "DAY", interval_delay = 1 }`}, "schedule.end", "is before start"},
		"days with DAY":        {map[string]string{"schedule": `{ start = ` + start + `, interval_unit = "DAY", interval_delay = 1, days = ["1"] }`}, "schedule.days", "not DAY"},
		"days with delay 2":    {map[string]string{"schedule": `{ start = ` + start + `, interval_unit = "WEEK", interval_delay = 2, days = ["1"] }`}, "schedule.days", "interval_delay of 1 (got 2)"},
		"week day 8":           {map[string]string{"schedule": `{ start = ` + start + `, interval_unit = "WEEK", interval_delay = 1, days = ["1", "8"] }`}, "schedule.days", `"8" is not a valid day`},
		"week LAST":            {map[string]string{"schedule": `{ start = ` + start + `, interval_unit = "WEEK", interval_delay = 1, days = ["LAST"] }`}, "schedule.days", `for a WEEK schedule`},
		"month day 32":         {map[string]string{"schedule": `{ start = ` + start + `, interval_unit = "MONTH", interval_delay = 1, days = ["32"] }`}, "schedule.days", `"LAST" (the last day of the month)`},
		"days empty":           {map[string]string{"schedule": `{ start = ` + start + `, interval_unit = "MONTH", interval_delay = 1, days = [] }`}, "schedule.days", "set must contain at least 1"},
		"start today (real)":   {map[string]string{"schedule": `{ start = "` + time.Now().UTC().Format("2006-01-02") + `", interval_unit = "MONTH", interval_delay = 1 }`}, "schedule.start", "cannot start today or earlier"},
		"start in the past":    {map[string]string{"schedule": `{ start = "2020-01-01", interval_unit = "MONTH", interval_delay = 1 }`}, "schedule.start", "first_occurrence_due_immediately"},
		"schedule missing key": {map[string]string{"schedule": `{ start = ` + start + `, interval_unit = "MONTH" }`}, "schedule", "interval_delay"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			attrs := map[string]string{}
			for k, v := range base {
				attrs[k] = v
			}
			for k, v := range tc.set {
				attrs[k] = v
			}
			var b strings.Builder
			for k, v := range attrs {
				fmt.Fprintf(&b, "  %s = %s\n", k, v)
			}
			resource.UnitTest(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.Factories(t),
				Steps: []resource.TestStep{{
					Config:      rcConfig(b.String()),
					PlanOnly:    true,
					ExpectError: acctest.PhraseRegexp(tc.attr, tc.msg),
				}},
			})
		})
	}
}

// The documented examples apply as a new user would run them, plan empty
// afterwards and import cleanly; the preview in the example shows the
// twelve monthly dates.
func TestAccRecurringChargeResource_example(t *testing.T) {
	acctest.Parallel(t)
	acctest.RecurringTestClock(t)
	card := acctest.RecurringTestCard(t, "4242424242424242")
	cfg, err := os.ReadFile("../../../examples/resources/affinipay_recurring_charge/resource.tf")
	if err != nil {
		t.Fatal(err)
	}
	first := time.Date(2098, 7, 31, 0, 0, 0, 0, time.UTC) // month-end start
	vars := config.Variables{
		"payment_method_id":  config.StringVariable(card),
		"first_payment_date": config.StringVariable(first.Format("2006-01-02")),
	}
	const addr = "affinipay_recurring_charge.retainer"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.Factories(t),
		Steps: []resource.TestStep{
			{
				Config:          string(cfg),
				ConfigVariables: vars,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("next_payment"), knownvalue.StringExact("2098-07-31")),
					statecheck.ExpectKnownOutputValue("next_payment", knownvalue.StringExact("2098-07-31")),
					statecheck.ExpectKnownOutputValue("payment_dates", knownvalue.ListSizeExact(12)),
					statecheck.ExpectKnownOutputValueAtPath("payment_dates", tfjsonpath.New(1), knownvalue.StringExact("2098-08-31: 1250 USD")),
					statecheck.ExpectKnownOutputValueAtPath("payment_dates", tfjsonpath.New(2), knownvalue.StringExact("2098-09-30: 1250 USD")),
				},
			},
			{
				Config:                  string(cfg),
				ConfigVariables:         vars,
				ResourceName:            addr,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"method", "source_id", "timeouts"},
			},
		},
	})
}

// The data-source examples are valid and the schedule preview returns the
// reference's eight dates.
func TestAccRecurringChargeDataSources_examples(t *testing.T) {
	acctest.Parallel(t)
	cfg, err := os.ReadFile("../../../examples/data-sources/affinipay_recurring_charge_schedule/data-source.tf")
	if err != nil {
		t.Fatal(err)
	}
	list, err := os.ReadFile("../../../examples/data-sources/affinipay_recurring_charges/data-source.tf")
	if err != nil {
		t.Fatal(err)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.Factories(t),
		Steps: []resource.TestStep{{
			Config: string(cfg) + string(list),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("installment_dates", knownvalue.ListExact([]knownvalue.Check{
					knownvalue.StringExact("2019-08-19"), knownvalue.StringExact("2019-08-23"), knownvalue.StringExact("2019-08-26"),
					knownvalue.StringExact("2019-08-30"), knownvalue.StringExact("2019-09-02"), knownvalue.StringExact("2019-09-06"),
					knownvalue.StringExact("2019-09-09"), knownvalue.StringExact("2019-09-13"),
				})),
				statecheck.ExpectKnownOutputValue("installment_count", knownvalue.Int64Exact(8)),
				statecheck.ExpectKnownOutputValue("upcoming", knownvalue.MapExact(map[string]knownvalue.Check{})),
			},
		}},
	})
}
