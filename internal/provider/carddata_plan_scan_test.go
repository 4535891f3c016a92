package provider_test

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/acctest"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/client"
)

// The documented payment-method example, run with the real terraform CLI
// the way its comments say (test card and bank data in TF_VAR_ variables
// declared ephemeral, passed to card_wo and bank_account_wo):
//
//   - no file Terraform writes holds the card number, CVV, routing or
//     account number: the saved plan file (every file in the zip,
//     including its variables and configuration snapshot), the saved plan's
//     `terraform show -json`, the state, its backup, `terraform show -json`
//     of the state, `terraform output -json`, the TRACE log, or any other
//     file in the working directory;
//   - POST /v1/tokens: 0 for a plan, 1 per payment method when the saved
//     plan is applied, 0 for a no-change plan, 0 for a refresh-only apply,
//     1 for a version bump, 0 for destroy.
//
// A positive control runs the same example with the variables declared
// `sensitive = true` instead: the same scanner must find the data in the
// saved plan, or the clean result proves nothing.
func TestAccPaymentMethodExampleKeepsCardDataOutOfFiles(t *testing.T) {
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test (TF_ACC=1)")
	}
	acctest.Parallel(t)
	acctest.SandboxOnly(t)
	const (
		cardNumber    = "4012888888881881"
		cvv           = "7391"
		routingNumber = "121000358" // ABA-valid; not the test number the example's comment shows
		accountNumber = "918273645502"
	)
	example, err := os.ReadFile(filepath.Join("..", "..", "examples", "resources", "affinipay_payment_method", "resource.tf"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(example), "ephemeral = true") || !strings.Contains(string(example), "card_wo") {
		t.Fatal("the example no longer uses ephemeral variables and card_wo: update this test with it")
	}
	secrets := []acctest.CardSecret{
		acctest.CardSecretLong("card number", cardNumber),
		acctest.CardSecretLong("bank account number", accountNumber),
		acctest.CardSecretLong("routing number", routingNumber),
		acctest.CardSecretShort("CVV", "cvv", cvv),
	}
	vars := []string{
		"TF_VAR_card_number=" + cardNumber, "TF_VAR_card_cvv=" + cvv,
		"TF_VAR_bank_routing_number=" + routingNumber, "TF_VAR_bank_account_number=" + accountNumber,
	}
	tokens := func() int64 {
		return acctest.SandboxRequestCount(acctest.SandboxFor(t), http.MethodPost, "/v1/tokens")
	}
	phases := map[string]int64{}
	var order []string
	phase := func(name string, want int64, f func()) {
		t.Helper()
		before := tokens()
		f()
		n := tokens() - before
		phases[name] = n
		order = append(order, name)
		if n != want {
			t.Errorf("%s: %d POST /v1/tokens, want %d", name, n, want)
		}
	}

	// Positive control first: with `sensitive = true` variables the plan
	// file holds every value.
	control := acctest.NewCLIWorkspace(t, "1.11.0", strings.ReplaceAll(string(example), "ephemeral = true", "sensitive = true"), vars...)
	control.Run("plan", "-input=false", "-out=tfplan")
	var leaked acctest.CardScan
	leaked.ScanDir(t, control.Dir, secrets)
	leaked.Scan("show -json tfplan", []byte(control.Run("show", "-json", "tfplan")), secrets)
	for _, s := range secrets {
		found := false
		for _, h := range leaked.Hits {
			found = found || strings.HasSuffix(h, ": "+s.Name)
		}
		if !found {
			t.Errorf("positive control: the scanner did not find the %s in a plan made with sensitive variables", s.Name)
		}
	}
	t.Logf("positive control (sensitive variables): %d files scanned, %d hits:\n%s", leaked.Files, len(leaked.Hits), leaked.Summary())

	w := acctest.NewCLIWorkspace(t, "1.11.0", string(example), vars...)
	var scan acctest.CardScan
	phase("plan -out", 0, func() { w.Run("plan", "-input=false", "-out=tfplan") })
	scan.Scan("show -json tfplan", []byte(w.Run("show", "-json", "tfplan")), secrets)
	phase("apply tfplan (create 1 card + 1 bank account)", 2, func() { w.Run("apply", "-input=false", "tfplan") })
	phase("no-change plan", 0, func() {
		if out, err := w.TryRun("plan", "-input=false", "-detailed-exitcode"); err != nil {
			t.Errorf("the plan after apply is not empty: %v\n%s", err, out)
		}
	})
	phase("apply -refresh-only", 0, func() { w.Run("apply", "-refresh-only", "-auto-approve", "-input=false") })
	phase("no-change apply", 0, func() { w.Run("apply", "-auto-approve", "-input=false") })

	// A version bump of the card, through a saved plan as well.
	cfg := w.Read("main.tf")
	bumped := strings.Replace(cfg, "payment_details_wo_version = 1", "payment_details_wo_version = 2", 1)
	if bumped == cfg {
		t.Fatal("the example has no payment_details_wo_version = 1")
	}
	if err := os.WriteFile(filepath.Join(w.Dir, "main.tf"), []byte(bumped), 0o600); err != nil {
		t.Fatal(err)
	}
	phase("plan -out (version bump)", 0, func() { w.Run("plan", "-input=false", "-out=bump.tfplan") })
	scan.Scan("show -json bump.tfplan", []byte(w.Run("show", "-json", "bump.tfplan")), secrets)
	phase("apply bump.tfplan (version bump)", 1, func() { w.Run("apply", "-input=false", "bump.tfplan") })
	state := w.Read("terraform.tfstate")
	for _, want := range []string{`"payment_details_wo_version": 2`, "************1881", "5502"} {
		if !strings.Contains(state, want) {
			t.Fatalf("the state lacks %q: the run did not do what the scan assumes", want)
		}
	}
	if _, err := os.Stat(filepath.Join(w.Dir, "terraform.tfstate.backup")); err != nil {
		t.Fatalf("no state backup to scan: %v", err)
	}
	scan.Scan("show -json (state)", []byte(w.Run("show", "-json")), secrets)
	scan.Scan("output -json", []byte(w.Run("output", "-json")), secrets)
	phase("destroy", 0, func() { w.Run("destroy", "-auto-approve", "-input=false") })
	// Everything in the working directory: both plan files (and every file
	// in them), the state, its backup, the TRACE log, the configuration.
	scan.ScanDir(t, w.Dir, secrets)
	if !strings.Contains(w.Read("trace.log"), "/v1/tokens") {
		t.Fatal("the TRACE log shows no token request: the scan would prove nothing")
	}
	if len(scan.Hits) > 0 {
		t.Errorf("card or bank data found in files Terraform wrote:\n%s", scan.Summary())
	}
	t.Logf("ephemeral variables + card_wo/bank_account_wo: %d files scanned, %d hits", scan.Files, len(scan.Hits))
	for _, name := range order {
		t.Logf("POST /v1/tokens during %s: %d", name, phases[name])
	}
}

