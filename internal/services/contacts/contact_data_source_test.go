package contacts_test

import (
	"fmt"
	"regexp"
	"testing"
	"time"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/acctest"
	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

func TestAccContactDataSource(t *testing.T) {
	acctest.Parallel(t)
	sid := fmt.Sprintf("acctest:ds-%d", time.Now().UnixNano())
	config := fmt.Sprintf(`
resource "affinipay_contact" "test" {
  type       = "person"
  first_name = "Dwayne"
  last_name  = "Hicks"
  source_id  = %q
  test_mode  = true
  tags       = ["default"]
  email_addresses = [{ address = "hicks@example.com", preferred = true }]
  phone_numbers   = [{ number = "5125550199" }]
}

data "affinipay_contact" "by_id" {
  id = affinipay_contact.test.id
}

data "affinipay_contact" "by_source_id" {
  source_id = affinipay_contact.test.source_id
}
`, sid)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.Factories(t),
		CheckDestroy:             acctest.CheckContactDestroyed(t),
		Steps: []resource.TestStep{{
			Config: config,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.CompareValuePairs("data.affinipay_contact.by_id", tfjsonpath.New("id"), contactAddr, tfjsonpath.New("id"), compare.ValuesSame()),
				statecheck.CompareValuePairs("data.affinipay_contact.by_source_id", tfjsonpath.New("id"), contactAddr, tfjsonpath.New("id"), compare.ValuesSame()),
				statecheck.ExpectKnownValue("data.affinipay_contact.by_source_id", tfjsonpath.New("source_id"), knownvalue.StringExact(sid)),
				statecheck.ExpectKnownValue("data.affinipay_contact.by_id", tfjsonpath.New("last_name"), knownvalue.StringExact("Hicks")),
				statecheck.ExpectKnownValue("data.affinipay_contact.by_id", tfjsonpath.New("email_addresses").AtSliceIndex(0).AtMapKey("address"), knownvalue.StringExact("hicks@example.com")),
				statecheck.ExpectKnownValue("data.affinipay_contact.by_id", tfjsonpath.New("tags"), knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("default")})),
				statecheck.CompareValuePairs("data.affinipay_contact.by_id", tfjsonpath.New("phone_numbers").AtSliceIndex(0).AtMapKey("id"),
					contactAddr, tfjsonpath.New("phone_numbers").AtSliceIndex(0).AtMapKey("id"), compare.ValuesSame()),
			},
		}},
	})
}

func TestAccContactDataSource_exactlyOne(t *testing.T) {
	t.Parallel()
	for name, body := range map[string]string{
		"neither": ``,
		"both":    `id = "p_tup7e7S0e7LIE55qvgXAR"` + "\n" + `source_id = "x:y"`,
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel() // plan-only
			resource.UnitTest(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.Factories(t),
				Steps: []resource.TestStep{{
					Config:      "data \"affinipay_contact\" \"x\" {\n" + body + "\n}\n",
					ExpectError: regexp.MustCompile(`(?s)(Invalid|Missing) Attribute (Combination|Configuration).*\[id,source_id\]`),
				}},
			})
		})
	}
}

// affinipay_contacts follows every page: with more matches than one page
// of the largest size, it returns them all.
func TestAccContactsDataSource(t *testing.T) {
	acctest.Parallel(t)
	acctest.SandboxOnly(t)
	marker := fmt.Sprintf("dsmark%d", time.Now().UnixNano())
	const n = 105
	config := fmt.Sprintf(`
resource "affinipay_contact" "many" {
  count     = %d
  type      = "organization"
  name      = "%s ${format("%%03d", count.index)}"
  test_mode = true
}

data "affinipay_contacts" "all" {
  q        = %q
  order_by = ["-name"]
  depends_on = [affinipay_contact.many]
}

data "affinipay_contacts" "one" {
  qf = "name:%s 042"
  depends_on = [affinipay_contact.many]
}
`, n, marker, marker, marker)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.Factories(t),
		CheckDestroy:             acctest.CheckContactDestroyed(t),
		Steps: []resource.TestStep{{
			Config: config,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.affinipay_contacts.all", tfjsonpath.New("contacts"), knownvalue.ListSizeExact(n)),
				statecheck.ExpectKnownValue("data.affinipay_contacts.all", tfjsonpath.New("contacts").AtSliceIndex(0).AtMapKey("name"),
					knownvalue.StringExact(fmt.Sprintf("%s %03d", marker, n-1))),
				statecheck.ExpectKnownValue("data.affinipay_contacts.one", tfjsonpath.New("contacts"), knownvalue.ListSizeExact(1)),
				statecheck.ExpectKnownValue("data.affinipay_contacts.one", tfjsonpath.New("contacts").AtSliceIndex(0).AtMapKey("type"), knownvalue.StringExact("organization")),
			},
		}},
	})
}

func TestAccContactsDataSource_validation(t *testing.T) {
	t.Parallel()
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.Factories(t),
		Steps: []resource.TestStep{
			{Config: `data "affinipay_contacts" "x" { order_by = ["last name"] }`, ExpectError: regexp.MustCompile(`(?s)order_by.*field name`)},
			{Config: `data "affinipay_contacts" "x" { qf = "justtext" }`, ExpectError: regexp.MustCompile(`(?s)qf.*field:value`)},
		},
	})
}
