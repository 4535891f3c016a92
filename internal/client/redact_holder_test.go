package client

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"
)

// Card and bank details: besides the numbers, the one-time token ID, the
// fingerprint and the holder's name, email, phone, postal code and address
// are redacted, at any depth below the details; the same fields elsewhere
// (a merchant's name, a contact's email) are kept.
func TestRedactJSONPaymentHolder(t *testing.T) {
	in := `{
  "result": {"id": "tok_ONE_TIME_abc123", "type": "card", "number": "************4242", "fingerprint": "FP_GunPelYVthifNV63",
            "name": "Cardholder Harper", "email": "holder@example.com", "postal_code": "78730", "address1": "12 Holder St", "exp_month": 10},
  "payment_method": {"id": "pmtd_UlrciejZ4ZWpmOv8ldzM9", "payment_type": "credit_card", "name": "PM Holder",
            "address": {"line1": "500 Billing Rd", "postal_code": "73301", "city": "Austin"}},
  "charge": {"id": "ch_keepme", "method": {"type": "bank", "id": "bank_tok_xyz789", "given_name": "Given", "surname": "Surname",
            "account_number": "*****6789"}},
  "merchant": {"name": "Harper Law PLLC", "email": "billing@harperlaw.example", "postal_code": "78701"},
  "contacts": [{"type": "person", "id": "p_keep", "first_name": "Lu", "emails": [{"address": "lu@example.com"}]}]
}`
	out := RedactJSON([]byte(in))
	for _, secret := range []string{"tok_ONE_TIME_abc123", "FP_GunPelYVthifNV63", "Cardholder Harper", "holder@example.com", "78730",
		"12 Holder St", "PM Holder", "500 Billing Rd", "73301", "bank_tok_xyz789", `"Given"`, `"Surname"`} {
		if strings.Contains(out, secret) {
			t.Errorf("redacted body still contains %q: %s", secret, out)
		}
	}
	for _, keep := range []string{"pmtd_UlrciejZ4ZWpmOv8ldzM9", "ch_keepme", "Harper Law PLLC", "billing@harperlaw.example", "78701",
		"p_keep", "lu@example.com", "Austin", `"exp_month":10`} {
		if !strings.Contains(out, keep) {
			t.Errorf("redacted body lost %q: %s", keep, out)
		}
	}
}

func TestRedactFormPaymentHolder(t *testing.T) {
	out := RedactForm([]byte("type=card&number=4242424242424242&cvv=123&name=Form+Holder&email=f%40example.com&postal_code=78730&extra_data=keep"))
	for _, secret := range []string{"4242424242424242", "123", "Form", "f%40example.com", "78730"} {
		if strings.Contains(out, secret) {
			t.Errorf("form still contains %q: %s", secret, out)
		}
	}
	if !strings.Contains(out, "extra_data=keep") {
		t.Errorf("form lost extra_data: %s", out)
	}
	// Outside card or bank details, a name is kept.
	if out := RedactForm([]byte("grant_type=client_credentials&name=App")); !strings.Contains(out, "name=App") {
		t.Errorf("form: %s", out)
	}
}

func TestRedactQueryTokenPath(t *testing.T) {
	for in, want := range map[string]string{
		"/v1/tokens/tok_SECRET123":      "/v1/tokens/" + Redacted,
		"/v1/tokens/tok_SECRET123/x?a":  "/v1/tokens/" + Redacted + "/x?a=",
		"/v1/tokens":                    "/v1/tokens",
		"/contacts/p_1/payment-methods": "/contacts/p_1/payment-methods",
	} {
		u, err := url.Parse(in)
		if err != nil {
			t.Fatal(err)
		}
		if got := RedactQuery(u); got != want {
			t.Errorf("%s: %s, want %s", in, got, want)
		}
	}
}

// Creating and reading a one-time token at TRACE logs none of the token
// ID, fingerprint, cardholder name, email or postal code, in the request,
// the response or the path.
func TestLoggingTransportRedactsTokenDetails(t *testing.T) {
	t.Setenv("TF_LOG", "TRACE")
	const tokenID = "tokIDwKgFaj72F3aBPvZneEsBew"
	resp := `{"id":"` + tokenID + `","type":"card","number":"************4242","fingerprint":"GunPelYVthifNV63LEw1",` +
		`"exp_month":10,"exp_year":2030,"cvv":"***","name":"Some Holder","email":"some.holder@example.com","postal_code":"78730"}`
	var paths []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		paths = append(paths, r.URL.Path)
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(resp))
	}))
	defer srv.Close()
	var buf bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &buf)
	c := newTestClient(t, srv, func(cfg *Config) { cfg.PublicKey = "m_public_key" })
	tok, err := c.CreateToken(ctx, TokenCreate{Type: TokenTypeCard, Number: "4242424242424242", ExpMonth: 10, ExpYear: 2030, CVV: "987",
		Name: "Some Holder", Email: "some.holder@example.com", PostalCode: "78730"})
	if err != nil {
		t.Fatal(err)
	}
	if tok.ID != tokenID || tok.Fingerprint == "" {
		t.Fatalf("the response was not read back intact after logging: %+v", tok)
	}
	if _, err := c.GetToken(ctx, tokenID); err != nil {
		t.Fatal(err)
	}
	logs := buf.String()
	if !strings.Contains(logs, "AffiniPay API response detail") || len(paths) != 2 || !strings.Contains(logs, "/v1/tokens") {
		t.Fatalf("no trace logs written (%v):\n%s", paths, logs)
	}
	for _, s := range []string{tokenID, "GunPelYVthifNV63LEw1", "Some Holder", "some.holder@example.com", "78730", "4242424242424242", `"987"`} {
		if strings.Contains(logs, s) {
			t.Errorf("log contains %q", s)
		}
	}
}

// A recurring charge's method is a payment method ID, possibly a one-time
// token that can be charged: its string value is redacted; the masked
// details object a reply carries under the same key is redacted field by
// field and keeps its non-secret fields.
func TestRedactJSONChargeMethod(t *testing.T) {
	got := RedactJSON([]byte(`{"amount":100,"method":"tok_chargeable123","schedule":{"interval_unit":"MONTH"}}`))
	if strings.Contains(got, "tok_chargeable123") || !strings.Contains(got, `"method":"REDACTED"`) {
		t.Errorf("method not redacted: %s", got)
	}
	got = RedactJSON([]byte(`{"method":{"type":"card","number":"************4242","card_type":"VISA"}}`))
	if !strings.Contains(got, `"card_type":"VISA"`) || strings.Contains(got, "4242") {
		t.Errorf("masked method details: %s", got)
	}
}
