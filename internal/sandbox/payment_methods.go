package sandbox

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
)

// paymentMethodsRoutes: Contact PaymentMethods (Bearer auth), reference
// "Contact PaymentMethods" and the PaymentMethod object type.
//
//	GET    /contacts/{id}/payment-methods          list (a JSON array, not paged)
//	POST   /contacts/{id}/payment-methods          create from one_time_token or saved_payment_token
//	GET    /contacts/{id}/payment-methods/{pmid}   get
//	PATCH  /contacts/{id}/payment-methods/{pmid}   update; a new one_time_token replaces the card/bank details in place
//	DELETE /contacts/{id}/payment-methods/{pmid}   delete (returns the payment method; afterwards 404)
//
// Readings of the reference:
//   - "either one_time_token or saved_payment_token is required": exactly
//     one of them on create, at most one on PATCH. A one-time token is spent
//     by a successful request (single use); an unknown, used or expired
//     token is invalid_data at "one_time_token" (422) so that callers can
//     tell it from a missing contact or payment method (404).
//     saved_payment_token is the ID of a gateway saved card or bank
//     (/v1/cards, /v1/banks), looked up through the method resolvers.
//   - payment_type must match the token: credit_card for a card token,
//     bank_account for a bank token (cash, check and other cannot be stored
//     from a token and are rejected). payment_type and test_mode are not
//     changeable by PATCH (same value accepted).
//   - test_mode is documented "(required)" with "default value is false";
//     when absent it is inherited from the contact, and a payment method's
//     test_mode must equal its contact's (test-mode separation).
//   - authorized_uses defaults to ["all"]; values all, client, merchant.
//   - preferred: at most one preferred payment method per contact; making
//     one preferred clears the flag on the others.
//   - Only masked numbers are kept: account_number shows the last four
//     digits ("************4242"); no full number, CVV, routing or account
//     number is stored or returned. expiration_month/year, card_type,
//     bank_name, bank_account_type and address come from the token and are
//     ignored in requests. allow_future_charges (deprecated) is ignored;
//     responses show allow_future_payments: false as the examples do.
func (s *Server) paymentMethodsRoutes() {
	s.handle("GET /contacts/{id}/payment-methods", s.bearerAuth(s.listPaymentMethods))
	s.handle("POST /contacts/{id}/payment-methods", s.bearerAuth(s.createPaymentMethod))
	s.handle("GET /contacts/{id}/payment-methods/{pmid}", s.bearerAuth(s.getPaymentMethod))
	s.handle("PATCH /contacts/{id}/payment-methods/{pmid}", s.bearerAuth(s.patchPaymentMethod))
	s.handle("DELETE /contacts/{id}/payment-methods/{pmid}", s.bearerAuth(s.deletePaymentMethod))
	s.addMethodResolver(s.resolvePaymentMethod)
}

// paymentMethod is a PaymentMethod (pmtd_). Numbers are masked.
type paymentMethod struct {
	ID        string
	ContactID string
	Created   auditTrace
	Modified  auditTrace
	Deleted   bool

	PaymentType       string // credit_card | bank_account
	Name              string
	GivenName         string
	Surname           string
	Nickname          string
	Reference         string
	AccountNumber     string // masked
	RoutingNumber     string // masked; not a PaymentMethod property, kept for charges
	BankName          string
	BankAccountType   string // checking | savings
	AccountHolderType string // individual | business
	CardType          string
	ExpMonth          int
	ExpYear           int
	Fingerprint       string
	Address           *postalAddress // billing address from the token (no ID)
	Preferred         bool
	TestMode          bool
	AuthorizedUses    []string
}

type paymentMethodJSON struct {
	ID                  string         `json:"id"`
	Created             auditTraceJSON `json:"created"`
	Modified            auditTraceJSON `json:"modified"`
	PayeeID             string         `json:"payee_id"`
	Address             *addressJSON   `json:"address,omitempty"`
	PaymentType         string         `json:"payment_type"`
	AccountHolderType   string         `json:"account_holder_type,omitempty"`
	Name                string         `json:"name,omitempty"`
	GivenName           string         `json:"given_name,omitempty"`
	Surname             string         `json:"surname,omitempty"`
	Nickname            string         `json:"nickname,omitempty"`
	AccountNumber       string         `json:"account_number,omitempty"`
	BankName            string         `json:"bank_name,omitempty"`
	BankAccountType     string         `json:"bank_account_type,omitempty"`
	CardType            string         `json:"card_type,omitempty"`
	ExpirationMonth     int            `json:"expiration_month,omitempty"`
	ExpirationYear      int            `json:"expiration_year,omitempty"`
	Preferred           bool           `json:"preferred"`
	AllowFuturePayments bool           `json:"allow_future_payments"`
	TestMode            bool           `json:"test_mode"`
	Reference           string         `json:"reference,omitempty"`
	AuthorizedUses      []string       `json:"authorized_uses"`
	Type                string         `json:"type"`
}

