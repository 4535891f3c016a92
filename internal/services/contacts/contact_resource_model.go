package contacts

import (
	"context"
	"regexp"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/client"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/framework"
)

// ContactData is the contact's attributes as the affinipay_contact
// resource and data sources hold them. (Exported so the framework can
// reflect on it when it is embedded in the resource model.)
type ContactData struct {
	ID                types.String `tfsdk:"id"`
	Type              types.String `tfsdk:"type"`
	SourceID          types.String `tfsdk:"source_id"`
	TestMode          types.Bool   `tfsdk:"test_mode"`
	Name              types.String `tfsdk:"name"`
	FirstName         types.String `tfsdk:"first_name"`
	MiddleName        types.String `tfsdk:"middle_name"`
	LastName          types.String `tfsdk:"last_name"`
	NamePrefix        types.String `tfsdk:"name_prefix"`
	NameSuffix        types.String `tfsdk:"name_suffix"`
	ContactCode       types.String `tfsdk:"contact_code"`
	TimeZone          types.String `tfsdk:"time_zone"`
	PreferredCurrency types.String `tfsdk:"preferred_currency"`
	Notes             types.String `tfsdk:"notes"`
	EmailAddresses    types.List   `tfsdk:"email_addresses"`
	PhoneNumbers      types.List   `tfsdk:"phone_numbers"`
	Addresses         types.List   `tfsdk:"addresses"`
	Tags              types.Set    `tfsdk:"tags"`
	DisplayName       types.String `tfsdk:"display_name"`
	SortName          types.String `tfsdk:"sort_name"`
	PreferredEmail    types.String `tfsdk:"preferred_email"`
	OwnerID           types.String `tfsdk:"owner_id"`
}

type contactEmailModel struct {
	ID        types.String `tfsdk:"id"`
	Address   types.String `tfsdk:"address"`
	Preferred types.Bool   `tfsdk:"preferred"`
}

type contactPhoneModel struct {
	ID        types.String `tfsdk:"id"`
	Number    types.String `tfsdk:"number"`
	Extension types.String `tfsdk:"extension"`
	Preferred types.Bool   `tfsdk:"preferred"`
}

type contactAddressModel struct {
	ID              types.String `tfsdk:"id"`
	Line1           types.String `tfsdk:"line1"`
	Line2           types.String `tfsdk:"line2"`
	City            types.String `tfsdk:"city"`
	StateOrProvince types.String `tfsdk:"state_or_province"`
	PostalCode      types.String `tfsdk:"postal_code"`
	CountryCode     types.String `tfsdk:"country_code"`
	Preferred       types.Bool   `tfsdk:"preferred"`
}

var (
	contactEmailAttrTypes = map[string]attr.Type{
		"id": types.StringType, "address": types.StringType, "preferred": types.BoolType,
	}
	contactPhoneAttrTypes = map[string]attr.Type{
		"id": types.StringType, "number": types.StringType, "extension": types.StringType, "preferred": types.BoolType,
	}
	contactAddressAttrTypes = map[string]attr.Type{
		"id": types.StringType, "line1": types.StringType, "line2": types.StringType, "city": types.StringType,
		"state_or_province": types.StringType, "postal_code": types.StringType, "country_code": types.StringType,
		"preferred": types.BoolType,
	}
	contactEmailType   = types.ObjectType{AttrTypes: contactEmailAttrTypes}
	contactPhoneType   = types.ObjectType{AttrTypes: contactPhoneAttrTypes}
	contactAddressType = types.ObjectType{AttrTypes: contactAddressAttrTypes}
)

func boolPtr(b *bool) bool { return b != nil && *b }

// itemView is what the matching of nested items needs: the ID (empty when
// unknown), the whole content, and a key identifying "the same item"
// across an edit of its other fields. known is false when some content is
// unknown (so it can match only by position).
type itemView struct {
	id      string
	content string
	key     string
	known   bool
}

