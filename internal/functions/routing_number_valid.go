package functions

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/function"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/validators"
)

var _ function.Function = routingNumberValidFunction{}

// NewRoutingNumberValidFunction is the routing_number_valid function.
func NewRoutingNumberValidFunction() function.Function { return routingNumberValidFunction{} }

type routingNumberValidFunction struct{}

func (routingNumberValidFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "routing_number_valid"
}

func (routingNumberValidFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "Checks an ABA routing number's check digit",
		MarkdownDescription: "Returns `true` when `number` is an ABA routing number: exactly 9 digits whose weighted sum " +
			"(weights 3, 7, 1 repeated) is a multiple of 10, the check every US routing number passes; `false` otherwise " +
			"(a typo, the wrong length, or characters other than digits). It is the same check the provider applies to " +
			"`routing_number` at plan time, so a variable can be validated before any plan reaches the API, for example in a " +
			"`validation` block. It does not tell whether a bank uses the number.",
		Parameters: []function.Parameter{
			function.StringParameter{
				Name:                "number",
				MarkdownDescription: "The routing number, as a string of digits (`\"021000021\"`); write it as a string to keep leading zeros.",
			},
		},
		Return: function.BoolReturn{},
	}
}

func (routingNumberValidFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var number string
	resp.Error = function.ConcatFuncErrors(resp.Error, req.Arguments.Get(ctx, &number))
	if resp.Error != nil {
		return
	}
	resp.Error = function.ConcatFuncErrors(resp.Error, resp.Result.Set(ctx, validators.CheckRoutingNumber(number) == ""))
}
