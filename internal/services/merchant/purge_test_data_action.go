package merchant

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/client"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/framework"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/framework/write"
)

var (
	_ action.Action              = (*purgeTestDataAction)(nil)
	_ action.ActionWithConfigure = (*purgeTestDataAction)(nil)
)

// NewPurgeTestDataAction is the affinipay_purge_test_data factory.
func NewPurgeTestDataAction() action.Action { return &purgeTestDataAction{} }

type purgeTestDataAction struct{ framework.ActionBase }

const purgeWhat = "the merchant's test-mode payment methods (saved cards and banks, and contact payment methods with test_mode), " +
	"test transactions, recurring charges and one-time tokens"

func (a *purgeTestDataAction) Metadata(_ context.Context, req action.MetadataRequest, resp *action.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_purge_test_data"
}

func (a *purgeTestDataAction) Schema(_ context.Context, _ action.SchemaRequest, resp *action.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Discards " + purgeWhat + " (`POST /v1/merchant/purge-test-data`), returning a test integration to a clean " +
			"slate. Live-mode data is never modified. **The action refuses to run unless it can confirm that the provider's secret key is " +
			"the test-mode key**: a key taken from `/gateway-credentials` by `mode = \"test\"`, or a configured `secret_key` found among the " +
			"test accounts of `/gateway-credentials` (which needs `access_token`, or `client_id` and `client_secret`). Before purging it " +
			"reports what it will remove, including how many recurring charges. Resources in Terraform state that were test data " +
			"(for example test recurring charges) are gone afterwards: the next plan creates them again. Run it with " +
			"`terraform apply -invoke=action.affinipay_purge_test_data.<name>`.",
		Attributes: map[string]schema.Attribute{},
	}
}

func (a *purgeTestDataAction) Invoke(ctx context.Context, _ action.InvokeRequest, resp *action.InvokeResponse) {
	if !a.Configured(&resp.Diagnostics) {
		return
	}
	c := a.Data.Client
	framework.Progress(resp, "Checking that the provider's secret key is the test-mode key")
	mode, err := c.SecretKeyMode(ctx)
	if err != nil {
		framework.AddAPIError(&resp.Diagnostics, "Cannot tell the mode of the secret key; nothing was purged", err, nil)
		return
	}
	switch mode {
	case client.ModeTest:
	case client.ModeLive:
		resp.Diagnostics.AddError("Refusing to purge with a live-mode secret key",
			"The provider is configured with the merchant's live-mode secret key. affinipay_purge_test_data runs only with the test-mode "+
				"key (the endpoint never modifies live data, but a purge is never sent with a live key). Nothing was purged. "+
				"Configure a provider with mode = \"test\" (or the test secret_key) for this action.")
		return
	default:
		resp.Diagnostics.AddError("Cannot confirm a test-mode secret key; nothing was purged",
			"The provider's secret_key was given directly and cannot be checked against /gateway-credentials because no bearer token is "+
				"configured. Give the provider access_token (or client_id and client_secret), or leave secret_key unset with mode = \"test\", "+
				"so that the action can confirm it is using the test-mode key.")
		return
	}
	charges, err := c.ListRecurringCharges(ctx, client.RecurringChargeFilter{})
	if err != nil {
		framework.AddAPIError(&resp.Diagnostics, "Unable to list test recurring charges; nothing was purged", err, nil)
		return
	}
	active := 0
	for _, ch := range charges {
		if ch.Status == client.RecurringStatusActive {
			active++
		}
	}
	framework.Progress(resp, "Purging %s: %d recurring charge(s) (%d ACTIVE). Live-mode data is not modified.", purgeWhat, len(charges), active)
	res := write.Change(ctx, write.ChangeSpec[struct{}]{
		What:    "purge test data (a purge may have been applied; running it again is harmless)",
		Send:    func(ctx context.Context) (*struct{}, error) { return &struct{}{}, c.PurgeTestData(ctx) },
		Refused: framework.ReportAPIError(nil),
	}, &resp.Diagnostics)
	if res.Class != write.Done {
		return
	}
	framework.Progress(resp, "Test data purged")
}
