package client

import (
	"context"
	"net/http"
)

// Merchant is the authenticated merchant (GET /v1/merchant). Its accounts
// are those of the secret key's mode only.
type Merchant struct {
	ID                        string            `json:"id"`
	Created                   string            `json:"created,omitempty"`
	Modified                  string            `json:"modified,omitempty"`
	Name                      string            `json:"name"`
	PublicKey                 string            `json:"public_key,omitempty"`
	ContactName               string            `json:"contact_name"`
	ContactEmail              string            `json:"contact_email"`
	ContactPhone              string            `json:"contact_phone"`
	Address1                  string            `json:"address1"`
	Address2                  string            `json:"address2"`
	City                      string            `json:"city"`
	State                     string            `json:"state"`
	PostalCode                string            `json:"postal_code"`
	Country                   string            `json:"country"`
	Timezone                  string            `json:"timezone"`
	APIAllowedIPAddressRanges string            `json:"api_allowed_ip_address_ranges"`
	LiveEventsURLs            string            `json:"live_events_urls"`
	TestEventsURLs            string            `json:"test_events_urls"`
	MerchantAccounts          []MerchantAccount `json:"merchant_accounts"`
	AchAccounts               []AchAccount      `json:"ach_accounts"`
}

// MerchantAccount is a card-processing account and its policies.
type MerchantAccount struct {
	ID                              string    `json:"id"`
	Created                         string    `json:"created,omitempty"`
	Modified                        string    `json:"modified,omitempty"`
	Status                          string    `json:"status"`
	TrustAccount                    *FlexBool `json:"trust_account,omitempty"`
	Name                            string    `json:"name"`
	Primary                         bool      `json:"primary"`
	Currency                        string    `json:"currency"`
	AcceptedCardTypes               string    `json:"accepted_card_types"`
	CVVPolicy                       string    `json:"cvv_policy"`
	AVSPolicy                       string    `json:"avs_policy"`
	IgnoreAVSFailureIfCVVMatch      bool      `json:"ignore_avs_failure_if_cvv_match"`
	RequiredPaymentFields           string    `json:"required_payment_fields"`
	SwipeCVVPolicy                  string    `json:"swipe_cvv_policy"`
	SwipeAVSPolicy                  string    `json:"swipe_avs_policy"`
	SwipeIgnoreAVSFailureIfCVVMatch bool      `json:"swipe_ignore_avs_failure_if_cvv_match"`
	SwipeRequiredPaymentFields      string    `json:"swipe_required_payment_fields"`
	TransactionAllowedCountries     string    `json:"transaction_allowed_countries"`
}

// AchAccount is an eCheck account and its policy. Routing and account
// numbers come back masked.
type AchAccount struct {
	ID                          string    `json:"id"`
	Created                     string    `json:"created,omitempty"`
	Modified                    string    `json:"modified,omitempty"`
	Status                      string    `json:"status"`
	TrustAccount                *FlexBool `json:"trust_account,omitempty"`
	Name                        string    `json:"name"`
	Primary                     bool      `json:"primary"`
	Currency                    string    `json:"currency"`
	RoutingNumber               string    `json:"routing_number,omitempty"`
	AccountNumber               string    `json:"account_number,omitempty"`
	AccountType                 string    `json:"account_type,omitempty"`
	BankName                    string    `json:"bank_name,omitempty"`
	RequiredPaymentFields       string    `json:"required_payment_fields"`
	TransactionAllowedCountries string    `json:"transaction_allowed_countries"`
}

// MerchantUpdate is a PATCH /v1/merchant body: nil fields are left as they are.
type MerchantUpdate struct {
	Name                      *string `json:"name,omitempty"`
	ContactName               *string `json:"contact_name,omitempty"`
	ContactEmail              *string `json:"contact_email,omitempty"`
	ContactPhone              *string `json:"contact_phone,omitempty"`
	Address1                  *string `json:"address1,omitempty"`
	Address2                  *string `json:"address2,omitempty"`
	City                      *string `json:"city,omitempty"`
	State                     *string `json:"state,omitempty"`
	PostalCode                *string `json:"postal_code,omitempty"`
	Country                   *string `json:"country,omitempty"`
	Timezone                  *string `json:"timezone,omitempty"`
	APIAllowedIPAddressRanges *string `json:"api_allowed_ip_address_ranges,omitempty"`
	LiveEventsURLs            *string `json:"live_events_urls,omitempty"`
	TestEventsURLs            *string `json:"test_events_urls,omitempty"`
}

// GetMerchant reads the merchant the secret key authenticates as.
func (c *Client) GetMerchant(ctx context.Context) (*Merchant, error) {
	return doJSON[Merchant](ctx, c, Request{Method: http.MethodGet, Path: "/v1/merchant", Auth: AuthSecretKey})
}

// UpdateMerchant sends PATCH /v1/merchant with only the given fields.
func (c *Client) UpdateMerchant(ctx context.Context, u MerchantUpdate) (*Merchant, error) {
	return doJSON[Merchant](ctx, c, Request{Method: http.MethodPatch, Path: "/v1/merchant", Auth: AuthSecretKey, Body: u})
}

// AchAccountUpdate is a PATCH /v1/ach-accounts/{id} body.
type AchAccountUpdate struct {
	Name                        *string `json:"name,omitempty"`
	Primary                     *bool   `json:"primary,omitempty"`
	RequiredPaymentFields       *string `json:"required_payment_fields,omitempty"`
	TransactionAllowedCountries *string `json:"transaction_allowed_countries,omitempty"`
}

// UpdateAchAccount sends PATCH /v1/ach-accounts/{id}.
func (c *Client) UpdateAchAccount(ctx context.Context, id string, u AchAccountUpdate) (*AchAccount, error) {
	return doJSON[AchAccount](ctx, c, Request{Method: http.MethodPatch, Path: "/v1/ach-accounts/" + pathEscape(id), Auth: AuthSecretKey, Body: u})
}
