package provider

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

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
	testAccParallel(t)
	testAccSandboxOnly(t)
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
	secrets := []cardSecret{
		cardSecretLong("card number", cardNumber),
		cardSecretLong("bank account number", accountNumber),
		cardSecretLong("routing number", routingNumber),
		cardSecretShort("CVV", "cvv", cvv),
	}
	vars := []string{
		"TF_VAR_card_number=" + cardNumber, "TF_VAR_card_cvv=" + cvv,
		"TF_VAR_bank_routing_number=" + routingNumber, "TF_VAR_bank_account_number=" + accountNumber,
	}
	tokens := func() int64 { return sandboxRequestCount(testAccSandboxFor(t), http.MethodPost, "/v1/tokens") }
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
	control := newCLIWorkspace(t, "1.11.0", strings.ReplaceAll(string(example), "ephemeral = true", "sensitive = true"), vars...)
	control.run("plan", "-input=false", "-out=tfplan")
	var leaked cardScan
	leaked.scanDir(t, control.dir, secrets)
	leaked.scan("show -json tfplan", []byte(control.run("show", "-json", "tfplan")), secrets)
	for _, s := range secrets {
		found := false
		for _, h := range leaked.hits {
			found = found || strings.HasSuffix(h, ": "+s.name)
		}
		if !found {
			t.Errorf("positive control: the scanner did not find the %s in a plan made with sensitive variables", s.name)
		}
	}
	t.Logf("positive control (sensitive variables): %d files scanned, %d hits:\n%s", leaked.files, len(leaked.hits), leaked.summary())

	w := newCLIWorkspace(t, "1.11.0", string(example), vars...)
	var scan cardScan
	phase("plan -out", 0, func() { w.run("plan", "-input=false", "-out=tfplan") })
	scan.scan("show -json tfplan", []byte(w.run("show", "-json", "tfplan")), secrets)
	phase("apply tfplan (create 1 card + 1 bank account)", 2, func() { w.run("apply", "-input=false", "tfplan") })
	phase("no-change plan", 0, func() {
		if out, err := w.tryRun("plan", "-input=false", "-detailed-exitcode"); err != nil {
			t.Errorf("the plan after apply is not empty: %v\n%s", err, out)
		}
	})
	phase("apply -refresh-only", 0, func() { w.run("apply", "-refresh-only", "-auto-approve", "-input=false") })
	phase("no-change apply", 0, func() { w.run("apply", "-auto-approve", "-input=false") })

	// A version bump of the card, through a saved plan as well.
	cfg := w.read("main.tf")
	bumped := strings.Replace(cfg, "payment_details_wo_version = 1", "payment_details_wo_version = 2", 1)
	if bumped == cfg {
		t.Fatal("the example has no payment_details_wo_version = 1")
	}
	if err := os.WriteFile(filepath.Join(w.dir, "main.tf"), []byte(bumped), 0o600); err != nil {
		t.Fatal(err)
	}
	phase("plan -out (version bump)", 0, func() { w.run("plan", "-input=false", "-out=bump.tfplan") })
	scan.scan("show -json bump.tfplan", []byte(w.run("show", "-json", "bump.tfplan")), secrets)
	phase("apply bump.tfplan (version bump)", 1, func() { w.run("apply", "-input=false", "bump.tfplan") })
	state := w.read("terraform.tfstate")
	for _, want := range []string{`"payment_details_wo_version": 2`, "************1881", "5502"} {
		if !strings.Contains(state, want) {
			t.Fatalf("the state lacks %q: the run did not do what the scan assumes", want)
		}
	}
	if _, err := os.Stat(filepath.Join(w.dir, "terraform.tfstate.backup")); err != nil {
		t.Fatalf("no state backup to scan: %v", err)
	}
	scan.scan("show -json (state)", []byte(w.run("show", "-json")), secrets)
	scan.scan("output -json", []byte(w.run("output", "-json")), secrets)
	phase("destroy", 0, func() { w.run("destroy", "-auto-approve", "-input=false") })
	// Everything in the working directory: both plan files (and every file
	// in them), the state, its backup, the TRACE log, the configuration.
	scan.scanDir(t, w.dir, secrets)
	if !strings.Contains(w.read("trace.log"), "/v1/tokens") {
		t.Fatal("the TRACE log shows no token request: the scan would prove nothing")
	}
	if len(scan.hits) > 0 {
		t.Errorf("card or bank data found in files Terraform wrote:\n%s", scan.summary())
	}
	t.Logf("ephemeral variables + card_wo/bank_account_wo: %d files scanned, %d hits", scan.files, len(scan.hits))
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
	testAccParallel(t)
	testAccSandboxOnly(t)
	const (
		cardNumber = "4012888888881881"
		cvv        = "7391"
	)
	example, err := os.ReadFile(filepath.Join("..", "..", "examples", "ephemeral-resources", "affinipay_payment_token", "ephemeral-resource.tf"))
	if err != nil {
		t.Fatal(err)
	}
	contact, err := testAccClient(t).CreateContact(t.Context(), &client.ContactCreate{
		Type: client.ContactTypePerson, FirstName: "Lu", LastName: "Harper", TestMode: true,
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = testAccClient(t).DeleteContact(context.Background(), contact.ID) })
	w := newCLIWorkspace(t, "1.11.0", string(example),
		"TF_VAR_card_number="+cardNumber, "TF_VAR_card_cvv="+cvv, "TF_VAR_contact_id="+contact.ID)
	tokens := func() int64 { return sandboxRequestCount(testAccSandboxFor(t), http.MethodPost, "/v1/tokens") }
	phase := func(name string, want int64, args ...string) string {
		t.Helper()
		before := tokens()
		out, err := w.tryRun(args...)
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
	if out, err := w.tryRun("plan", "-input=false", "-detailed-exitcode"); err != nil {
		t.Errorf("the plan after apply is not empty: %v\n%s", err, out)
	}
	phase("plan (replace_card unset)", 0, "plan", "-input=false")
	phase("apply -refresh-only", 0, "apply", "-refresh-only", "-auto-approve", "-input=false")
	cfg := w.read("main.tf")
	bumped := strings.Replace(cfg, "one_time_token_wo_version = 1", "one_time_token_wo_version = 2", 1)
	if bumped == cfg {
		t.Fatal("the example has no one_time_token_wo_version = 1")
	}
	if err := os.WriteFile(filepath.Join(w.dir, "main.tf"), []byte(bumped), 0o600); err != nil {
		t.Fatal(err)
	}
	phase("apply (replace_card=true, version bumped)", 2, "apply", "-auto-approve", "-input=false", "-var", "replace_card=true")
	if out, err := w.tryRun("plan", "-input=false", "-detailed-exitcode"); err != nil {
		t.Errorf("the plan after the replacement is not empty: %v\n%s", err, out)
	}
	if state := w.read("terraform.tfstate"); !strings.Contains(state, `"one_time_token_wo_version": 2`) {
		t.Fatal("the card was not replaced: one_time_token_wo_version is not 2 in the state")
	}
	phase("destroy", 0, "destroy", "-auto-approve", "-input=false")
	var scan cardScan
	scan.scanDir(t, w.dir, []cardSecret{cardSecretLong("card number", cardNumber), cardSecretShort("CVV", "cvv", cvv)})
	if len(scan.hits) > 0 {
		t.Errorf("card data found in files Terraform wrote:\n%s", scan.summary())
	}
	t.Logf("%d files scanned, %d hits", scan.files, len(scan.hits))
}
