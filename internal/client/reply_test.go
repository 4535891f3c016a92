package client

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// Every 2xx reply a caller cannot use is a *MalformedResponseError that
// says what came back (redacted), never a value with empty fields.
func TestMalformedReplies(t *testing.T) {
	cases := []struct {
		name, body, reason string
		call               func(*Client) error
	}{
		{"create contact, empty body", "", "empty body", func(c *Client) error {
			_, err := c.CreateContact(context.Background(), &ContactCreate{Type: "person"})
			return err
		}},
		{"create contact, {}", "{}", `no "id"`, func(c *Client) error {
			_, err := c.CreateContact(context.Background(), &ContactCreate{Type: "person"})
			return err
		}},
		{"create contact, null", "null", "null", func(c *Client) error {
			_, err := c.CreateContact(context.Background(), &ContactCreate{Type: "person"})
			return err
		}},
		{"create contact, only messages", `{"messages":[{"code":"x"}]}`, `no "id"`, func(c *Client) error {
			_, err := c.CreateContact(context.Background(), &ContactCreate{Type: "person"})
			return err
		}},
		{"create contact, no id", `{"type":"person","client_secret":"shh-very-secret"}`, `no "id"`, func(c *Client) error {
			_, err := c.CreateContact(context.Background(), &ContactCreate{Type: "person"})
			return err
		}},
		{"create charge, no id", `{"amount":100}`, `no "id"`, func(c *Client) error {
			_, err := c.CreateRecurringCharge(context.Background(), RecurringChargeCreate{})
			return err
		}},
		{"create payment method, not JSON", `<html>`, "not the JSON expected", func(c *Client) error {
			_, err := c.CreatePaymentMethod(context.Background(), "p_1", PaymentMethodCreate{})
			return err
		}},
		{"status, {}", `{}`, `no "status"`, func(c *Client) error { _, err := c.GetStatus(context.Background()); return err }},
		{"status, empty", ``, `empty body`, func(c *Client) error { _, err := c.GetStatus(context.Background()); return err }},
		{"merchant, no id", `{"name":"x"}`, `no "id"`, func(c *Client) error { _, err := c.GetMerchant(context.Background()); return err }},
		{"token, null", `null`, `null`, func(c *Client) error { _, err := c.GetToken(context.Background(), "tok_1"); return err }},
		{"bank accounts, item without id", `[{"id":"b1"},{"name":"x"}]`, `item 1: no "id"`, func(c *Client) error { _, err := c.ListBankAccounts(context.Background()); return err }},
		{"gateway credentials, {}", `{}`, `no "test_accounts or live_accounts"`, func(c *Client) error {
			_, err := c.GetGatewayCredentials(context.Background())
			return err
		}},
		{"gateway credentials, account without its secret key", `{"test_accounts":[{"id":"a1","public_key":"pk"}]}`, `account 0: no "secret_key"`, func(c *Client) error {
			_, err := c.GetGatewayCredentials(context.Background())
			return err
		}},
		{"schedule preview, {}", `{}`, `no "occurrences"`, func(c *Client) error {
			_, err := c.PreviewRecurringCharge(context.Background(), RecurringProjectionRequest{})
			return err
		}},
		{"schedule preview, occurrence without due date", `{"occurrences":[{"amount":1}]}`, `occurrence 0: no "due_date"`, func(c *Client) error {
			_, err := c.PreviewRecurringCharge(context.Background(), RecurringProjectionRequest{})
			return err
		}},
		{"contact search, result without id", `{"results":[{"type":"person"}]}`, `item 0: no "id"`, func(c *Client) error { _, err := c.SearchContacts(context.Background(), ContactSearch{}); return err }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.WriteHeader(http.StatusOK)
				_, _ = w.Write([]byte(tc.body))
			}))
			defer srv.Close()
			c := newTestClient(t, srv, func(cfg *Config) { cfg.AccessToken = "tok-0123456789"; cfg.PublicKey = "pk_0123456789" })
			err := tc.call(c)
			var m *MalformedResponseError
			if !errors.As(err, &m) {
				t.Fatalf("got %v, want *MalformedResponseError", err)
			}
			if !strings.Contains(err.Error(), "("+tc.reason) || !strings.Contains(err.Error(), "the API returned") {
				t.Errorf("error %q does not give the reason %q", err, tc.reason)
			}
			if strings.Contains(err.Error(), "shh-very-secret") {
				t.Errorf("error shows a secret: %v", err)
			}
		})
	}
}

