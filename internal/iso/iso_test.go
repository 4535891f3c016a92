package iso

import (
	"strings"
	"testing"
)

func TestTables(t *testing.T) {
	if len(CountryCodes) != 249 {
		t.Errorf("%d country codes, want the 249 assigned ISO 3166-1 alpha-2 codes", len(CountryCodes))
	}
	for c := range CountryCodes {
		if len(c) != 2 || strings.ToUpper(c) != c {
			t.Errorf("code %q", c)
		}
	}
	for _, c := range []string{"US", "CA", "GB", "DE", "AX"} {
		if !CountryCodes[c] {
			t.Errorf("%s missing", c)
		}
	}
	for _, c := range []string{"UK", "us", "XX", ""} {
		if CountryCodes[c] {
			t.Errorf("%q accepted", c)
		}
	}
	if len(StateCodes["US"]) != 60 || len(StateCodes["CA"]) != 13 {
		t.Errorf("US %d CA %d", len(StateCodes["US"]), len(StateCodes["CA"]))
	}
	if !StateCodes["US"]["TX"] || !StateCodes["CA"]["QC"] || StateCodes["US"]["QC"] {
		t.Error("state tables wrong")
	}
}
