package framework

import (
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	ephschema "github.com/hashicorp/terraform-plugin-framework/ephemeral/schema"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// ComputedSpec describes a tree of computed attributes once, so that a data
// source and an ephemeral resource that return the same object (gateway
// credentials) share one definition instead of two copies of a schema.
type ComputedSpec struct {
	Kind      SpecKind
	Desc      string
	Sensitive bool
	Nested    map[string]ComputedSpec
}

type SpecKind int

const (
	SpecString SpecKind = iota
	SpecBool
	SpecStringList
	SpecObject
	SpecObjectList
)

func (s ComputedSpec) dataSource() dsschema.Attribute {
	switch s.Kind {
	case SpecBool:
		return dsschema.BoolAttribute{MarkdownDescription: s.Desc, Computed: true, Sensitive: s.Sensitive}
	case SpecStringList:
		return dsschema.ListAttribute{MarkdownDescription: s.Desc, Computed: true, Sensitive: s.Sensitive, ElementType: types.StringType}
	case SpecObject:
		return dsschema.SingleNestedAttribute{MarkdownDescription: s.Desc, Computed: true, Attributes: DataSourceAttributes(s.Nested)}
	case SpecObjectList:
		return dsschema.ListNestedAttribute{MarkdownDescription: s.Desc, Computed: true,
			NestedObject: dsschema.NestedAttributeObject{Attributes: DataSourceAttributes(s.Nested)}}
	default:
		return dsschema.StringAttribute{MarkdownDescription: s.Desc, Computed: true, Sensitive: s.Sensitive}
	}
}

func (s ComputedSpec) ephemeral() ephschema.Attribute {
	switch s.Kind {
	case SpecBool:
		return ephschema.BoolAttribute{MarkdownDescription: s.Desc, Computed: true, Sensitive: s.Sensitive}
	case SpecStringList:
		return ephschema.ListAttribute{MarkdownDescription: s.Desc, Computed: true, Sensitive: s.Sensitive, ElementType: types.StringType}
	case SpecObject:
		return ephschema.SingleNestedAttribute{MarkdownDescription: s.Desc, Computed: true, Attributes: EphemeralAttributes(s.Nested)}
	case SpecObjectList:
		return ephschema.ListNestedAttribute{MarkdownDescription: s.Desc, Computed: true,
			NestedObject: ephschema.NestedAttributeObject{Attributes: EphemeralAttributes(s.Nested)}}
	default:
		return ephschema.StringAttribute{MarkdownDescription: s.Desc, Computed: true, Sensitive: s.Sensitive}
	}
}

func DataSourceAttributes(specs map[string]ComputedSpec) map[string]dsschema.Attribute {
	out := make(map[string]dsschema.Attribute, len(specs))
	for name, s := range specs {
		out[name] = s.dataSource()
	}
	return out
}

func EphemeralAttributes(specs map[string]ComputedSpec) map[string]ephschema.Attribute {
	out := make(map[string]ephschema.Attribute, len(specs))
	for name, s := range specs {
		out[name] = s.ephemeral()
	}
	return out
}

// The builders below are the one way to declare a computed attribute that is
// not part of a ComputedSpec tree: by schema kind (data source, resource,
// ephemeral resource) and value type, each taking its MarkdownDescription.

// ComputedString is a computed string attribute of a data source.
func ComputedString(desc string) dsschema.StringAttribute {
	return dsschema.StringAttribute{MarkdownDescription: desc, Computed: true}
}

// ComputedBool is a computed bool attribute of a data source.
func ComputedBool(desc string) dsschema.BoolAttribute {
	return dsschema.BoolAttribute{MarkdownDescription: desc, Computed: true}
}

// ComputedInt64 is a computed number attribute of a data source.
func ComputedInt64(desc string) dsschema.Int64Attribute {
	return dsschema.Int64Attribute{MarkdownDescription: desc, Computed: true}
}

// ComputedStringList is a computed list of strings of a data source.
func ComputedStringList(desc string) dsschema.ListAttribute {
	return dsschema.ListAttribute{MarkdownDescription: desc, Computed: true, ElementType: types.StringType}
}

// ComputedResourceString is a computed string attribute of a resource that
// every refresh may change (unknown in a plan that changes the resource).
func ComputedResourceString(desc string) rschema.StringAttribute {
	return rschema.StringAttribute{MarkdownDescription: desc, Computed: true}
}

// ComputedResourceInt64 is the number form of ComputedResourceString.
func ComputedResourceInt64(desc string) rschema.Int64Attribute {
	return rschema.Int64Attribute{MarkdownDescription: desc, Computed: true}
}

// KeptString is a computed string attribute of a resource that keeps its
// state value in plans (UseStateForUnknown): set by the API at creation and
// changed only by a refresh that reads a new value.
func KeptString(desc string) rschema.StringAttribute {
	return rschema.StringAttribute{
		MarkdownDescription: desc,
		Computed:            true,
		PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
	}
}

// KeptInt64 is the number form of KeptString.
func KeptInt64(desc string) rschema.Int64Attribute {
	return rschema.Int64Attribute{
		MarkdownDescription: desc,
		Computed:            true,
		PlanModifiers:       []planmodifier.Int64{int64planmodifier.UseStateForUnknown()},
	}
}

// ComputedEphemeralString is a computed string attribute of an ephemeral
// resource.
func ComputedEphemeralString(desc string) ephschema.StringAttribute {
	return ephschema.StringAttribute{MarkdownDescription: desc, Computed: true}
}

// ComputedEphemeralInt64 is the number form of ComputedEphemeralString.
func ComputedEphemeralInt64(desc string) ephschema.Int64Attribute {
	return ephschema.Int64Attribute{MarkdownDescription: desc, Computed: true}
}