func valueKey(v attr.Value) (string, bool) {
	if v.IsUnknown() {
		return "", false
	}
	if v.IsNull() {
		return "\x00", true
	}
	switch x := v.(type) {
	case types.String:
		return x.ValueString(), true
	case types.Bool:
		if x.ValueBool() {
			return "true", true
		}
		return "false", true
	}
	return v.String(), true
}

func makeView(id types.String, keyVals []attr.Value, otherVals []attr.Value) itemView {
	v := itemView{known: true}
	if framework.IsKnown(id) {
		v.id = id.ValueString()
	}
	var key, content []string
	for _, x := range keyVals {
		s, ok := valueKey(x)
		v.known = v.known && ok
		key = append(key, strings.ToLower(s))
		content = append(content, s)
	}
	for _, x := range otherVals {
		s, ok := valueKey(x)
		v.known = v.known && ok
		content = append(content, s)
	}
	v.key = strings.Join(key, "\x1f")
	v.content = strings.Join(content, "\x1f")
	return v
}

func (m contactEmailModel) view() itemView {
	return makeView(m.ID, []attr.Value{m.Address}, []attr.Value{m.Preferred})
}

func (m contactPhoneModel) view() itemView {
	return makeView(m.ID, []attr.Value{m.Number}, []attr.Value{m.Extension, m.Preferred})
}

func (m contactAddressModel) view() itemView {
	return makeView(m.ID, []attr.Value{m.Line1, m.City, m.CountryCode},
		[]attr.Value{m.Line2, m.StateOrProvince, m.PostalCode, m.Preferred})
}

// withID returns the item with its id set; with view, it makes the three
// nested item kinds usable by matchListIDs.
func (m contactEmailModel) withID(id types.String) contactEmailModel     { m.ID = id; return m }
func (m contactPhoneModel) withID(id types.String) contactPhoneModel     { m.ID = id; return m }
func (m contactAddressModel) withID(id types.String) contactAddressModel { m.ID = id; return m }

// nestedItem is an email, phone or address model.
type nestedItem[T any] interface {
	view() itemView
	withID(types.String) T
}

// matchListIDs gives every item of a planned nested list the ID of the item
// of prior it corresponds to (matchItemIDs), or unknown for a new item.
func matchListIDs[T nestedItem[T]](ctx context.Context, planned, prior types.List, elem types.ObjectType, diags *diag.Diagnostics) types.List {
	if planned.IsUnknown() || planned.IsNull() {
		return planned
	}
	items := listItems[T](ctx, planned, diags)
	ids := matchItemIDs(views(items), views(listItems[T](ctx, prior, diags)))
	for i := range items {
		items[i] = items[i].withID(idOrUnknown(ids[i]))
	}
	return listOf(ctx, elem, items, planned, diags)
}

// matchItemIDs decides which existing item (prior, with IDs) each desired
// item is, so that a PATCH updates items in place by ID and leaves the
// others alone: first items with exactly the same content, then items
// with the same key (the same email address, phone number or street and
// city, with other fields edited), then the remaining desired items take
// the remaining prior IDs in order (an item edited beyond recognition is
// updated in place). It returns the ID for each desired item, "" for an
// item to add. Prior items whose ID is not returned are to be removed.
func matchItemIDs(desired, prior []itemView) []string {
	out := make([]string, len(desired))
	used := make([]bool, len(prior))
	assigned := make([]bool, len(desired))
	pass := func(eq func(d, p itemView) bool) {
		for i, d := range desired {
			if assigned[i] {
				continue
			}
			for j, p := range prior {
				if used[j] || p.id == "" || !eq(d, p) {
					continue
				}
				out[i], used[j], assigned[i] = p.id, true, true
				break
			}
		}
	}
	pass(func(d, p itemView) bool { return d.known && p.known && d.content == p.content })
	pass(func(d, p itemView) bool { return d.known && p.known && d.key == p.key })
	pass(func(d, p itemView) bool { return true })
	return out
}

