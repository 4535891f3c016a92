package validators

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// checkCase is one value for a Check* function: want is a substring of the
// problem, "" when the value must be valid.
type checkCase struct{ in, want string }

func runCheckCases(t *testing.T, check func(string) string, cases []checkCase) {
	t.Helper()
	for _, tc := range cases {
		got := check(tc.in)
		switch {
		case tc.want == "" && got != "":
			t.Errorf("%q: unexpected problem %q", tc.in, got)
		case tc.want != "" && got == "":
			t.Errorf("%q: accepted, want a problem containing %q", tc.in, tc.want)
		case tc.want != "" && !strings.Contains(got, tc.want):
			t.Errorf("%q: problem %q does not contain %q", tc.in, got, tc.want)
		}
	}
}

// validateString runs v on a configured value at path "attr" and returns
// the diagnostics' error summaries and details.
func validateString(t *testing.T, v validator.String, value types.String) (errs []string) {
	t.Helper()
	req := validator.StringRequest{Path: path.Root("attr"), ConfigValue: value}
	resp := &validator.StringResponse{}
	v.ValidateString(context.Background(), req, resp)
	for _, d := range resp.Diagnostics.Errors() {
		errs = append(errs, d.Summary()+": "+d.Detail())
	}
	return errs
}
