package framework

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
)

// The API's context is looked up exactly, then by its longest known dotted
// prefix, then by the type of an object named as Type[id].
func TestContextPathsLookup(t *testing.T) {
	paths := ContextPaths{
		"addresses": path.Root("addresses"),
		"Account":   path.Root("account_id"),
		"method":    path.Root("method"),
	}
	cases := map[string]path.Path{
		"addresses":                       path.Root("addresses"),
		"addresses.0.city":                path.Root("addresses"),
		"method.number":                   path.Root("method"),
		"Account[wKgFeD0XFtWBPRxEVWcAmg]": path.Root("account_id"),
	}
	for ctx, want := range cases {
		if got, ok := paths.Lookup(ctx); !ok || !got.Equal(want) {
			t.Errorf("lookup(%q) = %v, %t; want %v", ctx, got, ok, want)
		}
	}
	for _, ctx := range []string{"", "Merchant[x]", "[x]", "unknown.field"} {
		if got, ok := paths.Lookup(ctx); ok {
			t.Errorf("lookup(%q) = %v; want no match", ctx, got)
		}
	}
}
