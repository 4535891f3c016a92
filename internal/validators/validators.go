// Package validators holds the attribute validators shared by the
// provider's resources, data sources and provider configuration.
package validators

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/client"
)

// stringFunc adapts a check function into a validator.String. The check
// returns "" when the value is valid, else the problem.
type stringFunc struct {
	desc  string
	check func(string) string
}

func (v stringFunc) Description(context.Context) string         { return v.desc }
func (v stringFunc) MarkdownDescription(context.Context) string { return v.desc }

func (v stringFunc) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if problem := v.check(req.ConfigValue.ValueString()); problem != "" {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid "+req.Path.String(), problem)
	}
}

// NewString builds a string validator from a description and a check that
// returns the problem, or "" when the value is valid.
func NewString(desc string, check func(string) string) validator.String {
	return stringFunc{desc: desc, check: check}
}

// BaseURL validates the provider's base_url (https, or http on loopback).
func BaseURL() validator.String {
	return NewString("an https:// URL, or http:// with a loopback host", func(s string) string {
		if _, err := client.ValidateBaseURL(s); err != nil {
			return err.Error()
		}
		return ""
	})
}

// Duration validates a Go duration string within [min, max].
func Duration(minD, maxD time.Duration) validator.String {
	return NewString(fmt.Sprintf("a duration such as 30s, between %s and %s", minD, maxD), func(s string) string {
		d, err := time.ParseDuration(s)
		if err != nil {
			return fmt.Sprintf("%q is not a duration such as \"30s\" or \"2m\": %v", s, err)
		}
		if d < minD || d > maxD {
			return fmt.Sprintf("%s is outside the allowed range %s to %s", d, minD, maxD)
		}
		return ""
	})
}
