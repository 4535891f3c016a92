package merchant_test

import (
	"context"
	"fmt"
	"os"
	"regexp"
	"slices"
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
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/sandbox"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/services/merchant"
)

// webhookTestLists sets the merchant's test and live event URL lists (as
// exact strings) for a test and restores the originals when it ends.
func webhookTestLists(t *testing.T, test, live string) {
	t.Helper()
	c := acctest.Client(t)
	orig, err := c.GetMerchant(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if _, err := c.UpdateMerchant(context.Background(), client.MerchantUpdate{
			TestEventsURLs: client.String(orig.TestEventsURLs), LiveEventsURLs: client.String(orig.LiveEventsURLs),
		}); err != nil {
			t.Errorf("restoring the merchant's event URLs: %v", err)
		}
	})
	webhookTestSet(t, client.ModeTest, test)
	webhookTestSet(t, client.ModeLive, live)
}

// webhookTestSet writes one list outside Terraform.
func webhookTestSet(t *testing.T, mode, list string) {
	t.Helper()
	if _, err := acctest.Client(t).UpdateMerchant(context.Background(), merchant.EventsURLsUpdate(mode, list)); err != nil {
		t.Fatalf("setting %s: %v", merchant.EventsURLsField(mode), err)
	}
}

// webhookTestGet reads one list as the API returns it.
func webhookTestGet(t *testing.T, mode string) (string, error) {
	t.Helper()
	m, err := acctest.Client(t).GetMerchant(context.Background())
	if err != nil {
		return "", err
	}
	return merchant.EventsURLs(m, mode), nil
}

// webhookTestExpect checks that the list of mode is exactly want.
func webhookTestExpect(t *testing.T, mode string, want ...string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		got, err := webhookTestGet(t, mode)
		if err != nil {
			return err
		}
		if w := strings.Join(want, ","); got != w {
			return fmt.Errorf("%s = %q, want %q", merchant.EventsURLsField(mode), got, w)
		}
		return nil
	}
}

func webhookTestConfig(url, mode, extra string) string {
	return fmt.Sprintf(`
resource "affinipay_webhook_endpoint" "test" {
  url  = %q
  mode = %q
%s}
`, url, mode, extra)
}

const webhookTestAddr = "affinipay_webhook_endpoint.test"

