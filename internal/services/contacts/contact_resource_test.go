package contacts_test

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/acctest"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/client"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/sandbox"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/testutil"
)

const contactAddr = "affinipay_contact.test"

// testAccContactID reads the contact ID from state.
func testAccContactID(s *terraform.State, addr string) (string, error) { //nolint:unparam // addr names the resource read at each call site
	rs, ok := s.RootModule().Resources[addr]
	if !ok {
		return "", testutil.Errorf("%s not in state", addr)
	}
	return rs.Primary.ID, nil
}

func testAccEmailIDs(t *testing.T, id string) map[string]string {
	t.Helper()
	c, err := acctest.Client(t).GetContact(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, e := range c.EmailAddresses {
		out[e.Address] = e.ID
	}
	return out
}

const testAccContactPersonV1 = `
resource "affinipay_contact" "test" {
  type       = "person"
  first_name = "Ellen"
  last_name  = "Ripley"
  test_mode  = true
  notes      = "first note"
  time_zone  = "America/Chicago"

  email_addresses = [
    { address = "eripley@example.com", preferred = true },
    { address = "ellen@example.org" },
    { address = "ripley@example.net" },
  ]
  phone_numbers = [
    { number = "5125550100" },
  ]
  addresses = [
    { line1 = "5400 Burnet Rd", city = "Austin", state_or_province = "TX", postal_code = "78756", country_code = "US" },
  ]
}
`

// V2 edits only the second email, the last name, the phone extension;
// removes notes and adds an address.
const testAccContactPersonV2 = `
resource "affinipay_contact" "test" {
  type       = "person"
  first_name = "Ellen"
  last_name  = "Ripley-Hicks"
  test_mode  = true
  time_zone  = "America/New_York"
  contact_code = "C-512"
  preferred_currency = "USD"

  email_addresses = [
    { address = "eripley@example.com", preferred = true },
    { address = "ellen.hicks@example.org" },
    { address = "ripley@example.net" },
  ]
  phone_numbers = [
    { number = "5125550100", extension = "12", preferred = true },
  ]
  addresses = [
    { line1 = "5400 Burnet Rd", city = "Austin", state_or_province = "TX", postal_code = "78756", country_code = "US" },
    { line1 = "1 Main St", line2 = "Suite 2", city = "Toronto", state_or_province = "ON", postal_code = "M5H 2N2", country_code = "CA", preferred = true },
  ]
}
`

func TestAccContactResource_person(t *testing.T) {
	acctest.Parallel(t)
	var contactID string
	var idsBefore map[string]string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.Factories(t),
		CheckDestroy:             acctest.CheckContactDestroyed(t),
		Steps: []resource.TestStep{
			{
				Config: testAccContactPersonV1,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(contactAddr, plancheck.ResourceActionCreate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(contactAddr, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^p_[0-9A-Za-z]{21}$`))),
					statecheck.ExpectKnownValue(contactAddr, tfjsonpath.New("source_id"), knownvalue.StringRegexp(regexp.MustCompile(`^terraform:[0-9a-f-]{36}$`))),
					statecheck.ExpectKnownValue(contactAddr, tfjsonpath.New("display_name"), knownvalue.StringExact("Ellen Ripley")),
					statecheck.ExpectKnownValue(contactAddr, tfjsonpath.New("preferred_email"), knownvalue.StringExact("eripley@example.com")),
					statecheck.ExpectKnownValue(contactAddr, tfjsonpath.New("name"), knownvalue.Null()),
					statecheck.ExpectKnownValue(contactAddr, tfjsonpath.New("tags"), knownvalue.SetSizeExact(0)),
					statecheck.ExpectKnownValue(contactAddr, tfjsonpath.New("contact_code"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue(contactAddr, tfjsonpath.New("email_addresses").AtSliceIndex(0).AtMapKey("id"),
						knownvalue.StringRegexp(regexp.MustCompile(`^eml_`))),
					statecheck.ExpectKnownValue(contactAddr, tfjsonpath.New("email_addresses").AtSliceIndex(1).AtMapKey("preferred"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(contactAddr, tfjsonpath.New("phone_numbers").AtSliceIndex(0).AtMapKey("id"),
						knownvalue.StringRegexp(regexp.MustCompile(`^phn_`))),
					statecheck.ExpectKnownValue(contactAddr, tfjsonpath.New("addresses").AtSliceIndex(0).AtMapKey("id"),
						knownvalue.StringRegexp(regexp.MustCompile(`^addr_`))),
				},
				Check: func(s *terraform.State) error {
					id, err := testAccContactID(s, contactAddr)
					contactID = id
					return err
				},
			},
			{
				PreConfig: func() { idsBefore = testAccEmailIDs(t, contactID) },
				Config:    testAccContactPersonV2,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(contactAddr, plancheck.ResourceActionUpdate),
						// The plan already knows which items keep their IDs.
						plancheck.ExpectKnownValue(contactAddr, tfjsonpath.New("email_addresses").AtSliceIndex(0).AtMapKey("id"), knownvalue.NotNull()),
						plancheck.ExpectUnknownValue(contactAddr, tfjsonpath.New("addresses").AtSliceIndex(1).AtMapKey("id")),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(contactAddr, tfjsonpath.New("last_name"), knownvalue.StringExact("Ripley-Hicks")),
					statecheck.ExpectKnownValue(contactAddr, tfjsonpath.New("notes"), knownvalue.Null()),
					statecheck.ExpectKnownValue(contactAddr, tfjsonpath.New("contact_code"), knownvalue.StringExact("C-512")),
					statecheck.ExpectKnownValue(contactAddr, tfjsonpath.New("time_zone"), knownvalue.StringExact("America/New_York")),
					statecheck.ExpectKnownValue(contactAddr, tfjsonpath.New("preferred_currency"), knownvalue.StringExact("USD")),
					statecheck.ExpectKnownValue(contactAddr, tfjsonpath.New("phone_numbers").AtSliceIndex(0).AtMapKey("extension"), knownvalue.StringExact("12")),
					statecheck.ExpectKnownValue(contactAddr, tfjsonpath.New("addresses").AtSliceIndex(1).AtMapKey("postal_code"), knownvalue.StringExact("M5H 2N2")),
				},
				Check: func(s *terraform.State) error {
					// Editing one email kept every ID: the two untouched ones,
					// and the edited one (updated in place by its ID).
					after := testAccEmailIDs(t, contactID)
					if len(after) != 3 {
						return testutil.Errorf("emails after update: %v", after)
					}
					for _, addr := range []string{"eripley@example.com", "ripley@example.net"} {
						if after[addr] == "" || after[addr] != idsBefore[addr] {
							return testutil.Errorf("ID of untouched %s changed: before %q after %q", addr, idsBefore[addr], after[addr])
						}
					}
					if after["ellen.hicks@example.org"] != idsBefore["ellen@example.org"] {
						return testutil.Errorf("edited email got a new ID: before %q after %q", idsBefore["ellen@example.org"], after["ellen.hicks@example.org"])
					}
					return nil
				},
			},
			{
				ResourceName:      contactAddr,
				ImportState:       true,
				ImportStateVerify: true,
			},
			// Drift: a name and an email changed outside Terraform are put back.
			{
				PreConfig: func() {
					c := acctest.Client(t)
					_, err := c.PatchContact(context.Background(), contactID, &client.ContactPatch{
						FirstName:      client.String("Amanda"),
						EmailAddresses: []client.EmailAddress{{Address: "extra@example.com"}},
					})
					if err != nil {
						t.Fatal(err)
					}
				},
				Config: testAccContactPersonV2,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(contactAddr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: func(s *terraform.State) error {
					got, err := acctest.Client(t).GetContact(context.Background(), contactID)
					if err != nil {
						return err
					}
					if got.FirstName != "Ellen" || len(got.EmailAddresses) != 3 {
						return testutil.Errorf("drift not corrected: first_name %q, %d emails", got.FirstName, len(got.EmailAddresses))
					}
					return nil
				},
			},
			// Removal outside Terraform: the next plan creates it again.
			{
				PreConfig: func() {
					if err := acctest.Client(t).DeleteContact(context.Background(), contactID); err != nil {
						t.Fatal(err)
					}
				},
				Config: testAccContactPersonV2,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(contactAddr, plancheck.ResourceActionCreate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}

func testAccContactOrg(name, sourceID, tags string) string {
	return fmt.Sprintf(`
resource "affinipay_contact" "test" {
  type      = "organization"
  name      = %q
  source_id = %q
  test_mode = true
  tags      = %s
  email_addresses = [
    { address = "billing@weyland.example.com" },
  ]
}
`, name, sourceID, tags)
}

// An organization with configured tags and source_id: tags are
// authoritative, changing source_id replaces the contact.
func TestAccContactResource_organization(t *testing.T) {
	acctest.Parallel(t)
	sid := fmt.Sprintf("acctest:org-%d", time.Now().UnixNano())
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.Factories(t),
		CheckDestroy:             acctest.CheckContactDestroyed(t),
		Steps: []resource.TestStep{
			{
				Config: testAccContactOrg("Weyland-Yutani", sid, `["default", "corporate"]`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(contactAddr, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^org_`))),
					statecheck.ExpectKnownValue(contactAddr, tfjsonpath.New("source_id"), knownvalue.StringExact(sid)),
					statecheck.ExpectKnownValue(contactAddr, tfjsonpath.New("name"), knownvalue.StringExact("Weyland-Yutani")),
					statecheck.ExpectKnownValue(contactAddr, tfjsonpath.New("tags"), knownvalue.SetExact([]knownvalue.Check{
						knownvalue.StringExact("default"), knownvalue.StringExact("corporate")})),
				},
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				Config: testAccContactOrg("Weyland-Yutani Corp", sid, `["default"]`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(contactAddr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(contactAddr, tfjsonpath.New("name"), knownvalue.StringExact("Weyland-Yutani Corp")),
					statecheck.ExpectKnownValue(contactAddr, tfjsonpath.New("tags"), knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("default")})),
				},
			},
			{
				ResourceName: contactAddr, ImportState: true, ImportStateVerify: true,
			},
			{
				Config: testAccContactOrg("Weyland-Yutani Corp", sid+"-2", `[]`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(contactAddr, plancheck.ResourceActionDestroyBeforeCreate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(contactAddr, tfjsonpath.New("source_id"), knownvalue.StringExact(sid+"-2")),
					statecheck.ExpectKnownValue(contactAddr, tfjsonpath.New("tags"), knownvalue.SetSizeExact(0)),
				},
			},
		},
	})
}

