package contacts_test

import (
	"context"
	"fmt"
	"regexp"
	"sort"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/acctest"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/client"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/testutil"
)

// testAccContactTags is a contact whose tags are left to n
// affinipay_contact_tag resources: "default" and tag-0 ... tag-(n-2).
func testAccContactTags(n int) string {
	return fmt.Sprintf(`
resource "affinipay_contact" "test" {
  type      = "organization"
  name      = "Tagged Co"
  test_mode = true
}

resource "affinipay_contact_tag" "vault" {
  contact_id = affinipay_contact.test.id
  tag        = "default"
}

resource "affinipay_contact_tag" "test" {
  count      = %d
  contact_id = affinipay_contact.test.id
  tag        = "tag-${count.index}"
}
`, n-1)
}

func testAccContactTagsOf(t *testing.T, s *terraform.State) ([]string, error) {
	id, err := testAccContactID(s, contactAddr)
	if err != nil {
		return nil, err
	}
	c, err := acctest.Client(t).GetContact(context.Background(), id)
	if err != nil {
		return nil, err
	}
	tags := append([]string{}, c.Tags...)
	sort.Strings(tags)
	return tags, nil
}

func TestAccContactTagResource_many(t *testing.T) {
	acctest.Parallel(t)
	var contactID string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.Factories(t),
		CheckDestroy:             acctest.CheckContactDestroyed(t),
		Steps: []resource.TestStep{
			{
				// Ten tags on one contact in one apply (parallel creates): all land.
				Config: testAccContactTags(10),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("affinipay_contact_tag.test[3]", tfjsonpath.New("tag"), knownvalue.StringExact("tag-3")),
					statecheck.ExpectKnownValue("affinipay_contact_tag.test[3]", tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^org_[0-9A-Za-z]{21}/tag-3$`))),
				},
				Check: func(s *terraform.State) error {
					contactID, _ = testAccContactID(s, contactAddr)
					tags, err := testAccContactTagsOf(t, s)
					if err != nil {
						return err
					}
					if fmt.Sprint(tags) != "[default tag-0 tag-1 tag-2 tag-3 tag-4 tag-5 tag-6 tag-7 tag-8]" {
						return testutil.Errorf("contact has %d tags, want the 10 of the configuration: %v", len(tags), tags)
					}
					return nil
				},
			},
			{
				ResourceName:      "affinipay_contact_tag.vault",
				ImportState:       true,
				ImportStateVerify: true,
			},
			// Removal of one tag outside Terraform: the next plan adds it back.
			{
				PreConfig: func() {
					c := acctest.Client(t)
					cur, err := c.GetContact(context.Background(), contactID)
					if err != nil {
						t.Fatal(err)
					}
					var keep []string
					for _, tag := range cur.Tags {
						if tag != "tag-7" {
							keep = append(keep, tag)
						}
					}
					if _, err := c.PatchContact(context.Background(), contactID, &client.ContactPatch{Tags: &keep}); err != nil {
						t.Fatal(err)
					}
				},
				Config: testAccContactTags(10),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("affinipay_contact_tag.test[7]", plancheck.ResourceActionCreate),
						// The contact itself is untouched: its tags are not its own.
						plancheck.ExpectResourceAction(contactAddr, plancheck.ResourceActionNoop),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			// Destroying some tags removes only those, in parallel.
			{
				Config: testAccContactTags(4),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: func(s *terraform.State) error {
					tags, err := testAccContactTagsOf(t, s)
					if err != nil {
						return err
					}
					if fmt.Sprint(tags) != "[default tag-0 tag-1 tag-2]" {
						return testutil.Errorf("tags %v, want default and tag-0..tag-2", tags)
					}
					return nil
				},
			},
		},
	})
}

func TestAccContactTagResource_validation(t *testing.T) {
	t.Parallel()
	cases := map[string]struct{ config, want string }{
		"contact_id": {`resource "affinipay_contact_tag" "t" {
  contact_id = "x_123"
  tag        = "default"
}`, `(?s)contact_id.*must be a contact ID`},
		"tag blank": {`resource "affinipay_contact_tag" "t" {
  contact_id = "p_tup7e7S0e7LIE55qvgXAR"
  tag        = ""
}`, `(?s)tag.*length must be at least 1`},
		"tag whitespace": {`resource "affinipay_contact_tag" "t" {
  contact_id = "p_tup7e7S0e7LIE55qvgXAR"
  tag        = "vip "
}`, `(?s)tag.*leading or trailing whitespace`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel() // plan-only
			resource.UnitTest(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.Factories(t),
				Steps:                    []resource.TestStep{{Config: tc.config, PlanOnly: true, ExpectError: regexp.MustCompile(tc.want)}},
			})
		})
	}
}

// A tag on a contact deleted outside Terraform is dropped from state.
func TestAccContactTagResource_contactGone(t *testing.T) {
	acctest.Parallel(t)
	var contactID string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.Factories(t),
		CheckDestroy:             acctest.CheckContactDestroyed(t),
		Steps: []resource.TestStep{
			{
				Config: testAccContactTags(1),
				Check: func(s *terraform.State) error {
					var err error
					contactID, err = testAccContactID(s, contactAddr)
					return err
				},
			},
			{
				PreConfig: func() {
					if err := acctest.Client(t).DeleteContact(context.Background(), contactID); err != nil {
						t.Fatal(err)
					}
				},
				Config: testAccContactTags(1),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(contactAddr, plancheck.ResourceActionCreate),
						plancheck.ExpectResourceAction("affinipay_contact_tag.vault", plancheck.ResourceActionCreate),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}
