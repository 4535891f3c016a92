package functions

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestCents(t *testing.T) {
	for _, tc := range []struct {
		amount, currency string
		want             int64
	}{
		{"1250.50", "USD", 125050},
		{"1250.5", "USD", 125050},
		{"1250", "USD", 125000},
		{"0.29", "USD", 29}, // 0.29 * 100 is 28.999999999999996 in float64
		{"0.01", "USD", 1},
		{"0", "USD", 0},
		{"007.10", "CAD", 710},
		{"1250", "JPY", 1250},
		{"1250.5", "KWD", 1250500},
		{"1.234", "BHD", 1234},
		{"1.0001", "CLF", 10001},
		{"92233720368547758.07", "USD", 9223372036854775807},
	} {
		got, err := Cents(tc.amount, tc.currency)
		if err != nil || got != tc.want {
			t.Errorf("Cents(%q, %q) = %d, %v; want %d", tc.amount, tc.currency, got, err, tc.want)
		}
	}
}

func TestCentsErrors(t *testing.T) {
	for _, tc := range []struct {
		amount, currency string
		arg              int64
		want             string
	}{
		{"1250.505", "USD", 0, "has 3 decimals, but USD amounts have at most 2 decimals"},
		{"12.5", "JPY", 0, "JPY amounts have no decimals"},
		{"1.23456", "CLF", 0, "at most 4 decimals"},
		{"", "USD", 0, "is not a decimal amount"},
		{"-5", "USD", 0, "is not a decimal amount"},
		{"+5", "USD", 0, "is not a decimal amount"},
		{"1,250.00", "USD", 0, "is not a decimal amount"},
		{"1e3", "USD", 0, "is not a decimal amount"},
		{" 12", "USD", 0, "is not a decimal amount"},
		{".5", "USD", 0, "is not a decimal amount"},
		{"5.", "USD", 0, "is not a decimal amount"},
		{"1.2.3", "USD", 0, "is not a decimal amount"},
		{"92233720368547758.08", "USD", 0, "is too large"},
		{"12", "usd", 1, `must be upper case: use "USD"`},
		{"12", "ZZZ", 1, "is not an ISO 4217 currency code"},
		{"12", "XAU", 1, "has no minor unit"},
		{"12", "", 1, "is not an ISO 4217 currency code"},
	} {
		_, err := Cents(tc.amount, tc.currency)
		if err == nil {
			t.Errorf("Cents(%q, %q): no error, want %q", tc.amount, tc.currency, tc.want)
			continue
		}
		if err.FunctionArgument == nil || *err.FunctionArgument != tc.arg || !strings.Contains(err.Text, tc.want) {
			t.Errorf("Cents(%q, %q) = error on argument %v: %q; want argument %d with %q", tc.amount, tc.currency, err.FunctionArgument, err.Text, tc.arg, tc.want)
		}
	}
}

// Run goes through the framework's argument handling.
func TestCentsRun(t *testing.T) {
	resp := function.RunResponse{Result: function.NewResultData(types.Int64Unknown())}
	centsFunction{}.Run(context.Background(), function.RunRequest{
		Arguments: function.NewArgumentsData([]attr.Value{types.StringValue("19.99"), types.StringValue("USD")}),
	}, &resp)
	if resp.Error != nil || !resp.Result.Value().Equal(types.Int64Value(1999)) {
		t.Fatalf("Run = %v, %v; want 1999", resp.Result.Value(), resp.Error)
	}
}
