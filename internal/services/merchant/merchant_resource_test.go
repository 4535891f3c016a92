package merchant_test

import (
	"context"
	"net/http"
	"os"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/acctest"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/client"
)

// merchantTestGet reads the merchant through the API.
func merchantTestGet(t *testing.T) *client.Merchant {
	t.Helper()
	m, err := acctest.Client(t).GetMerchant(context.Background())
	if err != nil {
		t.Fatalf("GET /v1/merchant: %v", err)
	}
	return m
}

// The main lifecycle: adopt with some attributes (the rest untouched),
// empty second plan, set order, update of every attribute, import, drift,
// clearing, removal from config, destroy that changes nothing.
func TestAccMerchantResource_basic(t *testing.T) {
	acctest.Parallel(t)
	orig := acctest.RestoreMerchant(t)
	ctx := context.Background()
	// Event URLs belong to affinipay_webhook_endpoint: set one to prove
	// this resource never touches them.
	const hook = "https://hooks.example.com/affinipay/test"
	if _, err := acctest.Client(t).UpdateMerchant(ctx, client.MerchantUpdate{TestEventsURLs: client.String(hook)}); err != nil {
		t.Fatal(err)
	}

	step1 := `
resource "affinipay_merchant" "this" {
  name                          = "Hammond Street Law"
  contact_email                 = "billing@example.com"
  api_allowed_ip_address_ranges = ["127.0.0.0/8", "10.20.0.0/16"]
}`
	step1Reordered := `
resource "affinipay_merchant" "this" {
  name                          = "Hammond Street Law"
  contact_email                 = "billing@example.com"
  api_allowed_ip_address_ranges = ["10.20.0.0/16", "127.0.0.0/8"]
}`
	full := `
resource "affinipay_merchant" "this" {
  name                          = "Maple Leaf Legal"
  contact_name                  = "Jane Operator"
  contact_email                 = "ops@mapleleaf.example.ca"
  contact_phone                 = "+14165550123"
  address1                      = "100 King St W"
  address2                      = "Suite 5600"
  city                          = "Toronto"
  state                         = "ON"
  postal_code                   = "M5X 1C9"
  country                       = "CA"
  timezone                      = "America/Toronto"
  api_allowed_ip_address_ranges = ["127.0.0.1/32", "2001:db8::/32"]
}`
	cleared := `
resource "affinipay_merchant" "this" {
  name                          = "Maple Leaf Legal"
  address2                      = ""
  api_allowed_ip_address_ranges = []
}`
	nameOnly := `
resource "affinipay_merchant" "this" {
  name = "Maple Leaf Legal"
}`
	patches := acctest.Requests(t, http.MethodPatch, "/v1/merchant")

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.Factories(t),
		CheckDestroy: resource.ComposeAggregateTestCheckFunc(
			// Destroy changed nothing at AffiniPay.
			acctest.MerchantTestExpect(t, map[string]string{
				"name": "Maple Leaf Legal", "city": "Toronto", "country": "CA", "address2": "",
				"api_allowed_ip_address_ranges": "", "test_events_urls": hook,
			}),
		),
		Steps: []resource.TestStep{
			{
				Config: step1,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(acctest.MerchantTestAddr, plancheck.ResourceActionCreate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(acctest.MerchantTestAddr, tfjsonpath.New("id"), knownvalue.StringExact(orig.ID)),
					statecheck.ExpectKnownValue(acctest.MerchantTestAddr, tfjsonpath.New("public_key"), knownvalue.StringExact(orig.PublicKey)),
					statecheck.ExpectKnownValue(acctest.MerchantTestAddr, tfjsonpath.New("name"), knownvalue.StringExact("Hammond Street Law")),
					statecheck.ExpectKnownValue(acctest.MerchantTestAddr, tfjsonpath.New("contact_email"), knownvalue.StringExact("billing@example.com")),
					// Not configured: adopted as they are.
					statecheck.ExpectKnownValue(acctest.MerchantTestAddr, tfjsonpath.New("city"), knownvalue.StringExact(orig.City)),
					statecheck.ExpectKnownValue(acctest.MerchantTestAddr, tfjsonpath.New("contact_phone"), knownvalue.StringExact(orig.ContactPhone)),
					statecheck.ExpectKnownValue(acctest.MerchantTestAddr, tfjsonpath.New("timezone"), knownvalue.StringExact(orig.Timezone)),
					statecheck.ExpectKnownValue(acctest.MerchantTestAddr, tfjsonpath.New("api_allowed_ip_address_ranges"),
						knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("127.0.0.0/8"), knownvalue.StringExact("10.20.0.0/16")})),
				},
				Check: acctest.MerchantTestExpect(t, map[string]string{
					"name": "Hammond Street Law", "contact_email": "billing@example.com",
					"contact_name": orig.ContactName, "contact_phone": orig.ContactPhone, "address1": orig.Address1,
					"city": orig.City, "state": orig.State, "postal_code": orig.PostalCode, "country": orig.Country, "timezone": orig.Timezone,
					// Sent sorted, as the documented comma-delimited string.
					"api_allowed_ip_address_ranges": "10.20.0.0/16,127.0.0.0/8",
					"test_events_urls":              hook, "live_events_urls": orig.LiveEventsURLs,
				}),
			},
			{
				// Reordering the set is not a diff.
				Config: step1Reordered,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{
				// Every updatable attribute changes.
				Config: full,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(acctest.MerchantTestAddr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(acctest.MerchantTestAddr, tfjsonpath.New("id"), knownvalue.StringExact(orig.ID)),
					statecheck.ExpectKnownValue(acctest.MerchantTestAddr, tfjsonpath.New("state"), knownvalue.StringExact("ON")),
					statecheck.ExpectKnownValue(acctest.MerchantTestAddr, tfjsonpath.New("contact_phone"), knownvalue.StringExact("+14165550123")),
				},
				Check: acctest.MerchantTestExpect(t, map[string]string{
					"name": "Maple Leaf Legal", "contact_name": "Jane Operator", "contact_email": "ops@mapleleaf.example.ca",
					"contact_phone": "+14165550123", "address1": "100 King St W", "address2": "Suite 5600", "city": "Toronto",
					"state": "ON", "postal_code": "M5X 1C9", "country": "CA", "timezone": "America/Toronto",
					"api_allowed_ip_address_ranges": "127.0.0.1/32,2001:db8::/32", "test_events_urls": hook,
				}),
			},
			{
				ResourceName:      acctest.MerchantTestAddr,
				ImportState:       true,
				ImportStateId:     orig.ID,
				ImportStateVerify: true,
			},
			{
				// Drift made outside Terraform is detected and corrected.
				PreConfig: func() {
					patches.Mark()
					if _, err := acctest.Client(t).UpdateMerchant(ctx, client.MerchantUpdate{
						Name: client.String("Changed In The Dashboard"), City: client.String("Ottawa"),
						APIAllowedIPAddressRanges: client.String("127.0.0.1/32,198.51.100.0/24"), // still admits the runner
					}); err != nil {
						t.Fatal(err)
					}
				},
				Config: full,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(acctest.MerchantTestAddr, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(acctest.MerchantTestAddr, tfjsonpath.New("city"), knownvalue.StringExact("Toronto")),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					acctest.CheckAPI(acctest.MerchantTestExpect(t, map[string]string{
						"name": "Maple Leaf Legal", "city": "Toronto", "address1": "100 King St W",
						"api_allowed_ip_address_ranges": "127.0.0.1/32,2001:db8::/32", "test_events_urls": hook,
					})),
					// One PATCH by the test (drift), one by the apply.
					acctest.CheckAPI(patches.Expect(2, "during the drift step")),
				},
			},
			{
				// "" clears an optional value; an empty set allows any IP.
				Config: cleared,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(acctest.MerchantTestAddr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(acctest.MerchantTestAddr, tfjsonpath.New("api_allowed_ip_address_ranges"), knownvalue.SetSizeExact(0)),
					statecheck.ExpectKnownValue(acctest.MerchantTestAddr, tfjsonpath.New("address2"), knownvalue.StringExact("")),
					// Removed from the configuration: kept as they are.
					statecheck.ExpectKnownValue(acctest.MerchantTestAddr, tfjsonpath.New("city"), knownvalue.StringExact("Toronto")),
				},
				Check: acctest.MerchantTestExpect(t, map[string]string{
					"address2": "", "api_allowed_ip_address_ranges": "", "city": "Toronto", "contact_phone": "+14165550123",
				}),
			},
			{
				// Dropping attributes from the configuration changes nothing.
				Config: nameOnly,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}

// A configuration with no attributes adopts the merchant without writing
// anything.
func TestAccMerchantResource_adoptOnly(t *testing.T) {
	acctest.Parallel(t)
	acctest.SandboxOnly(t)
	orig := acctest.RestoreMerchant(t)
	patches := acctest.Requests(t, http.MethodPatch, "/v1/merchant")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.Factories(t),
		Steps: []resource.TestStep{{
			Config: `resource "affinipay_merchant" "this" {}`,
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(acctest.MerchantTestAddr, tfjsonpath.New("id"), knownvalue.StringExact(orig.ID)),
				statecheck.ExpectKnownValue(acctest.MerchantTestAddr, tfjsonpath.New("name"), knownvalue.StringExact(orig.Name)),
				statecheck.ExpectKnownValue(acctest.MerchantTestAddr, tfjsonpath.New("postal_code"), knownvalue.StringExact(orig.PostalCode)),
			},
			Check: patches.Expect(0, "to adopt with an empty configuration"),
		}},
	})
	if m := merchantTestGet(t); m.Name != orig.Name || m.ContactEmail != orig.ContactEmail {
		t.Errorf("merchant changed by adopt/destroy: %+v", m)
	}
}

