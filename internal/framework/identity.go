package framework

import (
	"context"
	"reflect"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// Resource identity (Terraform 1.12+): every resource has an identity made
// of string attributes that are also attributes of the resource with the
// same name, so that it can be derived from the state after every
// Create, Read and Update (setStateAndIdentity) and turned back into the
// resource's string import ID (importIDFromRequest).

// identityAttr is one identity attribute.
type IdentityAttr struct {
	Name, Description string
	Optional          bool // OptionalForImport rather than RequiredForImport
}

// identitySchema builds an identity schema from attrs.
func IdentitySchema(attrs ...IdentityAttr) identityschema.Schema {
	s := identityschema.Schema{Attributes: map[string]identityschema.Attribute{}}
	for _, a := range attrs {
		s.Attributes[a.Name] = identityschema.StringAttribute{
			Description:       a.Description,
			RequiredForImport: !a.Optional,
			OptionalForImport: a.Optional,
		}
	}
	return s
}

// idIdentity is the identity of a resource identified by its `id` alone.
func IDIdentity(what string) identityschema.Schema {
	return IdentitySchema(IdentityAttr{Name: "id", Description: "The " + what + " ID."})
}

// setStateAndIdentity sets the state to v and the identity (when the
// resource has one: ident is nil for a Terraform without identity support
// in some code paths) to the values of the same-named state attributes.
func SetStateAndIdentity(ctx context.Context, state *tfsdk.State, ident *tfsdk.ResourceIdentity, v any) diag.Diagnostics {
	diags := state.Set(ctx, v)
	if diags.HasError() {
		return diags
	}
	diags.Append(IdentityFromState(ctx, *state, ident)...)
	return diags
}

// setReadState ends a Read that found the object: when what was read back
// (current) equals the model the prior state held (prior), which is what
// a refresh without drift finds, the state Terraform sent is kept as it is
// (the framework starts resp.State as a copy of it) and only the identity
// is filled; otherwise the state is set from current. This saves every
// refresh the model-to-state conversion, the costliest part of a Read
// after the request itself. T must be a model of attr.Value fields (no
// pointers, slices or maps that Read changes in place), so that the copy
// taken as prior is not changed by the Read.
func SetReadState[T any](ctx context.Context, resp *resource.ReadResponse, prior, current *T) diag.Diagnostics {
	if reflect.DeepEqual(prior, current) {
		return IdentityFromState(ctx, resp.State, resp.Identity)
	}
	return SetStateAndIdentity(ctx, &resp.State, resp.Identity, current)
}

// IdentityFromState copies the identity attributes from the same-named
// top-level state attributes (all are strings; unknown becomes null). It
// reads the state's raw value once instead of walking the schema for each
// attribute: it runs on every Read, so on every refresh of every resource.
// Exported for the bench's floor provider (internal/bench/floorprovider),
// which must do the same identity work as the resources.
func IdentityFromState(ctx context.Context, state tfsdk.State, ident *tfsdk.ResourceIdentity) diag.Diagnostics {
	var diags diag.Diagnostics
	if ident == nil || ident.Schema == nil || state.Raw.IsNull() {
		return diags
	}
	var attrs map[string]tftypes.Value
	if err := state.Raw.As(&attrs); err != nil {
		diags.AddError("Cannot set the resource identity", "Reading the state: "+err.Error())
		return diags
	}
	names := ident.Schema.GetAttributes()
	vals := make(map[string]tftypes.Value, len(names))
	for name := range names {
		v, ok := attrs[name]
		if !ok || !v.IsKnown() || !v.Type().Is(tftypes.String) {
			v = tftypes.NewValue(tftypes.String, nil)
		}
		vals[name] = v
	}
	ident.Raw = tftypes.NewValue(ident.Schema.Type().TerraformType(ctx), vals)
	return diags
}

// importIDFromRequest returns the import ID given with `terraform import`
// or an import block's `id`, or, for an import block with `identity`, the
// equivalent import ID built by join from the identity's attributes (a
// missing optional attribute is "").
func ImportIDFromRequest(ctx context.Context, req resource.ImportStateRequest, diags *diag.Diagnostics, join func(attrs map[string]string) string) string {
	if req.ID != "" || req.Identity == nil || req.Identity.Raw.IsNull() {
		return req.ID
	}
	attrs := map[string]string{}
	for name := range req.Identity.Schema.GetAttributes() {
		var v types.String
		diags.Append(req.Identity.GetAttribute(ctx, path.Root(name), &v)...)
		if diags.HasError() {
			return ""
		}
		attrs[name] = v.ValueString()
	}
	return join(attrs)
}

// joinID is the join function of an identity made of `id` alone.
func JoinID(attrs map[string]string) string { return attrs["id"] }

// removeResourceKeepIdentity removes a resource found gone by Read. The
// identity is first filled from the prior state: a state written by a
// Terraform without identity support (before 1.12, or before this
// provider version) has none, and the framework refuses a Read that ends
// with no identity even when it removes the resource.
func RemoveResourceKeepIdentity(ctx context.Context, prior tfsdk.State, resp *resource.ReadResponse) {
	_ = IdentityFromState(ctx, prior, resp.Identity)
	resp.State.RemoveResource(ctx)
}
