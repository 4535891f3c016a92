package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// The identity is copied from the same-named state attributes: known
// strings as they are, unknown and absent ones as null.
func TestIdentityFromState(t *testing.T) {
	ctx := context.Background()
	var schemaResp resource.SchemaResponse
	(&paymentMethodResource{}).Schema(ctx, resource.SchemaRequest{}, &schemaResp)
	var identResp resource.IdentitySchemaResponse
	(&recurringChargeResource{}).IdentitySchema(ctx, resource.IdentitySchemaRequest{}, &identResp)

	stateType := schemaResp.Schema.Type().TerraformType(ctx).(tftypes.Object)
	vals := map[string]tftypes.Value{}
	for name, typ := range stateType.AttributeTypes {
		vals[name] = tftypes.NewValue(typ, nil)
	}
	vals["id"] = tftypes.NewValue(tftypes.String, "pm_1")
	vals["contact_id"] = tftypes.NewValue(tftypes.String, tftypes.UnknownValue)
	state := tfsdk.State{Schema: schemaResp.Schema, Raw: tftypes.NewValue(stateType, vals)}

	// The recurring charge's identity (id, method) over a payment method's
	// state: id is there, method is not.
	ident := &tfsdk.ResourceIdentity{Schema: identResp.IdentitySchema}
	if diags := identityFromState(ctx, state, ident); diags.HasError() {
		t.Fatal(diags)
	}
	var got map[string]tftypes.Value
	if err := ident.Raw.As(&got); err != nil {
		t.Fatal(err)
	}
	var id string
	if err := got["id"].As(&id); err != nil || id != "pm_1" {
		t.Errorf("id = %q (%v), want pm_1", id, err)
	}
	if !got["method"].IsNull() {
		t.Errorf("method = %s, want null (absent from the state)", got["method"])
	}

	// The payment method's own identity (contact_id, id): unknown is null.
	(&paymentMethodResource{}).IdentitySchema(ctx, resource.IdentitySchemaRequest{}, &identResp)
	ident = &tfsdk.ResourceIdentity{Schema: identResp.IdentitySchema}
	if diags := identityFromState(ctx, state, ident); diags.HasError() {
		t.Fatal(diags)
	}
	if err := ident.Raw.As(&got); err != nil {
		t.Fatal(err)
	}
	if !got["contact_id"].IsNull() {
		t.Errorf("contact_id = %s, want null (unknown in the state)", got["contact_id"])
	}

	// A removed resource (null state) leaves the identity as it was.
	ident = &tfsdk.ResourceIdentity{Schema: identResp.IdentitySchema, Raw: tftypes.NewValue(identResp.IdentitySchema.Type().TerraformType(ctx), nil)}
	if diags := identityFromState(ctx, tfsdk.State{Schema: schemaResp.Schema, Raw: tftypes.NewValue(stateType, nil)}, ident); diags.HasError() || !ident.Raw.IsNull() {
		t.Errorf("identity from a null state = %s, %v; want unchanged null", ident.Raw, diags)
	}
}
