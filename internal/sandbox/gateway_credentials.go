package sandbox

import (
	"net/http"
	"strconv"
)

// gatewayCredentialsRoutes: GET /gateway-credentials (Bearer auth).
func (s *Server) gatewayCredentialsRoutes() {
	s.handle("GET /gateway-credentials", s.bearerAuth(s.getGatewayCredentials))
}

type gatewayCredentialsJSON struct {
	Application  string               `json:"application"`
	User         gatewayUserJSON      `json:"user"`
	Merchant     gatewayMerchantJSON  `json:"merchant"`
	TestAccounts []gatewayAccountJSON `json:"test_accounts"`
	LiveAccounts []gatewayAccountJSON `json:"live_accounts"`
}

type gatewayUserJSON struct {
	FirstName string   `json:"first_name"`
	LastName  string   `json:"last_name"`
	Email     string   `json:"email"`
	Owner     bool     `json:"owner"`
	Abilities []string `json:"abilities"`
}

type gatewayMerchantJSON struct {
	Name              string `json:"name"`
	Address           string `json:"address"`
	AdditionalAddress string `json:"additional_address"`
	City              string `json:"city"`
	State             string `json:"state"`
	PostalCode        string `json:"postal_code"`
	Country           string `json:"country"`
	Phone             string `json:"phone"`
	Timezone          string `json:"timezone"`
	Website           string `json:"website"`
	SupportEmail      string `json:"support_email"`
	SupportPhone      string `json:"support_phone"`
	EmailSuccessTo    string `json:"email_success_to"`
	EmailFailureTo    string `json:"email_failure_to"`
	ReferenceRequired bool   `json:"reference_required"`
	ReferenceLabel    string `json:"reference_label"`
}

// gatewayAccountJSON: trust_account is the string "true"/"false", as in the
// reference's example.
type gatewayAccountJSON struct {
	Name                    string `json:"name"`
	Type                    string `json:"type"` // MerchantAccount | AchAccount
	Currency                string `json:"currency"`
	RecurringChargesEnabled bool   `json:"recurring_charges_enabled"`
	ID                      string `json:"id"`
	PublicKey               string `json:"public_key"`
	SecretKey               string `json:"secret_key"`
	TrustAccount            string `json:"trust_account"`
}

// Fixed sandbox application and user.
const (
	sandboxApplication = "AffiniPay Sandbox"
	sandboxWebsite     = "https://sandbox.example.com"
)

// getGatewayCredentials returns the documented shape. The merchant block is
// derived from the current merchant (address = address1, additional_address
// = address2, phone and support_phone = contact_phone, support_email and
// email_*_to = contact_email); timezone is the merchant's IANA zone ID (the
// reference's example shows a Rails zone name, but the gateway merchant
// object uses IANA IDs and the sandbox keeps one value).
func (s *Server) getGatewayCredentials(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	mc := s.st.merchant
	out := gatewayCredentialsJSON{
		Application: sandboxApplication,
		User: gatewayUserJSON{
			FirstName: "Sandbox",
			LastName:  "Owner",
			Email:     "owner@example.com",
			Owner:     true,
			Abilities: []string{"admin", "charge", "schedule_charge", "refund", "tag_transactions", "view_reports"},
		},
		Merchant: gatewayMerchantJSON{
			Name:              mc.Name,
			Address:           mc.Address1,
			AdditionalAddress: mc.Address2,
			City:              mc.City,
			State:             mc.State,
			PostalCode:        mc.PostalCode,
			Country:           mc.Country,
			Phone:             mc.ContactPhone,
			Timezone:          mc.Timezone,
			Website:           sandboxWebsite,
			SupportEmail:      mc.ContactEmail,
			SupportPhone:      mc.ContactPhone,
			EmailSuccessTo:    mc.ContactEmail,
			EmailFailureTo:    mc.ContactEmail,
			ReferenceRequired: false,
			ReferenceLabel:    "Reference",
		},
		TestAccounts: s.gatewayAccountsLocked(modeTest, s.multi.creds.TestSecretKey),
		LiveAccounts: s.gatewayAccountsLocked(modeLive, s.multi.creds.LiveSecretKey),
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) gatewayAccountsLocked(m mode, secret string) []gatewayAccountJSON {
	out := []gatewayAccountJSON{}
	cards, achs := s.st.accountsByMode(m)
	for _, a := range cards {
		out = append(out, gatewayAccountJSON{
			Name: a.Name, Type: "MerchantAccount", Currency: a.Currency,
			RecurringChargesEnabled: a.RecurringChargesEnabled, ID: a.ID,
			PublicKey: s.st.merchant.PublicKey, SecretKey: secret,
			TrustAccount: strconv.FormatBool(a.TrustAccount),
		})
	}
	for _, a := range achs {
		out = append(out, gatewayAccountJSON{
			Name: a.Name, Type: "AchAccount", Currency: a.Currency,
			RecurringChargesEnabled: a.RecurringChargesEnabled, ID: a.ID,
			PublicKey: s.st.merchant.PublicKey, SecretKey: secret,
			TrustAccount: strconv.FormatBool(a.TrustAccount),
		})
	}
	return out
}
