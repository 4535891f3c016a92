package provider

import (
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	ephschema "github.com/hashicorp/terraform-plugin-framework/ephemeral/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// computedSpec describes a tree of computed attributes once, so that a data
// source and an ephemeral resource that return the same object (gateway
// credentials) share one definition instead of two copies of a schema.
type computedSpec struct {
	kind      specKind
	desc      string
	sensitive bool
	nested    map[string]computedSpec
}

type specKind int

const (
	specString specKind = iota
	specBool
	specStringList
	specObject
	specObjectList
)

func (s computedSpec) dataSource() dsschema.Attribute {
	switch s.kind {
	case specBool:
		return dsschema.BoolAttribute{MarkdownDescription: s.desc, Computed: true, Sensitive: s.sensitive}
	case specStringList:
		return dsschema.ListAttribute{MarkdownDescription: s.desc, Computed: true, Sensitive: s.sensitive, ElementType: types.StringType}
	case specObject:
		return dsschema.SingleNestedAttribute{MarkdownDescription: s.desc, Computed: true, Attributes: dataSourceAttributes(s.nested)}
	case specObjectList:
		return dsschema.ListNestedAttribute{MarkdownDescription: s.desc, Computed: true,
			NestedObject: dsschema.NestedAttributeObject{Attributes: dataSourceAttributes(s.nested)}}
	default:
		return dsschema.StringAttribute{MarkdownDescription: s.desc, Computed: true, Sensitive: s.sensitive}
	}
}

func (s computedSpec) ephemeral() ephschema.Attribute {
	switch s.kind {
	case specBool:
		return ephschema.BoolAttribute{MarkdownDescription: s.desc, Computed: true, Sensitive: s.sensitive}
	case specStringList:
		return ephschema.ListAttribute{MarkdownDescription: s.desc, Computed: true, Sensitive: s.sensitive, ElementType: types.StringType}
	case specObject:
		return ephschema.SingleNestedAttribute{MarkdownDescription: s.desc, Computed: true, Attributes: ephemeralAttributes(s.nested)}
	case specObjectList:
		return ephschema.ListNestedAttribute{MarkdownDescription: s.desc, Computed: true,
			NestedObject: ephschema.NestedAttributeObject{Attributes: ephemeralAttributes(s.nested)}}
	default:
		return ephschema.StringAttribute{MarkdownDescription: s.desc, Computed: true, Sensitive: s.sensitive}
	}
}

func dataSourceAttributes(specs map[string]computedSpec) map[string]dsschema.Attribute {
	out := make(map[string]dsschema.Attribute, len(specs))
	for name, s := range specs {
		out[name] = s.dataSource()
	}
	return out
}

func ephemeralAttributes(specs map[string]computedSpec) map[string]ephschema.Attribute {
	out := make(map[string]ephschema.Attribute, len(specs))
	for name, s := range specs {
		out[name] = s.ephemeral()
	}
	return out
}
