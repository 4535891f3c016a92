package framework

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
type ActionBase struct{ Data *ProviderData }

func (a *ActionBase) Configure(_ context.Context, req action.ConfigureRequest, resp *action.ConfigureResponse) {
	a.Data = ProviderDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (a *ActionBase) Configured(diags *diag.Diagnostics) bool {
	if a.Data == nil || a.Data.Client == nil {
		diags.AddError("Provider not configured", "The AffiniPay provider was not configured before the action ran; this is a bug in the provider.")
		return false
	}
	return true
}

// progress sends a progress message when Terraform listens for them.
func Progress(resp *action.InvokeResponse, format string, args ...any) {
	if resp.SendProgress != nil {
		resp.SendProgress(action.InvokeProgressEvent{Message: fmt.Sprintf(format, args...)})
	}
}
