package merchant

import (
	"context"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/framework"
	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ datasource.DataSource = (*webhookSourceIPsDataSource)(nil)

// webhookSourceAddresses are the addresses webhook notifications may come
// from, copied in order from the API reference (Webhooks, "Receiving
// Events": "Webhook notifications may come from the following IP
// addresses"). The API has no endpoint for them.
var WebhookSourceAddresses = []string{
	"3.222.94.175",
	"18.204.61.234",
	"18.204.91.219",
	"18.205.139.79",
	"23.22.208.45",
	"34.198.45.60",
	"34.205.211.204",
	"34.233.131.21",
	"34.234.254.36",
	"44.207.66.183",
	"50.16.165.157",
	"52.55.65.238",
	"52.200.149.143",
	"54.80.246.184",
	"54.84.57.224",
	"54.156.200.152",
	"54.163.74.37",
	"54.165.103.176",
	"54.172.53.80",
	"54.173.15.63",
	"54.174.131.184",
	"100.24.202.220",
	"100.24.207.245",
	"100.25.247.142",
}

// webhookSourceReferenceDate is the date of the copy of the API reference
// the list was taken from. The reference itself carries no date; this is
// when the project's copy was taken (its files' date). Update both
// together when AffiniPay publishes a new list.
const webhookSourceReferenceDate = "2026-12-05"

// NewWebhookSourceIPsDataSource is the affinipay_webhook_source_ips data source.
func NewWebhookSourceIPsDataSource() datasource.DataSource { return &webhookSourceIPsDataSource{} }

type webhookSourceIPsDataSource struct{}

type webhookSourceIPsModel struct {
	Addresses     types.List     `tfsdk:"addresses"`
	CIDRBlocks    types.List     `tfsdk:"cidr_blocks"`
	ReferenceDate types.String   `tfsdk:"reference_date"`
	Timeouts      timeouts.Value `tfsdk:"timeouts"`
}

func (d *webhookSourceIPsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_webhook_source_ips"
}

func (d *webhookSourceIPsDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The IPv4 addresses AffiniPay's webhook notifications may come from, as the API reference lists them " +
			"(Webhooks, *Receiving Events*), for the firewall or security group in front of the URLs of `affinipay_webhook_endpoint`.\n\n" +
			"The API has no endpoint for them: the list is built into the provider and makes no request, so it needs no credentials. " +
			"It changes only with a provider release that follows a new reference; `reference_date` says which one. " +
			"AffiniPay may add senders before the provider knows them: treat the list as what to allow, not as proof that a request " +
			"came from AffiniPay (verify an event by reading it back through the Events API, as the reference recommends).",
		Attributes: map[string]schema.Attribute{
			"addresses": schema.ListAttribute{
				MarkdownDescription: "The addresses (24), such as `3.222.94.175`, in the reference's order.",
				ElementType:         types.StringType,
				Computed:            true,
			},
			"cidr_blocks": schema.ListAttribute{
				MarkdownDescription: "The same addresses as `/32` CIDR blocks (`3.222.94.175/32`), in the same order, for firewall rules that take ranges.",
				ElementType:         types.StringType,
				Computed:            true,
			},
			"reference_date": schema.StringAttribute{
				MarkdownDescription: "The date (`yyyy-mm-dd`) of the API reference the list comes from. The reference carries no date of its own: " +
					"this is the date of the copy the provider was built against.",
				Computed: true,
			},
			"timeouts": framework.DataSourceTimeoutsAttribute(ctx),
		},
	}
}

func (d *webhookSourceIPsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg webhookSourceIPsModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	cidrs := make([]string, len(WebhookSourceAddresses))
	for i, a := range WebhookSourceAddresses {
		cidrs[i] = a + "/32"
	}
	addrs, diags := types.ListValueFrom(ctx, types.StringType, WebhookSourceAddresses)
	resp.Diagnostics.Append(diags...)
	blocks, diags := types.ListValueFrom(ctx, types.StringType, cidrs)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	cfg.Addresses, cfg.CIDRBlocks, cfg.ReferenceDate = addrs, blocks, types.StringValue(webhookSourceReferenceDate)
	resp.Diagnostics.Append(resp.State.Set(ctx, &cfg)...)
}
