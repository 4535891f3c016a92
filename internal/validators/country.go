package validators

import (
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/iso"
)

// IsCountryCode reports whether s is an assigned ISO 3166-1 alpha-2 code
// in upper case ("US", "CA").
func IsCountryCode(s string) bool { return iso.CountryCodes[s] }

// CheckCountryCode returns the problem with s as a country code, or "".
func CheckCountryCode(s string) string {
	if IsCountryCode(s) {
		return ""
	}
	if IsCountryCode(strings.ToUpper(s)) {
		return fmt.Sprintf("%q must be upper case: use %q (2-letter ISO 3166-1 alpha-2 country code)", s, strings.ToUpper(s))
	}
	return fmt.Sprintf("%q is not a 2-letter ISO 3166-1 alpha-2 country code such as \"US\" or \"CA\"", s)
}

// CountryCode validates an upper-case ISO 3166-1 alpha-2 country code.
func CountryCode() validator.String {
	return NewString("an upper-case 2-letter ISO 3166-1 alpha-2 country code such as `US`", CheckCountryCode)
}
