package sandbox

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/sandbox/schedule"
)

// tokensRoutes: one-time payment tokens (reference "One-Time Tokens").
//
//	POST /v1/tokens       public key (Basic "public_key:" or, for form
//	                      POSTs, a public_key form parameter); JSON or
//	                      form-encoded card/bank details; a form POST with
//	                      redirect_url answers 303 to redirect_url?token_id=...
//	GET  /v1/tokens/{id}  the reference's example uses the secret key; the
//	                      public key is accepted too (either mode's secret key)
//
// Tokens are single use and "Unused one-time tokens are deleted
// automatically 5 minutes after creation" (sandbox clock): a used or
// expired token is gone, GET answers 404 resource_not_found
// (context "Token[id]"), and APIs that take a token ID (payment methods)
// reject it.
//
// Mode: the public key is shared by test and live mode and the reference
// does not say which mode a token belongs to; sandbox tokens are test-mode
// (their resolver reports modeTest), so live-mode charges cannot use them.
//
// No full card number, CVV, routing or account number is stored: a token
// keeps the masked values, the card type, a fingerprint (a hash, as the
// documented "fingerprint" property) and the rest of the non-sensitive
// details.
func (s *Server) tokensRoutes() {
	s.handle("POST /v1/tokens", s.createToken)
	s.handle("GET /v1/tokens/{id}", s.tokenReadAuth(s.getToken))
	s.addMethodResolver(s.resolveToken)
}

// oneTimeTokenTTL is the token lifetime ("One-time tokens expire five
// minutes after creation").
const oneTimeTokenTTL = 5 * time.Minute

// oneTimeToken is a token; only masked/derived card and bank data.
type oneTimeToken struct {
	ID       string
	Created  time.Time
	Type     string         // card | bank
	Details  map[string]any // response properties other than id/created/modified/type/form_data (masked)
	FormData map[string]any
}

func (t *oneTimeToken) expired(now time.Time) bool {
	return !now.Before(t.Created.Add(oneTimeTokenTTL))
}

func (t *oneTimeToken) toJSON() map[string]any {
	out := map[string]any{
		"id":       t.ID,
		"created":  formatTimestamp(t.Created),
		"modified": formatTimestamp(t.Created),
		"type":     t.Type,
	}
	for k, v := range t.Details {
		out[k] = v
	}
	if len(t.FormData) > 0 {
		out["form_data"] = t.FormData
	}
	return out
}

// liveTokenLocked returns an unused, unexpired token (s.mu held); expired
// tokens are deleted on sight.
func (s *Server) liveTokenLocked(id string) *oneTimeToken {
	t := s.st.oneTimeTokens[id]
	if t == nil {
		return nil
	}
	if t.expired(s.nowUTC()) {
		delete(s.st.oneTimeTokens, id)
		return nil
	}
	return t
}

// resolveToken lets charges use a one-time token ID (consuming it).
func (s *Server) resolveToken(id string, consume bool) (chargeableMethod, bool) {
	t := s.liveTokenLocked(id)
	if t == nil {
		return chargeableMethod{}, false
	}
	if consume {
		delete(s.st.oneTimeTokens, id)
	}
	masked := map[string]any{"type": t.Type}
	for k, v := range t.Details {
		if k == "cvv" {
			continue
		}
		masked[k] = v
	}
	return chargeableMethod{Mode: modeTest, Type: t.Type, Masked: masked}, true
}

// tokenReadAuth accepts the public key or either secret key (Basic, empty
// password).
func (s *Server) tokenReadAuth(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		user, pass, ok := r.BasicAuth()
		switch {
		case !ok || pass != "":
		case secureEqual(user, s.multi.creds.PublicKey):
			h(w, r)
			return
		case secureEqual(user, s.multi.creds.TestSecretKey):
			h(w, r.WithContext(context.WithValue(r.Context(), ctxMode, modeTest)))
			return
		case secureEqual(user, s.multi.creds.LiveSecretKey):
			h(w, r.WithContext(context.WithValue(r.Context(), ctxMode, modeLive)))
			return
		}
		writeNotAuthorized(w, basicChallenge)
	}
}

func (s *Server) getToken(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	s.mu.Lock()
	defer s.mu.Unlock()
	t := s.liveTokenLocked(id)
	if t == nil {
		writeNotFound(w, "Token", id)
		return
	}
	writeJSON(w, http.StatusOK, t.toJSON())
}

// tokenInput is the request's properties as strings (JSON numbers and
// strings both accepted for the numeric ones, as form posts send strings).
type tokenInput struct {
	vals     map[string]string
	present  map[string]bool
	formData map[string]any
	redirect string
	msgs     []Message
}

func (in *tokenInput) get(key string) (string, bool) {
	return in.vals[key], in.present[key]
}

