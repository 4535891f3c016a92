package recurringcharges

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/client"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/framework"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/framework/write"
)

var (
	_ action.Action              = (*recurringChargeOccurrencePayAction)(nil)
	_ action.ActionWithConfigure = (*recurringChargeOccurrencePayAction)(nil)
)

// NewRecurringChargeOccurrencePayAction is the affinipay_recurring_charge_occurrence_pay factory.
func NewRecurringChargeOccurrencePayAction() action.Action {
	return &recurringChargeOccurrencePayAction{}
}

type recurringChargeOccurrencePayAction struct{ framework.ActionBase }

func (a *recurringChargeOccurrencePayAction) Metadata(_ context.Context, req action.MetadataRequest, resp *action.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_recurring_charge_occurrence_pay"
}

func (a *recurringChargeOccurrencePayAction) Schema(_ context.Context, _ action.SchemaRequest, resp *action.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "**Moves money.** Collects one occurrence (scheduled payment) of a recurring charge now " +
			"(`POST /v1/recurring/charges/{id}/occurrences/{occurrenceId}/pay`): pays it ahead of its due date, or retries an " +
			"occurrence that failed or was ignored. The charge's own payment method is used. The action reads the occurrence first " +
			"and reports it, then reports the outcome; a payment the gateway declines fails the action with the decline, on " +
			"`occurrence_id`. Run it with `terraform apply -invoke=action.affinipay_recurring_charge_occurrence_pay.<name>`. " +
			"The request is never repeated automatically once it may have reached the API.",
		Attributes: occurrenceActionAttributes(),
	}
}

func (a *recurringChargeOccurrencePayAction) Invoke(ctx context.Context, req action.InvokeRequest, resp *action.InvokeResponse) {
	chargeID, occID, o := startOccurrenceAction(ctx, &a.ActionBase, req, resp,
		func(desc string) string { return "already PAID (" + desc + "); nothing was collected." })
	if o == nil {
		return
	}
	framework.Progress(resp, "Collecting occurrence %s now (%s)", occID, describeOccurrence(o))
	// The pay request is never sent twice (it carries no source_id): an
	// unknown outcome is settled by reading the occurrence back.
	var wd diag.Diagnostics
	res := write.Change(ctx, occurrenceChange(a.Data.Client, "pay", chargeID, occID, "PAID", a.Data.Client.PayRecurringChargeOccurrence), &wd)
	switch {
	case res.Class == write.Done:
		reportPayment(resp, res.Object)
	case res.Settled:
		resp.Diagnostics.AddWarning("Payment settled by reading the occurrence back",
			fmt.Sprintf("The pay request failed after it was sent (%v); the occurrence read back is PAID, so the payment was collected once.", res.Err))
		reportPayment(resp, res.Object)
	case res.Class == write.Unknown:
		now := "reading it back failed too"
		if res.ReadErr != nil {
			now += ": " + res.ReadErr.Error()
		}
		if res.Object != nil {
			now = "read back just now, it is " + res.Object.Status + " (" + describeOccurrence(res.Object) + "), but a payment can still " +
				"complete after the reply was lost"
		}
		resp.Diagnostics.AddAttributeError(path.Root("occurrence_id"), "Payment outcome unknown: it may have been collected",
			fmt.Sprintf("The pay request for occurrence %s of recurring charge %s failed after it was sent (%v), so the payment may have "+
				"been collected: %s. Check occurrence %s (the affinipay_recurring_charge_occurrences data source, or the AffiniPay "+
				"dashboard) before running the action again: running it again while the first payment is going through could collect twice.",
				occID, chargeID, res.Err, now, occID))
	default:
		resp.Diagnostics.Append(wd...)
	}
}

// reportPayment reports the outcome of a pay request: the API answers 200
// whatever the outcome, with the failure in the occurrence's status.
func reportPayment(resp *action.InvokeResponse, o *client.RecurringOccurrence) {
	var txn string
	if n := len(o.Transactions); n > 0 {
		t := o.Transactions[n-1]
		txn = "transaction " + t.ID + " " + t.Type + " " + t.Status
	}
	if o.Status != "PAID" {
		var d diag.Diagnostics
		d.AddAttributeError(path.Root("occurrence_id"), "Payment not collected",
			"The gateway attempted occurrence "+o.ID+" but it is "+o.Status+" ("+describeOccurrence(o)+"; "+txn+"). "+
				"Check the charge's payment method (method_details of the recurring charge), then run the action again to retry.")
		resp.Diagnostics.Append(d...)
		return
	}
	framework.Progress(resp, "Occurrence %s is PAID (%s; %s)", o.ID, describeOccurrence(o), txn)
}
