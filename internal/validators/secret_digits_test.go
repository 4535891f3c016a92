package validators

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestCheckSecretDigits(t *testing.T) {
	card := func(s string) string { return CheckSecretDigits(s, 12, 19) }
	runCheckCases(t, card, []checkCase{
		{"4242424242424242", ""},
		{"378282246310005", ""},
		{"30569309025904", ""},
		{"4242424242424241", ""}, // the reference's card_number_invalid test card: left to the API
		{"4242 4242 4242 4242", "no spaces, dashes"},
		{"4242-4242-4242-4242", "no spaces, dashes"},
		{"42424242424", "12 to 19 digits, got 11 digits"},
		{"42424242424242424242", "got 20 digits"},
		{"", "got 0 digits"},
		{"４２４２４２４２４２４２", "no spaces"}, // full-width digits are not ASCII digits
	})
	routing := func(s string) string { return CheckSecretDigits(s, 9, 9) }
	runCheckCases(t, routing, []checkCase{
		{"000000013", ""},
		{"00000013", "exactly 9 digits, got 8"},
	})
}

// The diagnostic never contains the rejected value or a part of it.
func TestSecretDigitsNeverEchoesValue(t *testing.T) {
	for _, bad := range []string{"4242 4242 4242 4242", "424242424242424242424242", "98765x"} {
		errs := validateString(t, SecretDigits(12, 19), types.StringValue(bad))
		if len(errs) != 1 {
			t.Fatalf("%q: errors %v", bad, errs)
		}
		for _, part := range []string{bad, "4242", "98765"} {
			if strings.Contains(bad, part) && strings.Contains(errs[0], part) {
				t.Errorf("%q: diagnostic %q shows %q", bad, errs[0], part)
			}
		}
		if !strings.Contains(errs[0], "attr") {
			t.Errorf("diagnostic %q does not name the attribute", errs[0])
		}
	}
	if errs := validateString(t, SecretDigits(3, 4), types.StringUnknown()); len(errs) != 0 {
		t.Errorf("unknown value: %v", errs)
	}
}
