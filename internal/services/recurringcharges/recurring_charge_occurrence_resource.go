package recurringcharges

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/client"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/framework"
)

// affinipay_recurring_charge_occurrence tracks one occurrence (scheduled
// payment) of a recurring charge. The gateway makes occurrences from the
// charge's schedule; the API can neither create nor delete one, so create
// adopts an existing occurrence and destroy only forgets it. It is the
// managed resource the recurring-charge occurrence list resource needs
// (`terraform query` results are resources with an identity), and lets a
// configuration import an occurrence and refer to it.

var (
	_ resource.Resource                = (*recurringChargeOccurrenceResource)(nil)
	_ resource.ResourceWithConfigure   = (*recurringChargeOccurrenceResource)(nil)
	_ resource.ResourceWithImportState = (*recurringChargeOccurrenceResource)(nil)
	_ resource.ResourceWithIdentity    = (*recurringChargeOccurrenceResource)(nil)
)

// NewRecurringChargeOccurrenceResource is the affinipay_recurring_charge_occurrence factory.
func NewRecurringChargeOccurrenceResource() resource.Resource {
	return &recurringChargeOccurrenceResource{}
}

type recurringChargeOccurrenceResource struct{ framework.ResourceBase }

type recurringChargeOccurrenceModel struct {
	ID                types.String   `tfsdk:"id"`
	RecurringChargeID types.String   `tfsdk:"recurring_charge_id"`
	OccurrenceID      types.String   `tfsdk:"occurrence_id"`
	Amount            types.Int64    `tfsdk:"amount"`
	Status            types.String   `tfsdk:"status"`
	DueDate           types.String   `tfsdk:"due_date"`
	Attempts          types.Int64    `tfsdk:"attempts"`
	LastAttempt       types.String   `tfsdk:"last_attempt"`
	Timeouts          timeouts.Value `tfsdk:"timeouts"`
}

func occurrenceResourceID(chargeID, occurrenceID string) string { return chargeID + "/" + occurrenceID }

// applyOccurrence sets the attributes the API returns.
func (m *recurringChargeOccurrenceModel) applyOccurrence(chargeID string, o *client.RecurringOccurrence) {
	m.RecurringChargeID = types.StringValue(chargeID)
	m.OccurrenceID = types.StringValue(o.ID)
	m.ID = types.StringValue(occurrenceResourceID(chargeID, o.ID))
	m.Amount = types.Int64Value(int64(o.Amount))
	m.Status = types.StringValue(o.Status)
	m.DueDate = types.StringValue(o.DueDate)
	m.Attempts = types.Int64Value(int64(o.Attempts))
	m.LastAttempt = framework.StringOrNull(o.LastAttempt)
}

func (r *recurringChargeOccurrenceResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_recurring_charge_occurrence"
}

func (r *recurringChargeOccurrenceResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = framework.IdentitySchema(
		framework.IdentityAttr{Name: "recurring_charge_id", Description: "The ID of the recurring charge."},
		framework.IdentityAttr{Name: "occurrence_id", Description: "The ID of the occurrence."},
	)
}

func (r *recurringChargeOccurrenceResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	noSlash := []validator.String{stringvalidator.RegexMatches(gatewayIDPattern, "must be an ID: letters, digits, - and _ only")}
	resp.Schema = schema.Schema{
		MarkdownDescription: "One occurrence (scheduled payment) of a recurring charge, tracked read-only: its amount, due date, status " +
			"and attempts, refreshed on every plan.\n\nThe gateway makes occurrences from the charge's schedule and the API can neither " +
			"create nor delete one, so **create adopts an existing occurrence** (it must exist) and **destroy only removes it from the " +
			"state**; nothing at AffiniPay changes either way. To collect or skip the payment, use the " +
			"`affinipay_recurring_charge_occurrence_pay` and `affinipay_recurring_charge_occurrence_ignore` actions.\n\n" +
			"Find occurrences with `terraform query` and the `affinipay_recurring_charge_occurrence` list resource (by charge, by " +
			"status), or with the `affinipay_recurring_charge_occurrences` data source. If the occurrence disappears (its charge was " +
			"deleted), the next plan creates it again, which fails until the configuration no longer names it.\n\n" +
			"Import with the ID `<recurring_charge_id>/<occurrence_id>`, or by identity.",
		Attributes: map[string]schema.Attribute{
			"id": framework.KeptString("`<recurring_charge_id>/<occurrence_id>`."),
			"recurring_charge_id": schema.StringAttribute{
				MarkdownDescription: "The ID of the recurring charge the occurrence belongs to. Changing it replaces the resource (nothing changes at AffiniPay).",
				Required:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
				Validators:          noSlash,
			},
			"occurrence_id": schema.StringAttribute{
				MarkdownDescription: "The ID of the occurrence. Changing it replaces the resource (nothing changes at AffiniPay).",
				Required:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
				Validators:          noSlash,
			},
			"amount":       framework.ComputedResourceInt64("The amount to collect, in the currency's smallest unit."),
			"status":       framework.ComputedResourceString("`PENDING`, `PAYING`, `PAID`, `IGNORED` or `FAILED`, as of the last refresh."),
			"due_date":     framework.ComputedResourceString("The date payment is due, `yyyy-mm-dd`."),
			"attempts":     framework.ComputedResourceInt64("How many times collection was attempted."),
			"last_attempt": framework.ComputedResourceString("When collection was last attempted; null if never."),
			"timeouts":     framework.TimeoutsAttribute(ctx),
		},
	}
}