// Create, empty plan, import, in-state update, removal outside Terraform
// re-created by the next apply, and a destroy that leaves a URL it does not
// own in place.
func TestAccWebhookEndpoint_basic(t *testing.T) {
	acctest.Parallel(t)
	const pre, url = "https://pre.example.com/keep", "https://hooks.example.com/basic"
	webhookTestLists(t, pre, "")
	patches := acctest.Requests(t, "PATCH", "/v1/merchant")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.Factories(t),
		CheckDestroy:             webhookTestExpect(t, client.ModeTest, pre),
		Steps: []resource.TestStep{
			{
				Config: webhookTestConfig(url, "test", ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(webhookTestAddr, plancheck.ResourceActionCreate),
						plancheck.ExpectKnownValue(webhookTestAddr, tfjsonpath.New("id"), knownvalue.StringExact("test:"+url)),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					acctest.CheckAPI(webhookTestExpect(t, client.ModeTest, pre, url)),
					acctest.CheckAPI(webhookTestExpect(t, client.ModeLive)),
					statecheck.ExpectKnownValue(webhookTestAddr, tfjsonpath.New("id"), knownvalue.StringExact("test:"+url)),
					statecheck.ExpectKnownValue(webhookTestAddr, tfjsonpath.New("url"), knownvalue.StringExact(url)),
					statecheck.ExpectKnownValue(webhookTestAddr, tfjsonpath.New("mode"), knownvalue.StringExact("test")),
					statecheck.ExpectKnownValue(webhookTestAddr, tfjsonpath.New("allow_http"), knownvalue.Bool(false)),
				},
			},
			{
				ResourceName:      webhookTestAddr,
				ImportState:       true,
				ImportStateId:     "test:" + url,
				ImportStateVerify: true,
			},
			{
				// allow_http changes only state: no request changes the merchant.
				PreConfig: patches.Mark,
				Config:    webhookTestConfig(url, "test", "  allow_http = true\n"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(webhookTestAddr, plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					acctest.CheckAPI(webhookTestExpect(t, client.ModeTest, pre, url)),
					acctest.CheckAPI(patches.Expect(0, "to update allow_http")),
					statecheck.ExpectKnownValue(webhookTestAddr, tfjsonpath.New("allow_http"), knownvalue.Bool(true)),
				},
			},
			{
				// Removed outside Terraform (and another URL added): the
				// next plan re-creates it, keeping the other URL.
				PreConfig: func() { webhookTestSet(t, client.ModeTest, pre+",https://other.example.com/x") },
				Config:    webhookTestConfig(url, "test", "  allow_http = true\n"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(webhookTestAddr, plancheck.ResourceActionCreate)},
				},
				Check: webhookTestExpect(t, client.ModeTest, pre, "https://other.example.com/x", url),
			},
			{
				// Clean up the extra URL so CheckDestroy sees only pre.
				PreConfig: func() { webhookTestSet(t, client.ModeTest, pre+","+url) },
				Config:    webhookTestConfig(url, "test", "  allow_http = true\n"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}

// A live endpoint goes into live_events_urls only; changing mode or url
// replaces it, moving the URL.
func TestAccWebhookEndpoint_liveAndReplace(t *testing.T) {
	acctest.Parallel(t)
	const url, url2 = "https://hooks.example.com/live", "https://hooks.example.com/live2"
	webhookTestLists(t, "", "https://pre.example.com/live")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.Factories(t),
		CheckDestroy: resource.ComposeAggregateTestCheckFunc(
			webhookTestExpect(t, client.ModeLive, "https://pre.example.com/live"),
			webhookTestExpect(t, client.ModeTest),
		),
		Steps: []resource.TestStep{
			{
				Config: webhookTestConfig(url, "live", ""),
				ConfigStateChecks: []statecheck.StateCheck{
					acctest.CheckAPI(webhookTestExpect(t, client.ModeLive, "https://pre.example.com/live", url)),
					acctest.CheckAPI(webhookTestExpect(t, client.ModeTest)),
					statecheck.ExpectKnownValue(webhookTestAddr, tfjsonpath.New("id"), knownvalue.StringExact("live:"+url)),
				},
			},
			{
				ResourceName:      webhookTestAddr,
				ImportState:       true,
				ImportStateId:     "live:" + url,
				ImportStateVerify: true,
			},
			{
				Config: webhookTestConfig(url, "test", ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(webhookTestAddr, plancheck.ResourceActionDestroyBeforeCreate),
						plancheck.ExpectKnownValue(webhookTestAddr, tfjsonpath.New("id"), knownvalue.StringExact("test:"+url)),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					acctest.CheckAPI(webhookTestExpect(t, client.ModeLive, "https://pre.example.com/live")),
					acctest.CheckAPI(webhookTestExpect(t, client.ModeTest, url)),
				},
			},
			{
				Config: webhookTestConfig(url2, "test", ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(webhookTestAddr, plancheck.ResourceActionDestroyBeforeCreate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(webhookTestAddr, tfjsonpath.New("id"), knownvalue.StringExact("test:"+url2)),
				},
				Check: webhookTestExpect(t, client.ModeTest, url2),
			},
		},
	})
}

// 25 endpoints created in one apply (Terraform's default parallelism of 10)
// all land in the list; destroy removes exactly those 25.
//
// The changes share read-modify-write cycles (webhook_endpoint_batch.go):
// each cycle writes every change that was queued while the previous cycle
// ran. With every request slowed down to 40 ms, a cycle (GET and PATCH)
// takes 80 ms, far longer than Terraform needs to start the next create,
// so at worst the cycles alternate between the one create started as the
// cycle before last finished and the rest of the 10 in flight: two cycles
// per 10 endpoints, 6 for 25. Without batching it would be 25.
func TestAccWebhookEndpoint_many(t *testing.T) {
	acctest.Parallel(t)
	const pre = "https://pre.example.com/keep"
	webhookTestLists(t, pre, "")
	const n, parallelism = 25, 10
	// Two more than the worst case above, for a slow or busy machine.
	const maxPatches = 2*((n+parallelism-1)/parallelism) + 2
	patches := acctest.Requests(t, "PATCH", "/v1/merchant")
	sb := acctest.SandboxFor(t)
	if sb != nil {
		t.Cleanup(func() { _ = sb.SetFaults(sandbox.Faults{}) })
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.Factories(t),
		CheckDestroy:             webhookTestExpect(t, client.ModeTest, pre),
		Steps: []resource.TestStep{{
			PreConfig: func() {
				patches.Mark()
				if sb != nil {
					if err := sb.SetFaults(sandbox.Faults{LatencyMS: 40}); err != nil {
						t.Fatal(err)
					}
				}
			},
			Config: fmt.Sprintf(`
resource "affinipay_webhook_endpoint" "many" {
  count = %d
  url   = "https://h.example.com/${count.index}"
  mode  = "test"
}
`, n),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			Check: func(*terraform.State) error {
				if sb != nil {
					if err := sb.SetFaults(sandbox.Faults{}); err != nil {
						return err
					}
				}
				got, err := webhookTestGet(t, client.ModeTest)
				if err != nil {
					return err
				}
				items := client.SplitList(got)
				if len(items) != n+1 || items[0] != pre {
					return fmt.Errorf("test_events_urls has %d URLs, want %s and %d endpoints: %q", len(items), pre, n, got)
				}
				for i := range n {
					if u := fmt.Sprintf("https://h.example.com/%d", i); !slices.Contains(items, u) {
						return fmt.Errorf("%s missing from test_events_urls %q", u, got)
					}
				}
				return patches.ExpectBetween(1, maxPatches, fmt.Sprintf("to register %d endpoints", n))(nil)
			},
		}},
	})
}

// A URL already in the list is adopted without a write; matching is exact,
// so the trailing-slash variant is a different URL and stays.
func TestAccWebhookEndpoint_adoptExact(t *testing.T) {
	acctest.Parallel(t)
	const url = "https://hooks.example.com/adopt"
	webhookTestLists(t, url+","+url+"/", "")
	patches := acctest.Requests(t, "PATCH", "/v1/merchant")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.Factories(t),
		CheckDestroy:             webhookTestExpect(t, client.ModeTest, url+"/"),
		Steps: []resource.TestStep{{
			PreConfig: patches.Mark,
			Config:    webhookTestConfig(url, "test", ""),
			ConfigStateChecks: []statecheck.StateCheck{
				acctest.CheckAPI(webhookTestExpect(t, client.ModeTest, url, url+"/")),
				acctest.CheckAPI(patches.Expect(0, "to adopt an existing URL")),
			},
		}},
	})
}

