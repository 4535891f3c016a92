package acctest

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/sandbox"
)

// requestCounter counts the sandbox's answers (any status) to one method
// and path template since Mark, for checks such as "drift is corrected with
// one PATCH". Against the real API (AFFINIPAY_ACC_REAL=1) there are no
// metrics: Mark does nothing and the checks pass.
type requestCounter struct {
	t            *testing.T
	method, path string
	mark         int64
}

// testAccRequests returns a counter for method and path (a route template
// such as "/v1/recurring/charges/{id}"), marked at the current count.
func Requests(t *testing.T, method, path string) *requestCounter {
	t.Helper()
	c := &requestCounter{t: t, method: method, path: path}
	c.Mark()
	return c
}

func (c *requestCounter) total() int64 {
	return SandboxRequestCount(SandboxFor(c.t), c.method, c.path)
}

// sandboxRequestCount is how many requests sb has answered for a method
// and path template (any status); nil (the real API) counts 0.
func SandboxRequestCount(sb *sandbox.Server, method, path string) int64 {
	if sb == nil {
		return 0
	}
	var n int64
	for _, r := range sb.Metrics().Requests {
		if r.Method == method && r.Path == path {
			n += r.Count
		}
	}
	return n
}

// Mark restarts the count; it fits resource.TestStep's PreConfig.
func (c *requestCounter) Mark() { c.mark = c.total() }

// Since is the number of requests answered since Mark.
func (c *requestCounter) Since() int64 { return c.total() - c.mark }

// Expect checks that exactly want requests were answered since Mark; what
// says what they were for ("to correct drift").
func (c *requestCounter) Expect(want int64, what string) func(*terraform.State) error {
	return c.ExpectBetween(want, want, what)
}

// ExpectBetween checks that between lo and hi requests (both included)
// were answered since Mark.
func (c *requestCounter) ExpectBetween(lo, hi int64, what string) func(*terraform.State) error {
	return func(*terraform.State) error {
		if SandboxFor(c.t) == nil {
			return nil
		}
		n := c.Since()
		if n >= lo && n <= hi {
			return nil
		}
		want := fmt.Sprint(lo)
		if hi != lo {
			want = fmt.Sprintf("between %d and %d", lo, hi)
		}
		return fmt.Errorf("%s %s answered %d times %s, want %s", c.method, c.path, n, what, want)
	}
}

// sandboxWrites counts the non-GET requests sb has answered so far.
func SandboxWrites(sb *sandbox.Server) int64 {
	var n int64
	for _, r := range sb.Metrics().Requests {
		if r.Method != http.MethodGet {
			n += r.Count
		}
	}
	return n
}
