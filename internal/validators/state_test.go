package validators

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

func TestCheckState(t *testing.T) {
	cases := []struct{ country, state, want string }{
		{"US", "ME", ""},
		{"US", "DC", ""},
		{"US", "PR", ""},
		{"CA", "ON", ""},
		{"CA", "QC", ""},
		{"US", "", ""},
		{"FR", "Île-de-France", ""},
		{"GB", "anything at all", ""},
		{"US", "me", `use "ME"`},
		{"US", "Maine", "not a 2-letter US state code"},
		{"US", "ON", "not a 2-letter US state code"},
		{"CA", "ME", "not a 2-letter Canadian province"},
		{"CA", "Ontario", "when country is CA"},
	}
	for _, tc := range cases {
		got := CheckState(tc.country, tc.state)
		if (tc.want == "") != (got == "") || !strings.Contains(got, tc.want) {
			t.Errorf("CheckState(%q, %q) = %q, want %q", tc.country, tc.state, got, tc.want)
		}
	}
}

// The validator reads the country from the same configuration.
func TestStateForCountryValidator(t *testing.T) {
	s := schema.Schema{Attributes: map[string]schema.Attribute{
		"country": schema.StringAttribute{Optional: true},
		"state":   schema.StringAttribute{Optional: true},
	}}
	objType := tftypes.Object{AttributeTypes: map[string]tftypes.Type{"country": tftypes.String, "state": tftypes.String}}
	run := func(country tftypes.Value, state string) []string {
		cfg := tfsdk.Config{Schema: s, Raw: tftypes.NewValue(objType, map[string]tftypes.Value{
			"country": country, "state": tftypes.NewValue(tftypes.String, state),
		})}
		req := validator.StringRequest{Path: path.Root("state"), ConfigValue: types.StringValue(state), Config: cfg}
		resp := &validator.StringResponse{}
		StateForCountry(path.Root("country")).ValidateString(context.Background(), req, resp)
		var errs []string
		for _, d := range resp.Diagnostics.Errors() {
			errs = append(errs, d.Detail())
		}
		return errs
	}
	if errs := run(tftypes.NewValue(tftypes.String, "US"), "ME"); len(errs) != 0 {
		t.Errorf("US/ME: %v", errs)
	}
	if errs := run(tftypes.NewValue(tftypes.String, "US"), "Maine"); len(errs) != 1 {
		t.Errorf("US/Maine: got %v, want one error", errs)
	}
	if errs := run(tftypes.NewValue(tftypes.String, "FR"), "Maine"); len(errs) != 0 {
		t.Errorf("FR/Maine: %v", errs)
	}
	// Country not configured or unknown: left to the API.
	if errs := run(tftypes.NewValue(tftypes.String, nil), "Maine"); len(errs) != 0 {
		t.Errorf("null country: %v", errs)
	}
	if errs := run(tftypes.NewValue(tftypes.String, tftypes.UnknownValue), "Maine"); len(errs) != 0 {
		t.Errorf("unknown country: %v", errs)
	}
}