// orderLike returns the indexes of the API's items in the order of the
// prior items they correspond to (by ID, else by content for items whose
// ID is not known yet, else by key), followed by the API's other items in
// the API's order. This keeps the list's order stable across reads
// whatever order the API returns, so the configuration's order holds.
func orderLike(prior, api []itemView) []int {
	used := make([]bool, len(api))
	out := make([]int, 0, len(api))
	take := func(eq func(p, a itemView) bool, p itemView) bool {
		for j, a := range api {
			if !used[j] && eq(p, a) {
				used[j] = true
				out = append(out, j)
				return true
			}
		}
		return false
	}
	for _, p := range prior {
		switch {
		case p.id != "":
			take(func(p, a itemView) bool { return a.id == p.id }, p)
		case p.known:
			if !take(func(p, a itemView) bool { return a.content == p.content }, p) {
				take(func(p, a itemView) bool { return a.key == p.key }, p)
			}
		}
	}
	for j := range api {
		if !used[j] {
			out = append(out, j)
		}
	}
	return out
}

func emailsFromAPI(in []client.EmailAddress) []contactEmailModel {
	out := make([]contactEmailModel, 0, len(in))
	for _, e := range in {
		out = append(out, contactEmailModel{ID: types.StringValue(e.ID), Address: types.StringValue(e.Address), Preferred: types.BoolValue(boolPtr(e.Preferred))})
	}
	return out
}

func phonesFromAPI(in []client.PhoneNumber) []contactPhoneModel {
	out := make([]contactPhoneModel, 0, len(in))
	for _, p := range in {
		out = append(out, contactPhoneModel{ID: types.StringValue(p.ID), Number: types.StringValue(p.Number),
			Extension: framework.StringPtrOrNull(p.Extension), Preferred: types.BoolValue(boolPtr(p.Preferred))})
	}
	return out
}

func addressesFromAPI(in []client.Address) []contactAddressModel {
	out := make([]contactAddressModel, 0, len(in))
	for _, a := range in {
		out = append(out, contactAddressModel{ID: types.StringValue(a.ID), Line1: types.StringValue(a.Line1), Line2: framework.StringPtrOrNull(a.Line2),
			City: types.StringValue(a.City), StateOrProvince: framework.StringPtrOrNull(a.StateOrProvince), PostalCode: framework.StringPtrOrNull(a.PostalCode),
			CountryCode: types.StringValue(a.CountryCode), Preferred: types.BoolValue(boolPtr(a.Preferred))})
	}
	return out
}

func views[T interface{ view() itemView }](items []T) []itemView {
	out := make([]itemView, len(items))
	for i, it := range items {
		out[i] = it.view()
	}
	return out
}

// ordered returns api reordered like prior (see orderLike).
func ordered[T interface{ view() itemView }](prior, api []T) []T {
	idx := orderLike(views(prior), views(api))
	out := make([]T, len(idx))
	for i, j := range idx {
		out[i] = api[j]
	}
	return out
}

// listItems decodes a nested list (null or unknown gives nil).
func listItems[T any](ctx context.Context, l types.List, diags *diag.Diagnostics) []T {
	if !framework.IsKnown(l) {
		return nil
	}
	var out []T
	diags.Append(l.ElementsAs(ctx, &out, false)...)
	return out
}

// listOf encodes items as a list. An empty result is null unless the
// prior value was an empty list (so `x = []` in a configuration and an
// omitted x both stay as written).
func listOf[T any](ctx context.Context, elem types.ObjectType, items []T, prior types.List, diags *diag.Diagnostics) types.List {
	if len(items) == 0 {
		if framework.IsKnown(prior) && len(prior.Elements()) == 0 {
			return types.ListValueMust(elem, []attr.Value{})
		}
		return types.ListNull(elem)
	}
	l, d := types.ListValueFrom(ctx, elem, items)
	diags.Append(d...)
	return l
}

