// Package merchant holds the merchant's settings and what hangs off the
// merchant object: `affinipay_merchant`, webhook endpoints (the merchant's
// event URL lists), the eCheck account policy, bank accounts, gateway
// credentials, gateway status, surcharge and webhook source IPs, and the
// test-data purge action.
//
// One file per object and concern (schema, model, expand/flatten, resource,
// data sources, list resource, ephemeral resource, actions). It imports the
// plumbing (internal/framework), the client and the validators, and no
// other object package; see "Architecture" in README.md.
package merchant

import (
	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// Resources are the resources of this package, registered by the provider.
func Resources() []func() resource.Resource {
	return []func() resource.Resource{
		NewWebhookEndpointResource,
		NewMerchantResource,
		NewAchAccountResource,
	}
}

// DataSources are the data sources of this package, registered by the
// provider.
func DataSources() []func() datasource.DataSource {
	return []func() datasource.DataSource{
		NewStatusDataSource,
		NewMerchantDataSource,
		NewBankAccountsDataSource,
		NewGatewayCredentialsDataSource,
		NewWebhookSourceIPsDataSource,
		NewSurchargeDataSource,
	}
}

// EphemeralResources are the ephemeral resources of this package,
// registered by the provider.
func EphemeralResources() []func() ephemeral.EphemeralResource {
	return []func() ephemeral.EphemeralResource{
		NewGatewayCredentialsEphemeralResource,
	}
}

// ListResources are the list resources of this package (`terraform
// query`, Terraform 1.14+), registered by the provider.
func ListResources() []func() list.ListResource {
	return []func() list.ListResource{
		NewWebhookEndpointListResource,
	}
}

// Actions are the actions (Terraform 1.14+) of this package, registered by the provider.
func Actions() []func() action.Action {
	return []func() action.Action{
		NewPurgeTestDataAction,
	}
}
