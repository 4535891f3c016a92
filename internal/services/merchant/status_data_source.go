package merchant

import (
	"context"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/framework"
	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ datasource.DataSourceWithConfigure = (*statusDataSource)(nil)

// NewStatusDataSource is the affinipay_status data source.
func NewStatusDataSource() datasource.DataSource { return &statusDataSource{} }

type statusDataSource struct{ framework.DataSourceBase }

type statusModel struct {
	Status      types.String   `tfsdk:"status"`
	Operational types.Bool     `tfsdk:"operational"`
	Timeouts    timeouts.Value `tfsdk:"timeouts"`
}

func (d *statusDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_status"
}

func (d *statusDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The current status of the AffiniPay Payment Gateway (`GET /status`). Needs no credentials, " +
			"so it is a cheap connectivity check, for example in a `check` block or a `precondition`.",
		Attributes: map[string]schema.Attribute{
			"status": schema.StringAttribute{
				MarkdownDescription: "One of `NORMAL`, `EXCESSIVE_LATENCY` (API request durations exceed expected thresholds), " +
					"`SERVICE_UNRELIABLE` (recent intermittent failures impact payment processing) or `SERVICE_UNAVAILABLE` (payment processing is prevented).",
				Computed: true,
			},
			"operational": framework.ComputedBool("`true` unless `status` is `SERVICE_UNAVAILABLE`."),
			"timeouts":    framework.DataSourceTimeoutsAttribute(ctx),
		},
	}
}

func (d *statusDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg statusModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := framework.WithDataSourceTimeout(ctx, cfg.Timeouts, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	st, err := d.Data.Client.GetStatus(ctx)
	if err != nil {
		framework.AddAPIError(&resp.Diagnostics, "Unable to read AffiniPay status", err, nil)
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &statusModel{
		Status:      types.StringValue(st.Status),
		Operational: types.BoolValue(st.Status != "SERVICE_UNAVAILABLE"),
		Timeouts:    cfg.Timeouts,
	})...)
}
