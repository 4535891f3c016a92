// Package client is a small HTTP client for the AffiniPay (8am) APIs used by
// the Terraform provider: the Payment Gateway API (HTTP Basic with the secret
// key), the Contact and partner APIs (Bearer token) and the OAuth token
// endpoint. It retries what is safe to retry, decodes the documented
// `messages[]` errors into *APIError and logs through tflog with every
// credential redacted.
package client

import (
	"bytes"
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptrace"
	"net/netip"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"
	"golang.org/x/sync/singleflight"
)

// DefaultBaseURL is the production API.
const DefaultBaseURL = "https://api.affinipay.com"

// Modes of the gateway secret key.
const (
	ModeTest = "test"
	ModeLive = "live"
)

// Defaults for Config.
const (
	DefaultMaxRetries     = 4
	DefaultRequestTimeout = 30 * time.Second
	DefaultRetryWaitMin   = 500 * time.Millisecond
	DefaultRetryWaitMax   = 30 * time.Second
	// DefaultMaxResponseBytes bounds one response body (4 MiB). The
	// largest documented replies (a page of 100 contacts or recurring
	// charges) are a few hundred KiB.
	DefaultMaxResponseBytes int64 = 4 << 20
	// DefaultOperationTimeout bounds a call whose context has no deadline
	// (data sources, and reads that set none), retries included.
	DefaultOperationTimeout = 5 * time.Minute
)

// Environment variables of each credential, used in error messages.
const (
	EnvBaseURL      = "AFFINIPAY_BASE_URL"
	EnvSecretKey    = "AFFINIPAY_SECRET_KEY"
	EnvAccessToken  = "AFFINIPAY_ACCESS_TOKEN"
	EnvClientID     = "AFFINIPAY_CLIENT_ID"
	EnvClientSecret = "AFFINIPAY_CLIENT_SECRET"
	EnvPublicKey    = "AFFINIPAY_PUBLIC_KEY"
	EnvMode         = "AFFINIPAY_MODE"
)

// Config configures a Client. Every credential is optional; an operation
// that needs a missing one fails with *MissingCredentialError.
type Config struct {
	BaseURL      string
	SecretKey    string
	AccessToken  string
	ClientID     string
	ClientSecret string
	PublicKey    string
	// Mode selects which gateway secret key is taken from
	// GET /gateway-credentials when SecretKey is empty: "test" or "live".
	Mode string

	MaxRetries     int
	RequestTimeout time.Duration
	RetryWaitMin   time.Duration
	RetryWaitMax   time.Duration
	UserAgent      string
	// MaxResponseBytes bounds a response body; 0 means
	// DefaultMaxResponseBytes.
	MaxResponseBytes int64

	// Transport replaces the base transport (tests).
	Transport http.RoundTripper
}

// Auth selects how a request authenticates.
type Auth int

const (
	// AuthNone sends no credentials (GET /status).
	AuthNone Auth = iota
	// AuthSecretKey is HTTP Basic with the gateway secret key (Gateway API, /v1/...).
	AuthSecretKey
	// AuthBearer is a Bearer token (Contact and partner APIs).
	AuthBearer
	// AuthPublicKey is HTTP Basic with the merchant's public key (one-time tokens).
	AuthPublicKey
)

// Client talks to one AffiniPay API base URL. It is safe for concurrent use.
type Client struct {
	cfg     Config
	baseURL *url.URL
	http    *http.Client
	oauth   *clientcredentials.Config // nil without client credentials

	tokenMu sync.Mutex
	token   *oauth2.Token // cached client-credentials token
	issued  atomic.Value  // its access token string, for log scrubbing without tokenMu

	mu        sync.Mutex
	secretKey string             // resolved from gateway credentials when not configured
	keyLookup singleflight.Group // one /gateway-credentials lookup at a time

	shared sharedReads // replies shared by the reads of one refresh (shared_reads.go)
}