// The documented pattern for the affinipay_payment_token ephemeral
// resource (its example): `count` keeps it closed, so no token is made and
// no card data is sent, except on the run that creates or replaces the
// card.
func TestAccPaymentTokenExampleOpensOnlyWhenNeeded(t *testing.T) {
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test (TF_ACC=1)")
	}
	acctest.Parallel(t)
	acctest.SandboxOnly(t)
	const (
		cardNumber = "4012888888881881"
		cvv        = "7391"
	)
	example, err := os.ReadFile(filepath.Join("..", "..", "examples", "ephemeral-resources", "affinipay_payment_token", "ephemeral-resource.tf"))
	if err != nil {
		t.Fatal(err)
	}
	contact, err := acctest.Client(t).CreateContact(t.Context(), &client.ContactCreate{
		Type: client.ContactTypePerson, FirstName: "Lu", LastName: "Harper", TestMode: true,
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = acctest.Client(t).DeleteContact(context.Background(), contact.ID) })
	w := acctest.NewCLIWorkspace(t, "1.11.0", string(example),
		"TF_VAR_card_number="+cardNumber, "TF_VAR_card_cvv="+cvv, "TF_VAR_contact_id="+contact.ID)
	tokens := func() int64 {
		return acctest.SandboxRequestCount(acctest.SandboxFor(t), http.MethodPost, "/v1/tokens")
	}
	phase := func(name string, want int64, args ...string) string {
		t.Helper()
		before := tokens()
		out, err := w.TryRun(args...)
		n := tokens() - before
		t.Logf("POST /v1/tokens during %s: %d", name, n)
		if err != nil && (len(args) == 0 || args[len(args)-1] != "-detailed-exitcode") {
			t.Fatalf("%s: %v\n%s", name, err, out)
		}
		if n != want {
			t.Errorf("%s: %d POST /v1/tokens, want %d", name, n, want)
		}
		return out
	}
	// The run that opens it opens it twice: at plan and at apply.
	phase("apply (create, replace_card=true)", 2, "apply", "-auto-approve", "-input=false", "-var", "replace_card=true")
	if out, err := w.TryRun("plan", "-input=false", "-detailed-exitcode"); err != nil {
		t.Errorf("the plan after apply is not empty: %v\n%s", err, out)
	}
	phase("plan (replace_card unset)", 0, "plan", "-input=false")
	phase("apply -refresh-only", 0, "apply", "-refresh-only", "-auto-approve", "-input=false")
	cfg := w.Read("main.tf")
	bumped := strings.Replace(cfg, "one_time_token_wo_version = 1", "one_time_token_wo_version = 2", 1)
	if bumped == cfg {
		t.Fatal("the example has no one_time_token_wo_version = 1")
	}
	if err := os.WriteFile(filepath.Join(w.Dir, "main.tf"), []byte(bumped), 0o600); err != nil {
		t.Fatal(err)
	}
	phase("apply (replace_card=true, version bumped)", 2, "apply", "-auto-approve", "-input=false", "-var", "replace_card=true")
	if out, err := w.TryRun("plan", "-input=false", "-detailed-exitcode"); err != nil {
		t.Errorf("the plan after the replacement is not empty: %v\n%s", err, out)
	}
	if state := w.Read("terraform.tfstate"); !strings.Contains(state, `"one_time_token_wo_version": 2`) {
		t.Fatal("the card was not replaced: one_time_token_wo_version is not 2 in the state")
	}
	phase("destroy", 0, "destroy", "-auto-approve", "-input=false")
	var scan acctest.CardScan
	scan.ScanDir(t, w.Dir, []acctest.CardSecret{acctest.CardSecretLong("card number", cardNumber), acctest.CardSecretShort("CVV", "cvv", cvv)})
	if len(scan.Hits) > 0 {
		t.Errorf("card data found in files Terraform wrote:\n%s", scan.Summary())
	}
	t.Logf("%d files scanned, %d hits", scan.Files, len(scan.Hits))
}
