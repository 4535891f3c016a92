package functions

import (
	"context"
	"fmt"
	"math"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/function"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/iso"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/validators"
)

var _ function.Function = centsFunction{}

// NewCentsFunction is the cents function.
func NewCentsFunction() function.Function { return centsFunction{} }

type centsFunction struct{}

func (centsFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "cents"
}

func (centsFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "Converts a decimal amount such as \"1250.50\" to the integer minor units the API expects",
		MarkdownDescription: "Converts an exact decimal amount written as a string, such as `\"1250.50\"`, to the whole number of the " +
			"currency's smallest unit that AffiniPay amounts are given in (`125050` cents for USD, `1250` for `\"1250\"` JPY, " +
			"`1250500` for `\"1250.5\"` KWD). The conversion is exact: no floating point is involved, so `\"0.29\"` is always `29`. " +
			"The number of decimals allowed is the currency's ISO 4217 minor unit (2 for USD, 0 for JPY, 3 for KWD); " +
			"an amount with more decimals is refused rather than rounded. Write the amount as a string: a Terraform number " +
			"such as `1250.5` is converted to a string by Terraform first, which is exact for such values.",
		Parameters: []function.Parameter{
			function.StringParameter{
				Name: "amount",
				MarkdownDescription: "The amount: one or more digits, optionally followed by `.` and at most as many digits as the " +
					"currency has decimals (`\"12\"`, `\"12.5\"`, `\"12.50\"`). No sign, spaces, thousands separators or exponent.",
			},
			function.StringParameter{
				Name:                "currency",
				MarkdownDescription: "The ISO 4217 currency code, upper case, such as `\"USD\"`.",
			},
		},
		Return: function.Int64Return{},
	}
}

func (centsFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var amount, currency string
	resp.Error = function.ConcatFuncErrors(resp.Error, req.Arguments.Get(ctx, &amount, &currency))
	if resp.Error != nil {
		return
	}
	n, err := Cents(amount, currency)
	if err != nil {
		resp.Error = function.ConcatFuncErrors(resp.Error, err)
		return
	}
	resp.Error = function.ConcatFuncErrors(resp.Error, resp.Result.Set(ctx, n))
}

// Cents converts an exact decimal amount to minor units of currency. The
// error names the argument at fault (0 amount, 1 currency).
func Cents(amount, currency string) (int64, *function.FuncError) {
	digits, ok := iso.MinorUnits(currency)
	if !ok {
		msg := validators.CheckCurrencyCode(currency)
		if msg == "" { // an ISO code whose minor unit is N.A.
			msg = fmt.Sprintf("%q has no minor unit in ISO 4217 (funds, precious metals and testing codes are not counted in a smallest unit)", currency)
		}
		return 0, function.NewArgumentFuncError(1, "Invalid currency: "+msg)
	}
	whole, frac, hasPoint := strings.Cut(amount, ".")
	if amount == "" || whole == "" || (hasPoint && frac == "") || !allDigits(whole) || !allDigits(frac) {
		return 0, function.NewArgumentFuncError(0, fmt.Sprintf("Invalid amount: %q is not a decimal amount: write digits, optionally "+
			"followed by a point and decimals, such as \"1250\" or \"1250.50\" (no sign, spaces, thousands separators or exponent)", amount))
	}
	if len(frac) > digits {
		what := fmt.Sprintf("at most %d decimals", digits)
		if digits == 0 {
			what = "no decimals"
		}
		return 0, function.NewArgumentFuncError(0, fmt.Sprintf("Invalid amount: %q has %d decimals, but %s amounts have %s "+
			"(its smallest unit is 1/%d): the amount is refused rather than rounded", amount, len(frac), currency, what, pow10(digits)))
	}
	frac += strings.Repeat("0", digits-len(frac))
	var n int64
	for _, c := range whole + frac {
		d := int64(c - '0')
		if n > (math.MaxInt64-d)/10 {
			return 0, function.NewArgumentFuncError(0, fmt.Sprintf("Invalid amount: %q is too large: in minor units of %s it exceeds %d", amount, currency, int64(math.MaxInt64)))
		}
		n = n*10 + d
	}
	return n, nil
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func pow10(n int) int64 {
	p := int64(1)
	for ; n > 0; n-- {
		p *= 10
	}
	return p
}
