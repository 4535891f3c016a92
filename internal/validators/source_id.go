package validators

import (
	"fmt"
	"regexp"
	"unicode"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// MaxSourceIDLength is the longest source_id accepted. The Contact object
// gives no length for source_id; every other source_id in the reference
// (transactions, invoices) is "maximum length is 255 characters", so the
// same limit is applied.
const MaxSourceIDLength = 255

// uriScheme is RFC 3986's scheme grammar (the part before the first colon
// of a tag: URI, a urn: or the recommended "partnername:id").
var uriScheme = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]*$`)

// uuidText is RFC 4122's textual UUID form.
var uuidText = regexp.MustCompile(`^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$`)

// CheckSourceID returns the problem with s as a contact source_id, or "".
//
// The reference says a source_id "must conform to one of RFC 4151 (tag
// URIs), RFC 8141 (URNs), RFC 4122 (UUIDs)" and recommends the format
// "partnername:id" (MyPartner:contact-12345), which is none of those
// strictly. The common shape of all of them is accepted: a UUID, or
// `<scheme>:<rest>` with a URI scheme before the first colon and a
// non-empty rest, with no whitespace or control characters, at most 255
// characters.
func CheckSourceID(s string) string {
	if len(s) > MaxSourceIDLength {
		return fmt.Sprintf("is %d characters long; a source_id is at most %d", len(s), MaxSourceIDLength)
	}
	for _, r := range s {
		if unicode.IsSpace(r) || unicode.IsControl(r) {
			return fmt.Sprintf("%q contains whitespace or a control character, which a URI cannot contain", s)
		}
	}
	if uuidText.MatchString(s) {
		return ""
	}
	for i := 0; i < len(s); i++ {
		if s[i] == ':' {
			if uriScheme.MatchString(s[:i]) && i+1 < len(s) {
				return ""
			}
			break
		}
	}
	return fmt.Sprintf("%q is not a URI-based identifier: use `partnername:id` (for example \"MyPartner:contact-12345\"), "+
		"a tag: URI (RFC 4151), a urn: (RFC 8141) or a UUID (RFC 4122)", s)
}

// SourceID validates an external system's URI-based identifier (source_id).
func SourceID() validator.String {
	return NewString("a URI-based identifier such as `MyPartner:contact-12345`, a `tag:` URI, a `urn:` or a UUID, at most 255 characters", CheckSourceID)
}
