package client

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
)

func TestCreateTokenSendsDetailsWithPublicKey(t *testing.T) {
	var gotAuth, gotPath, gotMethod string
	var gotBody map[string]any
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gotAuth, gotPath, gotMethod = r.Header.Get("Authorization"), r.URL.Path, r.Method
		b, _ := io.ReadAll(r.Body)
		_ = json.Unmarshal(b, &gotBody)
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"id":"wKgFaj72F3aBPvZneEsBew","type":"card","number":"************4242","fingerprint":"GunPelYVthifNV63LEw1","exp_month":10,"exp_year":2030,"cvv":"***","card_type":"VISA"}`))
	}))
	defer srv.Close()
	c := newTestClient(t, srv, func(cfg *Config) { cfg.PublicKey = "m_publickey123456" })
	tok, err := c.CreateToken(context.Background(), TokenCreate{
		Type: TokenTypeCard, Number: "4242424242424242", ExpMonth: 10, ExpYear: 2030, CVV: "123", PostalCode: "78701",
	})
	if err != nil {
		t.Fatal(err)
	}
	if gotMethod != http.MethodPost || gotPath != "/v1/tokens" {
		t.Errorf("request %s %s", gotMethod, gotPath)
	}
	if want := "Basic " + base64.StdEncoding.EncodeToString([]byte("m_publickey123456:")); gotAuth != want {
		t.Errorf("Authorization = %q, want the public key as Basic user", gotAuth)
	}
	want := map[string]any{"type": "card", "number": "4242424242424242", "exp_month": float64(10), "exp_year": float64(2030), "cvv": "123", "postal_code": "78701"}
	if fmt.Sprint(gotBody) != fmt.Sprint(want) {
		t.Errorf("body = %v, want %v (no bank fields, no empty strings)", gotBody, want)
	}
	if tok.ID != "wKgFaj72F3aBPvZneEsBew" || tok.Number != "************4242" || tok.CardType != "VISA" || tok.ExpYear != 2030 {
		t.Errorf("token = %+v", tok)
	}
}

// A token POST that reached the server is never repeated: a repeat would
// make a second token (or fail on a single-use resource).
func TestCreateTokenNotRetried(t *testing.T) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		w.WriteHeader(http.StatusBadGateway)
	}))
	defer srv.Close()
	c := newTestClient(t, srv, func(cfg *Config) { cfg.PublicKey = "m_publickey123456" })
	if _, err := c.CreateToken(context.Background(), TokenCreate{Type: TokenTypeBank, RoutingNumber: "000000013", AccountNumber: "1234567890"}); err == nil {
		t.Fatal("expected an error")
	}
	if n.Load() != 1 {
		t.Fatalf("%d attempts, want exactly 1", n.Load())
	}
}

func TestCreateTokenNeedsPublicKey(t *testing.T) {
	c, err := New(Config{BaseURL: "http://127.0.0.1:1"})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.CreateToken(context.Background(), TokenCreate{Type: TokenTypeCard})
	if err == nil || !strings.Contains(err.Error(), `"public_key"`) {
		t.Fatalf("got %v, want an error naming public_key", err)
	}
}

func TestTokenCreateStringHidesDetails(t *testing.T) {
	tc := TokenCreate{Type: "card", Number: "4242424242424242", CVV: "987", AccountNumber: "1234567890"}
	for _, s := range []string{tc.String(), fmt.Sprintf("%v %+v %#v %s", tc, tc, tc, tc)} {
		for _, secret := range []string{"4242424242424242", "987", "1234567890"} {
			if strings.Contains(s, secret) {
				t.Errorf("%q shows %s", s, secret)
			}
		}
	}
}

func TestGetTokenUsesSecretKey(t *testing.T) {
	var gotAuth, gotPath string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gotAuth, gotPath = r.Header.Get("Authorization"), r.URL.EscapedPath()
		_, _ = w.Write([]byte(`{"id":"wKgFaj72F3aBPvZneEsBew","type":"bank","account_number":"******7890","routing_number":"*****0013"}`))
	}))
	defer srv.Close()
	c := newTestClient(t, srv, nil)
	tok, err := c.GetToken(context.Background(), "wKgFaj72F3aBPvZneEsBew")
	if err != nil {
		t.Fatal(err)
	}
	if gotPath != "/v1/tokens/wKgFaj72F3aBPvZneEsBew" || gotAuth != basic("sk_test_0123456789abcdef") {
		t.Errorf("path %q auth %q", gotPath, gotAuth)
	}
	if tok.AccountNumber != "******7890" {
		t.Errorf("token = %+v", tok)
	}
}
