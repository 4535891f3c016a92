package recurringcharges

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/client"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/framework"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/validators"
)

var (
	_ datasource.DataSourceWithConfigure      = (*recurringChargeScheduleDataSource)(nil)
	_ datasource.DataSourceWithValidateConfig = (*recurringChargeScheduleDataSource)(nil)
)

// Preview limits (reference "Preview Recurring Charge": occurrences
// "The default is 10. The maximum is 100.").
const (
	previewDefaultOccurrences = 10
	previewMaxOccurrences     = 100
)

// NewRecurringChargeScheduleDataSource is the
// affinipay_recurring_charge_schedule data source.
func NewRecurringChargeScheduleDataSource() datasource.DataSource {
	return &recurringChargeScheduleDataSource{}
}

type recurringChargeScheduleDataSource struct{ framework.DataSourceBase }

type recurringChargeScheduleModel struct {
	Amount               framework.CentsValue  `tfsdk:"amount"`
	Schedule             types.Object          `tfsdk:"schedule"`
	MaxOccurrences       types.Int64           `tfsdk:"max_occurrences"`
	MaxAmount            framework.CentsValue  `tfsdk:"max_amount"`
	OccurrenceCount      types.Int64           `tfsdk:"occurrence_count"`
	StartDate            types.String          `tfsdk:"start_date"`
	Occurrences          []projectedOccurrence `tfsdk:"occurrences"`
	RemainingOccurrences types.Int64           `tfsdk:"remaining_occurrences"`
	RemainingAmount      types.Int64           `tfsdk:"remaining_amount"`
	NextPayment          types.String          `tfsdk:"next_payment"`
	Timeouts             timeouts.Value        `tfsdk:"timeouts"`
}

type projectedOccurrence struct {
	DueDate string `tfsdk:"due_date"`
	Amount  int64  `tfsdk:"amount"`
}

func (d *recurringChargeScheduleDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_recurring_charge_schedule"
}

func (d *recurringChargeScheduleDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Previews the payments a recurring charge would collect: the due dates and amounts computed by the gateway " +
			"(`GET /v1/recurring/charges/schedule`, a `recurring_charge_projection`) for an `amount`, `schedule`, `max_occurrences` and " +
			"`max_amount`. Give it the same values as an `affinipay_recurring_charge` so that the plan shows when money will be collected. " +
			"Nothing is created.\n\n" +
			"The dates are computed from `start_date` (default: `schedule.start`): payments due before it are not listed.",
		Attributes: map[string]schema.Attribute{
			"amount": schema.Int64Attribute{
				MarkdownDescription: "The amount of each payment in the currency's smallest unit: a whole number from 1 to 10^14 - 1.",
				CustomType:          framework.CentsType{},
				Required:            true,
				Validators:          []validator.Int64{int64validator.Between(1, framework.RecurringMaxAmount)},
			},
			"schedule": schema.SingleNestedAttribute{
				MarkdownDescription: "The schedule, as in `affinipay_recurring_charge`.",
				Required:            true,
				Attributes:          dataSourceScheduleAttributes(),
			},
			"max_occurrences": schema.Int64Attribute{
				MarkdownDescription: "The most payments that will be scheduled, at least 1. Omit for no limit.",
				Optional:            true,
				Validators:          []validator.Int64{int64validator.AtLeast(1)},
			},
			"max_amount": schema.Int64Attribute{
				MarkdownDescription: "The most collected in total, at least `amount`; the final payment is the lesser of `amount` and what remains.",
				CustomType:          framework.CentsType{},
				Optional:            true,
				Validators:          []validator.Int64{int64validator.AtLeast(1)},
			},
			"occurrence_count": schema.Int64Attribute{
				MarkdownDescription: "How many payments to list (the API's `occurrences` parameter): 1 to 100, default 10. Fewer are listed " +
					"when the schedule ends sooner.",
				Optional:   true,
				Validators: []validator.Int64{int64validator.Between(1, previewMaxOccurrences)},
			},
			"start_date": schema.StringAttribute{
				MarkdownDescription: "The date from which payments are listed, `yyyy-mm-dd` (the API's `start_date`). Default `schedule.start`.",
				Optional:            true,
				Validators:          []validator.String{validators.Date()},
			},
			"occurrences": schema.ListNestedAttribute{
				MarkdownDescription: "The payments, in order of due date.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"due_date": framework.ComputedString("The date the payment is due, `yyyy-mm-dd`."),
					"amount":   framework.ComputedInt64("The amount of the payment, in the currency's smallest unit."),
				}},
			},
			"remaining_occurrences": framework.ComputedInt64("How many payments the schedule has in all from `start_date`; null when it is boundless (no `end`, `max_occurrences` or `max_amount`)."),
			"remaining_amount":      framework.ComputedInt64("The total of those payments; null when the schedule is boundless."),
			"next_payment":          framework.ComputedString("The date of the first payment, `yyyy-mm-dd`; null when there is none."),
			"timeouts":              framework.DataSourceTimeoutsAttribute(ctx),
		},
	}
}

