package sandbox

import (
	"net/http"
	"slices"
)

// merchantRoutes: GET/PUT/PATCH /v1/merchant (secret-key auth).
func (s *Server) merchantRoutes() {
	s.handle("GET /v1/merchant", s.secretKeyAuth(s.getMerchant))
	s.handle("PUT /v1/merchant", s.secretKeyAuth(s.updateMerchant(true)))
	s.handle("PATCH /v1/merchant", s.secretKeyAuth(s.updateMerchant(false)))
}

// merchantJSON is the merchant object. Every string property is always
// present; unset optional values are "".
type merchantJSON struct {
	ID                        string                `json:"id"`
	Created                   string                `json:"created"`
	Modified                  string                `json:"modified"`
	Name                      string                `json:"name"`
	PublicKey                 string                `json:"public_key"`
	ContactName               string                `json:"contact_name"`
	ContactEmail              string                `json:"contact_email"`
	ContactPhone              string                `json:"contact_phone"`
	Address1                  string                `json:"address1"`
	Address2                  string                `json:"address2"`
	City                      string                `json:"city"`
	State                     string                `json:"state"`
	PostalCode                string                `json:"postal_code"`
	Country                   string                `json:"country"`
	Timezone                  string                `json:"timezone"`
	APIAllowedIPAddressRanges string                `json:"api_allowed_ip_address_ranges"`
	LiveEventsURLs            string                `json:"live_events_urls"`
	TestEventsURLs            string                `json:"test_events_urls"`
	MerchantAccounts          []merchantAccountJSON `json:"merchant_accounts"`
	ACHAccounts               []achAccountJSON      `json:"ach_accounts"`
}

type merchantAccountJSON struct {
	ID                              string `json:"id"`
	Created                         string `json:"created"`
	Modified                        string `json:"modified"`
	Status                          string `json:"status"`
	TrustAccount                    bool   `json:"trust_account"`
	Currency                        string `json:"currency"`
	Name                            string `json:"name"`
	Primary                         bool   `json:"primary"`
	AcceptedCardTypes               string `json:"accepted_card_types"`
	CVVPolicy                       string `json:"cvv_policy"`
	AVSPolicy                       string `json:"avs_policy"`
	IgnoreAVSFailureIfCVVMatch      bool   `json:"ignore_avs_failure_if_cvv_match"`
	RequiredPaymentFields           string `json:"required_payment_fields"`
	SwipeCVVPolicy                  string `json:"swipe_cvv_policy"`
	SwipeAVSPolicy                  string `json:"swipe_avs_policy"`
	SwipeIgnoreAVSFailureIfCVVMatch bool   `json:"swipe_ignore_avs_failure_if_cvv_match"`
	SwipeRequiredPaymentFields      string `json:"swipe_required_payment_fields"`
	TransactionAllowedCountries     string `json:"transaction_allowed_countries"`
}

func (a *merchantAccount) toJSON() merchantAccountJSON {
	return merchantAccountJSON{
		ID:                              a.ID,
		Created:                         formatTimestamp(a.Created),
		Modified:                        formatTimestamp(a.Modified),
		Status:                          a.Status,
		TrustAccount:                    a.TrustAccount,
		Currency:                        a.Currency,
		Name:                            a.Name,
		Primary:                         a.Primary,
		AcceptedCardTypes:               a.AcceptedCardTypes,
		CVVPolicy:                       a.CVVPolicy,
		AVSPolicy:                       a.AVSPolicy,
		IgnoreAVSFailureIfCVVMatch:      a.IgnoreAVSFailureIfCVVMatch,
		RequiredPaymentFields:           a.RequiredPaymentFields,
		SwipeCVVPolicy:                  a.SwipeCVVPolicy,
		SwipeAVSPolicy:                  a.SwipeAVSPolicy,
		SwipeIgnoreAVSFailureIfCVVMatch: a.SwipeIgnoreAVSFailureIfCVVMatch,
		SwipeRequiredPaymentFields:      a.SwipeRequiredPaymentFields,
		TransactionAllowedCountries:     a.TransactionAllowedCountries,
	}
}

// merchantJSONLocked renders the merchant with the accounts of mode m only
// (s.mu held).
func (s *Server) merchantJSONLocked(m mode) merchantJSON {
	mc := s.st.merchant
	out := merchantJSON{
		ID:                        mc.ID,
		Created:                   formatTimestamp(mc.Created),
		Modified:                  formatTimestamp(mc.Modified),
		Name:                      mc.Name,
		PublicKey:                 mc.PublicKey,
		ContactName:               mc.ContactName,
		ContactEmail:              mc.ContactEmail,
		ContactPhone:              mc.ContactPhone,
		Address1:                  mc.Address1,
		Address2:                  mc.Address2,
		City:                      mc.City,
		State:                     mc.State,
		PostalCode:                mc.PostalCode,
		Country:                   mc.Country,
		Timezone:                  mc.Timezone,
		APIAllowedIPAddressRanges: mc.APIAllowedIPAddressRanges,
		LiveEventsURLs:            mc.LiveEventsURLs,
		TestEventsURLs:            mc.TestEventsURLs,
		MerchantAccounts:          []merchantAccountJSON{},
		ACHAccounts:               []achAccountJSON{},
	}
	cards, achs := s.st.accountsByMode(m)
	for _, a := range cards {
		out.MerchantAccounts = append(out.MerchantAccounts, a.toJSON())
	}
	for _, a := range achs {
		out.ACHAccounts = append(out.ACHAccounts, a.toJSON())
	}
	return out
}

