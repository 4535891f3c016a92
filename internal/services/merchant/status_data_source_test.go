package merchant_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/acctest"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/testutil"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

func TestAccStatusDataSource(t *testing.T) {
	acctest.Parallel(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.Factories(t),
		Steps: []resource.TestStep{{
			Config: `data "affinipay_status" "this" {}`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.affinipay_status.this", tfjsonpath.New("status"),
					knownvalue.StringRegexp(testutil.RegexpMust(`^(NORMAL|EXCESSIVE_LATENCY|SERVICE_UNRELIABLE|SERVICE_UNAVAILABLE)$`))),
			},
		}},
	})
}

// The status endpoint needs no credentials: it works with none configured.
func TestAccStatusDataSource_noCredentials(t *testing.T) {
	acctest.Parallel(t)
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
data "affinipay_status" "this" {}`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.affinipay_status.this", tfjsonpath.New("operational"), knownvalue.Bool(true)),
			},
		}},
	})
}

// operational follows status: false only for SERVICE_UNAVAILABLE. The
// sandbox is always NORMAL, so each status comes from a stub /status on
// loopback.
func TestAccStatusDataSource_operational(t *testing.T) {
	acctest.Parallel(t)
	for status, want := range map[string]bool{
		"NORMAL": true, "EXCESSIVE_LATENCY": true, "SERVICE_UNRELIABLE": true, "SERVICE_UNAVAILABLE": false,
	} {
		t.Run(status, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path != "/status" {
					http.NotFound(w, r)
					return
				}
				w.Header().Set("Content-Type", "application/json")
				_, _ = fmt.Fprintf(w, `{"status":%q}`, status)
			}))
			t.Cleanup(srv.Close)
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.Factories(t),
				Steps: []resource.TestStep{{
					Config: fmt.Sprintf(`
provider "affinipay" {
  base_url = %q
}
data "affinipay_status" "this" {}`, srv.URL),
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue("data.affinipay_status.this", tfjsonpath.New("status"), knownvalue.StringExact(status)),
						statecheck.ExpectKnownValue("data.affinipay_status.this", tfjsonpath.New("operational"), knownvalue.Bool(want)),
					},
				}},
			})
		})
	}
}
