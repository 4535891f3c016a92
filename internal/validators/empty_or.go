package validators

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// emptyOr lets "" through and applies v to anything else: for optional API
// fields where an empty string clears the value.
type emptyOr struct{ v validator.String }

// EmptyOr accepts "" (which clears an optional API field) or a value that v accepts.
func EmptyOr(v validator.String) validator.String { return emptyOr{v: v} }

func (e emptyOr) Description(ctx context.Context) string {
	return `"" (to clear the value) or ` + e.v.Description(ctx)
}

func (e emptyOr) MarkdownDescription(ctx context.Context) string {
	return "`\"\"` (to clear the value) or " + e.v.MarkdownDescription(ctx)
}

func (e emptyOr) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if !req.ConfigValue.IsNull() && !req.ConfigValue.IsUnknown() && req.ConfigValue.ValueString() == "" {
		return
	}
	e.v.ValidateString(ctx, req, resp)
}
