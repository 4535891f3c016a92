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
	_ list.ListResource              = (*recurringChargeListResource)(nil)
	_ list.ListResourceWithConfigure = (*recurringChargeListResource)(nil)
)

// NewRecurringChargeListResource is the affinipay_recurring_charge list resource factory.
func NewRecurringChargeListResource() list.ListResource { return &recurringChargeListResource{} }

type recurringChargeListResource struct{ framework.ListResourceBase }

type recurringChargeListModel struct {
	Status types.String `tfsdk:"status"`
}

func (l *recurringChargeListResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_recurring_charge"
}

func (l *recurringChargeListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the merchant's recurring charges (`GET /v1/recurring/charges`, every page of 100) for `terraform query`. " +
			"Each result is named after the charge's description (or reference), amount, interval, masked payment method and status. " +
			"Its identity holds the charge ID only: a generated configuration adopts the charge without managing its payment method " +
			"(`method` is left out; `method_details` shows it). Deleted charges are never listed.",
		Attributes: map[string]schema.Attribute{
			"status": schema.StringAttribute{
				MarkdownDescription: "Only charges with this status: `ACTIVE` (payments remain to be collected) or `COMPLETED`. Default: both.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.OneOf(client.RecurringStatusActive, client.RecurringStatusCompleted)},
			},
		},
	}
}

func (l *recurringChargeListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var diags diag.Diagnostics
	var cfg recurringChargeListModel
	diags.Append(req.Config.Get(ctx, &cfg)...)
	if diags.HasError() || !l.Configured(&diags) {
		stream.Results = framework.ListError(diags)
		return
	}
	charges, err := l.Data.Client.ListRecurringCharges(ctx, client.RecurringChargeFilter{Status: cfg.Status.ValueString()})
	if err != nil {
		framework.AddAPIError(&diags, "Unable to list recurring charges", err, framework.ContextPaths{"status": path.Root("status")})
		stream.Results = framework.ListError(diags)
		return
	}
	items := make([]framework.ListItem, 0, len(charges))
	for i := range charges {
		c := &charges[i]
		if c.Status == client.RecurringStatusDeleted {
			continue
		}
		items = append(items, framework.ListItem{
			Display:  recurringChargeDisplayName(c),
			Identity: map[string]string{"id": c.ID},
			Fill: func(ctx context.Context, res *tfsdk.Resource) diag.Diagnostics {
				var m RecurringChargeModel
				d := res.Get(ctx, &m)
				if d.HasError() {
					return d
				}
				d.Append(applyCharge(&m, c)...)
				m.OnDestroy = types.StringValue(onDestroyCancel)
				d.Append(res.Set(ctx, &m)...)
				return d
			},
		})
	}
	stream.Results = framework.StreamList(ctx, req, items)
}

// recurringChargeDisplayName is, for example, "Monthly retainer: 1250.00 USD
// every 1 MONTH from VISA ************4242, next 2027-01-01 (ACTIVE)".
func recurringChargeDisplayName(c *client.RecurringCharge) string {
	label := framework.DisplayOr(strings.TrimSpace(c.Description), strings.TrimSpace(c.Reference))
	label = framework.DisplayOr(label, "Recurring charge "+c.ID)
	s := fmt.Sprintf("%s: %s every %d %s", label, framework.FormatMinorUnits(int64(c.Amount), c.Currency), int64(c.Schedule.IntervalDelay), c.Schedule.IntervalUnit)
	if m := c.Method; m != nil && m.Type != "" {
		kind := m.CardType
		if m.Type == "bank" {
			kind = framework.DisplayOr(m.BankName, "bank")
		}
		s += " from " + strings.TrimSpace(framework.DisplayOr(kind, m.Type)+" "+framework.MethodNumber(m))
	}
	if c.NextPayment != "" {
		s += ", next " + c.NextPayment
	}
	return s + " (" + c.Status + ")"
}
