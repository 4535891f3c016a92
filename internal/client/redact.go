package client

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
)

// Redacted replaces every secret value in logged requests and responses.
const Redacted = "REDACTED"

// secretFields are the JSON keys (and form fields) whose values are never
// logged, at any depth: keys and tokens, card and bank numbers, CVV.
var secretFields = map[string]bool{
	"secret_key":               true,
	"access_token":             true,
	"refresh_token":            true,
	"client_secret":            true,
	"password":                 true,
	"token":                    true,
	"token_id":                 true,
	"one_time_token":           true,
	"saved_payment_token":      true,
	"number":                   true, // card number
	"card_number":              true,
	"cvv":                      true,
	"account_number":           true,
	"routing_number":           true,
	"bank_account_number":      true,
	"federal_tax_id":           true,
	"social_security_number":   true,
	"authorization":            true,
	"operating_account_number": true,
	"trust_account_number":     true,
	"fingerprint":              true, // card/bank fingerprint: the same for every token of a number
}

// methodIDField is the key whose string value is a payment method to
// charge (a recurring charge's `method`: a one-time token, a saved card or
// bank, or a contact payment method ID). A one-time token can be charged,
// so the string is redacted; the object form (masked details in replies)
// is redacted field by field as payment details.
const methodIDField = "method"

// paymentDetailsKeys mark a JSON object (or form) as card or bank details:
// a one-time token, a card, a bank, a contact's payment method, a charge's
// method. Such an object's holder fields are personal data tied to the card
// (paymentHolderFields) and its id, when it is a token, is a one-time
// token ID: both are redacted along with the numbers.
var paymentDetailsKeys = map[string]bool{
	"number": true, "cvv": true, "exp_month": true, "exp_year": true, "card_type": true,
	"routing_number": true, "account_number": true, "account_type": true, "account_holder_type": true,
	"fingerprint": true, "payment_type": true, "bank_account_type": true,
}

// paymentHolderFields are the cardholder's or account holder's name,
// contact and billing address in card or bank details (at any depth below
// them, such as a payment method's address object).
var paymentHolderFields = map[string]bool{
	"name": true, "given_name": true, "surname": true, "email": true, "phone": true,
	"postal_code": true, "address1": true, "address2": true, "line1": true, "line2": true,
}

// isPaymentDetails reports whether a JSON object holds card or bank details.
func isPaymentDetails(m map[string]any) bool {
	for k := range m {
		if paymentDetailsKeys[strings.ToLower(k)] {
			return true
		}
	}
	return isTokenObject(m)
}

// isTokenObject reports whether m is a one-time token or other gateway
// card/bank object ("type": "card" or "bank"), whose id is a credential
// that can be charged.
func isTokenObject(m map[string]any) bool {
	typ, _ := m["type"].(string)
	return typ == "card" || typ == "bank"
}

// isSecretField reports whether a JSON/form key names a secret.
func isSecretField(key string) bool {
	k := strings.ToLower(key)
	if secretFields[k] {
		return true
	}
	return strings.HasSuffix(k, "_secret") || strings.HasSuffix(k, "secret_key") || strings.HasSuffix(k, "_token")
}

// RedactJSON returns body with the value of every secret field replaced by
// Redacted. Bodies that are not JSON are returned as a short placeholder,
// never verbatim, since their content is unknown.
func RedactJSON(body []byte) string {
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 {
		return ""
	}
	var v any
	dec := json.NewDecoder(bytes.NewReader(trimmed))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		return "<non-JSON body omitted>"
	}
	out, err := json.Marshal(redactValue(v))
	if err != nil {
		return "<body omitted>"
	}
	return string(out)
}

func redactValue(v any) any { return redactIn(v, false) }

// redactIn redacts v; holder is true below card or bank details, where
// the holder's name, contact and address are redacted too.
func redactIn(v any, holder bool) any {
	switch t := v.(type) {
	case map[string]any:
		details := holder || isPaymentDetails(t)
		token := isTokenObject(t)
		for k, val := range t {
			lk := strings.ToLower(k)
			_, methodID := val.(string)
			methodID = methodID && lk == methodIDField
			if isSecretField(k) || methodID || (details && paymentHolderFields[lk]) || (token && lk == "id") {
				if val != nil {
					t[k] = Redacted
				}
				continue
			}
			t[k] = redactIn(val, details)
		}
		return t
	case []any:
		for i := range t {
			t[i] = redactIn(t[i], holder)
		}
		return t
	default:
		return v
	}
}

// RedactForm redacts a form-encoded body (the OAuth token request).
func RedactForm(body []byte) string {
	vals, err := url.ParseQuery(string(body))
	if err != nil {
		return "<form body omitted>"
	}
	details := false
	for k, v := range vals {
		if paymentDetailsKeys[strings.ToLower(k)] || (k == "type" && len(v) > 0 && (v[0] == "card" || v[0] == "bank")) {
			details = true
		}
	}
	for k := range vals {
		if isSecretField(k) || k == "code" || (details && paymentHolderFields[strings.ToLower(k)]) {
			vals[k] = []string{Redacted}
		}
	}
	return vals.Encode()
}

// RedactHeaders returns a copy of h safe to log.
func RedactHeaders(h http.Header) map[string]string {
	out := make(map[string]string, len(h))
	for k, vals := range h {
		if isSecretField(k) || strings.EqualFold(k, "Cookie") || strings.EqualFold(k, "Set-Cookie") {
			out[k] = Redacted
			continue
		}
		out[k] = strings.Join(vals, ", ")
	}
	return out
}

// RedactQuery redacts secret query parameters of a URL, and the token ID
// of a /v1/tokens/{id} path.
func RedactQuery(u *url.URL) string {
	p := redactPath(u.Path)
	if u.RawQuery == "" {
		return p
	}
	q := u.Query()
	for k := range q {
		if isSecretField(k) {
			q[k] = []string{Redacted}
		}
	}
	return p + "?" + q.Encode()
}

// secretPathPrefixes are API paths whose next segment is a credential: a
// one-time token ID (GET /v1/tokens/{id}).
var secretPathPrefixes = []string{"/v1/tokens/"}

func redactPath(p string) string {
	for _, prefix := range secretPathPrefixes {
		if rest, ok := strings.CutPrefix(p, prefix); ok && rest != "" {
			if _, after, found := strings.Cut(rest, "/"); found {
				return prefix + Redacted + "/" + after
			}
			return prefix + Redacted
		}
	}
	return p
}

// scrubKnown replaces any occurrence of a known secret value in s. It is the
// second line of defence, behind field-based redaction.
func scrubKnown(s string, secrets []string) string {
	for _, sec := range secrets {
		if len(sec) >= 8 {
			s = strings.ReplaceAll(s, sec, Redacted)
		}
	}
	return s
}
