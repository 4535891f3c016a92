package client

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"
)

func newTestClient(t *testing.T, srv *httptest.Server, mod func(*Config)) *Client {
	t.Helper()
	cfg := Config{
		BaseURL:      srv.URL,
		SecretKey:    "sk_test_0123456789abcdef",
		MaxRetries:   3,
		RetryWaitMin: time.Millisecond,
		RetryWaitMax: 20 * time.Millisecond,
		UserAgent:    "terraform-provider-affinipay/test",
	}
	if mod != nil {
		mod(&cfg)
	}
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestValidateBaseURL(t *testing.T) {
	ok := []string{"https://api.affinipay.com", "http://127.0.0.1:8765", "http://localhost:1", "http://[::1]:80", "https://example.com/base/"}
	for _, u := range ok {
		if _, err := ValidateBaseURL(u); err != nil {
			t.Errorf("%s: unexpected error %v", u, err)
		}
	}
	bad := map[string]string{
		"http://example.com":       "non-loopback",
		"http://10.0.0.1:8080":     "non-loopback",
		"ftp://127.0.0.1":          "must use https",
		"api.affinipay.com":        "not an absolute URL",
		"https://user:pw@host.com": "credentials",
	}
	for u, want := range bad {
		_, err := ValidateBaseURL(u)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: got %v, want error containing %q", u, err, want)
		}
	}
}

func TestRequiresTLS12(t *testing.T) {
	c, err := New(Config{BaseURL: "https://api.affinipay.com"})
	if err != nil {
		t.Fatal(err)
	}
	tr := c.http.Transport.(*loggingTransport).next.(*http.Transport)
	if tr.TLSClientConfig == nil || tr.TLSClientConfig.MinVersion < 0x0303 {
		t.Fatalf("TLS minimum version not 1.2: %+v", tr.TLSClientConfig)
	}
}

