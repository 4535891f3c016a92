package validators

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestCheckCountryCode(t *testing.T) {
	runCheckCases(t, CheckCountryCode, []checkCase{
		{"US", ""}, {"CA", ""}, {"GB", ""}, {"ZW", ""},
		{"us", `use "US"`},
		{"UK", "not a 2-letter ISO 3166-1 alpha-2"},
		{"USA", "not a 2-letter"},
		{"", "not a 2-letter"},
		{"XX", "not a 2-letter"},
	})
}

func TestCountryCodeValidator(t *testing.T) {
	if errs := validateString(t, CountryCode(), types.StringValue("FR")); len(errs) != 0 {
		t.Errorf("FR: %v", errs)
	}
	if errs := validateString(t, CountryCode(), types.StringValue("France")); len(errs) != 1 {
		t.Errorf("France: got %v, want one error", errs)
	}
	for _, v := range []types.String{types.StringNull(), types.StringUnknown()} {
		if errs := validateString(t, CountryCode(), v); len(errs) != 0 {
			t.Errorf("%v: %v", v, errs)
		}
	}
}
