package provider_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/acctest"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/client"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/sandbox"
)

const stubContactConfig = `
resource "affinipay_contact" "this" {
  type       = "person"
  first_name = "Mal"
  last_name  = "Formed"
  test_mode  = true
  timeouts = {
    create = "20s"
  }
}
`

// malformedShapes are 2xx replies a create cannot use, and the reason the
// error must give.
var malformedShapes = []struct{ name, body, reason string }{
	{"empty body", "", `empty body`},
	{"empty object", `{}`, `no "id"`},
	{"null", `null`, `null`},
	{"only messages", `{"messages":[{"code":"created","level":"info","message":"Created"}]}`, `no "id"`},
	{"object without id", `{"type":"person","first_name":"Mal","access_token":"leaked-token-value"}`, `no "id"`},
}

// A 2xx reply to POST /contacts that cannot be used is an unknown outcome:
// nothing with an empty ID reaches state, the create is recorded as
// unsettled, and the next apply creates the contact once and deletes
// nothing. When the lookup by
// source_id finds that the create did commit, the contact is adopted.
func TestAccContactResource_malformedCreateReply(t *testing.T) {
	acctest.Parallel(t)
	for _, shape := range malformedShapes {
		t.Run(shape.name+"/not committed", func(t *testing.T) {
			t.Parallel()
			stub := acctest.NewStubContactAPI(t)
			reply := func(w http.ResponseWriter, r *http.Request) bool {
				if r.Method != http.MethodPost || r.URL.Path != "/contacts" {
					return false
				}
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(http.StatusCreated)
				_, _ = w.Write([]byte(shape.body))
				return true
			}
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.Factories(t),
				Steps: []resource.TestStep{
					{
						// The outcome is unknown and the lookup finds no
						// contact yet: recorded as unsettled (a warning, not
						// an error, so not tainted); the refresh after the
						// apply finds nothing and removes the record, so a
						// create is planned again.
						PreConfig: func() { stub.SetOverride(reply) },
						Config:    stub.ProviderConfig() + stubContactConfig,
						Check: func(s *terraform.State) error {
							if id := s.RootModule().Resources["affinipay_contact.this"].Primary.ID; !strings.HasPrefix(id, "unsettled:terraform:") {
								return fmt.Errorf("state ID %q, want the unsettled record", id)
							}
							return nil
						},
						ExpectNonEmptyPlan: true,
					},
					{
						PreConfig: func() {
							stub.SetOverride(nil)
							if n := len(stub.Contacts()); n != 0 {
								t.Errorf("the stub holds %d contacts before the second apply", n)
							}
						},
						Config: stub.ProviderConfig() + stubContactConfig,
						ConfigStateChecks: []statecheck.StateCheck{
							statecheck.ExpectKnownValue("affinipay_contact.this", tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^p_stub`))),
							stubCheck(func() error {
								if n := stub.Count("DELETE /contacts/"); n != 0 {
									return fmt.Errorf("%d DELETE /contacts/ (an empty ID reached state)", n)
								}
								if ids := stub.Contacts(); len(ids) != 1 {
									return fmt.Errorf("want 1 contact at the API, got %v", ids)
								}
								return nil
							}),
						},
					},
				},
			})
		})
	}
	t.Run("object without id/committed", func(t *testing.T) {
		t.Parallel()
		stub := acctest.NewStubContactAPI(t)
		stub.SetOverride(func(w http.ResponseWriter, r *http.Request) bool {
			if r.Method != http.MethodPost || r.URL.Path != "/contacts" {
				return false
			}
			stub.Create(r) // committed, but answered with {}
			w.WriteHeader(http.StatusCreated)
			_, _ = w.Write([]byte(`{}`))
			return true
		})
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.Factories(t),
			Steps: []resource.TestStep{{
				Config: stub.ProviderConfig() + stubContactConfig,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("affinipay_contact.this", tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^p_stub`))),
					stubCheck(func() error {
						if n := stub.Count("POST /contacts"); n != 1 {
							return fmt.Errorf("%d POST /contacts, want 1", n)
						}
						if n := stub.Count("GET /contacts/source-id"); n != 1 {
							return fmt.Errorf("%d lookups by source_id, want 1", n)
						}
						return nil
					}),
				},
			}},
		})
	})
}

// A GET /status reply without `status` is an error, not an empty value.
func TestAccStatusDataSource_malformedReply(t *testing.T) {
	acctest.Parallel(t)
	shapes := map[string]string{"empty body": "", "empty object": "{}", "null": "null", "only messages": `{"messages":[]}`, "not JSON": "<html>"}
	reasons := map[string]string{"empty body": "empty body", "empty object": `no "status"`, "null": "null", "only messages": `no "status"`, "not JSON": "not the JSON expected"}
	for name, body := range shapes {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			stub := acctest.NewStubContactAPI(t)
			stub.SetOverride(func(w http.ResponseWriter, r *http.Request) bool {
				_, _ = w.Write([]byte(body))
				return true
			})
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.Factories(t),
				Steps: []resource.TestStep{{
					Config:      stub.ProviderConfig() + `data "affinipay_status" "this" {}`,
					ExpectError: wrappedRegexp("GET /status answered 200 OK but the reply is unusable (" + reasons[name]),
				}},
			})
		})
	}
}

