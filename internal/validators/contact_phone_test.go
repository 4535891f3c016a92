package validators

import (
	"strings"
	"testing"
)

func TestCheckContactPhoneNumber(t *testing.T) {
	runCheckCases(t, CheckContactPhoneNumber, []checkCase{
		{"5125550100", ""},
		{"12345", ""},
		{"123456789012345", ""},
		{"(512) 555-0100", `write "5125550100"`},
		{"512-555-0100", `write "5125550100"`},
		{"+1 512.555.0100", `write "15125550100"`},
		{"1234", "has 4 digits"},
		{"1234567890123456", "has 16 digits"},
		{"555-CALL", `contains 'C'`},
		{"12-3", "digits only, 5 to 15"},
	})
}

func TestCheckPostalCodeForCountry(t *testing.T) {
	cases := []struct{ country, postal, want string }{
		{"US", "78756", ""},
		{"US", "78756-1234", ""},
		{"US", "SW1A 1AA", "not a postal code of US"},
		{"US", "7875", "not a postal code of US"},
		{"CA", "M5X 1C9", ""},
		{"CA", "M5X1C9", ""},
		{"CA", "78756", "not a postal code of CA"},
		{"GB", "SW1A 1AA", ""},
		{"GB", "78756", ""},
	}
	for _, c := range cases {
		got := CheckPostalCodeForCountry(c.country, c.postal)
		if (c.want == "") != (got == "") || (c.want != "" && !strings.Contains(got, c.want)) {
			t.Errorf("CheckPostalCodeForCountry(%q, %q) = %q, want %q", c.country, c.postal, got, c.want)
		}
	}
}
