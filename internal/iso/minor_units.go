package iso

import "strings"

// ISO 4217 minor units: how many decimal places an amount in the currency
// has (the exponent of its smallest unit). Every code of CurrencyCodes is
// in exactly one of the lists below; the funds, precious-metal and testing
// codes that ISO 4217 lists with "N.A." minor units (XAU, XDR, XTS, ...)
// have none and are in noMinorUnits.

// minorUnits0 have no decimals (1 JPY is the smallest unit).
const minorUnits0 = `BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF`

// minorUnits3 have three decimals (1 KWD = 1000 fils).
const minorUnits3 = `BHD IQD JOD KWD LYD OMR TND`

// minorUnits4 have four decimals.
const minorUnits4 = `CLF UYW`

// noMinorUnits are the ISO 4217 codes whose minor unit is "N.A.": they are
// not amounts of money that can be counted in a smallest unit.
const noMinorUnits = `XAG XAU XBA XBB XBC XBD XDR XPD XPT XSU XTS XUA XXX`

var minorUnitsTable = func() map[string]int {
	m := map[string]int{}
	for c := range CurrencyCodes {
		m[c] = 2
	}
	for exp, list := range map[int]string{0: minorUnits0, 3: minorUnits3, 4: minorUnits4} {
		for _, c := range strings.Fields(list) {
			m[c] = exp
		}
	}
	for _, c := range strings.Fields(noMinorUnits) {
		delete(m, c)
	}
	return m
}()

// MinorUnits returns the number of decimal places of an ISO 4217 currency
// (2 for USD, 0 for JPY, 3 for KWD). ok is false for a code that is not in
// the table or whose minor unit ISO 4217 gives as "N.A." (XAU, XTS, ...).
func MinorUnits(code string) (digits int, ok bool) {
	digits, ok = minorUnitsTable[code]
	return digits, ok
}

// HasNoMinorUnits reports an ISO 4217 code whose minor unit is "N.A.".
func HasNoMinorUnits(code string) bool {
	return CurrencyCodes[code] && strings.Contains(" "+noMinorUnits+" ", " "+code+" ")
}
