package sandbox

// Saved cards (/v1/cards) and saved banks (/v1/banks): create (from details
// or a one-time token), get, PATCH, delete and list, secret-key auth, per
// mode (an object of the other mode is reported as not found). They are
// registered as chargeable methods for charges and recurring charges.
//
// Readings of the reference (each also noted where implemented):
//   - Masking: card numbers keep their last 4 digits and star the rest
//     ("************4242" for 16 digits); bank account numbers likewise
//     ("**********2394" for 14 digits, "*********3847" for 13); routing
//     numbers keep the last 3 ("******013"). CVV is accepted and never
//     stored or returned.
//   - PATCH changes the descriptive fields. "When updating the card number,
//     expiration month, or expiration year, PATCH the card using a token" (and
//     likewise routing/account number for banks): those fields sent directly
//     in a PATCH are rejected with invalid_data/invalid pointing at token_id.
//   - A saved card/bank ID is not a one-time token: token_id naming one is
//     rejected (invalid_data token_id invalid).
//   - Lists are in descending creation order (the reference does not say).
//   - Deleted cards/banks are gone: GET, PATCH and DELETE then answer 404 and
//     the ID no longer resolves as a payment method. Recurring charges keep
//     the (masked) method snapshot they were created with.

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
)

func (s *Server) cardsBanksRoutes() {
	s.handle("POST /v1/cards", s.secretKeyAuth(s.createSavedMethod("card")))
	s.handle("GET /v1/cards", s.secretKeyAuth(s.listSavedMethods("card")))
	s.handle("GET /v1/cards/{id}", s.secretKeyAuth(s.getSavedMethod("card")))
	s.handle("PATCH /v1/cards/{id}", s.secretKeyAuth(s.patchSavedMethod("card")))
	s.handle("DELETE /v1/cards/{id}", s.secretKeyAuth(s.deleteSavedMethod("card")))
	s.handle("POST /v1/banks", s.secretKeyAuth(s.createSavedMethod("bank")))
	s.handle("GET /v1/banks", s.secretKeyAuth(s.listSavedMethods("bank")))
	s.handle("GET /v1/banks/{id}", s.secretKeyAuth(s.getSavedMethod("bank")))
	s.handle("PATCH /v1/banks/{id}", s.secretKeyAuth(s.patchSavedMethod("bank")))
	s.handle("DELETE /v1/banks/{id}", s.secretKeyAuth(s.deleteSavedMethod("bank")))
	s.addMethodResolver(func(id string, _ bool) (chargeableMethod, bool) {
		sm := s.st.savedMethod(id)
		if sm == nil {
			return chargeableMethod{}, false
		}
		return chargeableMethod{Mode: sm.Mode, Type: sm.Type, Masked: sm.details.masked()}, true
	})
}

// ---------------------------------------------------------------------------
// Payment details (card or bank), shared by saved methods and the inline
// `method` objects of recurring charges.

// cbDetails holds the details of a card or bank. Number/AccountNumber/
// RoutingNumber are kept in full only when they were given in full; details
// that came from a token or another method hold masked values.
type cbDetails struct {
	Type string // card | bank

	// card
	Number   string
	CardType string
	ExpMonth int
	ExpYear  int

	// bank
	RoutingNumber     string
	AccountNumber     string
	AccountType       string
	AccountHolderType string
	GivenName         string
	Surname           string
	BankName          string

	Fingerprint string
	Name        string
	Address1    string
	Address2    string
	City        string
	State       string
	PostalCode  string
	Country     string
	Email       string
	Phone       string
}

