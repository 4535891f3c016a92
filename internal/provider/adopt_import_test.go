package provider_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/acctest"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/framework"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// adoptCase is one resource type adopted from the fixture: the
// configuration a team writes for the existing object, its import ID and
// its identity.
type adoptCase struct {
	name     string
	addr     string
	config   func(f *acctest.AdoptFixture) string
	importID func(f *acctest.AdoptFixture) string
	identity func(f *acctest.AdoptFixture) map[string]string
}

const adoptChargeBody = `
  amount          = 12500
  description     = "Monthly retainer"
  reference       = "matter-42"
  max_occurrences = 12
  schedule = {
    start          = %q
    interval_unit  = "MONTH"
    interval_delay = 1
  }
`

func adoptCases() []adoptCase {
	return []adoptCase{
		{
			name:     "merchant",
			addr:     "affinipay_merchant.this",
			config:   func(*acctest.AdoptFixture) string { return `resource "affinipay_merchant" "this" {}` },
			importID: func(f *acctest.AdoptFixture) string { return f.MerchantID },
			identity: func(f *acctest.AdoptFixture) map[string]string { return map[string]string{"id": f.MerchantID} },
		},
		{
			name: "ach_account",
			addr: "affinipay_ach_account.this",
			config: func(f *acctest.AdoptFixture) string {
				return fmt.Sprintf(`resource "affinipay_ach_account" "this" { account_id = %q }`, f.ACHID)
			},
			importID: func(f *acctest.AdoptFixture) string { return f.ACHID },
			identity: func(f *acctest.AdoptFixture) map[string]string { return map[string]string{"id": f.ACHID} },
		},
		{
			name: "webhook_endpoint",
			addr: "affinipay_webhook_endpoint.this",
			config: func(f *acctest.AdoptFixture) string {
				return fmt.Sprintf(`resource "affinipay_webhook_endpoint" "this" {
  mode = "test"
  url  = %q
}`, f.WebhookURL)
			},
			importID: func(f *acctest.AdoptFixture) string { return "test:" + f.WebhookURL },
			identity: func(f *acctest.AdoptFixture) map[string]string {
				return map[string]string{"mode": "test", "url": f.WebhookURL}
			},
		},
		{
			name: "contact",
			addr: "affinipay_contact.this",
			config: func(*acctest.AdoptFixture) string {
				return `resource "affinipay_contact" "this" {
  type       = "person"
  first_name = "Ada"
  last_name  = "Lovelace"
  test_mode  = true
}`
			},
			importID: func(f *acctest.AdoptFixture) string { return f.ContactID },
			identity: func(f *acctest.AdoptFixture) map[string]string { return map[string]string{"id": f.ContactID} },
		},
		{
			name: "contact_tag",
			addr: "affinipay_contact_tag.this",
			config: func(f *acctest.AdoptFixture) string {
				return fmt.Sprintf(`resource "affinipay_contact_tag" "this" {
  contact_id = %q
  tag        = %q
}`, f.ContactID, f.Tag)
			},
			importID: func(f *acctest.AdoptFixture) string { return f.ContactID + "/" + f.Tag },
			identity: func(f *acctest.AdoptFixture) map[string]string {
				return map[string]string{"contact_id": f.ContactID, "tag": f.Tag}
			},
		},
		{
			name: "payment_method",
			addr: "affinipay_payment_method.this",
			config: func(f *acctest.AdoptFixture) string {
				return fmt.Sprintf(`resource "affinipay_payment_method" "this" {
  contact_id   = %q
  payment_type = "credit_card"
  test_mode    = true
}`, f.ContactID)
			},
			importID: func(f *acctest.AdoptFixture) string { return f.ContactID + "/" + f.PmID },
			identity: func(f *acctest.AdoptFixture) map[string]string {
				return map[string]string{"contact_id": f.ContactID, "id": f.PmID}
			},
		},
		{
			// Adopted without managing its payment method.
			name: "recurring_charge",
			addr: "affinipay_recurring_charge.this",
			config: func(*acctest.AdoptFixture) string {
				return `resource "affinipay_recurring_charge" "this" {` + fmt.Sprintf(adoptChargeBody, acctest.RecurringDate(10)) + `}`
			},
			importID: func(f *acctest.AdoptFixture) string { return f.ChargeID },
			identity: func(f *acctest.AdoptFixture) map[string]string { return map[string]string{"id": f.ChargeID} },
		},
		{
			// Adopted with its payment method, verified against the charge.
			name: "recurring_charge_with_method",
			addr: "affinipay_recurring_charge.this",
			config: func(f *acctest.AdoptFixture) string {
				return `resource "affinipay_recurring_charge" "this" {` + fmt.Sprintf(adoptChargeBody, acctest.RecurringDate(10)) +
					fmt.Sprintf("  method = %q\n}", f.CardID)
			},
			importID: func(f *acctest.AdoptFixture) string { return f.ChargeID + "/" + f.CardID },
			identity: func(f *acctest.AdoptFixture) map[string]string {
				return map[string]string{"id": f.ChargeID, "method": f.CardID}
			},
		},
	}
}