func (s *Server) paymentMethodJSONLocked(pm *paymentMethod) paymentMethodJSON {
	j := paymentMethodJSON{
		ID: pm.ID, Created: pm.Created.toJSON(), Modified: pm.Modified.toJSON(), PayeeID: s.st.contactAPI.ownerID,
		PaymentType: pm.PaymentType, AccountHolderType: pm.AccountHolderType, Name: pm.Name,
		GivenName: pm.GivenName, Surname: pm.Surname, Nickname: pm.Nickname,
		AccountNumber: pm.AccountNumber, BankName: pm.BankName, BankAccountType: pm.BankAccountType,
		CardType: pm.CardType, ExpirationMonth: pm.ExpMonth, ExpirationYear: pm.ExpYear,
		Preferred: pm.Preferred, TestMode: pm.TestMode, Reference: pm.Reference,
		AuthorizedUses: append([]string{}, pm.AuthorizedUses...), Type: "payment_method",
	}
	if pm.Address != nil {
		a := pm.Address.toJSON()
		a.ID, a.Created, a.Modified = "", nil, nil
		j.Address = &a
	}
	return j
}

func (st *state) paymentMethod(contactID, id string) *paymentMethod {
	for _, pm := range st.contactAPI.methods {
		if pm.ID == id && pm.ContactID == contactID && !pm.Deleted {
			return pm
		}
	}
	return nil
}

// resolvePaymentMethod lets charges use a contact PaymentMethod ID (not
// consumed: payment methods are reusable). Methods of deleted contacts are
// not found.
func (s *Server) resolvePaymentMethod(id string, _ bool) (chargeableMethod, bool) {
	if !strings.HasPrefix(id, "pmtd_") {
		return chargeableMethod{}, false
	}
	for _, pm := range s.st.contactAPI.methods {
		if pm.ID != id || pm.Deleted || s.st.contact(pm.ContactID) == nil {
			continue
		}
		m := chargeableMethod{Mode: modeLive, Masked: map[string]any{"name": pm.Name, "fingerprint": pm.Fingerprint}}
		if pm.TestMode {
			m.Mode = modeTest
		}
		if pm.PaymentType == "credit_card" {
			m.Type = "card"
			m.Masked["type"] = "card"
			m.Masked["number"] = pm.AccountNumber
			m.Masked["card_type"] = pm.CardType
			m.Masked["exp_month"] = pm.ExpMonth
			m.Masked["exp_year"] = pm.ExpYear
		} else {
			m.Type = "bank"
			m.Masked["type"] = "bank"
			m.Masked["routing_number"] = pm.RoutingNumber
			m.Masked["account_number"] = pm.AccountNumber
			m.Masked["account_type"] = strings.ToUpper(pm.BankAccountType)
			m.Masked["account_holder_type"] = pm.AccountHolderType
			m.Masked["bank_name"] = pm.BankName
			if pm.GivenName != "" {
				m.Masked["given_name"] = pm.GivenName
			}
			if pm.Surname != "" {
				m.Masked["surname"] = pm.Surname
			}
		}
		if a := pm.Address; a != nil {
			for k, v := range map[string]string{"address1": a.Line1, "address2": a.Line2, "city": a.City,
				"state": a.StateOrProvince, "postal_code": a.PostalCode, "country": a.CountryCode} {
				if v != "" {
					m.Masked[k] = v
				}
			}
		}
		if pm.Name == "" {
			delete(m.Masked, "name")
		}
		return m, true
	}
	return chargeableMethod{}, false
}

var authorizedUsesValues = map[string]bool{"all": true, "client": true, "merchant": true}

// paymentSource is the masked card/bank details a payment method is made
// from (a one-time token or a saved card/bank).
type paymentSource struct {
	kind    string // card | bank
	details map[string]any
	tokenID string // one-time token to spend on success
}

