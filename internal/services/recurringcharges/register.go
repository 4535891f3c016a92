// Package recurringcharges holds recurring charges with their schedules and
// occurrences (`affinipay_recurring_charge`,
// `affinipay_recurring_charge_occurrence`, their data sources and list
// resources, and the occurrence pay and ignore actions).
//
// One file per object and concern (schema, model, expand/flatten, resource,
// data sources, list resource, ephemeral resource, actions). It imports the
// plumbing (internal/framework), the client and the validators, and no
// other object package; see "Architecture" in README.md.
package recurringcharges

import (
	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// Resources are the resources of this package, registered by the provider.
func Resources() []func() resource.Resource {
	return []func() resource.Resource{
		NewRecurringChargeResource,
		NewRecurringChargeOccurrenceResource,
	}
}

// DataSources are the data sources of this package, registered by the
// provider.
func DataSources() []func() datasource.DataSource {
	return []func() datasource.DataSource{
		NewRecurringChargeScheduleDataSource,
		NewRecurringChargesDataSource,
		NewRecurringChargeOccurrencesDataSource,
	}
}

// ListResources are the list resources of this package (`terraform
// query`, Terraform 1.14+), registered by the provider.
func ListResources() []func() list.ListResource {
	return []func() list.ListResource{
		NewRecurringChargeListResource,
		NewRecurringChargeOccurrenceListResource,
	}
}

// Actions are the actions (Terraform 1.14+) of this package, registered by the provider.
func Actions() []func() action.Action {
	return []func() action.Action{
		NewRecurringChargeOccurrencePayAction,
		NewRecurringChargeOccurrenceIgnoreAction,
	}
}
