package sandbox

// Several merchants in one sandbox.
//
// A sandbox hosts Options.Merchants merchants (default 1). Merchant 1 is the
// Server returned by New, with the fixed DefaultCredentials, so a
// one-merchant sandbox behaves exactly as before. Merchants 2..N are
// Servers of their own (one state, one mutex, one ID stream, one set of
// routes each) owned by merchant 1, with credentials of their own
// (MerchantCredentials): secret keys, public key, fixed access token and the
// partner OAuth client (client id and secret) whose tokens are bound to that
// merchant.
//
// ServeHTTP (on merchant 1) picks the merchant a request belongs to from its
// credential (Basic secret or public key, Basic OAuth client id, Bearer
// access token, or for POST /oauth/token and form POST /v1/tokens the
// client_id/public_key in the body) and runs the route on that merchant's
// Server. A handler therefore only ever sees its own merchant's state, so
// isolation holds by construction:
//   - a credential that belongs to no merchant answers 401 not_authorized
//     (the request goes to merchant 1, whose auth refuses it);
//   - an object ID of merchant A used with merchant B's credential answers
//     404 resource_not_found, the reference's "An item referred to in the
//     request ... was not found" (B has no such object). Reading: the
//     sandbox does not answer 401 there, which would tell B that the ID
//     exists at another merchant.
//
// Faults, the clock and the apparent client address are shared by every
// merchant (they model the network and time, not a merchant). Metrics()
// counts every request; MerchantView.Metrics counts the requests whose
// credential selected that merchant.
//
// Admin endpoints:
//
//	GET  /_sandbox/merchants            -> [MerchantInfo...]
//	POST /_sandbox/merchants {"count":N} -> sets the number of merchants
//	     (1..MaxMerchants); new merchants start seeded, removed ones lose
//	     their state; answers the list.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
)

// MaxMerchants is the largest number of merchants a sandbox hosts.
const MaxMerchants = 99

// merchantSet is the per-Server multi-merchant bookkeeping.
type merchantSet struct {
	index int         // 1-based merchant number
	root  *Server     // merchant 1 (itself for merchant 1)
	creds Credentials // this merchant's credentials

	// own counts the requests routed to this merchant by their credential
	// (guarded by the merchant's mu).
	own metricsState

	// Merchant 1 only: every merchant, index 0 = merchant 1.
	listMu sync.RWMutex
	list   []*Server
}

// MerchantCredentials returns the fixed credentials of merchant n (1-based):
// DefaultCredentials for n = 1, and for n >= 2 keys of the same formats
// that name the merchant ("...m02..."), obviously fake.
func MerchantCredentials(n int) Credentials {
	if n <= 1 {
		return DefaultCredentials()
	}
	pad := func(s string) string { return s + strings.Repeat("0", 64-len(s)) }
	return Credentials{
		TestSecretKey: pad(fmt.Sprintf("sandboxtestsecretkeym%02d", n)),
		LiveSecretKey: pad(fmt.Sprintf("sandboxlivesecretkeym%02d", n)),
		PublicKey:     fmt.Sprintf("m_SandboxMerchant%02dKey00", n),
		AccessToken:   pad(fmt.Sprintf("SandboxAccessTokenM%02d", n)),
		ClientID:      pad(fmt.Sprintf("SandboxClientIdM%02d", n)),
		ClientSecret:  pad(fmt.Sprintf("SandboxClientSecretM%02d", n)),
	}
}

// initMerchants sets up merchant 1 and merchants 2..count (New).
func (s *Server) initMerchants(count int) {
	s.multi.index, s.multi.root, s.multi.creds = 1, s, DefaultCredentials()
	s.multi.list = []*Server{s}
	s.setMerchantCount(count)
}

// newMerchantServer returns merchant n, sharing root's clock and settings.
func (s *Server) newMerchantServer(n int) *Server {
	m := &Server{now: s.now, seed: s.seed, clock: s.clock}
	m.multi.index, m.multi.root, m.multi.creds = n, s, MerchantCredentials(n)
	m.mux = http.NewServeMux()
	m.routes()
	m.mu.Lock()
	m.resetLocked()
	m.apparentClient = s.currentClientAddress()
	m.mu.Unlock()
	return m
}

func (s *Server) currentClientAddress() (a netip.Addr) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.apparentClient
}

// setMerchantCount grows or shrinks the merchant list (merchant 1 only).
func (s *Server) setMerchantCount(count int) {
	if count < 1 {
		count = 1
	}
	if count > MaxMerchants {
		count = MaxMerchants
	}
	s.multi.listMu.Lock()
	defer s.multi.listMu.Unlock()
	for len(s.multi.list) < count {
		s.multi.list = append(s.multi.list, s.newMerchantServer(len(s.multi.list)+1))
	}
	s.multi.list = s.multi.list[:count]
}

