package provider

import (
	"context"
	"testing"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/framework"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/services/merchant"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/services/paymentmethods"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/services/recurringcharges"
	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// The identity is copied from the same-named state attributes: known
// strings as they are, unknown and absent ones as null.
func TestIdentityFromState(t *testing.T) {
	ctx := context.Background()
	var schemaResp resource.SchemaResponse
	(&paymentmethods.PaymentMethodResource{}).Schema(ctx, resource.SchemaRequest{}, &schemaResp)
	var identResp resource.IdentitySchemaResponse
	(&recurringcharges.RecurringChargeResource{}).IdentitySchema(ctx, resource.IdentitySchemaRequest{}, &identResp)

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
	if diags := framework.IdentityFromState(ctx, state, ident); diags.HasError() {
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
	(&paymentmethods.PaymentMethodResource{}).IdentitySchema(ctx, resource.IdentitySchemaRequest{}, &identResp)
	ident = &tfsdk.ResourceIdentity{Schema: identResp.IdentitySchema}
	if diags := framework.IdentityFromState(ctx, state, ident); diags.HasError() {
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
	if diags := framework.IdentityFromState(ctx, tfsdk.State{Schema: schemaResp.Schema, Raw: tftypes.NewValue(stateType, nil)}, ident); diags.HasError() || !ident.Raw.IsNull() {
		t.Errorf("identity from a null state = %s, %v; want unchanged null", ident.Raw, diags)
	}
}

// A Read that finds what the prior state holds keeps the state Terraform
// sent (no model-to-state conversion); one that finds a difference sets
// the state from what it found. Both fill the identity.
func TestSetReadState(t *testing.T) {
	ctx := context.Background()
	r := &merchant.WebhookEndpointResource{}
	var schemaResp resource.SchemaResponse
	r.Schema(ctx, resource.SchemaRequest{}, &schemaResp)
	var identResp resource.IdentitySchemaResponse
	r.IdentitySchema(ctx, resource.IdentitySchemaRequest{}, &identResp)
	model := merchant.WebhookEndpointModel{
		ID: types.StringValue("test:https://h.example.com/a"), URL: types.StringValue("https://h.example.com/a"),
		Mode: types.StringValue("test"), AllowHTTP: types.BoolValue(false),
		Timeouts: timeouts.Value{Object: types.ObjectNull(map[string]attr.Type{
			"create": types.StringType, "read": types.StringType, "update": types.StringType, "delete": types.StringType,
		})},
	}
	newResp := func() *resource.ReadResponse {
		// What the framework passes: the state Terraform sent, here one
		// that differs from the model in allow_http, so that a conversion
		// from the model would show.
		st := tfsdk.State{Schema: schemaResp.Schema}
		sent := model
		sent.AllowHTTP = types.BoolValue(true)
		if diags := st.Set(ctx, &sent); diags.HasError() {
			t.Fatal(diags)
		}
		return &resource.ReadResponse{State: st, Identity: &tfsdk.ResourceIdentity{
			Schema: identResp.IdentitySchema, Raw: tftypes.NewValue(identResp.IdentitySchema.Type().TerraformType(ctx), nil),
		}}
	}
	allowHTTP := func(resp *resource.ReadResponse) bool {
		var v types.Bool
		if diags := resp.State.GetAttribute(ctx, path.Root("allow_http"), &v); diags.HasError() {
			t.Fatal(diags)
		}
		return v.ValueBool()
	}

	same := newResp()
	prior, current := model, model
	if diags := framework.SetReadState(ctx, same, &prior, &current); diags.HasError() {
		t.Fatal(diags)
	}
	if !allowHTTP(same) {
		t.Error("no drift: the state was converted from the model instead of kept as sent")
	}
	if same.Identity.Raw.IsNull() {
		t.Error("no drift: the identity was not filled")
	}

	changed := newResp()
	current.URL = types.StringValue("https://h.example.com/b")
	if diags := framework.SetReadState(ctx, changed, &prior, &current); diags.HasError() {
		t.Fatal(diags)
	}
	var url types.String
	if diags := changed.State.GetAttribute(ctx, path.Root("url"), &url); diags.HasError() || url.ValueString() != "https://h.example.com/b" || allowHTTP(changed) {
		t.Errorf("drift: state url = %s, allow_http = %v; want the model's (https://h.example.com/b, false)", url, allowHTTP(changed))
	}
}
