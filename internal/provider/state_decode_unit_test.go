package provider

import (
	"context"
	"fmt"
	"math/big"
	"reflect"
	"testing"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/framework"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/services/contacts"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/services/merchant"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/services/paymentmethods"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/services/recurringcharges"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// getStateModel decodes exactly what state.Get does, for every resource's
// model, on a state with every attribute null, one with every attribute
// set (nested lists and sets with an element, each of its attributes set),
// and one with every attribute unknown.
func TestGetStateModelMatchesStateGet(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		r      resource.Resource
		decode func(*testing.T, tfsdk.State)
	}{
		{&merchant.ACHAccountResource{}, checkStateDecode[merchant.ACHAccountResourceModel]},
		{&contacts.ContactResource{}, checkStateDecode[contacts.ContactResourceModel]},
		{&contacts.ContactTagResource{}, checkStateDecode[contacts.ContactTagModel]},
		{&merchant.MerchantResource{}, checkStateDecode[merchant.MerchantResourceModel]},
		{&paymentmethods.PaymentMethodResource{}, checkStateDecode[paymentmethods.PaymentMethodResourceModel]},
		{&recurringcharges.RecurringChargeResource{}, checkStateDecode[recurringcharges.RecurringChargeModel]},
		{&merchant.WebhookEndpointResource{}, checkStateDecode[merchant.WebhookEndpointModel]},
	} {
		var meta resource.MetadataResponse
		tc.r.Metadata(ctx, resource.MetadataRequest{ProviderTypeName: "affinipay"}, &meta)
		var sr resource.SchemaResponse
		tc.r.Schema(ctx, resource.SchemaRequest{}, &sr)
		typ := sr.Schema.Type().TerraformType(ctx)
		for _, fill := range []string{"null", "set", "unknown"} {
			t.Run(meta.TypeName+"/"+fill, func(t *testing.T) {
				seq := 0
				tc.decode(t, tfsdk.State{Schema: sr.Schema, Raw: sampleValue(typ, fill, &seq, true)})
			})
		}
	}
}

func checkStateDecode[T any](t *testing.T, state tfsdk.State) {
	t.Helper()
	ctx := context.Background()
	var want, got T
	wantDiags := state.Get(ctx, &want)
	gotDiags := framework.GetStateModel(ctx, state, &got)
	if wantDiags.HasError() != gotDiags.HasError() {
		t.Fatalf("errors differ: state.Get %v, getStateModel %v", wantDiags, gotDiags)
	}
	if !reflect.DeepEqual(want, got) {
		t.Errorf("getStateModel decoded\n%+v\nstate.Get decoded\n%+v", got, want)
	}
	if plan := framework.StateDecodePlanFor(reflect.TypeFor[T](), state); plan == nil {
		t.Errorf("%T is decoded by state.Get, not by its own plan", got)
	}
}

// sampleValue is a value of typ: null, unknown, or set (strings "v1",
// "v2", ... numbers 1, 2, ..., true, one-element collections) at the top
// level; below it, set values are filled the same way.
func sampleValue(typ tftypes.Type, fill string, seq *int, top bool) tftypes.Value {
	if obj, ok := typ.(tftypes.Object); ok && top {
		vals := map[string]tftypes.Value{}
		for name, at := range obj.AttributeTypes {
			vals[name] = sampleValue(at, fill, seq, false)
		}
		return tftypes.NewValue(typ, vals)
	}
	switch fill {
	case "null":
		return tftypes.NewValue(typ, nil)
	case "unknown":
		return tftypes.NewValue(typ, tftypes.UnknownValue)
	}
	*seq++
	switch {
	case typ.Is(tftypes.String):
		return tftypes.NewValue(typ, fmt.Sprintf("v%d", *seq))
	case typ.Is(tftypes.Number):
		return tftypes.NewValue(typ, big.NewFloat(float64(*seq)))
	case typ.Is(tftypes.Bool):
		return tftypes.NewValue(typ, true)
	case typ.Is(tftypes.List{}):
		return tftypes.NewValue(typ, []tftypes.Value{sampleValue(typ.(tftypes.List).ElementType, fill, seq, false)})
	case typ.Is(tftypes.Set{}):
		return tftypes.NewValue(typ, []tftypes.Value{sampleValue(typ.(tftypes.Set).ElementType, fill, seq, false)})
	case typ.Is(tftypes.Map{}):
		return tftypes.NewValue(typ, map[string]tftypes.Value{"k": sampleValue(typ.(tftypes.Map).ElementType, fill, seq, false)})
	case typ.Is(tftypes.Object{}):
		vals := map[string]tftypes.Value{}
		for name, at := range typ.(tftypes.Object).AttributeTypes {
			vals[name] = sampleValue(at, fill, seq, false)
		}
		return tftypes.NewValue(typ, vals)
	}
	return tftypes.NewValue(typ, nil)
}
