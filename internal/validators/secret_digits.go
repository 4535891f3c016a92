package validators

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// CheckSecretDigits checks that s is minLen to maxLen ASCII digits with
// nothing else. The problem it returns never contains s or any part of it:
// it is meant for card numbers, CVVs, routing and bank account numbers,
// whose diagnostics Terraform prints and logs.
func CheckSecretDigits(s string, minLen, maxLen int) string {
	want := fmt.Sprintf("%d to %d digits", minLen, maxLen)
	if minLen == maxLen {
		want = fmt.Sprintf("exactly %d digits", minLen)
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return "must be " + want + " with no spaces, dashes or other characters (the value is not shown because it is sensitive)"
		}
	}
	if len(s) < minLen || len(s) > maxLen {
		return fmt.Sprintf("must be %s, got %d digits (the value is not shown because it is sensitive)", want, len(s))
	}
	return ""
}

// SecretDigits validates a sensitive number made of minLen to maxLen
// digits without ever echoing it in a diagnostic, unlike the framework's
// regular-expression validator, which prints the value it rejects.
func SecretDigits(minLen, maxLen int) validator.String {
	desc := fmt.Sprintf("%d to %d digits", minLen, maxLen)
	if minLen == maxLen {
		desc = fmt.Sprintf("exactly %d digits", minLen)
	}
	return NewString(desc, func(s string) string { return CheckSecretDigits(s, minLen, maxLen) })
}
