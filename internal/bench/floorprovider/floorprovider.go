// Package floorprovider is bench-only code: a "floor" Terraform provider that
// serves exactly the real provider's schemas (provider, resources) with
// in-memory CRUD and no API call at all. `make bench` runs the same
// configuration against it and against the real provider, so the difference
// is the cost of the real provider's API calls and its own work, and
// Terraform's and the framework's share is measured on this machine.
//
// Each resource wraps the real resource: Metadata, Schema (with its plan
// modifiers, defaults and validators), ValidateConfig, ConfigValidators and
// ModifyPlan are the real ones (none of them calls the API), and so is
// IdentitySchema: the framework does the same identity work for both
// (it requires an identity after every Create, Read and Update of a
// resource that has an identity schema, whatever the Terraform version).
// Create and Update store the plan with every unknown value filled in and
// the identity taken from the same-named state attributes, Read returns
// the prior state and identity unchanged, Delete does nothing.
package floorprovider

import (
	"context"
	"fmt"
	"math/big"
	"sync/atomic"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/framework"
	realprovider "github.com/affinipay-terraform/terraform-provider-affinipay/internal/provider"
)

// New returns the floor provider factory.
func New(version string) func() provider.Provider {
	return func() provider.Provider {
		return &floorProvider{real: realprovider.New(version)()}
	}
}

type floorProvider struct {
	real provider.Provider
}

var _ provider.Provider = (*floorProvider)(nil)

func (p *floorProvider) Metadata(ctx context.Context, req provider.MetadataRequest, resp *provider.MetadataResponse) {
	p.real.Metadata(ctx, req, resp)
}

func (p *floorProvider) Schema(ctx context.Context, req provider.SchemaRequest, resp *provider.SchemaResponse) {
	p.real.Schema(ctx, req, resp)
}

// Configure builds nothing: the floor needs no client.
func (p *floorProvider) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {
}

func (p *floorProvider) Resources(ctx context.Context) []func() resource.Resource {
	var out []func() resource.Resource
	for _, f := range p.real.Resources(ctx) {
		out = append(out, func() resource.Resource { return &floorResource{inner: f()} })
	}
	return out
}

// DataSources is empty: the benchmark configuration uses resources only.
func (p *floorProvider) DataSources(context.Context) []func() datasource.DataSource { return nil }

type floorResource struct {
	inner resource.Resource
}

var (
	_ resource.Resource                     = (*floorResource)(nil)
	_ resource.ResourceWithModifyPlan       = (*floorResource)(nil)
	_ resource.ResourceWithValidateConfig   = (*floorResource)(nil)
	_ resource.ResourceWithConfigValidators = (*floorResource)(nil)
	_ resource.ResourceWithIdentity         = (*floorResource)(nil)
)

// IdentitySchema is the real resource's (every resource of the provider
// has one).
func (r *floorResource) IdentitySchema(ctx context.Context, req resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	if v, ok := r.inner.(resource.ResourceWithIdentity); ok {
		v.IdentitySchema(ctx, req, resp)
	}
}

func (r *floorResource) Metadata(ctx context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	r.inner.Metadata(ctx, req, resp)
}

func (r *floorResource) Schema(ctx context.Context, req resource.SchemaRequest, resp *resource.SchemaResponse) {
	r.inner.Schema(ctx, req, resp)
}

func (r *floorResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	if v, ok := r.inner.(resource.ResourceWithValidateConfig); ok {
		v.ValidateConfig(ctx, req, resp)
	}
}

func (r *floorResource) ConfigValidators(ctx context.Context) []resource.ConfigValidator {
	if v, ok := r.inner.(resource.ResourceWithConfigValidators); ok {
		return v.ConfigValidators(ctx)
	}
	return nil
}

func (r *floorResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if m, ok := r.inner.(resource.ResourceWithModifyPlan); ok {
		m.ModifyPlan(ctx, req, resp)
	}
}

func (r *floorResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	v, err := FillUnknown(req.Plan.Raw)
	if err != nil {
		resp.Diagnostics.AddError("floor provider", err.Error())
		return
	}
	resp.State.Raw = v
	resp.Diagnostics.Append(framework.IdentityFromState(ctx, resp.State, resp.Identity)...)
}

func (r *floorResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	resp.State.Raw = req.State.Raw
	if resp.Identity != nil && resp.Identity.Raw.IsFullyNull() {
		// A state from before identity (Terraform < 1.12 keeps none).
		resp.Diagnostics.Append(framework.IdentityFromState(ctx, resp.State, resp.Identity)...)
	}
}

func (r *floorResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	v, err := FillUnknown(req.Plan.Raw)
	if err != nil {
		resp.Diagnostics.AddError("floor provider", err.Error())
		return
	}
	resp.State.Raw = v
	resp.Diagnostics.Append(framework.IdentityFromState(ctx, resp.State, resp.Identity)...)
}

func (r *floorResource) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {}

var seq atomic.Int64

// FillUnknown returns v with every unknown value replaced by a known one of
// its type: a unique string shaped like a contact ID ("p_floor" and 16
// digits, so computed IDs are distinct and pass the ID validators of the
// attributes that reference them), 0,
// false, an empty collection, or an object whose attributes are filled the
// same way.
func FillUnknown(v tftypes.Value) (tftypes.Value, error) {
	return tftypes.Transform(v, func(_ *tftypes.AttributePath, v tftypes.Value) (tftypes.Value, error) {
		if v.IsKnown() {
			return v, nil
		}
		return known(v.Type())
	})
}

func known(t tftypes.Type) (tftypes.Value, error) {
	switch {
	case t.Is(tftypes.String):
		return tftypes.NewValue(t, fmt.Sprintf("p_floor%016d", seq.Add(1))), nil
	case t.Is(tftypes.Number):
		return tftypes.NewValue(t, new(big.Float)), nil
	case t.Is(tftypes.Bool):
		return tftypes.NewValue(t, false), nil
	case t.Is(tftypes.List{}), t.Is(tftypes.Set{}), t.Is(tftypes.Tuple{}):
		return tftypes.NewValue(t, []tftypes.Value{}), nil
	case t.Is(tftypes.Map{}):
		return tftypes.NewValue(t, map[string]tftypes.Value{}), nil
	case t.Is(tftypes.Object{}):
		obj, ok := t.(tftypes.Object)
		if !ok {
			break
		}
		vals := make(map[string]tftypes.Value, len(obj.AttributeTypes))
		for name, at := range obj.AttributeTypes {
			av, err := known(at)
			if err != nil {
				return tftypes.Value{}, err
			}
			vals[name] = av
		}
		return tftypes.NewValue(t, vals), nil
	}
	return tftypes.Value{}, fmt.Errorf("floor provider: cannot make a known value of type %s", t)
}
