package provider_test

import (
	"fmt"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/acctest"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/sandbox"
)

// The pay action never sends a payment twice. Its reply lost after the
// payment committed: the occurrence is read back PAID and the action
// succeeds with a warning, one pay request sent. Its payment committing
// only after the reply was lost: the occurrence read back is not PAID yet,
// and the action fails saying the payment may have been collected and
// naming the occurrence to check, one pay request sent; the payment lands.
func TestAccWriteProtocol_payActionUnknownOutcome(t *testing.T) {
	acctest.Parallel(t)
	acctest.SandboxOnly(t)
	for _, tc := range []struct {
		name string
		rule sandbox.FaultRule
		want []string
		fail bool
	}{
		{name: "reply lost after the payment", rule: sandbox.FaultRule{Commit: sandbox.CommitAfter, Status: 502},
			want: []string{"Payment settled by reading the occurrence back", "is PAID"}},
		{name: "payment committing after the reply is lost", rule: sandbox.FaultRule{Commit: sandbox.CommitLater, Drop: true, CommitDelayMS: 1500},
			want: []string{"Payment outcome unknown: it may have been collected", "before running the action again"}, fail: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			acctest.Parallel(t)
			f := acctest.AdoptSetup(t)
			c := acctest.Client(t)
			sb := acctest.SandboxFor(t)
			occs, err := c.ListRecurringChargeOccurrences(t.Context(), f.ChargeID)
			if err != nil || len(occs) == 0 {
				t.Fatalf("occurrences of %s: %v %v", f.ChargeID, occs, err)
			}
			first := occs[0].ID
			w := acctest.NewCLIWorkspace(t, "1.14.0", cliActionConfig(f.ChargeID, first, first))
			rule := tc.rule
			rule.Method, rule.Path, rule.Times = "POST", "/v1/recurring/charges/*/occurrences/*/pay", 1
			if err := sb.SetFaultRules([]sandbox.FaultRule{rule}); err != nil {
				t.Fatal(err)
			}
			pays := acctest.SandboxRequestCount(sb, "POST", "/v1/recurring/charges/{id}/occurrences/{oid}/pay")
			out, err := w.TryRun("apply", "-auto-approve", "-invoke=action.affinipay_recurring_charge_occurrence_pay.pay")
			sb.WaitDelayedCommits()
			if (err != nil) != tc.fail {
				t.Fatalf("apply -invoke: err %v, want failure %v:\n%s", err, tc.fail, out)
			}
			for _, s := range tc.want {
				if !acctest.WrapRe(s).MatchString(out) {
					t.Errorf("output lacks %q:\n%s", s, out)
				}
			}
			if tc.fail && !strings.Contains(out, first) {
				t.Errorf("the error does not name occurrence %s:\n%s", first, out)
			}
			if n := acctest.SandboxRequestCount(sb, "POST", "/v1/recurring/charges/{id}/occurrences/{oid}/pay") - pays; n != 1 {
				t.Errorf("%d pay requests sent, want exactly 1 (never re-sent)", n)
			}
			if o, err := c.GetRecurringChargeOccurrence(t.Context(), f.ChargeID, first); err != nil || o.Status != "PAID" || len(o.Transactions) != 1 {
				t.Fatalf("the occurrence is %+v (%v), want PAID once", o, err)
			}
		})
	}
}

// A create whose credentials are missing (no access token for the Contact
// API) fails before any request is sent: an error, nothing recorded, no
// request counted.
func TestAccWriteProtocol_credentialsMissingBeforeAnyRequest(t *testing.T) {
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test (TF_ACC=1)")
	}
	t.Parallel()
	sb := sandbox.New(sandbox.Options{})
	srv := httptest.NewServer(sb)
	t.Cleanup(srv.Close)
	w := acctest.NewSignalWorkspace(t, fmt.Sprintf(`
provider "affinipay" {
  base_url   = %q
  mode       = "test"
  secret_key = %q
}

resource "affinipay_contact" "m" {
  type       = "person"
  first_name = "No"
  last_name  = "Token"
  test_mode  = true
}
`, srv.URL, sandbox.DefaultCredentials().TestSecretKey))
	out, err := w.Try("apply", "-auto-approve", "-input=false")
	if err == nil {
		t.Fatalf("the apply succeeded without an access token:\n%s", out)
	}
	if !acctest.WrapRe("The request was not sent to AffiniPay, so nothing was created").MatchString(out) {
		t.Errorf("the error does not say nothing was sent:\n%s", out)
	}
	if ids := w.StateIDs("affinipay_contact"); len(ids) != 0 {
		t.Errorf("a create that was never sent is recorded in state: %v", ids)
	}
	if n := acctest.SandboxWrites(sb); n != 0 {
		t.Errorf("%d writes reached the sandbox, want 0", n)
	}
}
