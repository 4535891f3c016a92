// Package readbench is bench-only code shared by the refresh benchmarks of
// the provider (internal/provider BenchmarkContactRead) and of the floor
// provider (internal/bench/floorprovider BenchmarkFloorContactRead), so
// both read the same contact through the same protocol calls.
package readbench

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// ContactType is the resource type the benchmarks refresh.
const ContactType = "affinipay_contact"

// Contact configures server (a provider block with no attributes: the
// provider takes the rest from its environment), creates a person with two
// tags and an email address through PlanResourceChange and
// ApplyResourceChange, and returns the new state.
func Contact(tb testing.TB, server tfprotov6.ProviderServer) *tfprotov6.DynamicValue {
	tb.Helper()
	ctx := context.Background()
	schemas, err := server.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		tb.Fatal(err)
	}
	providerType, ok := schemas.Provider.ValueType().(tftypes.Object)
	if !ok {
		tb.Fatal("the provider schema is not an object")
	}
	cfg, err := tfprotov6.NewDynamicValue(providerType, NullObject(providerType, nil))
	if err != nil {
		tb.Fatal(err)
	}
	if resp, err := server.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{Config: &cfg}); err != nil || hasError(resp.Diagnostics) {
		tb.Fatalf("configure: %v %v", err, resp.Diagnostics)
	}
	typ, ok := schemas.ResourceSchemas[ContactType].ValueType().(tftypes.Object)
	if !ok {
		tb.Fatal("the contact schema is not an object")
	}
	emails, ok := typ.AttributeTypes["email_addresses"].(tftypes.List)
	if !ok {
		tb.Fatal("email_addresses is not a list")
	}
	email, ok := emails.ElementType.(tftypes.Object)
	if !ok {
		tb.Fatal("an email address is not an object")
	}
	config := NullObject(typ, map[string]tftypes.Value{
		"type":       tftypes.NewValue(tftypes.String, "person"),
		"first_name": tftypes.NewValue(tftypes.String, "Ada"),
		"last_name":  tftypes.NewValue(tftypes.String, "Lovelace"),
		"tags":       tftypes.NewValue(typ.AttributeTypes["tags"], []tftypes.Value{tftypes.NewValue(tftypes.String, "vip"), tftypes.NewValue(tftypes.String, "bench")}),
		"email_addresses": tftypes.NewValue(typ.AttributeTypes["email_addresses"], []tftypes.Value{NullObject(email, map[string]tftypes.Value{
			"address": tftypes.NewValue(tftypes.String, "ada@example.com"),
		})}),
	})
	dv := func(v tftypes.Value) *tfprotov6.DynamicValue {
		d, err := tfprotov6.NewDynamicValue(typ, v)
		if err != nil {
			tb.Fatal(err)
		}
		return &d
	}
	null := dv(tftypes.NewValue(typ, nil))
	plan, err := server.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{
		TypeName: ContactType, PriorState: null, ProposedNewState: dv(config), Config: dv(config),
	})
	if err != nil || hasError(plan.Diagnostics) {
		tb.Fatalf("plan: %v %v", err, plan.Diagnostics)
	}
	created, err := server.ApplyResourceChange(ctx, &tfprotov6.ApplyResourceChangeRequest{
		TypeName: ContactType, PriorState: null, PlannedState: plan.PlannedState, Config: dv(config),
	})
	if err != nil || hasError(created.Diagnostics) {
		tb.Fatalf("create: %v %v", err, created.Diagnostics)
	}
	return created.NewState
}

// Refresh runs ReadResource of the contact in state until b is done.
func Refresh(b *testing.B, server tfprotov6.ProviderServer, state *tfprotov6.DynamicValue) {
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		resp, err := server.ReadResource(ctx, &tfprotov6.ReadResourceRequest{TypeName: ContactType, CurrentState: state})
		if err != nil || hasError(resp.Diagnostics) {
			b.Fatalf("read: %v %v", err, resp.Diagnostics)
		}
	}
}

// NullObject is a value of typ whose attributes are null except set.
func NullObject(typ tftypes.Object, set map[string]tftypes.Value) tftypes.Value {
	vals := make(map[string]tftypes.Value, len(typ.AttributeTypes))
	for name, at := range typ.AttributeTypes {
		vals[name] = tftypes.NewValue(at, nil)
	}
	for name, v := range set {
		vals[name] = v
	}
	return tftypes.NewValue(typ, vals)
}

func hasError(diags []*tfprotov6.Diagnostic) bool {
	for _, d := range diags {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			return true
		}
	}
	return false
}
