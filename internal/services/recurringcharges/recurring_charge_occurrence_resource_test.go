package recurringcharges_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/acctest"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/client"
)

// occurrenceFixture creates a monthly charge through the API and returns
// its ID and its first (PENDING) occurrence.
func occurrenceFixture(t *testing.T, description string, amount int64, startInDays int) (chargeID string, occ client.RecurringOccurrence) {
	t.Helper()
	c := acctest.Client(t)
	ch, err := c.CreateRecurringCharge(t.Context(), client.RecurringChargeCreate{
		Method: acctest.RecurringTestCard(t, "4242424242424242"), Amount: amount, Currency: "USD", Description: description,
		Schedule: client.RecurringSchedule{Start: acctest.RecurringDate(startInDays), IntervalUnit: "MONTH", IntervalDelay: 1},
	})
	if err != nil {
		t.Fatal(err)
	}
	occs, err := c.ListRecurringChargeOccurrences(t.Context(), ch.ID)
	if err != nil || len(occs) != 1 {
		t.Fatalf("occurrences of a new charge: %+v, %v", occs, err)
	}
	return ch.ID, occs[0]
}

func occurrenceConfig(chargeID, occID string) string {
	return fmt.Sprintf(`
resource "affinipay_recurring_charge_occurrence" "next" {
  recurring_charge_id = %q
  occurrence_id       = %q
}
`, chargeID, occID)
}

// Create adopts an occurrence without writing; a refresh follows its
// status; import by ID finds the same; destroy writes nothing and leaves
// the occurrence in place.
func TestAccRecurringChargeOccurrenceResource(t *testing.T) {
	acctest.Parallel(t)
	acctest.RecurringTestClock(t)
	chargeID, occ := occurrenceFixture(t, "Monthly retainer", 125000, 10)
	sb := acctest.SandboxFor(t)
	c := acctest.Client(t)
	var writes int64
	const addr = "affinipay_recurring_charge_occurrence.next"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.Factories(t),
		CheckDestroy: func(*terraform.State) error {
			if n := acctest.SandboxWrites(sb) - writes; n != 0 {
				return fmt.Errorf("%d write requests; want none", n)
			}
			o, err := c.GetRecurringChargeOccurrence(t.Context(), chargeID, occ.ID)
			if err != nil || o.Status != "IGNORED" {
				return fmt.Errorf("after destroy the occurrence is %+v, %v; want it unchanged (IGNORED)", o, err)
			}
			return nil
		},
		Steps: []resource.TestStep{
			{
				PreConfig: func() { writes = acctest.SandboxWrites(sb) },
				Config:    occurrenceConfig(chargeID, occ.ID),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringExact(chargeID+"/"+occ.ID)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("status"), knownvalue.StringExact("PENDING")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("due_date"), knownvalue.StringExact(acctest.RecurringDate(10))),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("amount"), knownvalue.Int64Exact(125000)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("attempts"), knownvalue.Int64Exact(0)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("last_attempt"), knownvalue.Null()),
				},
				Check: func(*terraform.State) error {
					if n := acctest.SandboxWrites(sb) - writes; n != 0 {
						return fmt.Errorf("adopting an occurrence sent %d write requests; want none", n)
					}
					return nil
				},
			},
			{
				// Ignored outside Terraform: the refresh records it, and the
				// plan has nothing to change.
				PreConfig: func() {
					if _, err := c.IgnoreRecurringChargeOccurrence(t.Context(), chargeID, occ.ID); err != nil {
						t.Fatal(err)
					}
					writes = acctest.SandboxWrites(sb)
				},
				Config: occurrenceConfig(chargeID, occ.ID),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("status"), knownvalue.StringExact("IGNORED")),
				},
			},
			{
				ResourceName:                         addr,
				ImportState:                          true,
				ImportStateId:                        chargeID + "/" + occ.ID,
				ImportStateVerify:                    true,
				ImportStateVerifyIdentifierAttribute: "id",
				ImportStateVerifyIgnore:              []string{"timeouts"},
			},
		},
	})
}

func TestAccRecurringChargeOccurrenceResource_errors(t *testing.T) {
	acctest.Parallel(t)
	acctest.RecurringTestClock(t)
	chargeID, _ := occurrenceFixture(t, "Monthly retainer", 125000, 10)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.Factories(t),
		Steps: []resource.TestStep{
			{
				Config:      occurrenceConfig(chargeID, "nosuchoccurrence"),
				ExpectError: regexp.MustCompile(`(?s)Occurrence not found.*cannot\s+be\s+created`),
			},
			{
				Config:      occurrenceConfig(chargeID, "a/b"),
				ExpectError: regexp.MustCompile(`(?s)occurrence_id.*must be an ID`),
				PlanOnly:    true,
			},
			{
				Config:        occurrenceConfig(chargeID, "x"),
				ResourceName:  "affinipay_recurring_charge_occurrence.next",
				ImportState:   true,
				ImportStateId: "just-one-part",
				ExpectError:   regexp.MustCompile(`(?s)Invalid import ID.*<recurring_charge_id>/<occurrence_id>`),
			},
		},
	})
}