// merchantServers returns every merchant (merchant 1 first).
func (s *Server) merchantServers() []*Server {
	r := s.multi.root
	if r == nil {
		return []*Server{s}
	}
	r.multi.listMu.RLock()
	defer r.multi.listMu.RUnlock()
	return append([]*Server(nil), r.multi.list...)
}

// otherMerchants returns merchants 2..N.
func (s *Server) otherMerchants() []*Server { return s.merchantServers()[1:] }

// rootServer returns merchant 1, which owns the shared settings.
func (s *Server) rootServer() *Server {
	if s.multi.root == nil {
		return s
	}
	return s.multi.root
}

// resetOtherMerchants re-seeds merchants 2..N (Reset).
func (s *Server) resetOtherMerchants() {
	for _, m := range s.otherMerchants() {
		m.mu.Lock()
		m.resetLocked()
		m.mu.Unlock()
	}
}

// merchantFor returns the merchant r's credential belongs to, and whether
// one matched (false: merchant 1 answers, normally 401).
func (s *Server) merchantFor(r *http.Request) (*Server, bool) {
	all := s.merchantServers()
	if user, _, ok := r.BasicAuth(); ok {
		if v, err := url.QueryUnescape(user); err == nil && r.URL.Path == "/oauth/token" {
			user = v // OAuth clients form-encode before base64 (RFC 6749 2.3.1)
		}
		for _, m := range all {
			c := m.multi.creds
			if secureEqual(user, c.TestSecretKey) || secureEqual(user, c.LiveSecretKey) ||
				secureEqual(user, c.PublicKey) || secureEqual(user, c.ClientID) {
				return m, true
			}
		}
		return s, false
	}
	if tok, ok := parseBearer(r.Header.Get("Authorization")); ok {
		for _, m := range all {
			if m.validToken(tok) {
				return m, true
			}
		}
		return s, false
	}
	if len(all) == 1 || r.Method != http.MethodPost || (r.URL.Path != "/oauth/token" && r.URL.Path != "/v1/tokens") {
		return s, false
	}
	// Credentials in the body: client_id (POST /oauth/token, form or JSON)
	// or public_key (form POST /v1/tokens). The body is read and put back.
	raw, err := io.ReadAll(io.LimitReader(r.Body, maxBodyBytes+1))
	_ = r.Body.Close()
	r.Body = io.NopCloser(bytes.NewReader(raw))
	if err != nil {
		return s, false
	}
	var key string
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch mt {
	case "application/x-www-form-urlencoded":
		if vals, err := url.ParseQuery(string(raw)); err == nil {
			key = vals.Get("client_id") + vals.Get("public_key")
		}
	case "application/json":
		var body struct {
			ClientID string `json:"client_id"`
		}
		if json.Unmarshal(raw, &body) == nil {
			key = body.ClientID
		}
	}
	if key == "" {
		key = r.URL.Query().Get("client_id")
	}
	for _, m := range all {
		if secureEqual(key, m.multi.creds.ClientID) || secureEqual(key, m.multi.creds.PublicKey) {
			return m, true
		}
	}
	return s, false
}

// recordOwnRequest counts a request routed to this merchant.
func (s *Server) recordOwnRequest(method, path string, status int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.multi.own.total++
	s.multi.own.counts[metricKey{method, path, status}]++
}

// MerchantView is one merchant of a sandbox, for tests and the admin API.
type MerchantView struct{ s *Server }

// MerchantCount returns the number of merchants the sandbox hosts.
func (s *Server) MerchantCount() int { return len(s.merchantServers()) }

// SetMerchantCount sets the number of merchants (1..MaxMerchants; values
// outside are clamped). New merchants start seeded; removed merchants lose
// their state.
func (s *Server) SetMerchantCount(n int) { s.rootServer().setMerchantCount(n) }

// Merchant returns merchant n (1-based), or nil when there is none.
func (s *Server) Merchant(n int) *MerchantView {
	all := s.merchantServers()
	if n < 1 || n > len(all) {
		return nil
	}
	return &MerchantView{s: all[n-1]}
}

// Number is the merchant's 1-based number.
func (m *MerchantView) Number() int { return m.s.multi.index }

// Credentials are the merchant's credentials.
func (m *MerchantView) Credentials() Credentials { return m.s.multi.creds }

// ID is the merchant's gateway ID (GET /v1/merchant "id").
func (m *MerchantView) ID() string {
	m.s.mu.Lock()
	defer m.s.mu.Unlock()
	return m.s.st.merchant.ID
}

// ContactCount returns the merchant's contacts that are not deleted.
func (m *MerchantView) ContactCount() int { return m.s.ContactCount() }

// RecurringChargeCount is Server.RecurringChargeCount for this merchant.
func (m *MerchantView) RecurringChargeCount(sourceID string) int {
	return m.s.RecurringChargeCount(sourceID)
}

