package validators

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

var currencyShape = regexp.MustCompile(`^[A-Z]{3}$`)

// CheckCurrencyCode returns the problem with s as an ISO 4217 alphabetic
// currency code (three upper-case letters, such as USD), or "". The
// reference asks for "the ISO 4217 code" with at most 3 characters; the
// shape is checked, not membership in the (changing) list of currencies.
func CheckCurrencyCode(s string) string {
	if currencyShape.MatchString(s) {
		return ""
	}
	if currencyShape.MatchString(strings.ToUpper(s)) {
		return fmt.Sprintf("%q must be upper case: use %q (ISO 4217 currency code)", s, strings.ToUpper(s))
	}
	return fmt.Sprintf("%q is not an ISO 4217 currency code: use three upper-case letters such as \"USD\"", s)
}

// CurrencyCode validates an ISO 4217 alphabetic currency code (USD).
func CurrencyCode() validator.String {
	return NewString("an ISO 4217 currency code such as `USD`", CheckCurrencyCode)
}
