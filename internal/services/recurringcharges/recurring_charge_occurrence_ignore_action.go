package recurringcharges

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/client"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/framework"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/framework/write"
)

var (
	_ action.Action              = (*recurringChargeOccurrenceIgnoreAction)(nil)
	_ action.ActionWithConfigure = (*recurringChargeOccurrenceIgnoreAction)(nil)
)

// NewRecurringChargeOccurrenceIgnoreAction is the affinipay_recurring_charge_occurrence_ignore factory.
func NewRecurringChargeOccurrenceIgnoreAction() action.Action {
	return &recurringChargeOccurrenceIgnoreAction{}
}

type recurringChargeOccurrenceIgnoreAction struct{ framework.ActionBase }

func (a *recurringChargeOccurrenceIgnoreAction) Metadata(_ context.Context, req action.MetadataRequest, resp *action.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_recurring_charge_occurrence_ignore"
}

func (a *recurringChargeOccurrenceIgnoreAction) Schema(_ context.Context, _ action.SchemaRequest, resp *action.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Marks one unpaid occurrence (scheduled payment) of a recurring charge as ignored " +
			"(`POST /v1/recurring/charges/{id}/occurrences/{occurrenceId}/ignore`), so the gateway does not collect it: for example when " +
			"the client paid by check, or the merchant forgoes a payment. An ignored occurrence can still be collected later with " +
			"`affinipay_recurring_charge_occurrence_pay`. A PAID occurrence cannot be ignored; the API's refusal is reported on " +
			"`occurrence_id`. Run it with `terraform apply -invoke=action.affinipay_recurring_charge_occurrence_ignore.<name>`.",
		Attributes: occurrenceActionAttributes(),
	}
}

func (a *recurringChargeOccurrenceIgnoreAction) Invoke(ctx context.Context, req action.InvokeRequest, resp *action.InvokeResponse) {
	var cfg occurrenceActionModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() || !a.Configured(&resp.Diagnostics) {
		return
	}
	chargeID, occID := cfg.RecurringChargeID.ValueString(), cfg.OccurrenceID.ValueString()
	framework.Progress(resp, "Reading occurrence %s of recurring charge %s", occID, chargeID)
	o := readOccurrence(ctx, a.Data.Client, cfg, &resp.Diagnostics)
	if o == nil {
		return
	}
	if o.Status == "PAID" {
		resp.Diagnostics.AddAttributeError(path.Root("occurrence_id"), "Occurrence already paid",
			"Occurrence "+occID+" of recurring charge "+chargeID+" is PAID ("+describeOccurrence(o)+") and cannot be ignored. "+
				"To give the money back, refund the payment's transaction.")
		return
	}
	framework.Progress(resp, "Ignoring occurrence %s (%s)", occID, describeOccurrence(o))
	res := write.Change(ctx, write.ChangeSpec[client.RecurringOccurrence]{
		What: "ignore occurrence " + occID + " of recurring charge " + chargeID,
		Send: func(ctx context.Context) (*client.RecurringOccurrence, error) {
			return a.Data.Client.IgnoreRecurringChargeOccurrence(ctx, chargeID, occID)
		},
		ReadBack: func(ctx context.Context) (*client.RecurringOccurrence, error) {
			return a.Data.Client.GetRecurringChargeOccurrence(ctx, chargeID, occID)
		},
		Applied: func(o *client.RecurringOccurrence) bool { return o.Status == "IGNORED" },
		Refused: addOccurrenceAPIError,
	}, &resp.Diagnostics)
	if res.Object == nil || res.ReadBack {
		return
	}
	out := res.Object
	framework.Progress(resp, "Occurrence %s is %s; the gateway will not collect it (collect it later with affinipay_recurring_charge_occurrence_pay)", out.ID, out.Status)
}
