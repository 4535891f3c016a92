package validators

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/iso"
)

var currencyShape = regexp.MustCompile(`^[A-Z]{3}$`)

// CheckCurrencyCode returns the problem with s as an ISO 4217 alphabetic
// currency code (three upper-case letters, such as USD), or "". The
// reference asks for "the ISO 4217 code": membership in the ISO 4217 table
// (internal/iso) is checked, so "XYZ" or "ZZZ" is refused at plan time.
func CheckCurrencyCode(s string) string {
	if iso.CurrencyCodes[s] {
		return ""
	}
	if currencyShape.MatchString(s) {
		return fmt.Sprintf("%q is not an ISO 4217 currency code (three upper-case letters such as \"USD\", \"CAD\", \"EUR\")", s)
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