// masked is the `method` object of responses: sensitive numbers masked,
// no CVV, empty optional fields omitted.
func (d cbDetails) masked() map[string]any {
	m := map[string]any{"type": d.Type}
	put := func(k, v string) {
		if v != "" {
			m[k] = v
		}
	}
	if d.Type == "card" {
		put("number", cbMaskNumber(d.Number))
		put("card_type", d.CardType)
		if d.ExpMonth != 0 {
			m["exp_month"] = d.ExpMonth
		}
		if d.ExpYear != 0 {
			m["exp_year"] = d.ExpYear
		}
	} else {
		put("routing_number", cbMaskRouting(d.RoutingNumber))
		put("account_number", cbMaskNumber(d.AccountNumber))
		put("account_type", d.AccountType)
		put("bank_name", d.BankName)
		put("account_holder_type", d.AccountHolderType)
		put("given_name", d.GivenName)
		put("surname", d.Surname)
	}
	put("fingerprint", d.Fingerprint)
	put("name", d.Name)
	put("address1", d.Address1)
	put("address2", d.Address2)
	put("city", d.City)
	put("state", d.State)
	put("postal_code", d.PostalCode)
	put("country", d.Country)
	put("email", d.Email)
	put("phone", d.Phone)
	return m
}

// cbDetailsFromMasked rebuilds details from a resolver's masked method (for
// saving a token as a card/bank, or patching a recurring charge's method).
func cbDetailsFromMasked(m map[string]any) cbDetails {
	str := func(k string) string { v, _ := m[k].(string); return v }
	d := cbDetails{
		Type: str("type"), Number: str("number"), CardType: str("card_type"),
		ExpMonth: cbAnyInt(m["exp_month"]), ExpYear: cbAnyInt(m["exp_year"]),
		RoutingNumber: str("routing_number"), AccountNumber: str("account_number"),
		AccountType: str("account_type"), AccountHolderType: str("account_holder_type"),
		GivenName: str("given_name"), Surname: str("surname"), BankName: str("bank_name"),
		Fingerprint: str("fingerprint"), Name: str("name"), Address1: str("address1"),
		Address2: str("address2"), City: str("city"), State: str("state"),
		PostalCode: str("postal_code"), Country: str("country"), Email: str("email"), Phone: str("phone"),
	}
	return d
}

func cbAnyInt(v any) int {
	switch n := v.(type) {
	case int:
		return n
	case int64:
		return int(n)
	case float64:
		return int(n)
	case json.Number:
		i, _ := n.Int64()
		return int(i)
	case string:
		i, _ := strconv.Atoi(n)
		return i
	}
	return 0
}

// cbMaskNumber stars all but the last 4 characters ("************4242");
// an already masked value is returned unchanged.
func cbMaskNumber(n string) string {
	if n == "" || strings.HasPrefix(n, "*") || len(n) <= 4 {
		return n
	}
	return strings.Repeat("*", len(n)-4) + n[len(n)-4:]
}

// cbMaskRouting masks a routing number as "******013".
func cbMaskRouting(n string) string {
	if n == "" || strings.HasPrefix(n, "*") || len(n) <= 3 {
		return n
	}
	return strings.Repeat("*", len(n)-3) + n[len(n)-3:]
}

// cbFingerprint is a stable 20-character fingerprint of the card number
// or the routing+account numbers, like the documented "GunPelYVthifNV63LEw1".
func cbFingerprint(parts ...string) string {
	sum := sha256.Sum256([]byte(strings.Join(parts, "|")))
	return base64.RawURLEncoding.EncodeToString(sum[:])[:20]
}

// cbDetectCardType maps a card number's prefix to a card_type value.
func cbDetectCardType(n string) string {
	p := func(k int) int {
		if len(n) < k {
			return -1
		}
		v, _ := strconv.Atoi(n[:k])
		return v
	}
	switch {
	case strings.HasPrefix(n, "4"):
		return "VISA"
	case p(2) >= 51 && p(2) <= 55, p(4) >= 2221 && p(4) <= 2720:
		return "MASTERCARD"
	case p(2) == 34 || p(2) == 37:
		return "AMERICAN_EXPRESS"
	case strings.HasPrefix(n, "6011"), strings.HasPrefix(n, "65"), p(3) >= 644 && p(3) <= 649:
		return "DISCOVER"
	case p(2) == 36 || p(2) == 38 || (p(3) >= 300 && p(3) <= 305):
		return "DINERS_CLUB"
	case p(2) == 35:
		return "JCB"
	}
	return "UNKNOWN"
}