func TestAuthHeadersAndUserAgent(t *testing.T) {
	var gotAuth, gotUA []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gotAuth = append(gotAuth, r.Header.Get("Authorization"))
		gotUA = append(gotUA, r.Header.Get("User-Agent"))
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"status":"NORMAL"}`))
	}))
	defer srv.Close()
	c := newTestClient(t, srv, func(cfg *Config) { cfg.AccessToken = "tok123456789" })
	ctx := context.Background()
	for _, a := range []Auth{AuthNone, AuthSecretKey, AuthBearer} {
		if err := c.Do(ctx, Request{Method: "GET", Path: "/x", Auth: a}, nil); err != nil {
			t.Fatal(err)
		}
	}
	want := []string{"", "Basic " + base64Std("sk_test_0123456789abcdef:"), "Bearer tok123456789"}
	for i := range want {
		if gotAuth[i] != want[i] {
			t.Errorf("auth %d = %q, want %q", i, gotAuth[i], want[i])
		}
		if gotUA[i] != "terraform-provider-affinipay/test" {
			t.Errorf("user agent %q", gotUA[i])
		}
	}
}

func TestMissingCredentialNamesAttribute(t *testing.T) {
	c, err := New(Config{BaseURL: "http://127.0.0.1:1"})
	if err != nil {
		t.Fatal(err)
	}
	cases := map[Auth][]string{
		AuthSecretKey: {`"secret_key"`, EnvSecretKey},
		AuthBearer:    {`"access_token"`, EnvAccessToken},
		AuthPublicKey: {`"public_key"`, EnvPublicKey},
	}
	for a, wants := range cases {
		err := c.Do(context.Background(), Request{Method: "GET", Path: "/x", Auth: a}, nil)
		var mc *MissingCredentialError
		if !errors.As(err, &mc) {
			t.Fatalf("auth %d: got %v, want MissingCredentialError", a, err)
		}
		for _, w := range wants {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("auth %d: %q lacks %q", a, err, w)
			}
		}
	}
}

func TestRetryOn503ThenSuccess(t *testing.T) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) <= 2 {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		_, _ = w.Write([]byte(`{"status":"NORMAL"}`))
	}))
	defer srv.Close()
	c := newTestClient(t, srv, nil)
	st, err := c.GetStatus(context.Background())
	if err != nil || st.Status != "NORMAL" {
		t.Fatalf("got %v %v", st, err)
	}
	if n.Load() != 3 {
		t.Fatalf("attempts = %d, want 3", n.Load())
	}
}

func TestRetryGivesUpAfterMaxRetries(t *testing.T) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		w.WriteHeader(http.StatusBadGateway)
	}))
	defer srv.Close()
	c := newTestClient(t, srv, func(cfg *Config) { cfg.MaxRetries = 2 })
	err := c.Do(context.Background(), Request{Method: "GET", Path: "/x"}, nil)
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 502 {
		t.Fatalf("got %v", err)
	}
	if n.Load() != 3 {
		t.Fatalf("attempts = %d, want 3 (1 + 2 retries)", n.Load())
	}
}

func TestNoRetryOn4xx(t *testing.T) {
	for _, code := range []int{400, 401, 404, 409, 422} {
		var n atomic.Int32
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			n.Add(1)
			w.WriteHeader(code)
		}))
		c := newTestClient(t, srv, nil)
		_ = c.Do(context.Background(), Request{Method: "GET", Path: "/x"}, nil)
		srv.Close()
		if n.Load() != 1 {
			t.Errorf("status %d: attempts = %d, want 1", code, n.Load())
		}
	}
}

// A 500 to a write may have had effects: it is never repeated, not even
// for an idempotent request. A read has no effects: it is retried.
func TestRetryOn500OnlyForReads(t *testing.T) {
	cases := []struct {
		method     string
		idempotent bool
		want       int32
	}{
		{"GET", false, 2}, {"HEAD", false, 2},
		{"POST", false, 1}, {"POST", true, 1}, {"PATCH", false, 1}, {"PUT", false, 1}, {"DELETE", false, 1},
	}
	for _, tc := range cases {
		var n atomic.Int32
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if n.Add(1) == 1 {
				w.WriteHeader(http.StatusInternalServerError)
				return
			}
			w.WriteHeader(http.StatusNoContent)
		}))
		c := newTestClient(t, srv, nil)
		err := c.Do(context.Background(), Request{Method: tc.method, Path: "/x", Idempotent: tc.idempotent}, nil)
		srv.Close()
		if n.Load() != tc.want {
			t.Errorf("%s (idempotent %t): attempts = %d, want %d", tc.method, tc.idempotent, n.Load(), tc.want)
		}
		if (tc.want == 1) != (err != nil) {
			t.Errorf("%s (idempotent %t): err = %v", tc.method, tc.idempotent, err)
		}
	}
}

func TestRetryAfterHonoured(t *testing.T) {
	var times []time.Time
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		times = append(times, time.Now())
		if len(times) == 1 {
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
		_, _ = w.Write([]byte(`{}`))
	}))
	defer srv.Close()
	c := newTestClient(t, srv, func(cfg *Config) { cfg.RetryWaitMax = 5 * time.Second })
	if err := c.Do(context.Background(), Request{Method: "GET", Path: "/x"}, nil); err != nil {
		t.Fatal(err)
	}
	if len(times) != 2 {
		t.Fatalf("attempts = %d", len(times))
	}
	if gap := times[1].Sub(times[0]); gap < 950*time.Millisecond {
		t.Fatalf("retried after %v, want >= 1s (Retry-After)", gap)
	}
}

func TestRetryAfterParsing(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	h := http.Header{}
	h.Set("Retry-After", "7")
	if d := retryAfter(h, now); d != 7*time.Second {
		t.Errorf("seconds: %v", d)
	}
	h.Set("Retry-After", now.Add(3*time.Second).Format(http.TimeFormat))
	if d := retryAfter(h, now); d != 3*time.Second {
		t.Errorf("date: %v", d)
	}
	h.Set("Retry-After", "soon")
	if d := retryAfter(h, now); d != 0 {
		t.Errorf("garbage: %v", d)
	}
}

func TestBackoffCappedWithJitter(t *testing.T) {
	p := retryPolicy{max: 10, waitMin: 100 * time.Millisecond, waitMax: time.Second}
	for attempt := 0; attempt < 12; attempt++ {
		want := min(100*time.Millisecond<<attempt, time.Second)
		for i := 0; i < 50; i++ {
			d := p.backoff(attempt)
			if d < want/2 || d > want {
				t.Fatalf("attempt %d: %v outside [%v, %v]", attempt, d, want/2, want)
			}
		}
	}
}

func TestNonIdempotentPostNotRetriedAfterReachingServer(t *testing.T) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	defer srv.Close()
	c := newTestClient(t, srv, nil)
	err := c.Do(context.Background(), Request{Method: "POST", Path: "/v1/tokens", Body: map[string]string{"a": "b"}}, nil)
	if err == nil || n.Load() != 1 {
		t.Fatalf("err=%v attempts=%d, want an error after exactly 1 attempt", err, n.Load())
	}
	n.Store(0)
	err = c.Do(context.Background(), Request{Method: "POST", Path: "/contacts", Body: map[string]string{"source_id": "x"}, Idempotent: true}, nil)
	if err == nil || n.Load() != 4 {
		t.Fatalf("idempotent POST: err=%v attempts=%d, want 4", err, n.Load())
	}
}

// A server that closes the connection after reading the request: the POST
// may have been committed, so a non-idempotent POST must not be repeated,
// while an idempotent one is.
func TestDroppedConnectionRetryRules(t *testing.T) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		hj, _ := w.(http.Hijacker)
		conn, _, _ := hj.Hijack()
		_ = conn.Close()
	}))
	defer srv.Close()
	c := newTestClient(t, srv, nil)
	if err := c.Do(context.Background(), Request{Method: "POST", Path: "/x", Body: map[string]int{"a": 1}}, nil); err == nil {
		t.Fatal("want error")
	}
	if n.Load() != 1 {
		t.Fatalf("non-idempotent POST attempts = %d, want 1", n.Load())
	}
	n.Store(0)
	_ = c.Do(context.Background(), Request{Method: "PATCH", Path: "/x", Body: map[string]int{"a": 1}}, nil)
	if n.Load() != 4 {
		t.Fatalf("PATCH attempts = %d, want 4", n.Load())
	}
}

// A POST that never reached a server (connection refused) is retried.
func TestPostRetriedWhenNeverSent(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	_ = ln.Close()
	var dials atomic.Int32
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.DialContext = func(ctx context.Context, network, a string) (net.Conn, error) {
		dials.Add(1)
		return (&net.Dialer{}).DialContext(ctx, network, a)
	}
	c, err := New(Config{BaseURL: "http://" + addr, MaxRetries: 2, RetryWaitMin: time.Millisecond, RetryWaitMax: time.Millisecond, Transport: tr})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Do(context.Background(), Request{Method: "POST", Path: "/x", Body: map[string]int{}}, nil); err == nil {
		t.Fatal("want error")
	}
	if dials.Load() != 3 {
		t.Fatalf("dials = %d, want 3", dials.Load())
	}
}

func TestDeleteNotFoundOnRetryIsSuccess(t *testing.T) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 1 {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		w.WriteHeader(http.StatusNotFound)
	}))
	defer srv.Close()
	c := newTestClient(t, srv, nil)
	if err := c.Do(context.Background(), Request{Method: "DELETE", Path: "/contacts/p_1"}, nil); err != nil {
		t.Fatalf("got %v, want nil", err)
	}
	// A first-attempt 404 is still an error.
	n.Store(1)
	if err := c.Do(context.Background(), Request{Method: "DELETE", Path: "/contacts/p_1"}, nil); !IsNotFound(err) {
		t.Fatalf("got %v, want not found", err)
	}
}

func TestContextCancellationStopsRetries(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "30")
		w.WriteHeader(http.StatusTooManyRequests)
	}))
	defer srv.Close()
	c := newTestClient(t, srv, func(cfg *Config) { cfg.RetryWaitMax = time.Minute })
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	err := c.Do(ctx, Request{Method: "GET", Path: "/x"}, nil)
	if err == nil || time.Since(start) > 5*time.Second {
		t.Fatalf("err=%v after %v", err, time.Since(start))
	}
}

func TestErrorDecoding(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(422)
		_, _ = w.Write([]byte(`{"messages":[{"context":"contact_phone","code":"invalid_data","sub_code":"invalid","level":"error","message":"Phone is invalid","facility":"gateway"}]}`))
	}))
	defer srv.Close()
	c := newTestClient(t, srv, nil)
	_, err := c.UpdateMerchant(context.Background(), MerchantUpdate{ContactPhone: String("x")})
	var apiErr *APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("got %T %v", err, err)
	}
	want := Message{Context: "contact_phone", Code: "invalid_data", SubCode: "invalid", Level: "error", Message: "Phone is invalid", Facility: "gateway"}
	if apiErr.StatusCode != 422 || len(apiErr.Messages) != 1 || apiErr.Messages[0] != want {
		t.Fatalf("decoded %+v", apiErr)
	}
	if !strings.Contains(err.Error(), "Phone is invalid (invalid_data/invalid at contact_phone)") || !strings.Contains(err.Error(), "PATCH /v1/merchant") {
		t.Fatalf("message %q", err)
	}
	if IsNotFound(err) || !HasCode(err, "invalid_data") {
		t.Fatal("classification wrong")
	}
}

func TestRedactJSON(t *testing.T) {
	in := `{"secret_key":"sk_live_x","name":"Acme","card":{"number":"4242424242424242","cvv":"123","exp_month":10},
	"bank":{"account_number":"1000000001","routing_number":"000000013"},"access_token":"abc","items":[{"token":"t1","code":"invalid_data"}]}`
	out := RedactJSON([]byte(in))
	for _, secret := range []string{"sk_live_x", "4242424242424242", "123\"", "1000000001", "000000013", "\"abc\"", "t1"} {
		if strings.Contains(out, secret) {
			t.Errorf("redacted body still contains %q: %s", secret, out)
		}
	}
	for _, keep := range []string{"Acme", "invalid_data", "exp_month"} {
		if !strings.Contains(out, keep) {
			t.Errorf("redacted body lost %q: %s", keep, out)
		}
	}
	if got := RedactJSON([]byte("not json 4242424242424242")); strings.Contains(got, "4242") {
		t.Errorf("non-JSON body leaked: %s", got)
	}
	if got := RedactForm([]byte("grant_type=client_credentials&client_secret=s3cr3t&client_id=abc")); strings.Contains(got, "s3cr3t") || !strings.Contains(got, "client_credentials") {
		t.Errorf("form redaction: %s", got)
	}
}

// The logging transport writes TRACE detail without any credential.
func TestLoggingTransportRedacts(t *testing.T) {
	t.Setenv("TF_LOG", "TRACE")
	const secretKey = "sk_test_SUPERSECRET_123456"
	const token = "bearer_TOKEN_abcdef123456"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"test_accounts":[{"secret_key":"` + secretKey + `","public_key":"m_pub"}],"echo":"` + token + `"}`))
	}))
	defer srv.Close()
	var buf bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &buf)
	c := newTestClient(t, srv, func(cfg *Config) { cfg.SecretKey = secretKey; cfg.AccessToken = token })
	if err := c.Do(ctx, Request{Method: "POST", Path: "/v1/things", Auth: AuthSecretKey, Body: map[string]any{"card": map[string]string{"number": "4242424242424242", "cvv": "999"}}}, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := c.GetGatewayCredentials(ctx); err != nil {
		t.Fatal(err)
	}
	logs := buf.String()
	if !strings.Contains(logs, "AffiniPay API response detail") {
		t.Fatalf("no trace logs written:\n%s", logs)
	}
	for _, s := range []string{secretKey, token, "4242424242424242", "\"999\"", base64Std(secretKey + ":")} {
		if strings.Contains(logs, s) {
			t.Errorf("log contains secret %q", s)
		}
	}
	// The response body is still usable after logging.
	var lines int
	for _, l := range strings.Split(strings.TrimSpace(logs), "\n") {
		var m map[string]any
		if json.Unmarshal([]byte(l), &m) == nil {
			lines++
		}
	}
	if lines < 4 {
		t.Fatalf("expected structured log lines, got %d", lines)
	}
}

