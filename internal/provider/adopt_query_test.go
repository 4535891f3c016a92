package provider_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/acctest"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/client"
)

// adoptQueryConfig lists every type of the fixture.
func adoptQueryConfig(f *acctest.AdoptFixture) string {
	return fmt.Sprintf(`
provider "affinipay" {}

list "affinipay_contact" "ada" {
  provider         = affinipay
  include_resource = true
  config {
    q = "Lovelace"
  }
}

list "affinipay_recurring_charge" "active" {
  provider         = affinipay
  include_resource = true
  config {
    status = "ACTIVE"
  }
}

list "affinipay_payment_method" "ada" {
  provider         = affinipay
  include_resource = true
  config {
    contact_id = %[1]q
  }
}

list "affinipay_contact_tag" "ada" {
  provider         = affinipay
  include_resource = true
  config {
    contact_id = %[1]q
  }
}

list "affinipay_webhook_endpoint" "test" {
  provider         = affinipay
  include_resource = true
  config {
    mode = "test"
  }
}
`, f.ContactID)
}

// `terraform query` over objects made through the API: each list finds
// them with their identity, a display name a person recognises and, with
// include_resource, the full object. Listing sends no write request.
func TestAccAdopt_query(t *testing.T) {
	acctest.Parallel(t)
	acctest.AdoptSkipBelow(t, "1.14.0")
	acctest.SandboxOnly(t)
	f := acctest.AdoptSetup(t)
	writes := acctest.AdoptWriteCounter{T: t}
	byID := func(m map[string]string) queryfilter.QueryFilter {
		checks := map[string]knownvalue.Check{}
		for k, v := range m {
			checks[k] = knownvalue.StringExact(v)
		}
		return queryfilter.ByResourceIdentity(checks)
	}
	exact := func(m map[string]string) map[string]knownvalue.Check {
		checks := map[string]knownvalue.Check{}
		for k, v := range m {
			checks[k] = knownvalue.StringExact(v)
		}
		return checks
	}
	contact := map[string]string{"id": f.ContactID}
	chargeFilter := queryfilter.ByResourceIdentity(map[string]knownvalue.Check{
		"id": knownvalue.StringExact(f.ChargeID), "method": knownvalue.Null(),
	})
	pm := map[string]string{"contact_id": f.ContactID, "id": f.PmID}
	tag := map[string]string{"contact_id": f.ContactID, "tag": f.Tag}
	hook := map[string]string{"mode": "test", "url": f.WebhookURL}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.Factories(t),
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_14_0)},
		Steps: []resource.TestStep{
			{
				PreConfig: writes.Mark,
				Config:    `data "affinipay_status" "api" {}`,
			},
			{
				Query:  true,
				Config: adoptQueryConfig(f),
				QueryResultChecks: []querycheck.QueryResultCheck{
					querycheck.ExpectLength("affinipay_contact.ada", 1),
					querycheck.ExpectIdentity("affinipay_contact.ada", exact(contact)),
					querycheck.ExpectResourceDisplayName("affinipay_contact.ada", byID(contact),
						knownvalue.StringExact("Ada Lovelace ("+f.ContactID+")")),
					querycheck.ExpectResourceKnownValues("affinipay_contact.ada", byID(contact), []querycheck.KnownValueCheck{
						{Path: tfjsonpath.New("first_name"), KnownValue: knownvalue.StringExact("Ada")},
						{Path: tfjsonpath.New("test_mode"), KnownValue: knownvalue.Bool(true)},
					}),

					querycheck.ExpectIdentity("affinipay_recurring_charge.active", map[string]knownvalue.Check{
						"id": knownvalue.StringExact(f.ChargeID), "method": knownvalue.Null(),
					}),
					querycheck.ExpectResourceDisplayName("affinipay_recurring_charge.active", chargeFilter,
						knownvalue.StringExact("Monthly retainer: 125.00 USD every 1 MONTH from VISA ************4242, next "+acctest.RecurringDate(10)+" (ACTIVE)")),
					querycheck.ExpectResourceKnownValues("affinipay_recurring_charge.active", chargeFilter, []querycheck.KnownValueCheck{
						{Path: tfjsonpath.New("amount"), KnownValue: knownvalue.Int64Exact(12500)},
						{Path: tfjsonpath.New("method"), KnownValue: knownvalue.Null()},
						{Path: tfjsonpath.New("method_details").AtMapKey("card_type"), KnownValue: knownvalue.StringExact("VISA")},
						{Path: tfjsonpath.New("on_destroy"), KnownValue: knownvalue.StringExact("cancel")},
					}),

					querycheck.ExpectLength("affinipay_payment_method.ada", 1),
					querycheck.ExpectIdentity("affinipay_payment_method.ada", exact(pm)),
					querycheck.ExpectResourceDisplayName("affinipay_payment_method.ada", byID(pm),
						knownvalue.StringExact("VISA ************4242 exp 10/2100, Ada Lovelace ("+f.PmID+")")),
					querycheck.ExpectResourceKnownValues("affinipay_payment_method.ada", byID(pm), []querycheck.KnownValueCheck{
						{Path: tfjsonpath.New("account_number"), KnownValue: knownvalue.StringExact("************4242")},
					}),

					querycheck.ExpectLength("affinipay_contact_tag.ada", 1),
					querycheck.ExpectIdentity("affinipay_contact_tag.ada", exact(tag)),
					querycheck.ExpectResourceDisplayName("affinipay_contact_tag.ada", byID(tag),
						knownvalue.StringExact("vip on Ada Lovelace ("+f.ContactID+")")),

					querycheck.ExpectIdentity("affinipay_webhook_endpoint.test", exact(hook)),
					querycheck.ExpectResourceDisplayName("affinipay_webhook_endpoint.test", byID(hook),
						knownvalue.StringExact("test: "+f.WebhookURL)),
					querycheck.ExpectResourceKnownValues("affinipay_webhook_endpoint.test", byID(hook), []querycheck.KnownValueCheck{
						{Path: tfjsonpath.New("id"), KnownValue: knownvalue.StringExact("test:" + f.WebhookURL)},
						{Path: tfjsonpath.New("allow_http"), KnownValue: knownvalue.Bool(false)},
					}),
				},
			},
			{
				Config: `data "affinipay_status" "api" {}`,
				Check:  func(*terraform.State) error { return writes.Check("terraform query") },
			},
		},
	})
}

