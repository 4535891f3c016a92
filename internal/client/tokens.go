package client

import (
	"context"
	"net/http"
)

// Types of a one-time payment token (API reference, Gateway object types, token).
const (
	TokenTypeCard = "card"
	TokenTypeBank = "bank"
)

// TokenCreate is a POST /v1/tokens body: the payment details a one-time
// token is made from. Card tokens use Number, ExpMonth, ExpYear and CVV;
// bank tokens RoutingNumber, AccountNumber, AccountType and
// AccountHolderType. Its String method hides every value.
type TokenCreate struct {
	Type string `json:"type"`

	Number   string `json:"number,omitempty"`
	ExpMonth int64  `json:"exp_month,omitempty"`
	ExpYear  int64  `json:"exp_year,omitempty"`
	CVV      string `json:"cvv,omitempty"`

	RoutingNumber     string `json:"routing_number,omitempty"`
	AccountNumber     string `json:"account_number,omitempty"`
	AccountType       string `json:"account_type,omitempty"`
	AccountHolderType string `json:"account_holder_type,omitempty"`

	Name        string `json:"name,omitempty"`
	GivenName   string `json:"given_name,omitempty"`
	Surname     string `json:"surname,omitempty"`
	Address1    string `json:"address1,omitempty"`
	Address2    string `json:"address2,omitempty"`
	City        string `json:"city,omitempty"`
	State       string `json:"state,omitempty"`
	PostalCode  string `json:"postal_code,omitempty"`
	Country     string `json:"country,omitempty"`
	Email       string `json:"email,omitempty"`
	Phone       string `json:"phone,omitempty"`
	Reference   string `json:"reference,omitempty"`
	Description string `json:"description,omitempty"`
}

// String never shows the payment details, in case the body is ever printed.
func (t TokenCreate) String() string {
	return "TokenCreate{type:" + t.Type + ", details:" + Redacted + "}"
}

// GoString is String, for %#v.
func (t TokenCreate) GoString() string { return t.String() }

// Token is a one-time payment token as the API returns it: card number,
// routing number and bank account number masked, CVV masked or absent.
type Token struct {
	ID                string `json:"id"`
	Created           string `json:"created,omitempty"`
	Type              string `json:"type"`
	Number            string `json:"number,omitempty"`
	CardType          string `json:"card_type,omitempty"`
	Fingerprint       string `json:"fingerprint,omitempty"`
	ExpMonth          int64  `json:"exp_month,omitempty"`
	ExpYear           int64  `json:"exp_year,omitempty"`
	RoutingNumber     string `json:"routing_number,omitempty"`
	AccountNumber     string `json:"account_number,omitempty"`
	AccountType       string `json:"account_type,omitempty"`
	AccountHolderType string `json:"account_holder_type,omitempty"`
	BankName          string `json:"bank_name,omitempty"`
	Name              string `json:"name,omitempty"`
	GivenName         string `json:"given_name,omitempty"`
	Surname           string `json:"surname,omitempty"`
	PostalCode        string `json:"postal_code,omitempty"`
	Country           string `json:"country,omitempty"`
}

// CreateToken exchanges payment details for a one-time token
// (POST /v1/tokens, HTTP Basic with the merchant public key). The token is
// single use and expires five minutes after creation. The call is not
// idempotent: each success creates a new token, so the client never repeats
// it once the request may have reached the server.
func (c *Client) CreateToken(ctx context.Context, t TokenCreate) (*Token, error) {
	return doJSON[Token](ctx, c, Request{Method: http.MethodPost, Path: "/v1/tokens", Auth: AuthPublicKey, Body: t})
}

// GetToken reads a token (GET /v1/tokens/{id}) with all sensitive data
// masked. The reference's example authenticates with the secret key.
func (c *Client) GetToken(ctx context.Context, id string) (*Token, error) {
	return doJSON[Token](ctx, c, Request{Method: http.MethodGet, Path: "/v1/tokens/" + pathEscape(id), Auth: AuthSecretKey})
}