// A Retry-After longer than what remains of the deadline fails at once,
// saying how long the API asked to wait.
func TestRetryAfterLongerThanDeadlineFailsAtOnce(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		w.Header().Set("Retry-After", "99999")
		w.WriteHeader(http.StatusTooManyRequests)
	}))
	defer srv.Close()
	c := newTestClient(t, srv, func(cfg *Config) { cfg.RetryWaitMax = time.Hour })
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	start := time.Now()
	_, err := c.GetStatus(ctx)
	var ra *RetryAfterError
	if !errors.As(err, &ra) || ra.Wait != 99999*time.Second {
		t.Fatalf("got %v, want *RetryAfterError of 99999s", err)
	}
	if !strings.Contains(err.Error(), "asked to wait 27h46m39s") || !IsAPIStatus(err, http.StatusTooManyRequests) {
		t.Errorf("error %q", err)
	}
	if took := time.Since(start); took > time.Second || calls.Load() != 1 {
		t.Errorf("took %s and %d requests; want an immediate failure after 1", took, calls.Load())
	}
	// Without a deadline, the default operation bound applies.
	if _, err := c.GetStatus(context.Background()); !errors.As(err, &ra) {
		t.Errorf("without a deadline: %v", err)
	}
}

// IsAPIStatus reports whether err wraps an *APIError with status.
func IsAPIStatus(err error, status int) bool {
	var apiErr *APIError
	return errors.As(err, &apiErr) && apiErr.StatusCode == status
}

// Against a server that never answers, a call ends by its deadline,
// retries included.
func TestStalledServerBoundedByDeadline(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	defer srv.Close()
	defer close(release)
	c := newTestClient(t, srv, func(cfg *Config) { cfg.RequestTimeout = 700 * time.Millisecond; cfg.MaxRetries = 10 })
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	start := time.Now()
	_, err := c.GetStatus(ctx)
	took := time.Since(start)
	if err == nil || took > 2*time.Second+200*time.Millisecond {
		t.Fatalf("took %s (deadline 2s): %v", took, err)
	}
	t.Logf("stalled GET ended after %s with deadline 2s: %v", took.Round(time.Millisecond), err)
}

// An untrusted certificate cannot heal: one attempt, no retry, and the
// x509 error is still reachable with errors.As.
func TestPermanentTLSErrorNotRetried(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { calls.Add(1) }))
	// ConnState is set before the server starts: setting it on a running
	// server races with the accept loop that reads it.
	var handshakes atomic.Int32
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			handshakes.Add(1)
		}
	}
	srv.StartTLS()
	defer srv.Close()
	// A retry would wait at least 3 s, far above a single failed handshake
	// even on a loaded machine, so the elapsed time tells a retry apart
	// without being a speed assertion.
	c, err := New(Config{BaseURL: srv.URL, SecretKey: "sk_test_0123456789", MaxRetries: 4, RetryWaitMin: 3 * time.Second, RetryWaitMax: 3 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, err = c.GetStatus(context.Background())
	var unknown x509.UnknownAuthorityError
	if !errors.As(err, &unknown) {
		t.Fatalf("got %v, want an x509.UnknownAuthorityError", err)
	}
	if n := handshakes.Load(); n != 1 {
		t.Errorf("%d connection attempts, want 1 (not retried)", n)
	}
	if took := time.Since(start); took >= 3*time.Second {
		t.Errorf("took %s: a retry wait happened", took)
	}
}

// A transport error stays reachable with errors.Is/As after the retries
// are given up (two %w, not "%w (after: %v)").
func TestTransportErrorWrapped(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL
	srv.Close() // connection refused from now on
	c, err := New(Config{BaseURL: url, SecretKey: "sk_test_0123456789", MaxRetries: 2, RetryWaitMin: time.Millisecond, RetryWaitMax: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.GetStatus(context.Background())
	if !errors.Is(err, syscall.ECONNREFUSED) {
		t.Errorf("ECONNREFUSED not reachable in %v", err)
	}
	if !errors.Is(err, ErrNotSent) {
		t.Errorf("a request that never connected is not ErrNotSent: %v", err)
	}
	// And when the retry wait is what gives up, both errors are there.
	c2, _ := New(Config{BaseURL: url, SecretKey: "sk_test_0123456789", MaxRetries: 2, RetryWaitMin: time.Hour, RetryWaitMax: time.Hour})
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	_, err = c2.GetStatus(ctx)
	if !errors.Is(err, syscall.ECONNREFUSED) || !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("want both the transport error and the deadline in %v", err)
	}
}

// Parallel first requests share one /gateway-credentials lookup.
func TestSecretKeyLookupSingleflight(t *testing.T) {
	var lookups atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/gateway-credentials":
			lookups.Add(1)
			time.Sleep(100 * time.Millisecond)
			_, _ = w.Write([]byte(`{"test_accounts":[{"secret_key":"test_sk"}]}`))
		default:
			_, _ = w.Write([]byte(`{"id":"m1"}`))
		}
	}))
	defer srv.Close()
	c := newTestClient(t, srv, func(cfg *Config) { cfg.SecretKey = ""; cfg.AccessToken = "tok" })
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := c.GetMerchant(context.Background())
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if n := lookups.Load(); n != 1 {
		t.Errorf("%d /gateway-credentials lookups for 8 parallel first requests, want 1", n)
	}
}