func cbLuhnValid(n string) bool {
	sum, double := 0, false
	for i := len(n) - 1; i >= 0; i-- {
		d := int(n[i] - '0')
		if double {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
		double = !double
	}
	return sum%10 == 0
}

// cbTestBankName is the bank_name the sandbox derives from a routing number.
func cbTestBankName(routing string) string {
	switch routing {
	case "000000013":
		return "FIRST BANK OF TESTING"
	case "000000000":
		return "TEST FEDERAL CREDIT UNION"
	case "011000138":
		return "SANDBOX NATIONAL BANK"
	}
	return ""
}

// expired reports whether a card expiring at month/year has expired before
// the given day (a card is valid through the end of its expiration month).
func cbCardExpiredOn(month, year int, day time.Time) bool {
	if month == 0 || year == 0 {
		return false
	}
	y, m, _ := day.Date()
	return year < y || (year == y && month < int(m))
}

// ---------------------------------------------------------------------------
// cbReader: typed field reading with a context prefix ("method.") and the
// gateway's numeric leniency (the reference's examples send "amount": "1250"
// and "interval_delay": "1", so integers may be JSON numbers or digit strings).

type cbReader struct {
	obj    jsonObject
	prefix string
	msgs   *[]Message
}

func (r cbReader) ctx(key string) string { return r.prefix + key }

func (r cbReader) add(key, sub, msg string) {
	*r.msgs = append(*r.msgs, invalidData(r.ctx(key), sub, msg))
}

func (r cbReader) has(key string) bool { _, ok := r.obj[key]; return ok }

// isNull reports whether key is present with the JSON value null.
func (r cbReader) isNull(key string) bool {
	v, ok := r.obj[key]
	return ok && string(bytes.TrimSpace(v)) == "null"
}

// str returns the string value; present=false when absent or null.
func (r cbReader) str(key string) (string, bool) {
	v, ok := r.obj[key]
	if !ok || r.isNull(key) {
		return "", false
	}
	var s string
	if err := json.Unmarshal(v, &s); err != nil {
		r.add(key, subInvalid, r.ctx(key)+" must be a string")
		return "", false
	}
	return s, true
}

// integer returns an integer given as a JSON number or a string of digits.
// ok=false when absent, null or invalid (invalid values are reported).
func (r cbReader) integer(key string) (int64, bool) {
	v, ok := r.obj[key]
	if !ok || r.isNull(key) {
		return 0, false
	}
	raw := bytes.TrimSpace(v)
	var text string
	if len(raw) > 0 && raw[0] == '"' {
		if err := json.Unmarshal(raw, &text); err != nil {
			r.add(key, subInvalid, r.ctx(key)+" must be an integer")
			return 0, false
		}
		text = strings.TrimSpace(text)
	} else {
		text = string(raw)
	}
	n, err := strconv.ParseInt(text, 10, 64)
	if err != nil {
		if e, isNum := err.(*strconv.NumError); isNum && e.Err == strconv.ErrRange {
			r.add(key, subNumberOutOfRange, r.ctx(key)+" is out of range")
			return 0, false
		}
		// 12.0 style numbers are integers too.
		if f, ferr := strconv.ParseFloat(text, 64); ferr == nil && f == math.Trunc(f) && math.Abs(f) < 1<<62 && raw[0] != '"' {
			return int64(f), true
		}
		r.add(key, subInvalid, r.ctx(key)+" must be an integer")
		return 0, false
	}
	return n, true
}

// object reads a nested JSON object.
func (r cbReader) object(key string) (jsonObject, bool) {
	v, ok := r.obj[key]
	if !ok || r.isNull(key) {
		return nil, false
	}
	var o jsonObject
	if err := json.Unmarshal(v, &o); err != nil || o == nil {
		r.add(key, subInvalid, r.ctx(key)+" must be a JSON object")
		return nil, false
	}
	return o, true
}

// child returns a reader for a nested object sharing the message list.
func (r cbReader) child(key string, o jsonObject) cbReader {
	return cbReader{obj: o, prefix: r.ctx(key) + ".", msgs: r.msgs}
}

// optText reads an optional text field with a maximum length into *dst.
// Absent: unchanged; null or "": cleared (when clear is true).
func (r cbReader) optText(key string, maxLen int, dst *string, check func(ctx, v string) []Message) {
	if !r.has(key) {
		return
	}
	v, ok := r.str(key)
	if !ok {
		if r.isNull(key) {
			*dst = ""
		}
		return
	}
	v = strings.TrimSpace(v)
	if v == "" {
		*dst = ""
		return
	}
	if maxLen > 0 && len([]rune(v)) > maxLen {
		r.add(key, subInvalidLength, fmt.Sprintf("%s cannot exceed %d characters", r.ctx(key), maxLen))
		return
	}
	if check != nil {
		if ms := check(r.ctx(key), v); len(ms) > 0 {
			*r.msgs = append(*r.msgs, ms...)
			return
		}
	}
	*dst = v
}

// ---------------------------------------------------------------------------
// Parsing card and bank details.

// cbReadContact reads the optional name/address/contact fields shared by
// cards and banks (names as in the card and bank object types).
func cbReadContact(r cbReader, d *cbDetails) {
	r.optText("address1", 255, &d.Address1, nil)
	r.optText("address2", 255, &d.Address2, nil)
	r.optText("city", 255, &d.City, nil)
	r.optText("postal_code", 0, &d.PostalCode, checkPostalCode)
	r.optText("country", 0, &d.Country, checkCountry)
	r.optText("state", 255, &d.State, nil)
	r.optText("email", 254, &d.Email, checkEmail)
	// "No specific format is required, but the total length cannot exceed 22 characters."
	r.optText("phone", 22, &d.Phone, nil)
	if d.State != "" && r.has("state") {
		if ms := checkState(r.ctx("state"), d.State, d.Country); len(ms) > 0 {
			*r.msgs = append(*r.msgs, ms...)
		}
	}
}

// cbParseCard reads full card details (number, exp_month, exp_year
// required). codes collects non-field errors such as card_number_invalid.
func cbParseCard(r cbReader, today time.Time) (cbDetails, []Message) {
	d := cbDetails{Type: "card"}
	var codes []Message
	before := len(*r.msgs)
	num, ok := r.str("number")
	switch {
	case !ok && !r.has("number") || r.isNull("number"):
		r.add("number", subNotNull, "Card number is required")
	case !ok:
	case isBlank(num):
		r.add("number", subNotBlank, "Card number cannot be blank")
	default:
		num = strings.ReplaceAll(num, " ", "")
		switch {
		case !cbAllDigits(num):
			r.add("number", subInvalid, "Card number must contain only digits")
		case len(num) < 12 || len(num) > 19:
			r.add("number", subInvalidLength, "Card number length is invalid")
		case !cbLuhnValid(num):
			codes = append(codes, errorMessage("card_number_invalid", "Card number is invalid"))
		default:
			d.Number = num
			d.CardType = cbDetectCardType(num)
			d.Fingerprint = cbFingerprint("card", num)
		}
	}
	d.ExpMonth, d.ExpYear = cbReadExpiry(r, true)
	if cvv, ok := r.str("cvv"); ok && cvv != "" && (!cbAllDigits(cvv) || len(cvv) < 3 || len(cvv) > 4) {
		r.add("cvv", subInvalid, "CVV must be 3 or 4 digits")
	}
	r.optText("name", 255, &d.Name, nil)
	cbReadContact(r, &d)
	if len(*r.msgs) == before && len(codes) == 0 && cbCardExpiredOn(d.ExpMonth, d.ExpYear, today) {
		codes = append(codes, errorMessage("card_expired", "Card is expired"))
	}
	return d, codes
}

// cbReadExpiry reads exp_month (1-12) and exp_year (2 or 4 digits; 2 digits
// mean 20yy). required: missing values are not_null problems.
func cbReadExpiry(r cbReader, required bool) (int, int) {
	var month, year int
	if m, ok := r.integer("exp_month"); ok {
		if m < 1 || m > 12 {
			r.add("exp_month", subNumberOutOfRange, "exp_month must be 1 through 12")
		} else {
			month = int(m)
		}
	} else if required && (!r.has("exp_month") || r.isNull("exp_month")) {
		r.add("exp_month", subNotNull, "exp_month is required")
	}
	if y, ok := r.integer("exp_year"); ok {
		switch {
		case y >= 0 && y <= 99:
			year = 2000 + int(y)
		case y >= 1000 && y <= 9999:
			year = int(y)
		default:
			r.add("exp_year", subNumberOutOfRange, "exp_year must have 2 or 4 digits")
		}
	} else if required && (!r.has("exp_year") || r.isNull("exp_year")) {
		r.add("exp_year", subNotNull, "exp_year is required")
	}
	return month, year
}

// cbParseBank reads full bank details. Problems are reported through r:
// unlike a card, a bank account has no non-field error codes.
func cbParseBank(r cbReader) cbDetails {
	d := cbDetails{Type: "bank", AccountHolderType: "business"}
	routing, ok := r.str("routing_number")
	switch {
	case !ok && (!r.has("routing_number") || r.isNull("routing_number")):
		r.add("routing_number", subNotNull, "routing_number is required")
	case !ok:
	case isBlank(routing):
		r.add("routing_number", subNotBlank, "routing_number cannot be blank")
	case len(routing) != 9 || !cbAllDigits(routing):
		r.add("routing_number", subInvalid, "routing_number must be 9 digits")
	default:
		d.RoutingNumber = routing
		d.BankName = cbTestBankName(routing)
	}
	acct, ok := r.str("account_number")
	switch {
	case !ok && (!r.has("account_number") || r.isNull("account_number")):
		r.add("account_number", subNotNull, "account_number is required")
	case !ok:
	case isBlank(acct):
		r.add("account_number", subNotBlank, "account_number cannot be blank")
	case !cbAllDigits(acct):
		r.add("account_number", subInvalid, "account_number may only contain digits")
	case len(acct) < 4 || len(acct) > 17:
		r.add("account_number", subInvalidLength, "account_number must be 4 to 17 digits")
	default:
		d.AccountNumber = acct
	}
	if d.RoutingNumber != "" && d.AccountNumber != "" {
		d.Fingerprint = cbFingerprint("bank", d.RoutingNumber, d.AccountNumber)
	}
	at, ok := r.str("account_type")
	switch {
	case !ok && (!r.has("account_type") || r.isNull("account_type")):
		r.add("account_type", subNotNull, "account_type is required (CHECKING or SAVINGS)")
	case !ok:
	case at != "CHECKING" && at != "SAVINGS":
		r.add("account_type", subInvalid, "account_type must be CHECKING or SAVINGS")
	default:
		d.AccountType = at
	}
	cbReadHolder(r, &d, true)
	cbReadContact(r, &d)
	return d
}

// cbReadHolder reads account_holder_type and the names it requires.
// full: the details are complete (names are checked against the type).
func cbReadHolder(r cbReader, d *cbDetails, full bool) {
	if r.has("account_holder_type") {
		aht, ok := r.str("account_holder_type")
		switch {
		case r.isNull("account_holder_type"):
			d.AccountHolderType = "business" // the documented default
		case !ok:
		case aht != "individual" && aht != "business":
			r.add("account_holder_type", subInvalid, "account_holder_type must be individual or business")
		default:
			d.AccountHolderType = aht
		}
	}
	r.optText("name", 255, &d.Name, nil)
	r.optText("given_name", 255, &d.GivenName, nil)
	r.optText("surname", 255, &d.Surname, nil)
	if !full {
		return
	}
	twoLetters := func(s string) bool {
		n := 0
		for _, c := range s {
			if unicode.IsLetter(c) {
				n++
			}
		}
		return n >= 2
	}
	switch d.AccountHolderType {
	case "business":
		if d.Name == "" {
			r.add("name", subNotBlank, "name is required for a business account holder")
		}
		d.GivenName, d.Surname = "", "" // ignored for business
	case "individual":
		if d.GivenName == "" {
			r.add("given_name", subNotBlank, "given_name is required for an individual account holder")
		} else if !twoLetters(d.GivenName) {
			r.add("given_name", subInvalid, "given_name must be 2 or more letters")
		}
		if d.Surname != "" && !twoLetters(d.Surname) {
			r.add("surname", subInvalid, "surname must be 2 or more letters")
		}
		d.Name = "" // ignored for individual
	}
}

func cbAllDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// ---------------------------------------------------------------------------
// Saved methods.

type savedMethod struct {
	ID       string
	Mode     mode
	Type     string // card | bank
	Created  time.Time
	Modified time.Time
	seq      int

	Reference   string
	Description string
	details     cbDetails
}

func (sm *savedMethod) toJSON() map[string]any {
	m := sm.details.masked()
	m["id"] = sm.ID
	m["created"] = formatTimestamp(sm.Created)
	m["modified"] = formatTimestamp(sm.Modified)
	if sm.Reference != "" {
		m["reference"] = sm.Reference
	}
	if sm.Description != "" {
		m["description"] = sm.Description
	}
	return m
}

func (st *state) savedMethod(id string) *savedMethod {
	for _, sm := range st.savedMethods {
		if sm.ID == id {
			return sm
		}
	}
	return nil
}

func cbResourceType(typ string) string {
	if typ == "card" {
		return "Card"
	}
	return "Bank"
}

// lookupSaved returns the saved method of the request's mode and type, or
// writes 404.
func (s *Server) lookupSavedLocked(w http.ResponseWriter, r *http.Request, typ string) *savedMethod {
	id := r.PathValue("id")
	sm := s.st.savedMethod(id)
	if sm == nil || sm.Mode != modeOf(r) || sm.Type != typ {
		writeNotFound(w, cbResourceType(typ), id)
		return nil
	}
	return sm
}

// cbReadSavedTexts reads reference and description ("limited to 64 characters").
func cbReadSavedTexts(r cbReader, sm *savedMethod) {
	r.optText("reference", 64, &sm.Reference, nil)
	r.optText("description", 64, &sm.Description, nil)
}

// detailsFromToken resolves token_id to details of type typ (consuming a
// one-time token only when commit is true).
func (s *Server) detailsFromTokenLocked(r cbReader, typ string, m mode, commit bool) (cbDetails, bool) {
	tok, ok := r.str("token_id")
	if !ok || isBlank(tok) {
		r.add("token_id", subNotBlank, "token_id cannot be blank")
		return cbDetails{}, false
	}
	if s.st.savedMethod(tok) != nil {
		r.add("token_id", subInvalid, "token_id must be the ID of a one-time token, not of a saved "+typ)
		return cbDetails{}, false
	}
	cm, found := s.resolveMethodLocked(tok, false)
	if !found || cm.Mode != m {
		r.add("token_id", subInvalid, "token_id does not identify an unused one-time token")
		return cbDetails{}, false
	}
	if cm.Type != typ {
		r.add("token_id", subInvalid, fmt.Sprintf("token_id identifies a %s token; a %s token is required", cm.Type, typ))
		return cbDetails{}, false
	}
	if commit {
		s.resolveMethodLocked(tok, true)
	}
	return cbDetailsFromMasked(cm.Masked), true
}

func (s *Server) createSavedMethod(typ string) http.HandlerFunc {
	return func(w http.ResponseWriter, req *http.Request) {
		obj, ok := readJSONObject(w, req)
		if !ok {
			return
		}
		m := modeOf(req)
		s.mu.Lock()
		defer s.mu.Unlock()
		var msgs []Message
		r := cbReader{obj: obj, msgs: &msgs}
		sm := &savedMethod{Mode: m, Type: typ}
		var d cbDetails
		var codes []Message
		fromToken := r.has("token_id") && !r.isNull("token_id")
		if fromToken {
			d, _ = s.detailsFromTokenLocked(r, typ, m, false)
			// Descriptive fields sent alongside the token override it.
			cbReadContact(r, &d)
			if typ == "bank" {
				cbReadHolder(r, &d, false)
			} else {
				r.optText("name", 255, &d.Name, nil)
			}
		} else if typ == "card" {
			d, codes = cbParseCard(r, s.nowUTC())
		} else {
			d = cbParseBank(r)
		}
		cbReadSavedTexts(r, sm)
		if len(msgs) > 0 {
			writeInvalid(w, msgs)
			return
		}
		if len(codes) > 0 {
			writeMessages(w, http.StatusUnprocessableEntity, codes...)
			return
		}
		if fromToken {
			s.detailsFromTokenLocked(r, typ, m, true)
		}
		now := s.nowUTC()
		sm.ID = s.ids.gatewayID()
		sm.Created, sm.Modified = now, now
		sm.details = d
		s.st.savedSeq++
		sm.seq = s.st.savedSeq
		s.st.savedMethods = append(s.st.savedMethods, sm)
		writeJSON(w, http.StatusOK, sm.toJSON())
	}
}

func (s *Server) getSavedMethod(typ string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		defer s.mu.Unlock()
		if sm := s.lookupSavedLocked(w, r, typ); sm != nil {
			writeJSON(w, http.StatusOK, sm.toJSON())
		}
	}
}

