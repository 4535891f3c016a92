package client

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestGetSurcharge(t *testing.T) {
	var gotPath, gotQuery, gotUser string
	body := `[{"type":"card","surcharge_rate":350,"surcharge_fee":0,"amount":500000,"surcharge_amount":17500,"total_amount":517500},
	          {"type":"bank","surcharge_rate":"0","surcharge_fee":"1001","amount":500000,"surcharge_amount":1001,"total_amount":501001}]`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gotPath, gotQuery = r.URL.EscapedPath(), r.URL.RawQuery
		gotUser, _, _ = r.BasicAuth()
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(body))
	}))
	t.Cleanup(srv.Close)
	c := newTestClient(t, srv, func(cfg *Config) { cfg.PublicKey = "m_public" })
	amount := int64(500000)
	got, err := c.GetSurcharge(context.Background(), "bank_a/b", &amount)
	if err != nil {
		t.Fatal(err)
	}
	if gotPath != "/bank-accounts/bank_a%2Fb/surcharge" || gotQuery != "amount=500000" || gotUser != "m_public" {
		t.Errorf("request %s?%s as %q", gotPath, gotQuery, gotUser)
	}
	if len(got) != 2 || got[0].Type != "card" || got[0].SurchargeRate != 350 || *got[0].SurchargeAmount != 17500 ||
		got[1].SurchargeFee != 1001 || *got[1].TotalAmount != 501001 {
		t.Errorf("decoded %+v", got)
	}

	for _, b := range []string{`[]`, `null`} {
		body = b
		got, err := c.GetSurcharge(context.Background(), "bank_x", nil)
		if err != nil || len(got) != 0 || gotQuery != "" {
			t.Errorf("%s: %+v, %v (query %q)", b, got, err, gotQuery)
		}
	}
}

func TestGetSurchargeNeedsPublicKey(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	t.Cleanup(srv.Close)
	_, err := newTestClient(t, srv, nil).GetSurcharge(context.Background(), "bank_x", nil)
	var missing *MissingCredentialError
	if !errors.As(err, &missing) || missing.Attribute != "public_key" {
		t.Fatalf("error %v; want a missing public_key", err)
	}
}

func TestGetSurchargeMalformed(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(`[{"surcharge_rate":350}]`))
	}))
	t.Cleanup(srv.Close)
	_, err := newTestClient(t, srv, func(cfg *Config) { cfg.PublicKey = "m_public" }).GetSurcharge(context.Background(), "bank_x", nil)
	var malformed *MalformedResponseError
	if !errors.As(err, &malformed) {
		t.Fatalf("error %v; want a malformed reply (no type)", err)
	}
}