// The OAuth token request is retried on a transient failure; a redirect is
// explained instead of being blamed on the credentials.
func TestOAuthTokenRetriedAndRedirectExplained(t *testing.T) {
	var tokenCalls atomic.Int32
	var redirect atomic.Bool
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/oauth/token":
			if redirect.Load() {
				http.Redirect(w, r, "https://elsewhere.example/oauth/token", http.StatusFound)
				return
			}
			if tokenCalls.Add(1) == 1 {
				w.WriteHeader(http.StatusServiceUnavailable)
				return
			}
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write([]byte(`{"access_token":"issued","token_type":"bearer","expires_in":3600}`))
		default:
			_, _ = w.Write([]byte(`[]`))
		}
	}))
	defer srv.Close()
	c := newTestClient(t, srv, func(cfg *Config) { cfg.ClientID = "cid"; cfg.ClientSecret = "csecret" })
	if _, err := c.ListBankAccounts(context.Background()); err != nil {
		t.Fatalf("token request not retried after a 503: %v", err)
	}
	if n := tokenCalls.Load(); n != 2 {
		t.Errorf("%d token requests, want 2", n)
	}
	redirect.Store(true)
	c2 := newTestClient(t, srv, func(cfg *Config) { cfg.ClientID = "cid"; cfg.ClientSecret = "csecret" })
	_, err := c2.ListBankAccounts(context.Background())
	if err == nil || !strings.Contains(err.Error(), "redirect (HTTP 302") || !strings.Contains(err.Error(), "check base_url") ||
		strings.Contains(err.Error(), "client_secret") {
		t.Errorf("redirect error: %v", err)
	}
}

// API text reaches the terminal without control characters, and capped.
func TestAPIErrorTextSanitized(t *testing.T) {
	long := strings.Repeat("x", 5000)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusBadRequest)
		_, _ = fmt.Fprintf(w, `{"messages":[{"code":"bad\u001b[31m","context":"name\r","message":"Name \u001b]0;pwned\u0007is\u202einvalid\n%s"}]}`, long)
	}))
	defer srv.Close()
	c := newTestClient(t, srv, nil)
	_, err := c.GetMerchant(context.Background())
	msg := err.Error()
	for _, bad := range []string{"\x1b", "\a", "\r", "\n", "\u202e"} {
		if strings.Contains(msg, bad) {
			t.Errorf("error keeps control character %q: %q", bad, msg[:min(len(msg), 200)])
		}
	}
	if len(msg) > 1000 || !strings.Contains(msg, "…") {
		t.Errorf("error not capped (%d bytes)", len(msg))
	}
	if !strings.Contains(msg, "Name ]0;pwnedisinvalid") {
		t.Errorf("text lost: %q", msg[:min(len(msg), 200)])
	}
}

// A body over the limit fails naming the limit, whether announced by
// Content-Length or streamed, and reading stops there: memory stays
// bounded far below the body's 50 MB.
func TestOversizeBody(t *testing.T) {
	const size = 50 << 20
	for _, announced := range []bool{true, false} {
		t.Run("content-length "+strconv.FormatBool(announced), func(t *testing.T) {
			var served atomic.Int64
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if announced {
					w.Header().Set("Content-Length", strconv.Itoa(size))
				}
				w.WriteHeader(http.StatusOK)
				_, _ = w.Write([]byte(`{"id":"m1","name":"`))
				chunk := []byte(strings.Repeat("a", 64<<10))
				for n := 0; n < size-64; n += len(chunk) {
					k, err := w.Write(chunk)
					served.Add(int64(k))
					if err != nil {
						return
					}
				}
			}))
			defer srv.Close()
			c := newTestClient(t, srv, nil)
			runtime.GC()
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			_, err := c.GetMerchant(context.Background())
			runtime.ReadMemStats(&after)
			var tooLarge *ResponseTooLargeError
			if !errors.As(err, &tooLarge) || !strings.Contains(err.Error(), "exceeds the 4 MiB limit") {
				t.Fatalf("got %v, want a ResponseTooLargeError naming the 4 MiB limit", err)
			}
			alloc := after.TotalAlloc - before.TotalAlloc
			t.Logf("50 MB body (Content-Length announced: %v): %.1f MiB allocated by the call, %.1f MiB sent by the server before the client stopped",
				announced, float64(alloc)/(1<<20), float64(served.Load())/(1<<20))
			if alloc > 24<<20 {
				t.Errorf("the call allocated %d MiB for a body over the 4 MiB limit", alloc>>20)
			}
		})
	}
}