// tokenKnownFields are the token properties (object type "token").
var tokenKnownFields = map[string]bool{
	"type": true, "number": true, "card_type": true, "exp_month": true, "exp_year": true, "cvv": true,
	"routing_number": true, "account_number": true, "account_type": true, "account_holder_type": true,
	"name": true, "given_name": true, "surname": true, "address1": true, "address2": true, "city": true,
	"state": true, "postal_code": true, "country": true, "email": true, "phone": true, "reference": true,
	"description": true,
}

func (s *Server) createToken(w http.ResponseWriter, r *http.Request) {
	ct := r.Header.Get("Content-Type")
	in := &tokenInput{vals: map[string]string{}, present: map[string]bool{}, formData: map[string]any{}}
	form := strings.HasPrefix(strings.ToLower(strings.TrimSpace(ct)), "application/x-www-form-urlencoded")
	var formKey string
	if form {
		r.Body = http.MaxBytesReader(w, r.Body, maxBodyBytes)
		if err := r.ParseForm(); err != nil {
			writeMessages(w, http.StatusBadRequest, malformedRequest())
			return
		}
		for k, vs := range r.PostForm {
			switch {
			case k == "public_key":
				formKey = vs[0]
			case k == "redirect_url":
				in.redirect = vs[0]
			case tokenKnownFields[k]:
				in.vals[k], in.present[k] = vs[0], true
			case len(vs) == 1:
				in.formData[k] = vs[0]
			default:
				in.formData[k] = append([]string(nil), vs...)
			}
		}
	}
	// Authentication: Basic public_key: or (form POSTs) a public_key parameter.
	user, pass, basic := r.BasicAuth()
	authed := basic && pass == "" && secureEqual(user, s.multi.creds.PublicKey)
	if !basic && form && formKey != "" {
		authed = secureEqual(formKey, s.multi.creds.PublicKey)
	}
	if !authed {
		writeNotAuthorized(w, basicChallenge)
		return
	}
	if !form {
		obj, ok := readJSONObject(w, r)
		if !ok {
			return
		}
		for k, raw := range obj {
			if k == "form_data" {
				var fd map[string]any
				if err := json.Unmarshal(raw, &fd); err != nil {
					in.msgs = append(in.msgs, invalidData("form_data", subInvalid, "form_data must be a JSON object"))
				} else {
					in.formData = fd
				}
				continue
			}
			if !tokenKnownFields[k] {
				continue // other properties are ignored
			}
			var v any
			_ = json.Unmarshal(raw, &v)
			switch x := v.(type) {
			case nil:
			case string:
				in.vals[k], in.present[k] = x, true
			case float64:
				in.vals[k], in.present[k] = strconv.FormatFloat(x, 'f', -1, 64), true
			default:
				in.msgs = append(in.msgs, invalidData(k, subInvalid, k+" must be a string or number"))
			}
		}
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	tok, msgs, status := s.buildToken(in)
	if len(in.msgs) > 0 {
		writeInvalid(w, in.msgs)
		return
	}
	if len(msgs) > 0 {
		writeMessages(w, status, msgs...)
		return
	}
	s.st.oneTimeTokens[tok.ID] = tok
	if form && in.redirect != "" {
		u, err := url.Parse(in.redirect)
		if err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
			q := u.Query()
			q.Set("token_id", tok.ID)
			u.RawQuery = q.Encode()
			w.Header().Set("Location", u.String())
			w.WriteHeader(http.StatusSeeOther)
			return
		}
		delete(s.st.oneTimeTokens, tok.ID)
		writeInvalid(w, []Message{invalidData("redirect_url", subInvalid, "redirect_url must be an absolute http or https URL")})
		return
	}
	writeJSON(w, http.StatusOK, tok.toJSON())
}

