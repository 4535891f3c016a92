package validators

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// CheckPostalCode applies the reference's rule for merchant.postal_code:
// "consisting of 3 to 9 alphanumeric characters, as well as spaces and
// dashes. The total length of the postal code cannot exceed 10 characters."
// It returns the problem, or "".
func CheckPostalCode(s string) string {
	if len(s) > 10 {
		return fmt.Sprintf("%q is %d characters long; a postal code cannot exceed 10 characters", s, len(s))
	}
	alnum := 0
	for _, c := range s {
		switch {
		case c >= '0' && c <= '9', c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
			alnum++
		case c == ' ' || c == '-':
		default:
			return fmt.Sprintf("%q contains %q; a postal code may only contain letters, digits, spaces and dashes", s, c)
		}
	}
	if alnum < 3 || alnum > 9 {
		return fmt.Sprintf("%q has %d letters or digits; a postal code must have 3 to 9", s, alnum)
	}
	return ""
}

// PostalCode validates a zip or postal code (3-9 letters or digits plus
// spaces and dashes, at most 10 characters).
func PostalCode() validator.String {
	return NewString("3 to 9 letters or digits, plus spaces and dashes, at most 10 characters", CheckPostalCode)
}
