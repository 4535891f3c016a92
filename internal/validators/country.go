package validators

import (
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// iso3166Alpha2 lists the officially assigned ISO 3166-1 alpha-2 codes
// (249). The API reference asks for "2-letter ISO 3166 country code"s; we
// accept exactly the officially assigned ones, upper case, as the API does.
const iso3166Alpha2 = `
AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ
BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ
CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ
DE DJ DK DM DO DZ
EC EE EG EH ER ES ET
FI FJ FK FM FO FR
GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY
HK HM HN HR HT HU
ID IE IL IM IN IO IQ IR IS IT
JE JM JO JP
KE KG KH KI KM KN KP KR KW KY KZ
LA LB LC LI LK LR LS LT LU LV LY
MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ
NA NC NE NF NG NI NL NO NP NR NU NZ
OM
PA PE PF PG PH PK PL PM PN PR PS PT PW PY
QA
RE RO RS RU RW
SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ
TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ
UA UG UM US UY UZ
VA VC VE VG VI VN VU
WF WS
YE YT
ZA ZM ZW
`

func codeSet(list string) map[string]bool {
	m := map[string]bool{}
	for _, c := range strings.Fields(list) {
		m[c] = true
	}
	return m
}

var countryCodes = codeSet(iso3166Alpha2)

// IsCountryCode reports whether s is an assigned ISO 3166-1 alpha-2 code
// in upper case ("US", "CA").
func IsCountryCode(s string) bool { return countryCodes[s] }

// CheckCountryCode returns the problem with s as a country code, or "".
func CheckCountryCode(s string) string {
	if IsCountryCode(s) {
		return ""
	}
	if IsCountryCode(strings.ToUpper(s)) {
		return fmt.Sprintf("%q must be upper case: use %q (2-letter ISO 3166-1 alpha-2 country code)", s, strings.ToUpper(s))
	}
	return fmt.Sprintf("%q is not a 2-letter ISO 3166-1 alpha-2 country code such as \"US\" or \"CA\"", s)
}

// CountryCode validates an upper-case ISO 3166-1 alpha-2 country code.
func CountryCode() validator.String {
	return NewString("an upper-case 2-letter ISO 3166-1 alpha-2 country code such as `US`", CheckCountryCode)
}
