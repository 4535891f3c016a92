package provider_test

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/acctest"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/client"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/framework"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/sandbox"
)

// interruptObjects is how many objects each interrupted apply creates; at
// -parallelism=3 half of them have not started when the signal comes.
const interruptObjects = 6

// A real `terraform apply` of 6 contacts or 6 recurring charges is sent
// SIGINT or SIGTERM at a chosen point of the creates: before any create
// request is sent (while the OAuth token or the secret-key lookup is under
// way; those creates must not be sent), while the first POSTs are in flight (700 ms before the server
// processes them), or after the server committed them (700 ms before the
// reply). Terraform then exits; a second apply runs without delays. The
// objects at the API must then be exactly those in state: no duplicate,
// no orphan, none missing.
func TestAccInterruptedApply(t *testing.T) {
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test (TF_ACC=1)")
	}
	// Each case runs on a sandbox of its own (newDelayedSandbox) and
	// signals only the terraform process it started.
	t.Parallel()
	creds := sandbox.DefaultCredentials()
	isPost := func(path string) func(*http.Request) bool {
		return func(r *http.Request) bool { return r.Method == http.MethodPost && r.URL.Path == path }
	}
	isGet := func(path string) func(*http.Request) bool {
		return func(r *http.Request) bool { return r.Method == http.MethodGet && r.URL.Path == path }
	}
	const lag = 700 * time.Millisecond
	type point int
	const (
		atArrival point = iota
		atCommit
	)
	cases := []struct {
		name          string
		charges       bool
		match         func(*http.Request) bool
		before, after time.Duration
		at            point
		sig           syscall.Signal
		auth          string // provider credentials
		wantNoneSent  bool   // the creates under way must not be sent
	}{
		{name: "contacts/before the request (SIGINT during the OAuth token request)", match: isPost("/oauth/token"), before: lag, at: atArrival, sig: syscall.SIGINT,
			auth: fmt.Sprintf("client_id = %q\n  client_secret = %q", creds.ClientID, creds.ClientSecret), wantNoneSent: true},
		{name: "contacts/in flight (SIGINT)", match: isPost("/contacts"), before: lag, at: atArrival, sig: syscall.SIGINT,
			auth: fmt.Sprintf("access_token = %q", creds.AccessToken)},
		{name: "contacts/after commit (SIGTERM)", match: isPost("/contacts"), after: lag, at: atCommit, sig: syscall.SIGTERM,
			auth: fmt.Sprintf("access_token = %q", creds.AccessToken)},
		{name: "charges/before the request (SIGINT during the secret-key lookup)", charges: true, match: isGet("/gateway-credentials"), before: lag, at: atArrival, sig: syscall.SIGINT,
			auth: fmt.Sprintf("access_token = %q", creds.AccessToken), wantNoneSent: true},
		{name: "charges/in flight (SIGINT)", charges: true, match: isPost("/v1/recurring/charges"), before: lag, at: atArrival, sig: syscall.SIGINT,
			auth: fmt.Sprintf("secret_key = %q", creds.TestSecretKey)},
		{name: "charges/after commit (SIGINT)", charges: true, match: isPost("/v1/recurring/charges"), after: lag, at: atCommit, sig: syscall.SIGINT,
			auth: fmt.Sprintf("secret_key = %q", creds.TestSecretKey)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			sb := acctest.NewDelayedSandbox(t, tc.match, tc.before, tc.after)
			api := sb.Client(t)
			provider := fmt.Sprintf("provider \"affinipay\" {\n  base_url = %q\n  mode = \"test\"\n  %s\n}\n", sb.HTTP.URL, tc.auth)
			var config, typ string
			var listAPI func() map[string]string
			if tc.charges {
				card, err := api.CreateSavedCard(context.Background(), client.SavedCardCreate{
					Number: "4242424242424242", ExpMonth: 12, ExpYear: 2100, CVV: "123", Name: "Test Customer", PostalCode: "78701",
				})
				if err != nil {
					t.Fatal(err)
				}
				typ = "affinipay_recurring_charge"
				config = provider + fmt.Sprintf(`
resource "affinipay_recurring_charge" "this" {
  count       = %d
  method      = %q
  amount      = 1000 + count.index
  description = "Interrupted apply"
  reference   = "int-${count.index}"
  schedule = {
    start          = %q
    interval_unit  = "MONTH"
    interval_delay = 1
  }
}
`, interruptObjects, card.ID, acctest.RecurringDate(30))
				listAPI = func() map[string]string { return acctest.APIActiveCharges(t, api) }
			} else {
				typ = "affinipay_contact"
				config = provider + fmt.Sprintf(`
resource "affinipay_contact" "this" {
  count      = %d
  type       = "person"
  first_name = "Int${count.index}"
  last_name  = "Errupt"
  test_mode  = true
}
`, interruptObjects)
				listAPI = func() map[string]string {
					out := map[string]string{}
					for id, name := range acctest.APIContacts(t, api) {
						if strings.HasPrefix(name, "Int") {
							out[id] = name
						}
					}
					return out
				}
			}
			w := acctest.NewSignalWorkspace(t, config)
			trigger := sb.Arrived
			if tc.at == atCommit {
				trigger = sb.Committed
			}
			out, took := w.ApplyInterrupted(trigger, tc.sig, "-parallelism=3")
			sb.Settle(t)
			first := acctest.CompareObjects(listAPI(), w.StateIDs(typ))
			t.Logf("after the interrupted apply (exited %s after the signal): %s", took.Round(time.Millisecond), first)
			if first.Orphans != 0 || first.Duplicates != 0 {
				t.Errorf("the interrupted apply left objects state does not track: %s\n%s", first, out)
			}
			// A create waiting for its credentials when the signal came is
			// not sent. (Terraform itself may still start a create just
			// after the signal, before it stops the provider: that one is
			// sent and recorded, as the orphan check above verifies.)
			if tc.wantNoneSent && !strings.Contains(out, "the request was not sent") {
				t.Errorf("no create was held back by the signal:\n%s", out)
			}
			if took > framework.StopGrace+15*time.Second {
				t.Errorf("terraform took %s to stop", took)
			}

			sb.Undelay()
			w.Run("apply", "-auto-approve", "-input=false")
			final := acctest.CompareObjects(listAPI(), w.StateIDs(typ))
			t.Logf("after the re-apply: %s", final)
			if final.API != interruptObjects || final.State != interruptObjects || final.Duplicates != 0 || final.Orphans != 0 || final.Missing != 0 {
				t.Errorf("want exactly %d objects at the API and in state, no duplicate, orphan or missing one; got %s", interruptObjects, final)
			}
			w.Run("destroy", "-auto-approve", "-input=false")
		})
	}
}
