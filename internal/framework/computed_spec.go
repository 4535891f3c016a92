package framework

import (
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	ephschema "github.com/hashicorp/terraform-plugin-framework/ephemeral/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// computedSpec describes a tree of computed attributes once, so that a data
// source and an ephemeral resource that return the same object (gateway
// credentials) share one definition instead of two copies of a schema.
type ComputedSpec struct {
	Kind      specKind
	Desc      string
	Sensitive bool
	Nested    map[string]ComputedSpec
}

type specKind int

const (
	specString specKind = iota
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