// A create whose response is lost is retried by the client; the retry's
// 409 resource_exists is resolved by adopting the contact, not duplicating it.
func TestAccContactResource_lostCreateResponseAdopts(t *testing.T) {
	acctest.Parallel(t)
	acctest.SandboxOnly(t)
	sid := fmt.Sprintf("acctest:lost-%d", time.Now().UnixNano())
	dropped := func() int64 { return acctest.SandboxFor(t).Metrics().Faults["dropped_after_commit"] }
	var droppedBefore int64
	lookups := acctest.Requests(t, "GET", "/contacts/source-id")
	stop := make(chan struct{})
	t.Cleanup(func() { _ = acctest.SandboxFor(t).SetFaults(sandbox.Faults{}) })
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.Factories(t),
		CheckDestroy:             acctest.CheckContactDestroyed(t),
		Steps: []resource.TestStep{{
			PreConfig: func() {
				droppedBefore = dropped()
				lookups.Mark()
				if err := acctest.SandboxFor(t).SetFaults(sandbox.Faults{DropAfterCommitRate: 1, Methods: []string{"POST"}}); err != nil {
					t.Fatal(err)
				}
				// Clear the faults as soon as the first POST has been dropped,
				// so the client's retry gets through (and gets 409).
				go func() {
					defer func() { _ = acctest.SandboxFor(t).SetFaults(sandbox.Faults{}) }()
					for dropped() == droppedBefore {
						select {
						case <-stop:
							return
						case <-time.After(5 * time.Millisecond):
						}
					}
				}()
			},
			Config: fmt.Sprintf(`
resource "affinipay_contact" "test" {
  type       = "person"
  first_name = "Dallas"
  source_id  = %q
  test_mode  = true
  email_addresses = [{ address = "dallas@example.com" }]
}
`, sid),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(contactAddr, tfjsonpath.New("source_id"), knownvalue.StringExact(sid)),
				statecheck.ExpectKnownValue(contactAddr, tfjsonpath.New("email_addresses").AtSliceIndex(0).AtMapKey("id"), knownvalue.StringRegexp(regexp.MustCompile(`^eml_`))),
			},
			ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			Check: func(s *terraform.State) error {
				close(stop)
				if n := dropped() - droppedBefore; n != 1 {
					return testutil.Errorf("%d POSTs dropped after commit, want 1", n)
				}
				if lookups.Since() == 0 {
					return testutil.Errorf("the contact was not looked up by source_id")
				}
				all, err := acctest.Client(t).SearchContacts(context.Background(), client.ContactSearch{QF: "source_id:" + sid})
				if err != nil {
					return err
				}
				id, _ := testAccContactID(s, contactAddr)
				if len(all) != 1 || all[0].ID != id {
					return testutil.Errorf("contacts with source_id %s: %d (%v), want exactly the one in state (%s)", sid, len(all), all, id)
				}
				return nil
			},
		}},
	})
}