func (r *recurringChargeOccurrenceResource) read(ctx context.Context, chargeID, occID string, diags *diag.Diagnostics) (*client.RecurringOccurrence, bool) {
	o, err := r.Data.Client.GetRecurringChargeOccurrence(ctx, chargeID, occID)
	if client.IsNotFound(err) {
		return nil, true
	}
	if err != nil {
		framework.AddAPIError(diags, "Unable to read occurrence "+occID+" of recurring charge "+chargeID, err, occurrenceContextPaths())
	}
	return o, false
}

// Create adopts the occurrence: it reads it and records it.
func (r *recurringChargeOccurrenceResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan recurringChargeOccurrenceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := framework.WithTimeout(ctx, plan.Timeouts.Create, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	chargeID, occID := plan.RecurringChargeID.ValueString(), plan.OccurrenceID.ValueString()
	o, gone := r.read(ctx, chargeID, occID, &resp.Diagnostics)
	if gone {
		resp.Diagnostics.AddAttributeError(path.Root("occurrence_id"), "Occurrence not found",
			fmt.Sprintf("Recurring charge %s has no occurrence %s. Occurrences are made by the gateway from the charge's schedule and "+
				"cannot be created: this resource only adopts one that exists (list them with the affinipay_recurring_charge_occurrences "+
				"data source or `terraform query`).", chargeID, occID))
	}
	if resp.Diagnostics.HasError() {
		return
	}
	plan.applyOccurrence(chargeID, o)
	resp.Diagnostics.Append(framework.SetStateAndIdentity(ctx, &resp.State, resp.Identity, &plan)...)
}

func (r *recurringChargeOccurrenceResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state recurringChargeOccurrenceModel
	resp.Diagnostics.Append(framework.GetStateModel(ctx, req.State, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := framework.WithReadTimeout(ctx, state.Timeouts.Read, framework.DefaultTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	chargeID, occID := state.RecurringChargeID.ValueString(), state.OccurrenceID.ValueString()
	o, gone := r.read(ctx, chargeID, occID, &resp.Diagnostics)
	if gone {
		tflog.Warn(ctx, "Recurring charge occurrence no longer exists; removing it from state", map[string]any{"recurring_charge_id": chargeID, "occurrence_id": occID})
		framework.RemoveResourceKeepIdentity(ctx, req.State, resp)
		return
	}
	if resp.Diagnostics.HasError() {
		return
	}
	before := state
	state.applyOccurrence(chargeID, o)
	resp.Diagnostics.Append(framework.SetReadState(ctx, resp, &before, &state)...)
}

// Update changes only timeouts (both IDs force replacement).
func (r *recurringChargeOccurrenceResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state recurringChargeOccurrenceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	state.Timeouts = plan.Timeouts
	resp.Diagnostics.Append(framework.SetStateAndIdentity(ctx, &resp.State, resp.Identity, &state)...)
}

// Delete forgets the occurrence: the API cannot delete one.
func (r *recurringChargeOccurrenceResource) Delete(ctx context.Context, _ resource.DeleteRequest, _ *resource.DeleteResponse) {
	tflog.Info(ctx, "Removing a recurring charge occurrence from the state only: the API cannot delete occurrences")
}

// ImportState accepts `<recurring_charge_id>/<occurrence_id>` or the identity.
func (r *recurringChargeOccurrenceResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importID := framework.ImportIDFromRequest(ctx, req, &resp.Diagnostics, func(a map[string]string) string {
		return occurrenceResourceID(a["recurring_charge_id"], a["occurrence_id"])
	})
	chargeID, occID, ok := strings.Cut(importID, "/")
	if !ok || !gatewayIDPattern.MatchString(chargeID) || !gatewayIDPattern.MatchString(occID) {
		resp.Diagnostics.AddError("Invalid import ID", fmt.Sprintf("%q: the import ID must be `<recurring_charge_id>/<occurrence_id>`, "+
			"for example `r0LMZjzLTBSMyvYFWT55-A/YVvhsTBBQNa9kM3j18CiZg`.", importID))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), occurrenceResourceID(chargeID, occID))...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("recurring_charge_id"), chargeID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("occurrence_id"), occID)...)
}