func (s *Server) getMerchant(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := s.merchantJSONLocked(modeOf(r))
	writeJSON(w, http.StatusOK, out)
}

// merchantField is one updatable merchant property.
type merchantField struct {
	key      string
	required bool // name, country: cannot be missing (PUT), null or blank
	ptr      func(*merchant) *string
}

// merchantFields are the documented updatable properties, in response order.
// Everything else in a request (id, public_key, merchant_accounts, unknown
// keys) is ignored.
var merchantFields = []merchantField{
	{"name", true, func(m *merchant) *string { return &m.Name }},
	{"contact_name", false, func(m *merchant) *string { return &m.ContactName }},
	{"contact_email", false, func(m *merchant) *string { return &m.ContactEmail }},
	{"contact_phone", false, func(m *merchant) *string { return &m.ContactPhone }},
	{"address1", false, func(m *merchant) *string { return &m.Address1 }},
	{"address2", false, func(m *merchant) *string { return &m.Address2 }},
	{"city", false, func(m *merchant) *string { return &m.City }},
	{"state", false, func(m *merchant) *string { return &m.State }},
	{"postal_code", false, func(m *merchant) *string { return &m.PostalCode }},
	{"country", true, func(m *merchant) *string { return &m.Country }},
	{"timezone", false, func(m *merchant) *string { return &m.Timezone }},
	{"api_allowed_ip_address_ranges", false, func(m *merchant) *string { return &m.APIAllowedIPAddressRanges }},
	{"live_events_urls", false, func(m *merchant) *string { return &m.LiveEventsURLs }},
	{"test_events_urls", false, func(m *merchant) *string { return &m.TestEventsURLs }},
}

// updateMerchant handles PUT (put=true: the whole object; missing optional
// properties are cleared, missing name/country are not_null errors) and
// PATCH (only present keys change; null or "" clears optional properties).
// All problems are reported together; nothing changes if any fails.
func (s *Server) updateMerchant(put bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		obj, ok := readJSONObject(w, r)
		if !ok {
			return
		}
		s.mu.Lock()
		defer s.mu.Unlock()

		cand := s.st.merchant
		fr := newReader(obj, "")
		for _, f := range merchantFields {
			v, fl := fr.str(f.key)
			p := f.ptr(&cand)
			switch {
			case !fl.present && !put:
			case !fl.present || fl.null:
				if f.required {
					fr.add(invalidData(f.key, subNotNull, f.key+" is required and cannot be null"))
				} else {
					*p = ""
				}
			case !fl.ok:
				// wrong JSON type, already reported
			case f.required && isBlank(v):
				fr.add(invalidData(f.key, subNotBlank, f.key+" cannot be blank"))
			default:
				*p = v
			}
		}
		msgs := append(slices.Clone(fr.messages()), validateMerchant(&cand, fr.messages())...)
		if len(msgs) > 0 {
			writeInvalid(w, msgs)
			return
		}
		if cand != s.st.merchant {
			cand.Modified = s.nowUTC()
			s.st.merchant = cand
		}
		writeJSON(w, http.StatusOK, s.merchantJSONLocked(modeOf(r)))
	}
}

// validateMerchant checks the merged merchant, skipping fields that already
// have a message in prior.
func validateMerchant(m *merchant, prior []Message) []Message {
	bad := map[string]bool{}
	for _, p := range prior {
		bad[p.Context] = true
	}
	var msgs []Message
	check := func(key, v string, fn func(ctx, v string) []Message) {
		if v == "" || bad[key] {
			return
		}
		if ms := fn(key, v); len(ms) > 0 {
			bad[key] = true
			msgs = append(msgs, ms...)
		}
	}
	check("contact_email", m.ContactEmail, checkEmail)
	check("contact_phone", m.ContactPhone, checkPhone)
	check("country", m.Country, checkCountry)
	if !bad["country"] {
		check("state", m.State, func(ctx, v string) []Message { return checkState(ctx, v, m.Country) })
	}
	check("postal_code", m.PostalCode, checkPostalCode)
	check("timezone", m.Timezone, checkTimezone)
	check("api_allowed_ip_address_ranges", m.APIAllowedIPAddressRanges, checkCIDRList)
	check("live_events_urls", m.LiveEventsURLs, checkURLList)
	check("test_events_urls", m.TestEventsURLs, checkURLList)
	return msgs
}
