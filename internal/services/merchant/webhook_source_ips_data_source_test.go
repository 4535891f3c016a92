package merchant_test

import (
	"net/netip"
	"os"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/acctest"
	merchantsvc "github.com/affinipay-terraform/terraform-provider-affinipay/internal/services/merchant"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/testutil"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// The built-in list is the reference's, address for address and in order
// (checked against the reference beside the repository when it is there).
func TestWebhookSourceAddressesMatchReference(t *testing.T) {
	seen := map[string]bool{}
	for _, a := range merchantsvc.WebhookSourceAddresses {
		ip, err := netip.ParseAddr(a)
		if err != nil || !ip.Is4() || ip.String() != a || seen[a] {
			t.Errorf("%q is not a canonical, unique IPv4 address", a)
		}
		seen[a] = true
	}
	if len(merchantsvc.WebhookSourceAddresses) != 24 {
		t.Errorf("%d addresses; the reference lists 24", len(merchantsvc.WebhookSourceAddresses))
	}
	ref, err := os.ReadFile("../../../../shared/reference/affinipay-api-reference.txt")
	if err != nil {
		t.Skipf("API reference not beside the repository: %v", err)
	}
	text := string(ref)
	i := strings.Index(text, "Webhook notifications may come from the following IP addresses:")
	if i < 0 {
		t.Fatal("the reference no longer has the webhook address list")
	}
	section := text[i:]
	if j := strings.Index(section, "You must configure your server"); j > 0 {
		section = section[:j]
	}
	got := regexp.MustCompile(`\d+\.\d+\.\d+\.\d+`).FindAllString(section, -1)
	if !reflect.DeepEqual(got, merchantsvc.WebhookSourceAddresses) {
		t.Errorf("the reference lists %v;\nthe provider has %v", got, merchantsvc.WebhookSourceAddresses)
	}
}

// No request and no credentials are needed.
func TestAccWebhookSourceIPsDataSource(t *testing.T) {
	acctest.Parallel(t)
	sb := acctest.SandboxFor(t)
	before := sb.Metrics().Total
	addrs := make([]knownvalue.Check, 0, len(merchantsvc.WebhookSourceAddresses))
	cidrs := make([]knownvalue.Check, 0, len(merchantsvc.WebhookSourceAddresses))
	for _, a := range merchantsvc.WebhookSourceAddresses {
		addrs = append(addrs, knownvalue.StringExact(a))
		cidrs = append(cidrs, knownvalue.StringExact(a+"/32"))
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.Factories(t),
		Steps: []resource.TestStep{{
			Config: `
provider "affinipay" {
  secret_key    = ""
  access_token  = ""
  client_id     = ""
  client_secret = ""
}
data "affinipay_webhook_source_ips" "this" {}

output "first_rule" {
  value = data.affinipay_webhook_source_ips.this.cidr_blocks[0]
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.affinipay_webhook_source_ips.this", tfjsonpath.New("addresses"), knownvalue.ListExact(addrs)),
				statecheck.ExpectKnownValue("data.affinipay_webhook_source_ips.this", tfjsonpath.New("cidr_blocks"), knownvalue.ListExact(cidrs)),
				statecheck.ExpectKnownValue("data.affinipay_webhook_source_ips.this", tfjsonpath.New("reference_date"), knownvalue.StringExact("2026-12-05")),
				statecheck.ExpectKnownOutputValue("first_rule", knownvalue.StringExact("3.222.94.175/32")),
			},
			Check: func(_ *terraform.State) error {
				if n := sb.Metrics().Total - before; n != 0 {
					return testutil.Errorf("%d API requests; want none", n)
				}
				return nil
			},
		}},
	})
}
