package client

import (
	"context"
	"net/http"
	"net/url"
)

// Saved cards (/v1/cards) and saved banks (/v1/banks): API reference
// "Saved Cards" and "Saved Banks". Responses mask the card number, routing
// number and account number.

// SavedCard is a saved card as returned (number masked, no CVV).
type SavedCard struct {
	ID          string    `json:"id"`
	Type        string    `json:"type"`
	Reference   string    `json:"reference,omitempty"`
	Description string    `json:"description,omitempty"`
	Name        string    `json:"name,omitempty"`
	Number      string    `json:"number"`
	Fingerprint string    `json:"fingerprint,omitempty"`
	CardType    string    `json:"card_type,omitempty"`
	ExpMonth    FlexInt64 `json:"exp_month"`
	ExpYear     FlexInt64 `json:"exp_year"`
	PostalCode  string    `json:"postal_code,omitempty"`
}

// SavedCardCreate is the POST /v1/cards body: card details, or a one-time
// token ID.
type SavedCardCreate struct {
	TokenID     string `json:"token_id,omitempty"`
	Number      string `json:"number,omitempty"`
	ExpMonth    int64  `json:"exp_month,omitempty"`
	ExpYear     int64  `json:"exp_year,omitempty"`
	CVV         string `json:"cvv,omitempty"`
	Name        string `json:"name,omitempty"`
	PostalCode  string `json:"postal_code,omitempty"`
	Description string `json:"description,omitempty"`
	Reference   string `json:"reference,omitempty"`
}

// SavedBank is a saved bank as returned (routing and account numbers masked).
type SavedBank struct {
	ID                string `json:"id"`
	Type              string `json:"type"`
	Reference         string `json:"reference,omitempty"`
	Description       string `json:"description,omitempty"`
	Name              string `json:"name,omitempty"`
	GivenName         string `json:"given_name,omitempty"`
	Surname           string `json:"surname,omitempty"`
	AccountHolderType string `json:"account_holder_type,omitempty"`
	RoutingNumber     string `json:"routing_number"`
	AccountNumber     string `json:"account_number"`
	AccountType       string `json:"account_type,omitempty"`
	Fingerprint       string `json:"fingerprint,omitempty"`
	BankName          string `json:"bank_name,omitempty"`
}

// SavedBankCreate is the POST /v1/banks body.
type SavedBankCreate struct {
	TokenID           string `json:"token_id,omitempty"`
	RoutingNumber     string `json:"routing_number,omitempty"`
	AccountNumber     string `json:"account_number,omitempty"`
	AccountType       string `json:"account_type,omitempty"`
	AccountHolderType string `json:"account_holder_type,omitempty"`
	Name              string `json:"name,omitempty"`
	GivenName         string `json:"given_name,omitempty"`
	Surname           string `json:"surname,omitempty"`
	Description       string `json:"description,omitempty"`
	Reference         string `json:"reference,omitempty"`
}

// CreateSavedCard saves a card. Not retried after a lost response: the
// endpoint takes no source_id, so a repeat could save the card twice.
func (c *Client) CreateSavedCard(ctx context.Context, in SavedCardCreate) (*SavedCard, error) {
	return doJSON[SavedCard](ctx, c, Request{Method: http.MethodPost, Path: "/v1/cards", Auth: AuthSecretKey, Body: in})
}

// GetSavedCard returns a saved card.
func (c *Client) GetSavedCard(ctx context.Context, id string) (*SavedCard, error) {
	return doJSON[SavedCard](ctx, c, Request{Method: http.MethodGet, Path: "/v1/cards/" + url.PathEscape(id), Auth: AuthSecretKey})
}

// DeleteSavedCard deletes a saved card.
func (c *Client) DeleteSavedCard(ctx context.Context, id string) error {
	return c.Do(ctx, Request{Method: http.MethodDelete, Path: "/v1/cards/" + url.PathEscape(id), Auth: AuthSecretKey}, nil)
}

// CreateSavedBank saves a bank account (not retried after a lost response).
func (c *Client) CreateSavedBank(ctx context.Context, in SavedBankCreate) (*SavedBank, error) {
	return doJSON[SavedBank](ctx, c, Request{Method: http.MethodPost, Path: "/v1/banks", Auth: AuthSecretKey, Body: in})
}

// GetSavedBank returns a saved bank.
func (c *Client) GetSavedBank(ctx context.Context, id string) (*SavedBank, error) {
	return doJSON[SavedBank](ctx, c, Request{Method: http.MethodGet, Path: "/v1/banks/" + url.PathEscape(id), Auth: AuthSecretKey})
}

// DeleteSavedBank deletes a saved bank.
func (c *Client) DeleteSavedBank(ctx context.Context, id string) error {
	return c.Do(ctx, Request{Method: http.MethodDelete, Path: "/v1/banks/" + url.PathEscape(id), Auth: AuthSecretKey}, nil)
}