// sourceLocked reads one_time_token / saved_payment_token from the body.
// required: exactly one must be given (create); otherwise at most one.
func (s *Server) sourceLocked(c *reader, required bool) *paymentSource {
	ott, ottf := c.str("one_time_token")
	spt, sptf := c.str("saved_payment_token")
	hasOTT, hasSPT := ottf.ok && ott != "", sptf.ok && spt != ""
	switch {
	case hasOTT && hasSPT:
		c.add(invalidData("saved_payment_token", subInvalid, "give either one_time_token or saved_payment_token, not both"))
		return nil
	case !hasOTT && !hasSPT:
		// A present, non-null value of the wrong type is reported by the
		// reader already; only report the missing token otherwise.
		ottInvalid := ottf.present && !ottf.null && !ottf.ok
		sptInvalid := sptf.present && !sptf.null && !sptf.ok
		if required && !ottInvalid && !sptInvalid {
			c.add(invalidData("one_time_token", subNotNull, "either one_time_token or saved_payment_token is required"))
		}
		return nil
	case hasOTT:
		t := s.liveTokenLocked(ott)
		if t == nil {
			c.add(invalidData("one_time_token", subInvalid,
				"one_time_token was not found: one-time tokens are single use and expire five minutes after creation"))
			return nil
		}
		return &paymentSource{kind: t.Type, details: t.Details, tokenID: t.ID}
	default:
		if strings.HasPrefix(spt, "pmtd_") || s.st.oneTimeTokens[spt] != nil {
			c.add(invalidData("saved_payment_token", subInvalid, "saved_payment_token must be the ID of a saved card or saved bank"))
			return nil
		}
		m, ok := s.resolveMethodLocked(spt, false)
		if !ok {
			c.add(invalidData("saved_payment_token", subInvalid, "saved_payment_token was not found: it must be the ID of a saved card or saved bank"))
			return nil
		}
		return &paymentSource{kind: m.Type, details: m.Masked}
	}
}

func paymentTypeFor(kind string) string {
	if kind == "bank" {
		return "bank_account"
	}
	return "credit_card"
}

// applySource copies the masked details of src into pm.
func applySource(pm *paymentMethod, src *paymentSource) {
	str := func(k string) string { v, _ := src.details[k].(string); return v }
	pm.Fingerprint = str("fingerprint")
	pm.Name = str("name")
	pm.GivenName, pm.Surname = "", ""
	pm.CardType, pm.ExpMonth, pm.ExpYear = "", 0, 0
	pm.RoutingNumber, pm.BankName, pm.BankAccountType, pm.AccountHolderType = "", "", "", ""
	if src.kind == "card" {
		pm.AccountNumber = maskAllButLast4(str("number"))
		pm.CardType = str("card_type")
		pm.ExpMonth = anyInt(src.details["exp_month"])
		pm.ExpYear = anyInt(src.details["exp_year"])
	} else {
		pm.AccountNumber = maskAllButLast4(str("account_number"))
		pm.RoutingNumber = maskRouting(strings.TrimLeft(str("routing_number"), "*"))
		pm.BankName = str("bank_name")
		pm.BankAccountType = strings.ToLower(str("account_type"))
		pm.AccountHolderType = str("account_holder_type")
		pm.GivenName, pm.Surname = str("given_name"), str("surname")
		if pm.Name == "" && pm.AccountHolderType == "individual" {
			pm.Name = joinNonEmpty(pm.GivenName, pm.Surname)
		}
	}
	a := &postalAddress{Line1: str("address1"), Line2: str("address2"), City: str("city"),
		StateOrProvince: str("state"), PostalCode: str("postal_code"), CountryCode: str("country")}
	if *a == (postalAddress{}) {
		a = nil
	}
	pm.Address = a
}

func anyInt(v any) int {
	switch x := v.(type) {
	case int:
		return x
	case int64:
		return int(x)
	case float64:
		return int(x)
	case json.Number:
		n, _ := x.Int64()
		return int(n)
	}
	return 0
}

