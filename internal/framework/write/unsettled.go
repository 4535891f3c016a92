package write

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// A create whose outcome stays unknown is recorded in state with an
// unsettled ID, "unsettled:" followed by the key its lookup needs (the
// source_id the request carried, or for a payment method the contact and
// the masked details of the card or bank), instead of being forgotten.
//
// It is recorded WITHOUT an error, with a warning: Terraform taints every
// resource whose create returns an error, and a tainted record is
// replaced on the next apply (the real object cancelled or deleted, a new
// one created). Recorded untainted, the next refresh looks the object up
// and records its real ID in place, so the next plan is empty or an
// in-place update. The trade-off: the apply that hit the failure exits 0
// with a warning, and a resource that refers to the unsettled object's id
// in that same apply sees the unsettled ID (its request is refused by the
// API; nothing is written twice). If the refresh finds no object, the
// record is removed and the next plan creates it.
const unsettledPrefix = "unsettled:"

// UnsettledID is the ID recorded for an unsettled create.
func UnsettledID(key string) string { return unsettledPrefix + key }

// UnsettledKey returns the key of an unsettled ID.
func UnsettledKey(id string) (string, bool) {
	return strings.CutPrefix(id, unsettledPrefix)
}

// RecordUnsettled writes the planned values into state, with unknown
// values as null, then id = UnsettledID(key) and each of set (attribute
// name -> value, such as the source_id the request carried).
func RecordUnsettled(ctx context.Context, plan tfsdk.Plan, state *tfsdk.State, key string, set map[string]any) diag.Diagnostics {
	var diags diag.Diagnostics
	raw, err := tftypes.Transform(plan.Raw, func(_ *tftypes.AttributePath, v tftypes.Value) (tftypes.Value, error) {
		if !v.IsKnown() {
			return tftypes.NewValue(v.Type(), nil), nil
		}
		return v, nil
	})
	if err != nil {
		diags.AddError("Unable to record the unsettled create", err.Error())
		return diags
	}
	state.Raw = raw
	diags.Append(state.SetAttribute(ctx, path.Root("id"), UnsettledID(key))...)
	for name, v := range set {
		diags.Append(state.SetAttribute(ctx, path.Root(name), v)...)
	}
	return diags
}
