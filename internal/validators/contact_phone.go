package validators

import (
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// CheckContactPhoneNumber applies the Contact API's PhoneNumber.number rule
// ("The length must be 5-15 characters", and the API answers "must contain
// only digits" for anything else): 5 to 15 digits, nothing else. It returns
// the problem, with the digits-only spelling when the value only has
// formatting around its digits.
func CheckContactPhoneNumber(s string) string {
	var digits strings.Builder
	other := false
	for _, c := range s {
		switch {
		case c >= '0' && c <= '9':
			digits.WriteRune(c)
		case strings.ContainsRune(" -().+/", c):
			other = true
		default:
			return fmt.Sprintf("%q contains %q; a contact phone number is digits only, 5 to 15 of them (the extension goes in `extension`)", s, c)
		}
	}
	d := digits.String()
	switch {
	case other && len(d) >= 5 && len(d) <= 15:
		return fmt.Sprintf("%q has formatting; the API accepts digits only: write %q (no spaces, dashes, dots, parentheses or '+')", s, d)
	case other:
		return fmt.Sprintf("%q has formatting; the API accepts digits only, 5 to 15 of them", s)
	case len(d) < 5 || len(d) > 15:
		return fmt.Sprintf("%q has %d digits; a contact phone number has 5 to 15", s, len(d))
	}
	return ""
}

// ContactPhoneNumber validates a contact phone number: 5 to 15 digits.
func ContactPhoneNumber() validator.String {
	return NewString("5 to 15 digits, no formatting, such as `5125550100`", CheckContactPhoneNumber)
}
