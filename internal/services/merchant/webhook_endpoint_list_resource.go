package merchant

import (
	"context"
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
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/validators"
)

var (
	_ list.ListResource              = (*webhookEndpointListResource)(nil)
	_ list.ListResourceWithConfigure = (*webhookEndpointListResource)(nil)
)

// NewWebhookEndpointListResource is the affinipay_webhook_endpoint list resource factory.
func NewWebhookEndpointListResource() list.ListResource { return &webhookEndpointListResource{} }

type webhookEndpointListResource struct{ framework.ListResourceBase }

type webhookEndpointListModel struct {
	Mode types.String `tfsdk:"mode"`
}

func (l *webhookEndpointListResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_webhook_endpoint"
}

func (l *webhookEndpointListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the merchant's webhook URLs (`test_events_urls` and `live_events_urls` of `GET /v1/merchant`) for " +
			"`terraform query`, one result per URL, named `<mode>: <url>`.",
		Attributes: map[string]schema.Attribute{
			"mode": schema.StringAttribute{
				MarkdownDescription: "Only the URLs of this mode, `test` or `live`. Default: both.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.OneOf(client.ModeTest, client.ModeLive)},
			},
		},
	}
}

func (l *webhookEndpointListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var diags diag.Diagnostics
	var cfg webhookEndpointListModel
	diags.Append(req.Config.Get(ctx, &cfg)...)
	if diags.HasError() || !l.Configured(&diags) {
		stream.Results = framework.ListError(diags)
		return
	}
	m, err := l.Data.Client.GetMerchant(ctx)
	if err != nil {
		framework.AddAPIError(&diags, "Unable to read the merchant's event URLs", err, nil)
		stream.Results = framework.ListError(diags)
		return
	}
	modes := []string{client.ModeTest, client.ModeLive}
	if !cfg.Mode.IsNull() {
		modes = []string{cfg.Mode.ValueString()}
	}
	var items []framework.ListItem
	for _, mode := range modes {
		for _, raw := range SplitEventsURLs(EventsURLs(m, mode)) {
			url := strings.TrimSpace(raw)
			items = append(items, framework.ListItem{
				Display:  mode + ": " + url,
				Identity: map[string]string{"mode": mode, "url": url},
				Fill: func(ctx context.Context, res *tfsdk.Resource) diag.Diagnostics {
					d := res.SetAttribute(ctx, path.Root("id"), types.StringValue(webhookEndpointID(mode, url)))
					d.Append(res.SetAttribute(ctx, path.Root("allow_http"), types.BoolValue(validators.IsHTTPURL(url)))...)
					return d
				},
			})
		}
	}
	stream.Results = framework.StreamList(ctx, req, items)
}
