package validators

import (
	"fmt"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// e164 is the reference's "E-164 format. Leading '+' is optional": an
// optional '+', then at most 15 digits, the first 1-9 (at least 2 digits).
var e164 = regexp.MustCompile(`^\+?[1-9][0-9]{1,14}$`)

// CheckE164Phone returns the problem with s as an E.164 phone number, or "".
func CheckE164Phone(s string) string {
	if e164.MatchString(s) {
		return ""
	}
	return fmt.Sprintf("%q is not an E.164 phone number: use an optional leading '+' then 2 to 15 digits, the first not 0, "+
		"with no spaces or punctuation (for example \"+12075550123\")", s)
}

// E164Phone validates a phone number in E.164 format, leading '+' optional.
func E164Phone() validator.String {
	return NewString("an E.164 phone number such as `+12075550123` (leading `+` optional, no punctuation)", CheckE164Phone)
}
