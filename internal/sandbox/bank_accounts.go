package sandbox

import "net/http"

// bankAccountsRoutes: GET /bank-accounts (Bearer auth).
func (s *Server) bankAccountsRoutes() {
	s.handle("GET /bank-accounts", s.bearerAuth(s.getBankAccounts))
}

type bankAccountJSON struct {
	ID                 string `json:"id"`
	Name               string `json:"name"`
	BankName           string `json:"bank_name"`
	Trust              bool   `json:"trust"`
	AccountID          string `json:"account_id"`
	Currency           string `json:"currency"`
	ProcessingAccounts []any  `json:"processing_accounts"` // cardProcessingAccountJSON | achProcessingAccountJSON
}

// cardProcessingAccountJSON is a processing account of type "card".
type cardProcessingAccountJSON struct {
	ID                         string `json:"id"`
	Name                       string `json:"name"`
	RequiredPaymentFields      string `json:"required_payment_fields"`
	AcceptedCardTypes          string `json:"accepted_card_types"`
	CVVPolicy                  string `json:"cvv_policy"`
	AVSPolicy                  string `json:"avs_policy"`
	SwipeCVVPolicy             string `json:"swipe_cvv_policy"`
	SwipeAVSPolicy             string `json:"swipe_avs_policy"`
	SwipeRequiredPaymentFields string `json:"swipe_required_payment_fields"`
	Type                       string `json:"type"`
}

// achProcessingAccountJSON is a processing account of type "ach". The
// reference only shows card processing accounts; the card policy properties
// do not apply to eCheck accounts, so they are omitted.
type achProcessingAccountJSON struct {
	ID                    string `json:"id"`
	Name                  string `json:"name"`
	RequiredPaymentFields string `json:"required_payment_fields"`
	Type                  string `json:"type"`
}

// seedBankAccounts links the live Operating card account and eCheck account
// to an operating bank account, and the live Trust accounts to a trust bank
// account. Must run after seedMerchant.
func seedBankAccounts(st *state, ids *idGen) {
	for _, trust := range []bool{false, true} {
		b := &bankAccount{
			ID:       ids.bankAccountID(),
			Name:     "Operating Account",
			BankName: "SANDBOX NATIONAL BANK",
			Trust:    trust,
			Currency: "USD",
		}
		if trust {
			b.Name = "Trust Account"
		}
		cards, achs := st.accountsByMode(modeLive)
		for _, a := range cards {
			if a.TrustAccount == trust {
				b.CardAccounts = append(b.CardAccounts, a.ID)
			}
		}
		for _, a := range achs {
			if a.TrustAccount == trust {
				b.ACHAccounts = append(b.ACHAccounts, a.ID)
				b.AccountNumber = a.AccountNumber
				b.BankName = a.BankName
			}
		}
		st.bankAccounts = append(st.bankAccounts, b)
	}
}

func (s *Server) getBankAccounts(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := []bankAccountJSON{}
	for _, b := range s.st.bankAccounts {
		j := bankAccountJSON{
			ID: b.ID, Name: b.Name, BankName: b.BankName, Trust: b.Trust,
			AccountID: maskAccount(b.AccountNumber), Currency: b.Currency,
			ProcessingAccounts: []any{},
		}
		for _, id := range b.CardAccounts {
			if a := s.st.merchantAccount(id); a != nil {
				j.ProcessingAccounts = append(j.ProcessingAccounts, cardProcessingAccountJSON{
					ID: a.ID, Name: a.Name, RequiredPaymentFields: a.RequiredPaymentFields,
					AcceptedCardTypes: a.AcceptedCardTypes, CVVPolicy: a.CVVPolicy, AVSPolicy: a.AVSPolicy,
					SwipeCVVPolicy: a.SwipeCVVPolicy, SwipeAVSPolicy: a.SwipeAVSPolicy,
					SwipeRequiredPaymentFields: a.SwipeRequiredPaymentFields, Type: "card",
				})
			}
		}
		for _, id := range b.ACHAccounts {
			if a := s.st.achAccount(id); a != nil {
				j.ProcessingAccounts = append(j.ProcessingAccounts, achProcessingAccountJSON{
					ID: a.ID, Name: a.Name, RequiredPaymentFields: a.RequiredPaymentFields, Type: "ach",
				})
			}
		}
		out = append(out, j)
	}
	writeJSON(w, http.StatusOK, out)
}