func TestSecretKeyFromGatewayCredentials(t *testing.T) {
	var merchantAuth string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/gateway-credentials":
			if r.Header.Get("Authorization") != "Bearer tok" {
				w.WriteHeader(401)
				return
			}
			_, _ = w.Write([]byte(`{"test_accounts":[{"secret_key":"test_sk"}],"live_accounts":[{"secret_key":"live_sk"}]}`))
		case "/v1/merchant":
			merchantAuth = r.Header.Get("Authorization")
			_, _ = w.Write([]byte(`{"id":"m1"}`))
		}
	}))
	defer srv.Close()
	for mode, key := range map[string]string{ModeTest: "test_sk", ModeLive: "live_sk"} {
		c := newTestClient(t, srv, func(cfg *Config) { cfg.SecretKey = ""; cfg.AccessToken = "tok"; cfg.Mode = mode })
		if _, err := c.GetMerchant(context.Background()); err != nil {
			t.Fatal(err)
		}
		if merchantAuth != "Basic "+base64Std(key+":") {
			t.Errorf("mode %s used %q", mode, merchantAuth)
		}
	}
}

func TestOAuthClientCredentials(t *testing.T) {
	var tokenCalls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/oauth/token":
			tokenCalls.Add(1)
			_ = r.ParseForm()
			id, secret, ok := r.BasicAuth()
			if !ok {
				id, secret = r.PostForm.Get("client_id"), r.PostForm.Get("client_secret")
			}
			if id != "cid" || secret != "csecret" || r.PostForm.Get("grant_type") != "client_credentials" {
				w.WriteHeader(401)
				_, _ = w.Write([]byte(`{"error":"invalid_client"}`))
				return
			}
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write([]byte(`{"access_token":"issued","token_type":"bearer","expires_in":3600}`))
		case "/bank-accounts":
			if r.Header.Get("Authorization") != "Bearer issued" {
				w.WriteHeader(401)
				return
			}
			_, _ = w.Write([]byte(`[{"id":"bank_1","processing_accounts":[{"id":"a","type":"card"}]}]`))
		}
	}))
	defer srv.Close()
	c := newTestClient(t, srv, func(cfg *Config) { cfg.ClientID = "cid"; cfg.ClientSecret = "csecret" })
	for i := 0; i < 3; i++ {
		banks, err := c.ListBankAccounts(context.Background())
		if err != nil || len(banks) != 1 || banks[0].ProcessingAccounts[0].Type != "card" {
			t.Fatalf("got %+v %v", banks, err)
		}
	}
	if tokenCalls.Load() != 1 {
		t.Fatalf("token requested %d times, want 1 (reused)", tokenCalls.Load())
	}
	bad := newTestClient(t, srv, func(cfg *Config) { cfg.ClientID = "cid"; cfg.ClientSecret = "wrong" })
	if _, err := bad.ListBankAccounts(context.Background()); err == nil || !strings.Contains(err.Error(), "client_id and client_secret") || strings.Contains(err.Error(), "wrong") {
		t.Fatalf("bad client error: %v", err)
	}
}