func adoptImportBlock(addr, attr, value string) string {
	return fmt.Sprintf("\nimport {\n  to = %s\n  %s = %s\n}\n", addr, attr, value)
}

// Every resource type adopted by ID, as a team would: an import block with
// the configuration of the existing object plans an import with no change
// and the apply sends no write request; the second plan is empty; the
// `terraform import` command records the same state; and
// `-generate-config-out` writes a configuration that is valid and plans no
// change.
func TestAccAdopt_importByID(t *testing.T) {
	acctest.PreCheck(t)
	acctest.SandboxOnly(t)
	t.Parallel()
	for _, tc := range adoptCases() {
		t.Run(tc.name, func(t *testing.T) {
			// Each resource type in parallel, on a sandbox of its own (the
			// write counts are this case's alone).
			acctest.Parallel(t)
			f := acctest.AdoptSetup(t)
			writes := acctest.AdoptWriteCounter{T: t}
			cfg := tc.config(f)
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.Factories(t),
				// Import blocks and -generate-config-out: Terraform 1.5.
				TerraformVersionChecks: []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_5_0)},
				Steps: []resource.TestStep{
					{
						PreConfig: writes.Mark,
						Config:    cfg + adoptImportBlock(tc.addr, "id", fmt.Sprintf("%q", tc.importID(f))),
						ConfigPlanChecks: resource.ConfigPlanChecks{
							PreApply:             []plancheck.PlanCheck{acctest.ExpectImportNoOp{Addr: tc.addr}},
							PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
						},
						Check: func(*terraform.State) error { return writes.Check("importing " + tc.addr + " by ID") },
					},
					{
						ResourceName:      tc.addr,
						Config:            cfg,
						ImportState:       true,
						ImportStateId:     tc.importID(f),
						ImportStateVerify: true,
						// Both states come from an import: nothing to ignore
						// but the timeouts block.
						ImportStateVerifyIgnore:              []string{"timeouts"},
						ImportStateVerifyIdentifierAttribute: "id",
					},
					{
						ResourceName:    tc.addr,
						Config:          cfg,
						ImportState:     true,
						ImportStateKind: resource.ImportBlockWithID,
						ImportStateId:   tc.importID(f),
						GenerateConfig:  true,
					},
				},
			})
		})
	}
}

// Every resource type adopted by identity (Terraform 1.12+): an import
// block with `identity = { ... }` plans an import with no change and sends
// no write request, and the identity is recorded; the testing framework's
// own import by identity, and -generate-config-out from it, plan no change.
func TestAccAdopt_importByIdentity(t *testing.T) {
	acctest.PreCheck(t)
	acctest.AdoptSkipBelow(t, "1.12.0")
	acctest.SandboxOnly(t)
	t.Parallel()
	for _, tc := range adoptCases() {
		t.Run(tc.name, func(t *testing.T) {
			// Each resource type in parallel, on a sandbox of its own (the
			// write counts are this case's alone).
			acctest.Parallel(t)
			f := acctest.AdoptSetup(t)
			writes := acctest.AdoptWriteCounter{T: t}
			cfg := tc.config(f)
			ident := tc.identity(f)
			checks := map[string]knownvalue.Check{}
			for k, v := range ident {
				checks[k] = knownvalue.StringExact(v)
			}
			if tc.name == "recurring_charge" {
				checks["method"] = knownvalue.Null()
			}
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.Factories(t),
				TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
				Steps: []resource.TestStep{
					{
						PreConfig: writes.Mark,
						Config:    cfg + adoptImportBlock(tc.addr, "identity", acctest.HCLMap(ident)),
						ConfigPlanChecks: resource.ConfigPlanChecks{
							PreApply:             []plancheck.PlanCheck{acctest.ExpectImportNoOp{Addr: tc.addr}},
							PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
						},
						ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectIdentity(tc.addr, checks)},
						Check:             func(*terraform.State) error { return writes.Check("importing " + tc.addr + " by identity") },
					},
					{
						ResourceName:    tc.addr,
						Config:          cfg,
						ImportState:     true,
						ImportStateKind: resource.ImportBlockWithResourceIdentity,
					},
					{
						ResourceName:    tc.addr,
						Config:          cfg,
						ImportState:     true,
						ImportStateKind: resource.ImportBlockWithResourceIdentity,
						GenerateConfig:  true,
					},
				},
			})
		})
	}
}