func (s *Server) deleteSavedMethod(typ string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		defer s.mu.Unlock()
		sm := s.lookupSavedLocked(w, r, typ)
		if sm == nil {
			return
		}
		for i, o := range s.st.savedMethods {
			if o == sm {
				s.st.savedMethods = append(s.st.savedMethods[:i], s.st.savedMethods[i+1:]...)
				break
			}
		}
		writeJSON(w, http.StatusOK, sm.toJSON())
	}
}

// patchSavedMethod: descriptive fields change; the sensitive numbers and the
// expiry change only through token_id (see the file comment).
func (s *Server) patchSavedMethod(typ string) http.HandlerFunc {
	return func(w http.ResponseWriter, req *http.Request) {
		obj, ok := readJSONObject(w, req)
		if !ok {
			return
		}
		m := modeOf(req)
		s.mu.Lock()
		defer s.mu.Unlock()
		sm := s.lookupSavedLocked(w, req, typ)
		if sm == nil {
			return
		}
		var msgs []Message
		r := cbReader{obj: obj, msgs: &msgs}
		cand := *sm
		d := sm.details
		fromToken := r.has("token_id") && !r.isNull("token_id")
		if fromToken {
			if td, ok := s.detailsFromTokenLocked(r, typ, m, false); ok {
				// The token's payment data replaces the numbers and expiry;
				// descriptive fields it carries replace the saved ones.
				keep := d
				d = td
				if d.Name == "" {
					d.Name = keep.Name
				}
			}
		}
		tokenOnly := []string{"number", "exp_month", "exp_year"}
		if typ == "bank" {
			tokenOnly = []string{"routing_number", "account_number", "account_type"}
		}
		for _, k := range tokenOnly {
			if r.has(k) {
				r.add(k, subInvalid, k+" cannot be changed directly; PATCH with a token_id holding the new payment details")
			}
		}
		if typ == "bank" {
			cbReadHolder(r, &d, false)
		} else {
			r.optText("name", 255, &d.Name, nil)
		}
		cbReadContact(r, &d)
		cbReadSavedTexts(r, &cand)
		if len(msgs) > 0 {
			writeInvalid(w, msgs)
			return
		}
		if fromToken {
			s.detailsFromTokenLocked(r, typ, m, true)
		}
		cand.details = d
		if cand.details != sm.details || cand.Reference != sm.Reference || cand.Description != sm.Description {
			cand.Modified = s.nowUTC()
			*sm = cand
		}
		writeJSON(w, http.StatusOK, sm.toJSON())
	}
}

