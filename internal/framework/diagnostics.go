package framework

import (
	"context"
	"errors"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/client"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/framework/write"
)

// contextPaths maps an API message `context` (a JSON field path such as
// "contact_phone" or "schedule.start") to the attribute it concerns. A nil
// map, or a context it does not know, gives a diagnostic without a path.
type ContextPaths map[string]path.Path

// addAPIError turns err into diagnostics. An *APIError becomes one
// diagnostic per message, placed on the attribute named by the message's
// context where the map knows it; anything else becomes one error.
func AddAPIError(diags *diag.Diagnostics, summary string, err error, paths ContextPaths) {
	var apiErr *client.APIError
	if !errors.As(err, &apiErr) || len(apiErr.Messages) == 0 {
		diags.AddError(summary, err.Error())
		return
	}
	for _, m := range apiErr.Messages {
		// err, not apiErr: a wrapper may say why the client stopped (for
		// example "retry abandoned: context deadline exceeded" when the
		// resource's timeout ended the retries).
		detail := err.Error()
		if len(apiErr.Messages) > 1 {
			detail = m.String() + "\n\n" + detail
		}
		if m.Level == "info" || m.Level == "warning" {
			diags.AddWarning(summary, detail)
			continue
		}
		if p, ok := paths.Lookup(messageContext(m)); ok {
			diags.AddAttributeError(p, summary, detail)
			continue
		}
		diags.AddError(summary, detail)
	}
}

// codeContexts names the request field of error codes the reference
// documents without a context (their examples carry none) but that are
// about one field: unsupported_currency is "the currency designated by the
// currency code given" (reference :5118).
var codeContexts = map[string]string{
	"unsupported_currency": "currency",
}

// messageContext is the message's context, or the field its code is about.
func messageContext(m client.Message) string {
	if m.Context != "" {
		return m.Context
	}
	return codeContexts[m.Code]
}

func (c ContextPaths) Lookup(context string) (path.Path, bool) {
	if c == nil || context == "" {
		return path.Empty(), false
	}
	// The reference shows contexts like "`card`.postal_code": drop quoting.
	context = strings.ReplaceAll(context, "`", "")
	if p, ok := c[context]; ok {
		return p, true
	}
	// Fall back to the longest known prefix ("addresses.0.city" -> "addresses").
	for ctx := context; strings.Contains(ctx, "."); {
		ctx = ctx[:strings.LastIndex(ctx, ".")]
		if p, ok := c[ctx]; ok {
			return p, true
		}
	}
	// An object named by type and ID, as in the reference's
	// "Account[wKgFeD0XFtWBPRxEVWcAmg]": look up the type ("Account").
	if i := strings.IndexByte(context, '['); i > 0 {
		if p, ok := c[context[:i]]; ok {
			return p, true
		}
	}
	return path.Empty(), false
}

// warningsOf returns diags with every error turned into a warning, for a
// failure that must not fail the operation (such as the update of an
// object a create adopted, which is recorded either way).
func WarningsOf(diags diag.Diagnostics) diag.Diagnostics {
	out := make(diag.Diagnostics, 0, len(diags))
	for _, d := range diags {
		if d.Severity() != diag.SeverityError {
			out = append(out, d)
			continue
		}
		if wp, ok := d.(diag.DiagnosticWithPath); ok {
			out.AddAttributeWarning(wp.Path(), d.Summary(), d.Detail())
			continue
		}
		out.AddWarning(d.Summary(), d.Detail())
	}
	return out
}

// reportAPIError is the write protocol's Reporter for a resource whose API
// messages map to attributes through paths (nil: no attribute).
func ReportAPIError(paths ContextPaths) write.Reporter {
	return func(diags *diag.Diagnostics, summary string, err error) { AddAPIError(diags, summary, err, paths) }
}

// goneIfNotFound is a write protocol Gone result from a read's error: gone
// on 404, still there on success, unknown on any other error.
func GoneIfNotFound(err error) (bool, error) {
	if client.IsNotFound(err) {
		return true, nil
	}
	return false, err
}

// planSatisfiedBy reports whether the model v, as state, holds every known
// value of plan (write.PlanSatisfied): whether an object read back after
// an unknown outcome is what the write asked for.
func PlanSatisfiedBy(ctx context.Context, plan tfsdk.Plan, v any) bool {
	st := tfsdk.State{Schema: plan.Schema}
	if d := st.Set(ctx, v); d.HasError() {
		return false
	}
	return write.PlanSatisfied(plan, st)
}
