package sandbox

import (
	"bytes"
	"log"
	"net/http"
	"net/netip"
	"runtime/debug"
	"strings"
	"sync"
	"time"
)

// Options configures a Server.
type Options struct {
	Now  func() time.Time // clock; nil = time.Now
	Seed int64            // for deterministic IDs/faults; 0 = 1

	// Merchants is the number of merchants hosted (merchants.go); 0 = 1.
	Merchants int
}

// Server is the sandbox API. Create it with New; it is safe for concurrent use.
type Server struct {
	now  func() time.Time
	seed int64

	mux      *http.ServeMux // API routes (metrics, faults)
	adminMux *http.ServeMux // /_sandbox/* routes (no metrics, no faults)

	mu      sync.Mutex
	st      *state
	ids     *idGen // IDs/tokens generated while serving requests
	metrics metricsState
	faults  faultState
	rules   faultRules // fault_rules.go

	// methodResolvers resolve the ID of a payment method a charge may use
	// (saved cards and banks, one-time tokens, contact payment methods);
	// each API area registers its own in its routes function.
	methodResolvers []methodResolver

	clock *sandboxClock // pinned time, if any (clock.go); shared by every merchant

	multi merchantSet // this merchant's number and credentials, the merchant list (merchants.go)

	// apparentClient, when valid, replaces the connection's address for the
	// IP allow-list (ip_allowlist.go). Set only through the admin endpoint.
	apparentClient netip.Addr
}

// New returns a Server holding freshly seeded state.
func New(opts Options) *Server {
	s := &Server{now: opts.Now, seed: opts.Seed}
	if s.now == nil {
		s.now = time.Now
	}
	if s.seed == 0 {
		s.seed = 1
	}
	s.clock = &sandboxClock{}
	s.mux = http.NewServeMux()
	s.adminMux = http.NewServeMux()
	s.routes()
	s.adminRoutes()
	s.merchantAdminRoutes() // merchants.go
	s.initMerchants(opts.Merchants)
	s.Reset()
	return s
}

// routes registers every API area. Add new areas here.
func (s *Server) routes() {
	s.statusRoutes()
	s.oauthRoutes()
	s.gatewayCredentialsRoutes()
	s.bankAccountsRoutes()
	s.surchargeRoutes() // surcharge.go
	s.merchantRoutes()
	s.achAccountsRoutes()
	s.cardsBanksRoutes()
	s.recurringRoutes()
	s.contactsRoutes()
	s.paymentMethodsRoutes()
	s.tokensRoutes()
	s.purgeRoutes() // purge.go
}

// handle registers h for a Go 1.22 method pattern such as
// "PATCH /v1/ach-accounts/{id}". Wrap h with an auth middleware
// (s.secretKeyAuth, s.publicKeyAuth, s.bearerAuth) as needed.
func (s *Server) handle(pattern string, h http.HandlerFunc) {
	s.mux.HandleFunc(pattern, h)
}

// Reset restores the seeded state of every merchant and clears metrics,
// faults and issued access tokens.
func (s *Server) Reset() {
	s.mu.Lock()
	s.resetLocked()
	s.mu.Unlock()
	s.resetOtherMerchants() // merchants.go
}

func (s *Server) resetLocked() {
	s.st = seedMerchantState(s.seed, s.multi.index, s.multi.creds)
	s.ids = newIDGen(s.seed, runtimeStream(s.multi.index))
	s.metrics = newMetricsState()
	s.multi.own = newMetricsState()
	s.faults = newFaultState(Faults{}, s.seed)
	s.apparentClient = netip.Addr{}
	if s.multi.index <= 1 {
		s.resetClock() // the clock is shared: only merchant 1 resets it
	}
}

// nowLocked returns the current time truncated to the millisecond precision
// of gateway timestamps.
func (s *Server) nowUTC() time.Time {
	return s.clockNow().UTC().Truncate(time.Millisecond) // clock.go: pinned or s.now
}

// unmatchedPath is the metrics path recorded for requests that match no
// route (404) or match a route only with another method (400).
const unmatchedPath = "(unmatched)"