// buildToken validates the details and returns the (masked) token, or the
// messages and HTTP status to answer with.
func (s *Server) buildToken(in *tokenInput) (*oneTimeToken, []Message, int) {
	typ, _ := in.get("type")
	if typ == "" {
		// "type ... (required for eCheck)": card when absent.
		typ = "card"
	}
	details := map[string]any{}
	var msgs []Message
	bad := func(ms ...Message) { msgs = append(msgs, ms...) }

	// Common optional properties (object type "token").
	optional := []struct {
		key   string
		max   int
		check func(ctx, v string) []Message
	}{
		{"name", 256, nil}, {"given_name", 40, checkHolderName}, {"surname", 40, checkHolderName},
		{"address1", 256, nil}, {"address2", 256, nil}, {"city", 256, nil}, {"state", 256, nil},
		{"postal_code", 0, checkPostalCode}, {"country", 0, checkCountry}, {"email", 0, checkEmail},
		{"phone", 22, nil}, {"reference", 64, nil}, {"description", 64, nil},
	}
	for _, o := range optional {
		v, ok := in.get(o.key)
		if !ok || v == "" {
			continue
		}
		if o.max > 0 {
			if ms := checkLength(o.key, v, 0, o.max); ms != nil {
				bad(ms...)
				continue
			}
		}
		if o.check != nil {
			if ms := o.check(o.key, v); ms != nil {
				bad(ms...)
				continue
			}
		}
		details[o.key] = v
	}
	if st, ok := details["state"].(string); ok {
		if c, ok := details["country"].(string); ok {
			bad(checkState("state", st, c)...)
		}
	}

	switch typ {
	case "card":
		ms, status := s.cardDetails(in, details)
		if status != 0 {
			return nil, ms, status
		}
		bad(ms...)
	case "bank":
		ms, status := bankDetails(in, details)
		if status != 0 {
			return nil, ms, status
		}
		bad(ms...)
	default:
		bad(invalidData("type", subInvalid, fmt.Sprintf("type must be card or bank, got %q", typ)))
	}
	if len(msgs) > 0 {
		return nil, msgs, http.StatusUnprocessableEntity
	}
	return &oneTimeToken{ID: s.ids.gatewayID(), Created: s.nowUTC(), Type: typ, Details: details, FormData: in.formData}, nil, 0
}

// checkHolderName checks given_name/surname ("Must be 2 or more letters").
func checkHolderName(ctx, v string) []Message {
	letters := 0
	for _, r := range v {
		if r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r > 127 {
			letters++
		}
	}
	if letters < 2 {
		return []Message{invalidData(ctx, subInvalidLength, ctx+" must have 2 or more letters")}
	}
	return nil
}

// cardDetails validates card properties into details. A non-zero status
// means a card-validation message (card_number_invalid, card_expired,
// card_number_incorrect) that answers on its own.
func (s *Server) cardDetails(in *tokenInput, details map[string]any) ([]Message, int) {
	var msgs []Message
	number, _ := in.get("number")
	number = strings.TrimSpace(number)
	switch {
	case number == "":
		msgs = append(msgs, invalidData("number", subNotBlank, "Card number cannot be blank"))
	case !schedule.AllDigits(number):
		msgs = append(msgs, invalidData("number", subInvalid, "Card number must contain only digits"))
	case len(number) < 12 || len(number) > 19:
		msgs = append(msgs, invalidData("number", subInvalidLength, "Card number length is invalid"))
	case !cbLuhnValid(number):
		// Documented shape (and the test number 4242424242424241).
		return []Message{{Code: "card_number_invalid", Level: "error", Message: "Card number is invalid", Facility: "gateway"}}, http.StatusUnprocessableEntity
	}

	month, year := 0, 0
	if v, ok := in.get("exp_month"); !ok || v == "" {
		msgs = append(msgs, invalidData("exp_month", subNotNull, "exp_month is required for a card"))
	} else if n, err := strconv.Atoi(v); err != nil {
		msgs = append(msgs, invalidData("exp_month", subInvalid, "exp_month must be a number from 1 to 12"))
	} else if n < 1 || n > 12 {
		msgs = append(msgs, invalidData("exp_month", subNumberOutOfRange, fmt.Sprintf("exp_month must be from 1 to 12, got %d", n)))
	} else {
		month = n
	}
	if v, ok := in.get("exp_year"); !ok || v == "" {
		msgs = append(msgs, invalidData("exp_year", subNotNull, "exp_year is required for a card"))
	} else if n, err := strconv.Atoi(v); err != nil || (len(v) != 2 && len(v) != 4) {
		msgs = append(msgs, invalidData("exp_year", subInvalid, "exp_year must be a 2 or 4-digit year"))
	} else {
		if n < 100 {
			n += 2000
		}
		year = n
	}
	// cvv: "(required for card)", 3 or 4 digits.
	cvv, _ := in.get("cvv")
	switch {
	case cvv == "":
		msgs = append(msgs, invalidData("cvv", subNotBlank, "cvv is required for a card"))
	case !schedule.AllDigits(cvv) || len(cvv) < 3 || len(cvv) > 4:
		msgs = append(msgs, invalidData("cvv", subInvalid, "cvv must be 3 or 4 digits"))
	}
	cardType := ""
	if number != "" && schedule.AllDigits(number) {
		cardType = cbDetectCardType(number)
	}
	if given, ok := in.get("card_type"); ok && given != "" {
		if !validCardTypes[given] {
			msgs = append(msgs, invalidData("card_type", subInvalid, fmt.Sprintf("card_type must be one of MASTERCARD, VISA, AMERICAN_EXPRESS, DISCOVER, DINERS_CLUB, JCB, UNKNOWN; got %q", given)))
		} else if len(msgs) == 0 && given != "UNKNOWN" && cardType != given {
			return []Message{{Code: "card_number_incorrect", Level: "error", Message: "Card number is not valid for the card type", Facility: "gateway"}}, http.StatusUnprocessableEntity
		}
	}
	if len(msgs) > 0 {
		return msgs, 0
	}
	// Expired: after the last day of the expiration month (sandbox clock).
	now := s.nowUTC()
	if !now.Before(time.Date(year, time.Month(month)+1, 1, 0, 0, 0, 0, time.UTC)) {
		return []Message{{Code: "card_expired", Level: "error", Message: "Card is expired", Facility: "gateway"}}, http.StatusUnprocessableEntity
	}
	details["number"] = maskAllButLast4(number)
	details["fingerprint"] = cardFingerprint(number)
	details["card_type"] = cardType
	details["exp_month"] = month
	details["exp_year"] = year
	details["cvv"] = "***"
	return nil, 0
}