// allow_http = true accepts an http:// URL; import of an http:// URL sets
// allow_http = true, so ImportStateVerify matches.
func TestAccWebhookEndpoint_allowHTTP(t *testing.T) {
	acctest.Parallel(t)
	const url = "http://hooks.example.com/plain"
	webhookTestLists(t, "", "")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.Factories(t),
		CheckDestroy:             webhookTestExpect(t, client.ModeTest),
		Steps: []resource.TestStep{
			{
				Config: webhookTestConfig(url, "test", "  allow_http = true\n"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(webhookTestAddr, tfjsonpath.New("allow_http"), knownvalue.Bool(true)),
				},
				Check: webhookTestExpect(t, client.ModeTest, url),
			},
			{
				ResourceName:      webhookTestAddr,
				ImportState:       true,
				ImportStateId:     "test:" + url,
				ImportStateVerify: true,
			},
		},
	})
}

// The combined list may reach exactly 1024 characters, not more; the error
// names the limit, the current length and the length it would have, and
// nothing is written.
func TestAccWebhookEndpoint_listLimit(t *testing.T) {
	acctest.Parallel(t)
	// 40 URLs of 24 characters plus commas: 40*24+39 = 999 characters.
	fill := make([]string, 40)
	for i := range fill {
		fill[i] = fmt.Sprintf("https://f.example.com/%02d", i)
	}
	list := strings.Join(fill, ",")
	if len(list) != 999 {
		t.Fatalf("fill is %d characters", len(list))
	}
	webhookTestLists(t, list, "")
	// 999 + 1 + 24 = 1024 fits; 999 + 1 + 25 = 1025 does not.
	fits, over := "https://hooks.example/"+strings.Repeat("a", 2), "https://hooks.example/"+strings.Repeat("b", 3)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.Factories(t),
		Steps: []resource.TestStep{{
			Config:      webhookTestConfig(over, "test", ""),
			ExpectError: regexp.MustCompile(`(?s)1024-character limit.*limits test_events_urls to 1024 characters.*currently\s+999\s+characters\s+long\s+with\s+40\s+URLs.*make\s+it\s+1025\s+characters`),
		}},
	})
	if got, err := webhookTestGet(t, client.ModeTest); err != nil || got != list {
		t.Fatalf("after the refused create test_events_urls = %q (%v), want it unchanged", got, err)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.Factories(t),
		CheckDestroy:             webhookTestExpect(t, client.ModeTest, list),
		Steps: []resource.TestStep{{
			Config: webhookTestConfig(fits, "test", ""),
			Check: func(*terraform.State) error {
				got, err := webhookTestGet(t, client.ModeTest)
				if err != nil {
					return err
				}
				if len(got) != 1024 || got != list+","+fits {
					return fmt.Errorf("test_events_urls is %d characters: %q", len(got), got)
				}
				return nil
			},
		}},
	})
}

