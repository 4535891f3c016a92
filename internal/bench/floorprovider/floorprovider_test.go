package floorprovider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// Every unknown, nested or not, becomes known; known values stay.
func TestFillUnknown(t *testing.T) {
	item := tftypes.Object{AttributeTypes: map[string]tftypes.Type{"id": tftypes.String, "n": tftypes.Number}}
	typ := tftypes.Object{AttributeTypes: map[string]tftypes.Type{
		"id": tftypes.String, "name": tftypes.String, "on": tftypes.Bool,
		"tags": tftypes.Set{ElementType: tftypes.String}, "items": tftypes.List{ElementType: item}, "obj": item,
	}}
	in := tftypes.NewValue(typ, map[string]tftypes.Value{
		"id":   tftypes.NewValue(tftypes.String, tftypes.UnknownValue),
		"name": tftypes.NewValue(tftypes.String, "kept"),
		"on":   tftypes.NewValue(tftypes.Bool, tftypes.UnknownValue),
		"tags": tftypes.NewValue(tftypes.Set{ElementType: tftypes.String}, tftypes.UnknownValue),
		"items": tftypes.NewValue(tftypes.List{ElementType: item}, []tftypes.Value{tftypes.NewValue(item, map[string]tftypes.Value{
			"id": tftypes.NewValue(tftypes.String, tftypes.UnknownValue), "n": tftypes.NewValue(tftypes.Number, 7),
		})}),
		"obj": tftypes.NewValue(item, tftypes.UnknownValue),
	})
	out, err := FillUnknown(in)
	if err != nil {
		t.Fatal(err)
	}
	if !out.IsFullyKnown() {
		t.Fatalf("not fully known: %s", out)
	}
	var vals map[string]tftypes.Value
	if err := out.As(&vals); err != nil {
		t.Fatal(err)
	}
	var name string
	if err := vals["name"].As(&name); err != nil || name != "kept" {
		t.Errorf("name = %q, %v; want the known value kept", name, err)
	}
	var id string
	if err := vals["id"].As(&id); err != nil || id == "" {
		t.Errorf("id = %q, %v; want a generated value", id, err)
	}
}
