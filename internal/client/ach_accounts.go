package client

import (
	"context"
	"net/http"
)

// GetAchAccount returns one eCheck account of the authenticated merchant.
// The API documents no GET for a single ach_account, so it is read from
// GET /v1/merchant's ach_accounts (which holds the accounts of the secret
// key's mode only). An account that is not there gives an *APIError with
// status 404, so IsNotFound works as for any other object.
func (c *Client) GetAchAccount(ctx context.Context, id string) (*AchAccount, error) {
	m, err := c.GetMerchant(ctx)
	if err != nil {
		return nil, err
	}
	return achAccountIn(m, id)
}

// achAccountIn is the account id among m's ach_accounts, or a 404 *APIError.
func achAccountIn(m *Merchant, id string) (*AchAccount, error) {
	for i := range m.AchAccounts {
		if m.AchAccounts[i].ID == id {
			return &m.AchAccounts[i], nil
		}
	}
	return nil, &APIError{
		Method:     http.MethodGet,
		Path:       "/v1/merchant",
		StatusCode: http.StatusNotFound,
		Messages: []Message{{
			Code: "not_found", Level: "error", Context: "id",
			Message: "No eCheck account with ID " + id + " among the ach_accounts of the authenticated merchant " +
				"(a secret key only sees the accounts of its own mode: test keys test accounts, live keys live accounts)",
		}},
	}
}