// A charge imported with a method it does not use is refused, by ID and by
// identity, whether the method is another card or a bank; nothing is
// written. With the right method the import is accepted and the method is
// recorded (TestAccAdopt_importByID/recurring_charge_with_method); a new
// charge without method is refused at plan time.
func TestAccAdopt_recurringChargeWrongMethod(t *testing.T) {
	acctest.Parallel(t)
	f := acctest.AdoptSetup(t)
	writes := acctest.AdoptWriteCounter{T: t}
	const addr = "affinipay_recurring_charge.this"
	withMethod := func(method string) string {
		return `resource "affinipay_recurring_charge" "this" {` + fmt.Sprintf(adoptChargeBody, acctest.RecurringDate(10)) +
			fmt.Sprintf("  method = %q\n}", method)
	}
	refused := acctest.WrapRe("Cannot import recurring charge", "is not the payment method the charge collects from")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.Factories(t),
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_5_0)},
		Steps: []resource.TestStep{
			{
				PreConfig:   writes.Mark,
				Config:      withMethod(f.OtherCardID) + adoptImportBlock(addr, "id", fmt.Sprintf("%q", f.ChargeID+"/"+f.OtherCardID)),
				ExpectError: acctest.WrapRe(`last four digits: "1111", the charge's "4242"`),
			},
			{
				Config:      withMethod(f.BankID) + adoptImportBlock(addr, "id", fmt.Sprintf("%q", f.ChargeID+"/"+f.BankID)),
				ExpectError: acctest.WrapRe("type: the saved bank is a bank, the charge uses a card"),
			},
			{
				Config:      withMethod("nosuchmethod0000000000") + adoptImportBlock(addr, "id", fmt.Sprintf("%q", f.ChargeID+"/nosuchmethod0000000000")),
				ExpectError: acctest.WrapRe("No saved card, saved bank or contact payment method has the ID"),
			},
			{
				Config:      withMethod(f.PmID) + adoptImportBlock(addr, "id", fmt.Sprintf("%q", f.ChargeID+"/"+f.PmID)),
				ExpectError: refused,
			},
			{
				Config:      `resource "affinipay_recurring_charge" "new" {` + fmt.Sprintf(adoptChargeBody, acctest.RecurringDate(10)) + `}`,
				ExpectError: acctest.WrapRe("Missing method: required to create a recurring charge"),
				PlanOnly:    true,
			},
			{
				Config: withMethod(f.CardID),
				PreConfig: func() {
					if err := writes.Check("the refused imports"); err != nil {
						t.Fatal(err)
					}
					if c := acctest.RecurringTestGet(t, f.ChargeID); c.Method == nil || framework.LastFour(c.Method.Number) != "4242" {
						t.Fatalf("the charge's method changed: %+v", c.Method)
					}
				},
				ResourceName:  addr,
				ImportState:   true,
				ImportStateId: f.ChargeID + "/" + f.OtherCardID,
				ExpectError:   refused,
			},
		},
	})
}

// The identity's method is checked too (Terraform 1.12+).
func TestAccAdopt_recurringChargeWrongMethodIdentity(t *testing.T) {
	acctest.Parallel(t)
	acctest.AdoptSkipBelow(t, "1.12.0")
	f := acctest.AdoptSetup(t)
	const addr = "affinipay_recurring_charge.this"
	cfg := `resource "affinipay_recurring_charge" "this" {` + fmt.Sprintf(adoptChargeBody, acctest.RecurringDate(10)) +
		fmt.Sprintf("  method = %q\n}", f.OtherCardID)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.Factories(t),
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		Steps: []resource.TestStep{
			{
				Config:      cfg + adoptImportBlock(addr, "identity", acctest.HCLMap(map[string]string{"id": f.ChargeID, "method": f.OtherCardID})),
				ExpectError: acctest.WrapRe("Cannot import recurring charge", "last four digits"),
			},
		},
	})
}

// A charge whose payment method is changed outside Terraform shows the
// change in method_details.
func TestAccAdopt_recurringChargeMethodDrift(t *testing.T) {
	acctest.Parallel(t)
	f := acctest.AdoptSetup(t)
	const addr = "affinipay_recurring_charge.this"
	cfg := `resource "affinipay_recurring_charge" "this" {` + fmt.Sprintf(adoptChargeBody, acctest.RecurringDate(10)) + `}`
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.Factories(t),
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_5_0)},
		Steps: []resource.TestStep{
			{
				Config: cfg + adoptImportBlock(addr, "id", fmt.Sprintf("%q", f.ChargeID)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("method"), knownvalue.Null()),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("method_details").AtMapKey("type"), knownvalue.StringExact("card")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("method_details").AtMapKey("number"), knownvalue.StringRegexp(regexp.MustCompile(`4242$`))),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("method_details").AtMapKey("card_type"), knownvalue.StringExact("VISA")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("method_details").AtMapKey("exp_month"), knownvalue.Int64Exact(12)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("method_details").AtMapKey("exp_year"), knownvalue.Int64Exact(2100)),
				},
			},
			{
				PreConfig: func() {
					if _, err := acctest.Client(t).UpdateRecurringCharge(t.Context(), f.ChargeID, acctest.ClientMethodUpdate(f.OtherCardID)); err != nil {
						t.Fatal(err)
					}
				},
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("method_details").AtMapKey("number"), knownvalue.StringRegexp(regexp.MustCompile(`1111$`))),
				},
			},
		},
	})
}
