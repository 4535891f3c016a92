package acctest

import (
	"fmt"
	"net/http/httptest"
	"os"
	"testing"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/client"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/pluginserver"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/provider"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/sandbox"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
)

// ProtoV6ProviderFactories instantiate the provider in-process for
// acceptance tests, served as the released binary serves it
// (internal/pluginserver).
var ProtoV6ProviderFactories = map[string]func() (tfprotov6.ProviderServer, error){
	"affinipay": pluginserver.NewProtocol6WithError(provider.New("test")()),
}

// testSandbox is the in-process sandbox the acceptance tests run against,
// nil when AFFINIPAY_ACC_REAL=1 points them at the real test-mode API.
var testSandbox *sandbox.Server

// Main, called by the TestMain of every package with acceptance tests, starts the sandbox on loopback for acceptance tests and exports
// its address and credentials the way `affinipay-sandbox -env-file` does.
func Main(m *testing.M) {
	// The Terraform CLI processes the tests start (several thousand per
	// run, each living well under a second) inherit this: with Go's
	// default GC target they spend about a third of their CPU time
	// collecting garbage that their exit frees anyway. The runtime reads
	// GOGC only at start, so this test process keeps its own setting.
	if _, set := os.LookupEnv("GOGC"); !set {
		if err := os.Setenv("GOGC", "400"); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
	var srv *httptest.Server
	if os.Getenv("TF_ACC") != "" && !testAccReal() {
		testSandbox = sandbox.New(sandbox.Options{})
		srv = httptest.NewServer(testSandbox)
		creds := sandbox.DefaultCredentials()
		for k, v := range map[string]string{
			client.EnvBaseURL:      srv.URL,
			client.EnvSecretKey:    creds.TestSecretKey,
			client.EnvAccessToken:  creds.AccessToken,
			client.EnvPublicKey:    creds.PublicKey,
			client.EnvClientID:     creds.ClientID,
			client.EnvClientSecret: creds.ClientSecret,
			client.EnvMode:         client.ModeTest,
		} {
			if err := os.Setenv(k, v); err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(1)
			}
		}
	}
	code := m.Run()
	if srv != nil {
		srv.Close()
	}
	os.Exit(code)
}

func testAccReal() bool { return os.Getenv("AFFINIPAY_ACC_REAL") == "1" }

// testAccPreCheck skips an acceptance test when TF_ACC is unset (as
// resource.Test would, but before the set-up work many tests do ahead of
// resource.Test, which needs the sandbox), so `make unit` runs without
// Terraform. With TF_ACC set it fails early when the credentials the tests
// need are missing.
func PreCheck(t *testing.T) {
	t.Helper()
	if os.Getenv(resource.EnvTfAcc) == "" {
		t.Skipf("acceptance test: set %s=1 to run it", resource.EnvTfAcc)
	}
	for _, env := range []string{client.EnvSecretKey, client.EnvAccessToken} {
		if os.Getenv(env) == "" {
			t.Fatalf("%s must be set for acceptance tests (the in-process sandbox sets it unless AFFINIPAY_ACC_REAL=1)", env)
		}
	}
	if testAccReal() && os.Getenv(client.EnvBaseURL) != "" {
		if _, err := client.ValidateBaseURL(os.Getenv(client.EnvBaseURL)); err != nil {
			t.Fatal(err)
		}
	}
}

// testAccSandboxOnly skips tests that need the sandbox's admin endpoints.
func SandboxOnly(t *testing.T) {
	t.Helper()
	if testSandbox == nil {
		t.Skip("needs the local sandbox (not run with AFFINIPAY_ACC_REAL=1)")
	}
}

// testAccClient is a client built from the same environment as the
// provider, for checks and for making changes outside Terraform (drift).
func Client(t *testing.T) *client.Client {
	t.Helper()
	c, err := client.New(client.Config{
		BaseURL:     Getenv(t, client.EnvBaseURL),
		SecretKey:   Getenv(t, client.EnvSecretKey),
		AccessToken: Getenv(t, client.EnvAccessToken),
		PublicKey:   Getenv(t, client.EnvPublicKey),
		Mode:        client.ModeTest,
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}
