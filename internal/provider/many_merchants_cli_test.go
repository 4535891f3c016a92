package provider_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/acctest"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/client"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/sandbox"
)

// The examples/many-merchants configurations, applied with the real CLI and
// the provider binary (one provider process per provider configuration, as
// for users) against one sandbox hosting three merchants.

// noEnvCredentials blanks the AFFINIPAY_* variables of the test process so
// that a provider configuration can only use what the example gives it.
var noEnvCredentials = []string{
	client.EnvBaseURL + "=", client.EnvSecretKey + "=", client.EnvAccessToken + "=", client.EnvPublicKey + "=",
	client.EnvClientID + "=", client.EnvClientSecret + "=", "TF_LOG=", "TF_LOG_PATH=",
}

// newManyMerchantsWorkspace copies examples/many-merchants into a CLI
// workspace (variant "terraform" or "opentofu"); manyMerchantsVars then
// writes its variables and installs its modules.
func newManyMerchantsWorkspace(t *testing.T, minVersion, variant string) *acctest.CLIWorkspace {
	t.Helper()
	w := acctest.NewCLIWorkspace(t, minVersion, "", noEnvCredentials...)
	if err := os.CopyFS(filepath.Join(w.Dir, "ex"), os.DirFS("../../examples/many-merchants")); err != nil {
		t.Fatal(err)
	}
	w.Dir = filepath.Join(w.Dir, "ex", variant)
	return w
}

// manyMerchantsVars writes terraform.tfvars.json for the sandbox's three
// merchants: firm_a and firm_b with a secret key and an access token,
// firm_c through the partner flow (client_id and client_secret only).
func manyMerchantsVars(t *testing.T, w *acctest.CLIWorkspace, baseURL string, sb *sandbox.Server, pinIDs bool) {
	t.Helper()
	keys := []string{"firm_a", "firm_b", "firm_c"}
	merchants, creds := map[string]any{}, map[string]any{}
	for i, k := range keys {
		m := sb.Merchant(i + 1)
		entry := map[string]any{
			"webhook_url":     "https://hooks.example.com/affinipay/" + k,
			"billing_contact": map[string]any{"first_name": "Billing", "last_name": k},
		}
		if pinIDs {
			entry["merchant_id"] = m.ID()
		}
		merchants[k] = entry
		c := m.Credentials()
		if k == "firm_c" {
			creds[k] = map[string]any{"client_id": c.ClientID, "client_secret": c.ClientSecret}
		} else {
			creds[k] = map[string]any{"secret_key": c.TestSecretKey, "access_token": c.AccessToken}
		}
	}
	raw, err := json.Marshal(map[string]any{"base_url": baseURL, "merchants": merchants, "credentials": creds})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(w.Dir, "terraform.tfvars.json"), raw, 0o600); err != nil {
		t.Fatal(err)
	}
	// Modules only: dev_overrides supply the provider, and init would look
	// it up in a registry. After the variables: OpenTofu evaluates the
	// providers' for_each (var.merchants) statically, already in get.
	w.Run("get")
}

// checkEachMerchantHoldsItsOwn: each merchant holds exactly one contact and
// one test-mode webhook URL, its own.
func checkEachMerchantHoldsItsOwn(t *testing.T, sb *sandbox.Server, want map[int]int) {
	t.Helper()
	for n := 1; n <= 3; n++ {
		o := sb.Merchant(n).Objects()
		if o.Contacts != want[n] || o.TestEventsURLs != want[n] || o.PaymentMethods != 0 || o.RecurringCharges != 0 {
			t.Errorf("merchant %d holds %+v, want %d contact(s) and %d webhook URL(s)", n, o, want[n], want[n])
		}
	}
}