// A query that matches more objects than one page holds reads every page,
// at the largest page size the API allows (100): 150 contacts take two
// requests, not eight of the default 20.
func TestAccAdopt_queryPaging(t *testing.T) {
	acctest.Parallel(t)
	acctest.AdoptSkipBelow(t, "1.14.0")
	acctest.SandboxOnly(t)
	c := acctest.Client(t)
	const n = 150
	for i := range n {
		ct, err := c.CreateContact(t.Context(), &client.ContactCreate{Type: client.ContactTypePerson, TestMode: true,
			FirstName: "Pager", LastName: fmt.Sprintf("Paging%03d", i)})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = c.DeleteContact(t.Context(), ct.ID) })
	}
	var before int64
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.Factories(t),
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_14_0)},
		Steps: []resource.TestStep{
			{Config: `data "affinipay_status" "api" {}`},
			{
				PreConfig: func() { before = acctest.SandboxRequestCount(acctest.SandboxFor(t), "GET", "/contacts") },
				Query:     true,
				Config: `
provider "affinipay" {}

list "affinipay_contact" "pagers" {
  provider = affinipay
  limit    = 1000
  config {
    q        = "Pager"
    order_by = ["last_name"]
  }
}
`,
				QueryResultChecks: []querycheck.QueryResultCheck{
					querycheck.ExpectLength("affinipay_contact.pagers", n),
					querycheck.ExpectResourceDisplayName("affinipay_contact.pagers",
						queryfilter.ByDisplayName(knownvalue.StringRegexp(regexp.MustCompile(`^Pager Paging149 `))),
						knownvalue.StringRegexp(regexp.MustCompile(`^Pager Paging149 \(p_`))),
				},
			},
			{
				Config: `data "affinipay_status" "api" {}`,
				Check: func(*terraform.State) error {
					// The query runs the list once for validation-free
					// listing; each run reads ceil(150/100) = 2 pages.
					got := acctest.SandboxRequestCount(acctest.SandboxFor(t), "GET", "/contacts") - before
					if got == 0 || got%2 != 0 || got > 4 {
						return fmt.Errorf("listing %d contacts sent %d GET /contacts (want 2 per listing, at page_size 100)", n, got)
					}
					return nil
				},
			},
		},
	})
}
