// Package contacts holds contacts and their tags (`affinipay_contact`,
// `affinipay_contact_tag`, the contact data sources and list resources): the
// Contact API's contacts.
//
// One file per object and concern (schema, model, expand/flatten, resource,
// data sources, list resource, ephemeral resource, actions). It imports the
// plumbing (internal/framework), the client and the validators, and no
// other object package; see "Architecture" in README.md.
package contacts

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// Resources are the resources of this package, registered by the provider.
func Resources() []func() resource.Resource {
	return []func() resource.Resource{
		NewContactResource,
		NewContactTagResource,
	}
}

// DataSources are the data sources of this package, registered by the
// provider.
func DataSources() []func() datasource.DataSource {
	return []func() datasource.DataSource{
		NewContactDataSource,
		NewContactsDataSource,
	}
}

// ListResources are the list resources of this package (`terraform
// query`, Terraform 1.14+), registered by the provider.
func ListResources() []func() list.ListResource {
	return []func() list.ListResource{
		NewContactListResource,
		NewContactTagListResource,
	}
}