// checkOwnWebhook: merchant n's webhook URL is its own key's.
func checkOwnWebhook(t *testing.T, w *acctest.CLIWorkspace, sb *sandbox.Server) {
	t.Helper()
	for n, k := range map[int]string{1: "firm_a", 2: "firm_b", 3: "firm_c"} {
		if sb.Merchant(n).Objects().TestEventsURLs == 0 {
			continue
		}
		c := sb.Merchant(n).Credentials()
		cl, err := client.New(client.Config{BaseURL: acctest.Getenv(t, client.EnvBaseURL), SecretKey: c.TestSecretKey, Mode: client.ModeTest})
		if err != nil {
			t.Fatal(err)
		}
		m, err := cl.GetMerchant(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(m.TestEventsURLs, "/"+k) || strings.Count(m.TestEventsURLs, "https://") != 1 {
			t.Errorf("merchant %d (%s) test_events_urls = %q", n, k, m.TestEventsURLs)
		}
	}
}

func checkMerchantIDsOutput(t *testing.T, w *acctest.CLIWorkspace, sb *sandbox.Server) {
	t.Helper()
	var ids map[string]string
	if err := json.Unmarshal([]byte(w.Run("output", "-json", "merchant_ids")), &ids); err != nil {
		t.Fatal(err)
	}
	for n, k := range map[int]string{1: "firm_a", 2: "firm_b", 3: "firm_c"} {
		if ids[k] != sb.Merchant(n).ID() {
			t.Errorf("merchant_ids[%s] = %q, want merchant %d's %q", k, ids[k], n, sb.Merchant(n).ID())
		}
	}
}

func writesOf(sb *sandbox.Server) [4]int64 {
	var out [4]int64
	for n := 1; n <= 3; n++ {
		out[n] = acctest.MerchantWrites(sb.Merchant(n))
	}
	return out
}

// testManyMerchants runs the shared scenario: apply, empty second plan,
// destroy one merchant's objects (the others see no write), a wrong
// merchant refused with no write, destroy all.
func testManyMerchants(t *testing.T, minVersion, variant, targetB string) {
	sb := acctest.ParallelMerchants(t, 3)
	w := newManyMerchantsWorkspace(t, minVersion, variant)
	baseURL := acctest.Getenv(t, client.EnvBaseURL)
	manyMerchantsVars(t, w, baseURL, sb, true)

	w.Run("apply", "-auto-approve", "-input=false")
	checkEachMerchantHoldsItsOwn(t, sb, map[int]int{1: 1, 2: 1, 3: 1})
	checkOwnWebhook(t, w, sb)
	checkMerchantIDsOutput(t, w, sb)
	if out, err := w.TryRun("plan", "-detailed-exitcode", "-input=false"); err != nil {
		t.Errorf("second plan is not empty: %v\n%s", err, out)
	}

	// Destroying merchant B's objects leaves A and C untouched: no write
	// reaches them.
	before := writesOf(sb)
	w.Run("destroy", "-auto-approve", "-input=false", "-target="+targetB)
	after := writesOf(sb)
	checkEachMerchantHoldsItsOwn(t, sb, map[int]int{1: 1, 2: 0, 3: 1})
	if after[1] != before[1] || after[3] != before[3] {
		t.Errorf("destroying merchant B's objects wrote to A (%d) or C (%d)", after[1]-before[1], after[3]-before[3])
	}
	if after[2]-before[2] < 2 {
		t.Errorf("merchant B received %d writes for its destroy", after[2]-before[2])
	}

	// Swapped credentials (firm_a given merchant 2's) are refused by
	// allowed_merchant_ids before any write.
	swapped := sb.Merchant(2).Credentials()
	before = writesOf(sb)
	out, err := w.TryRun("apply", "-auto-approve", "-input=false",
		`-var=credentials={firm_a={secret_key="`+swapped.TestSecretKey+`",access_token="`+swapped.AccessToken+`"},`+
			`firm_b={secret_key="`+swapped.TestSecretKey+`",access_token="`+swapped.AccessToken+`"},`+
			`firm_c={client_id="`+sb.Merchant(3).Credentials().ClientID+`",client_secret="`+sb.Merchant(3).Credentials().ClientSecret+`"}}`)
	if err == nil || !wrappedRe("AffiniPay merchant not allowed", "belong to merchant "+sb.Merchant(2).ID(), "allowed_merchant_ids ["+sb.Merchant(1).ID()+"]").MatchString(out) {
		t.Errorf("apply with firm_a on merchant 2's credentials: err %v\n%s", err, out)
	}
	if after := writesOf(sb); after != before {
		t.Errorf("the refused apply wrote: before %v, after %v", before, after)
	}
	checkEachMerchantHoldsItsOwn(t, sb, map[int]int{1: 1, 2: 0, 3: 1})

	w.Run("destroy", "-auto-approve", "-input=false")
	checkEachMerchantHoldsItsOwn(t, sb, map[int]int{1: 0, 2: 0, 3: 0})
	t.Logf("%s: requests per merchant: %d, %d, %d (writes %v)", variant,
		sb.Merchant(1).Metrics().Total, sb.Merchant(2).Metrics().Total, sb.Merchant(3).Metrics().Total, writesOf(sb))
}

// TestAccManyMerchants_aliases: examples/many-merchants/terraform (one
// provider alias per merchant) on the CLI in use (Terraform 1.11 and 1.14,
// OpenTofu too).
func TestAccManyMerchants_aliases(t *testing.T) {
	testManyMerchants(t, "", "terraform", "module.firm_b")
}

// TestAccManyMerchants_forEach: examples/many-merchants/opentofu (for_each
// over provider configurations) on OpenTofu 1.9 or later; Terraform skips.
func TestAccManyMerchants_forEach(t *testing.T) {
	tf := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if tf == "" || acctest.CLIProviderHost(t, tf) != "registry.opentofu.org" {
		t.Skip("for_each on provider configurations needs OpenTofu 1.9 or later (TF_ACC_TERRAFORM_PATH is not OpenTofu)")
	}
	testManyMerchants(t, "1.9.0", "opentofu", `module.merchant["firm_b"]`)
}
