package recurringcharges

import (
	"context"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/client"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/framework"
)

var _ datasource.DataSourceWithConfigure = (*recurringChargesDataSource)(nil)

// NewRecurringChargesDataSource is the affinipay_recurring_charges data source.
func NewRecurringChargesDataSource() datasource.DataSource { return &recurringChargesDataSource{} }

type recurringChargesDataSource struct{ framework.DataSourceBase }

type recurringChargesModel struct {
	AccountID        types.String              `tfsdk:"account_id"`
	Status           types.String              `tfsdk:"status"`
	Reference        types.String              `tfsdk:"reference"`
	OrderBy          types.String              `tfsdk:"order_by"`
	RecurringCharges []recurringChargeListItem `tfsdk:"recurring_charges"`
	Timeouts         timeouts.Value            `tfsdk:"timeouts"`
}

type recurringChargeListItem struct {
	ID               types.String         `tfsdk:"id"`
	Created          types.String         `tfsdk:"created"`
	Status           types.String         `tfsdk:"status"`
	StatusReason     types.String         `tfsdk:"status_reason"`
	AccountID        types.String         `tfsdk:"account_id"`
	MethodType       types.String         `tfsdk:"method_type"`
	MethodNumber     types.String         `tfsdk:"method_number"`
	Amount           types.Int64          `tfsdk:"amount"`
	Currency         types.String         `tfsdk:"currency"`
	Description      types.String         `tfsdk:"description"`
	Reference        types.String         `tfsdk:"reference"`
	Schedule         types.Object         `tfsdk:"schedule"`
	MaxOccurrences   types.Int64          `tfsdk:"max_occurrences"`
	MaxAmount        types.Int64          `tfsdk:"max_amount"`
	TotalOccurrences types.Int64          `tfsdk:"total_occurrences"`
	TotalAmount      types.Int64          `tfsdk:"total_amount"`
	NextPayment      types.String         `tfsdk:"next_payment"`
	Data             jsontypes.Normalized `tfsdk:"data"`
}

// orderByRe is the list endpoint's order_by: comma-separated property
// names, each optionally preceded by '-' or '+'.
var orderByRe = regexp.MustCompile(`^[+-]?[a-z_]+(,[+-]?[a-z_]+)*$`)

func (d *recurringChargesDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_recurring_charges"
}

func (d *recurringChargesDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the merchant's recurring charges (`GET /v1/recurring/charges`), optionally filtered. Every page is read " +
			"(100 per request, the largest the API allows). Deleted charges are not listed; cancelled ones are (`COMPLETED`).",
		Attributes: map[string]schema.Attribute{
			"account_id": schema.StringAttribute{
				MarkdownDescription: "Only charges paid into this account. Default: all of the merchant's accounts.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"status": schema.StringAttribute{
				MarkdownDescription: "Only charges with this status: `ACTIVE` or `COMPLETED`. Default: both.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.OneOf(client.RecurringStatusActive, client.RecurringStatusCompleted)},
			},
			"reference": schema.StringAttribute{
				MarkdownDescription: "Only charges with this `reference`.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"order_by": schema.StringAttribute{
				MarkdownDescription: "Sort order: comma-separated property names, each optionally preceded by `-` (descending) or `+` " +
					"(ascending, the default), for example `-created` or `next_payment,-amount`. Default: newest first.",
				Optional:   true,
				Validators: []validator.String{stringvalidator.RegexMatches(orderByRe, "must be comma-separated property names, each optionally preceded by - or +, such as -created")},
			},
			"recurring_charges": schema.ListNestedAttribute{
				MarkdownDescription: "The recurring charges, in the requested order.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":                framework.ComputedString("The recurring charge ID."),
					"created":           framework.ComputedString("When it was created."),
					"status":            framework.ComputedString("`ACTIVE` or `COMPLETED`."),
					"status_reason":     framework.ComputedString("`schedule_complete` or `user_canceled` when `COMPLETED`."),
					"account_id":        framework.ComputedString("The account receiving the payments."),
					"method_type":       framework.ComputedString("`card` or `bank`."),
					"method_number":     framework.ComputedString("The masked card or account number."),
					"amount":            framework.ComputedInt64("The amount of each payment, in the currency's smallest unit."),
					"currency":          framework.ComputedString("ISO 4217 currency code."),
					"description":       framework.ComputedString("Description."),
					"reference":         framework.ComputedString("Reference set on each charge."),
					"schedule":          schema.SingleNestedAttribute{MarkdownDescription: "The schedule.", Computed: true, Attributes: computedScheduleAttributes()},
					"max_occurrences":   framework.ComputedInt64("The most payments scheduled; null for no limit."),
					"max_amount":        framework.ComputedInt64("The most collected in total; null for no limit."),
					"total_occurrences": framework.ComputedInt64("Payments attempted so far."),
					"total_amount":      framework.ComputedInt64("Amount attempted so far."),
					"next_payment":      framework.ComputedString("Date of the next payment; null when none remain."),
					"data":              schema.StringAttribute{MarkdownDescription: "The charge's `data`, as JSON.", Computed: true, CustomType: jsontypes.NormalizedType{}},
				}},
			},
			"timeouts": framework.DataSourceTimeoutsAttribute(ctx),
		},
	}
}