func TestFlexBoolAndLists(t *testing.T) {
	var v struct {
		A FlexBool `json:"a"`
		B FlexBool `json:"b"`
		C FlexBool `json:"c"`
	}
	if err := json.Unmarshal([]byte(`{"a":"true","b":false,"c":true}`), &v); err != nil || !bool(v.A) || bool(v.B) || !bool(v.C) {
		t.Fatalf("%+v %v", v, err)
	}
	if got := SplitList(" US, CA ,,"); len(got) != 2 || got[0] != "US" || got[1] != "CA" {
		t.Fatalf("%q", got)
	}
	if got := SplitList(""); got == nil || len(got) != 0 {
		t.Fatalf("%q", got)
	}
}

// Path segments are escaped exactly once.
func TestPathEscapedOnce(t *testing.T) {
	var got string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r.URL.EscapedPath()
		_, _ = w.Write([]byte(`{}`))
	}))
	defer srv.Close()
	c := newTestClient(t, srv, nil)
	if err := c.Do(context.Background(), Request{Method: "GET", Path: "/v1/ach-accounts/" + pathEscape("a/b c")}, nil); err != nil {
		t.Fatal(err)
	}
	if got != "/v1/ach-accounts/a%2Fb%20c" {
		t.Fatalf("server saw %q", got)
	}
}