// New validates cfg and builds a Client.
func New(cfg Config) (*Client, error) {
	if cfg.BaseURL == "" {
		cfg.BaseURL = DefaultBaseURL
	}
	u, err := ValidateBaseURL(cfg.BaseURL)
	if err != nil {
		return nil, err
	}
	if cfg.Mode == "" {
		cfg.Mode = ModeTest
	}
	if cfg.Mode != ModeTest && cfg.Mode != ModeLive {
		return nil, fmt.Errorf("mode must be %q or %q, got %q", ModeTest, ModeLive, cfg.Mode)
	}
	if cfg.MaxRetries < 0 {
		return nil, fmt.Errorf("max_retries must be 0 or more, got %d", cfg.MaxRetries)
	}
	if cfg.RequestTimeout <= 0 {
		cfg.RequestTimeout = DefaultRequestTimeout
	}
	if cfg.RetryWaitMin <= 0 {
		cfg.RetryWaitMin = DefaultRetryWaitMin
	}
	if cfg.RetryWaitMax <= 0 {
		cfg.RetryWaitMax = DefaultRetryWaitMax
	}
	if cfg.MaxResponseBytes <= 0 {
		cfg.MaxResponseBytes = DefaultMaxResponseBytes
	}
	if cfg.UserAgent == "" {
		cfg.UserAgent = "terraform-provider-affinipay/dev"
	}
	c := &Client{cfg: cfg, baseURL: u, secretKey: cfg.SecretKey}

	base := cfg.Transport
	if base == nil {
		t, ok := http.DefaultTransport.(*http.Transport)
		if ok {
			t = t.Clone()
		} else {
			// http.DefaultTransport was replaced by another RoundTripper:
			// start from a fresh transport so the settings below still apply.
			t = &http.Transport{Proxy: http.ProxyFromEnvironment}
		}
		t.TLSClientConfig = &tls.Config{MinVersion: tls.VersionTLS12}
		t.MaxIdleConnsPerHost = 32
		t.ForceAttemptHTTP2 = true
		base = t
	}
	c.http = &http.Client{
		Transport: &loggingTransport{next: base, secrets: c.knownSecrets},
		Timeout:   cfg.RequestTimeout,
		CheckRedirect: func(*http.Request, []*http.Request) error {
			// Never forward credentials to a redirect target.
			return http.ErrUseLastResponse
		},
	}
	if cfg.AccessToken == "" && cfg.ClientID != "" && cfg.ClientSecret != "" {
		c.oauth = &clientcredentials.Config{
			ClientID:     cfg.ClientID,
			ClientSecret: cfg.ClientSecret,
			TokenURL:     c.url("/oauth/token", nil).String(),
			Scopes:       []string{"payments"},
		}
	}
	return c, nil
}

// ValidateBaseURL accepts https URLs, and http only for loopback hosts (the
// local sandbox): anything else would send credentials in clear text.
func ValidateBaseURL(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || u.Opaque != "" {
		return nil, fmt.Errorf("base_url %q is not an absolute URL such as %s", raw, DefaultBaseURL)
	}
	if u.User != nil {
		return nil, fmt.Errorf("base_url must not contain credentials")
	}
	switch u.Scheme {
	case "https":
	case "http":
		if !IsLoopbackHost(u.Hostname()) {
			return nil, fmt.Errorf("base_url %q uses http:// with the non-loopback host %q: credentials would cross the network unencrypted; use https://, or http:// only with a loopback host (127.0.0.1, ::1, localhost) such as the local sandbox", raw, u.Hostname())
		}
	default:
		return nil, fmt.Errorf("base_url %q must use https:// (or http:// for a loopback host)", raw)
	}
	u.Path = strings.TrimRight(u.Path, "/")
	u.RawQuery, u.Fragment = "", ""
	return u, nil
}

// IsLoopbackHost reports whether host is localhost or a loopback address.
func IsLoopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	addr, err := netip.ParseAddr(host)
	return err == nil && addr.IsLoopback()
}

// BaseURL returns the API base URL in use.
func (c *Client) BaseURL() string { return c.baseURL.String() }

// Mode returns the configured mode ("test" or "live").
func (c *Client) Mode() string { return c.cfg.Mode }

// PublicKey returns the configured public key.
func (c *Client) PublicKey() string { return c.cfg.PublicKey }

// HasBearer reports whether a Bearer token is configured or can be obtained.
func (c *Client) HasBearer() bool { return c.cfg.AccessToken != "" || c.oauth != nil }

func (c *Client) knownSecrets() []string {
	c.mu.Lock()
	sk := c.secretKey
	c.mu.Unlock()
	issued, _ := c.issued.Load().(string)
	out := make([]string, 0, 5)
	for _, s := range []string{c.cfg.SecretKey, c.cfg.AccessToken, c.cfg.ClientSecret, sk, issued} {
		// Short values would mask innocent text; field redaction covers them.
		if len(s) >= 8 {
			out = append(out, s)
		}
	}
	return out
}

