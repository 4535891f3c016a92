package provider

import (
	"context"
	"net/http/httptest"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/client"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/sandbox"
)

// BenchmarkContactRead is the refresh of one affinipay_contact (tags, an
// email address) through the provider's protocol server, as Terraform
// drives it, against an in-process sandbox: ReadResource, with the
// framework's conversions, the model, the GET and the identity. `make
// bench` runs it; its ns/op and allocs/op are the provider's share of a
// refresh per contact.
func BenchmarkContactRead(b *testing.B) {
	ctx := context.Background()
	sb := sandbox.New(sandbox.Options{})
	srv := httptest.NewServer(sb)
	b.Cleanup(srv.Close)
	creds := sandbox.DefaultCredentials()
	env := map[string]string{
		client.EnvBaseURL: srv.URL, client.EnvSecretKey: creds.TestSecretKey, client.EnvAccessToken: creds.AccessToken,
		client.EnvPublicKey: creds.PublicKey, client.EnvMode: client.ModeTest,
	}
	server, err := providerserver.NewProtocol6WithError(&affinipayProvider{version: "bench", getenv: func(k string) string { return env[k] }})()
	if err != nil {
		b.Fatal(err)
	}
	schemas, err := server.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		b.Fatal(err)
	}
	providerType := schemas.Provider.ValueType().(tftypes.Object)
	cfg, err := tfprotov6.NewDynamicValue(providerType, nullObject(providerType, nil))
	if err != nil {
		b.Fatal(err)
	}
	if resp, err := server.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{Config: &cfg}); err != nil || len(resp.Diagnostics) > 0 {
		b.Fatalf("configure: %v %v", err, resp.Diagnostics)
	}

	const typeName = "affinipay_contact"
	typ := schemas.ResourceSchemas[typeName].ValueType().(tftypes.Object)
	email := typ.AttributeTypes["email_addresses"].(tftypes.List).ElementType.(tftypes.Object)
	config := nullObject(typ, map[string]tftypes.Value{
		"type":       tftypes.NewValue(tftypes.String, "person"),
		"first_name": tftypes.NewValue(tftypes.String, "Ada"),
		"last_name":  tftypes.NewValue(tftypes.String, "Lovelace"),
		"tags":       tftypes.NewValue(typ.AttributeTypes["tags"], []tftypes.Value{tftypes.NewValue(tftypes.String, "vip"), tftypes.NewValue(tftypes.String, "bench")}),
		"email_addresses": tftypes.NewValue(typ.AttributeTypes["email_addresses"], []tftypes.Value{nullObject(email, map[string]tftypes.Value{
			"address": tftypes.NewValue(tftypes.String, "ada@example.com"),
		})}),
	})
	dv := func(v tftypes.Value) *tfprotov6.DynamicValue {
		d, err := tfprotov6.NewDynamicValue(typ, v)
		if err != nil {
			b.Fatal(err)
		}
		return &d
	}
	null := dv(tftypes.NewValue(typ, nil))
	plan, err := server.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{
		TypeName: typeName, PriorState: null, ProposedNewState: dv(config), Config: dv(config),
	})
	if err != nil || hasError(plan.Diagnostics) {
		b.Fatalf("plan: %v %v", err, plan.Diagnostics)
	}
	created, err := server.ApplyResourceChange(ctx, &tfprotov6.ApplyResourceChangeRequest{
		TypeName: typeName, PriorState: null, PlannedState: plan.PlannedState, Config: dv(config),
	})
	if err != nil || hasError(created.Diagnostics) {
		b.Fatalf("create: %v %v", err, created.Diagnostics)
	}

	b.ReportAllocs()
	for b.Loop() {
		resp, err := server.ReadResource(ctx, &tfprotov6.ReadResourceRequest{TypeName: typeName, CurrentState: created.NewState})
		if err != nil || hasError(resp.Diagnostics) {
			b.Fatalf("read: %v %v", err, resp.Diagnostics)
		}
	}
}

// nullObject is a value of typ whose attributes are null except set.
func nullObject(typ tftypes.Object, set map[string]tftypes.Value) tftypes.Value {
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