// wrappedRegexp matches text however Terraform wrapped its lines.
func wrappedRegexp(text string) *regexp.Regexp {
	parts := strings.Fields(text)
	for i, p := range parts {
		parts[i] = regexp.QuoteMeta(p)
	}
	return regexp.MustCompile(`(?s)` + strings.Join(parts, `\s+`))
}

// stubCheck is a state check that runs f.
type stubCheckFunc func() error

func stubCheck(f func() error) statecheck.StateCheck { return stubCheckFunc(f) }

func (f stubCheckFunc) CheckState(_ context.Context, _ statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	resp.Error = f()
}

// Every operation ends within its timeout (plus a margin for Terraform
// itself) against an API that never answers, counting the create's lookup;
// and fails at once, saying how long, when the API asks to wait longer than
// what remains.
func TestAccContactResource_timeoutsBound(t *testing.T) {
	acctest.Parallel(t)
	const timeout = 2 * time.Second
	const margin = 1500 * time.Millisecond
	config := func(extra string) string {
		return `
resource "affinipay_contact" "this" {
  type       = "person"
  first_name = "Time"
  last_name  = "Bound` + extra + `"
  test_mode  = true
  timeouts = {
    create = "2s"
    read   = "2s"
    update = "2s"
    delete = "2s"
  }
}
`
	}
	stallOn := func(method, prefix string) func(w http.ResponseWriter, r *http.Request) bool {
		return func(w http.ResponseWriter, r *http.Request) bool {
			if (method == "" && r.URL.Path != "/status") || (r.Method == method && strings.HasPrefix(r.URL.Path, prefix)) {
				acctest.Stall(w, r)
				return true
			}
			return false
		}
	}
	retryAfter := func(w http.ResponseWriter, r *http.Request) bool {
		if r.URL.Path == "/status" {
			return false
		}
		w.Header().Set("Retry-After", "99999")
		w.WriteHeader(http.StatusTooManyRequests)
		return true
	}
	var spans []string
	stub := acctest.NewStubContactAPI(t)
	// ops is how many bounded operations the step runs against the
	// stalled API: a create whose outcome stays unknown is recorded as
	// unsettled without an error, so the refresh after it (its own read
	// timeout) runs too, and the plan after it refreshes again.
	check := func(name string, stalled bool, ops ...int) func() {
		return func() {
			span := stub.Span()
			spans = append(spans, fmt.Sprintf("%s: %s", name, span.Round(10*time.Millisecond)))
			n := time.Duration(1)
			if len(ops) > 0 {
				n = time.Duration(ops[0])
			}
			if stalled && span > n*timeout+margin {
				t.Errorf("%s took %s against a stalled API, timeout %s", name, span, timeout)
			}
			if !stalled && span > 500*time.Millisecond {
				t.Errorf("%s took %s after a Retry-After longer than the timeout; want an immediate failure", name, span)
			}
			stub.SetOverride(nil)
		}
	}
	cfg := stub.ProviderConfig()
	waitErr := wrappedRegexp("asked to wait 27h46m39s before retrying (Retry-After)")
	timeoutErr := regexp.MustCompile(`(?s)context deadline exceeded|Client.Timeout|timed out`)
	steps := []resource.TestStep{
		{PreConfig: func() { stub.SetOverride(stallOn("", "")) }, Config: cfg + config(""), ExpectError: timeoutErr},
		{PreConfig: func() {
			check("create and the refreshes after it (POST, lookup and GET stalled)", true, 3)()
			stub.SetOverride(retryAfter)
		}, Config: cfg + config(""), ExpectError: waitErr},
		{PreConfig: func() { check("create (Retry-After: 99999)", false)() }, Config: cfg + config("")},
		{PreConfig: func() { stub.SetOverride(stallOn(http.MethodGet, "/contacts/")) }, Config: cfg + config(""), PlanOnly: true, ExpectError: timeoutErr},
		{PreConfig: func() { check("read (GET stalled)", true)(); stub.SetOverride(stallOn(http.MethodPatch, "/contacts/")) }, Config: cfg + config("2"), ExpectError: timeoutErr},
		{PreConfig: func() { check("update (PATCH stalled)", true)(); stub.SetOverride(retryAfter) }, Config: cfg + config("2"), ExpectError: waitErr},
		{PreConfig: func() {
			check("update (Retry-After: 99999)", false)()
			stub.SetOverride(stallOn(http.MethodDelete, "/contacts/"))
		}, Config: cfg + config(""), Destroy: true, ExpectError: timeoutErr},
		{PreConfig: func() { check("delete (DELETE stalled)", true)() }, Config: cfg + config("")},
	}
	resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: acctest.Factories(t), Steps: steps})
	t.Logf("time from the first request of the operation to its failure, timeouts %s: %s", timeout, strings.Join(spans, "; "))
}

