package validators

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"unicode"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// MaxEventsURLsLength is the documented limit of the merchant's
// live_events_urls and test_events_urls: "The length of the value cannot
// exceed 1024 characters." (merchant object). One URL can therefore be at
// most that long; the combined list is checked at apply time. Lengths are
// counted in bytes, which for any non-ASCII URL is at least the number of
// characters: the reference does not say how it counts, and bytes can only
// err on the safe side.
const MaxEventsURLsLength = 1024

// CheckWebhookURL returns the problem with raw as one entry of the
// merchant's comma-delimited event URL lists, or "" when it is acceptable.
// The URL must be absolute with a host, use https (or http when allowHTTP),
// contain no comma (the list delimiter) and no whitespace, and be at most
// MaxEventsURLsLength characters.
func CheckWebhookURL(raw string, allowHTTP bool) string {
	if raw == "" {
		return "the URL must not be empty"
	}
	if strings.Contains(raw, ",") {
		return fmt.Sprintf("%q contains a comma: the API stores event URLs as one comma-delimited list, so a comma would split it into two URLs. Percent-encode it as %%2C", raw)
	}
	if i := strings.IndexFunc(raw, unicode.IsSpace); i >= 0 {
		return fmt.Sprintf("%q contains whitespace (character %d): percent-encode spaces as %%20", raw, i+1)
	}
	if n := len(raw); n > MaxEventsURLsLength {
		return fmt.Sprintf("the URL is %d characters long; the API limits the whole event URL list to %d characters", n, MaxEventsURLsLength)
	}
	u, err := url.Parse(raw)
	if err != nil {
		return fmt.Sprintf("%q is not a valid URL: %v", raw, err)
	}
	if !u.IsAbs() || u.Opaque != "" || u.Hostname() == "" {
		return fmt.Sprintf("%q is not an absolute URL with a host, such as https://hooks.example.com/affinipay", raw)
	}
	switch u.Scheme {
	case "https":
	case "http":
		if !allowHTTP {
			return fmt.Sprintf("%q uses http://: event payloads contain personally identifiable information, so the URL must use https:// (set allow_http = true to accept a plain-text URL deliberately)", raw)
		}
	default:
		return fmt.Sprintf("%q uses the scheme %q; only https:// (or http:// with allow_http = true) is accepted", raw, u.Scheme)
	}
	return ""
}

// IsHTTPURL reports whether raw parses as an http:// (plain-text) URL.
func IsHTTPURL(raw string) bool {
	u, err := url.Parse(raw)
	return err == nil && u.Scheme == "http"
}

// webhookURL validates an event URL; allowHTTP locates the sibling bool
// attribute that opts in to http:// URLs.
type webhookURL struct {
	allowHTTP path.Expression
}

// WebhookURL validates a webhook (event) URL with CheckWebhookURL. allowHTTP
// is the expression, relative to the validated attribute, of the bool
// attribute that permits http:// URLs, for example
// path.MatchRelative().AtParent().AtName("allow_http"). When that attribute
// is true an http:// URL is accepted with a warning; while it is unknown the
// scheme is only checked to be http or https (the resource checks again at
// apply time).
func WebhookURL(allowHTTP path.Expression) validator.String {
	return webhookURL{allowHTTP: allowHTTP}
}

func (v webhookURL) Description(context.Context) string {
	return fmt.Sprintf("an absolute https:// URL (http:// only when allow_http is true) without commas or whitespace, at most %d characters", MaxEventsURLsLength)
}

func (v webhookURL) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v webhookURL) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	allow, known := v.allowHTTPValue(ctx, req, resp)
	raw := req.ConfigValue.ValueString()
	// While allow_http is unknown, accept http so a later, known value decides.
	if problem := CheckWebhookURL(raw, allow || !known); problem != "" {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid "+req.Path.String(), problem)
		return
	}
	if allow && IsHTTPURL(raw) {
		resp.Diagnostics.AddAttributeWarning(req.Path, "Plain-text webhook URL",
			fmt.Sprintf("%q uses http:// because allow_http is true. Events contain personally identifiable information such as customer names and addresses, "+
				"and AffiniPay recommends https:// for every event URL.", raw))
	}
}

// allowHTTPValue reads the opt-in attribute: its value, and whether it is
// known (a missing expression means http is never allowed).
func (v webhookURL) allowHTTPValue(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) (allow, known bool) {
	if v.allowHTTP.String() == "" {
		return false, true
	}
	paths, diags := req.Config.PathMatches(ctx, req.PathExpression.Merge(v.allowHTTP))
	resp.Diagnostics.Append(diags...)
	if diags.HasError() || len(paths) == 0 {
		return false, true
	}
	var b types.Bool
	diags = req.Config.GetAttribute(ctx, paths[0], &b)
	resp.Diagnostics.Append(diags...)
	if diags.HasError() {
		return false, true
	}
	if b.IsUnknown() {
		return false, false
	}
	return b.ValueBool(), true
}
