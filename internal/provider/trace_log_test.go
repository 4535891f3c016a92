package provider_test

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/acctest"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/client"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/sandbox"
)

// A TF_LOG=TRACE plan, apply and destroy of every resource type, every
// data source and both ephemeral resources, with the secret key taken from
// /gateway-credentials and the bearer token from the OAuth flow, leaves no
// credential, no card or bank account number and no write-only token ID in
// the log or the state, although the requests and responses carrying them
// were logged (redacted). The state is also scanned for CVVs and routing
// numbers; masked numbers (************4242) are fine.
func TestAccTraceLogHasNoSecrets(t *testing.T) {
	acctest.Parallel(t)
	acctest.SandboxOnly(t)
	acctest.RecurringTestClock(t)
	merchant := acctest.RestoreMerchant(t)
	if len(merchant.AchAccounts) == 0 {
		t.Fatal("the sandbox merchant has no eCheck account")
	}
	ach := merchant.AchAccounts[0]
	creds := sandbox.DefaultCredentials()
	const (
		cardNumber     = "4012888888881881"
		cvv            = "8317"
		routingNumber  = "000000013"
		accountNumber  = "918273645501"
		account2Number = "736251840092"
	)
	// A one-time token created outside Terraform and given literally as the
	// write-only input: its ID must not be logged or stored either.
	tok, err := acctest.Client(t).CreateToken(t.Context(), client.TokenCreate{
		Type: "bank", RoutingNumber: routingNumber, AccountNumber: account2Number,
		AccountType: "CHECKING", AccountHolderType: "individual", GivenName: "Lu", Surname: "Harper",
	})
	if err != nil {
		t.Fatal(err)
	}
	// The card's fingerprint is the same for every token of its number.
	fpTok, err := acctest.Client(t).CreateToken(t.Context(), client.TokenCreate{
		Type: "card", Number: cardNumber, ExpMonth: 10, ExpYear: 2099, CVV: cvv,
	})
	if err != nil || fpTok.Fingerprint == "" {
		t.Fatalf("no card fingerprint to look for: %v %+v", err, fpTok)
	}
	w := acctest.NewCLIWorkspace(t, "1.11.0", fmt.Sprintf(`
provider "affinipay" {
  secret_key   = ""
  access_token = ""
  mode         = "test"
}
data "affinipay_status" "s" {}
data "affinipay_merchant" "m" {}
data "affinipay_bank_accounts" "b" {}
data "affinipay_gateway_credentials" "g" {}
ephemeral "affinipay_gateway_credentials" "g" {}
output "merchant" { value = data.affinipay_merchant.m.id }

resource "affinipay_merchant" "this" {
  name = %[1]q
}
resource "affinipay_ach_account" "this" {
  account_id = %[2]q
  name       = %[3]q
}
resource "affinipay_webhook_endpoint" "this" {
  url  = "https://hooks.example.com/trace-scan"
  mode = "test"
}
resource "affinipay_contact" "payer" {
  type       = "person"
  first_name = "Lu"
  last_name  = "Harper"
  test_mode  = true
}
resource "affinipay_contact_tag" "vip" {
  contact_id = affinipay_contact.payer.id
  tag        = "vip"
}
ephemeral "affinipay_payment_token" "card" {
  card = {
    number      = %[4]q
    exp_month   = 10
    exp_year    = 2099
    cvv         = %[5]q
    postal_code = "QZ7-X49"
    name        = "Quentin Holderby"
    email       = "q.holderby@example.net"
  }
}
ephemeral "affinipay_payment_token" "bank" {
  bank = {
    routing_number      = %[6]q
    account_number      = %[7]q
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
resource "affinipay_payment_method" "literal" {
  contact_id                = affinipay_contact.payer.id
  payment_type              = "bank_account"
  one_time_token_wo         = %[8]q
  one_time_token_wo_version = 1
}
resource "affinipay_recurring_charge" "this" {
  method      = affinipay_payment_method.card.id
  amount      = 2500
  description = "Trace scan"
  on_destroy  = "delete"
  schedule = {
    start          = %[9]q
    interval_unit  = "MONTH"
    interval_delay = 1
  }
}
data "affinipay_contact" "payer" { id = affinipay_contact.payer.id }
data "affinipay_contacts" "all" { q = "Harper" }
data "affinipay_recurring_charges" "all" {}
data "affinipay_recurring_charge_occurrences" "this" { recurring_charge_id = affinipay_recurring_charge.this.id }
data "affinipay_recurring_charge_schedule" "preview" {
  amount = 2500
  schedule = {
    start          = %[9]q
    interval_unit  = "MONTH"
    interval_delay = 1
  }
}
`, merchant.Name, ach.ID, ach.Name, cardNumber, cvv, routingNumber, accountNumber, tok.ID, acctest.RecurringDate(30)))
	w.Run("plan", "-input=false")
	w.Run("apply", "-auto-approve", "-input=false")
	state := w.Read("terraform.tfstate")
	w.Run("destroy", "-auto-approve", "-input=false")

	logs := w.Read("trace.log")
	for _, want := range []string{"AffiniPay API response detail", "/gateway-credentials", "/oauth/token", client.Redacted,
		"/v1/tokens", "/payment-methods", "/v1/recurring/charges", "/v1/merchant", "/contacts"} {
		if !strings.Contains(logs, want) {
			t.Fatalf("the TRACE log lacks %q: the scan would prove nothing", want)
		}
	}
	// Every resource type was applied and is in the state scanned.
	for _, typ := range []string{"affinipay_merchant", "affinipay_ach_account", "affinipay_webhook_endpoint", "affinipay_contact",
		"affinipay_contact_tag", "affinipay_payment_method", "affinipay_recurring_charge"} {
		if !strings.Contains(state, `"type": "`+typ+`"`) {
			t.Fatalf("the state lacks a %s: the scan would prove nothing", typ)
		}
	}
	for _, want := range []string{"************1881", "5501", "0092"} {
		if !strings.Contains(state, want) {
			t.Fatalf("the state lacks the masked %q: the scan would prove nothing", want)
		}
	}
	secrets := map[string]string{
		"test secret key":          creds.TestSecretKey,
		"live secret key":          creds.LiveSecretKey,
		"access token":             creds.AccessToken,
		"client secret":            creds.ClientSecret,
		"Basic-encoded secret key": base64.StdEncoding.EncodeToString([]byte(creds.TestSecretKey + ":")),
		"Basic-encoded client":     base64.StdEncoding.EncodeToString([]byte(creds.ClientID + ":" + creds.ClientSecret)),
		"card number":              cardNumber,
		"bank account number":      accountNumber,
		"second account number":    account2Number,
		"write-only token ID":      tok.ID,
	}
	// Card details other than numbers are redacted from the log too.
	logOnly := map[string]string{
		"card fingerprint":    fpTok.Fingerprint,
		"cardholder name":     "Quentin Holderby",
		"cardholder email":    "q.holderby@example.net",
		"billing postal code": "QZ7-X49",
	}
	issued := acctest.SandboxFor(t).IssuedTokens()
	if len(issued) == 0 {
		t.Fatal("no OAuth token was issued: the scan would prove nothing")
	}
	for _, it := range issued {
		secrets["issued OAuth token "+it[:4]] = it
	}
	acctest.AssertNoSecrets(t, "the TRACE log", logs, secrets)
	acctest.AssertNoSecrets(t, "the TRACE log", logs, logOnly)
	// The affinipay_gateway_credentials data source is in the state, without
	// the secret keys (include_secret_keys is not set).
	if gatewayDS, _ := splitStateResources(t, state, "data", "affinipay_gateway_credentials"); !strings.Contains(gatewayDS, `"public_key"`) {
		t.Error("the affinipay_gateway_credentials data source's state lacks its accounts: the scan would prove nothing")
	}
	acctest.AssertNoSecrets(t, "the state", state, secrets)
	rest := state
	// The CVV and the (public) test routing number are short enough to
	// occur by chance, so look for them next to their field names.
	for what, re := range map[string]*regexp.Regexp{
		"CVV":            regexp.MustCompile(`(?i)cvv\W{1,12}` + cvv),
		"routing number": regexp.MustCompile(`(?i)routing_number\W{1,12}` + routingNumber),
	} {
		for name, text := range map[string]string{"the TRACE log": logs, "the state": rest} {
			if re.MatchString(text) {
				t.Errorf("%s contains the %s", name, what)
			}
		}
	}
	if strings.Contains(state, `"one_time_token_wo": "`) {
		t.Error("the state holds a value for the write-only one_time_token_wo")
	}
}

// splitStateResources returns the JSON of the state's resources of the
// given mode and type, and the state without them.
func splitStateResources(t *testing.T, state, mode, typ string) (matched, rest string) {
	t.Helper()
	var st map[string]any
	if err := json.Unmarshal([]byte(state), &st); err != nil {
		t.Fatalf("parsing the state: %v", err)
	}
	resources, _ := st["resources"].([]any)
	var in, out []any
	for _, r := range resources {
		m, _ := r.(map[string]any)
		if m["mode"] == mode && m["type"] == typ {
			in = append(in, r)
		} else {
			out = append(out, r)
		}
	}
	if len(in) == 0 {
		t.Fatalf("the state has no %s %s", mode, typ)
	}
	st["resources"] = out
	a, _ := json.Marshal(in)
	b, _ := json.Marshal(st)
	return string(a), string(b)
}