// A create whose outcome stays unknown (the POST committed but its reply
// never came, and the lookup by source_id failed too) is recorded as
// unsettled:<source_id>, untainted; the next refresh settles it by
// source_id in place (no replacement) and ends with exactly one contact at
// the API and in state, and an empty plan.
func TestAccContactResource_unsettledCreate(t *testing.T) {
	acctest.Parallel(t)
	stub := acctest.NewStubContactAPI(t)
	config := stub.ProviderConfig() + `
resource "affinipay_contact" "this" {
  type       = "person"
  first_name = "Un"
  last_name  = "Settled"
  test_mode  = true
  timeouts = {
    create = "2s"
  }
}
`
	lost := func(w http.ResponseWriter, r *http.Request) bool {
		switch {
		case r.Method == http.MethodPost && r.URL.Path == "/contacts":
			stub.Mu.Lock()
			committed := len(stub.ByID) > 0
			stub.Mu.Unlock()
			if !committed {
				stub.Create(r)
			}
			acctest.Stall(w, r) // the reply never comes
			return true
		case r.URL.Path == "/contacts/source-id":
			w.WriteHeader(http.StatusBadGateway)
			return true
		}
		return false
	}
	var settledID string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.Factories(t),
		Steps: []resource.TestStep{
			{
				// Recorded untainted, with a warning: the post-apply
				// refresh (the API answers again) settles it in place.
				PreConfig: func() { stub.SetOverride(lost) },
				Config:    config,
				Check: func(s *terraform.State) error {
					id := s.RootModule().Resources["affinipay_contact.this"].Primary.ID
					if !strings.HasPrefix(id, "unsettled:terraform:") {
						return fmt.Errorf("state ID %q, want the unsettled record", id)
					}
					stub.SetOverride(nil)
					if ids := stub.Contacts(); len(ids) != 1 {
						return fmt.Errorf("the lost create did not commit: %v", ids)
					}
					return nil
				},
			},
			{
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				Config:           config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("affinipay_contact.this", tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^p_stub`))),
					stubCheck(func() error {
						ids := stub.Contacts()
						if len(ids) != 1 {
							return fmt.Errorf("want exactly 1 contact at the API after the second apply, got %v", ids)
						}
						settledID = ids[0]
						return nil
					}),
				},
			},
			{Config: config, PlanOnly: true},
		},
	})
	t.Logf("settled contact %s; POST /contacts %d, DELETE %d", settledID, stub.Count("POST /contacts"), stub.Count("DELETE /contacts/"+settledID))
}

// A recurring charge whose create committed but was answered with an
// unusable reply is found by the lookup and adopted: one charge at the API,
// the same one in state.
func TestAccRecurringChargeResource_malformedCreateReply(t *testing.T) {
	acctest.Parallel(t)
	for name, body := range map[string]string{"empty body": "", "object without id": `{"amount":1500}`} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			sb := acctest.NewDelayedSandbox(t, func(*http.Request) bool { return false }, 0, 0)
			wrapped := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.Method == http.MethodPost && r.URL.Path == "/v1/recurring/charges" {
					sb.Srv.ServeHTTP(httptest.NewRecorder(), r) // committed
					w.WriteHeader(http.StatusCreated)
					_, _ = w.Write([]byte(body))
					return
				}
				sb.Srv.ServeHTTP(w, r)
			}))
			t.Cleanup(wrapped.Close)
			api := sb.Client(t)
			card, err := api.CreateSavedCard(t.Context(), client.SavedCardCreate{
				Number: "4242424242424242", ExpMonth: 12, ExpYear: 2100, CVV: "123", Name: "Test Customer", PostalCode: "78701",
			})
			if err != nil {
				t.Fatal(err)
			}
			creds := sandbox.DefaultCredentials()
			config := fmt.Sprintf(`
provider "affinipay" {
  base_url   = %q
  secret_key = %q
  mode       = "test"
}
resource "affinipay_recurring_charge" "this" {
  method      = %q
  amount      = 1500
  description = "Malformed reply"
  schedule = {
    start          = %q
    interval_unit  = "MONTH"
    interval_delay = 1
  }
}
`, wrapped.URL, creds.TestSecretKey, card.ID, acctest.RecurringDate(30))
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.Factories(t),
				Steps: []resource.TestStep{{
					Config: config,
					ConfigStateChecks: []statecheck.StateCheck{
						stubCheck(func() error {
							active := acctest.APIActiveCharges(t, api)
							if len(active) != 1 {
								return fmt.Errorf("want 1 active charge at the API, got %d", len(active))
							}
							return nil
						}),
						statecheck.ExpectKnownValue("affinipay_recurring_charge.this", tfjsonpath.New("status"), knownvalue.StringExact("ACTIVE")),
					},
					Check: func(s *terraform.State) error {
						id := s.RootModule().Resources["affinipay_recurring_charge.this"].Primary.ID
						if _, ok := acctest.APIActiveCharges(t, api)[id]; !ok {
							return fmt.Errorf("state holds %q, not the charge at the API", id)
						}
						return nil
					},
				}},
			})
		})
	}
}
