package provider

import (
	"context"
	"errors"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/client"
)

// A create whose outcome stays unknown (the request may have reached the
// API, and the lookup by source_id could not tell, for example because
// Terraform was interrupted and the API did not answer within the grace
// period) is recorded in state with an unsettled ID, "unsettled:" followed
// by the source_id the request carried, instead of being forgotten: the
// next refresh looks the object up by that source_id and either records its
// real ID or removes the resource from state, so the following apply adopts
// the object (never creating a second one) or creates it.
const unsettledIDPrefix = "unsettled:"

func unsettledID(sourceID string) string { return unsettledIDPrefix + sourceID }

// unsettledSourceID returns the source_id of an unsettled ID.
func unsettledSourceID(id string) (string, bool) {
	return strings.CutPrefix(id, unsettledIDPrefix)
}

// createOutcomeUnknown reports whether a failed create may nevertheless
// have created the object: anything but an API error below 500 and a
// request that was never sent.
func createOutcomeUnknown(err error) bool {
	if errors.Is(err, client.ErrNotSent) {
		return false
	}
	var apiErr *client.APIError
	if !errors.As(err, &apiErr) {
		return true
	}
	return apiErr.StatusCode >= 500
}

// setUnsettledState writes the planned values into state, with unknown
// values as null, the unsettled ID and the source_id. Terraform saves it
// (tainted, since the create reports an error).
func setUnsettledState(ctx context.Context, plan tfsdk.Plan, state *tfsdk.State, sourceID string) diag.Diagnostics {
	var diags diag.Diagnostics
	raw, err := tftypes.Transform(plan.Raw, func(_ *tftypes.AttributePath, v tftypes.Value) (tftypes.Value, error) {
		if !v.IsKnown() {
			return tftypes.NewValue(v.Type(), nil), nil
		}
		return v, nil
	})
	if err != nil {
		diags.AddError("Error recording the unsettled create", err.Error())
		return diags
	}
	state.Raw = raw
	diags.Append(state.SetAttribute(ctx, path.Root("id"), unsettledID(sourceID))...)
	diags.Append(state.SetAttribute(ctx, path.Root("source_id"), sourceID)...)
	return diags
}