func (s *Server) listSavedMethods(typ string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		page, size, msgs := cbParsePaging(q)
		var expMonth, expYear int
		if typ == "card" {
			for _, p := range []struct {
				key string
				dst *int
			}{{"exp_month", &expMonth}, {"exp_year", &expYear}} {
				if v := q.Get(p.key); v != "" {
					n, err := strconv.Atoi(v)
					if err != nil || n < 1 {
						msgs = append(msgs, invalidData(p.key, subInvalid, p.key+" must be a positive integer"))
						continue
					}
					if p.key == "exp_year" && n < 100 {
						n += 2000
					}
					*p.dst = n
				}
			}
		}
		if len(msgs) > 0 {
			writeInvalid(w, msgs)
			return
		}
		ref := q.Get("reference")
		m := modeOf(r)
		s.mu.Lock()
		defer s.mu.Unlock()
		var items []*savedMethod
		for _, sm := range s.st.savedMethods {
			if sm.Mode != m || sm.Type != typ ||
				(ref != "" && sm.Reference != ref) ||
				(expMonth != 0 && sm.details.ExpMonth != expMonth) ||
				(expYear != 0 && sm.details.ExpYear != expYear) {
				continue
			}
			items = append(items, sm)
		}
		sort.SliceStable(items, func(i, j int) bool { return items[i].seq > items[j].seq })
		results := make([]any, 0, size)
		for _, sm := range cbPageSlice(len(items), page, size) {
			results = append(results, items[sm].toJSON())
		}
		writeJSON(w, http.StatusOK, cbSearchResults{Page: page, PageSize: size, TotalEntries: len(items), Results: results})
	}
}

