package testutil

import (
	"encoding/json"
	"fmt"
	"regexp"
	"testing"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/sandbox"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func RegexpMust(s string) *regexp.Regexp { return regexp.MustCompile(s) }

func Errorf(format string, args ...any) error { return fmt.Errorf(format, args...) }

func SandboxLiveSecretKey() string { return sandbox.DefaultCredentials().LiveSecretKey }

// testJSON is v as JSON, for comparing request bodies with the wire form.
func TestJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func MerchantTestSet(items ...string) types.Set {
	vals := make([]attr.Value, len(items))
	for i, s := range items {
		vals[i] = types.StringValue(s)
	}
	return types.SetValueMust(types.StringType, vals)
}