// applyPaymentMethodFields applies the caller-settable properties.
func applyPaymentMethodFields(pm *paymentMethod, c *reader) {
	c.setStr(strSpec{key: "name", max: 256}, &pm.Name)
	c.setStr(strSpec{key: "nickname", max: 256}, &pm.Nickname)
	c.setStr(strSpec{key: "reference", max: 255}, &pm.Reference)
	// bank_account_type: "One of: checking, savings", at most 20 characters
	// (reference :9400-9405). Given, it must be exactly one of those (no
	// other case, no money_market) and is what the method stores; absent,
	// the token's account type is used. Cards have none.
	var bat string
	if c.setStr(strSpec{key: "bank_account_type", max: 20}, &bat) && bat != "" {
		switch {
		case pm.PaymentType != "bank_account":
			c.add(invalidData("bank_account_type", subInvalid, "bank_account_type is only for a payment_type of bank_account"))
		case bat != "checking" && bat != "savings":
			c.add(invalidData("bank_account_type", subInvalid, fmt.Sprintf("bank_account_type must be checking or savings, got %q", bat)))
		default:
			pm.BankAccountType = bat
		}
	}
	if pm.PaymentType == "bank_account" {
		c.setStr(strSpec{key: "given_name", max: 40}, &pm.GivenName)
		c.setStr(strSpec{key: "surname", max: 40}, &pm.Surname)
		var aht string
		if c.setStr(strSpec{key: "account_holder_type"}, &aht) && aht != "" {
			if aht != "individual" && aht != "business" {
				c.add(invalidData("account_holder_type", subInvalid, fmt.Sprintf("account_holder_type must be individual or business, got %q", aht)))
			} else {
				pm.AccountHolderType = aht
			}
		}
	}
	if p, fl := c.boolean("preferred"); fl.ok {
		pm.Preferred = p
	} else if fl.null {
		pm.Preferred = false
	}
	if raw, fl := c.raw("authorized_uses"); fl.null {
		pm.AuthorizedUses = []string{"all"}
	} else if fl.present {
		var uses []string
		if err := json.Unmarshal(raw, &uses); err != nil {
			c.add(invalidData("authorized_uses", subInvalid, "authorized_uses must be an array of strings: all, client, merchant"))
		} else if len(uses) == 0 {
			c.add(invalidData("authorized_uses", subNotBlank, "authorized_uses must contain at least one of all, client, merchant"))
		} else {
			var out []string
			seen := map[string]bool{}
			ok := true
			for i, u := range uses {
				if !authorizedUsesValues[u] {
					c.add(invalidData(fmt.Sprintf("authorized_uses[%d]", i), subInvalid, fmt.Sprintf("authorized_uses values must be all, client or merchant, got %q", u)))
					ok = false
					continue
				}
				if !seen[u] {
					seen[u] = true
					out = append(out, u)
				}
			}
			if ok {
				pm.AuthorizedUses = out
			}
		}
	}
}

// demoteOtherPreferredLocked clears preferred on the contact's other methods.
func (s *Server) demoteOtherPreferredLocked(pm *paymentMethod, audit auditTrace) {
	for _, o := range s.st.contactAPI.methods {
		if o != pm && o.ContactID == pm.ContactID && !o.Deleted && o.Preferred {
			o.Preferred = false
			o.Modified = audit
		}
	}
}

