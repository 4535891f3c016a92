package validators

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestEmptyOr(t *testing.T) {
	v := EmptyOr(Email())
	if errs := validateString(t, v, types.StringValue("")); len(errs) != 0 {
		t.Errorf(`"": %v`, errs)
	}
	if errs := validateString(t, v, types.StringValue("a@example.com")); len(errs) != 0 {
		t.Errorf("valid email: %v", errs)
	}
	if errs := validateString(t, v, types.StringValue("nope")); len(errs) != 1 {
		t.Errorf("invalid email: got %v, want one error", errs)
	}
	if errs := validateString(t, Email(), types.StringValue("")); len(errs) != 1 {
		t.Errorf(`Email() alone must refuse "": got %v`, errs)
	}
}