// ObjectCounts counts the merchant's objects that API clients create.
type ObjectCounts struct {
	Contacts         int `json:"contacts"`          // not deleted
	PaymentMethods   int `json:"payment_methods"`   // Contact API, not deleted
	RecurringCharges int `json:"recurring_charges"` // not deleted
	SavedMethods     int `json:"saved_methods"`     // /v1/cards and /v1/banks
	OneTimeTokens    int `json:"one_time_tokens"`
	LiveEventsURLs   int `json:"live_events_urls"` // webhook endpoints
	TestEventsURLs   int `json:"test_events_urls"`
}

// Objects returns the merchant's object counts.
func (m *MerchantView) Objects() ObjectCounts {
	s := m.s
	s.mu.Lock()
	defer s.mu.Unlock()
	var o ObjectCounts
	for _, c := range s.st.contactAPI.contacts {
		if !c.Deleted {
			o.Contacts++
		}
	}
	for _, pm := range s.st.contactAPI.methods {
		if !pm.Deleted {
			o.PaymentMethods++
		}
	}
	for _, ch := range s.st.recurringCharges {
		if ch.Status != rcDeleted {
			o.RecurringCharges++
		}
	}
	o.SavedMethods = len(s.st.savedMethods)
	o.OneTimeTokens = len(s.st.oneTimeTokens)
	o.LiveEventsURLs = countList(s.st.merchant.LiveEventsURLs)
	o.TestEventsURLs = countList(s.st.merchant.TestEventsURLs)
	return o
}

func countList(v string) int {
	n := 0
	for _, p := range strings.Split(v, ",") {
		if strings.TrimSpace(p) != "" {
			n++
		}
	}
	return n
}

// Metrics counts the API requests whose credential selected this merchant
// since New or the last Reset (Server.Metrics counts every request).
func (m *MerchantView) Metrics() Metrics {
	s := m.s
	s.mu.Lock()
	defer s.mu.Unlock()
	return snapshotMetrics(s.multi.own, 0)
}

// MerchantInfo is one merchant in GET /_sandbox/merchants.
type MerchantInfo struct {
	Number      int          `json:"number"`
	ID          string       `json:"id"`
	Name        string       `json:"name"`
	Credentials Credentials  `json:"credentials"`
	Objects     ObjectCounts `json:"objects"`
	Metrics     Metrics      `json:"metrics"`
}

// Info returns the merchant's admin description.
func (m *MerchantView) Info() MerchantInfo {
	m.s.mu.Lock()
	name := m.s.st.merchant.Name
	m.s.mu.Unlock()
	return MerchantInfo{Number: m.Number(), ID: m.ID(), Name: name, Credentials: m.Credentials(), Objects: m.Objects(), Metrics: m.Metrics()}
}

func (s *Server) merchantInfos() []MerchantInfo {
	all := s.merchantServers()
	out := make([]MerchantInfo, 0, len(all))
	for _, m := range all {
		out = append(out, (&MerchantView{s: m}).Info())
	}
	return out
}

func (s *Server) merchantAdminRoutes() {
	s.adminMux.HandleFunc("GET /_sandbox/merchants", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, s.merchantInfos())
	})
	s.adminMux.HandleFunc("POST /_sandbox/merchants", func(w http.ResponseWriter, r *http.Request) {
		var body struct {
			Count *int `json:"count"`
		}
		if !readAdminJSON(w, r, "merchants", &body) {
			return
		}
		if body.Count == nil || *body.Count < 1 || *body.Count > MaxMerchants {
			writeInvalid(w, []Message{invalidData("count", subInvalid, "count must be an integer from 1 to "+strconv.Itoa(MaxMerchants))})
			return
		}
		s.SetMerchantCount(*body.Count)
		writeJSON(w, http.StatusOK, s.merchantInfos())
	})
}

// seedMerchantState seeds merchant n: merchant 1 is seedState itself;
// merchants 2..N draw every seeded ID from streams of their own and get a
// name, contact e-mail and public key of their own.
func seedMerchantState(seed int64, n int, c Credentials) *state {
	if n <= 1 {
		return seedState(seed)
	}
	sfx := "#" + strconv.Itoa(n)
	st := &state{tokens: map[string]time.Time{}}
	seedMerchant(st, newIDGen(seed, "merchant"+sfx))
	seedBankAccounts(st, newIDGen(seed, "bank-accounts"+sfx))
	st.contactAPI, st.oneTimeTokens = seedContacts(newIDGen(seed, "contacts"+sfx)), map[string]*oneTimeToken{}
	st.merchant.PublicKey = c.PublicKey
	st.merchant.Name = fmt.Sprintf("Sandbox Law Firm %d", n)
	st.merchant.ContactEmail = fmt.Sprintf("admin%d@example.com", n)
	return st
}

// runtimeStream is the ID stream of IDs generated while serving merchant n.
func runtimeStream(n int) string {
	if n <= 1 {
		return "runtime"
	}
	return "runtime#" + strconv.Itoa(n)
}
