package validators

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestCheckCardNumber(t *testing.T) {
	runCheckCases(t, CheckCardNumber, []checkCase{
		// Every test card of the API reference passes.
		{"378282246310005", ""}, {"371449635398431", ""}, {"5105105105105100", ""}, {"5499740000000057", ""},
		{"30569309025904", ""}, {"38520000023237", ""}, {"6011000990139424", ""}, {"3530111333300000", ""},
		{"3566002020360505", ""}, {"4242424242424242", ""}, {"4012888888881881", ""}, {"4400000000000008", ""},
		{"4000000000000002", ""},
		// The reference's card_number_invalid card fails the Luhn check.
		{"4242424242424241", "Luhn"},
		{"4242424242424243", "Luhn"},
		{"4242 4242 4242 4242", "no spaces, dashes"},
		{"42424242424", "got 11 digits"},
		{"", "got 0 digits"},
	})
}

func TestCheckRoutingNumber(t *testing.T) {
	runCheckCases(t, CheckRoutingNumber, []checkCase{
		{"000000013", ""}, {"000000000", ""},
		{"011000015", ""}, // Federal Reserve Bank of Boston
		{"121000358", ""}, // Bank of America, California
		{"000000001", "check digit"},
		{"121000359", "check digit"},
		{"12100035", "exactly 9 digits, got 8"},
		{"12100035x", "no spaces, dashes"},
	})
}

// Neither validator ever repeats the number it rejects.
func TestPaymentNumbersNeverEchoValue(t *testing.T) {
	for _, tc := range []struct {
		v   func() string
		bad string
	}{
		{func() string {
			return strings.Join(validateString(t, CardNumber(), types.StringValue("4242424242424241")), "")
		}, "4242424242424241"},
		{func() string {
			return strings.Join(validateString(t, RoutingNumber(), types.StringValue("121000359")), "")
		}, "121000359"},
	} {
		got := tc.v()
		if got == "" {
			t.Fatalf("%s accepted", tc.bad)
		}
		for _, part := range []string{tc.bad, tc.bad[len(tc.bad)-4:], tc.bad[:6]} {
			if strings.Contains(got, part) {
				t.Errorf("diagnostic %q shows %q", got, part)
			}
		}
	}
}
