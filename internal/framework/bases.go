package framework

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// ResourceBase, DataSourceBase and EphemeralBase give a resource, data
// source or ephemeral resource (by embedding) its Configure method and the
// provider data it stores. Data is nil until the provider is configured
// (validation runs before); list resources and actions have ListResourceBase
// and ActionBase.
type ResourceBase struct{ Data *ProviderData }

// Configure stores the provider data.
func (b *ResourceBase) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	b.Data = ProviderDataFrom(req.ProviderData, &resp.Diagnostics)
}

// DataSourceBase: see ResourceBase.
type DataSourceBase struct{ Data *ProviderData }

// Configure stores the provider data.
func (b *DataSourceBase) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	b.Data = ProviderDataFrom(req.ProviderData, &resp.Diagnostics)
}

// EphemeralBase: see ResourceBase.
type EphemeralBase struct{ Data *ProviderData }

// Configure stores the provider data.
func (b *EphemeralBase) Configure(_ context.Context, req ephemeral.ConfigureRequest, resp *ephemeral.ConfigureResponse) {
	b.Data = ProviderDataFrom(req.ProviderData, &resp.Diagnostics)
}