// Every validator rejects bad input at plan time, naming the attribute.
func TestAccContactResource_validation(t *testing.T) {
	t.Parallel()
	base := func(body string) string {
		return "resource \"affinipay_contact\" \"test\" {\n" + body + "\n}\n"
	}
	person := func(extra string) string { return base("type = \"person\"\nfirst_name = \"Ellen\"\n" + extra) }
	org := func(extra string) string { return base("type = \"organization\"\nname = \"Acme\"\n" + extra) }
	emails := func(n int) string {
		var items []string
		for i := 0; i < n; i++ {
			items = append(items, fmt.Sprintf(`{ address = "e%d@example.com" }`, i))
		}
		return "email_addresses = [" + strings.Join(items, ", ") + "]"
	}
	cases := map[string]struct{ config, want string }{
		"type":               {base(`type = "robot"`), `(?s)type.*value must be one of`},
		"person needs name":  {base(`type = "person"`), `(?s)A person needs a name or an email address`},
		"org needs name":     {base(`type = "organization"`), `(?s)An organization needs a name or an email address`},
		"name on person":     {person(`name = "Ellen Ripley"`), `(?s)name is for organizations`},
		"first_name on org":  {org(`first_name = "X"`), `(?s)first_name is for persons`},
		"name_suffix on org": {org(`name_suffix = "Jr"`), `(?s)name_suffix is for persons`},
		"first_name length":  {base("type = \"person\"\nfirst_name = \"" + strings.Repeat("x", 65) + "\""), `(?s)first_name.*length must be between 1 and 64`},
		"name_prefix length": {person(`name_prefix = "` + strings.Repeat("x", 21) + `"`), `(?s)name_prefix.*length must be between 1 and 20`},
		"too many emails":    {person(emails(6)), `(?s)email_addresses.*at most 5`},
		"email shape":        {person(`email_addresses = [{ address = "not-an-email" }]`), `(?s)email_addresses.*not an email address`},
		"two preferred":      {person(`email_addresses = [{ address = "a@example.com", preferred = true }, { address = "b@example.com", preferred = true }]`), `(?s)More than one preferred item.*email_addresses.*2 items of email_addresses`},
		"phone short":        {person(`phone_numbers = [{ number = "1234" }]`), `(?s)phone_numbers.*number.*has 4 digits; a contact phone number has 5 to 15`},
		"extension long":     {person(`phone_numbers = [{ number = "5125550100", extension = "123456" }]`), `(?s)extension.*length must be between 1 and 5`},
		"postal pattern":     {person(`addresses = [{ line1 = "1 Main", city = "Austin", postal_code = "787#56", country_code = "US" }]`), `(?s)postal_code must contain only letters, digits, spaces\s+and dashes`},
		"country":            {person(`addresses = [{ line1 = "1 Main", city = "Austin", country_code = "USA" }]`), `(?s)country_code.*ISO 3166`},
		"us state":           {person(`addresses = [{ line1 = "1 Main", city = "Austin", state_or_province = "Texas", country_code = "US" }]`), `(?s)state_or_province.*US state`},
		"line1 long":         {person(`addresses = [{ line1 = "` + strings.Repeat("x", 65) + `", city = "Austin", country_code = "US" }]`), `(?s)line1.*length must be between 1 and 64`},
		"too many addresses": {person(`addresses = [` + strings.Repeat(`{ line1 = "1 Main", city = "Austin", country_code = "US" },`, 6) + `]`), `(?s)addresses.*at most 5`},
		"too many phones":    {person(`phone_numbers = [` + strings.Repeat(`{ number = "5125550100" },`, 6) + `]`), `(?s)phone_numbers.*at most 5`},
		"contact_code":       {person(`contact_code = "ABCDEFGHIJK"`), `(?s)contact_code.*length must be between 1 and 10`},
		"time_zone":          {person(`time_zone = "Mars/Olympus"`), `(?s)time_zone.*not an IANA time zone`},
		"currency":           {person(`preferred_currency = "usd"`), `(?s)preferred_currency.*upper case`},
		"notes":              {person(`notes = "` + strings.Repeat("x", 1025) + `"`), `(?s)notes.*length must be between 1 and 1024`},
		"source_id":          {person(`source_id = "no scheme here"`), `(?s)source_id.*whitespace`},
		"source_id not uri":  {person(`source_id = "contact-12345"`), `(?s)source_id.*not a URI-based identifier`},
		"tag whitespace":     {person(`tags = [" default"]`), `(?s)tags.*leading or trailing\s+whitespace`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel() // plan-only
			resource.UnitTest(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.Factories(t),
				Steps: []resource.TestStep{{
					Config:      tc.config,
					PlanOnly:    true,
					ExpectError: regexp.MustCompile(tc.want),
				}},
			})
		})
	}
}

