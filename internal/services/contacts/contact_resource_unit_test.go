package contacts

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/client"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/testutil"
)

func email(id, addr string, pref bool) contactEmailModel {
	m := contactEmailModel{ID: types.StringUnknown(), Address: types.StringValue(addr), Preferred: types.BoolValue(pref)}
	if id != "" {
		m.ID = types.StringValue(id)
	}
	return m
}

func TestMatchItemIDs(t *testing.T) {
	prior := views([]contactEmailModel{email("eml_a", "a@example.com", true), email("eml_b", "b@example.com", false), email("eml_c", "c@example.com", false)})
	cases := map[string]struct {
		desired []contactEmailModel
		want    []string
	}{
		"unchanged":               {[]contactEmailModel{email("", "a@example.com", true), email("", "b@example.com", false), email("", "c@example.com", false)}, []string{"eml_a", "eml_b", "eml_c"}},
		"edit one address":        {[]contactEmailModel{email("", "a@example.com", true), email("", "x@example.com", false), email("", "c@example.com", false)}, []string{"eml_a", "eml_b", "eml_c"}},
		"remove the first":        {[]contactEmailModel{email("", "b@example.com", false), email("", "c@example.com", false)}, []string{"eml_b", "eml_c"}},
		"reorder":                 {[]contactEmailModel{email("", "c@example.com", false), email("", "a@example.com", true)}, []string{"eml_c", "eml_a"}},
		"flip preferred by key":   {[]contactEmailModel{email("", "a@example.com", false), email("", "b@example.com", true), email("", "c@example.com", false)}, []string{"eml_a", "eml_b", "eml_c"}},
		"key is case-insensitive": {[]contactEmailModel{email("", "A@Example.com", true)}, []string{"eml_a"}},
		"add beyond prior":        {[]contactEmailModel{email("", "a@example.com", true), email("", "b@example.com", false), email("", "c@example.com", false), email("", "d@example.com", false)}, []string{"eml_a", "eml_b", "eml_c", ""}},
	}
	for name, tc := range cases {
		got := matchItemIDs(views(tc.desired), prior)
		if len(got) != len(tc.want) {
			t.Fatalf("%s: got %v", name, got)
		}
		for i := range got {
			if got[i] != tc.want[i] {
				t.Errorf("%s: got %v, want %v", name, got, tc.want)
				break
			}
		}
	}
}

func TestOrderLike(t *testing.T) {
	prior := views([]contactEmailModel{email("eml_b", "b@example.com", false), email("", "new@example.com", false), email("eml_a", "a@example.com", false)})
	api := views([]contactEmailModel{email("eml_a", "a@example.com", false), email("eml_x", "extra@example.com", false),
		email("eml_b", "b@example.com", false), email("eml_n", "new@example.com", false)})
	got := orderLike(prior, api)
	want := []int{2, 3, 0, 1}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("got %v, want %v", got, want)
		}
	}
}

