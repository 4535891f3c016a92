package recurringcharges

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/client"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/framework"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/framework/write"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// gatewayIDPattern matches a Gateway object ID (URL-safe base64).
var gatewayIDPattern = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)

// occurrenceActionModel is the configuration of the occurrence actions.
type occurrenceActionModel struct {
	RecurringChargeID types.String `tfsdk:"recurring_charge_id"`
	OccurrenceID      types.String `tfsdk:"occurrence_id"`
}

func occurrenceActionAttributes() map[string]schema.Attribute {
	noSlash := []validator.String{stringvalidator.RegexMatches(gatewayIDPattern, "must be an ID: letters, digits, - and _ only")}
	return map[string]schema.Attribute{
		"recurring_charge_id": schema.StringAttribute{
			MarkdownDescription: "The ID of the recurring charge, for example `affinipay_recurring_charge.retainer.id`.",
			Required:            true,
			Validators:          noSlash,
		},
		"occurrence_id": schema.StringAttribute{
			MarkdownDescription: "The ID of the occurrence (one scheduled payment of the charge), for example from the " +
				"`affinipay_recurring_charge_occurrences` data source.",
			Required:   true,
			Validators: noSlash,
		},
	}
}

// occurrenceContextPaths places the API's not-found contexts
// ("RecurringCharge[id]", "RecurringChargeOccurrence[id]") on the
// attribute they concern.
func occurrenceContextPaths() framework.ContextPaths {
	return framework.ContextPaths{
		"RecurringCharge":           path.Root("recurring_charge_id"),
		"RecurringChargeOccurrence": path.Root("occurrence_id"),
		"id":                        path.Root("recurring_charge_id"),
		"occurrenceId":              path.Root("occurrence_id"),
	}
}

// addOccurrenceAPIError reports an API error of an occurrence action on
// the attribute it concerns: the status refusal concerns the occurrence.
func addOccurrenceAPIError(diags *diag.Diagnostics, summary string, err error) {
	if client.HasCode(err, "unavailable_for_current_status") {
		diags.AddAttributeError(path.Root("occurrence_id"), summary,
			"The API refused it because of the occurrence's or the charge's status (unavailable_for_current_status): a PAID occurrence "+
				"cannot be paid or ignored again, and a charge that is no longer ACTIVE accepts only payments of occurrences already "+
				"due.\n\n"+err.Error())
		return
	}
	framework.AddAPIError(diags, summary, err, occurrenceContextPaths())
}

// readOccurrence reads the occurrence an action names.
func readOccurrence(ctx context.Context, c *client.Client, cfg occurrenceActionModel, diags *diag.Diagnostics) *client.RecurringOccurrence {
	o, err := c.GetRecurringChargeOccurrence(ctx, cfg.RecurringChargeID.ValueString(), cfg.OccurrenceID.ValueString())
	if err != nil {
		addOccurrenceAPIError(diags, "Unable to read occurrence "+cfg.OccurrenceID.ValueString()+" of recurring charge "+cfg.RecurringChargeID.ValueString(), err)
		return nil
	}
	return o
}

// describeOccurrence is, for example, "due 2027-01-01, 12.50, PENDING, 0 attempts".
func describeOccurrence(o *client.RecurringOccurrence) string {
	return fmt.Sprintf("due %s, amount %s, status %s, %d attempt(s)", o.DueDate,
		strings.TrimSuffix(framework.FormatMinorUnits(int64(o.Amount), ""), " "), o.Status, int64(o.Attempts))
}

// startOccurrenceAction is the start of both occurrence actions: it decodes
// the configuration, reads the occurrence and reports it, and refuses a
// PAID one (paid words the refusal, given the occurrence's description). It returns nil when the
// action must stop.
func startOccurrenceAction(ctx context.Context, a *framework.ActionBase, req action.InvokeRequest, resp *action.InvokeResponse, paid func(desc string) string) (chargeID, occID string, o *client.RecurringOccurrence) {
	var cfg occurrenceActionModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() || !a.Configured(&resp.Diagnostics) {
		return "", "", nil
	}
	chargeID, occID = cfg.RecurringChargeID.ValueString(), cfg.OccurrenceID.ValueString()
	framework.Progress(resp, "Reading occurrence %s of recurring charge %s", occID, chargeID)
	o = readOccurrence(ctx, a.Data.Client, cfg, &resp.Diagnostics)
	if o == nil {
		return "", "", nil
	}
	if o.Status == "PAID" {
		resp.Diagnostics.AddAttributeError(path.Root("occurrence_id"), "Occurrence already paid",
			"Occurrence "+occID+" of recurring charge "+chargeID+" is "+paid(describeOccurrence(o)))
		return "", "", nil
	}
	return chargeID, occID, o
}

// occurrenceChange is the write of an occurrence action: send, read back
// on an unknown outcome, applied when the occurrence has status.
func occurrenceChange(c *client.Client, verb, chargeID, occID, status string,
	send func(ctx context.Context, chargeID, occID string) (*client.RecurringOccurrence, error)) write.ChangeSpec[client.RecurringOccurrence] {
	return write.ChangeSpec[client.RecurringOccurrence]{
		What: verb + " occurrence " + occID + " of recurring charge " + chargeID,
		Send: func(ctx context.Context) (*client.RecurringOccurrence, error) { return send(ctx, chargeID, occID) },
		ReadBack: func(ctx context.Context) (*client.RecurringOccurrence, error) {
			return c.GetRecurringChargeOccurrence(ctx, chargeID, occID)
		},
		Applied: func(o *client.RecurringOccurrence) bool { return o.Status == status },
		Refused: addOccurrenceAPIError,
	}
}
