package merchant

import (
	"context"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/framework"
	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var (
	_ datasource.DataSourceWithConfigure      = (*gatewayCredentialsDataSource)(nil)
	_ datasource.DataSourceWithValidateConfig = (*gatewayCredentialsDataSource)(nil)
)

// NewGatewayCredentialsDataSource is the affinipay_gateway_credentials data source.
func NewGatewayCredentialsDataSource() datasource.DataSource { return &gatewayCredentialsDataSource{} }

type gatewayCredentialsDataSource struct{ framework.DataSourceBase }

// gatewayCredentialsDataSourceModel is the shared model plus the switch
// that lets the secret keys into the state, and the timeouts.
type gatewayCredentialsDataSourceModel struct {
	IncludeSecretKeys types.Bool     `tfsdk:"include_secret_keys"`
	Timeouts          timeouts.Value `tfsdk:"timeouts"`
	gatewayCredentialsModel
}

func (d *gatewayCredentialsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_gateway_credentials"
}

const gatewayCredentialsIncludeWarning = "include_secret_keys = true writes the merchant's test and live gateway secret keys " +
	"into the Terraform state (and its backups). Marking them sensitive hides them from plan output, not from the state file. " +
	"Prefer the affinipay_gateway_credentials ephemeral resource, which never writes them anywhere, and pass the key on to a " +
	"write-only attribute."

func (d *gatewayCredentialsDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := framework.DataSourceAttributes(gatewayCredentialsSpec)
	attrs["include_secret_keys"] = schema.BoolAttribute{
		MarkdownDescription: "Whether to fill in the accounts' `secret_key`. Default `false`: every `secret_key` is null, and no " +
			"secret key reaches the state. `true` stores the test and live secret keys in the state, with a warning at plan time; " +
			"prefer the ephemeral resource of the same name.",
		Optional: true,
	}
	attrs["timeouts"] = framework.DataSourceTimeoutsAttribute(ctx)
	resp.Schema = schema.Schema{
		MarkdownDescription: "The merchant's test and live gateway accounts and public keys (`GET /gateway-credentials`, bearer token).\n\n" +
			"The accounts' **secret keys are left out** (null) unless `include_secret_keys = true`, because a data source's values are " +
			"stored in the Terraform state: marking them sensitive hides them from plan output, not from the state file. To pass a " +
			"secret key on, use the `affinipay_gateway_credentials` **ephemeral resource** (Terraform 1.10 and later), which returns " +
			"the same data without ever writing it to the state or the plan, into a write-only attribute. Set `include_secret_keys` " +
			"only when the state is stored encrypted with access as tight as the keys themselves deserve.",
		Attributes: attrs,
	}
}

// ValidateConfig warns, at plan time, that include_secret_keys stores the
// secret keys in the state.
func (d *gatewayCredentialsDataSource) ValidateConfig(ctx context.Context, req datasource.ValidateConfigRequest, resp *datasource.ValidateConfigResponse) {
	var include types.Bool
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("include_secret_keys"), &include)...)
	if include.ValueBool() {
		resp.Diagnostics.AddAttributeWarning(path.Root("include_secret_keys"), "Secret keys will be stored in the state",
			gatewayCredentialsIncludeWarning)
	}
}

func (d *gatewayCredentialsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var include types.Bool
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("include_secret_keys"), &include)...)
	ctx, cancel, t, ok := framework.WithDataSourceConfigTimeout(ctx, req.Config, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	creds, err := d.Data.Client.GetGatewayCredentials(ctx)
	if err != nil {
		framework.AddAPIError(&resp.Diagnostics, "Unable to read AffiniPay gateway credentials", err, nil)
		return
	}
	m := flattenGatewayCredentials(creds)
	if !include.ValueBool() {
		m = m.withoutSecretKeys()
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, gatewayCredentialsDataSourceModel{IncludeSecretKeys: include, Timeouts: t, gatewayCredentialsModel: *m})...)
}
