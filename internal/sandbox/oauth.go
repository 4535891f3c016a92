package sandbox

import (
	"bytes"
	"encoding/json"
	"io"
	"mime"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"time"
)

// tokenLifetime is the lifetime of tokens issued by POST /oauth/token.
const tokenLifetime = 7200 * time.Second

// oauthRoutes: POST /oauth/token.
//
// Reading of the reference: it documents the authorization_code web flow;
// the sandbox has no login page, so it implements the client credentials
// grant (grant_type=client_credentials) that partner applications use for
// server-to-server calls. Parameters may be sent form-encoded (RFC 6749) or
// as JSON (as in the reference's example); client_id/client_secret may be in
// the body or in an HTTP Basic header (header wins). The response follows
// the documented example plus the standard expires_in.
func (s *Server) oauthRoutes() {
	s.handle("POST /oauth/token", s.oauthToken)
}

type oauthErrorBody struct {
	Error            string    `json:"error"`
	ErrorDescription string    `json:"error_description"`
	Messages         []Message `json:"messages"`
}

type oauthTokenBody struct {
	AccessToken string `json:"access_token"`
	TokenType   string `json:"token_type"`
	Scope       string `json:"scope"`
	CreatedAt   int64  `json:"created_at"`
	ExpiresIn   int64  `json:"expires_in"`
}

func writeOAuthError(w http.ResponseWriter, status int, code, desc string) {
	msg := invalidRequest(desc)
	if status == http.StatusUnauthorized {
		msg = notAuthorized()
	}
	writeJSON(w, status, oauthErrorBody{Error: code, ErrorDescription: desc, Messages: []Message{msg}})
}

// tokenParams reads the request parameters from a form or JSON body.
func tokenParams(r *http.Request) (map[string]string, string) {
	raw, err := io.ReadAll(io.LimitReader(r.Body, maxBodyBytes))
	if err != nil {
		return nil, "unable to read request body"
	}
	params := map[string]string{}
	for k, v := range r.URL.Query() {
		if len(v) > 0 {
			params[k] = v[0]
		}
	}
	if len(bytes.TrimSpace(raw)) == 0 {
		return params, ""
	}
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch mt {
	case "application/x-www-form-urlencoded":
		vals, err := url.ParseQuery(string(raw))
		if err != nil {
			return nil, "unable to parse form body"
		}
		for k, v := range vals {
			if len(v) > 0 {
				params[k] = v[0]
			}
		}
	case "application/json":
		var obj map[string]json.RawMessage
		if err := json.Unmarshal(raw, &obj); err != nil {
			return nil, "unable to parse JSON body"
		}
		for k, v := range obj {
			var str string
			if err := json.Unmarshal(v, &str); err != nil {
				return nil, k + " must be a string"
			}
			params[k] = str
		}
	default:
		return nil, "Content-Type must be application/x-www-form-urlencoded or application/json"
	}
	return params, ""
}

func (s *Server) oauthToken(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Pragma", "no-cache")
	params, problem := tokenParams(r)
	if problem != "" {
		writeOAuthError(w, http.StatusBadRequest, "invalid_request", problem)
		return
	}
	switch grant := params["grant_type"]; grant {
	case "client_credentials":
	case "":
		writeOAuthError(w, http.StatusBadRequest, "invalid_request", "grant_type is required")
		return
	default:
		writeOAuthError(w, http.StatusBadRequest, "unsupported_grant_type",
			"grant_type "+grant+" is not supported by the sandbox; use client_credentials")
		return
	}

	id, secret, basic := r.BasicAuth()
	if basic {
		// RFC 6749 section 2.3.1: form-urlencoded before base64.
		if v, err := url.QueryUnescape(id); err == nil {
			id = v
		}
		if v, err := url.QueryUnescape(secret); err == nil {
			secret = v
		}
	} else {
		id, secret = params["client_id"], params["client_secret"]
	}
	if !secureEqual(id, s.multi.creds.ClientID) || !secureEqual(secret, s.multi.creds.ClientSecret) {
		if basic {
			w.Header().Set("WWW-Authenticate", `Basic realm="AffiniPay"`)
		}
		writeOAuthError(w, http.StatusUnauthorized, "invalid_client",
			"Client authentication failed: unknown client or wrong client secret")
		return
	}
	for _, sc := range strings.Fields(params["scope"]) {
		if sc != "payments" {
			writeOAuthError(w, http.StatusBadRequest, "invalid_scope", "scope "+sc+" is not supported; use payments")
			return
		}
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	token := s.ids.accessToken()
	s.st.tokens[token] = now.Add(tokenLifetime)

	writeJSON(w, http.StatusOK, oauthTokenBody{
		AccessToken: token,
		TokenType:   "bearer",
		Scope:       "payments",
		CreatedAt:   now.Unix(),
		ExpiresIn:   int64(tokenLifetime / time.Second),
	})
}

// IssuedTokens returns the access tokens issued by POST /oauth/token since
// the last Reset, so tests can check that none of them leaks anywhere.
func (s *Server) IssuedTokens() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]string, 0, len(s.st.tokens))
	for tok := range s.st.tokens {
		out = append(out, tok)
	}
	sort.Strings(out)
	return out
}