// setContactFromAPI fills m from the API's contact. prior (the plan or the
// prior state; may be the zero value) gives the order of the nested
// lists, the representation of empty lists, and the source_id when the
// API does not return it (GET /contacts/source-id never does).
func setContactFromAPI(ctx context.Context, m *ContactData, c *client.Contact, prior *ContactData, diags *diag.Diagnostics) {
	if prior == nil {
		prior = &ContactData{
			EmailAddresses: types.ListNull(contactEmailType), PhoneNumbers: types.ListNull(contactPhoneType),
			Addresses: types.ListNull(contactAddressType), SourceID: types.StringNull(),
		}
	}
	priorEmails := listItems[contactEmailModel](ctx, prior.EmailAddresses, diags)
	priorPhones := listItems[contactPhoneModel](ctx, prior.PhoneNumbers, diags)
	priorAddrs := listItems[contactAddressModel](ctx, prior.Addresses, diags)
	priorEmailsList, priorPhonesList, priorAddrsList := prior.EmailAddresses, prior.PhoneNumbers, prior.Addresses
	priorSourceID := prior.SourceID

	m.ID = types.StringValue(c.ID)
	m.Type = types.StringValue(c.Type)
	m.TestMode = types.BoolValue(c.TestMode)
	switch {
	case c.SourceID != "":
		m.SourceID = types.StringValue(c.SourceID)
	case !priorSourceID.IsUnknown():
		m.SourceID = priorSourceID
	default:
		m.SourceID = types.StringNull()
	}
	// A person's name is derived by the API from the name parts (it is
	// exposed as display_name); only an organization's name is the user's.
	if c.Type == client.ContactTypeOrganization {
		m.Name = framework.StringOrNull(c.Name)
	} else {
		m.Name = types.StringNull()
	}
	m.FirstName = framework.StringOrNull(c.FirstName)
	m.MiddleName = framework.StringOrNull(c.MiddleName)
	m.LastName = framework.StringOrNull(c.LastName)
	m.NamePrefix = framework.StringOrNull(c.NamePrefix)
	m.NameSuffix = framework.StringOrNull(c.NameSuffix)
	m.ContactCode = framework.StringOrNull(c.ContactCode)
	m.TimeZone = framework.StringOrNull(c.TimeZone)
	m.PreferredCurrency = framework.StringOrNull(c.PreferredCurrency)
	m.Notes = framework.StringOrNull(c.Notes)
	m.EmailAddresses = listOf(ctx, contactEmailType, ordered(priorEmails, emailsFromAPI(c.EmailAddresses)), priorEmailsList, diags)
	m.PhoneNumbers = listOf(ctx, contactPhoneType, ordered(priorPhones, phonesFromAPI(c.PhoneNumbers)), priorPhonesList, diags)
	m.Addresses = listOf(ctx, contactAddressType, ordered(priorAddrs, addressesFromAPI(c.Addresses)), priorAddrsList, diags)
	tags := append([]string{}, c.Tags...)
	sort.Strings(tags)
	ts, d := types.SetValueFrom(ctx, types.StringType, tags)
	diags.Append(d...)
	m.Tags = ts
	m.DisplayName = types.StringValue(c.DisplayName)
	m.SortName = types.StringValue(c.SortName)
	m.PreferredEmail = types.StringValue(c.PreferredEmail)
	m.OwnerID = types.StringValue(c.OwnerID)
}

// contactPostalCodePattern is the reference's pattern for Address.postal_code.
var contactPostalCodePattern = regexp.MustCompile(`^[0-9A-Za-z -]+$`)

// contactTagPattern refuses tags with leading or trailing whitespace,
// which would look like another tag in every listing.
var contactTagPattern = regexp.MustCompile(`^\S(.*\S)?$`)
