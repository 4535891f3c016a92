package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/provider"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/functions"
)

var _ provider.ProviderWithFunctions = (*AffinipayProvider)(nil)

// Functions are the provider-defined functions (internal/functions),
// called as provider::affinipay::<name>(...) on Terraform >= 1.8 and
// OpenTofu >= 1.7. They need no provider configuration.
func (p *AffinipayProvider) Functions(_ context.Context) []func() function.Function {
	return functions.Functions()
}
