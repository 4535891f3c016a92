package validators

import "testing"

func TestCheckCurrencyCode(t *testing.T) {
	runCheckCases(t, CheckCurrencyCode, []checkCase{
		{"USD", ""},
		{"CAD", ""},
		{"usd", "must be upper case"},
		{"US", "not an ISO 4217"},
		{"USDX", "not an ISO 4217"},
		{"U$D", "not an ISO 4217"},
		{"", "not an ISO 4217"},
	})
}
