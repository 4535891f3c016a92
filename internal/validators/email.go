package validators

import (
	"fmt"
	"net/mail"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// emailShape additionally requires a dot in the domain, which net/mail does
// not (it accepts "a@b"), and no whitespace.
var emailShape = regexp.MustCompile(`^[^@\s]+@[^@\s]+\.[^@\s.]+$`)

// CheckEmail returns the problem with s as a bare email address, or "".
// Display names ("Jane <jane@example.com>") are refused.
func CheckEmail(s string) string {
	a, err := mail.ParseAddress(s)
	if err == nil && a.Name == "" && a.Address == s && emailShape.MatchString(s) {
		return ""
	}
	return fmt.Sprintf("%q is not an email address like name@example.com", s)
}

// Email validates a bare email address (name@example.com).
func Email() validator.String {
	return NewString("an email address such as `name@example.com`", CheckEmail)
}