// Importing another merchant's ID is refused.
func TestAccMerchantResource_importWrongID(t *testing.T) {
	acctest.Parallel(t)
	acctest.RestoreMerchant(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.Factories(t),
		Steps: []resource.TestStep{{
			Config:        `resource "affinipay_merchant" "this" {}`,
			ResourceName:  acctest.MerchantTestAddr,
			ImportState:   true,
			ImportStateId: "someOtherMerchant0000A",
			ExpectError:   acctest.PhraseRegexp("someOtherMerchant0000A", "is not the merchant the provider's secret key authenticates as"),
		}},
	})
}

// Errors the API finds (here: a state that does not fit the stored
// country, which plan-time validation cannot know) land on the attribute.
func TestAccMerchantResource_apiError(t *testing.T) {
	acctest.Parallel(t)
	acctest.RestoreMerchant(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.Factories(t),
		Steps: []resource.TestStep{{
			Config: `
resource "affinipay_merchant" "this" {
  state = "Ontario"
}`,
			ExpectError: regexp.MustCompile(`(?s)Unable to apply the AffiniPay merchant settings.*state\s+=\s+"Ontario"`),
		}},
	})
	if m := merchantTestGet(t); m.State == "Ontario" {
		t.Error("the invalid state was stored")
	}
}