// Bad input is refused at plan time with an error naming the attribute.
func TestAccWebhookEndpoint_invalid(t *testing.T) {
	t.Parallel()
	cases := map[string]struct{ url, mode, extra, want string }{
		"http without allow_http": {"http://hooks.example.com/a", "test", "", `(?s)Invalid url.*must\s+use\s+https://`},
		"http, allow_http false":  {"http://hooks.example.com/a", "test", "  allow_http = false\n", `(?s)Invalid url.*must\s+use\s+https://`},
		"comma":                   {"https://hooks.example.com/a,b", "test", "", `(?s)Invalid url.*contains\s+a\s+comma`},
		"whitespace":              {"https://hooks.example.com/a b", "test", "", `(?s)Invalid url.*contains\s+whitespace`},
		"relative":                {"/events", "test", "", `(?s)Invalid url.*not\s+an\s+absolute\s+URL`},
		"other scheme":            {"ftp://hooks.example.com/a", "test", "  allow_http = true\n", `(?s)Invalid url.*scheme\s+"ftp"`},
		"too long":                {"https://hooks.example.com/" + strings.Repeat("x", 1000), "test", "", `(?s)Invalid url.*1026\s+characters\s+long`},
		"mode":                    {"https://hooks.example.com/a", "production", "", `(?s)mode.*value must be one of`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel() // plan-only
			resource.UnitTest(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.Factories(t),
				Steps: []resource.TestStep{{
					Config:      webhookTestConfig(tc.url, tc.mode, tc.extra),
					PlanOnly:    true,
					ExpectError: regexp.MustCompile(tc.want),
				}},
			})
		})
	}
}