func (d *recurringChargeScheduleDataSource) ValidateConfig(ctx context.Context, req datasource.ValidateConfigRequest, resp *datasource.ValidateConfigResponse) {
	var cfg recurringChargeScheduleModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	validateScheduleConfig(scheduleFromObject(ctx, cfg.Schedule, &resp.Diagnostics), path.Root("schedule"), cfg.Amount.Int64Value, cfg.MaxAmount.Int64Value, &resp.Diagnostics)
}

func (d *recurringChargeScheduleDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg recurringChargeScheduleModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	sched := scheduleFromObject(ctx, cfg.Schedule, &resp.Diagnostics)
	if resp.Diagnostics.HasError() || sched == nil {
		return
	}
	ctx, cancel, ok := framework.WithDataSourceTimeout(ctx, cfg.Timeouts, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	in := client.RecurringProjectionRequest{
		Occurrences:    previewDefaultOccurrences,
		StartDate:      sched.Start.ValueString(),
		Amount:         cfg.Amount.ValueInt64(),
		MaxOccurrences: rcInt64Ptr(cfg.MaxOccurrences),
		MaxAmount:      rcInt64Ptr(cfg.MaxAmount.Int64Value),
		Schedule:       scheduleToAPI(sched),
	}
	if framework.IsKnown(cfg.OccurrenceCount) {
		in.Occurrences = cfg.OccurrenceCount.ValueInt64()
	}
	if framework.IsKnown(cfg.StartDate) {
		in.StartDate = cfg.StartDate.ValueString()
	}
	p, err := d.Data.Client.PreviewRecurringCharge(ctx, in)
	if err != nil {
		s := path.Root("schedule")
		framework.AddAPIError(&resp.Diagnostics, "Unable to preview the recurring charge schedule", err, framework.ContextPaths{
			"amount": path.Root("amount"), "max_occurrences": path.Root("max_occurrences"), "max_amount": path.Root("max_amount"),
			"occurrences": path.Root("occurrence_count"), "start_date": path.Root("start_date"),
			"schedule": s, "schedule.start": s.AtName("start"), "schedule.end": s.AtName("end"),
			"schedule.interval_unit": s.AtName("interval_unit"), "schedule.interval_delay": s.AtName("interval_delay"), "schedule.days": s.AtName("days"),
		})
		return
	}
	cfg.Occurrences = make([]projectedOccurrence, 0, len(p.Occurrences))
	for _, o := range p.Occurrences {
		cfg.Occurrences = append(cfg.Occurrences, projectedOccurrence{DueDate: o.DueDate, Amount: int64(o.Amount)})
	}
	cfg.RemainingOccurrences = framework.RcInt64PtrOrNull(p.RemainingOccurrences)
	cfg.RemainingAmount = framework.RcInt64PtrOrNull(p.RemainingAmount)
	cfg.NextPayment = framework.StringOrNull(p.NextPayment)
	resp.Diagnostics.Append(resp.State.Set(ctx, &cfg)...)
}
