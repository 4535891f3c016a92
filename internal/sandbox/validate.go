package sandbox

import (
	"fmt"
	"net/mail"
	"net/netip"
	"net/url"
	"strings"
	"time"
	_ "time/tzdata" // timezone validation must not depend on the host's zoneinfo
	"unicode"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/iso"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/sandbox/schedule"
)

// Field validators. Each returns nil when value is valid, else one
// invalid_data message with context = the field name. Empty values are
// handled by callers (optional fields may be cleared).

// maxEventsURLsLength follows the API reference ("The length of the value
// cannot exceed 1024 characters.").
const maxEventsURLsLength = 1024

// checkPhone reads the merchant's contact_phone rule literally: "in E-164
// format. Leading '+' is optional." (reference :4014). E.164 numbers are
// at most 15 digits and begin with a country code, which never starts with
// 0. Anything else (spaces, dashes, parentheses, letters) is invalid.
func checkPhone(ctx, v string) []Message {
	digits := strings.TrimPrefix(v, "+")
	if digits == "" || len(digits) > 15 || digits[0] == '0' || !schedule.AllDigits(digits) {
		return []Message{invalidData(ctx, subInvalid,
			fmt.Sprintf("%s must be in E-164 format: an optional '+' then at most 15 digits, the first not 0; got %q", ctx, v))}
	}
	return nil
}

// checkEmail: the reference gives no grammar for email addresses, only
// lengths. The sandbox accepts what net/mail parses as one bare address
// (no display name, no angle brackets) whose domain has a dot between two
// non-empty labels, and nothing with white space.
func checkEmail(ctx, v string) []Message {
	a, err := mail.ParseAddress(v)
	ok := err == nil && a.Name == "" && a.Address == v && !strings.ContainsAny(v, " \t\r\n")
	if ok {
		at := strings.LastIndexByte(v, '@')
		domain := v[at+1:]
		dot := strings.LastIndexByte(domain, '.')
		ok = at > 0 && dot > 0 && dot < len(domain)-1
	}
	if !ok {
		return []Message{invalidData(ctx, subInvalid, fmt.Sprintf("%s must be an email address like name@example.com, got %q", ctx, v))}
	}
	return nil
}

// checkCurrencyCode: "3-letter ISO 4217 code" (reference :3902, :9352):
// membership in the ISO 4217 table, upper case only.
func checkCurrencyCode(ctx, v string) []Message {
	if !iso.CurrencyCodes[v] {
		return []Message{invalidData(ctx, subInvalid, fmt.Sprintf("%s must be an ISO 4217 currency code such as USD, got %q", ctx, v))}
	}
	return nil
}

// checkPostalCode: "consisting of 3 to 9 alphanumeric characters, as well
// as spaces and dashes. The total length of the postal code cannot exceed
// 10 characters." (reference :3829, :4019). Non-ASCII letters are not
// alphanumeric here.
func checkPostalCode(ctx, v string) []Message {
	if n := len(v); n > 10 {
		return []Message{invalidData(ctx, subInvalidLength, fmt.Sprintf("%s cannot exceed 10 characters, got %d", ctx, n))}
	}
	stripped := strings.NewReplacer(" ", "", "-", "").Replace(v)
	for _, c := range stripped {
		if c > unicode.MaxASCII || !unicode.IsLetter(c) && !unicode.IsDigit(c) {
			return []Message{invalidData(ctx, subInvalid, fmt.Sprintf("%s may only contain letters, digits, spaces and dashes, got %q", ctx, v))}
		}
	}
	if n := len(stripped); n < 3 || n > 9 {
		return []Message{invalidData(ctx, subInvalidLength, fmt.Sprintf("%s must contain 3 to 9 letters or digits, got %d", ctx, n))}
	}
	return nil
}

func checkCountry(ctx, v string) []Message {
	if !iso.CountryCodes[v] {
		return []Message{invalidData(ctx, subInvalid, fmt.Sprintf("%s must be an upper-case 2-letter ISO 3166 country code, got %q", ctx, v))}
	}
	return nil
}

// checkState: for US and Canada the state must be the 2-letter state or
// province code (upper case); other countries accept any text.
func checkState(ctx, state, country string) []Message {
	codes, ok := iso.StateCodes[country]
	if !ok || codes[state] {
		return nil
	}
	return []Message{invalidData(ctx, subInvalid, fmt.Sprintf("%s must be a 2-letter %s state or province code, got %q", ctx, country, state))}
}

func checkTimezone(ctx, v string) []Message {
	if v == "Local" || v == "" {
		return []Message{invalidData(ctx, subInvalid, fmt.Sprintf("%s must be an IANA time zone ID such as America/New_York, got %q", ctx, v))}
	}
	if _, err := time.LoadLocation(v); err != nil {
		return []Message{invalidData(ctx, subInvalid, fmt.Sprintf("%s must be an IANA time zone ID such as America/New_York, got %q", ctx, v))}
	}
	return nil
}

// splitList splits a comma-delimited list, trimming spaces around entries.
func splitList(v string) []string {
	parts := strings.Split(v, ",")
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	return parts
}

// checkCIDRList: comma-delimited CIDR ranges. A bare IP (no /bits) is
// rejected; host bits may be set (the documented example uses
// 198.51.100.1/24).
func checkCIDRList(ctx, v string) []Message {
	for _, p := range splitList(v) {
		if _, err := netip.ParsePrefix(p); err != nil {
			return []Message{invalidData(ctx, subInvalid, fmt.Sprintf("%s must be a comma-delimited list of CIDR ranges such as 203.0.113.0/24; %q is not a CIDR range", ctx, p))}
		}
	}
	return nil
}

// checkURLList: comma-delimited absolute http(s) URLs, whole value at most
// 1024 characters.
func checkURLList(ctx, v string) []Message {
	if len(v) > maxEventsURLsLength {
		return []Message{invalidData(ctx, subInvalidLength, fmt.Sprintf("%s cannot exceed %d characters, got %d", ctx, maxEventsURLsLength, len(v)))}
	}
	for _, p := range splitList(v) {
		u, err := url.Parse(p)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.Hostname() == "" {
			return []Message{invalidData(ctx, subInvalid, fmt.Sprintf("%s must be a comma-delimited list of absolute http or https URLs; %q is not one", ctx, p))}
		}
	}
	return nil
}

// checkEnumList: comma-delimited list whose entries must all be in allowed.
func checkEnumList(ctx, v string, allowed []string) []Message {
	for _, p := range splitList(v) {
		ok := false
		for _, a := range allowed {
			if p == a {
				ok = true
				break
			}
		}
		if !ok {
			return []Message{invalidData(ctx, subInvalid, fmt.Sprintf("%s contains %q; allowed values are %s", ctx, p, strings.Join(allowed, ", ")))}
		}
	}
	return nil
}

// checkCountryList: comma-delimited ISO 3166 alpha-2 codes.
func checkCountryList(ctx, v string) []Message {
	for _, p := range splitList(v) {
		if !iso.CountryCodes[p] {
			return []Message{invalidData(ctx, subInvalid, fmt.Sprintf("%s contains %q, which is not an upper-case 2-letter ISO 3166 country code", ctx, p))}
		}
	}
	return nil
}