// bankDetails validates bank properties (object type "token", eCheck).
func bankDetails(in *tokenInput, details map[string]any) ([]Message, int) {
	var msgs []Message
	routing, _ := in.get("routing_number")
	switch {
	case routing == "":
		msgs = append(msgs, invalidData("routing_number", subNotBlank, "routing_number is required for a bank"))
	case !schedule.AllDigits(routing) || len(routing) != 9:
		msgs = append(msgs, invalidData("routing_number", subInvalidLength, "routing_number must be 9 digits"))
	}
	account, _ := in.get("account_number")
	switch {
	case account == "":
		msgs = append(msgs, invalidData("account_number", subNotBlank, "account_number is required for a bank"))
	case !schedule.AllDigits(account) || len(account) < 4 || len(account) > 17:
		msgs = append(msgs, invalidData("account_number", subInvalidLength, "account_number must be 4-17 digits with no punctuation"))
	}
	accountType, _ := in.get("account_type")
	switch accountType {
	case "CHECKING", "SAVINGS":
	case "":
		msgs = append(msgs, invalidData("account_type", subNotBlank, "account_type is required for a bank: CHECKING or SAVINGS"))
	default:
		msgs = append(msgs, invalidData("account_type", subInvalid, fmt.Sprintf("account_type must be CHECKING or SAVINGS, got %q", accountType)))
	}
	// account_holder_type: the token table marks it required but the
	// documented bank token example omits it; the bank object says "default
	// is business", so absent means business.
	holder, _ := in.get("account_holder_type")
	switch holder {
	case "":
		holder = "business"
	case "individual", "business":
	default:
		msgs = append(msgs, invalidData("account_holder_type", subInvalid, fmt.Sprintf("account_holder_type must be individual or business, got %q", holder)))
	}
	if holder == "individual" {
		if _, ok := details["given_name"]; !ok {
			msgs = append(msgs, invalidData("given_name", subNotBlank, "given_name is required for an individual account holder"))
		}
	}
	if len(msgs) > 0 {
		return msgs, 0
	}
	// The reference's invalid routing number 000000001 fails the ABA
	// checksum; any such number is ach_invalid_routing_number (documented shape).
	if !abaValid(routing) {
		return []Message{{Code: "ach_invalid_routing_number", Level: "error", Message: "Routing number is invalid", Facility: "payment_processor"}}, http.StatusUnprocessableEntity
	}
	details["routing_number"] = maskRouting(routing)
	details["account_number"] = cbMaskNumber(account) // masked to its own length, like saved banks (reference :3240)
	details["account_type"] = accountType
	details["account_holder_type"] = holder
	details["bank_name"] = bankNameFor(routing)
	details["fingerprint"] = bankFingerprint(routing, account)
	return nil, 0
}

// bankNameFor: the gateway fills bank_name from the routing number; the
// test routing numbers get a test bank name.
func bankNameFor(routing string) string {
	switch routing {
	case "000000013", "000000000":
		return "FIRST BANK OF TESTING"
	}
	return "SANDBOX NATIONAL BANK"
}

// cardFingerprint is the documented "fingerprint" of a card number (the same
// function as saved cards use, so one card has one fingerprint everywhere).
// Areas that need the documented test-number outcomes for a stored method
// (e.g. charges: 4000000000000002 -> card_declined) compare the method's
// fingerprint with cardFingerprint("4000000000000002"): no full number is
// ever stored.
func cardFingerprint(number string) string { return cbFingerprint("card", number) }

// bankFingerprint is the fingerprint of a routing and account number
// (compare with bankFingerprint("000000013", "1000000001") for ach_declined).
func bankFingerprint(routing, account string) string {
	return cbFingerprint("bank", routing, account)
}
