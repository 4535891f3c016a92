package provider

import (
	"encoding/json"
	"fmt"
	"regexp"
	"testing"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/sandbox"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func regexpMust(s string) *regexp.Regexp { return regexp.MustCompile(s) }

func errorf(format string, args ...any) error { return fmt.Errorf(format, args...) }

func sandboxLiveSecretKey() string { return sandbox.DefaultCredentials().LiveSecretKey }

// testJSON is v as JSON, for comparing request bodies with the wire form.
func testJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func merchantTestSet(items ...string) types.Set {
	vals := make([]attr.Value, len(items))
	for i, s := range items {
		vals[i] = types.StringValue(s)
	}
	return types.SetValueMust(types.StringType, vals)
}
