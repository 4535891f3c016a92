package write

import (
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// PlanSatisfied reports whether state holds every known, non-null value
// of plan: whether an object read back after an unknown outcome is what
// the write asked for. Values unknown in the plan (computed) may be
// anything.
func PlanSatisfied(plan tfsdk.Plan, state tfsdk.State) bool {
	ok := true
	_ = tftypes.Walk(plan.Raw, func(p *tftypes.AttributePath, v tftypes.Value) (bool, error) {
		if !ok || !v.IsKnown() || v.IsNull() {
			return false, nil
		}
		if v.Type().Is(tftypes.Object{}) || v.Type().Is(tftypes.Map{}) || v.Type().Is(tftypes.List{}) ||
			v.Type().Is(tftypes.Set{}) || v.Type().Is(tftypes.Tuple{}) {
			if v.Type().Is(tftypes.Set{}) {
				got, _, err := tftypes.WalkAttributePath(state.Raw, p)
				if gv, isVal := got.(tftypes.Value); err != nil || !isVal || !gv.Equal(v) {
					ok = false
				}
				return false, nil
			}
			return true, nil
		}
		got, _, err := tftypes.WalkAttributePath(state.Raw, p)
		if gv, isVal := got.(tftypes.Value); err != nil || !isVal || !gv.Equal(v) {
			ok = false
		}
		return false, nil
	})
	return ok
}
