package sandbox

import (
	"context"
	"crypto/subtle"
	"net/http"
	"strings"
)

// mode is the gateway mode selected by the secret key.
type mode string

const (
	modeTest mode = "test"
	modeLive mode = "live"
)

type ctxKey int

const ctxMode ctxKey = 0

// modeOf returns the mode stored by secretKeyAuth ("" when not gateway-authenticated).
func modeOf(r *http.Request) mode {
	m, _ := r.Context().Value(ctxMode).(mode)
	return m
}

func secureEqual(a, b string) bool {
	return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1
}

// writeNotAuthorized writes the documented 401 not_authorized body.
func writeNotAuthorized(w http.ResponseWriter, challenge string) {
	if challenge != "" {
		w.Header().Set("WWW-Authenticate", challenge)
	}
	writeMessages(w, http.StatusUnauthorized, notAuthorized())
}

const basicChallenge = `Basic realm="AffiniPay Gateway"`

// secretKeyAuth requires HTTP Basic auth with a secret key as username and an
// empty password ("secret_key:"). The test key selects test mode, the live
// key live mode; handlers read it with modeOf.
func (s *Server) secretKeyAuth(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		user, pass, ok := r.BasicAuth()
		var m mode
		switch {
		case !ok || pass != "":
		case secureEqual(user, s.multi.creds.TestSecretKey):
			m = modeTest
		case secureEqual(user, s.multi.creds.LiveSecretKey):
			m = modeLive
		}
		if m == "" || !s.ipAllowed(r) {
			writeNotAuthorized(w, basicChallenge)
			return
		}
		h(w, r.WithContext(context.WithValue(r.Context(), ctxMode, m)))
	}
}

// ipAllowed applies the merchant's api_allowed_ip_address_ranges
// (ip_allowlist.go).
func (s *Server) ipAllowed(r *http.Request) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.ipAllowedLocked(r)
}

// publicKeyAuth requires HTTP Basic auth with the merchant public key as
// username and an empty password (used by e.g. /v1/tokens).
func (s *Server) publicKeyAuth(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		user, pass, ok := r.BasicAuth()
		if !ok || pass != "" || !secureEqual(user, s.multi.creds.PublicKey) {
			writeNotAuthorized(w, basicChallenge)
			return
		}
		h(w, r)
	}
}

// bearerAuth requires "Authorization: Bearer <token>" with the default access
// token or an unexpired token issued by POST /oauth/token.
func (s *Server) bearerAuth(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		token, ok := parseBearer(r.Header.Get("Authorization"))
		if !ok || !s.validToken(token) {
			writeNotAuthorized(w, `Bearer realm="AffiniPay"`)
			return
		}
		h(w, r)
	}
}

func parseBearer(header string) (string, bool) {
	scheme, token, ok := strings.Cut(strings.TrimSpace(header), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return "", false
	}
	token = strings.TrimSpace(token)
	return token, token != ""
}

func (s *Server) validToken(token string) bool {
	if secureEqual(token, s.multi.creds.AccessToken) {
		return true
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	exp, ok := s.st.tokens[token]
	return ok && s.now().Before(exp)
}
