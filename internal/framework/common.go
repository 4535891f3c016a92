package framework

import (
	"context"
	"regexp"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/client"
)

// Helpers shared by the resources, data sources and ephemeral resources of
// this package. A helper used by more than one file lives here, not in the
// file that happened to need it first.

// notBlankRegexp requires at least one non-space character.
var NotBlankRegexp = regexp.MustCompile(`\S`)

// contactIDPattern: a person (p_) or organization (org_) ID, the
// reference's XID pattern (21 letters or digits) with the contact prefixes
// (API reference, Contact object types, id pattern).
var ContactIDPattern = regexp.MustCompile(`^(p|org)_[0-9A-Za-z]{21}$`)

// sourceIDPrefix starts the source_id the provider generates for contacts
// and recurring charges ("partnername:id", as the reference recommends).
const SourceIDPrefix = "terraform:"

// isKnown reports whether v is neither null nor unknown.
func IsKnown(v attr.Value) bool { return !v.IsNull() && !v.IsUnknown() }

// stringOrNull maps the API's "" (or an absent field) to null, so optional
// attributes left out of the configuration do not diff against "".
func StringOrNull(s string) types.String {
	if s == "" {
		return types.StringNull()
	}
	return types.StringValue(s)
}

// stringPtrOrNull is stringOrNull for an optional API field.
func StringPtrOrNull(s *string) types.String {
	if s == nil {
		return types.StringNull()
	}
	return StringOrNull(*s)
}

// int64OrNull maps the API's 0 (or an absent number) to null.
func Int64OrNull(n int64) types.Int64 {
	if n == 0 {
		return types.Int64Null()
	}
	return types.Int64Value(n)
}

// joinSortedList joins set elements for the API in a stable order.
func joinSortedList(items []string) string {
	items = append([]string(nil), items...)
	sort.Strings(items)
	return client.JoinList(items)
}

// flexBoolValue maps an optional API boolean (sent as a bool or a string)
// to a Bool, null when absent.
func FlexBoolValue(b *client.FlexBool) types.Bool {
	if b == nil {
		return types.BoolNull()
	}
	return types.BoolValue(bool(*b))
}

// maskPaymentNumber replaces every digit but the last four with `*`. The
// API already masks card, routing and account numbers; this is a second
// line of defence so that an unmasked number can never reach a result or
// the state, even if a response carried one. A masked value is unchanged.
func MaskPaymentNumber(s string) string {
	digits := 0
	for _, c := range s {
		if c >= '0' && c <= '9' {
			digits++
		}
	}
	if digits <= 4 {
		return s
	}
	out := []rune(s)
	for i, c := range out {
		if c >= '0' && c <= '9' && digits > 4 {
			out[i] = '*'
			digits--
		}
	}
	return string(out)
}

// changes builds a change-only update body: a setter writes a field only
// when the planned value is known and differs from the prior one (on
// create, with no prior, every known value), and counts what it wrote, so
// that an update with nothing to send sends no request.
type Changes struct {
	Create bool // no prior state: every known value is sent
	N      int  // fields written
}

// isEmpty reports whether nothing was written.
func (c *Changes) IsEmpty() bool { return c.N == 0 }

// differs reports whether want must be sent and counts it.
func (c *Changes) Differs(want, prior attr.Value) bool {
	if !IsKnown(want) || (!c.Create && want.Equal(prior)) {
		return false
	}
	c.N++
	return true
}

// string sets *dst to want if it differs from prior.
func (c *Changes) String(dst **string, want, prior types.String) {
	if c.Differs(want, prior) {
		*dst = client.String(want.ValueString())
	}
}

// bool sets *dst to want if it differs from prior.
func (c *Changes) Bool(dst **bool, want, prior types.Bool) {
	if c.Differs(want, prior) {
		*dst = client.Bool(want.ValueBool())
	}
}

// sortedList sets *dst to want's elements, sorted and joined the way the
// API stores lists, if want differs from prior.
func (c *Changes) SortedList(ctx context.Context, dst **string, want, prior types.Set, diags *diag.Diagnostics) {
	if c.Differs(want, prior) {
		var items []string
		diags.Append(want.ElementsAs(ctx, &items, false)...)
		*dst = client.String(joinSortedList(items))
	}
}

// contactFilterPattern matches the Contact API's `qf` filter: field:value
// pairs (or field>value ranges) separated by commas. Shared by the contacts
// data source and the contact list resource.
var ContactFilterPattern = regexp.MustCompile(`^[^:<>=,]+(:|>=|<=|>|<)[^,]*(,[^:<>=,]+(:|>=|<=|>|<)[^,]*)*$`)

const ContactFilterHint = "must be field:value pairs (or field>value ranges) separated by commas, such as type:person"

// orderByPattern: a field name or dot-separated path, "-" for descending.
var OrderByPattern = regexp.MustCompile(`^-?[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$`)

func RcInt64PtrOrNull(n *client.FlexInt64) types.Int64 {
	if n == nil {
		return types.Int64Null()
	}
	return types.Int64Value(int64(*n))
}
