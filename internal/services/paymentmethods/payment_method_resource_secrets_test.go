package paymentmethods_test

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/acctest"
)

// A real terraform CLI run at TF_LOG=TRACE that stores a card and a bank
// account from ephemeral tokens through the write-only one_time_token_wo
// leaves no card number, CVV, routing or bank account number in the TRACE
// log or the state file, although the numbers are in the configuration
// and were sent to the API.
func TestAccPaymentMethodNoCardDataInStateOrLog(t *testing.T) {
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test (TF_ACC=1)")
	}
	acctest.Parallel(t)
	const (
		cardNumber    = "4012888888881881"
		cvv           = "8317"
		accountNumber = "918273645501"
	)
	w := acctest.NewCLIWorkspace(t, "1.11.0", `
provider "affinipay" {}

resource "affinipay_contact" "payer" {
  type       = "person"
  first_name = "Lu"
  last_name  = "Harper"
  test_mode  = true
}

ephemeral "affinipay_payment_token" "card" {
  card = {
    number      = "`+cardNumber+`"
    exp_month   = 10
    exp_year    = 2030
    cvv         = "`+cvv+`"
    postal_code = "78701"
  }
}

ephemeral "affinipay_payment_token" "bank" {
  bank = {
    routing_number      = "000000013"
    account_number      = "`+accountNumber+`"
    account_type        = "CHECKING"
    account_holder_type = "business"
    name                = "Harper Law PLLC"
  }
}

resource "affinipay_payment_method" "card" {
  contact_id                = affinipay_contact.payer.id
  payment_type              = "credit_card"
  test_mode                 = true
  one_time_token_wo         = ephemeral.affinipay_payment_token.card.id
  one_time_token_wo_version = 1
}

resource "affinipay_payment_method" "bank" {
  contact_id                = affinipay_contact.payer.id
  payment_type              = "bank_account"
  one_time_token_wo         = ephemeral.affinipay_payment_token.bank.id
  one_time_token_wo_version = 1
}

output "card" {
  value = affinipay_payment_method.card.account_number
}
`)
	w.Run("apply", "-auto-approve", "-input=false")
	state := w.Read("terraform.tfstate")
	if out, err := w.TryRun("plan", "-input=false", "-detailed-exitcode"); err != nil {
		t.Errorf("the plan after apply is not empty: %v\n%s", err, out)
	}
	w.Run("destroy", "-auto-approve", "-input=false")
	logs := w.Read("trace.log")

	// The scans must be able to fail: the numbers were sent (the log shows
	// the redacted token requests) and their masked forms were stored.
	for _, want := range []string{"AffiniPay API request detail", "/v1/tokens", "/payment-methods"} {
		if !strings.Contains(logs, want) {
			t.Fatalf("the TRACE log lacks %q: the scan would prove nothing", want)
		}
	}
	for _, want := range []string{"************1881", "5501", `"one_time_token_wo_version": 1`} {
		if !strings.Contains(state, want) {
			t.Fatalf("the state lacks %q: the scan would prove nothing", want)
		}
	}
	secrets := map[string]string{"card number": cardNumber, "bank account number": accountNumber}
	acctest.AssertNoSecrets(t, "the TRACE log", logs, secrets)
	acctest.AssertNoSecrets(t, "the state", state, secrets)
	// The CVV and the (public) test routing number are short enough to occur
	// by chance, so look for them next to their field names.
	for what, re := range map[string]*regexp.Regexp{
		"CVV":            regexp.MustCompile(`(?i)cvv\W{1,12}` + cvv),
		"routing number": regexp.MustCompile(`(?i)routing_number\W{1,12}000000013`),
	} {
		for name, text := range map[string]string{"the TRACE log": logs, "the state": state} {
			if re.MatchString(text) {
				t.Errorf("%s contains the %s", name, what)
			}
		}
	}
	if strings.Contains(state, `"one_time_token_wo": "`) {
		t.Error("the state holds a value for the write-only one_time_token_wo")
	}
}