// `terraform query` finds occurrences by charge and by status, with the
// identity the pay and ignore actions take; listing writes nothing.
func TestAccRecurringChargeOccurrenceList_query(t *testing.T) {
	acctest.Parallel(t)
	acctest.AdoptSkipBelow(t, "1.14.0")
	acctest.RecurringTestClock(t)
	sb := acctest.SandboxFor(t)
	c := acctest.Client(t)
	retainer, retainerOcc := occurrenceFixture(t, "Monthly retainer", 125000, 10)
	rent, rentOcc := occurrenceFixture(t, "Office rent", 99900, 20)
	if _, err := c.IgnoreRecurringChargeOccurrence(t.Context(), rent, rentOcc.ID); err != nil {
		t.Fatal(err)
	}
	var writes int64
	ident := func(chargeID, occID string) map[string]knownvalue.Check {
		return map[string]knownvalue.Check{"recurring_charge_id": knownvalue.StringExact(chargeID), "occurrence_id": knownvalue.StringExact(occID)}
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.Factories(t),
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_14_0)},
		Steps: []resource.TestStep{
			{
				PreConfig: func() { writes = acctest.SandboxWrites(sb) },
				Config:    `data "affinipay_status" "api" {}`,
			},
			{
				Query: true,
				Config: fmt.Sprintf(`
provider "affinipay" {}

list "affinipay_recurring_charge_occurrence" "ignored" {
  provider         = affinipay
  include_resource = true
  config {
    status = "IGNORED"
  }
}

list "affinipay_recurring_charge_occurrence" "retainer" {
  provider = affinipay
  config {
    recurring_charge_id = %q
  }
}

list "affinipay_recurring_charge_occurrence" "all" {
  provider = affinipay
}
`, retainer),
				QueryResultChecks: []querycheck.QueryResultCheck{
					querycheck.ExpectLength("affinipay_recurring_charge_occurrence.ignored", 1),
					querycheck.ExpectIdentity("affinipay_recurring_charge_occurrence.ignored", ident(rent, rentOcc.ID)),
					querycheck.ExpectResourceDisplayName("affinipay_recurring_charge_occurrence.ignored",
						queryfilter.ByResourceIdentity(ident(rent, rentOcc.ID)),
						knownvalue.StringExact("Office rent: due "+acctest.RecurringDate(20)+", 999.00 USD, IGNORED (0 attempts)")),
					querycheck.ExpectResourceKnownValues("affinipay_recurring_charge_occurrence.ignored",
						queryfilter.ByResourceIdentity(ident(rent, rentOcc.ID)), []querycheck.KnownValueCheck{
							{Path: tfjsonpath.New("id"), KnownValue: knownvalue.StringExact(rent + "/" + rentOcc.ID)},
							{Path: tfjsonpath.New("status"), KnownValue: knownvalue.StringExact("IGNORED")},
							{Path: tfjsonpath.New("amount"), KnownValue: knownvalue.Int64Exact(99900)},
							{Path: tfjsonpath.New("due_date"), KnownValue: knownvalue.StringExact(acctest.RecurringDate(20))},
						}),

					querycheck.ExpectLength("affinipay_recurring_charge_occurrence.retainer", 1),
					querycheck.ExpectIdentity("affinipay_recurring_charge_occurrence.retainer", ident(retainer, retainerOcc.ID)),
					querycheck.ExpectResourceDisplayName("affinipay_recurring_charge_occurrence.retainer",
						queryfilter.ByResourceIdentity(ident(retainer, retainerOcc.ID)),
						knownvalue.StringExact("Monthly retainer: due "+acctest.RecurringDate(10)+", 1250.00 USD, PENDING (0 attempts)")),

					querycheck.ExpectLengthAtLeast("affinipay_recurring_charge_occurrence.all", 2),
					querycheck.ExpectIdentity("affinipay_recurring_charge_occurrence.all", ident(retainer, retainerOcc.ID)),
					querycheck.ExpectIdentity("affinipay_recurring_charge_occurrence.all", ident(rent, rentOcc.ID)),
				},
			},
			{
				Config: `data "affinipay_status" "api" {}`,
				Check: func(*terraform.State) error {
					if n := acctest.SandboxWrites(sb) - writes; n != 0 {
						return fmt.Errorf("terraform query sent %d write requests; want none", n)
					}
					return nil
				},
			},
			{
				Query: true,
				Config: `
provider "affinipay" {}

list "affinipay_recurring_charge_occurrence" "bad" {
  provider = affinipay
  config {
    recurring_charge_id = "nosuchcharge"
  }
}
`,
				ExpectError: regexp.MustCompile(`(?s)Recurring charge not found`),
			},
		},
	})
}

// Terraform 1.12+: the identity is recorded, and an import block by
// identity (the form `terraform query -generate-config-out` writes) adopts
// the occurrence, also with generated configuration.
func TestAccRecurringChargeOccurrenceResource_importByIdentity(t *testing.T) {
	acctest.Parallel(t)
	acctest.AdoptSkipBelow(t, "1.12.0")
	acctest.RecurringTestClock(t)
	chargeID, occ := occurrenceFixture(t, "Monthly retainer", 125000, 10)
	const addr = "affinipay_recurring_charge_occurrence.next"
	cfg := occurrenceConfig(chargeID, occ.ID)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.Factories(t),
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		Steps: []resource.TestStep{
			{
				Config: cfg,
				ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectIdentity(addr, map[string]knownvalue.Check{
					"recurring_charge_id": knownvalue.StringExact(chargeID), "occurrence_id": knownvalue.StringExact(occ.ID),
				})},
			},
			{ResourceName: addr, Config: cfg, ImportState: true, ImportStateKind: resource.ImportBlockWithResourceIdentity},
			{ResourceName: addr, Config: cfg, ImportState: true, ImportStateKind: resource.ImportBlockWithResourceIdentity, GenerateConfig: true},
		},
	})
}
