package validators

import (
	"strings"
	"testing"
)

func TestCheckSourceID(t *testing.T) {
	runCheckCases(t, CheckSourceID, []checkCase{
		{"MyPartner:contact-12345", ""},
		{"terraform:0b6f3a52-8d1c-4a7e-9f51-2b4c6d8e0a13", ""},
		{"tag:example.com,2005:contact/1", ""},
		{"urn:example:contact:1", ""},
		{"0b6f3a52-8d1c-4a7e-9f51-2b4c6d8e0a13", ""},
		{"partner+x.y-z:1", ""},
		{"contact-12345", "not a URI-based identifier"},
		{":contact", "not a URI-based identifier"},
		{"partner:", "not a URI-based identifier"},
		{"1partner:x", "not a URI-based identifier"},
		{"my partner:x", "whitespace"},
		{"partner:x\n", "whitespace"},
		{"p:" + strings.Repeat("x", 254), "at most 255"},
		{"", "not a URI-based identifier"},
	})
}
