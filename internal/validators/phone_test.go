package validators

import "testing"

func TestCheckE164Phone(t *testing.T) {
	runCheckCases(t, CheckE164Phone, []checkCase{
		{"9876543210", ""},
		{"+12075550123", ""},
		{"+442071838750", ""},
		{"+123456789012345", ""},
		{"+1234567890123456", "not an E.164"},
		{"0123456789", "not an E.164"},
		{"+1 207 555 0123", "not an E.164"},
		{"(207) 555-0123", "not an E.164"},
		{"++12075550123", "not an E.164"},
		{"+", "not an E.164"},
		{"1", "not an E.164"},
		{"", "not an E.164"},
	})
}
