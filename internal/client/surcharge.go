package client

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"
)

// Surcharge is one payment type's surcharge of a bank account (GET
// /bank-accounts/{id}/surcharge). Amount, SurchargeAmount and TotalAmount
// are only present when an amount was asked for.
type Surcharge struct {
	Type            string     `json:"type"`           // card, bank or loan
	SurchargeRate   FlexInt64  `json:"surcharge_rate"` // hundredths of a percent (350 = 3.50 %)
	SurchargeFee    FlexInt64  `json:"surcharge_fee"`  // smallest currency unit
	Amount          *FlexInt64 `json:"amount,omitempty"`
	SurchargeAmount *FlexInt64 `json:"surcharge_amount,omitempty"`
	TotalAmount     *FlexInt64 `json:"total_amount,omitempty"`
}

// GetSurcharge reads the surcharge rates and fees of a bank account, and
// with amount (cents; nil for none) the surcharge and total for it
// (GET /bank-accounts/{id}/surcharge?amount=..., HTTP Basic with the
// merchant's public key). A merchant without surcharge answers an empty
// (or null) set: no elements.
func (c *Client) GetSurcharge(ctx context.Context, bankAccountID string, amount *int64) ([]Surcharge, error) {
	q := url.Values{}
	if amount != nil {
		q.Set("amount", strconv.FormatInt(*amount, 10))
	}
	out, err := doJSON[[]Surcharge](ctx, c, Request{
		Method: http.MethodGet, Path: "/bank-accounts/" + pathEscape(bankAccountID) + "/surcharge", Query: q, Auth: AuthPublicKey,
	})
	var malformed *MalformedResponseError
	if errors.As(err, &malformed) && malformed.Reason == "null" {
		// "If the merchant does not have surcharge enabled, a null set is
		// returned": the reference's words allow a JSON null here.
		return nil, nil
	}
	if err != nil || out == nil {
		return nil, err
	}
	return *out, nil
}

// check: every element names its payment type.
func (s *Surcharge) check() error { return requireFields("type", s.Type) }
