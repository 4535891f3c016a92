package recurringcharges

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/client"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/framework"
)

var (
	_ list.ListResource              = (*recurringChargeOccurrenceListResource)(nil)
	_ list.ListResourceWithConfigure = (*recurringChargeOccurrenceListResource)(nil)
)

// occurrenceStatuses are the statuses of a recurring_charge_occurrence.
var occurrenceStatuses = []string{"PENDING", "PAYING", "PAID", "IGNORED", "FAILED"}

// NewRecurringChargeOccurrenceListResource is the affinipay_recurring_charge_occurrence list resource factory.
func NewRecurringChargeOccurrenceListResource() list.ListResource {
	return &recurringChargeOccurrenceListResource{}
}

type recurringChargeOccurrenceListResource struct{ framework.ListResourceBase }

type recurringChargeOccurrenceListModel struct {
	RecurringChargeID types.String `tfsdk:"recurring_charge_id"`
	Status            types.String `tfsdk:"status"`
}

func (l *recurringChargeOccurrenceListResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_recurring_charge_occurrence"
}

func (l *recurringChargeOccurrenceListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists recurring charge occurrences (scheduled payments) for `terraform query`: those of one charge " +
			"(`GET /v1/recurring/charges/{id}/occurrences`, every page of 100), or of every charge that is not deleted, optionally only " +
			"those with one status.\n\nEach result's identity holds `recurring_charge_id` and `occurrence_id`, the two attributes the " +
			"`affinipay_recurring_charge_occurrence_pay` and `_ignore` actions take, and is named after the charge, due date, amount " +
			"and status, for example `Monthly retainer: due 2027-01-01, 1250.00 USD, FAILED (1 attempt)`. Results come charge by " +
			"charge, each charge's newest occurrence first, as the API returns them.",
		Attributes: map[string]schema.Attribute{
			"recurring_charge_id": schema.StringAttribute{
				MarkdownDescription: "Only the occurrences of this recurring charge. Default: every charge that is not deleted (one request per charge).",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.RegexMatches(gatewayIDPattern, "must be an ID: letters, digits, - and _ only")},
			},
			"status": schema.StringAttribute{
				MarkdownDescription: "Only occurrences with this status: `PENDING`, `PAYING`, `PAID`, `IGNORED` or `FAILED` " +
					"(for example `FAILED` to find the payments to retry). Default: all.",
				Optional:   true,
				Validators: []validator.String{stringvalidator.OneOf(occurrenceStatuses...)},
			},
		},
	}
}

func (l *recurringChargeOccurrenceListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var diags diag.Diagnostics
	var cfg recurringChargeOccurrenceListModel
	diags.Append(req.Config.Get(ctx, &cfg)...)
	if diags.HasError() || !l.Configured(&diags) {
		stream.Results = framework.ListError(diags)
		return
	}
	var charges []client.RecurringCharge
	if id := cfg.RecurringChargeID.ValueString(); id != "" {
		c, err := l.Data.Client.GetRecurringCharge(ctx, id)
		switch {
		case client.IsNotFound(err) || (err == nil && c.Status == client.RecurringStatusDeleted):
			diags.AddAttributeError(path.Root("recurring_charge_id"), "Recurring charge not found", "There is no recurring charge "+id+".")
		case err != nil:
			framework.AddAPIError(&diags, "Unable to read recurring charge "+id, err, framework.ContextPaths{"id": path.Root("recurring_charge_id"), "RecurringCharge": path.Root("recurring_charge_id")})
		default:
			charges = []client.RecurringCharge{*c}
		}
	} else {
		all, err := l.Data.Client.ListRecurringCharges(ctx, client.RecurringChargeFilter{})
		if err != nil {
			framework.AddAPIError(&diags, "Unable to list recurring charges", err, nil)
		}
		for _, c := range all {
			if c.Status != client.RecurringStatusDeleted {
				charges = append(charges, c)
			}
		}
	}
	if diags.HasError() {
		stream.Results = framework.ListError(diags)
		return
	}
	want := cfg.Status.ValueString()
	var items []framework.ListItem
	for i := range charges {
		c := &charges[i]
		if req.Limit > 0 && int64(len(items)) >= req.Limit {
			break // no more requests than the limit needs
		}
		occs, err := l.Data.Client.ListRecurringChargeOccurrences(ctx, c.ID)
		if err != nil {
			framework.AddAPIError(&diags, "Unable to list the occurrences of recurring charge "+c.ID, err, framework.ContextPaths{"id": path.Root("recurring_charge_id")})
			stream.Results = framework.ListError(diags)
			return
		}
		for j := range occs {
			o := &occs[j]
			if want != "" && o.Status != want {
				continue
			}
			chargeID := c.ID
			items = append(items, framework.ListItem{
				Display:  occurrenceDisplayName(c, o),
				Identity: map[string]string{"recurring_charge_id": chargeID, "occurrence_id": o.ID},
				Fill: func(ctx context.Context, res *tfsdk.Resource) diag.Diagnostics {
					var m recurringChargeOccurrenceModel
					d := res.Get(ctx, &m)
					if d.HasError() {
						return d
					}
					m.applyOccurrence(chargeID, o)
					d.Append(res.Set(ctx, &m)...)
					return d
				},
			})
		}
	}
	stream.Results = framework.StreamList(ctx, req, items)
}

// occurrenceDisplayName is, for example, "Monthly retainer: due
// 2027-01-01, 1250.00 USD, FAILED (1 attempt)".
func occurrenceDisplayName(c *client.RecurringCharge, o *client.RecurringOccurrence) string {
	label := framework.DisplayOr(strings.TrimSpace(c.Description), strings.TrimSpace(c.Reference))
	label = framework.DisplayOr(label, "Recurring charge "+c.ID)
	attempts := fmt.Sprintf("%d attempts", int64(o.Attempts))
	if o.Attempts == 1 {
		attempts = "1 attempt"
	}
	return fmt.Sprintf("%s: due %s, %s, %s (%s)", label, o.DueDate, framework.FormatMinorUnits(int64(o.Amount), c.Currency), o.Status, attempts)
}
