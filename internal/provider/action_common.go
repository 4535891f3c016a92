package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// Shared plumbing of the actions (Terraform 1.14+: `terraform apply
// -invoke=action.<type>.<name>` or an `action_trigger` in a resource's
// lifecycle).

// actionBase holds the provider data of an action.
type actionBase struct{ data *ProviderData }

func (a *actionBase) Configure(_ context.Context, req action.ConfigureRequest, resp *action.ConfigureResponse) {
	a.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (a *actionBase) configured(diags *diag.Diagnostics) bool {
	if a.data == nil || a.data.Client == nil {
		diags.AddError("Provider not configured", "The AffiniPay provider was not configured before the action ran; this is a bug in the provider.")
		return false
	}
	return true
}

// progress sends a progress message when Terraform listens for them.
func progress(resp *action.InvokeResponse, format string, args ...any) {
	if resp.SendProgress != nil {
		resp.SendProgress(action.InvokeProgressEvent{Message: fmt.Sprintf(format, args...)})
	}
}
