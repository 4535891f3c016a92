package sandbox

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"
)

func TestOAuthClientCredentialsStyles(t *testing.T) {
	e := newEnv(t)
	form := url.Values{"grant_type": {"client_credentials"}, "client_id": {ClientID}, "client_secret": {ClientSecret}}

	postForm := func(body string, basic bool) *http.Request {
		req, _ := http.NewRequest("POST", e.ts.URL+"/oauth/token", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if basic {
			req.SetBasicAuth(ClientID, ClientSecret)
		}
		return req
	}
	jsonReq, _ := http.NewRequest("POST", e.ts.URL+"/oauth/token", strings.NewReader(
		`{"grant_type":"client_credentials","client_id":"`+ClientID+`","client_secret":"`+ClientSecret+`","scope":"payments"}`))
	jsonReq.Header.Set("Content-Type", "application/json")

	seen := map[string]bool{}
	for name, req := range map[string]*http.Request{
		"form body":    postForm(form.Encode(), false),
		"basic header": postForm("grant_type=client_credentials", true),
		"json body":    jsonReq,
	} {
		t.Run(name, func(t *testing.T) {
			r := e.send(req)
			if r.status != 200 {
				t.Fatalf("%d %s", r.status, r.body)
			}
			var tok oauthTokenBody
			r.json(t, &tok)
			if len(tok.AccessToken) != 64 || !isAlnum(tok.AccessToken) || tok.TokenType != "bearer" || tok.Scope != "payments" ||
				tok.ExpiresIn != 7200 || tok.CreatedAt != e.clock.Now().Unix() {
				t.Fatalf("token response: %+v", tok)
			}
			if seen[tok.AccessToken] {
				t.Fatal("token reused")
			}
			seen[tok.AccessToken] = true
			if r := e.do("GET", "/gateway-credentials", auth{bearer: tok.AccessToken}, nil); r.status != 200 {
				t.Fatalf("issued token rejected: %d %s", r.status, r.body)
			}
		})
	}
}

func isAlnum(s string) bool {
	for _, c := range s {
		if !strings.ContainsRune(alnumChars, c) {
			return false
		}
	}
	return true
}

func TestOAuthWithGolangClient(t *testing.T) {
	e := newEnv(t)
	for _, style := range []oauth2.AuthStyle{oauth2.AuthStyleInParams, oauth2.AuthStyleInHeader} {
		cfg := clientcredentials.Config{
			ClientID: ClientID, ClientSecret: ClientSecret, TokenURL: e.ts.URL + "/oauth/token",
			Scopes: []string{"payments"}, AuthStyle: style,
		}
		resp, err := cfg.Client(context.Background()).Get(e.ts.URL + "/gateway-credentials")
		if err != nil {
			t.Fatalf("style %v: %v", style, err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Fatalf("style %v: status %d", style, resp.StatusCode)
		}
	}
}

func TestOAuthErrors(t *testing.T) {
	e := newEnv(t)
	post := func(body string) response {
		req, _ := http.NewRequest("POST", e.ts.URL+"/oauth/token", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		return e.send(req)
	}
	var eb oauthErrorBody
	r := post("grant_type=client_credentials&client_id=" + ClientID + "&client_secret=wrong")
	if r.status != 401 {
		t.Fatalf("bad secret: %d", r.status)
	}
	r.json(t, &eb)
	if eb.Error != "invalid_client" || eb.ErrorDescription == "" || len(eb.Messages) != 1 || eb.Messages[0].Code != "not_authorized" {
		t.Fatalf("bad client body: %s", r.body)
	}
	for body, want := range map[string]string{
		"grant_type=authorization_code&code=x&client_id=" + ClientID + "&client_secret=" + ClientSecret:      "unsupported_grant_type",
		"client_id=" + ClientID + "&client_secret=" + ClientSecret:                                           "invalid_request",
		"grant_type=client_credentials&scope=admin&client_id=" + ClientID + "&client_secret=" + ClientSecret: "invalid_scope",
	} {
		r := post(body)
		eb = oauthErrorBody{}
		r.json(t, &eb)
		if r.status != 400 || eb.Error != want || len(eb.Messages) != 1 {
			t.Errorf("%s: %d %s, want 400 %s", body, r.status, r.body, want)
		}
	}
}

func TestOAuthTokenExpiryAndReset(t *testing.T) {
	e := newEnv(t)
	get := func() string {
		r := e.do("POST", "/oauth/token", noAuth, map[string]string{
			"grant_type": "client_credentials", "client_id": ClientID, "client_secret": ClientSecret})
		var tok oauthTokenBody
		r.json(t, &tok)
		return tok.AccessToken
	}
	tok := get()
	e.clock.Advance(7199 * time.Second)
	if r := e.do("GET", "/bank-accounts", auth{bearer: tok}, nil); r.status != 200 {
		t.Fatalf("token expired early: %d", r.status)
	}
	e.clock.Advance(time.Second)
	if r := e.do("GET", "/bank-accounts", auth{bearer: tok}, nil); r.status != 401 {
		t.Fatalf("expired token accepted: %d", r.status)
	}
	tok = get()
	e.s.Reset()
	if r := e.do("GET", "/bank-accounts", auth{bearer: tok}, nil); r.status != 401 {
		t.Fatalf("token survived Reset: %d", r.status)
	}
	if r := e.do("GET", "/bank-accounts", defToken, nil); r.status != 200 {
		t.Fatalf("default token rejected after Reset: %d", r.status)
	}
}