// Every validator refuses bad input at plan time, naming the attribute.
func TestAccMerchantResource_validation(t *testing.T) {
	t.Parallel()
	cases := map[string]struct{ attrs, attr, want string }{
		"country lower case": {`country = "us"`, "country", `use "US"`},
		"country alpha-3":    {`country = "USA"`, "country", "not a 2-letter ISO 3166-1 alpha-2"},
		"country blank":      {`country = ""`, "country", "not a 2-letter ISO 3166-1"},
		"us state":           {"country = \"US\"\n  state = \"Maine\"", "state", "not a 2-letter US state code"},
		"ca province":        {"country = \"CA\"\n  state = \"ME\"", "state", "not a 2-letter Canadian province"},
		"postal code long":   {`postal_code = "12345-678901"`, "postal_code", "cannot exceed 10 characters"},
		"postal code chars":  {`postal_code = "044_01"`, "postal_code", "may only contain letters, digits, spaces and dashes"},
		"postal code short":  {`postal_code = "12"`, "postal_code", "must have 3 to 9"},
		"phone punctuation":  {`contact_phone = "(207) 555-0123"`, "contact_phone", "is not an E.164 phone number"},
		"phone too long":     {`contact_phone = "+1234567890123456"`, "contact_phone", "is not an E.164 phone number"},
		"timezone":           {`timezone = "Mars/Olympus_Mons"`, "timezone", "is not an IANA time zone ID"},
		"timezone case":      {`timezone = "america/new_york"`, "timezone", "is not an IANA time zone ID"},
		"email":              {`contact_email = "billing at example.com"`, "contact_email", "is not an email address"},
		"email display name": {`contact_email = "Billing <billing@example.com>"`, "contact_email", "is not an email address"},
		"cidr bare address":  {`api_allowed_ip_address_ranges = ["203.0.113.7"]`, "api_allowed_ip_address_ranges", `write "203.0.113.7/32"`},
		"cidr garbage":       {`api_allowed_ip_address_ranges = ["office"]`, "api_allowed_ip_address_ranges", "is not a CIDR range"},
		"cidr comma list":    {`api_allowed_ip_address_ranges = ["10.0.0.0/8,192.168.0.0/16"]`, "api_allowed_ip_address_ranges", "contains a comma"},
		"name empty":         {`name = ""`, "name", "string length must be at least 1"},
		"name blank":         {`name = "   "`, "name", "must not be blank"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel() // plan-only
			resource.UnitTest(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.Factories(t),
				Steps: []resource.TestStep{{
					Config:      "resource \"affinipay_merchant\" \"this\" {\n  " + tc.attrs + "\n}\n",
					PlanOnly:    true,
					ExpectError: acctest.PhraseRegexp(tc.attr, tc.want),
				}},
			})
		})
	}
}

// The documented example applies as written, plans empty afterwards,
// imports cleanly and its destroy leaves the merchant as it was applied.
func TestAccMerchantResource_example(t *testing.T) {
	acctest.Parallel(t)
	acctest.SandboxOnly(t) // the example's IP ranges would lock a real runner out
	// The runner is the example's "CI NAT gateway": the sandbox enforces the
	// allow-list, so the example is applied from an address it admits.
	acctest.PresentAs(t, "198.51.100.7")
	orig := acctest.RestoreMerchant(t)
	cfg, err := os.ReadFile("../../../examples/resources/affinipay_merchant/resource.tf")
	if err != nil {
		t.Fatal(err)
	}
	applied := acctest.MerchantTestExpect(t, map[string]string{
		"name": "Hammond Street Law", "contact_email": "billing@hammondstreetlaw.example.com", "address2": orig.Address2,
		"api_allowed_ip_address_ranges": "198.51.100.7/32,203.0.113.0/24",
	})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.Factories(t),
		CheckDestroy:             applied,
		Steps: []resource.TestStep{
			{
				Config: string(cfg),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: applied,
			},
			{
				Config:            string(cfg),
				ResourceName:      acctest.MerchantTestAddr,
				ImportState:       true,
				ImportStateId:     orig.ID,
				ImportStateVerify: true,
			},
		},
	})
}
