package functions

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestRoutingNumberValid(t *testing.T) {
	for number, want := range map[string]bool{
		"000000000":  true,  // the reference's test routing numbers
		"000000013":  true,  //
		"021000021":  true,  // 3*0+7*2+1*1 + 3*0+7*0+1*0 + 3*0+7*2+1*1 = 30
		"011000015":  true,  //
		"021000022":  false, // check digit off by one
		"000000012":  false,
		"02100002":   false, // 8 digits
		"0210000210": false,
		"02100002a":  false,
		"":           false,
		" 21000021":  false,
	} {
		resp := function.RunResponse{Result: function.NewResultData(types.BoolUnknown())}
		routingNumberValidFunction{}.Run(context.Background(), function.RunRequest{
			Arguments: function.NewArgumentsData([]attr.Value{types.StringValue(number)}),
		}, &resp)
		if resp.Error != nil || !resp.Result.Value().Equal(types.BoolValue(want)) {
			t.Errorf("routing_number_valid(%q) = %v, %v; want %v", number, resp.Result.Value(), resp.Error, want)
		}
	}
}
