package validators

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/iso"
)

func CheckState(country, state string) string {
	codes, ok := iso.StateCodes[country]
	if !ok || state == "" || codes[state] {
		return ""
	}
	what := "US state"
	if country == "CA" {
		what = "Canadian province or territory"
	}
	if codes[strings.ToUpper(state)] {
		return fmt.Sprintf("%q must be upper case: use %q (2-letter %s code, required when country is %s)", state, strings.ToUpper(state), what, country)
	}
	return fmt.Sprintf("%q is not a 2-letter %s code such as %q; when country is %s the state must be its 2-letter code", state, what, map[string]string{"US": "ME", "CA": "ON"}[country], country)
}

// stateValidator checks a state against the country attribute of the same
// configuration. When the country is not configured (or not yet known) the
// check is left to the API, which knows the country already stored.
type stateValidator struct{ country path.Path }

// StateForCountry validates a state or province against the country held
// at countryPath: a 2-letter state code for US, province code for CA.
func StateForCountry(countryPath path.Path) validator.String {
	return stateValidator{country: countryPath}
}

func (v stateValidator) Description(context.Context) string {
	return "a 2-letter state or province code when " + v.country.String() + " is US or CA"
}

func (v stateValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v stateValidator) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	var country types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, v.country, &country)...)
	if resp.Diagnostics.HasError() || country.IsNull() || country.IsUnknown() {
		return
	}
	if problem := CheckState(country.ValueString(), req.ConfigValue.ValueString()); problem != "" {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid "+req.Path.String(), problem)
	}
}
