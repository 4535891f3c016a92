// Package functions holds the provider-defined functions of the AffiniPay
// provider (Terraform >= 1.8, OpenTofu >= 1.7): pure computations that need
// no credentials and make no request, called as
// provider::affinipay::<name>(...).
package functions

import "github.com/hashicorp/terraform-plugin-framework/function"

// Functions are the provider's functions, registered by the provider's
// Functions method.
func Functions() []func() function.Function {
	return []func() function.Function{
		NewCentsFunction,
		NewRoutingNumberValidFunction,
		NewScheduleDatesFunction,
	}
}
