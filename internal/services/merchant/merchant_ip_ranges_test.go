package merchant_test

import (
	"context"
	"net/http"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/acctest"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/client"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/services/merchant"
)

func rangesSet(t *testing.T, xs ...string) types.Set {
	t.Helper()
	if xs == nil {
		return types.SetValueMust(types.StringType, nil)
	}
	s, d := types.SetValueFrom(context.Background(), types.StringType, xs)
	if d.HasError() {
		t.Fatal(d)
	}
	return s
}

// The plan compares ranges by meaning and warns when the list is first set
// or narrowed.
func TestIPRangesPlanModifier(t *testing.T) {
	null := types.SetNull(types.StringType)
	cases := map[string]struct {
		state, config types.Set
		warn          string // "" = no warning
		keepState     bool
	}{
		"same meaning keeps state spelling": {state: rangesSet(t, "198.51.100.1/24"), config: rangesSet(t, "198.51.100.0/24"), keepState: true},
		"first set on create":               {state: null, config: rangesSet(t, "203.0.113.0/24"), warn: "API access will be limited"},
		"first set from empty":              {state: rangesSet(t), config: rangesSet(t, "203.0.113.0/24"), warn: "API access will be limited"},
		"narrowed":                          {state: rangesSet(t, "10.0.0.0/8"), config: rangesSet(t, "10.1.0.0/16"), warn: "narrowed"},
		"widened":                           {state: rangesSet(t, "10.1.0.0/16"), config: rangesSet(t, "10.0.0.0/8")},
		"cleared":                           {state: rangesSet(t, "10.0.0.0/8"), config: rangesSet(t)},
		"not configured":                    {state: rangesSet(t, "10.0.0.0/8"), config: null},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			req := planmodifier.SetRequest{Path: path.Root("api_allowed_ip_address_ranges"), StateValue: tc.state, ConfigValue: tc.config, PlanValue: tc.config}
			resp := &planmodifier.SetResponse{PlanValue: tc.config}
			merchant.IPRangesPlanModifier{}.PlanModifySet(context.Background(), req, resp)
			if resp.Diagnostics.HasError() {
				t.Fatal(resp.Diagnostics)
			}
			warns := resp.Diagnostics.Warnings()
			switch {
			case tc.warn == "" && len(warns) > 0:
				t.Fatalf("unexpected warning %v", warns)
			case tc.warn != "":
				if len(warns) != 1 || !strings.Contains(warns[0].Summary(), tc.warn) || !strings.Contains(warns[0].Detail(), "web application") {
					t.Fatalf("warnings %v, want one containing %q and the way back", warns, tc.warn)
				}
			}
			if tc.keepState != resp.PlanValue.Equal(tc.state) && tc.keepState {
				t.Fatalf("plan %v, want the state's %v", resp.PlanValue, tc.state)
			}
		})
	}
}

// The generated docs carry the lock-out section, which the acceptance test
// below checks claim by claim.
func TestMerchantDocsLockOutSection(t *testing.T) {
	b, err := os.ReadFile("../../../docs/resources/merchant.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	for _, want := range []string{
		"## Lock-out",
		"**locked out**: every later plan, apply and destroy fails",
		"An empty set (`[]`) allows requests from any IP",
		"The plan **warns** when the list is first set",
		"fails with an error on `api_allowed_ip_address_ranges`",
		"widen or clear the ranges in the AffiniPay web application",
	} {
		if !strings.Contains(doc, want) {
			t.Errorf("docs/resources/merchant.md lacks %q (run make docs)", want)
		}
	}
}

// Host bits are accepted as the API accepts them and compared by meaning:
// a merchant holding 198.51.100.1/24 is adopted, and the canonical spelling
// in the configuration plans no change.
func TestAccMerchantResource_ipRangesHostBits(t *testing.T) {
	acctest.Parallel(t)
	acctest.RestoreMerchant(t)
	patches := func() int64 {
		return acctest.SandboxRequestCount(acctest.SandboxFor(t), http.MethodPatch, "/v1/merchant")
	}
	var before int64
	cfg := func(ranges string) string {
		return `resource "affinipay_merchant" "this" {
  api_allowed_ip_address_ranges = [` + ranges + `]
}`
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.Factories(t),
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					if _, err := acctest.Client(t).UpdateMerchant(context.Background(), client.MerchantUpdate{
						APIAllowedIPAddressRanges: client.String("127.0.0.1/32,198.51.100.1/24"),
					}); err != nil {
						t.Fatal(err)
					}
				},
				Config: cfg(`"127.0.0.1/32", "198.51.100.1/24"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: acctest.MerchantTestExpect(t, map[string]string{"api_allowed_ip_address_ranges": "127.0.0.1/32,198.51.100.1/24"}),
			},
			{
				PreConfig: func() { before = patches() },
				Config:    cfg(`"198.51.100.0/24", "127.0.0.1/32"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: func(*terraform.State) error {
					if n := patches() - before; n != 0 {
						t.Errorf("%d PATCH for a spelling-only difference", n)
					}
					return nil
				},
			},
			{
				Config:       cfg(`"198.51.100.0/24", "127.0.0.1/32"`),
				ResourceName: acctest.MerchantTestAddr,
				ImportState:  true,
				ImportStateIdFunc: func(s *terraform.State) (string, error) {
					return s.RootModule().Resources[acctest.MerchantTestAddr].Primary.ID, nil
				},
				ImportStateVerify: true,
			},
		},
	})
}

// The lock-out path end to end, against the sandbox's enforcement: the
// apply that excludes the runner fails with an error on the attribute and
// the way back; later plans fail with the same explanation; applying from
// an allowed address restores access.
func TestAccMerchantResource_lockOut(t *testing.T) {
	acctest.Parallel(t)
	acctest.SandboxOnly(t)
	const runner, office = "192.0.2.10", "203.0.113.5"
	acctest.PresentAs(t, runner)
	acctest.RestoreMerchant(t)
	narrowed := `resource "affinipay_merchant" "this" {
  api_allowed_ip_address_ranges = ["203.0.113.0/24"]
}`
	reopened := `resource "affinipay_merchant" "this" {
  api_allowed_ip_address_ranges = []
}`
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.Factories(t),
		Steps: []resource.TestStep{
			{
				// The PATCH lands (it came from an allowed address: any IP
				// was allowed), then the runner is refused.
				Config:      narrowed,
				ExpectError: regexp.MustCompile(`(?s)locked out of the AffiniPay API.*api_allowed_ip_address_ranges.*203\.0\.113\.0/24.*web\s+application.*inside\s+the\s+ranges`),
			},
			{
				// Every later plan fails, naming the attribute and the way back.
				Config:      narrowed,
				ExpectError: regexp.MustCompile(`(?s)refuses this machine's API requests.*api_allowed_ip_address_ranges.*web\s+application`),
			},
			{
				// From an address inside the ranges, [] restores access.
				PreConfig: func() { acctest.PresentAs(t, office) },
				Config:    reopened,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: acctest.MerchantTestExpect(t, map[string]string{"api_allowed_ip_address_ranges": ""}),
			},
			{
				// And the runner is back in.
				PreConfig: func() { acctest.PresentAs(t, runner) },
				Config:    reopened,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}
