package validators

import (
	"context"
	"fmt"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Postal code shapes of the countries whose codes are checked against the
// country of the same address: US ZIP (12345 or ZIP+4 12345-6789) and
// Canadian postal codes (A1A 1A1, the space optional).
var postalShapes = map[string]struct {
	re      *regexp.Regexp
	example string
}{
	"US": {regexp.MustCompile(`^[0-9]{5}(-[0-9]{4})?$`), `"78756" or "78756-1234"`},
	"CA": {regexp.MustCompile(`^[ABCEGHJ-NPRSTVXY][0-9][ABCEGHJ-NPRSTV-Z] ?[0-9][ABCEGHJ-NPRSTV-Z][0-9]$`), `"M5X 1C9"`},
}

// CheckPostalCodeForCountry returns the problem with postal as a postal
// code of country (US and CA only; others are not checked), or "".
func CheckPostalCodeForCountry(country, postal string) string {
	sh, ok := postalShapes[country]
	if !ok || postal == "" || sh.re.MatchString(postal) {
		return ""
	}
	return fmt.Sprintf("%q is not a postal code of %s: use the form %s, or correct the country", postal, country, sh.example)
}

// postalForCountry checks a postal code against the country attribute of
// the same object (a sibling, named country).
type postalForCountry struct{ country string }

// PostalCodeForCountry validates a postal code against the sibling
// attribute named country (for example "country_code" in an address
// object, or "country" at the root): US ZIP codes for US, Canadian postal
// codes for CA. Unknown or unset countries are not checked.
func PostalCodeForCountry(country string) validator.String { return postalForCountry{country: country} }

func (v postalForCountry) Description(context.Context) string {
	return "a US ZIP code when " + v.country + " is US, a Canadian postal code when it is CA"
}

func (v postalForCountry) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v postalForCountry) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	var country types.String
	at := req.Path.ParentPath().AtName(v.country)
	if len(req.Path.ParentPath().Steps()) == 0 {
		at = path.Root(v.country)
	}
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, at, &country)...)
	if resp.Diagnostics.HasError() || country.IsNull() || country.IsUnknown() {
		return
	}
	if problem := CheckPostalCodeForCountry(country.ValueString(), req.ConfigValue.ValueString()); problem != "" {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid "+req.Path.String(), problem)
	}
}
