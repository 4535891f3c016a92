package acctest

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/client"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/sandbox"
)

// testAccParallelMerchants is testAccParallel on a sandbox of its own that
// hosts n merchants. The AFFINIPAY_* values of the test's environment are
// merchant 1's; testAccMerchantEnv gives the others'. It needs the local
// sandbox (several merchants cannot be made on the real API), so it skips
// with AFFINIPAY_ACC_REAL=1.
func ParallelMerchants(t *testing.T, n int) *sandbox.Server {
	t.Helper()
	PreCheck(t)
	SandboxOnly(t)
	sb := sandbox.New(sandbox.Options{Merchants: n})
	srv := httptest.NewServer(sb)
	t.Cleanup(srv.Close)
	creds := sb.Merchant(1).Credentials()
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
	return sb
}

// merchantWrites counts the requests that change objects (any method but
// GET, except POST /oauth/token, which only issues a token) whose
// credential selected merchant m.
func MerchantWrites(m *sandbox.MerchantView) int64 {
	var n int64
	for _, r := range m.Metrics().Requests {
		if r.Method != http.MethodGet && r.Path != "/oauth/token" {
			n += r.Count
		}
	}
	return n
}

// requestsByPath sums a Metrics snapshot per "METHOD path".
func RequestsByPath(ms sandbox.Metrics) map[string]int64 {
	out := map[string]int64{}
	for _, r := range ms.Requests {
		out[r.Method+" "+r.Path] += r.Count
	}
	return out
}
