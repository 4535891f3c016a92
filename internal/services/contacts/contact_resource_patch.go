package contacts

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/client"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/framework"
)

// Request bodies for affinipay_contact: the create body, and the change-only
// PATCH body that edits the nested email, phone and address lists item by
// item (matched by ID).

// matchPlannedIDs sets the id of every item of plan's nested lists to the
// ID of the item of prior it corresponds to, or unknown for a new item.
func matchPlannedIDs(ctx context.Context, plan, prior *ContactData, diags *diag.Diagnostics) {
	plan.EmailAddresses = matchListIDs[contactEmailModel](ctx, plan.EmailAddresses, prior.EmailAddresses, contactEmailType, diags)
	plan.PhoneNumbers = matchListIDs[contactPhoneModel](ctx, plan.PhoneNumbers, prior.PhoneNumbers, contactPhoneType, diags)
	plan.Addresses = matchListIDs[contactAddressModel](ctx, plan.Addresses, prior.Addresses, contactAddressType, diags)
}

func idOrUnknown(id string) types.String {
	if id == "" {
		return types.StringUnknown()
	}
	return types.StringValue(id)
}

// contactContextPaths maps the API's message contexts to attributes.
func contactContextPaths() framework.ContextPaths {
	p := framework.ContextPaths{}
	for _, name := range []string{"type", "source_id", "test_mode", "name", "first_name", "middle_name", "last_name", "name_prefix",
		"name_suffix", "contact_code", "time_zone", "preferred_currency", "notes", "email_addresses", "phone_numbers", "addresses", "tags"} {
		p[name] = path.Root(name)
	}
	// Contexts for fields of the nested items without an index.
	p["email_address"] = path.Root("email_addresses")
	p["phone_number"] = path.Root("phone_numbers")
	p["address"] = path.Root("addresses")
	// Contexts of one item ("email_addresses[1].address", "tags[0]"): the
	// index is the request's, not the configuration's, so the diagnostic is
	// placed on the whole list.
	for i := 0; i < 10; i++ {
		for _, name := range []string{"email_addresses", "phone_numbers", "addresses", "tags"} {
			p[fmt.Sprintf("%s[%d]", name, i)] = path.Root(name)
		}
	}
	return p
}

func strVal(v types.String) string {
	if !framework.IsKnown(v) {
		return ""
	}
	return v.ValueString()
}

func strPtrVal(v types.String) *string {
	if !framework.IsKnown(v) {
		return nil
	}
	return client.String(v.ValueString())
}

func stringSet(ctx context.Context, s types.Set, diags *diag.Diagnostics) []string {
	if !framework.IsKnown(s) {
		return nil
	}
	out := []string{}
	diags.Append(s.ElementsAs(ctx, &out, false)...)
	return out
}

// contactCreateBody is the POST /contacts body for plan.
func contactCreateBody(ctx context.Context, plan *ContactData, sourceID string, diags *diag.Diagnostics) *client.ContactCreate {
	in := &client.ContactCreate{
		Type: plan.Type.ValueString(), TestMode: plan.TestMode.ValueBool(), SourceID: sourceID,
		Name: strVal(plan.Name), FirstName: strVal(plan.FirstName), MiddleName: strVal(plan.MiddleName), LastName: strVal(plan.LastName),
		NamePrefix: strVal(plan.NamePrefix), NameSuffix: strVal(plan.NameSuffix), ContactCode: strVal(plan.ContactCode),
		TimeZone: strVal(plan.TimeZone), PreferredCurrency: strVal(plan.PreferredCurrency), Notes: strVal(plan.Notes),
		Tags: stringSet(ctx, plan.Tags, diags),
	}
	for _, e := range listItems[contactEmailModel](ctx, plan.EmailAddresses, diags) {
		in.EmailAddresses = append(in.EmailAddresses, emailBody(e, ""))
	}
	for _, p := range listItems[contactPhoneModel](ctx, plan.PhoneNumbers, diags) {
		in.PhoneNumbers = append(in.PhoneNumbers, phoneBody(p, "", false))
	}
	for _, a := range listItems[contactAddressModel](ctx, plan.Addresses, diags) {
		in.Addresses = append(in.Addresses, addressBody(a, "", false))
	}
	return in
}

func emailBody(e contactEmailModel, id string) client.EmailAddress {
	return client.EmailAddress{ID: id, Address: e.Address.ValueString(), Preferred: client.Bool(e.Preferred.ValueBool())}
}

// phoneBody is a phone number to send; clearUnset sends "" for an unset
// extension (an update clearing it), else it is left out.
func phoneBody(p contactPhoneModel, id string, clearUnset bool) client.PhoneNumber {
	out := client.PhoneNumber{ID: id, Number: p.Number.ValueString(), Extension: strPtrVal(p.Extension), Preferred: client.Bool(p.Preferred.ValueBool())}
	if clearUnset && out.Extension == nil {
		out.Extension = client.String("")
	}
	return out
}

