package sandbox

// Card and bank details shared by saved cards and banks (cards_banks.go),
// the inline `method` of recurring charges (recurring_*.go) and one-time
// tokens (tokens.go): parsing, masking, fingerprints, card-type detection,
// Luhn, test bank names, and search_results paging.

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/sandbox/schedule"
)

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
	case n[0] == '4':
		return "VISA"
	case p(2) == 34 || p(2) == 37:
		return "AMERICAN_EXPRESS"
	case p(2) >= 51 && p(2) <= 55, p(4) >= 2221 && p(4) <= 2720:
		return "MASTERCARD"
	case p(4) == 6011, p(2) == 65, p(3) >= 644 && p(3) <= 649:
		return "DISCOVER"
	case p(4) >= 3528 && p(4) <= 3589:
		return "JCB"
	case p(3) >= 300 && p(3) <= 305, p(2) == 36, p(2) == 38, p(2) == 39:
		return "DINERS_CLUB"
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

// cbReadContact reads the optional name/address/contact fields shared by
// cards and banks (names as in the card and bank object types).
func cbReadContact(r *reader, d *cbDetails) {
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
			r.add(ms...)
		}
	}
}

// cbParseCard reads full card details (number, exp_month, exp_year
// required). codes collects non-field errors such as card_number_invalid.
func cbParseCard(r *reader, today time.Time) (cbDetails, []Message) {
	d := cbDetails{Type: "card"}
	var codes []Message
	before := len(*r.msgs)
	num, ok := r.text("number")
	switch {
	case !ok && !r.has("number") || r.isNull("number"):
		r.addf("number", subNotNull, "Card number is required")
	case !ok:
	case isBlank(num):
		r.addf("number", subNotBlank, "Card number cannot be blank")
	default:
		num = strings.ReplaceAll(num, " ", "")
		switch {
		case !schedule.AllDigits(num):
			r.addf("number", subInvalid, "Card number must contain only digits")
		case len(num) < 12 || len(num) > 19:
			r.addf("number", subInvalidLength, "Card number length is invalid")
		case !cbLuhnValid(num):
			codes = append(codes, errorMessage("card_number_invalid", "Card number is invalid"))
		default:
			d.Number = num
			d.CardType = cbDetectCardType(num)
			d.Fingerprint = cbFingerprint("card", num)
		}
	}
	// card_type: optional, one of the documented enum (reference :3848-3855);
	// a number that does not fit the given type is card_number_incorrect
	// (:4894-4896). UNKNOWN fits any number.
	if ct, ok := r.text("card_type"); ok && ct != "" {
		switch {
		case !validCardTypes[ct]:
			r.addf("card_type", subInvalid, fmt.Sprintf("card_type must be one of MASTERCARD, VISA, AMERICAN_EXPRESS, DISCOVER, DINERS_CLUB, JCB, UNKNOWN; got %q", ct))
		case d.Number != "" && ct != "UNKNOWN" && ct != d.CardType:
			codes = append(codes, errorMessage("card_number_incorrect", "Card number is not valid for the card type"))
		}
	}
	d.ExpMonth, d.ExpYear = cbReadExpiry(r, true)
	if cvv, ok := r.text("cvv"); ok && cvv != "" && (!schedule.AllDigits(cvv) || len(cvv) < 3 || len(cvv) > 4) {
		r.addf("cvv", subInvalid, "CVV must be 3 or 4 digits")
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
func cbReadExpiry(r *reader, required bool) (int, int) {
	var month, year int
	if m, ok := r.integer("exp_month"); ok {
		if m < 1 || m > 12 {
			r.addf("exp_month", subNumberOutOfRange, "exp_month must be 1 through 12")
		} else {
			month = int(m)
		}
	} else if required && (!r.has("exp_month") || r.isNull("exp_month")) {
		r.addf("exp_month", subNotNull, "exp_month is required")
	}
	if y, ok := r.integer("exp_year"); ok {
		switch {
		case y >= 0 && y <= 99:
			year = 2000 + int(y)
		case y >= 1000 && y <= 9999:
			year = int(y)
		default:
			r.addf("exp_year", subNumberOutOfRange, "exp_year must have 2 or 4 digits")
		}
	} else if required && (!r.has("exp_year") || r.isNull("exp_year")) {
		r.addf("exp_year", subNotNull, "exp_year is required")
	}
	return month, year
}

// cbParseBank reads full bank details. Problems are reported through r:
// unlike a card, a bank account has no non-field error codes.
func cbParseBank(r *reader) cbDetails {
	d := cbDetails{Type: "bank", AccountHolderType: "business"}
	routing, ok := r.text("routing_number")
	switch {
	case !ok && (!r.has("routing_number") || r.isNull("routing_number")):
		r.addf("routing_number", subNotNull, "routing_number is required")
	case !ok:
	case isBlank(routing):
		r.addf("routing_number", subNotBlank, "routing_number cannot be blank")
	case len(routing) != 9 || !schedule.AllDigits(routing):
		r.addf("routing_number", subInvalid, "routing_number must be 9 digits")
	default:
		d.RoutingNumber = routing
		d.BankName = cbTestBankName(routing)
	}
	acct, ok := r.text("account_number")
	switch {
	case !ok && (!r.has("account_number") || r.isNull("account_number")):
		r.addf("account_number", subNotNull, "account_number is required")
	case !ok:
	case isBlank(acct):
		r.addf("account_number", subNotBlank, "account_number cannot be blank")
	case !schedule.AllDigits(acct):
		r.addf("account_number", subInvalid, "account_number may only contain digits")
	case len(acct) < 4 || len(acct) > 17:
		r.addf("account_number", subInvalidLength, "account_number must be 4 to 17 digits")
	default:
		d.AccountNumber = acct
	}
	if d.RoutingNumber != "" && d.AccountNumber != "" {
		d.Fingerprint = cbFingerprint("bank", d.RoutingNumber, d.AccountNumber)
	}
	at, ok := r.text("account_type")
	switch {
	case !ok && (!r.has("account_type") || r.isNull("account_type")):
		r.addf("account_type", subNotNull, "account_type is required (CHECKING or SAVINGS)")
	case !ok:
	case at != "CHECKING" && at != "SAVINGS":
		r.addf("account_type", subInvalid, "account_type must be CHECKING or SAVINGS")
	default:
		d.AccountType = at
	}
	cbReadHolder(r, &d, true)
	cbReadContact(r, &d)
	return d
}

// cbReadHolder reads account_holder_type and the names it requires.
// full: the details are complete (names are checked against the type).
func cbReadHolder(r *reader, d *cbDetails, full bool) {
	if r.has("account_holder_type") {
		aht, ok := r.text("account_holder_type")
		switch {
		case r.isNull("account_holder_type"):
			d.AccountHolderType = "business" // the documented default
		case !ok:
		case aht != "individual" && aht != "business":
			r.addf("account_holder_type", subInvalid, "account_holder_type must be individual or business")
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
			r.addf("name", subNotBlank, "name is required for a business account holder")
		}
		d.GivenName, d.Surname = "", "" // ignored for business
	case "individual":
		if d.GivenName == "" {
			r.addf("given_name", subNotBlank, "given_name is required for an individual account holder")
		} else if !twoLetters(d.GivenName) {
			r.addf("given_name", subInvalid, "given_name must be 2 or more letters")
		}
		if d.Surname != "" && !twoLetters(d.Surname) {
			r.addf("surname", subInvalid, "surname must be 2 or more letters")
		}
		d.Name = "" // ignored for individual
	}
}

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

var validCardTypes = map[string]bool{"MASTERCARD": true, "VISA": true, "AMERICAN_EXPRESS": true, "DISCOVER": true, "DINERS_CLUB": true, "JCB": true, "UNKNOWN": true}

// abaValid reports whether a 9-digit routing number passes the ABA checksum
// (3,7,1 weights).
func abaValid(n string) bool {
	if len(n) != 9 || !schedule.AllDigits(n) {
		return false
	}
	w := []int{3, 7, 1}
	sum := 0
	for i := 0; i < 9; i++ {
		sum += int(n[i]-'0') * w[i%3]
	}
	return sum%10 == 0
}
