// Package paymentmethods holds contact payment methods and one-time payment
// tokens (`affinipay_contact_payment_method`, the `affinipay_payment_token`
// ephemeral resource and the payment method list resource).
//
// One file per object and concern (schema, model, expand/flatten, resource,
// data sources, list resource, ephemeral resource, actions). It imports the
// plumbing (internal/framework), the client and the validators, and no
// other object package; see "Architecture" in README.md.
package paymentmethods

import (
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// Resources are the resources of this package, registered by the provider.
func Resources() []func() resource.Resource {
	return []func() resource.Resource{
		NewPaymentMethodResource,
	}
}

// EphemeralResources are the ephemeral resources of this package,
// registered by the provider.
func EphemeralResources() []func() ephemeral.EphemeralResource {
	return []func() ephemeral.EphemeralResource{
		NewPaymentTokenEphemeralResource,
	}
}

// ListResources are the list resources of this package (`terraform
// query`, Terraform 1.14+), registered by the provider.
func ListResources() []func() list.ListResource {
	return []func() list.ListResource{
		NewPaymentMethodListResource,
	}
}