func addressBody(a contactAddressModel, id string, clearUnset bool) client.Address {
	out := client.Address{ID: id, Line1: a.Line1.ValueString(), Line2: strPtrVal(a.Line2), City: a.City.ValueString(),
		StateOrProvince: strPtrVal(a.StateOrProvince), PostalCode: strPtrVal(a.PostalCode), CountryCode: a.CountryCode.ValueString(),
		Preferred: client.Bool(a.Preferred.ValueBool())}
	if clearUnset {
		for _, f := range []**string{&out.Line2, &out.StateOrProvince, &out.PostalCode} {
			if *f == nil {
				*f = client.String("")
			}
		}
	}
	return out
}

// nestedPatch computes one nested list's PATCH items from the prior items
// (with IDs) and the planned ones (IDs from matchPlannedIDs, unknown for
// new items): removals (ID only) first, so that a list at its limit can
// take a new item in the same request, then updates by ID of the items
// that changed, then additions without ID.
func nestedPatch[T interface{ view() itemView }, B any](prior, planned []T, id func(T) types.String, body func(T, string) B, removal func(string) B) []B {
	keep := map[string]bool{}
	for _, p := range planned {
		if v := id(p); framework.IsKnown(v) {
			keep[v.ValueString()] = true
		}
	}
	var out []B
	priorContent := map[string]string{}
	for _, p := range prior {
		pid := id(p).ValueString()
		priorContent[pid] = p.view().content
		if !keep[pid] {
			out = append(out, removal(pid))
		}
	}
	var adds []B
	for _, p := range planned {
		v := id(p)
		if !framework.IsKnown(v) {
			adds = append(adds, body(p, ""))
			continue
		}
		if c, ok := priorContent[v.ValueString()]; ok && c == p.view().content {
			continue
		}
		out = append(out, body(p, v.ValueString()))
	}
	return append(out, adds...)
}

// contactPatchBody computes the PATCH that turns prior into plan (both
// with resolved item IDs). tagsConfigured says whether the configuration
// owns the tags.
func contactPatchBody(ctx context.Context, prior, plan *ContactData, tagsConfigured bool, diags *diag.Diagnostics) *client.ContactPatch {
	p := &client.ContactPatch{}
	// Optional attributes: a removed value is cleared with "".
	clearable := func(dst **string, planned, old types.String) {
		if planned.IsUnknown() || planned.Equal(old) {
			return
		}
		*dst = client.String(strVal(planned))
	}
	clearable(&p.Name, plan.Name, prior.Name)
	clearable(&p.FirstName, plan.FirstName, prior.FirstName)
	clearable(&p.MiddleName, plan.MiddleName, prior.MiddleName)
	clearable(&p.LastName, plan.LastName, prior.LastName)
	clearable(&p.NamePrefix, plan.NamePrefix, prior.NamePrefix)
	clearable(&p.NameSuffix, plan.NameSuffix, prior.NameSuffix)
	clearable(&p.Notes, plan.Notes, prior.Notes)
	// Optional+Computed attributes: sent only when configured and different.
	keepable := func(dst **string, planned, old types.String) {
		if planned.IsUnknown() || planned.IsNull() || planned.Equal(old) {
			return
		}
		*dst = client.String(planned.ValueString())
	}
	keepable(&p.ContactCode, plan.ContactCode, prior.ContactCode)
	keepable(&p.TimeZone, plan.TimeZone, prior.TimeZone)
	keepable(&p.PreferredCurrency, plan.PreferredCurrency, prior.PreferredCurrency)

	p.EmailAddresses = nestedPatch(listItems[contactEmailModel](ctx, prior.EmailAddresses, diags), listItems[contactEmailModel](ctx, plan.EmailAddresses, diags),
		func(m contactEmailModel) types.String { return m.ID }, emailBody,
		func(id string) client.EmailAddress { return client.EmailAddress{ID: id} })
	p.PhoneNumbers = nestedPatch(listItems[contactPhoneModel](ctx, prior.PhoneNumbers, diags), listItems[contactPhoneModel](ctx, plan.PhoneNumbers, diags),
		func(m contactPhoneModel) types.String { return m.ID },
		func(m contactPhoneModel, id string) client.PhoneNumber { return phoneBody(m, id, id != "") },
		func(id string) client.PhoneNumber { return client.PhoneNumber{ID: id} })
	p.Addresses = nestedPatch(listItems[contactAddressModel](ctx, prior.Addresses, diags), listItems[contactAddressModel](ctx, plan.Addresses, diags),
		func(m contactAddressModel) types.String { return m.ID },
		func(m contactAddressModel, id string) client.Address { return addressBody(m, id, id != "") },
		func(id string) client.Address { return client.Address{ID: id} })

	if tagsConfigured && !plan.Tags.IsUnknown() && !plan.Tags.Equal(prior.Tags) {
		tags := stringSet(ctx, plan.Tags, diags)
		p.Tags = &tags
	}
	return p
}