func (d *recurringChargesDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg recurringChargesModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := framework.WithDataSourceTimeout(ctx, cfg.Timeouts, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	charges, err := d.Data.Client.ListRecurringCharges(ctx, client.RecurringChargeFilter{
		AccountID: cfg.AccountID.ValueString(),
		Status:    cfg.Status.ValueString(),
		Reference: cfg.Reference.ValueString(),
		OrderBy:   cfg.OrderBy.ValueString(),
	})
	if err != nil {
		framework.AddAPIError(&resp.Diagnostics, "Unable to list recurring charges", err, framework.ContextPaths{
			"account_id": path.Root("account_id"), "status": path.Root("status"), "reference": path.Root("reference"), "order_by": path.Root("order_by"),
		})
		return
	}
	cfg.RecurringCharges = make([]recurringChargeListItem, 0, len(charges))
	for i := range charges {
		c := &charges[i]
		sched, diags := scheduleObject(c.Schedule)
		resp.Diagnostics.Append(diags...)
		item := recurringChargeListItem{
			ID:               types.StringValue(c.ID),
			Created:          framework.StringOrNull(c.Created),
			Status:           types.StringValue(c.Status),
			StatusReason:     framework.StringOrNull(c.StatusReason),
			AccountID:        framework.StringOrNull(c.AccountID),
			MethodType:       types.StringNull(),
			MethodNumber:     types.StringNull(),
			Amount:           types.Int64Value(int64(c.Amount)),
			Currency:         framework.StringOrNull(c.Currency),
			Description:      framework.StringOrNull(c.Description),
			Reference:        framework.StringOrNull(c.Reference),
			Schedule:         sched,
			MaxOccurrences:   framework.RcInt64PtrOrNull(c.MaxOccurrences),
			MaxAmount:        framework.RcInt64PtrOrNull(c.MaxAmount),
			TotalOccurrences: types.Int64Value(int64(c.TotalOccurrences)),
			TotalAmount:      types.Int64Value(int64(c.TotalAmount)),
			NextPayment:      framework.StringOrNull(c.NextPayment),
			Data:             jsontypes.NewNormalizedNull(),
		}
		if c.Method != nil {
			item.MethodType = framework.StringOrNull(c.Method.Type)
			number := c.Method.Number
			if number == "" {
				number = c.Method.AccountNumber
			}
			item.MethodNumber = framework.StringOrNull(number)
		}
		if data := c.DataJSON(); data != "" {
			item.Data = jsontypes.NewNormalizedValue(data)
		}
		cfg.RecurringCharges = append(cfg.RecurringCharges, item)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &cfg)...)
}