func (c *Client) url(path string, query url.Values) *url.URL {
	u := *c.baseURL
	// path arrives with its segments already escaped (pathEscape): keep
	// that form as RawPath so it is not escaped a second time.
	u.RawPath = c.baseURL.EscapedPath() + path
	if p, err := url.PathUnescape(u.RawPath); err == nil {
		u.Path = p
	} else {
		u.Path, u.RawPath = c.baseURL.Path+path, ""
	}
	if len(query) > 0 {
		u.RawQuery = query.Encode()
	}
	return &u
}

// Request describes one API call.
type Request struct {
	Method string
	Path   string
	Query  url.Values
	Auth   Auth
	Body   any // marshalled as JSON when not nil
	// Idempotent marks a POST as safe to retry after it may have reached the
	// server: it carries a source_id, so a repeat is answered with 409
	// resource_exists instead of creating a duplicate.
	Idempotent bool
}

// Do sends req, retrying as the retry policy allows, and decodes a 2xx JSON
// response into out (when out is not nil). Non-2xx responses become
// *APIError; a 2xx reply that out cannot be filled from (empty, `null`, not
// JSON, or missing a field the type requires, see doJSON) becomes
// *MalformedResponseError.
//
// Time is bounded by ctx: every backoff, Retry-After wait and attempt ends
// by ctx's deadline (DefaultOperationTimeout when ctx has none), and a
// Retry-After longer than what remains fails at once (*RetryAfterError).
func (c *Client) Do(ctx context.Context, req Request, out any) error {
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, DefaultOperationTimeout)
		defer cancel()
	}
	var body []byte
	if req.Body != nil {
		var err error
		if body, err = json.Marshal(req.Body); err != nil {
			return fmt.Errorf("encoding %s %s request: %w: %w", req.Method, req.Path, ErrNotSent, err)
		}
	}
	auth, err := c.authorization(ctx, req.Auth)
	if err != nil {
		// Missing credentials, a failed OAuth exchange or key look-up: the
		// request itself was never sent.
		return fmt.Errorf("%s %s: %w: %w", req.Method, req.Path, ErrNotSent, err)
	}
	// After a stop, a write not yet sent is not sent at all.
	if req.changes() && Interrupted(ctx) {
		return fmt.Errorf("%s %s: %w", req.Method, req.Path, ErrNotSent)
	}
	if req.changes() {
		c.shared.writeStarted()
		defer c.shared.writeEnded()
	}
	policy := retryPolicy{max: c.cfg.MaxRetries, waitMin: c.cfg.RetryWaitMin, waitMax: c.cfg.RetryWaitMax}
	everSent := false
	for attempt := 0; ; attempt++ {
		status, respBody, header, sent, err := c.send(ctx, req, auth, body)
		everSent = everSent || sent
		if err != nil {
			if ctx.Err() != nil {
				if !everSent {
					return fmt.Errorf("%s %s: %w: %w", req.Method, req.Path, ErrNotSent, ctx.Err())
				}
				return fmt.Errorf("%s %s: %w", req.Method, req.Path, ctx.Err())
			}
			// A request that never reached the server is always safe to
			// repeat; one that may have is repeated only when idempotent.
			// Errors that cannot heal (an untrusted certificate, a wrong
			// host name, a body over the size limit) are not repeated.
			if attempt < policy.max && (!sent || req.idempotent()) && !permanentError(err) &&
				(!req.changes() || sent || !Interrupted(ctx)) {
				if werr := policy.wait(ctx, attempt, 0); werr != nil {
					return fmt.Errorf("%s %s: %w (retry abandoned: %w)", req.Method, req.Path, err, werr)
				}
				continue
			}
			if !everSent {
				return fmt.Errorf("%s %s: %w: %w", req.Method, req.Path, ErrNotSent, err)
			}
			return fmt.Errorf("%s %s: %w", req.Method, req.Path, err)
		}
		if status >= 200 && status < 300 {
			if out == nil {
				return nil
			}
			return decodeReply(req, status, respBody, out, c.knownSecrets())
		}
		// A DELETE repeated after its first attempt was lost: the 404 means
		// the first one worked.
		if status == http.StatusNotFound && req.Method == http.MethodDelete && attempt > 0 {
			return nil
		}
		apiErr := &APIError{Method: req.Method, Path: req.Path, StatusCode: status, Messages: decodeMessages(respBody)}
		// After a stop, a write is not sent again on a response either (the
		// transport path above does the same): the caller settles it.
		if attempt < policy.max && retryableResponse(req.Method, status, req.idempotent()) &&
			(!req.changes() || !Interrupted(ctx)) {
			if werr := policy.wait(ctx, attempt, retryAfter(header, time.Now())); werr != nil {
				return fmt.Errorf("%w (retry abandoned: %w)", apiErr, werr)
			}
			continue
		}
		return apiErr
	}
}

