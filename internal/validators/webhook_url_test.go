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

func TestCheckWebhookURL(t *testing.T) {
	long := "https://hooks.example.com/" + strings.Repeat("a", MaxEventsURLsLength-len("https://hooks.example.com/"))
	cases := []struct {
		name, url string
		allowHTTP bool
		want      string // substring of the problem; "" = valid
	}{
		{"https", "https://hooks.example.com/affinipay", false, ""},
		{"https with port and query", "https://hooks.example.com:8443/a?b=c&d=%2C", false, ""},
		{"upper-case scheme", "HTTPS://hooks.example.com/a", false, ""},
		{"exactly the limit", long, false, ""},
		{"one over the limit", long + "a", false, "1025 characters long; the API limits the whole event URL list to 1024"},
		{"http refused", "http://hooks.example.com/a", false, "must use https://"},
		{"http allowed", "http://hooks.example.com/a", true, ""},
		{"comma", "https://hooks.example.com/a,b", false, "contains a comma"},
		{"comma even with http allowed", "http://a.example.com/,http://b.example.com/", true, "contains a comma"},
		{"space", "https://hooks.example.com/a b", false, "contains whitespace (character 28)"},
		{"leading space", " https://hooks.example.com/a", false, "contains whitespace (character 1)"},
		{"tab", "https://hooks.example.com/a\tb", false, "contains whitespace"},
		{"newline", "https://hooks.example.com/a\n", false, "contains whitespace"},
		{"relative", "/events", false, "not an absolute URL"},
		{"no scheme", "hooks.example.com/events", false, "not an absolute URL"},
		{"no host", "https:///events", false, "not an absolute URL"},
		{"port only", "https://:443/events", false, "not an absolute URL"},
		{"opaque", "https:hooks.example.com", false, "not an absolute URL"},
		{"ftp", "ftp://hooks.example.com/a", true, `scheme "ftp"`},
		{"mailto", "mailto:ops@example.com", false, "not an absolute URL"},
		{"empty", "", false, "must not be empty"},
		{"bad escape", "https://hooks.example.com/%zz", false, "not a valid URL"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := CheckWebhookURL(tc.url, tc.allowHTTP)
			switch {
			case tc.want == "" && got != "":
				t.Fatalf("CheckWebhookURL(%q, %v) = %q, want valid", tc.url, tc.allowHTTP, got)
			case tc.want != "" && !strings.Contains(got, tc.want):
				t.Fatalf("CheckWebhookURL(%q, %v) = %q, want it to contain %q", tc.url, tc.allowHTTP, got, tc.want)
			}
		})
	}
}

// validateWithAllowHTTP runs the validator on url with a sibling allow_http
// holding allowHTTP (a bool, nil for null, or tftypes.UnknownValue).
func validateWithAllowHTTP(t *testing.T, url string, allowHTTP any) *validator.StringResponse {
	t.Helper()
	ctx := context.Background()
	s := schema.Schema{Attributes: map[string]schema.Attribute{
		"url":        schema.StringAttribute{Required: true},
		"allow_http": schema.BoolAttribute{Optional: true},
	}}
	objType := tftypes.Object{AttributeTypes: map[string]tftypes.Type{"url": tftypes.String, "allow_http": tftypes.Bool}}
	raw := tftypes.NewValue(objType, map[string]tftypes.Value{
		"url":        tftypes.NewValue(tftypes.String, url),
		"allow_http": tftypes.NewValue(tftypes.Bool, allowHTTP),
	})
	req := validator.StringRequest{
		Path:           path.Root("url"),
		PathExpression: path.MatchRoot("url"),
		ConfigValue:    types.StringValue(url),
		Config:         tfsdk.Config{Schema: s, Raw: raw},
	}
	resp := &validator.StringResponse{}
	WebhookURL(path.MatchRelative().AtParent().AtName("allow_http")).ValidateString(ctx, req, resp)
	return resp
}

func TestWebhookURLValidator(t *testing.T) {
	cases := []struct {
		name       string
		url        string
		allowHTTP  any
		wantErr    string
		wantWarned bool
	}{
		{"https, allow_http null", "https://hooks.example.com/a", nil, "", false},
		{"https, allow_http true: no warning", "https://hooks.example.com/a", true, "", false},
		{"http, allow_http null", "http://hooks.example.com/a", nil, "must use https://", false},
		{"http, allow_http false", "http://hooks.example.com/a", false, "must use https://", false},
		{"http, allow_http true: warning", "http://hooks.example.com/a", true, "", true},
		{"http, allow_http unknown: decided later", "http://hooks.example.com/a", tftypes.UnknownValue, "", false},
		{"comma, allow_http unknown", "https://a.example.com/x,y", tftypes.UnknownValue, "contains a comma", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resp := validateWithAllowHTTP(t, tc.url, tc.allowHTTP)
			errs := resp.Diagnostics.Errors()
			if tc.wantErr == "" && len(errs) > 0 {
				t.Fatalf("unexpected errors: %v", errs)
			}
			if tc.wantErr != "" {
				if len(errs) != 1 || !strings.Contains(errs[0].Detail(), tc.wantErr) {
					t.Fatalf("errors = %v, want one containing %q", errs, tc.wantErr)
				}
				if !strings.Contains(errs[0].Summary(), "url") {
					t.Fatalf("error summary %q does not name the attribute", errs[0].Summary())
				}
			}
			if got := len(resp.Diagnostics.Warnings()) > 0; got != tc.wantWarned {
				t.Fatalf("warned = %v, want %v (%v)", got, tc.wantWarned, resp.Diagnostics.Warnings())
			}
		})
	}
}

func TestWebhookURLValidator_nullAndUnknownURL(t *testing.T) {
	for _, v := range []types.String{types.StringNull(), types.StringUnknown()} {
		resp := &validator.StringResponse{}
		WebhookURL(path.MatchRelative().AtParent().AtName("allow_http")).ValidateString(context.Background(),
			validator.StringRequest{Path: path.Root("url"), PathExpression: path.MatchRoot("url"), ConfigValue: v}, resp)
		if resp.Diagnostics.HasError() || len(resp.Diagnostics) > 0 {
			t.Fatalf("%v: unexpected diagnostics %v", v, resp.Diagnostics)
		}
	}
}

// Without an allow_http expression, http is never accepted.
func TestWebhookURLValidator_noOptIn(t *testing.T) {
	resp := &validator.StringResponse{}
	WebhookURL(path.Expression{}).ValidateString(context.Background(), validator.StringRequest{
		Path: path.Root("url"), PathExpression: path.MatchRoot("url"), ConfigValue: types.StringValue("http://hooks.example.com/a"),
	}, resp)
	if !resp.Diagnostics.HasError() {
		t.Fatal("http URL accepted without an allow_http attribute")
	}
}