// A list endpoint that always returns full pages stops at MaxListPages with
// an error naming the cap.
func TestEndlessPagingStopsAtCap(t *testing.T) {
	var requests atomic.Int32
	page := `{"page_size":100,"results":[` + strings.TrimSuffix(strings.Repeat(`{"id":"rc"},`, 100), ",") + `]}`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		_, _ = io.WriteString(w, page)
	}))
	defer srv.Close()
	c := newTestClient(t, srv, nil)
	_, err := c.ListRecurringCharges(context.Background(), RecurringChargeFilter{})
	if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("after %d pages", MaxListPages)) || !strings.Contains(err.Error(), "page cap") {
		t.Fatalf("got %v", err)
	}
	if n := requests.Load(); n != MaxListPages {
		t.Errorf("%d requests, want %d", n, MaxListPages)
	}
	requests.Store(0)
	contactPage := `{"page_size":100,"results":[` + strings.TrimSuffix(strings.Repeat(`{"id":"p_1","type":"person"},`, 100), ",") + `]}`
	srv2 := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		_, _ = io.WriteString(w, contactPage)
	}))
	defer srv2.Close()
	c2 := newTestClient(t, srv2, func(cfg *Config) { cfg.AccessToken = "tok" })
	if _, err := c2.SearchContacts(context.Background(), ContactSearch{}); err == nil || !strings.Contains(err.Error(), "page cap") {
		t.Fatalf("contacts: %v", err)
	}
	if n := requests.Load(); n != MaxListPages {
		t.Errorf("contacts: %d requests, want %d", n, MaxListPages)
	}
}

// After an interrupt, a write not yet sent is not sent; reads still are.
func TestInterruptHoldsBackNewWrites(t *testing.T) {
	var posts, gets atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost {
			posts.Add(1)
		} else {
			gets.Add(1)
		}
		_, _ = w.Write([]byte(`{"id":"p_1","type":"person","status":"NORMAL"}`))
	}))
	defer srv.Close()
	c := newTestClient(t, srv, func(cfg *Config) { cfg.AccessToken = "tok" })
	stop := make(chan struct{})
	ctx := WithInterrupt(context.Background(), stop)
	if _, err := c.CreateContact(ctx, &ContactCreate{Type: "person"}); err != nil {
		t.Fatal(err)
	}
	close(stop)
	_, err := c.CreateContact(ctx, &ContactCreate{Type: "person"})
	if !errors.Is(err, ErrNotSent) {
		t.Errorf("write after the interrupt: %v, want ErrNotSent", err)
	}
	if _, err := c.GetContact(ctx, "p_1"); err != nil {
		t.Errorf("read after the interrupt: %v", err)
	}
	if posts.Load() != 1 || gets.Load() != 1 {
		t.Errorf("%d POSTs and %d GETs, want 1 and 1", posts.Load(), gets.Load())
	}
}

// A request whose credentials cannot be had (here no access token for the
// Contact API) fails with ErrNotSent and never reaches the server, so the
// write protocol knows nothing can have changed.
func TestMissingCredentialsAreNotSent(t *testing.T) {
	var hits atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits.Add(1) }))
	defer srv.Close()
	c := newTestClient(t, srv, nil)
	_, err := c.CreateContact(context.Background(), &ContactCreate{Type: "person"})
	if !errors.Is(err, ErrNotSent) {
		t.Fatalf("got %v, want ErrNotSent", err)
	}
	var missing *MissingCredentialError
	if !errors.As(err, &missing) {
		t.Errorf("got %v, want the MissingCredentialError kept", err)
	}
	if hits.Load() != 0 {
		t.Errorf("%d requests reached the server", hits.Load())
	}
}

// After a stop, a write is not sent, nor sent again after a 503 reply.
func TestNoResponseRetryOfWriteAfterStop(t *testing.T) {
	var posts atomic.Int64
	stop := make(chan struct{})
	var once sync.Once
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		posts.Add(1)
		once.Do(func() { close(stop) }) // the stop arrives while the first attempt is served
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	defer srv.Close()
	c := newTestClient(t, srv, func(cfg *Config) { cfg.AccessToken = "tok-0123456789" })
	ctx := WithInterrupt(context.Background(), stop)
	if _, err := c.CreateContact(ctx, &ContactCreate{Type: "person", SourceID: "s1"}); err == nil || posts.Load() != 1 {
		t.Fatalf("write stopped during its first attempt: %v, %d sent, want 1 (no retry)", err, posts.Load())
	}
	// The stop came before this write: it is not sent at all.
	if _, err := c.CreateContact(ctx, &ContactCreate{Type: "person", SourceID: "s2"}); !errors.Is(err, ErrNotSent) || posts.Load() != 1 {
		t.Fatalf("write after a stop: %v, %d sent in all", err, posts.Load())
	}
}