func (r Request) idempotent() bool {
	return r.Method != http.MethodPost || r.Idempotent
}

// changes reports whether the request may change something at the API.
func (r Request) changes() bool {
	return r.Method != http.MethodGet && r.Method != http.MethodHead
}

// send performs one attempt. sent reports whether the request was written
// to the connection (false means the server never saw it). The response
// body is read up to MaxResponseBytes: a longer one is an error (the
// reading stops there, so memory stays bounded whatever the server sends).
func (c *Client) send(ctx context.Context, r Request, auth string, body []byte) (status int, respBody []byte, header http.Header, sent bool, err error) {
	var reader io.Reader
	if body != nil {
		reader = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, r.Method, c.url(r.Path, r.Query).String(), reader)
	if err != nil {
		return 0, nil, nil, false, err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", c.cfg.UserAgent)
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	var wrote atomic.Bool
	trace := &httptrace.ClientTrace{WroteRequest: func(httptrace.WroteRequestInfo) { wrote.Store(true) }}
	req = req.WithContext(httptrace.WithClientTrace(req.Context(), trace))
	resp, err := c.http.Do(req)
	sent = wrote.Load()
	if err != nil {
		return 0, nil, nil, sent, err
	}
	defer resp.Body.Close()
	limit := c.cfg.MaxResponseBytes
	if resp.ContentLength > limit {
		return 0, nil, nil, true, &ResponseTooLargeError{Method: r.Method, Path: r.Path, Limit: limit, Size: resp.ContentLength}
	}
	respBody, err = io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		// The server answered but the body was cut: it did see the request.
		return 0, nil, nil, true, fmt.Errorf("reading response: %w", err)
	}
	if int64(len(respBody)) > limit {
		return 0, nil, nil, true, &ResponseTooLargeError{Method: r.Method, Path: r.Path, Limit: limit, Size: -1}
	}
	return resp.StatusCode, respBody, resp.Header, true, nil
}

func decodeMessages(body []byte) []Message {
	var env struct {
		Messages []Message `json:"messages"`
		// OAuth errors (RFC 6749) use error/error_description.
		Error            string `json:"error"`
		ErrorDescription string `json:"error_description"`
	}
	if err := json.Unmarshal(body, &env); err != nil {
		return nil
	}
	if len(env.Messages) == 0 && env.Error != "" {
		return []Message{{Code: env.Error, Message: env.ErrorDescription, Level: "error"}}
	}
	return env.Messages
}

// authorization returns the Authorization header for the scheme, or an error
// naming the missing attribute.
func (c *Client) authorization(ctx context.Context, a Auth) (string, error) {
	switch a {
	case AuthSecretKey:
		key, err := c.gatewaySecretKey(ctx)
		if err != nil {
			return "", err
		}
		return basic(key), nil
	case AuthPublicKey:
		if c.cfg.PublicKey == "" {
			return "", &MissingCredentialError{Attribute: "public_key", EnvVar: EnvPublicKey, Purpose: "creating one-time payment tokens"}
		}
		return basic(c.cfg.PublicKey), nil
	case AuthBearer:
		tok, err := c.bearer(ctx)
		if err != nil {
			return "", err
		}
		return "Bearer " + tok, nil
	default:
		return "", nil
	}
}

func basic(user string) string {
	return "Basic " + base64Std(user+":")
}

// bearer returns the configured access token, or a client-credentials token
// fetched with the caller's context (so it is cancelled and logged with the
// operation) and cached until it expires.
func (c *Client) bearer(ctx context.Context) (string, error) {
	if c.cfg.AccessToken != "" {
		return c.cfg.AccessToken, nil
	}
	if c.oauth == nil {
		return "", &MissingCredentialError{
			Attribute: "access_token", EnvVar: EnvAccessToken, Purpose: "the Contact and partner APIs",
			Hint: "alternatively set client_id and client_secret (AFFINIPAY_CLIENT_ID, AFFINIPAY_CLIENT_SECRET) for the OAuth client-credentials flow",
		}
	}
	c.tokenMu.Lock()
	defer c.tokenMu.Unlock()
	if c.token.Valid() {
		return c.token.AccessToken, nil
	}
	tok, err := c.fetchToken(ctx)
	if err != nil {
		return "", err
	}
	c.token = tok
	c.issued.Store(tok.AccessToken)
	return tok.AccessToken, nil
}

