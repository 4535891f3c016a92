package provider_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/acctest"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/client"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/sandbox"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/services/contacts"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/services/merchant"
)

// The write protocol's fault matrix: every resource that writes x every
// class of failure the sandbox can inject around the commit
// (sandbox.FaultRule). Each case: apply with the fault (whatever its exit
// status), then clear the faults, wait for delayed commits, and apply
// again plainly. The plain apply must plan no replacement and no delete,
// and succeed; then the API holds exactly the objects state records (no
// second object, none lost) and the next plan is empty.
//
// A case fails when the protocol's classification is bypassed: a create
// whose 5xx, cut connection or malformed reply were taken as "nothing
// created" leaves a second object after the plain apply; one taken as a
// plain failure of a create that the API committed leaves an orphan; a
// tainted or removed unsettled record plans a replacement.
func TestAccWriteProtocol_faultMatrix(t *testing.T) {
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test (TF_ACC=1)")
	}
	t.Parallel()
	type class struct {
		name  string
		rules func(write, lookup string) []sandbox.FaultRule
		// lookupFails: the case also fails the follow-up lookup, which
		// only resources with a lookup path of their own take.
		lookupFails bool
		// interrupt: Terraform is sent SIGINT while the write is held in
		// flight at the API.
		interrupt bool
	}
	after := func(status int, body string, times int) func(string, string) []sandbox.FaultRule {
		return func(w, _ string) []sandbox.FaultRule {
			m, p, _ := strings.Cut(w, " ")
			return []sandbox.FaultRule{{Method: m, Path: p, Times: times, Commit: sandbox.CommitAfter, Status: status, Body: body}}
		}
	}
	classes := []class{
		{name: "500 before commit", rules: func(w, _ string) []sandbox.FaultRule {
			m, p, _ := strings.Cut(w, " ")
			return []sandbox.FaultRule{{Method: m, Path: p, Times: 1, Commit: sandbox.CommitBefore, Status: 500}}
		}},
		{name: "4xx refused", rules: func(w, _ string) []sandbox.FaultRule {
			m, p, _ := strings.Cut(w, " ")
			return []sandbox.FaultRule{{Method: m, Path: p, Times: 1, Commit: sandbox.CommitBefore, Status: 422,
				Body: `{"messages":[{"code":"invalid_data","level":"error","message":"Refused by the fault matrix"}]}`}}
		}},
		{name: "500 after commit", rules: after(500, "", 1)},
		{name: "502 after commit on every try", rules: after(502, "", -1)},
		{name: "503 after commit on every try", rules: after(503, "", -1)},
		{name: "504 after commit on every try", rules: after(504, "", -1)},
		{name: "connection cut after commit", rules: func(w, _ string) []sandbox.FaultRule {
			m, p, _ := strings.Cut(w, " ")
			return []sandbox.FaultRule{{Method: m, Path: p, Times: 1, Commit: sandbox.CommitAfter, Drop: true}}
		}},
		{name: "200 {} after commit", rules: after(200, "{}", 1)},
		{name: "200 null after commit", rules: after(200, "null", 1)},
		{name: "200 without id after commit", rules: after(200, `{"status":"ok"}`, 1)},
		{name: "commit 2s after the reply is lost", rules: func(w, _ string) []sandbox.FaultRule {
			m, p, _ := strings.Cut(w, " ")
			return []sandbox.FaultRule{{Method: m, Path: p, Times: 1, Commit: sandbox.CommitLater, Drop: true, CommitDelayMS: 2000}}
		}},
		{name: "SIGINT during the write", interrupt: true, rules: func(w, _ string) []sandbox.FaultRule {
			m, p, _ := strings.Cut(w, " ")
			return []sandbox.FaultRule{{Method: m, Path: p, Times: 1, Commit: sandbox.CommitAfter, Reply: true, HoldMS: 1500}}
		}},
		{name: "500 after commit and the lookup failing", lookupFails: true, rules: func(w, l string) []sandbox.FaultRule {
			m, p, _ := strings.Cut(w, " ")
			lm, lp, _ := strings.Cut(l, " ")
			return []sandbox.FaultRule{
				{Method: m, Path: p, Times: 1, Commit: sandbox.CommitAfter, Status: 500},
				{Method: lm, Path: lp, Times: 2, Commit: sandbox.CommitBefore, Status: 503},
			}
		}},
	}
	for _, res := range matrixResources() {
		for _, cl := range classes {
			if cl.lookupFails && res.lookup == "" {
				continue
			}
			t.Run(res.name+"/"+cl.name, func(t *testing.T) {
				t.Parallel()
				sb := sandbox.New(sandbox.Options{})
				sb.SetNow(acctest.RecurringTestNow)
				srv := httptest.NewServer(sb)
				t.Cleanup(srv.Close)
				api := matrixClient(t, srv.URL)
				config := fmt.Sprintf("provider \"affinipay\" {\n  base_url = %q\n  mode = \"test\"\n  secret_key = %q\n  access_token = %q\n  public_key = %q\n  max_retries = 1\n}\n",
					srv.URL, sandbox.DefaultCredentials().TestSecretKey, sandbox.DefaultCredentials().AccessToken, sandbox.DefaultCredentials().PublicKey) +
					res.config(t, api)
				w := acctest.NewSignalWorkspace(t, config)
				if res.minVersion != "" {
					acctest.SkipCLIBelow(t, w.Tf, res.minVersion)
				}
				if err := sb.SetFaultRules(cl.rules(res.write, res.lookup)); err != nil {
					t.Fatal(err)
				}
				var out string
				var err error
				if cl.interrupt {
					// SIGINT to this test's own terraform process, once the
					// write has reached the API and is held there.
					trigger := make(chan struct{})
					go func() {
						defer close(trigger)
						for end := time.Now().Add(45 * time.Second); sb.FaultRuleHits() == 0 && time.Now().Before(end); {
							time.Sleep(20 * time.Millisecond)
						}
					}()
					out, _ = w.ApplyInterrupted(trigger, syscall.SIGINT)
				} else {
					out, err = w.Try("apply", "-auto-approve", "-input=false")
				}
				if sb.FaultRuleHits() == 0 {
					t.Fatalf("the fault never applied (rules %+v); apply output:\n%s", cl.rules(res.write, res.lookup), out)
				}
				outcome := "applied"
				switch {
				case strings.Contains(out, "is recorded as unsettled"):
					outcome = "recorded as unsettled (warning)"
				case strings.Contains(out, "create was settled") || strings.Contains(out, "Payment settled"):
					outcome = "settled by lookup (warning)"
				case err != nil:
					outcome = "error, nothing recorded"
				}
				t.Logf("MATRIX %s | %s | first apply: %s", res.name, cl.name, outcome)
				if err := sb.SetFaultRules(nil); err != nil {
					t.Fatal(err)
				}
				sb.WaitDelayedCommits()

				w.Run("plan", "-input=false", "-out=second.tfplan")
				if bad := w.PlannedDestroys("second.tfplan"); len(bad) > 0 {
					t.Fatalf("the plain apply after the fault plans a replacement or delete: %v", bad)
				}
				w.Run("apply", "-input=false", "second.tfplan")
				if out, err := w.Try("plan", "-input=false", "-detailed-exitcode"); err != nil {
					t.Fatalf("the plan after the plain apply is not empty (%v):\n%s", err, out)
				}
				apiIDs := res.apiIDs(t, api)
				stateIDs := w.StateIDs(res.typ)
				slices.Sort(apiIDs)
				slices.Sort(stateIDs)
				if !slices.Equal(apiIDs, stateIDs) {
					t.Fatalf("API objects %v, state %v: want exactly the objects state records", apiIDs, stateIDs)
				}
			})
		}
	}
}

