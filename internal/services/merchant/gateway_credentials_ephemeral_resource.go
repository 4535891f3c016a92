package merchant

import (
	"context"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/framework"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral/schema"
)

var _ ephemeral.EphemeralResourceWithConfigure = (*gatewayCredentialsEphemeralResource)(nil)

// NewGatewayCredentialsEphemeralResource is the affinipay_gateway_credentials ephemeral resource.
func NewGatewayCredentialsEphemeralResource() ephemeral.EphemeralResource {
	return &gatewayCredentialsEphemeralResource{}
}

type gatewayCredentialsEphemeralResource struct{ framework.EphemeralBase }

func (e *gatewayCredentialsEphemeralResource) Metadata(_ context.Context, req ephemeral.MetadataRequest, resp *ephemeral.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_gateway_credentials"
}

func (e *gatewayCredentialsEphemeralResource) Schema(_ context.Context, _ ephemeral.SchemaRequest, resp *ephemeral.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The merchant's test and live gateway accounts and keys (`GET /gateway-credentials`, bearer token), " +
			"**without ever writing them to the plan or the state**. Requires Terraform 1.10 or later.\n\n" +
			"Prefer it to the `affinipay_gateway_credentials` data source whenever a secret key only needs to be passed on: to a " +
			"write-only attribute of another provider (for example a secret manager's `secret_string_wo`), to a provider " +
			"configuration, or to another ephemeral resource. Values are read afresh in every plan and apply.",
		Attributes: framework.EphemeralAttributes(gatewayCredentialsSpec),
	}
}

func (e *gatewayCredentialsEphemeralResource) Open(ctx context.Context, _ ephemeral.OpenRequest, resp *ephemeral.OpenResponse) {
	creds, err := e.Data.Client.GetGatewayCredentials(ctx)
	if err != nil {
		framework.AddAPIError(&resp.Diagnostics, "Unable to read AffiniPay gateway credentials", err, nil)
		return
	}
	resp.Diagnostics.Append(resp.Result.Set(ctx, flattenGatewayCredentials(creds))...)
}
