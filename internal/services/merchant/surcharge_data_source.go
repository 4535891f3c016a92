package merchant

import (
	"context"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/client"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/framework"
)

var _ datasource.DataSourceWithConfigure = (*surchargeDataSource)(nil)

// NewSurchargeDataSource is the affinipay_surcharge data source.
func NewSurchargeDataSource() datasource.DataSource { return &surchargeDataSource{} }

type surchargeDataSource struct{ framework.DataSourceBase }

type surchargeModel struct {
	BankAccountID types.String                   `tfsdk:"bank_account_id"`
	Amount        framework.CentsValue           `tfsdk:"amount"`
	Enabled       types.Bool                     `tfsdk:"enabled"`
	Surcharges    map[string]surchargeEntryModel `tfsdk:"surcharges"`
	Timeouts      timeouts.Value                 `tfsdk:"timeouts"`
}

type surchargeEntryModel struct {
	SurchargeRate        types.Int64  `tfsdk:"surcharge_rate"`
	SurchargeRatePercent types.String `tfsdk:"surcharge_rate_percent"`
	SurchargeFee         types.Int64  `tfsdk:"surcharge_fee"`
	Amount               types.Int64  `tfsdk:"amount"`
	SurchargeAmount      types.Int64  `tfsdk:"surcharge_amount"`
	TotalAmount          types.Int64  `tfsdk:"total_amount"`
}

func (d *surchargeDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_surcharge"
}

func (d *surchargeDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The surcharge a merchant adds to payments into one bank account (`GET /bank-accounts/{id}/surcharge`, " +
			"HTTP Basic with the merchant's **public key**, `public_key` / `AFFINIPAY_PUBLIC_KEY`): the rate and fee for each payment " +
			"type (`card`, `bank`, `loan`) that has one, and, for an optional `amount`, the surcharge and the total to charge.\n\n" +
			"The reference's advice: charge `total_amount` and pass `surcharge_amount` on the charge so the receipt shows it. " +
			"Without surcharge enabled, `surcharges` is empty and `enabled` is `false`.",
		Attributes: map[string]schema.Attribute{
			"bank_account_id": schema.StringAttribute{
				MarkdownDescription: "The bank account ID (`bank_...`), for example from the `affinipay_bank_accounts` data source.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"amount": schema.Int64Attribute{
				MarkdownDescription: "Optional subtotal in the currency's smallest unit (cents), 0 to 10^14 - 1, for which the surcharge " +
					"and total are computed. `provider::affinipay::cents(\"5000.00\", \"USD\")` converts a decimal amount.",
				CustomType: framework.CentsType{},
				Optional:   true,
				Validators: []validator.Int64{int64validator.Between(0, framework.RecurringMaxAmount)},
			},
			"enabled": framework.ComputedBool("Whether any payment type is surcharged (the API returned at least one rate)."),
			"surcharges": schema.MapNestedAttribute{
				MarkdownDescription: "The surcharge of each payment type that has one, keyed by type: `card`, `bank` or `loan` " +
					"(when the bank account has more than one of a type, the API returns the first).",
				Computed: true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"surcharge_rate":         framework.ComputedInt64("The rate in hundredths of a percent, as the API gives it: `350` is 3.50 %."),
					"surcharge_rate_percent": framework.ComputedString("The rate as an exact decimal percentage, such as `\"3.50\"`."),
					"surcharge_fee":          framework.ComputedInt64("The flat fee, in the currency's smallest unit."),
					"amount":                 framework.ComputedInt64("The subtotal the surcharge was computed from (`amount`); null without `amount`."),
					"surcharge_amount":       framework.ComputedInt64("The surcharge on `amount`: the fee, or `amount` times the rate; null without `amount`."),
					"total_amount":           framework.ComputedInt64("`amount` plus `surcharge_amount`: what to charge; null without `amount`."),
				}},
			},
			"timeouts": framework.DataSourceTimeoutsAttribute(ctx),
		},
	}
}

func (d *surchargeDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg surchargeModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := framework.WithDataSourceTimeout(ctx, cfg.Timeouts, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	var amount *int64
	if framework.IsKnown(cfg.Amount.Int64Value) {
		a := cfg.Amount.ValueInt64()
		amount = &a
	}
	id := cfg.BankAccountID.ValueString()
	rates, err := d.Data.Client.GetSurcharge(ctx, id, amount)
	if err != nil {
		var missing *client.MissingCredentialError
		if errors.As(err, &missing) {
			resp.Diagnostics.AddError("Missing public key",
				"Reading the surcharge of a bank account needs the merchant's public key: set the provider attribute `public_key` "+
					"(or the environment variable "+client.EnvPublicKey+").")
			return
		}
		framework.AddAPIError(&resp.Diagnostics, "Unable to read the surcharge of bank account "+id, err,
			framework.ContextPaths{"amount": path.Root("amount"), "BankAccount": path.Root("bank_account_id")})
		return
	}
	cfg.Surcharges = map[string]surchargeEntryModel{}
	for _, r := range rates {
		if _, dup := cfg.Surcharges[r.Type]; dup {
			continue // the API returns one per type; keep the first
		}
		cfg.Surcharges[r.Type] = surchargeEntryModel{
			SurchargeRate:        types.Int64Value(int64(r.SurchargeRate)),
			SurchargeRatePercent: types.StringValue(basisPointsPercent(int64(r.SurchargeRate))),
			SurchargeFee:         types.Int64Value(int64(r.SurchargeFee)),
			Amount:               framework.RcInt64PtrOrNull(r.Amount),
			SurchargeAmount:      framework.RcInt64PtrOrNull(r.SurchargeAmount),
			TotalAmount:          framework.RcInt64PtrOrNull(r.TotalAmount),
		}
	}
	cfg.Enabled = types.BoolValue(len(cfg.Surcharges) > 0)
	resp.Diagnostics.Append(resp.State.Set(ctx, &cfg)...)
}

// basisPointsPercent writes hundredths of a percent as a percentage: 350 is
// "3.50".
func basisPointsPercent(n int64) string {
	sign := ""
	if n < 0 {
		sign, n = "-", -n
	}
	return fmt.Sprintf("%s%d.%02d", sign, n/100, n%100)
}
