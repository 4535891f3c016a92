package iso

import (
	"strings"
	"testing"
)

func TestMinorUnits(t *testing.T) {
	for code, want := range map[string]int{
		"USD": 2, "EUR": 2, "CAD": 2, "GBP": 2, "JPY": 0, "KRW": 0, "ISK": 0, "CLP": 0,
		"KWD": 3, "BHD": 3, "TND": 3, "CLF": 4, "UYW": 4, "MGA": 2, "XCG": 2,
	} {
		got, ok := MinorUnits(code)
		if !ok || got != want {
			t.Errorf("MinorUnits(%q) = %d, %v; want %d, true", code, got, ok, want)
		}
	}
	for _, code := range []string{"XAU", "XTS", "XXX", "XDR", "usd", "ABC", ""} {
		if got, ok := MinorUnits(code); ok {
			t.Errorf("MinorUnits(%q) = %d, true; want not ok", code, got)
		}
	}
}

// Every code of the lists is a current ISO 4217 code, and every currency
// code is either counted in minor units or listed as N.A.
func TestMinorUnitsCoverCurrencyCodes(t *testing.T) {
	for _, list := range []string{minorUnits0, minorUnits3, minorUnits4, noMinorUnits} {
		for _, c := range strings.Fields(list) {
			if !CurrencyCodes[c] {
				t.Errorf("%s is in a minor-units list but not in CurrencyCodes", c)
			}
		}
	}
	for c := range CurrencyCodes {
		_, ok := MinorUnits(c)
		if ok == HasNoMinorUnits(c) {
			t.Errorf("%s: MinorUnits ok=%v, HasNoMinorUnits=%v; want exactly one", c, ok, HasNoMinorUnits(c))
		}
	}
}
