package framework

import (
	"context"
	"reflect"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/attr/xattr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// getStateModel is req.State.Get(ctx, out) for a Read's prior state,
// without the framework's per-call reflection: the framework looks up the
// struct tags of the model (compiling a regular expression for every
// field, hashicorp/terraform-plugin-framework#725) on every Get, which is
// most of the cost of a refresh that finds no drift. Here the mapping from
// attribute to field is worked out once per model type (stateDecodePlanFor),
// and each field is set from its attribute by the attribute type's
// ValueFromTerraform and checked as the framework checks it (valid): what
// the framework's Get does for a field of an attr.Value type. A model with
// any other kind of field, or a value that does not decode or fit its
// field, goes through state.Get, which also reports any error.
func GetStateModel[T any](ctx context.Context, state tfsdk.State, out *T) diag.Diagnostics {
	plan := StateDecodePlanFor(reflect.TypeFor[T](), state)
	if plan == nil || state.Raw.IsNull() || !state.Raw.IsKnown() {
		return state.Get(ctx, out)
	}
	var attrs map[string]tftypes.Value
	if err := state.Raw.As(&attrs); err != nil {
		return state.Get(ctx, out)
	}
	var decoded T
	target := reflect.ValueOf(&decoded).Elem()
	for _, f := range plan.fields {
		v, ok := attrs[f.name]
		if !ok {
			return state.Get(ctx, out)
		}
		av, err := f.typ.ValueFromTerraform(ctx, v)
		if err != nil || av == nil || !valid(ctx, f, v, av) {
			// state.Get reports the error on the attribute.
			return state.Get(ctx, out)
		}
		field := target.FieldByIndex(f.index)
		rv := reflect.ValueOf(av)
		if !rv.Type().AssignableTo(field.Type()) {
			return state.Get(ctx, out)
		}
		field.Set(rv)
	}
	*out = decoded
	return nil
}

// valid is the framework's check of a value it decodes: the value's own
// ValidateAttribute when it has one (such as JSON that must parse), else
// its type's Validate.
func valid(ctx context.Context, f stateDecodeField, v tftypes.Value, av attr.Value) bool {
	if va, ok := av.(xattr.ValidateableAttribute); ok {
		var resp xattr.ValidateAttributeResponse
		va.ValidateAttribute(ctx, xattr.ValidateAttributeRequest{Path: path.Root(f.name)}, &resp)
		return !resp.Diagnostics.HasError()
	}
	//nolint:staticcheck // xattr.TypeWithValidate is deprecated, but the framework's Get still honours it.
	if tv, ok := f.typ.(xattr.TypeWithValidate); ok {
		return !tv.Validate(ctx, v, path.Root(f.name)).HasError()
	}
	return true
}

// stateDecodePlan maps each attribute of a schema to the model field that
// holds it.
type stateDecodePlan struct {
	fields []stateDecodeField
}

type stateDecodeField struct {
	name  string
	index []int
	typ   attr.Type
}

// stateDecodePlans caches plans by model type (a nil plan: this model is
// decoded by state.Get). A model type belongs to one resource, so to one
// schema: each resource's Read decodes its own model.
var stateDecodePlans sync.Map

var attrValueType = reflect.TypeFor[attr.Value]()

func StateDecodePlanFor(model reflect.Type, state tfsdk.State) *stateDecodePlan {
	if state.Schema == nil {
		return nil
	}
	if p, ok := stateDecodePlans.Load(model); ok {
		if plan, ok := p.(*stateDecodePlan); ok {
			return plan
		}
	}
	p := buildStateDecodePlan(model, state)
	stateDecodePlans.Store(model, p)
	return p
}

func buildStateDecodePlan(model reflect.Type, state tfsdk.State) *stateDecodePlan {
	if model.Kind() != reflect.Struct {
		return nil
	}
	attrs := state.Schema.GetAttributes()
	if len(state.Schema.GetBlocks()) > 0 {
		return nil
	}
	plan := &stateDecodePlan{}
	seen := map[string]bool{}
	var walk func(t reflect.Type, index []int) bool
	walk = func(t reflect.Type, index []int) bool {
		for i := range t.NumField() {
			sf := t.Field(i)
			idx := append(append([]int{}, index...), i)
			tag, tagged := sf.Tag.Lookup("tfsdk")
			switch {
			case tag == "-":
				continue
			case sf.Anonymous && !tagged && sf.Type.Kind() == reflect.Struct:
				if !walk(sf.Type, idx) {
					return false
				}
				continue
			case !tagged || !sf.IsExported() || !sf.Type.Implements(attrValueType):
				return false
			}
			a, ok := attrs[tag]
			if !ok || seen[tag] {
				return false
			}
			seen[tag] = true
			plan.fields = append(plan.fields, stateDecodeField{name: tag, index: idx, typ: a.GetType()})
		}
		return true
	}
	if !walk(model, nil) || len(seen) != len(attrs) {
		return nil
	}
	return plan
}