func TestAccContactResource_importBadID(t *testing.T) {
	acctest.Parallel(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.Factories(t),
		Steps: []resource.TestStep{{
			Config:        "resource \"affinipay_contact\" \"test\" {\n  type = \"person\"\n  first_name = \"X\"\n}\n",
			ResourceName:  contactAddr,
			ImportState:   true,
			ImportStateId: "not-a-contact",
			ExpectError:   regexp.MustCompile(`(?s)not a contact ID`),
		}},
	})
}

// A configured source_id that already belongs to a contact: the contact is
// adopted (not duplicated) and updated to match the configuration.
func TestAccContactResource_adoptsExistingSourceID(t *testing.T) {
	acctest.Parallel(t)
	sid := fmt.Sprintf("acctest:adopt-%d", time.Now().UnixNano())
	var existing *client.Contact
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.Factories(t),
		CheckDestroy:             acctest.CheckContactDestroyed(t),
		Steps: []resource.TestStep{{
			PreConfig: func() {
				var err error
				existing, err = acctest.Client(t).CreateContact(context.Background(), &client.ContactCreate{
					Type: "person", TestMode: true, SourceID: sid, FirstName: "Old", Notes: "from elsewhere",
					EmailAddresses: []client.EmailAddress{{Address: "old@example.com"}},
				})
				if err != nil {
					t.Fatal(err)
				}
			},
			Config: fmt.Sprintf(`
resource "affinipay_contact" "test" {
  type       = "person"
  first_name = "New"
  source_id  = %q
  test_mode  = true
  email_addresses = [{ address = "new@example.com", preferred = true }, { address = "second@example.com" }]
}
`, sid),
			ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			Check: func(s *terraform.State) error {
				id, _ := testAccContactID(s, contactAddr)
				if id != existing.ID {
					return testutil.Errorf("state has contact %s, want the adopted %s", id, existing.ID)
				}
				got, err := acctest.Client(t).GetContact(context.Background(), id)
				if err != nil {
					return err
				}
				if got.FirstName != "New" || got.Notes != "" || len(got.EmailAddresses) != 2 {
					return testutil.Errorf("adopted contact not converged: first_name %q notes %q emails %v", got.FirstName, got.Notes, got.EmailAddresses)
				}
				all, err := acctest.Client(t).SearchContacts(context.Background(), client.ContactSearch{QF: "source_id:" + sid})
				if err != nil {
					return err
				}
				if len(all) != 1 {
					return testutil.Errorf("%d contacts with source_id %s, want 1", len(all), sid)
				}
				return nil
			},
		}},
	})
}
