// Package iso holds the country, subdivision and currency code tables that both the
// provider's validators and the sandbox check against, so the two never
// disagree about what the API reference's "2-letter ISO 3166 country code"
// and "2-letter state or province code" accept.
package iso

import "strings"

// iso3166Alpha2 lists the officially assigned ISO 3166-1 alpha-2 codes (249).
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

// iso4217Alpha lists the active ISO 4217 alphabetic currency codes
// (List One), funds and precious-metal codes included, XXX and XTS included
// as the standard assigns them.
const iso4217Alpha = `
AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB
BOV BRL BSD BTN BWP BYN BZD CAD CDF CHE CHF CHW CLF CLP CNY COP COU CRC CUC
CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF
GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF
KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU
MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR
PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD SSP
STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD USN UYI UYU
UYW UZS VED VES VND VUV WST XAF XAG XAU XBA XBB XBC XBD XCD XCG XDR XOF XPD
XPF XPT XSU XTS XUA XXX YER ZAR ZMW ZWG ZWL
`

// usStates: the 50 states, DC, the inhabited territories and the military
// "states" (AA, AE, AP) accepted by USPS.
const usStates = `
AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO
MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY
DC AS GU MP PR VI UM AA AE AP
`

// caProvinces: Canada's provinces and territories.
const caProvinces = `AB BC MB NB NL NS NT NU ON PE QC SK YT`

func codeSet(list string) map[string]bool {
	m := map[string]bool{}
	for _, c := range strings.Fields(list) {
		m[c] = true
	}
	return m
}

var (
	// CurrencyCodes is the set of ISO 4217 alphabetic currency codes.
	CurrencyCodes = codeSet(iso4217Alpha)
	// CountryCodes is the set of assigned ISO 3166-1 alpha-2 codes, upper case.
	CountryCodes = codeSet(iso3166Alpha2)
	// StateCodes holds, for the countries whose state must be a 2-letter
	// code (the reference: "For US and Canada"), the valid codes.
	StateCodes = map[string]map[string]bool{
		"US": codeSet(usStates),
		"CA": codeSet(caProvinces),
	}
)
