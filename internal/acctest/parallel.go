package acctest

import (
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/echoprovider"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/client"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/pluginserver"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/provider"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/sandbox"
)

// Acceptance tests that call testAccParallel run in parallel, each against
// its own in-process sandbox (its own merchant, contacts, clock, faults and
// request metrics), so they may change anything there. The sandbox is
// found from the test (or any of its subtests) by testAccSandboxFor,
// testAccClient and testAccFactories; a subtest that calls testAccParallel
// gets a sandbox of its own. Plan-only tests that send no write (the
// validation tables) call t.Parallel() and share the sandbox TestMain
// starts; a test that calls neither runs alone on that sandbox.

// testAccEnv is one test's sandbox and the AFFINIPAY_* values pointing at it.
type testAccEnv struct {
	sb  *sandbox.Server
	env map[string]string
}

func (e *testAccEnv) getenv(name string) string { return e.env[name] }

// testAccEnvs maps a test's name to its environment.
var testAccEnvs sync.Map

// testAccParallel is testAccPreCheck for a test that runs in parallel on a
// sandbox of its own. Against the real API (AFFINIPAY_ACC_REAL=1) there is
// one merchant for all tests, so the test runs alone as before.
func Parallel(t *testing.T) {
	t.Helper()
	PreCheck(t)
	if testSandbox == nil {
		return
	}
	sb := sandbox.New(sandbox.Options{})
	srv := httptest.NewServer(sb)
	t.Cleanup(srv.Close)
	creds := sandbox.DefaultCredentials()
	e := &testAccEnv{sb: sb, env: map[string]string{
		client.EnvBaseURL:      srv.URL,
		client.EnvSecretKey:    creds.TestSecretKey,
		client.EnvAccessToken:  creds.AccessToken,
		client.EnvPublicKey:    creds.PublicKey,
		client.EnvClientID:     creds.ClientID,
		client.EnvClientSecret: creds.ClientSecret,
		client.EnvMode:         client.ModeTest,
	}}
	testAccEnvs.Store(t.Name(), e)
	t.Cleanup(func() { testAccEnvs.Delete(t.Name()) })
	t.Parallel()
}

// testAccEnvFor is the environment of t or of the test t is a subtest of,
// nil for a test on the shared sandbox.
func testAccEnvFor(t *testing.T) *testAccEnv {
	name := t.Name()
	for {
		if e, ok := testAccEnvs.Load(name); ok {
			return e.(*testAccEnv)
		}
		i := strings.LastIndexByte(name, '/')
		if i < 0 {
			return nil
		}
		name = name[:i]
	}
}

// testAccSandboxFor is the sandbox test t runs against, nil against the
// real API.
func SandboxFor(t *testing.T) *sandbox.Server {
	if e := testAccEnvFor(t); e != nil {
		return e.sb
	}
	return testSandbox
}

// testAccGetenv reads an AFFINIPAY_* value for test t.
func Getenv(t *testing.T, name string) string {
	if e := testAccEnvFor(t); e != nil {
		return e.getenv(name)
	}
	return os.Getenv(name)
}

// testAccFactories are the provider factories for test t: on its own
// sandbox for a parallel test, else testAccProtoV6ProviderFactories.
func Factories(t *testing.T) map[string]func() (tfprotov6.ProviderServer, error) {
	e := testAccEnvFor(t)
	if e == nil {
		return ProtoV6ProviderFactories
	}
	return map[string]func() (tfprotov6.ProviderServer, error){
		"affinipay": pluginserver.NewProtocol6WithError(&provider.AffinipayProvider{Version: "test", Getenv: e.getenv}),
	}
}

// testAccFactoriesWithEcho are testAccFactories(t) plus the echo provider,
// which turns ephemeral values into something a test can check.
func FactoriesWithEcho(t *testing.T) map[string]func() (tfprotov6.ProviderServer, error) {
	f := map[string]func() (tfprotov6.ProviderServer, error){"echo": echoprovider.NewProviderServer()}
	for name, factory := range Factories(t) {
		f[name] = factory
	}
	return f
}