// ServeHTTP implements http.Handler.
//
// Pipeline for API paths: pick the route, apply faults (latency, rate limit,
// 503/500), run the handler into a buffer, record metrics, then either write
// the buffered response or (drop-after-commit fault) close the connection.
// Buffering guarantees metrics are recorded before the client sees a byte.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/_sandbox" || strings.HasPrefix(r.URL.Path, "/_sandbox/") {
		s.serveAdmin(w, r)
		return
	}

	_, pattern := s.mux.Handler(r)
	path := patternPath(pattern)

	d := s.decideFaults(r.Method)
	if d.latency > 0 {
		holdRequest(r, d.latency)
	}

	// The merchant the credential selects serves the route (merchants.go).
	target, known := s.merchantFor(r)

	if rule, ok := s.takeRule(r); ok {
		s.serveRule(w, r, target, pattern, rule) // fault_rules.go
		return
	}

	buf := newBufferedResponse()
	switch {
	case d.rateLimited:
		buf.Header().Set("Retry-After", "1")
		writeMessages(buf, http.StatusTooManyRequests, errorMessage("rate_limited", "Too many requests; retry after 1 second"))
	case d.error503:
		writeMessages(buf, http.StatusServiceUnavailable, errorMessage("service_unavailable", "The service is temporarily unavailable"))
	case d.error500:
		writeMessages(buf, http.StatusInternalServerError, serverError())
	default:
		target.dispatchRecovering(buf, r, pattern)
	}

	if d.drop {
		s.recordRequest(r.Method, path, 0)
		if known {
			target.recordOwnRequest(r.Method, path, 0)
		}
		dropConnection(w)
		return
	}
	s.recordRequest(r.Method, path, buf.statusCode())
	if known {
		target.recordOwnRequest(r.Method, path, buf.statusCode())
	}
	buf.flushTo(w)
}

// dispatch runs the matched route, or writes the documented 404/400 shapes
// for unknown paths and unsupported methods.
func (s *Server) dispatch(w http.ResponseWriter, r *http.Request, pattern string) {
	if pattern != "" {
		s.mux.ServeHTTP(w, r)
		return
	}
	serveUnmatched(s.mux, w, r)
}

// dispatchRecovering is dispatch behind a panic-recovery middleware: a
// handler that panics answers 500 server_error (whatever it had buffered is
// discarded) instead of killing the connection, and because every handler
// releases s.mu with defer, the next request is served normally. The panic
// is logged with its stack and counted in Metrics().Panics so tests notice.
func (s *Server) dispatchRecovering(buf *bufferedResponse, r *http.Request, pattern string) {
	defer func() {
		v := recover()
		if v == nil {
			return
		}
		if v == http.ErrAbortHandler { //nolint:errorlint // sentinel passed to panic, compared as documented by net/http
			panic(v)
		}
		log.Printf("sandbox: panic serving %s %s: %v\n%s", r.Method, r.URL.Path, v, debug.Stack())
		s.recordPanic()
		buf.reset()
		writeMessages(buf, http.StatusInternalServerError, serverError())
	}()
	s.dispatch(buf, r, pattern)
}

// serveUnmatched distinguishes "no such path" (ServeMux 404) from "path
// exists with other methods" (ServeMux 405) and maps them to the gateway's
// resource_not_found (404, no context) and invalid_request (400).
func serveUnmatched(mux *http.ServeMux, w http.ResponseWriter, r *http.Request) {
	h, _ := mux.Handler(r)
	probe := newBufferedResponse()
	h.ServeHTTP(probe, r)
	if probe.statusCode() == http.StatusMethodNotAllowed {
		if allow := probe.Header().Get("Allow"); allow != "" {
			w.Header().Set("Allow", allow)
		}
		writeMessages(w, http.StatusBadRequest, invalidRequest("HTTP method "+r.Method+" is not supported for this URL"))
		return
	}
	writeMessages(w, http.StatusNotFound, notFoundURL())
}

// patternPath strips the method from a ServeMux pattern ("GET /v1/x" ->
// "/v1/x"); "" becomes unmatchedPath.
func patternPath(pattern string) string {
	if pattern == "" {
		return unmatchedPath
	}
	if i := strings.IndexByte(pattern, ' '); i >= 0 {
		return strings.TrimSpace(pattern[i+1:])
	}
	return pattern
}

// bufferedResponse is an http.ResponseWriter that keeps the whole response
// in memory until flushTo is called.
type bufferedResponse struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func newBufferedResponse() *bufferedResponse {
	return &bufferedResponse{header: http.Header{}}
}

func (b *bufferedResponse) Header() http.Header { return b.header }

func (b *bufferedResponse) WriteHeader(code int) {
	if b.status == 0 {
		b.status = code
	}
}

func (b *bufferedResponse) Write(p []byte) (int, error) {
	if b.status == 0 {
		b.status = http.StatusOK
	}
	return b.body.Write(p)
}

// reset discards everything written so far.
func (b *bufferedResponse) reset() {
	b.header = http.Header{}
	b.status = 0
	b.body.Reset()
}

func (b *bufferedResponse) statusCode() int {
	if b.status == 0 {
		return http.StatusOK
	}
	return b.status
}

func (b *bufferedResponse) flushTo(w http.ResponseWriter) {
	h := w.Header()
	for k, v := range b.header {
		h[k] = v
	}
	w.WriteHeader(b.statusCode())
	if b.body.Len() > 0 {
		_, _ = w.Write(b.body.Bytes())
	}
}

// dropConnection closes the client connection without writing a response.
func dropConnection(w http.ResponseWriter) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		// Not hijackable (e.g. HTTP/2): abort the response instead.
		panic(http.ErrAbortHandler)
	}
	_ = conn.Close()
}
