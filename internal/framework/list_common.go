package framework

import (
	"context"
	"fmt"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Shared plumbing of the list resources (Terraform 1.14+ `terraform
// query`). Every list resource reads whole pages with the largest page
// size the API allows (the client's list functions follow every page),
// then streams one result per object: its identity (which is also what
// `-generate-config-out` turns into an import block), a display name a
// person recognises, and, with include_resource = true, the object
// exactly as the resource's import followed by a refresh would record it,
// so the generated configuration plans no change.

// listResourceBase holds the provider data of a list resource.
type ListResourceBase struct{ Data *ProviderData }

func (l *ListResourceBase) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	l.Data = ProviderDataFrom(req.ProviderData, &resp.Diagnostics)
}

// configured reports a missing client as a diagnostic.
func (l *ListResourceBase) Configured(diags *diag.Diagnostics) bool {
	if l.Data == nil || l.Data.Client == nil {
		diags.AddError("Provider not configured", "The AffiniPay provider was not configured before listing; this is a bug in the provider.")
		return false
	}
	return true
}

// listItem is one object to stream.
type ListItem struct {
	Display  string
	Identity map[string]string // identity attribute -> value; also set on the resource
	// fill completes the resource from the API object: it receives the
	// resource with only the identity attributes set (as after an import)
	// and sets the whole of it.
	Fill func(ctx context.Context, res *tfsdk.Resource) diag.Diagnostics
}

// streamList streams items, honouring the request's limit.
func StreamList(ctx context.Context, req list.ListRequest, items []ListItem) func(push func(list.ListResult) bool) {
	return func(push func(list.ListResult) bool) {
		for i, it := range items {
			if req.Limit > 0 && int64(i) >= req.Limit {
				return
			}
			if !push(newListResult(ctx, req, it)) {
				return
			}
		}
	}
}

func newListResult(ctx context.Context, req list.ListRequest, it ListItem) list.ListResult {
	res := req.NewListResult(ctx)
	res.DisplayName = it.Display
	names := make([]string, 0, len(it.Identity))
	for k := range it.Identity {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		res.Diagnostics.Append(res.Identity.SetAttribute(ctx, path.Root(k), it.Identity[k])...)
	}
	if !req.IncludeResource || res.Diagnostics.HasError() {
		return res
	}
	for _, k := range names {
		res.Diagnostics.Append(res.Resource.SetAttribute(ctx, path.Root(k), it.Identity[k])...)
	}
	if res.Diagnostics.HasError() {
		return res
	}
	res.Diagnostics.Append(it.Fill(ctx, res.Resource)...)
	return res
}

// listError returns a stream holding one error diagnostic.
func ListError(diags diag.Diagnostics) func(push func(list.ListResult) bool) {
	return list.ListResultsStreamDiagnostics(diags)
}

// displayOr returns s, or the fallback when s is empty.
func DisplayOr(s, fallback string) string {
	if s == "" {
		return fallback
	}
	return s
}

// formatMinorUnits formats an amount in cents as "12.50 USD".
func FormatMinorUnits(amount int64, currency string) string {
	sign := ""
	if amount < 0 {
		sign, amount = "-", -amount
	}
	return fmt.Sprintf("%s%d.%02d %s", sign, amount/100, amount%100, currency)
}

type ContactIDListModel struct {
	ContactID types.String `tfsdk:"contact_id"`
}

func ContactIDListAttribute(what string) schema.StringAttribute {
	return schema.StringAttribute{
		MarkdownDescription: "The contact (`p_...` or `org_...`) whose " + what + " are listed.",
		Required:            true,
		Validators: []validator.String{stringvalidator.RegexMatches(ContactIDPattern,
			"must be a contact ID: p_ (person) or org_ (organization) followed by 21 letters or digits")},
	}
}