// ---------------------------------------------------------------------------
// Paging (search_results).

// cbSearchResults is the reference's search_results type.
type cbSearchResults struct {
	Page         int   `json:"page"`
	PageSize     int   `json:"page_size"`
	TotalEntries int   `json:"total_entries"`
	Results      []any `json:"results"`
}

// cbParsePaging reads page (default 1, at least 1) and page_size (default 20,
// 1..100). Reading: "max is 100" is enforced with exceeds_maximum_value
// rather than silently clamped, so a client asking for more learns it at once
// instead of mistaking a short page for the last one.
func cbParsePaging(q url.Values) (page, size int, msgs []Message) {
	page, size = 1, 20
	if v := q.Get("page"); v != "" {
		n, err := strconv.Atoi(v)
		switch {
		case err != nil:
			msgs = append(msgs, invalidData("page", subInvalid, "page must be an integer"))
		case n < 1:
			msgs = append(msgs, invalidData("page", subBelowMinimum, "page must be at least 1"))
		default:
			page = n
		}
	}
	if v := q.Get("page_size"); v != "" {
		n, err := strconv.Atoi(v)
		switch {
		case err != nil:
			msgs = append(msgs, invalidData("page_size", subInvalid, "page_size must be an integer"))
		case n < 1:
			msgs = append(msgs, invalidData("page_size", subBelowMinimum, "page_size must be at least 1"))
		case n > 100:
			msgs = append(msgs, invalidData("page_size", subExceedsMaximum, "page_size cannot exceed 100"))
		default:
			size = n
		}
	}
	return page, size, msgs
}

// cbPageSlice returns the indexes of page (1-based) of size over n items.
func cbPageSlice(n, page, size int) []int {
	start := (page - 1) * size
	if page < 1 || start >= n || start < 0 {
		return nil
	}
	end := min(start+size, n)
	idx := make([]int, 0, end-start)
	for i := start; i < end; i++ {
		idx = append(idx, i)
	}
	return idx
}