// fetchToken requests a client-credentials token, retrying transient
// failures (a network error, 429, 5xx) as Do does, within ctx's deadline.
func (c *Client) fetchToken(ctx context.Context) (*oauth2.Token, error) {
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, DefaultOperationTimeout)
		defer cancel()
	}
	policy := retryPolicy{max: c.cfg.MaxRetries, waitMin: c.cfg.RetryWaitMin, waitMax: c.cfg.RetryWaitMax}
	for attempt := 0; ; attempt++ {
		tok, err := c.oauth.Token(context.WithValue(ctx, oauth2.HTTPClient, c.http))
		if err == nil {
			return tok, nil
		}
		var re *oauth2.RetrieveError
		transient := false
		var wait time.Duration
		switch {
		case ctx.Err() != nil:
			return nil, fmt.Errorf("OAuth client-credentials token request: %w", ctx.Err())
		case errors.As(err, &re) && re.Response != nil:
			status := re.Response.StatusCode
			if status >= 300 && status < 400 {
				return nil, fmt.Errorf("OAuth client-credentials token request to %s was answered with a redirect (HTTP %d to %q), which the provider does not follow with credentials: "+
					"check base_url (it must be the API's own address)", c.oauth.TokenURL, status, SanitizeText(re.Response.Header.Get("Location"), 200))
			}
			if retryableResponse(http.MethodPost, status, true) {
				transient, wait = true, retryAfter(re.Response.Header, time.Now())
			} else {
				return nil, fmt.Errorf("OAuth client-credentials token request failed with HTTP %d (%s): check client_id and client_secret",
					status, SanitizeText(re.ErrorCode, 100))
			}
		default:
			transient = !permanentError(err)
		}
		if !transient || attempt >= policy.max {
			return nil, fmt.Errorf("OAuth client-credentials token request failed: %w", err)
		}
		if werr := policy.wait(ctx, attempt, wait); werr != nil {
			return nil, fmt.Errorf("OAuth client-credentials token request failed: %w (retry abandoned: %w)", err, werr)
		}
	}
}

// gatewaySecretKey returns the configured secret key, or the one of the
// configured mode taken (once) from GET /gateway-credentials. Concurrent
// first callers share one lookup (singleflight).
func (c *Client) gatewaySecretKey(ctx context.Context) (string, error) {
	c.mu.Lock()
	key := c.secretKey
	c.mu.Unlock()
	if key != "" {
		return key, nil
	}
	if !c.HasBearer() {
		return "", &MissingCredentialError{
			Attribute: "secret_key", EnvVar: EnvSecretKey, Purpose: "the Payment Gateway API",
			Hint: "or give access_token (or client_id and client_secret) so the provider can read the secret key of `mode` from /gateway-credentials",
		}
	}
	v, err, _ := c.keyLookup.Do("secret_key", func() (any, error) {
		return c.lookupSecretKey(ctx)
	})
	if err != nil {
		return "", err
	}
	return v.(string), nil //nolint:forcetypeassert // lookupSecretKey returns a string
}

func (c *Client) lookupSecretKey(ctx context.Context) (string, error) {
	c.mu.Lock()
	key := c.secretKey
	c.mu.Unlock()
	if key != "" {
		return key, nil
	}
	creds, err := c.GetGatewayCredentials(ctx)
	if err != nil {
		return "", fmt.Errorf("looking up the %s-mode secret key from /gateway-credentials (secret_key is not set): %w", c.cfg.Mode, err)
	}
	accounts := creds.TestAccounts
	if c.cfg.Mode == ModeLive {
		accounts = creds.LiveAccounts
	}
	for _, a := range accounts {
		if a.SecretKey != "" {
			c.mu.Lock()
			c.secretKey = a.SecretKey
			c.mu.Unlock()
			return a.SecretKey, nil
		}
	}
	return "", fmt.Errorf("/gateway-credentials lists no %s-mode account with a secret key; set secret_key (%s) or change mode (%s)", c.cfg.Mode, EnvSecretKey, EnvMode)
}
