package client

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
)

// pmTestServer records the last request and answers with body.
type pmTestServer struct {
	method, path, auth, body string
	n                        atomic.Int32
}

func (s *pmTestServer) start(t *testing.T, status int, body string) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.n.Add(1)
		b, _ := io.ReadAll(r.Body)
		s.method, s.path, s.auth, s.body = r.Method, r.URL.EscapedPath(), r.Header.Get("Authorization"), string(b)
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = w.Write([]byte(body))
	}))
	t.Cleanup(srv.Close)
	return srv
}

const pmTestResponse = `{"id":"pmtd_UlrciejZ4ZWpmOv8ldzM9","payee_id":"org_ayVmT9zfkH46buQT4HtBK",
"address":{"line1":"111 New Street","postal_code":"78756","preferred":false,"type":"address"},
"payment_type":"credit_card","name":"Lu Harper","account_number":"************4242","card_type":"VISA",
"expiration_month":10,"expiration_year":2030,"preferred":1,"allow_future_payments":false,"test_mode":true,
"authorized_uses":["all"],"type":"payment_method"}`

func TestCreatePaymentMethod(t *testing.T) {
	var s pmTestServer
	srv := s.start(t, http.StatusOK, pmTestResponse)
	c := newTestClient(t, srv, func(cfg *Config) { cfg.AccessToken = "bearer-token-123456" })
	pm, err := c.CreatePaymentMethod(context.Background(), "p_E3ZUY3x1R87RISuzJ3vDm", PaymentMethodCreate{
		PaymentType: PaymentTypeCreditCard, OneTimeToken: "zGOEGW9aTvmOEruuX2UGHw", AuthorizedUses: []string{"all"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if s.method != http.MethodPost || s.path != "/contacts/p_E3ZUY3x1R87RISuzJ3vDm/payment-methods" || s.auth != "Bearer bearer-token-123456" {
		t.Errorf("request %s %s %s", s.method, s.path, s.auth)
	}
	if want := `{"payment_type":"credit_card","one_time_token":"zGOEGW9aTvmOEruuX2UGHw","authorized_uses":["all"]}`; s.body != want {
		t.Errorf("body = %s, want %s", s.body, want)
	}
	if pm.ID != "pmtd_UlrciejZ4ZWpmOv8ldzM9" || pm.AccountNumber != "************4242" || !bool(pm.Preferred) || !pm.TestMode ||
		pm.Address == nil || pm.Address.Line1 != "111 New Street" || pm.ExpirationYear != 2030 || fmt.Sprint(pm.AuthorizedUses) != "[all]" {
		t.Errorf("decoded %+v", pm)
	}
	if strings.Contains(fmt.Sprint(PaymentMethodCreate{OneTimeToken: "zGOEGW9aTvmOEruuX2UGHw"}), "zGOEGW9a") {
		t.Error("PaymentMethodCreate.String shows the token")
	}
}

// A create that reached the server is not repeated: there is no source_id
// to make it idempotent and the token is single use.
func TestCreatePaymentMethodNotRetried(t *testing.T) {
	var s pmTestServer
	srv := s.start(t, http.StatusServiceUnavailable, `{}`)
	c := newTestClient(t, srv, func(cfg *Config) { cfg.AccessToken = "bearer-token-123456" })
	if _, err := c.CreatePaymentMethod(context.Background(), "p_x", PaymentMethodCreate{PaymentType: "credit_card", OneTimeToken: "t"}); err == nil {
		t.Fatal("expected an error")
	}
	if s.n.Load() != 1 {
		t.Fatalf("%d attempts, want 1", s.n.Load())
	}
}

func TestUpdatePaymentMethodSendsOnlySetFields(t *testing.T) {
	var s pmTestServer
	srv := s.start(t, http.StatusOK, pmTestResponse)
	c := newTestClient(t, srv, func(cfg *Config) { cfg.AccessToken = "bearer-token-123456" })
	uses := []string{}
	_, err := c.UpdatePaymentMethod(context.Background(), "org_Y2eJHCXVqjMlXL9EfmBfc", "pmtd_WesqHDqMXBn1RoI6qDTOu", PaymentMethodUpdate{
		OneTimeToken: String("HEXXpttNSHyK6U0nH3DxEQ"), Nickname: String(""), AuthorizedUses: &uses, Preferred: Bool(false),
	})
	if err != nil {
		t.Fatal(err)
	}
	if s.method != http.MethodPatch || s.path != "/contacts/org_Y2eJHCXVqjMlXL9EfmBfc/payment-methods/pmtd_WesqHDqMXBn1RoI6qDTOu" {
		t.Errorf("request %s %s", s.method, s.path)
	}
	var got map[string]any
	if err := json.Unmarshal([]byte(s.body), &got); err != nil {
		t.Fatal(err)
	}
	if want := `map[authorized_uses:[] nickname: one_time_token:HEXXpttNSHyK6U0nH3DxEQ preferred:false]`; fmt.Sprint(got) != want {
		t.Errorf("body = %v, want %s", got, want)
	}
}

func TestGetListDeletePaymentMethod(t *testing.T) {
	var s pmTestServer
	srv := s.start(t, http.StatusOK, "["+pmTestResponse+"]")
	c := newTestClient(t, srv, func(cfg *Config) { cfg.AccessToken = "bearer-token-123456" })
	list, err := c.ListPaymentMethods(context.Background(), "p_a")
	if err != nil || len(list) != 1 || s.method != http.MethodGet || s.path != "/contacts/p_a/payment-methods" {
		t.Fatalf("list: %v %d %s %s", err, len(list), s.method, s.path)
	}

	var g pmTestServer
	srv = g.start(t, http.StatusNotFound, `{"messages":[{"code":"resource_not_found","level":"error"}]}`)
	c = newTestClient(t, srv, func(cfg *Config) { cfg.AccessToken = "bearer-token-123456" })
	if _, err := c.GetPaymentMethod(context.Background(), "p_a", "pmtd_b"); !IsNotFound(err) || g.path != "/contacts/p_a/payment-methods/pmtd_b" {
		t.Fatalf("get: %v %s", err, g.path)
	}
	if err := c.DeletePaymentMethod(context.Background(), "p_a", "pmtd_b"); !IsNotFound(err) || g.method != http.MethodDelete {
		t.Fatalf("delete: %v %s", err, g.method)
	}
}
