package sandbox

import "net/http"

// achAccountsRoutes: PUT/PATCH /v1/ach-accounts/{id} (secret-key auth).
func (s *Server) achAccountsRoutes() {
	s.handle("PUT /v1/ach-accounts/{id}", s.secretKeyAuth(s.updateACHAccount(true)))
	s.handle("PATCH /v1/ach-accounts/{id}", s.secretKeyAuth(s.updateACHAccount(false)))
}

// achRequiredPaymentFields are the documented bank properties allowed in an
// ach_account's required_payment_fields.
var achRequiredPaymentFields = []string{"name", "address1", "city", "state", "postal_code", "country", "email", "phone"}

type achAccountJSON struct {
	ID                          string `json:"id"`
	Created                     string `json:"created"`
	Modified                    string `json:"modified"`
	Status                      string `json:"status"`
	TrustAccount                bool   `json:"trust_account"`
	Name                        string `json:"name"`
	Primary                     bool   `json:"primary"`
	Currency                    string `json:"currency"`
	RequiredPaymentFields       string `json:"required_payment_fields"`
	TransactionAllowedCountries string `json:"transaction_allowed_countries"`
	RoutingNumber               string `json:"routing_number"`
	AccountNumber               string `json:"account_number"`
	AccountType                 string `json:"account_type"`
	BankName                    string `json:"bank_name"`
}

func (a *achAccount) toJSON() achAccountJSON {
	return achAccountJSON{
		ID:                          a.ID,
		Created:                     formatTimestamp(a.Created),
		Modified:                    formatTimestamp(a.Modified),
		Status:                      a.Status,
		TrustAccount:                a.TrustAccount,
		Name:                        a.Name,
		Primary:                     a.Primary,
		Currency:                    a.Currency,
		RequiredPaymentFields:       a.RequiredPaymentFields,
		TransactionAllowedCountries: a.TransactionAllowedCountries,
		RoutingNumber:               maskRouting(a.RoutingNumber),
		AccountNumber:               maskAccount(a.AccountNumber),
		AccountType:                 a.AccountType,
		BankName:                    a.BankName,
	}
}

// updateACHAccount handles PUT (put=true: whole object; name required,
// missing optional properties cleared, missing primary = false) and PATCH
// (only present keys change). Updatable: name, primary,
// required_payment_fields, transaction_allowed_countries; other keys are
// ignored. An account of the other mode is reported as not found.
//
// Reading of the reference: the ach_account object table marks
// transaction_allowed_countries read-only, but the Update eCheck Account
// section says policy configuration is updatable and its PATCH example sends
// transaction_allowed_countries, so it is accepted here.
func (s *Server) updateACHAccount(put bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		obj, ok := readJSONObject(w, r)
		if !ok {
			return
		}
		id := r.PathValue("id")
		m := modeOf(r)

		s.mu.Lock()
		defer s.mu.Unlock()
		acct := s.st.achAccount(id)
		if acct == nil || acct.Mode != m {
			writeNotFound(w, "AchAccount", id)
			return
		}
		cand := *acct
		fr := newReader(obj, "")

		// name: required.
		name, fl := fr.str("name")
		switch {
		case !fl.present && !put:
		case !fl.present || fl.null:
			fr.add(invalidData("name", subNotNull, "name is required and cannot be null"))
		case !fl.ok:
		case isBlank(name):
			fr.add(invalidData("name", subNotBlank, "name cannot be blank"))
		default:
			cand.Name = name
		}

		// primary: boolean; missing in a PUT means false.
		primary, fl := fr.boolean("primary")
		switch {
		case !fl.present && !put:
		case fl.null:
			fr.add(invalidData("primary", subNotNull, "primary cannot be null"))
		case !fl.present:
			cand.Primary = false
		case fl.ok:
			cand.Primary = primary
		}

		// Optional comma lists: null or "" clears.
		lists := []struct {
			key   string
			ptr   *string
			check func(ctx, v string) []Message
		}{
			{"required_payment_fields", &cand.RequiredPaymentFields, func(ctx, v string) []Message {
				return checkEnumList(ctx, v, achRequiredPaymentFields)
			}},
			{"transaction_allowed_countries", &cand.TransactionAllowedCountries, checkCountryList},
		}
		for _, l := range lists {
			v, fl := fr.str(l.key)
			switch {
			case !fl.present && !put:
			case !fl.present || fl.null:
				*l.ptr = ""
			case !fl.ok:
			case v == "":
				*l.ptr = ""
			default:
				if ms := l.check(l.key, v); len(ms) > 0 {
					fr.add(ms...)
				} else {
					*l.ptr = v
				}
			}
		}

		if acct.Primary && !cand.Primary {
			fr.add(invalidData("primary", subInvalid,
				"Exactly one eCheck account must always be marked as primary; make another eCheck account primary instead of un-setting this one"))
		}
		if len(fr.messages()) > 0 {
			writeInvalid(w, fr.messages())
			return
		}

		now := s.nowUTC()
		if cand.Primary && !acct.Primary {
			for _, other := range s.st.achAccounts {
				if other.Mode == m && other.Primary && other.ID != acct.ID {
					other.Primary = false
					other.Modified = now
				}
			}
		}
		if cand != *acct {
			cand.Modified = now
			*acct = cand
		}
		writeJSON(w, http.StatusOK, acct.toJSON())
	}
}