// matrixResource is one writing resource of the fault matrix.
type matrixResource struct {
	name, typ  string
	write      string // "METHOD path-pattern" of the write the fault hits
	lookup     string // "METHOD path" of the create's lookup ("" when it reads the object back instead)
	minVersion string
	config     func(t *testing.T, api *client.Client) string
	apiIDs     func(t *testing.T, api *client.Client) []string
}

func matrixResources() []matrixResource {
	contact := `
resource "affinipay_contact" "m" {
  type       = "person"
  first_name = "Matrix"
  last_name  = "Payer"
  test_mode  = true
}
`
	contactIDs := func(t *testing.T, api *client.Client) []string {
		var ids []string
		for id, name := range acctest.APIContacts(t, api) {
			if name == "Matrix" {
				ids = append(ids, id)
			}
		}
		return ids
	}
	return []matrixResource{
		{name: "contact", typ: "affinipay_contact", write: "POST /contacts", lookup: "GET /contacts/source-id",
			config: func(*testing.T, *client.Client) string { return contact }, apiIDs: contactIDs},
		{name: "payment_method", typ: "affinipay_payment_method", write: "POST /contacts/*/payment-methods", lookup: "GET /contacts/*/payment-methods",
			minVersion: "1.11.0",
			config: func(*testing.T, *client.Client) string {
				return contact + `
ephemeral "affinipay_payment_token" "card" {
  card = {
    number      = "4242424242424242"
    exp_month   = 10
    exp_year    = 2100
    cvv         = "123"
    name        = "Lu Harper"
    postal_code = "78701"
  }
}

resource "affinipay_payment_method" "m" {
  contact_id                = affinipay_contact.m.id
  payment_type              = "credit_card"
  test_mode                 = true
  one_time_token_wo         = ephemeral.affinipay_payment_token.card.id
  one_time_token_wo_version = 1
}
`
			},
			apiIDs: func(t *testing.T, api *client.Client) []string {
				var ids []string
				for _, cid := range contactIDs(t, api) {
					pms, err := api.ListPaymentMethods(context.Background(), cid)
					if err != nil {
						t.Fatal(err)
					}
					for _, pm := range pms {
						ids = append(ids, pm.ID)
					}
				}
				return ids
			}},
		{name: "recurring_charge", typ: "affinipay_recurring_charge", write: "POST /v1/recurring/charges", lookup: "GET /v1/recurring/charges",
			config: func(t *testing.T, api *client.Client) string {
				card, err := api.CreateSavedCard(context.Background(), client.SavedCardCreate{
					Number: "4242424242424242", ExpMonth: 12, ExpYear: 2100, CVV: "123", Name: "Matrix Customer", PostalCode: "78701",
				})
				if err != nil {
					t.Fatal(err)
				}
				return fmt.Sprintf(`
resource "affinipay_recurring_charge" "m" {
  method      = %q
  amount      = 1500
  description = "Fault matrix"
  reference   = "matrix"
  schedule = {
    start          = %q
    interval_unit  = "MONTH"
    interval_delay = 1
  }
}
`, card.ID, acctest.RecurringDate(30))
			},
			apiIDs: func(t *testing.T, api *client.Client) []string {
				var ids []string
				for id := range acctest.APIActiveCharges(t, api) {
					ids = append(ids, id)
				}
				return ids
			}},
		{name: "contact_tag", typ: "affinipay_contact_tag", write: "PATCH /contacts/*",
			config: func(*testing.T, *client.Client) string {
				return contact + `
resource "affinipay_contact_tag" "m" {
  contact_id = affinipay_contact.m.id
  tag        = "matrix"
}
`
			},
			apiIDs: func(t *testing.T, api *client.Client) []string {
				var ids []string
				for _, cid := range contactIDs(t, api) {
					c, err := api.GetContact(context.Background(), cid)
					if err != nil {
						t.Fatal(err)
					}
					for _, tag := range c.Tags {
						if tag == "matrix" {
							ids = append(ids, contacts.ContactTagID(cid, tag))
						}
					}
				}
				return ids
			}},
		{name: "webhook_endpoint", typ: "affinipay_webhook_endpoint", write: "PATCH /v1/merchant",
			config: func(*testing.T, *client.Client) string {
				return `
resource "affinipay_webhook_endpoint" "m" {
  url  = "https://hooks.example.com/matrix"
  mode = "test"
}
`
			},
			apiIDs: func(t *testing.T, api *client.Client) []string {
				m, err := api.GetMerchant(context.Background())
				if err != nil {
					t.Fatal(err)
				}
				var ids []string
				for _, u := range merchant.SplitEventsURLs(m.TestEventsURLs) {
					if u == "https://hooks.example.com/matrix" {
						ids = append(ids, "test:"+u)
					}
				}
				return ids
			}},
	}
}

func matrixClient(t *testing.T, baseURL string) *client.Client {
	t.Helper()
	creds := sandbox.DefaultCredentials()
	c, err := client.New(client.Config{BaseURL: baseURL, SecretKey: creds.TestSecretKey, AccessToken: creds.AccessToken,
		PublicKey: creds.PublicKey, Mode: client.ModeTest})
	if err != nil {
		t.Fatal(err)
	}
	return c
}
