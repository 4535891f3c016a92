package provider_test

import (
	"fmt"
	"maps"
	"regexp"
	"strings"
	"testing"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/acctest"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// wrappedRe matches the parts in order, each as literal text in which any
// space may be a line break of Terraform's diagnostic wrapping.
func wrappedRe(parts ...string) *regexp.Regexp {
	q := make([]string, len(parts))
	for i, p := range parts {
		q[i] = strings.ReplaceAll(regexp.QuoteMeta(p), " ", `\s+`)
	}
	return regexp.MustCompile(`(?s)` + strings.Join(q, ".*"))
}

// guardedConfig is a configuration that writes (a contact) and reads (a
// data source) under the given provider block body.
func guardedConfig(providerBody, sid string) string {
	return fmt.Sprintf(`
provider "affinipay" {
%s
}

data "affinipay_bank_accounts" "all" {}

resource "affinipay_contact" "guarded" {
  type       = "person"
  first_name = "Guarded"
  last_name  = "Contact"
  source_id  = %q
  test_mode  = true
}
`, providerBody, sid)
}

// TestAccMerchantGuard_refused: a plan and an apply on a forbidden merchant,
// or on one missing from allowed_merchant_ids, fail on the provider block
// with an error naming the merchant and the list, before any write or any
// data source read: the only requests are the guard's reads.
func TestAccMerchantGuard_refused(t *testing.T) {
	sb := acctest.ParallelMerchants(t, 2)
	id1, id2 := sb.Merchant(1).ID(), sb.Merchant(2).ID()
	forbidden := guardedConfig(fmt.Sprintf("  forbidden_merchant_ids = [%q, \"someOtherMerchant\"]", id1), "acctest:guard-forbidden")
	notAllowed := guardedConfig(fmt.Sprintf("  allowed_merchant_ids = [%q]", id2), "acctest:guard-not-allowed")
	const onProvider = `in provider "affinipay"`
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.Factories(t),
		Steps: []resource.TestStep{
			{
				Config:      forbidden,
				PlanOnly:    true,
				ExpectError: wrappedRe("AffiniPay merchant forbidden", onProvider, "belong to merchant "+id1, "is in forbidden_merchant_ids ["+id1+", someOtherMerchant]"),
			},
			{
				Config:      forbidden,
				ExpectError: wrappedRe("AffiniPay merchant forbidden", onProvider),
			},
			{
				Config:      notAllowed,
				ExpectError: wrappedRe("AffiniPay merchant not allowed", onProvider, "belong to merchant "+id1, "which is not in allowed_merchant_ids ["+id2+"]"),
			},
		},
	})
	if w := acctest.SandboxWrites(sb); w != 0 {
		t.Errorf("%d write requests reached the sandbox; want 0", w)
	}
	// The guard's reads only: GET /v1/merchant, and GET /gateway-credentials
	// because a secret key and a bearer token are both configured. Once per
	// provider process and set of credentials: the in-process provider of
	// this test is one process.
	got := acctest.RequestsByPath(sb.Metrics())
	want := map[string]int64{"GET /v1/merchant": 1, "GET /gateway-credentials": 1}
	if !maps.Equal(got, want) {
		t.Errorf("requests = %v, want only the guard's %v", got, want)
	}
	if sb.Merchant(2).Metrics().Total != 0 {
		t.Errorf("merchant 2 received %d requests", sb.Merchant(2).Metrics().Total)
	}
	t.Logf("guard: %d requests in all for 3 refused runs (%v)", sb.Metrics().Total, got)
}

// TestAccMerchantGuard_allowed: the allowed merchant works as without the
// guard, including through the partner flow (client_id and client_secret
// only), and the guard costs one GET /v1/merchant per process.
func TestAccMerchantGuard_allowed(t *testing.T) {
	sb := acctest.ParallelMerchants(t, 2)
	m2 := sb.Merchant(2)
	c2 := m2.Credentials()
	partner := fmt.Sprintf(`  allowed_merchant_ids = [%q]
  secret_key    = ""
  access_token  = ""
  public_key    = ""
  client_id     = %q
  client_secret = %q`, m2.ID(), c2.ClientID, c2.ClientSecret)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.Factories(t),
		Steps: []resource.TestStep{{
			Config: guardedConfig(partner, "acctest:guard-allowed"),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("affinipay_contact.guarded", tfjsonpath.New("first_name"), knownvalue.StringExact("Guarded")),
			},
		}},
	})
	if o := m2.Objects(); o.Contacts != 0 {
		t.Errorf("merchant 2 keeps %d contacts after destroy", o.Contacts)
	}
	if n := sb.Merchant(1).Metrics().Total; n != 0 {
		t.Errorf("merchant 1 received %d requests from merchant 2's configuration", n)
	}
	got := acctest.RequestsByPath(m2.Metrics())
	if got["POST /contacts"] != 1 || got["DELETE /contacts/{id}"] != 1 {
		t.Errorf("merchant 2 requests: %v", got)
	}
	if got["GET /v1/merchant"] != 1 {
		t.Errorf("GET /v1/merchant sent %d times, want 1", got["GET /v1/merchant"])
	}
	t.Logf("guard, allowed, partner flow: merchant 2 requests %v", got)
}

// TestAccMerchantGuard_mixedCredentials: a secret key of one merchant and a
// bearer token of another are refused when a guard list is set, whichever
// merchant the lists name.
func TestAccMerchantGuard_mixedCredentials(t *testing.T) {
	sb := acctest.ParallelMerchants(t, 2)
	body := fmt.Sprintf(`  allowed_merchant_ids = [%q]
  access_token = %q`, sb.Merchant(1).ID(), sb.Merchant(2).Credentials().AccessToken)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.Factories(t),
		Steps: []resource.TestStep{{
			Config:      guardedConfig(body, "acctest:guard-mixed"),
			PlanOnly:    true,
			ExpectError: wrappedRe("Cannot verify the AffiniPay merchant", `in provider "affinipay"`, "the credentials belong to different merchants"),
		}},
	})
	if w := acctest.SandboxWrites(sb); w != 0 {
		t.Errorf("%d write requests; want 0", w)
	}
}

// TestAccMerchantGuard_invalid: the lists are checked at validation, before
// any request.
func TestAccMerchantGuard_invalid(t *testing.T) {
	t.Parallel()
	acctest.PreCheck(t)
	for name, tc := range map[string]struct{ body, want string }{
		"both":      {`  allowed_merchant_ids = ["a"]` + "\n" + `  forbidden_merchant_ids = ["b"]`, `(?s)Invalid Attribute Combination.*forbidden_merchant_ids`},
		"empty":     {`  allowed_merchant_ids = []`, `(?s)allowed_merchant_ids.*at least 1`},
		"malformed": {`  forbidden_merchant_ids = ["not a merchant id"]`, `(?s)must\s+be\s+a\s+merchant\s+ID\s+as\s+returned\s+by\s+GET\s+/v1/merchant`},
	} {
		t.Run(name, func(t *testing.T) {
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config:      guardedConfig(tc.body, "acctest:guard-invalid"),
					PlanOnly:    true,
					ExpectError: regexp.MustCompile(tc.want),
				}},
			})
		})
	}
}
