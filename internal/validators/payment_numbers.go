package validators

import "github.com/hashicorp/terraform-plugin-framework/schema/validator"

// CheckCardNumber checks a card number: 12 to 19 ASCII digits that pass
// the Luhn check, as every issued card number does. Like CheckSecretDigits,
// the problem never contains the number or any part of it.
func CheckCardNumber(s string) string {
	if p := CheckSecretDigits(s, 12, 19); p != "" {
		return p
	}
	if !luhnValid(s) {
		return "is not a valid card number: it fails the Luhn check digit test, so it has a typo " +
			"(the value is not shown because it is sensitive)"
	}
	return ""
}

// CardNumber validates a sensitive card number (digits and Luhn check
// digit) without echoing it.
func CardNumber() validator.String {
	return NewString("12 to 19 digits with a valid Luhn check digit", CheckCardNumber)
}

// CheckRoutingNumber checks an ABA routing number: 9 ASCII digits whose
// weighted sum (weights 3, 7, 1 repeated) is a multiple of 10. The
// reference's test routing numbers 000000000 and 000000013 pass. The
// problem never contains the number.
func CheckRoutingNumber(s string) string {
	if p := CheckSecretDigits(s, 9, 9); p != "" {
		return p
	}
	weights := [3]int{3, 7, 1}
	sum := 0
	for i, c := range s {
		sum += int(c-'0') * weights[i%3]
	}
	if sum%10 != 0 {
		return "is not a valid ABA routing number: its check digit is wrong, so it has a typo " +
			"(the value is not shown because it is sensitive)"
	}
	return ""
}

// RoutingNumber validates a sensitive ABA routing number without echoing it.
func RoutingNumber() validator.String {
	return NewString("exactly 9 digits with a valid ABA check digit", CheckRoutingNumber)
}

// luhnValid reports whether the digits in s pass the Luhn (mod 10) check.
func luhnValid(s string) bool {
	sum := 0
	double := false
	for i := len(s) - 1; i >= 0; i-- {
		d := int(s[i] - '0')
		if double {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
		double = !double
	}
	return sum%10 == 0
}
