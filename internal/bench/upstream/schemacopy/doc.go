// Package schemacopy is the reproducer of a cost in
// terraform-plugin-framework that a provider cannot work around, written
// for upstream (internal/bench/upstream/README.md is the issue text, with the
// figures): every lookup of one top-level attribute of a schema copies the
// schema's whole attribute map.
//
// (resource/schema.Schema).GetAttributes converts the schema's
// map[string]Attribute to a new map[string]fwschema.Attribute on every call,
// and fwschema.SchemaApplyTerraform5AttributePathStep, behind every
// AttributeAtPath, AttributeAtTerraformPath, TypeAtPath and
// tfsdk.State/Plan/Config.GetAttribute and SetAttribute, calls it once per
// path step only to index one name. fwschema.SchemaType (behind every
// State.Get/Set and every Type()) copies it too. A plan walks every
// attribute of every resource instance through such lookups, so the bytes
// allocated per instance grow with the square of the number of attributes,
// and with N instances the garbage collector's share grows with them. In
// the provider's scale benchmark (make bench, N = 300 contacts) this copy
// was 32% of the bytes allocated and 15% of the provider's CPU.
//
// The provider declares its schemas as resource/schema.Schema values, the
// framework's own type, whose methods it cannot replace, so the fix belongs
// upstream (index s.Attributes directly, as terraform-plugin-framework#791
// did for ObjectValue.AttributeTypes).
//
// The package holds no shipped code: its tests measure the copy
// (TestAttributeLookupCopiesTheSchema fails once the framework stops
// copying, so that this reproducer and its upstream note are retired) and
// its benchmarks give the figures:
//
//	go test -run '^$' -bench . -benchmem ./internal/bench/upstream/schemacopy/
package schemacopy
