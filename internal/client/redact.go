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

func redactValue(v any) any {
	switch t := v.(type) {
	case map[string]any:
		for k, val := range t {
			if isSecretField(k) {
				if val != nil {
					t[k] = Redacted
				}
				continue
			}
			t[k] = redactValue(val)
		}
		return t
	case []any:
		for i := range t {
			t[i] = redactValue(t[i])
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
	for k := range vals {
		if isSecretField(k) || k == "code" {
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

// RedactQuery redacts secret query parameters of a URL.
func RedactQuery(u *url.URL) string {
	if u.RawQuery == "" {
		return u.Path
	}
	q := u.Query()
	for k := range q {
		if isSecretField(k) {
			q[k] = []string{Redacted}
		}
	}
	return u.Path + "?" + q.Encode()
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
