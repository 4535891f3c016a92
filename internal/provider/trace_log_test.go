package provider

import (
	"encoding/base64"
	"os"
	"strings"
	"testing"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/client"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/sandbox"
)

// A TF_LOG=TRACE plan, apply and destroy of the data sources and the
// ephemeral resource, with the secret key taken from /gateway-credentials and
// the bearer token from the OAuth flow, leaves no credential in the log or
// the state, although the responses carrying them were logged (redacted).
func TestAccTraceLogHasNoSecrets(t *testing.T) {
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test (TF_ACC=1)")
	}
	testAccSandboxOnly(t)
	creds := sandbox.DefaultCredentials()
	w := newCLIWorkspace(t, `
provider "affinipay" {
  secret_key   = ""
  access_token = ""
  mode         = "test"
}
data "affinipay_status" "s" {}
data "affinipay_merchant" "m" {}
data "affinipay_bank_accounts" "b" {}
ephemeral "affinipay_gateway_credentials" "g" {}
output "merchant" { value = data.affinipay_merchant.m.id }
`)
	w.run("plan", "-input=false")
	w.run("apply", "-auto-approve", "-input=false")
	w.run("destroy", "-auto-approve", "-input=false")

	logs := w.read("trace.log")
	for _, want := range []string{"AffiniPay API response detail", "/gateway-credentials", "/oauth/token", client.Redacted} {
		if !strings.Contains(logs, want) {
			t.Fatalf("the TRACE log lacks %q: the scan would prove nothing", want)
		}
	}
	secrets := map[string]string{
		"test secret key":          creds.TestSecretKey,
		"live secret key":          creds.LiveSecretKey,
		"access token":             creds.AccessToken,
		"client secret":            creds.ClientSecret,
		"Basic-encoded secret key": base64.StdEncoding.EncodeToString([]byte(creds.TestSecretKey + ":")),
		"Basic-encoded client":     base64.StdEncoding.EncodeToString([]byte(creds.ClientID + ":" + creds.ClientSecret)),
	}
	for _, tok := range testSandbox.IssuedTokens() {
		secrets["issued OAuth token "+tok[:4]] = tok
	}
	assertNoSecrets(t, "the TRACE log", logs, secrets)
	assertNoSecrets(t, "the state", w.read("terraform.tfstate"), secrets)
}
