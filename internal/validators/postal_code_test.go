package validators

import "testing"

func TestCheckPostalCode(t *testing.T) {
	runCheckCases(t, CheckPostalCode, []checkCase{
		{"04401", ""},
		{"04401-1234", ""},
		{"K1A 0B1", ""},
		{"SW1A 1AA", ""},
		{"123", ""},
		{"123456789", ""},
		{"12", "must have 3 to 9"},
		{"1-2", "must have 3 to 9"},
		{"1234567890", "must have 3 to 9"},
		{"12345-67890", "cannot exceed 10 characters"},
		{"044_01", "may only contain letters, digits, spaces and dashes"},
		{"04401.", "may only contain"},
		{"", "must have 3 to 9"},
	})
}
