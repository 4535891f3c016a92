package recurringcharges

import (
	"context"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/framework"
	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ datasource.DataSourceWithConfigure = (*recurringChargeOccurrencesDataSource)(nil)

// NewRecurringChargeOccurrencesDataSource is the
// affinipay_recurring_charge_occurrences data source.
func NewRecurringChargeOccurrencesDataSource() datasource.DataSource {
	return &recurringChargeOccurrencesDataSource{}
}

type recurringChargeOccurrencesDataSource struct{ framework.DataSourceBase }

type recurringChargeOccurrencesModel struct {
	RecurringChargeID types.String         `tfsdk:"recurring_charge_id"`
	Occurrences       []occurrenceItemData `tfsdk:"occurrences"`
	Timeouts          timeouts.Value       `tfsdk:"timeouts"`
}

type occurrenceItemData struct {
	ID           types.String          `tfsdk:"id"`
	Amount       types.Int64           `tfsdk:"amount"`
	Status       types.String          `tfsdk:"status"`
	DueDate      types.String          `tfsdk:"due_date"`
	Attempts     types.Int64           `tfsdk:"attempts"`
	LastAttempt  types.String          `tfsdk:"last_attempt"`
	Transactions []occurrenceTransData `tfsdk:"transactions"`
}

type occurrenceTransData struct {
	ID     types.String `tfsdk:"id"`
	Type   types.String `tfsdk:"type"`
	Status types.String `tfsdk:"status"`
	Amount types.Int64  `tfsdk:"amount"`
}

func (d *recurringChargeOccurrencesDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_recurring_charge_occurrences"
}

func (d *recurringChargeOccurrencesDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The occurrences (scheduled payments) of one recurring charge (`GET /v1/recurring/charges/{id}/occurrences`, " +
			"every page, 100 per request): their status, attempts and the transactions that tried to collect them. As the API returns them, " +
			"newest first: the next pending payment (or the last one of a completed schedule) comes first.",
		Attributes: map[string]schema.Attribute{
			"recurring_charge_id": schema.StringAttribute{
				MarkdownDescription: "The recurring charge ID.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"occurrences": schema.ListNestedAttribute{
				MarkdownDescription: "The occurrences, newest first.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":           framework.ComputedString("The occurrence ID."),
					"amount":       framework.ComputedInt64("The amount to collect, in the currency's smallest unit."),
					"status":       framework.ComputedString("`PENDING`, `PAYING`, `PAID`, `IGNORED` or `FAILED`."),
					"due_date":     framework.ComputedString("The date payment is due, `yyyy-mm-dd`."),
					"attempts":     framework.ComputedInt64("How many times collection was attempted."),
					"last_attempt": framework.ComputedString("When collection was last attempted; null if never."),
					"transactions": schema.ListNestedAttribute{
						MarkdownDescription: "The transactions that attempted to collect the payment, oldest first.",
						Computed:            true,
						NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
							"id":     framework.ComputedString("The transaction ID."),
							"type":   framework.ComputedString("The transaction type (`CHARGE`)."),
							"status": framework.ComputedString("The transaction status, for example `AUTHORIZED`, `COMPLETED` or `FAILED`."),
							"amount": framework.ComputedInt64("The transaction amount."),
						}},
					},
				}},
			},
			"timeouts": framework.DataSourceTimeoutsAttribute(ctx),
		},
	}
}

func (d *recurringChargeOccurrencesDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg recurringChargeOccurrencesModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := framework.WithDataSourceTimeout(ctx, cfg.Timeouts, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	occs, err := d.Data.Client.ListRecurringChargeOccurrences(ctx, cfg.RecurringChargeID.ValueString())
	if err != nil {
		framework.AddAPIError(&resp.Diagnostics, "Unable to list the occurrences of recurring charge "+cfg.RecurringChargeID.ValueString(), err,
			framework.ContextPaths{"id": path.Root("recurring_charge_id")})
		return
	}
	cfg.Occurrences = make([]occurrenceItemData, 0, len(occs))
	for _, o := range occs {
		item := occurrenceItemData{
			ID:           types.StringValue(o.ID),
			Amount:       types.Int64Value(int64(o.Amount)),
			Status:       types.StringValue(o.Status),
			DueDate:      types.StringValue(o.DueDate),
			Attempts:     types.Int64Value(int64(o.Attempts)),
			LastAttempt:  framework.StringOrNull(o.LastAttempt),
			Transactions: make([]occurrenceTransData, 0, len(o.Transactions)),
		}
		for _, t := range o.Transactions {
			item.Transactions = append(item.Transactions, occurrenceTransData{
				ID: types.StringValue(t.ID), Type: framework.StringOrNull(t.Type), Status: framework.StringOrNull(t.Status), Amount: types.Int64Value(int64(t.Amount)),
			})
		}
		cfg.Occurrences = append(cfg.Occurrences, item)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &cfg)...)
}
