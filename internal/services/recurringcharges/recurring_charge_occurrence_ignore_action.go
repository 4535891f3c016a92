package recurringcharges

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"

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
	chargeID, occID, o := startOccurrenceAction(ctx, &a.ActionBase, req, resp,
		func(desc string) string {
			return "PAID (" + desc + ") and cannot be ignored. To give the money back, refund the payment's transaction."
		})
	if o == nil {
		return
	}
	framework.Progress(resp, "Ignoring occurrence %s (%s)", occID, describeOccurrence(o))
	res := write.Change(ctx, occurrenceChange(a.Data.Client, "ignore", chargeID, occID, "IGNORED", a.Data.Client.IgnoreRecurringChargeOccurrence), &resp.Diagnostics)
	if res.Object == nil || res.ReadBack {
		return
	}
	out := res.Object
	framework.Progress(resp, "Occurrence %s is %s; the gateway will not collect it (collect it later with affinipay_recurring_charge_occurrence_pay)", out.ID, out.Status)
}