// Import IDs are checked before anything is read; a well-formed ID whose
// URL is not registered imports nothing.
func TestAccWebhookEndpoint_importInvalid(t *testing.T) {
	acctest.Parallel(t)
	webhookTestLists(t, "https://pre.example.com/keep", "")
	cases := map[string]struct{ id, want string }{
		"no mode":      {"https://hooks.example.com/a", `(?s)Invalid import ID.*mode\s+"https"\s+is\s+neither`},
		"bad mode":     {"prod:https://hooks.example.com/a", `(?s)Invalid import ID.*mode\s+"prod"\s+is\s+neither`},
		"no url":       {"test:", `(?s)Invalid import ID.*has\s+no\s+URL`},
		"no colon":     {"test", `(?s)Invalid import ID.*has\s+no\s+URL`},
		"not a url":    {"test:hooks.example.com", `(?s)Invalid import ID.*not\s+an\s+absolute\s+URL`},
		"comma":        {"test:https://a.example.com/,https://b.example.com/", `(?s)Invalid import ID.*contains\s+a\s+comma`},
		"unregistered": {"test:https://absent.example.com/x", `(?s)Cannot import non-existent remote object`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.Factories(t),
				Steps: []resource.TestStep{{
					Config:        webhookTestConfig("https://hooks.example.com/a", "test", ""),
					ResourceName:  webhookTestAddr,
					ImportState:   true,
					ImportStateId: tc.id,
					ExpectError:   regexp.MustCompile(tc.want),
				}},
			})
		})
	}
}

func TestWebhookEventsListEdits(t *testing.T) {
	cases := []struct {
		name, list, url, added, removed string
		inList                          bool
	}{
		{"empty", "", "https://a", "https://a", "", false},
		{"append", "https://x", "https://a", "https://x,https://a", "https://x", false},
		{"present", "https://x,https://a", "https://a", "https://x,https://a", "https://x", true},
		{"spaces kept", "https://x, https://a", "https://a", "https://x, https://a", "https://x", true},
		{"other spaces kept", "https://x , https://y", "https://a", "https://x , https://y,https://a", "https://x , https://y", false},
		{"exact only", "https://a/,HTTPS://a", "https://a", "https://a/,HTTPS://a,https://a", "https://a/,HTTPS://a", false},
		{"duplicates removed", "https://a,https://x,https://a", "https://a", "https://a,https://x,https://a", "https://x", true},
		{"empty items dropped on write", "https://x,,", "https://a", "https://x,https://a", "https://x,,", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := merchant.EventsURLsContain(tc.list, tc.url); got != tc.inList {
				t.Errorf("contain = %v, want %v", got, tc.inList)
			}
			if got, changed := merchant.AddEventsURL(tc.list, tc.url); got != tc.added || changed == tc.inList {
				t.Errorf("add = %q, %v; want %q, %v", got, changed, tc.added, !tc.inList)
			}
			if got, changed := merchant.RemoveEventsURL(tc.list, tc.url); got != tc.removed || changed != tc.inList {
				t.Errorf("remove = %q, %v; want %q, %v", got, changed, tc.removed, tc.inList)
			}
		})
	}
}

// The documented example applies as written, plans empty afterwards and
// destroys only what it added.
func TestAccWebhookEndpoint_example(t *testing.T) {
	acctest.Parallel(t)
	cfg, err := os.ReadFile("../../../examples/resources/affinipay_webhook_endpoint/resource.tf")
	if err != nil {
		t.Fatal(err)
	}
	const pre = "https://pre.example.com/keep"
	webhookTestLists(t, pre, pre)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.Factories(t),
		CheckDestroy: resource.ComposeAggregateTestCheckFunc(
			webhookTestExpect(t, client.ModeTest, pre),
			webhookTestExpect(t, client.ModeLive, pre),
		),
		Steps: []resource.TestStep{{
			Config: string(cfg),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			ConfigStateChecks: []statecheck.StateCheck{
				acctest.CheckAPI(webhookTestExpect(t, client.ModeTest, pre, "https://staging.example.com/webhooks/affinipay")),
				acctest.CheckAPI(func(*terraform.State) error {
					got, err := webhookTestGet(t, client.ModeLive)
					if err != nil {
						return err
					}
					items := client.SplitList(got)
					slices.Sort(items)
					want := []string{"https://alerts.example.com/hooks/affinipay", "https://api.example.com/webhooks/affinipay", pre}
					if !slices.Equal(items, want) {
						return fmt.Errorf("live_events_urls = %q, want %q in any order", got, want)
					}
					return nil
				}),
			},
		}},
	})
}
