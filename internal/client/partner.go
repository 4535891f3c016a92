package client

import (
	"context"
	"net/http"
	"net/url"
)

// GatewayCredentials is GET /gateway-credentials: the merchant's test and
// live accounts with their public and secret keys.
type GatewayCredentials struct {
	Application  string           `json:"application"`
	User         GatewayUser      `json:"user"`
	Merchant     GatewayMerchant  `json:"merchant"`
	TestAccounts []GatewayAccount `json:"test_accounts"`
	LiveAccounts []GatewayAccount `json:"live_accounts"`
}

// GatewayUser is the user the bearer token acts for.
type GatewayUser struct {
	FirstName string   `json:"first_name"`
	LastName  string   `json:"last_name"`
	Email     string   `json:"email"`
	Owner     bool     `json:"owner"`
	Abilities []string `json:"abilities"`
}

// GatewayMerchant is the merchant summary in gateway credentials.
type GatewayMerchant struct {
	Name              string   `json:"name"`
	Address           string   `json:"address"`
	AdditionalAddress string   `json:"additional_address"`
	City              string   `json:"city"`
	State             string   `json:"state"`
	PostalCode        string   `json:"postal_code"`
	Country           string   `json:"country"`
	Phone             string   `json:"phone"`
	Timezone          string   `json:"timezone"`
	Website           string   `json:"website"`
	SupportEmail      string   `json:"support_email"`
	SupportPhone      string   `json:"support_phone"`
	EmailSuccessTo    string   `json:"email_success_to"`
	EmailFailureTo    string   `json:"email_failure_to"`
	ReferenceRequired FlexBool `json:"reference_required"`
	ReferenceLabel    string   `json:"reference_label"`
}

// GatewayAccount is one test or live account with its keys.
type GatewayAccount struct {
	Name                    string   `json:"name"`
	Type                    string   `json:"type"`
	Currency                string   `json:"currency"`
	RecurringChargesEnabled FlexBool `json:"recurring_charges_enabled"`
	ID                      string   `json:"id"`
	PublicKey               string   `json:"public_key"`
	SecretKey               string   `json:"secret_key"`
	TrustAccount            FlexBool `json:"trust_account"`
}

// GetGatewayCredentials needs a Bearer token.
func (c *Client) GetGatewayCredentials(ctx context.Context) (*GatewayCredentials, error) {
	return doJSON[GatewayCredentials](ctx, c, Request{Method: http.MethodGet, Path: "/gateway-credentials", Auth: AuthBearer})
}

// BankAccount is one entry of GET /bank-accounts.
type BankAccount struct {
	ID                 string              `json:"id"`
	Name               string              `json:"name"`
	BankName           string              `json:"bank_name"`
	Trust              bool                `json:"trust"`
	AccountID          string              `json:"account_id"`
	Currency           string              `json:"currency"`
	ProcessingAccounts []ProcessingAccount `json:"processing_accounts"`
}

// ProcessingAccount is a card or eCheck processing account of a bank account.
type ProcessingAccount struct {
	ID                         string `json:"id"`
	Name                       string `json:"name"`
	Type                       string `json:"type"`
	RequiredPaymentFields      string `json:"required_payment_fields"`
	AcceptedCardTypes          string `json:"accepted_card_types"`
	CVVPolicy                  string `json:"cvv_policy"`
	AVSPolicy                  string `json:"avs_policy"`
	SwipeCVVPolicy             string `json:"swipe_cvv_policy"`
	SwipeAVSPolicy             string `json:"swipe_avs_policy"`
	SwipeRequiredPaymentFields string `json:"swipe_required_payment_fields"`
}

// ListBankAccounts needs a Bearer token.
func (c *Client) ListBankAccounts(ctx context.Context) ([]BankAccount, error) {
	out, err := doJSON[[]BankAccount](ctx, c, Request{Method: http.MethodGet, Path: "/bank-accounts", Auth: AuthBearer})
	if err != nil {
		return nil, err
	}
	return *out, nil
}

func pathEscape(s string) string { return url.PathEscape(s) }
