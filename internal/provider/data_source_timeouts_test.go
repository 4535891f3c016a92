package provider_test

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/acctest"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/client"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/provider"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/sandbox"
)

// dsTimeoutCase is one data source of TestAccDataSources_timeoutsBound:
// the arguments of its block (%CONTACT% and %CHARGE% are replaced by IDs
// that exist on the case's sandbox) and a computed attribute that a
// successful read fills in.
type dsTimeoutCase struct {
	typeName string
	args     string
	computed string
	// noRequest: the data source reads nothing from the API (its data is
	// built in), so there is no read for timeouts to cut short: only the
	// steps without latency run (dsTimeoutSteps).
	noRequest bool
}

// dsTimeoutSteps drops the latency step of a data source that sends no request.
func dsTimeoutSteps(tc dsTimeoutCase, steps []resource.TestStep) []resource.TestStep {
	if !tc.noRequest {
		return steps
	}
	steps = steps[1:]
	steps[0].PreConfig = nil
	return steps
}

var dsTimeoutCases = []dsTimeoutCase{
	{typeName: "affinipay_status", computed: "status"},
	{typeName: "affinipay_merchant", computed: "id"},
	{typeName: "affinipay_bank_accounts", computed: "bank_accounts"},
	{typeName: "affinipay_gateway_credentials", computed: "test_accounts"},
	{typeName: "affinipay_contact", args: `id = "%CONTACT%"`, computed: "display_name"},
	{typeName: "affinipay_contacts", computed: "contacts"},
	{typeName: "affinipay_recurring_charges", computed: "recurring_charges"},
	{typeName: "affinipay_recurring_charge_occurrences", args: `recurring_charge_id = "%CHARGE%"`, computed: "occurrences"},
	{typeName: "affinipay_recurring_charge_schedule", computed: "occurrences", args: `amount = 1250
  schedule = {
    start          = "2019-08-19"
    interval_unit  = "WEEK"
    interval_delay = 1
  }`},
	{typeName: "affinipay_surcharge", args: `bank_account_id = "%BANK%"`, computed: "surcharges"},
	{typeName: "affinipay_webhook_source_ips", computed: "cidr_blocks", noRequest: true},
}

// dsTimeoutLatency is how long the sandbox holds every GET while a read is
// meant to be cut short by timeouts.read = "2s". It is far above the
// 2s, so that an unbounded read would succeed (after dsTimeoutLatency)
// instead of failing, and below the provider's request_timeout (30s).
const dsTimeoutLatency = 20 * time.Second

// Every data source's read ends within its timeouts.read: against a sandbox
// that holds every GET for 20s, `timeouts = { read = "2s" }` fails the
// plan with a deadline error within seconds (the GET having reached the
// sandbox); with the latency off, the same data source without `timeouts`
// (the default) reads normally and stores timeouts as null, and with
// `read = "30s"` reads normally and stores it.
func TestAccDataSources_timeoutsBound(t *testing.T) {
	if len(dsTimeoutCases) != len(provider.New("test")().DataSources(context.Background())) {
		t.Fatalf("%d cases for %d data sources: add the new data source here", len(dsTimeoutCases), len(provider.New("test")().DataSources(context.Background())))
	}
	for _, tc := range dsTimeoutCases {
		t.Run(tc.typeName, func(t *testing.T) {
			acctest.Parallel(t)
			acctest.SandboxOnly(t)
			sb := acctest.SandboxFor(t)
			args := tc.args
			if strings.Contains(args, "%CONTACT%") {
				c, err := acctest.Client(t).CreateContact(t.Context(), &client.ContactCreate{Type: client.ContactTypePerson, FirstName: "Time", LastName: "Out"})
				if err != nil {
					t.Fatal(err)
				}
				args = strings.ReplaceAll(args, "%CONTACT%", c.ID)
			}
			if strings.Contains(args, "%CHARGE%") {
				acctest.RecurringTestClock(t)
				ch, err := acctest.Client(t).CreateRecurringCharge(t.Context(), client.RecurringChargeCreate{
					Method: acctest.RecurringTestCard(t, "4242424242424242"), Amount: 1000, Currency: "USD",
					Schedule: client.RecurringSchedule{Start: acctest.RecurringDate(10), IntervalUnit: "MONTH", IntervalDelay: 1},
				})
				if err != nil {
					t.Fatal(err)
				}
				args = strings.ReplaceAll(args, "%CHARGE%", ch.ID)
			}
			if strings.Contains(args, "%BANK%") {
				banks, err := acctest.Client(t).ListBankAccounts(t.Context())
				if err != nil || len(banks) == 0 {
					t.Fatalf("bank accounts: %v, %v", banks, err)
				}
				args = strings.ReplaceAll(args, "%BANK%", banks[0].ID)
			}
			block := func(timeouts string) string {
				return "provider \"affinipay\" {\n  max_retries = 0\n}\n\ndata \"" + tc.typeName + "\" \"this\" {\n  " + args + "\n" + timeouts + "}\n"
			}
			addr := "data." + tc.typeName + ".this"
			var start time.Time
			var latencyBefore int64
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.Factories(t),
				Steps: dsTimeoutSteps(tc, []resource.TestStep{
					{
						PreConfig: func() {
							if err := sb.SetFaults(sandbox.Faults{LatencyMS: int(dsTimeoutLatency / time.Millisecond), Methods: []string{"GET"}}); err != nil {
								t.Fatal(err)
							}
							latencyBefore = sb.Metrics().Faults["latency"]
							start = time.Now()
						},
						Config:      block("  timeouts = {\n    read = \"2s\"\n  }\n"),
						ExpectError: regexp.MustCompile(`context\s+deadline\s+exceeded`),
					},
					{
						PreConfig: func() {
							took := time.Since(start)
							t.Logf("plan with timeouts.read = 2s against a %s GET latency failed after %s", dsTimeoutLatency, took.Round(10*time.Millisecond))
							if took > 12*time.Second {
								t.Errorf("the failing plan took %s: the read was not bounded by timeouts.read = 2s", took)
							}
							if sb.Metrics().Faults["latency"] == latencyBefore {
								t.Error("no GET reached the sandbox: the failure was not the read's timeout")
							}
							if err := sb.SetFaults(sandbox.Faults{}); err != nil {
								t.Fatal(err)
							}
						},
						Config: block(""),
						ConfigStateChecks: []statecheck.StateCheck{
							statecheck.ExpectKnownValue(addr, tfjsonpath.New("timeouts"), knownvalue.Null()),
							statecheck.ExpectKnownValue(addr, tfjsonpath.New(tc.computed), knownvalue.NotNull()),
						},
					},
					{
						Config: block("  timeouts = {\n    read = \"30s\"\n  }\n"),
						ConfigStateChecks: []statecheck.StateCheck{
							statecheck.ExpectKnownValue(addr, tfjsonpath.New("timeouts"), knownvalue.ObjectExact(map[string]knownvalue.Check{
								"read": knownvalue.StringExact("30s"),
							})),
							statecheck.ExpectKnownValue(addr, tfjsonpath.New(tc.computed), knownvalue.NotNull()),
						},
					},
				}),
			})
		})
	}
}