// The PATCH for an edit of one email of three sends only that email, by
// its ID; a removal sends only the ID; an addition has no ID; unchanged
// scalar attributes are not sent; a removed optional one is cleared.
func TestContactPatchBody(t *testing.T) {
	ctx := context.Background()
	var diags diag.Diagnostics
	list := func(items ...contactEmailModel) types.List {
		return listOf(ctx, contactEmailType, items, types.ListNull(contactEmailType), &diags)
	}
	prior := ContactData{
		FirstName: types.StringValue("Ellen"), LastName: types.StringValue("Ripley"), Notes: types.StringValue("n"),
		ContactCode: types.StringValue("0010"), Tags: types.SetValueMust(types.StringType, nil),
		EmailAddresses: list(email("eml_a", "a@example.com", true), email("eml_b", "b@example.com", false), email("eml_c", "c@example.com", false)),
		PhoneNumbers:   types.ListNull(contactPhoneType), Addresses: types.ListNull(contactAddressType),
	}
	plan := prior
	plan.Notes = types.StringNull()
	plan.ContactCode = types.StringValue("0010")
	plan.Tags = types.SetValueMust(types.StringType, nil)
	// Drop c: desired a, x (edit of b), d, e (new).
	plan.EmailAddresses = list(email("", "a@example.com", true), email("", "x@example.com", false))
	matchPlannedIDs(ctx, &plan, &prior, &diags)
	p := contactPatchBody(ctx, &prior, &plan, false, &diags)
	if diags.HasError() {
		t.Fatal(diags)
	}
	b := testutil.TestJSON(t, p)
	// a unchanged (not sent); b edited to x in place; c: the leftover
	// positional match goes to b first, so c is removed.
	want := `{"notes":"","email_addresses":[{"id":"eml_c"},{"id":"eml_b","address":"x@example.com","preferred":false}]}`
	if b != want {
		t.Fatalf("got  %s\nwant %s", b, want)
	}

	plan.EmailAddresses = list(email("", "a@example.com", true), email("", "b@example.com", false), email("", "c@example.com", false), email("", "new@example.com", true))
	plan.Notes = prior.Notes
	plan.Tags = types.SetValueMust(types.StringType, []attr.Value{types.StringValue("default")})
	matchPlannedIDs(ctx, &plan, &prior, &diags)
	p = contactPatchBody(ctx, &prior, &plan, true, &diags)
	b = testutil.TestJSON(t, p)
	want = `{"email_addresses":[{"address":"new@example.com","preferred":true}],"tags":["default"]}`
	if b != want {
		t.Fatalf("got  %s\nwant %s", b, want)
	}
	// Tags not configured: never sent.
	p = contactPatchBody(ctx, &prior, &plan, false, &diags)
	if p.Tags != nil {
		t.Fatal("tags sent while unconfigured")
	}
}

// Reading orders the API's items like the prior state, maps "" to null,
// keeps the source_id the API leaves out and nulls a person's name.
func TestSetContactFromAPI(t *testing.T) {
	ctx := context.Background()
	var diags diag.Diagnostics
	prior := ContactData{
		SourceID:       types.StringValue("terraform:x"),
		EmailAddresses: listOf(ctx, contactEmailType, []contactEmailModel{email("eml_b", "b@example.com", false), email("eml_a", "a@example.com", true)}, types.ListNull(contactEmailType), &diags),
		PhoneNumbers:   types.ListValueMust(contactPhoneType, nil),
		Addresses:      types.ListNull(contactAddressType),
	}
	c := &client.Contact{ID: "p_tup7e7S0e7LIE55qvgXAR", Type: "person", Name: "Ellen Ripley", FirstName: "Ellen",
		EmailAddresses: []client.EmailAddress{{ID: "eml_a", Address: "a@example.com", Preferred: client.Bool(true)}, {ID: "eml_b", Address: "b@example.com"}},
		Tags:           []string{"vip", "default"}}
	var m ContactData
	setContactFromAPI(ctx, &m, c, &prior, &diags)
	if diags.HasError() {
		t.Fatal(diags)
	}
	items := listItems[contactEmailModel](ctx, m.EmailAddresses, &diags)
	if len(items) != 2 || items[0].ID.ValueString() != "eml_b" || items[1].ID.ValueString() != "eml_a" {
		t.Fatalf("emails %v", items)
	}
	if !m.Name.IsNull() || !m.LastName.IsNull() || m.SourceID.ValueString() != "terraform:x" {
		t.Fatalf("name %v last %v source %v", m.Name, m.LastName, m.SourceID)
	}
	if m.PhoneNumbers.IsNull() || len(m.PhoneNumbers.Elements()) != 0 || !m.Addresses.IsNull() {
		t.Fatalf("empty lists: phones %v addresses %v", m.PhoneNumbers, m.Addresses)
	}
	if len(m.Tags.Elements()) != 2 {
		t.Fatalf("tags %v", m.Tags)
	}
}
