package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
)

var _ datasource.DataSourceWithConfigure = (*gatewayCredentialsDataSource)(nil)

// NewGatewayCredentialsDataSource is the affinipay_gateway_credentials data source.
func NewGatewayCredentialsDataSource() datasource.DataSource { return &gatewayCredentialsDataSource{} }

type gatewayCredentialsDataSource struct{ data *ProviderData }

func (d *gatewayCredentialsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_gateway_credentials"
}

func (d *gatewayCredentialsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The merchant's test and live gateway accounts and keys (`GET /gateway-credentials`, bearer token).\n\n" +
			"~> **The secret keys land in the Terraform state** (marked sensitive, which hides them from plan output but not from the state file). " +
			"Prefer the `affinipay_gateway_credentials` **ephemeral resource** (Terraform 1.10 and later), which returns the same data without ever " +
			"writing it to state or plan, and pass the key on to a write-only attribute. Use this data source only when the state is stored " +
			"encrypted with access as tight as the keys themselves deserve.",
		Attributes: dataSourceAttributes(gatewayCredentialsSpec),
	}
}

func (d *gatewayCredentialsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *gatewayCredentialsDataSource) Read(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
	creds, err := d.data.Client.GetGatewayCredentials(ctx)
	if err != nil {
		addAPIError(&resp.Diagnostics, "Unable to read AffiniPay gateway credentials", err, nil)
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, flattenGatewayCredentials(creds))...)
}
