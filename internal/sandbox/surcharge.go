package sandbox

// Surcharge rates of a bank account: GET /bank-accounts/{id}/surcharge
// (public key, HTTP Basic), as the API reference's "Get Surcharge" describes
// it (affinipay-api-reference.txt around line 1427):
//
//   - The answer is a JSON array with one element per payment type that has
//     a surcharge ("card", "bank", "loan"): type, surcharge_rate and
//     surcharge_fee. When a bank account has more than one of the same type,
//     the first one is returned. When the merchant has no surcharge, "a null
//     set is returned": the sandbox answers an empty array.
//   - With the optional query parameter amount (cents), each element also
//     has amount, surcharge_amount ("equal to the surcharge fee or to the
//     amount multiplied by the surcharge rate") and total_amount (amount +
//     surcharge_amount).
//
// Readings of what the reference leaves open:
//   - surcharge_rate is in hundredths of a percent (basis points): the
//     reference's card rate 350 turns amount 500000 into surcharge_amount
//     17500, which is 3.50 %. Rates run from 0 to 10000 (100 %).
//   - A type with a non-zero rate is surcharged by the rate, one with rate 0
//     by its fee (the reference's examples have one or the other). The
//     product amount * rate / 10000 is rounded half up to a whole cent.
//   - amount must be a whole number from 0 to 10^14 - 1 (the API's largest
//     amount); anything else is 422 invalid_data on context "amount".
//   - An unknown bank account is 404 resource_not_found.
//
// The seeded operating (non-trust) bank account has the reference's
// example rates (card: rate 350, fee 0; bank: rate 0, fee 1001) and the trust
// account none, as trust accounts are not surcharged. Tests change them with
// SetSurcharges or POST /_sandbox/surcharge.

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
)

// SurchargeRate is one payment type's surcharge.
type SurchargeRate struct {
	Type string `json:"type"`           // card, bank or loan
	Rate int64  `json:"surcharge_rate"` // hundredths of a percent
	Fee  int64  `json:"surcharge_fee"`  // cents
}

// surchargeTypes are the payment types the reference names.
var surchargeTypes = map[string]bool{"card": true, "bank": true, "loan": true}

const surchargeMaxAmount = 100_000_000_000_000 - 1

// referenceSurcharges are the rates of the reference's example response.
func referenceSurcharges() []SurchargeRate {
	return []SurchargeRate{{Type: "card", Rate: 350, Fee: 0}, {Type: "bank", Rate: 0, Fee: 1001}}
}

type surchargeJSON struct {
	Type            string `json:"type"`
	SurchargeRate   int64  `json:"surcharge_rate"`
	SurchargeFee    int64  `json:"surcharge_fee"`
	Amount          *int64 `json:"amount,omitempty"`
	SurchargeAmount *int64 `json:"surcharge_amount,omitempty"`
	TotalAmount     *int64 `json:"total_amount,omitempty"`
}

// surchargeRoutes registers GET /bank-accounts/{id}/surcharge.
func (s *Server) surchargeRoutes() {
	s.handle("GET /bank-accounts/{id}/surcharge", s.publicKeyAuth(s.getSurcharge))
}

// surchargesOf is the configured rates of b (the seeded default when
// never set).
func surchargesOf(b *bankAccount) []SurchargeRate {
	if b.Surcharges != nil {
		return *b.Surcharges
	}
	if b.Trust {
		return nil
	}
	return referenceSurcharges()
}

func (s *Server) bankAccountLocked(id string) *bankAccount {
	for _, b := range s.st.bankAccounts {
		if b.ID == id {
			return b
		}
	}
	return nil
}

// surchargeAmount is the surcharge on amount: by the rate when it is not
// zero (rounded half up to a cent), else the fee.
func surchargeAmount(r SurchargeRate, amount int64) int64 {
	if r.Rate != 0 {
		return (amount*r.Rate + 5000) / 10000
	}
	return r.Fee
}

func (s *Server) getSurcharge(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	var amount *int64
	if q := r.URL.Query(); q.Has("amount") {
		v, err := strconv.ParseInt(q.Get("amount"), 10, 64)
		switch {
		case err != nil:
			writeInvalid(w, []Message{invalidData("amount", subInvalid, fmt.Sprintf("amount must be a whole number of cents, got %q", q.Get("amount")))})
			return
		case v < 0:
			writeInvalid(w, []Message{invalidData("amount", subBelowMinimum, "amount cannot be negative")})
			return
		case v > surchargeMaxAmount:
			writeInvalid(w, []Message{invalidData("amount", subExceedsMaximum, "amount cannot exceed 99999999999999")})
			return
		}
		amount = &v
	}
	s.mu.Lock()
	b := s.bankAccountLocked(id)
	var rates []SurchargeRate
	if b != nil {
		rates = append(rates, surchargesOf(b)...)
	}
	s.mu.Unlock()
	if b == nil {
		writeNotFound(w, "BankAccount", id)
		return
	}
	out := []surchargeJSON{}
	seen := map[string]bool{}
	for _, rt := range rates {
		if seen[rt.Type] { // "the first one is returned"
			continue
		}
		seen[rt.Type] = true
		e := surchargeJSON{Type: rt.Type, SurchargeRate: rt.Rate, SurchargeFee: rt.Fee}
		if amount != nil {
			a := *amount
			sur := surchargeAmount(rt, a)
			total := a + sur
			e.Amount, e.SurchargeAmount, e.TotalAmount = &a, &sur, &total
		}
		out = append(out, e)
	}
	writeJSON(w, http.StatusOK, out)
}

// SetSurcharges replaces the surcharge rates of a bank account (nil or
// empty: no surcharge). Rates must be 0..10000, fees 0..10^14-1 and types
// card, bank or loan; a repeated type is kept (the API returns the first).
func (s *Server) SetSurcharges(bankAccountID string, rates []SurchargeRate) error {
	for _, r := range rates {
		if !surchargeTypes[r.Type] {
			return fmt.Errorf("type %q is not card, bank or loan", r.Type)
		}
		if r.Rate < 0 || r.Rate > 10000 {
			return fmt.Errorf("surcharge_rate %d is not between 0 and 10000 (hundredths of a percent)", r.Rate)
		}
		if r.Fee < 0 || r.Fee > surchargeMaxAmount {
			return fmt.Errorf("surcharge_fee %d is not between 0 and %d", r.Fee, surchargeMaxAmount)
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	b := s.bankAccountLocked(bankAccountID)
	if b == nil {
		return fmt.Errorf("no bank account %q", bankAccountID)
	}
	cp := append([]SurchargeRate{}, rates...)
	b.Surcharges = &cp
	return nil
}

// postSurcharge is POST /_sandbox/surcharge {"bank_account_id": "...",
// "surcharges": [{"type": "card", "surcharge_rate": 350, "surcharge_fee": 0}]}.
func (s *Server) postSurcharge(w http.ResponseWriter, r *http.Request) {
	var in struct {
		BankAccountID string          `json:"bank_account_id"`
		Surcharges    []SurchargeRate `json:"surcharges"`
	}
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		writeMessages(w, http.StatusBadRequest, malformedRequest())
		return
	}
	if err := s.SetSurcharges(in.BankAccountID, in.Surcharges); err != nil {
		writeMessages(w, http.StatusUnprocessableEntity, invalidData("surcharges", subInvalid, err.Error()))
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