func (s *Server) listPaymentMethods(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.st.contact(id) == nil {
		writeNotFound(w, "Contact", id)
		return
	}
	out := []paymentMethodJSON{}
	for _, pm := range s.st.contactAPI.methods {
		if pm.ContactID == id && !pm.Deleted {
			out = append(out, s.paymentMethodJSONLocked(pm))
		}
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) createPaymentMethod(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	obj, ok := readJSONObject(w, r)
	if !ok {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	ct := s.st.contact(id)
	if ct == nil {
		writeNotFound(w, "Contact", id)
		return
	}
	c := newReader(obj, "")
	pm := &paymentMethod{ContactID: id, TestMode: ct.TestMode, AuthorizedUses: []string{"all"}}
	pt, ptf := c.str("payment_type")
	switch {
	case !ptf.present || ptf.null:
		c.add(invalidData("payment_type", subNotNull, "payment_type is required: credit_card or bank_account"))
	case !ptf.ok:
	case pt != "credit_card" && pt != "bank_account":
		c.add(invalidData("payment_type", subInvalid, fmt.Sprintf("payment_type must be credit_card or bank_account for a payment method made from a payment token, got %q", pt)))
	default:
		pm.PaymentType = pt
	}
	if tm, fl := c.boolean("test_mode"); fl.ok && tm != ct.TestMode {
		c.add(invalidData("test_mode", subInvalid, fmt.Sprintf("test_mode must match the contact's test_mode (%t)", ct.TestMode)))
	}
	src := s.sourceLocked(c, true)
	if src != nil && pm.PaymentType != "" && paymentTypeFor(src.kind) != pm.PaymentType {
		c.add(invalidData("payment_type", subInvalid, fmt.Sprintf("payment_type %s does not match the payment token, which holds a %s", pm.PaymentType, src.kind)))
	}
	if src != nil {
		applySource(pm, src)
	}
	applyPaymentMethodFields(pm, c)
	if len(c.messages()) > 0 {
		writeInvalid(w, c.messages())
		return
	}
	if src != nil && src.tokenID != "" {
		delete(s.st.oneTimeTokens, src.tokenID) // single use
	}
	audit := s.auditLocked(r)
	pm.ID = s.ids.prefixed("pmtd_")
	pm.Created, pm.Modified = audit, audit
	if pm.Preferred {
		s.demoteOtherPreferredLocked(pm, audit)
	}
	s.st.contactAPI.methods = append(s.st.contactAPI.methods, pm)
	writeJSON(w, http.StatusOK, s.paymentMethodJSONLocked(pm))
}

// lookupPaymentMethodLocked writes the 404 for a missing contact or method.
func (s *Server) lookupPaymentMethodLocked(w http.ResponseWriter, r *http.Request) *paymentMethod {
	id, pmid := r.PathValue("id"), r.PathValue("pmid")
	if s.st.contact(id) == nil {
		writeNotFound(w, "Contact", id)
		return nil
	}
	pm := s.st.paymentMethod(id, pmid)
	if pm == nil {
		writeNotFound(w, "PaymentMethod", pmid)
	}
	return pm
}

func (s *Server) getPaymentMethod(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if pm := s.lookupPaymentMethodLocked(w, r); pm != nil {
		writeJSON(w, http.StatusOK, s.paymentMethodJSONLocked(pm))
	}
}

func (s *Server) patchPaymentMethod(w http.ResponseWriter, r *http.Request) {
	obj, ok := readJSONObject(w, r)
	if !ok {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	pm := s.lookupPaymentMethodLocked(w, r)
	if pm == nil {
		return
	}
	c := newReader(obj, "")
	if pt, fl := c.str("payment_type"); fl.present && (fl.null || (fl.ok && pt != pm.PaymentType)) {
		c.add(invalidData("payment_type", subInvalid, fmt.Sprintf("payment_type cannot be changed (the payment method is %s)", pm.PaymentType)))
	}
	if tm, fl := c.boolean("test_mode"); fl.present && (fl.null || (fl.ok && tm != pm.TestMode)) {
		c.add(invalidData("test_mode", subInvalid, "test_mode cannot be changed"))
	}
	cand := *pm
	cand.AuthorizedUses = append([]string(nil), pm.AuthorizedUses...)
	if pm.Address != nil {
		a := *pm.Address
		cand.Address = &a
	}
	src := s.sourceLocked(c, false)
	if src != nil {
		if paymentTypeFor(src.kind) != pm.PaymentType {
			c.add(invalidData(sourceKey(c), subInvalid, fmt.Sprintf("the payment token holds a %s but the payment method is %s", src.kind, pm.PaymentType)))
		} else {
			// Replacing the details keeps nickname, reference, preferred and
			// authorized_uses; name and address come from the new token.
			applySource(&cand, src)
		}
	}
	applyPaymentMethodFields(&cand, c)
	if len(c.messages()) > 0 {
		writeInvalid(w, c.messages())
		return
	}
	if src != nil && src.tokenID != "" {
		delete(s.st.oneTimeTokens, src.tokenID)
	}
	audit := s.auditLocked(r)
	before, _ := json.Marshal(s.paymentMethodJSONLocked(pm))
	after, _ := json.Marshal(s.paymentMethodJSONLocked(&cand))
	if string(before) != string(after) || cand.Fingerprint != pm.Fingerprint {
		cand.Modified = audit
	}
	if cand.Preferred && !pm.Preferred {
		s.demoteOtherPreferredLocked(pm, audit)
	}
	*pm = cand
	writeJSON(w, http.StatusOK, s.paymentMethodJSONLocked(pm))
}

func sourceKey(c *reader) string {
	if _, fl := c.str("one_time_token"); fl.ok {
		return "one_time_token"
	}
	return "saved_payment_token"
}

func (s *Server) deletePaymentMethod(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	pm := s.lookupPaymentMethodLocked(w, r)
	if pm == nil {
		return
	}
	pm.Deleted = true
	pm.Modified = s.auditLocked(r)
	writeJSON(w, http.StatusOK, s.paymentMethodJSONLocked(pm))
}
