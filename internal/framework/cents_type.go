package framework

// A whole-number Int64 attribute type for amounts in the currency's
// smallest unit. The framework's Int64 type cannot hold 12.5 and reports a
// "Value Conversion Error ... This is always an error in the provider"
// without naming the attribute; this type accepts any number from the
// configuration and reports a fraction as a clear error on the attribute.

import (
	"context"
	"fmt"
	"math/big"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/attr/xattr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

var (
	_ basetypes.Int64Typable      = CentsType{}
	_ basetypes.Int64Valuable     = CentsValue{}
	_ xattr.ValidateableAttribute = CentsValue{}
)

// centsType is an Int64 type whose values may come from a configuration
// holding a fractional number.
type CentsType struct{ basetypes.Int64Type }

func (t CentsType) Equal(o attr.Type) bool { _, ok := o.(CentsType); return ok }
func (t CentsType) String() string         { return "centsType" }

func (t CentsType) ValueFromInt64(_ context.Context, in basetypes.Int64Value) (basetypes.Int64Valuable, diag.Diagnostics) {
	return CentsValue{Int64Value: in}, nil
}

func (t CentsType) ValueFromTerraform(ctx context.Context, in tftypes.Value) (attr.Value, error) {
	if in.IsKnown() && !in.IsNull() && in.Type().Is(tftypes.Number) {
		var f big.Float
		if err := in.As(&f); err == nil && !f.IsInt() {
			return CentsValue{Int64Value: basetypes.NewInt64Unknown(), fraction: f.Text('f', -1)}, nil
		}
	}
	v, err := t.Int64Type.ValueFromTerraform(ctx, in)
	if err != nil {
		return nil, err
	}
	iv, ok := v.(basetypes.Int64Value)
	if !ok {
		return nil, fmt.Errorf("unexpected value type %T", v)
	}
	return CentsValue{Int64Value: iv}, nil
}

func (t CentsType) ValueType(context.Context) attr.Value { return CentsValue{} }

// centsValue is an Int64 value; fraction is set (and the value unknown)
// when the configuration held a number that is not whole.
type CentsValue struct {
	basetypes.Int64Value
	fraction string
}

func CentsOf(v basetypes.Int64Value) CentsValue { return CentsValue{Int64Value: v} }

func (v CentsValue) Type(context.Context) attr.Type { return CentsType{} }

func (v CentsValue) Equal(o attr.Value) bool {
	other, ok := o.(CentsValue)
	return ok && other.fraction == v.fraction && v.Int64Value.Equal(other.Int64Value)
}

func (v CentsValue) ValidateAttribute(_ context.Context, req xattr.ValidateAttributeRequest, resp *xattr.ValidateAttributeResponse) {
	if v.fraction == "" {
		return
	}
	resp.Diagnostics.AddAttributeError(req.Path, "Invalid "+req.Path.String(),
		fmt.Sprintf("%s must be a whole number in the currency's smallest unit (cents for USD), got %s. "+
			"For example 12.50 dollars is written 1250.", req.Path, v.fraction))
}

// recurringMaxAmount is the reference's maximum amount, 10^14 - 1.
const RecurringMaxAmount int64 = 100_000_000_000_000 - 1
