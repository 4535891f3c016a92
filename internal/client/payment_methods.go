package client

import (
	"context"
	"net/http"
)

// Payment types of a contact PaymentMethod (API reference, PaymentType).
// The Contact API also lists cash, check and other, which carry no token.
const (
	PaymentTypeCreditCard  = "credit_card"
	PaymentTypeBankAccount = "bank_account"
)

// PaymentMethodAddress is the billing Address returned with a PaymentMethod
// (API reference, Contact API object types, Address). It is named for the
// payment method so that it cannot clash with the contact's own types.
type PaymentMethodAddress struct {
	ID              string `json:"id,omitempty"`
	Line1           string `json:"line1,omitempty"`
	Line2           string `json:"line2,omitempty"`
	City            string `json:"city,omitempty"`
	StateOrProvince string `json:"state_or_province,omitempty"`
	PostalCode      string `json:"postal_code,omitempty"`
	CountryCode     string `json:"country_code,omitempty"`
	Preferred       bool   `json:"preferred,omitempty"`
}

// PaymentMethod is a contact's stored card or bank account
// (`/contacts/{contact_id}/payment-methods`, ID prefix `pmtd_`). The API
// returns card and bank account numbers masked (`************4242`).
type PaymentMethod struct {
	ID                string `json:"id"`
	PayeeID           string `json:"payee_id,omitempty"`
	PaymentType       string `json:"payment_type"`
	AccountHolderType string `json:"account_holder_type,omitempty"`
	Name              string `json:"name,omitempty"`
	GivenName         string `json:"given_name,omitempty"`
	Surname           string `json:"surname,omitempty"`
	Nickname          string `json:"nickname,omitempty"`
	AccountNumber     string `json:"account_number,omitempty"`
	BankName          string `json:"bank_name,omitempty"`
	BankAccountType   string `json:"bank_account_type,omitempty"`
	CardType          string `json:"card_type,omitempty"`
	ExpirationMonth   int64  `json:"expiration_month,omitempty"`
	ExpirationYear    int64  `json:"expiration_year,omitempty"`
	// The reference types `preferred` as Integer but describes it as a
	// boolean with default false, and every example sends false: FlexBool
	// accepts true/false, "true"/"false" and 1/0.
	Preferred      FlexBool              `json:"preferred"`
	TestMode       bool                  `json:"test_mode"`
	Reference      string                `json:"reference,omitempty"`
	AuthorizedUses []string              `json:"authorized_uses"`
	Address        *PaymentMethodAddress `json:"address,omitempty"`
	Type           string                `json:"type,omitempty"`
	Created        *AuditTrace           `json:"created,omitempty"`
}

// PaymentMethodCreate is a POST /contacts/{contact_id}/payment-methods body.
// Exactly one of OneTimeToken and SavedPaymentToken is required.
type PaymentMethodCreate struct {
	PaymentType       string   `json:"payment_type"`
	OneTimeToken      string   `json:"one_time_token,omitempty"`
	SavedPaymentToken string   `json:"saved_payment_token,omitempty"`
	AuthorizedUses    []string `json:"authorized_uses,omitempty"`
	Preferred         *bool    `json:"preferred,omitempty"`
	Nickname          string   `json:"nickname,omitempty"`
	Reference         string   `json:"reference,omitempty"`
	// The reference marks test_mode "(required)" but also "The default
	// value is false": nil leaves it to the API.
	TestMode *bool `json:"test_mode,omitempty"`
}

// String never shows the tokens, in case the body is ever printed.
func (p PaymentMethodCreate) String() string {
	return "PaymentMethodCreate{payment_type:" + p.PaymentType + ", tokens:" + Redacted + "}"
}

// PaymentMethodUpdate is a PATCH body: nil fields are left as they are. A
// new OneTimeToken (or SavedPaymentToken) replaces the card or bank account
// in place, keeping the payment method's ID. Clearing a text field sends an
// empty string.
type PaymentMethodUpdate struct {
	OneTimeToken      *string   `json:"one_time_token,omitempty"`
	SavedPaymentToken *string   `json:"saved_payment_token,omitempty"`
	AuthorizedUses    *[]string `json:"authorized_uses,omitempty"`
	Preferred         *bool     `json:"preferred,omitempty"`
	Nickname          *string   `json:"nickname,omitempty"`
	Reference         *string   `json:"reference,omitempty"`
}

// String never shows the tokens, in case the body is ever printed.
func (p PaymentMethodUpdate) String() string {
	return "PaymentMethodUpdate{tokens:" + Redacted + "}"
}

func paymentMethodsPath(contactID string) string {
	return "/contacts/" + pathEscape(contactID) + "/payment-methods"
}

func paymentMethodPath(contactID, id string) string {
	return paymentMethodsPath(contactID) + "/" + pathEscape(id)
}

// ListPaymentMethods returns every payment method of a contact
// (GET /contacts/{contact_id}/payment-methods, a bare JSON array).
func (c *Client) ListPaymentMethods(ctx context.Context, contactID string) ([]PaymentMethod, error) {
	out, err := doJSON[[]PaymentMethod](ctx, c, Request{Method: http.MethodGet, Path: paymentMethodsPath(contactID), Auth: AuthBearer})
	if err != nil {
		return nil, err
	}
	return *out, nil
}

// GetPaymentMethod reads one payment method of a contact.
func (c *Client) GetPaymentMethod(ctx context.Context, contactID, id string) (*PaymentMethod, error) {
	return doJSON[PaymentMethod](ctx, c, Request{Method: http.MethodGet, Path: paymentMethodPath(contactID, id), Auth: AuthBearer})
}

// CreatePaymentMethod stores a payment method for a contact. It is not
// idempotent (the API takes no source_id for payment methods, and the
// one-time token is single use), so it is never retried once the request
// may have reached the server.
func (c *Client) CreatePaymentMethod(ctx context.Context, contactID string, p PaymentMethodCreate) (*PaymentMethod, error) {
	return doJSON[PaymentMethod](ctx, c, Request{Method: http.MethodPost, Path: paymentMethodsPath(contactID), Auth: AuthBearer, Body: p})
}

// UpdatePaymentMethod sends PATCH /contacts/{contact_id}/payment-methods/{id}.
func (c *Client) UpdatePaymentMethod(ctx context.Context, contactID, id string, u PaymentMethodUpdate) (*PaymentMethod, error) {
	return doJSON[PaymentMethod](ctx, c, Request{Method: http.MethodPatch, Path: paymentMethodPath(contactID, id), Auth: AuthBearer, Body: u})
}

// DeletePaymentMethod deletes a payment method. The API answers with the
// deleted object, which is ignored.
func (c *Client) DeletePaymentMethod(ctx context.Context, contactID, id string) error {
	return c.Do(ctx, Request{Method: http.MethodDelete, Path: paymentMethodPath(contactID, id), Auth: AuthBearer}, nil)
}
