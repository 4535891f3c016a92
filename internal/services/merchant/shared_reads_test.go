package merchant_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/acctest"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/client"
)

// sharedReadsMerchantConfig is n webhook endpoints, the merchant settings
// and an eCheck account policy: every one of them is read from
// GET /v1/merchant.
func sharedReadsMerchantConfig(n int, achID, extra string) string {
	return fmt.Sprintf(`
resource "affinipay_webhook_endpoint" "many" {
  count = %d
  url   = "https://shared.example.com/${count.index}%s"
  mode  = "test"
}

resource "affinipay_merchant" "this" {}

resource "affinipay_ach_account" "trust" {
  account_id = %q
}
`, n, extra, achID)
}

// A refresh of 25 webhook endpoints, the merchant settings and an eCheck
// account policy sends one GET /v1/merchant; an apply that changes the
// endpoints leaves a state (and a merchant data source read after the
// change in the same apply) that matches the API.
func TestAccSharedReads_merchantOnce(t *testing.T) {
	acctest.Parallel(t)
	orig := acctest.RestoreMerchant(t)
	_, acct := achTestAccounts(t, orig)
	webhookTestLists(t, "", "")
	const n = 25
	gets := acctest.Requests(t, "GET", "/v1/merchant")
	withDataSource := func(suffix string) string {
		return sharedReadsMerchantConfig(n, acct.ID, suffix) + `
data "affinipay_merchant" "after" {
  depends_on = [affinipay_webhook_endpoint.many]
}
`
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.Factories(t),
		Steps: []resource.TestStep{
			{Config: sharedReadsMerchantConfig(n, acct.ID, "")},
			{
				// terraform refresh: one refresh of all 27 objects.
				PreConfig:    gets.Mark,
				RefreshState: true,
				Check:        gets.Expect(1, "to refresh 25 webhook endpoints, the merchant and an eCheck account"),
			},
			{
				// Change every endpoint: the data source read after the
				// writes in the same apply sees them.
				Config: withDataSource("/v2"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.affinipay_merchant.after", tfjsonpath.New("test_events_urls"),
						knownvalue.ListSizeExact(n)),
				},
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: func(s *terraform.State) error {
					got, err := webhookTestGet(t, "test")
					if err != nil {
						return err
					}
					ds := s.RootModule().Resources["data.affinipay_merchant.after"]
					for i := range n {
						want := fmt.Sprintf("https://shared.example.com/%d/v2", i)
						if !strings.Contains(got, want) {
							return fmt.Errorf("test_events_urls at AffiniPay %q lacks %s", got, want)
						}
						if ds == nil || !strings.Contains(strings.Join(mapValues(ds.Primary.Attributes, "test_events_urls."), ","), want) {
							return fmt.Errorf("the merchant data source read after the apply's writes lacks %s", want)
						}
						if u := s.RootModule().Resources[fmt.Sprintf("affinipay_webhook_endpoint.many.%d", i)].Primary.Attributes["url"]; u != want {
							return fmt.Errorf("endpoint %d in state has url %q, want %q", i, u, want)
						}
					}
					return nil
				},
			},
		},
	})
}

// mapValues are the values of the keys of m that start with prefix.
func mapValues(m map[string]string, prefix string) []string {
	var out []string
	for k, v := range m {
		if strings.HasPrefix(k, prefix) && k != prefix+"#" {
			out = append(out, v)
		}
	}
	return out
}

// A refresh of 15 contacts reads them from GET /contacts pages (one page:
// the first reads before PagingThreshold go one by one), leaves the plan
// empty, and still sees a change made outside Terraform.
func TestAccSharedReads_contactsPaged(t *testing.T) {
	acctest.Parallel(t)
	const n = 15
	cfg := fmt.Sprintf(`
resource "affinipay_contact" "many" {
  count     = %d
  type      = "organization"
  name      = "Paged ${count.index}"
  test_mode = true
  tags      = ["paged"]
  email_addresses = [
    { address = "billing${count.index}@paged.example.com" },
  ]
}
`, n)
	single := acctest.Requests(t, "GET", "/contacts/{id}")
	pages := acctest.Requests(t, "GET", "/contacts")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.Factories(t),
		Steps: []resource.TestStep{
			{Config: cfg},
			{
				PreConfig: func() { single.Mark(); pages.Mark() },
				Config:    cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: func(s *terraform.State) error {
					// Each refresh in the step: one page, and single GETs
					// only for the reads before PagingThreshold.
					refreshes := pages.Since()
					if refreshes < 1 {
						return fmt.Errorf("no GET /contacts page in %d refreshes of %d contacts", refreshes, n)
					}
					return single.ExpectBetween(0, refreshes*(client.PagingThreshold-1), fmt.Sprintf("in %d refreshes of %d contacts", refreshes, n))(s)
				},
			},
			{
				PreConfig: func() {
					found, err := acctest.Client(t).SearchContacts(t.Context(), client.ContactSearch{Q: "Paged 7"})
					if err != nil || len(found) != 1 {
						t.Fatalf("finding the contact Paged 7: %v, %d found", err, len(found))
					}
					name := "Paged 7 renamed"
					if _, err := acctest.Client(t).PatchContact(t.Context(), found[0].ID, &client.ContactPatch{Name: &name}); err != nil {
						t.Fatal(err)
					}
				},
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("affinipay_contact.many[7]", plancheck.ResourceActionUpdate),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("affinipay_contact.many[7]", tfjsonpath.New("name"), knownvalue.StringExact("Paged 7")),
				},
			},
		},
	})
}
