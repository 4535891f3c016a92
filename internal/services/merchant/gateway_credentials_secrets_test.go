package merchant

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/client"
)

// gatewayCredentialsNoSecretKeys checks that every account of the data
// source in state has a null secret_key, and that none of the API's secret
// keys occurs anywhere in the data source's state.
func GatewayCredentialsNoSecretKeys(addr string, creds *client.GatewayCredentials) statecheck.StateCheck {
	return gatewayNoKeysCheck{addr: addr, creds: creds}
}

type gatewayNoKeysCheck struct {
	addr  string
	creds *client.GatewayCredentials
}

func (c gatewayNoKeysCheck) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	if req.State == nil || req.State.Values == nil || req.State.Values.RootModule == nil {
		resp.Error = fmt.Errorf("no state")
		return
	}
	for _, r := range req.State.Values.RootModule.Resources {
		if r.Address != c.addr {
			continue
		}
		text := fmt.Sprint(r.AttributeValues)
		n := 0
		for _, list := range []string{"test_accounts", "live_accounts"} {
			accts, _ := r.AttributeValues[list].([]any)
			for _, a := range accts {
				m, _ := a.(map[string]any)
				n++
				if m["secret_key"] != nil {
					resp.Error = fmt.Errorf("%s.%s has a secret_key in state", c.addr, list)
					return
				}
			}
		}
		if n == 0 {
			resp.Error = fmt.Errorf("%s has no accounts: the check would prove nothing", c.addr)
			return
		}
		for _, a := range append(append([]client.GatewayAccount{}, c.creds.TestAccounts...), c.creds.LiveAccounts...) {
			if a.SecretKey != "" && strings.Contains(text, a.SecretKey) {
				resp.Error = fmt.Errorf("%s holds the secret key of account %s", c.addr, a.ID)
				return
			}
		}
		return
	}
	resp.Error = fmt.Errorf("%s not in state", c.addr)
}

// include_secret_keys = true warns at plan time, on the attribute; false or
// unset does not.
func TestGatewayCredentialsDataSourceWarning(t *testing.T) {
	ctx := context.Background()
	ds := NewGatewayCredentialsDataSource().(*gatewayCredentialsDataSource)
	var sresp datasource.SchemaResponse
	ds.Schema(ctx, datasource.SchemaRequest{}, &sresp)
	if diags := sresp.Schema.ValidateImplementation(ctx); diags.HasError() {
		t.Fatal(diags)
	}
	typ := sresp.Schema.Type().TerraformType(ctx).(tftypes.Object)
	config := func(include any) tfsdk.Config {
		vals := map[string]tftypes.Value{}
		for name, at := range typ.AttributeTypes {
			vals[name] = tftypes.NewValue(at, nil)
		}
		vals["include_secret_keys"] = tftypes.NewValue(tftypes.Bool, include)
		return tfsdk.Config{Schema: sresp.Schema, Raw: tftypes.NewValue(typ, vals)}
	}
	for _, tc := range []struct {
		include any
		warn    bool
	}{{nil, false}, {false, false}, {true, true}} {
		var resp datasource.ValidateConfigResponse
		ds.ValidateConfig(ctx, datasource.ValidateConfigRequest{Config: config(tc.include)}, &resp)
		if resp.Diagnostics.HasError() {
			t.Fatalf("include=%v: %v", tc.include, resp.Diagnostics)
		}
		w := resp.Diagnostics.Warnings()
		if got := len(w) == 1; got != tc.warn {
			t.Errorf("include=%v: warnings %v, want a warning %v", tc.include, w, tc.warn)
			continue
		}
		if tc.warn && (!strings.Contains(w[0].Summary(), "stored in the state") || !strings.Contains(w[0].Detail(), "ephemeral resource")) {
			t.Errorf("warning %q: %q", w[0].Summary(), w[0].Detail())
		}
	}
}
