package client

import (
	"context"
	"net/http"
)

// Operations behind the provider's actions (Terraform 1.14+): paying or
// ignoring one recurring charge occurrence, and purging test data.

func occurrencePath(chargeID, occurrenceID string) string {
	return recurringChargePath(chargeID) + "/occurrences/" + pathEscape(occurrenceID)
}

// GetRecurringChargeOccurrence reads one occurrence
// (GET /v1/recurring/charges/{id}/occurrences/{occurrenceId}).
func (c *Client) GetRecurringChargeOccurrence(ctx context.Context, chargeID, occurrenceID string) (*RecurringOccurrence, error) {
	var out RecurringOccurrence
	if err := c.Do(ctx, Request{Method: http.MethodGet, Path: occurrencePath(chargeID, occurrenceID), Auth: AuthSecretKey}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// PayRecurringChargeOccurrence attempts to collect an occurrence now
// (an empty POST .../pay): a pre-payment, or a retry of an ignored or
// failed payment. It moves money, so it is never retried once the request
// may have reached the server (Idempotent is false).
func (c *Client) PayRecurringChargeOccurrence(ctx context.Context, chargeID, occurrenceID string) (*RecurringOccurrence, error) {
	var out RecurringOccurrence
	if err := c.Do(ctx, Request{Method: http.MethodPost, Path: occurrencePath(chargeID, occurrenceID) + "/pay", Auth: AuthSecretKey}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// IgnoreRecurringChargeOccurrence marks an unpaid occurrence IGNORED
// (POST .../ignore), so the gateway does not collect it.
func (c *Client) IgnoreRecurringChargeOccurrence(ctx context.Context, chargeID, occurrenceID string) (*RecurringOccurrence, error) {
	var out RecurringOccurrence
	if err := c.Do(ctx, Request{Method: http.MethodPost, Path: occurrencePath(chargeID, occurrenceID) + "/ignore", Auth: AuthSecretKey, Idempotent: true}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// PurgeTestData discards the merchant's test-mode data
// (POST /v1/merchant/purge-test-data, 204). Callers check the key's mode
// first with SecretKeyMode.
func (c *Client) PurgeTestData(ctx context.Context) error {
	return c.Do(ctx, Request{Method: http.MethodPost, Path: "/v1/merchant/purge-test-data", Auth: AuthSecretKey, Idempotent: true}, nil)
}

// SecretKeyMode reports the mode (ModeTest or ModeLive) of the secret key
// the client sends to the Payment Gateway, or "" when it cannot be told:
// a key taken from /gateway-credentials has the configured mode; a
// configured key is looked up among the test and live accounts of
// /gateway-credentials, which needs a bearer token.
func (c *Client) SecretKeyMode(ctx context.Context) (string, error) {
	key, err := c.gatewaySecretKey(ctx)
	if err != nil {
		return "", err
	}
	if c.cfg.SecretKey == "" {
		return c.cfg.Mode, nil // looked up by mode
	}
	if !c.HasBearer() {
		return "", nil
	}
	creds, err := c.GetGatewayCredentials(ctx)
	if err != nil {
		return "", err
	}
	for _, a := range creds.LiveAccounts {
		if a.SecretKey == key {
			return ModeLive, nil
		}
	}
	for _, a := range creds.TestAccounts {
		if a.SecretKey == key {
			return ModeTest, nil
		}
	}
	return "", nil
}
