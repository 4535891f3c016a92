package recurringcharges_test

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/acctest"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/client"
)

// examples/retry-failed-payments run as its README says, on Terraform
// >= 1.14: `terraform query -json` finds the FAILED occurrence (and only
// it), its identity becomes the action's input, and invoking the pay
// action for it collects it once the charge has a card that works.
func TestAccExampleRetryFailedPayments(t *testing.T) {
	acctest.Parallel(t)
	acctest.AdoptSkipBelow(t, "1.14.0")
	acctest.RecurringTestClock(t)
	c := acctest.Client(t)
	declining := acctest.RecurringTestCard(t, "4000000000000002")
	good := acctest.RecurringTestCard(t, "4242424242424242")
	failedCharge, failedOcc := occurrenceFixture(t, "Monthly retainer", 125000, 10)
	_, _ = occurrenceFixture(t, "Office rent", 99900, 20)
	// The retainer's card declines: paying the occurrence fails it.
	if _, err := c.UpdateRecurringCharge(t.Context(), failedCharge, client.RecurringChargeUpdate{Method: &declining}); err != nil {
		t.Fatal(err)
	}
	if o, err := c.PayRecurringChargeOccurrence(t.Context(), failedCharge, failedOcc.ID); err != nil || o.Status != "FAILED" {
		t.Fatalf("paying with a declining card: %+v, %v; want FAILED", o, err)
	}

	w := acctest.NewCLIWorkspace(t, "1.14.0", "")
	for _, name := range []string{"main.tf", "failed.tfquery.hcl"} {
		b, err := os.ReadFile(filepath.Join("../../../examples/retry-failed-payments", name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(w.Dir, name), b, 0o600); err != nil {
			t.Fatal(err)
		}
	}

	// Step 2 of the README: the identities of `terraform query -json`.
	out := w.Run("query", "-json")
	retry := map[string]map[string]string{}
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var msg struct {
			Type  string `json:"type"`
			Found struct {
				Identity map[string]string `json:"identity"`
			} `json:"list_resource_found"`
		}
		if json.Unmarshal(sc.Bytes(), &msg) == nil && msg.Type == "list_resource_found" {
			retry[msg.Found.Identity["occurrence_id"]] = msg.Found.Identity
		}
	}
	want := map[string]map[string]string{failedOcc.ID: {"recurring_charge_id": failedCharge, "occurrence_id": failedOcc.ID}}
	if got, _ := json.Marshal(retry); string(got) != string(mustJSON(t, want)) {
		t.Fatalf("terraform query found %s; want only the FAILED occurrence %s\n%s", got, mustJSON(t, want), out)
	}
	vars, _ := json.Marshal(map[string]any{"retry": retry})
	if err := os.WriteFile(filepath.Join(w.Dir, "retry.tfvars.json"), vars, 0o600); err != nil {
		t.Fatal(err)
	}

	// Step 3: the customer's card is replaced, then the payment retried.
	if _, err := c.UpdateRecurringCharge(t.Context(), failedCharge, client.RecurringChargeUpdate{Method: &good}); err != nil {
		t.Fatal(err)
	}
	out = w.Run("apply", "-auto-approve", "-var-file=retry.tfvars.json",
		`-invoke=action.affinipay_recurring_charge_occurrence_pay.retry["`+failedOcc.ID+`"]`)
	if !strings.Contains(out, "Occurrence "+failedOcc.ID+" is PAID") {
		t.Errorf("the action did not report the payment:\n%s", out)
	}
	if o, err := c.GetRecurringChargeOccurrence(t.Context(), failedCharge, failedOcc.ID); err != nil || o.Status != "PAID" {
		t.Errorf("after the action the occurrence is %+v, %v; want PAID", o, err)
	}
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
