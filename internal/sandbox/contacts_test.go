package sandbox

import (
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"
)

var (
	personIDRe = regexp.MustCompile(`^p_[0-9A-Za-z]{21}$`)
	orgIDRe    = regexp.MustCompile(`^org_[0-9A-Za-z]{21}$`)
	emlIDRe    = regexp.MustCompile(`^eml_[0-9A-Za-z]{21}$`)
	addrIDRe   = regexp.MustCompile(`^addr_[0-9A-Za-z]{21}$`)
)

// createContact POSTs body and returns the decoded contact (fails unless 200).
func (e *env) createContact(body any) map[string]any {
	e.t.Helper()
	r := e.do("POST", "/contacts", defToken, body)
	if r.status != 200 {
		e.t.Fatalf("POST /contacts: %d %s", r.status, r.body)
	}
	return r.obj(e.t)
}

func (e *env) patchContact(id string, body any) map[string]any {
	e.t.Helper()
	r := e.do("PATCH", "/contacts/"+id, defToken, body)
	if r.status != 200 {
		e.t.Fatalf("PATCH /contacts/%s: %d %s", id, r.status, r.body)
	}
	return r.obj(e.t)
}

func items(c map[string]any, key string) []map[string]any {
	raw, _ := c[key].([]any)
	out := make([]map[string]any, len(raw))
	for i, v := range raw {
		out[i] = v.(map[string]any)
	}
	return out
}

func TestContactCreatePersonDocumentedShape(t *testing.T) {
	e := newEnv(t)
	c := e.createContact(map[string]any{
		"first_name": "Ellen", "last_name": "Ripley", "source_id": "partnername:contact-512",
		"email_addresses": []any{map[string]any{"address": "eripley@example.com"}},
		"tags":            []string{"default"}, "type": "person",
	})
	if !personIDRe.MatchString(c["id"].(string)) {
		t.Errorf("id %v", c["id"])
	}
	want := map[string]any{
		"test_mode": false, "name": "Ellen Ripley", "sort_name": "Ripley Ellen", "preferred_email": "eripley@example.com",
		"contact_code": "0001", "first_name": "Ellen", "last_name": "Ripley", "display_name": "Ellen Ripley",
		"type": "person", "source_id": "partnername:contact-512",
	}
	for k, v := range want {
		if c[k] != v {
			t.Errorf("%s = %v, want %v", k, c[k], v)
		}
	}
	if !orgIDRe.MatchString(c["owner_id"].(string)) || c["owner"].(map[string]any)["id"] != c["owner_id"] {
		t.Errorf("owner: %v %v", c["owner_id"], c["owner"])
	}
	created := c["created"].(map[string]any)
	if created["timestamp"] != "2024-03-01T12:00:00.123Z" || created["user"] == "" || c["modified"].(map[string]any)["timestamp"] != "2024-03-01T12:00:00.123Z" {
		t.Errorf("audit traces: %v %v", c["created"], c["modified"])
	}
	emails := items(c, "email_addresses")
	if len(emails) != 1 || !emlIDRe.MatchString(emails[0]["id"].(string)) || emails[0]["preferred"] != false ||
		emails[0]["type"] != "email_address" || emails[0]["created"] == nil {
		t.Errorf("emails: %v", emails)
	}
	if tags := c["tags"].([]any); len(tags) != 1 || tags[0] != "default" {
		t.Errorf("tags %v", tags)
	}
	for _, k := range []string{"addresses", "phone_numbers", "deleted"} {
		if _, ok := c[k]; ok {
			t.Errorf("%s should be omitted", k)
		}
	}
	// GET returns the same; contact_code sequence continues.
	r := e.do("GET", "/contacts/"+c["id"].(string), defToken, nil)
	if r.status != 200 || r.obj(t)["display_name"] != "Ellen Ripley" {
		t.Fatalf("GET: %d %s", r.status, r.body)
	}
	if c2 := e.createContact(map[string]any{"type": "person", "first_name": "B"}); c2["contact_code"] != "0002" {
		t.Errorf("second contact_code %v", c2["contact_code"])
	}
	if e.s.ContactCount() != 2 || e.s.ContactsBySourceID("partnername:contact-512") != 1 {
		t.Errorf("helpers: %d %d", e.s.ContactCount(), e.s.ContactsBySourceID("partnername:contact-512"))
	}
}

func TestContactOrganizationAndComputedNames(t *testing.T) {
	e := newEnv(t)
	org := e.createContact(map[string]any{"type": "organization", "name": "Acme Law", "contact_code": "ACME1"})
	if !orgIDRe.MatchString(org["id"].(string)) || org["display_name"] != "Acme Law" || org["sort_name"] != "Acme Law" || org["contact_code"] != "ACME1" {
		t.Fatalf("org: %v", org)
	}
	// An organization known only by email: display_name falls back to it.
	o2 := e.createContact(map[string]any{"type": "organization", "email_addresses": []any{
		map[string]any{"address": "a@example.com"}, map[string]any{"address": "b@example.com", "preferred": true}}})
	if o2["display_name"] != "b@example.com" || o2["preferred_email"] != "b@example.com" {
		t.Fatalf("email fallback: %v %v", o2["display_name"], o2["preferred_email"])
	}
	p := e.createContact(map[string]any{"type": "person", "first_name": "Ellen", "middle_name": "L", "last_name": "Ripley",
		"name_prefix": "Ms", "name_suffix": "Jr", "name": "ignored for a person"})
	if p["name"] != "Ellen L Ripley Jr" || p["sort_name"] != "Ripley Ellen L Jr" || p["name_prefix"] != "Ms" {
		t.Fatalf("person names: %v / %v", p["name"], p["sort_name"])
	}
	// Person fields sent for an organization are ignored.
	o3 := e.createContact(map[string]any{"type": "organization", "name": "X", "first_name": "Nope"})
	if _, ok := o3["first_name"]; ok {
		t.Errorf("first_name kept on organization")
	}
}

func TestContactCreateValidation(t *testing.T) {
	e := newEnv(t)
	long := func(n int) string { return strings.Repeat("x", n) }
	cases := []struct {
		name string
		body any
		want [][2]string
	}{
		{"no type", map[string]any{"first_name": "A"}, [][2]string{{"type", "not_null"}}},
		{"bad type", map[string]any{"type": "robot"}, [][2]string{{"type", "invalid"}}},
		{"person needs name or email", map[string]any{"type": "person", "middle_name": "Q"}, [][2]string{{"first_name", "not_blank"}}},
		{"org needs name or email", map[string]any{"type": "organization"}, [][2]string{{"name", "not_blank"}}},
		{"lengths", map[string]any{"type": "person", "first_name": long(65), "name_prefix": long(21), "notes": long(1025), "contact_code": long(11)},
			[][2]string{{"first_name", "invalid_length"}, {"name_prefix", "invalid_length"}, {"contact_code", "invalid_length"}, {"notes", "invalid_length"}}},
		{"blank contact_code", map[string]any{"type": "person", "first_name": "A", "contact_code": ""}, [][2]string{{"contact_code", "not_blank"}}},
		{"source_id too long", map[string]any{"type": "person", "first_name": "A", "source_id": "p:" + long(254)}, [][2]string{{"source_id", "invalid_length"}}},
		{"source_id not a URI", map[string]any{"type": "person", "first_name": "A", "source_id": "no scheme"}, [][2]string{{"source_id", "invalid"}}},
		{"time zone and currency", map[string]any{"type": "person", "first_name": "A", "time_zone": "Mars/Base", "preferred_currency": "usd"},
			[][2]string{{"time_zone", "invalid"}, {"preferred_currency", "invalid"}}},
		{"email", map[string]any{"type": "person", "email_addresses": []any{map[string]any{"address": "ok@example.com"}, map[string]any{"address": "nope"}}},
			[][2]string{{"email_addresses[1].address", "invalid"}}},
		{"email missing address", map[string]any{"type": "person", "first_name": "A", "email_addresses": []any{map[string]any{"preferred": true}}},
			[][2]string{{"email_addresses[0].address", "not_null"}}},
		{"phone", map[string]any{"type": "person", "first_name": "A", "phone_numbers": []any{
			map[string]any{"number": "1234"}, map[string]any{"number": "1234567890123456"}, map[string]any{"number": "512-555-1234"},
			map[string]any{"number": "5125551234", "extension": "123456"}}},
			[][2]string{{"phone_numbers[0].number", "invalid_length"}, {"phone_numbers[1].number", "invalid_length"},
				{"phone_numbers[2].number", "invalid"}, {"phone_numbers[3].extension", "invalid_length"}}},
		{"address", map[string]any{"type": "person", "first_name": "A", "addresses": []any{
			map[string]any{"line1": "1 Main", "city": "Austin", "country_code": "US", "state_or_province": "Texas", "postal_code": "787_56"},
			map[string]any{"city": "Austin"}}},
			[][2]string{{"addresses[0].postal_code", "invalid"}, {"addresses[0].state_or_province", "invalid"},
				{"addresses[1].line1", "not_null"}, {"addresses[1].country_code", "not_null"}}},
		{"six emails", map[string]any{"type": "person", "email_addresses": []any{
			map[string]any{"address": "1@example.com"}, map[string]any{"address": "2@example.com"}, map[string]any{"address": "3@example.com"},
			map[string]any{"address": "4@example.com"}, map[string]any{"address": "5@example.com"}, map[string]any{"address": "6@example.com"}}},
			[][2]string{{"email_addresses", "exceeds_maximum_value"}}},
		{"two preferred", map[string]any{"type": "person", "first_name": "A", "phone_numbers": []any{
			map[string]any{"number": "5125550001", "preferred": true}, map[string]any{"number": "5125550002", "preferred": true}}},
			[][2]string{{"phone_numbers[1].preferred", "invalid"}}},
		{"tags", map[string]any{"type": "person", "first_name": "A", "tags": []any{"ok", " "}}, [][2]string{{"tags[1]", "not_blank"}}},
		{"wrong JSON type", map[string]any{"type": "person", "first_name": 5, "test_mode": "yes"}, [][2]string{{"test_mode", "invalid"}, {"first_name", "invalid"}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			expectInvalid(t, e.do("POST", "/contacts", defToken, tc.body), tc.want...)
		})
	}
	if n := e.s.ContactCount(); n != 0 {
		t.Fatalf("invalid creates stored %d contacts", n)
	}
	// Five of each is fine; so is the 255-character source_id.
	var five []any
	for i := 0; i < 5; i++ {
		five = append(five, map[string]any{"number": fmt.Sprintf("51255500%02d", i)})
	}
	e.createContact(map[string]any{"type": "person", "first_name": "A", "phone_numbers": five, "source_id": "p:" + long(253)})
}

func TestContactDuplicateSourceIDAndLookup(t *testing.T) {
	e := newEnv(t)
	c := e.createContact(map[string]any{"type": "person", "first_name": "A", "source_id": "terraform:7d8f1c9e-0000-4000-8000-000000000001"})
	r := e.do("POST", "/contacts", defToken, map[string]any{"type": "person", "first_name": "B", "source_id": "terraform:7d8f1c9e-0000-4000-8000-000000000001"})
	expectMessages(t, r, http.StatusConflict, Message{Context: "source_id", Code: "resource_exists", Level: "error",
		Message: `A contact with source_id "terraform:7d8f1c9e-0000-4000-8000-000000000001" already exists`, Facility: "gateway"})
	if n := e.s.ContactsBySourceID("terraform:7d8f1c9e-0000-4000-8000-000000000001"); n != 1 {
		t.Fatalf("duplicates: %d", n)
	}
	// Lookup by source_id (and by the example's ?id=): the contact without source_id.
	for _, q := range []string{"source_id", "id"} {
		r := e.do("GET", "/contacts/source-id?"+q+"=terraform:7d8f1c9e-0000-4000-8000-000000000001", defToken, nil)
		if r.status != 200 {
			t.Fatalf("lookup ?%s: %d %s", q, r.status, r.body)
		}
		got := r.obj(t)
		if got["id"] != c["id"] {
			t.Fatalf("lookup found %v", got["id"])
		}
		if _, ok := got["source_id"]; ok {
			t.Errorf("source-id lookup must not include source_id")
		}
	}
	expectMessages(t, e.do("GET", "/contacts/source-id?source_id=terraform:missing", defToken, nil), http.StatusNotFound,
		Message{Context: "Contact[terraform:missing]", Code: "resource_not_found", Level: "error", Message: "Requested resource not found", Facility: "gateway"})
	expectInvalid(t, e.do("GET", "/contacts/source-id", defToken, nil), [2]string{"source_id", "not_blank"})

	// PATCH onto another contact's source_id conflicts too.
	other := e.createContact(map[string]any{"type": "person", "first_name": "C"})
	r = e.do("PATCH", "/contacts/"+other["id"].(string), defToken, map[string]any{"source_id": "terraform:7d8f1c9e-0000-4000-8000-000000000001"})
	if r.status != http.StatusConflict || r.messages(t)[0].Code != "resource_exists" {
		t.Fatalf("PATCH conflict: %d %s", r.status, r.body)
	}
	// Deleting releases the source_id.
	if r := e.do("DELETE", "/contacts/"+c["id"].(string), defToken, nil); r.status != 200 {
		t.Fatal(r.status)
	}
	e.createContact(map[string]any{"type": "person", "first_name": "D", "source_id": "terraform:7d8f1c9e-0000-4000-8000-000000000001"})
}

func TestContactPatchNestedSemantics(t *testing.T) {
	e := newEnv(t)
	c := e.createContact(map[string]any{"type": "person", "first_name": "Clark", "last_name": "Kent",
		"email_addresses": []any{map[string]any{"address": "ckent@example.com", "preferred": true}, map[string]any{"address": "second@example.com"}},
		"phone_numbers":   []any{map[string]any{"number": "5125550100"}},
	})
	id := c["id"].(string)
	emails := items(c, "email_addresses")
	first, second := emails[0], emails[1]
	phoneID := items(c, "phone_numbers")[0]["id"].(string)

	e.clock.Advance(time.Minute)
	// Scalar update only: nested lists untouched.
	got := e.patchContact(id, map[string]any{"last_name": "Lane"})
	if got["name"] != "Clark Lane" || got["sort_name"] != "Lane Clark" || len(items(got, "email_addresses")) != 2 {
		t.Fatalf("scalar PATCH: %v", got)
	}
	if got["modified"].(map[string]any)["timestamp"] != "2024-03-01T12:01:00.123Z" || got["created"].(map[string]any)["timestamp"] != "2024-03-01T12:00:00.123Z" {
		t.Errorf("contact audit: %v / %v", got["created"], got["modified"])
	}

	e.clock.Advance(time.Minute)
	// Update the second email by ID: the first keeps its ID and modified.
	got = e.patchContact(id, map[string]any{"email_addresses": []any{map[string]any{"id": second["id"], "address": "clane@example.com"}}})
	em := items(got, "email_addresses")
	if len(em) != 2 || em[0]["id"] != first["id"] || em[1]["id"] != second["id"] || em[1]["address"] != "clane@example.com" || em[0]["address"] != "ckent@example.com" {
		t.Fatalf("update by id: %v", em)
	}
	if em[0]["modified"].(map[string]any)["timestamp"] != first["modified"].(map[string]any)["timestamp"] {
		t.Errorf("untouched email's modified changed")
	}
	if em[1]["modified"].(map[string]any)["timestamp"] != "2024-03-01T12:02:00.123Z" || em[1]["preferred"] != false {
		t.Errorf("updated email: %v", em[1])
	}

	// Add (no id) and remove (only id) in one request; add an address too.
	got = e.patchContact(id, map[string]any{
		"email_addresses": []any{map[string]any{"address": "third@example.com", "preferred": true}},
		"phone_numbers":   []any{map[string]any{"id": phoneID}},
		"addresses":       []any{map[string]any{"line1": "5400 Burnet", "city": "Austin", "state_or_province": "TX", "postal_code": "78756", "country_code": "US", "type": "address"}},
	})
	em = items(got, "email_addresses")
	if len(em) != 3 || em[0]["id"] != first["id"] || em[1]["id"] != second["id"] || !emlIDRe.MatchString(em[2]["id"].(string)) {
		t.Fatalf("add: %v", em)
	}
	// The new preferred email demoted the old one.
	if em[0]["preferred"] != false || em[2]["preferred"] != true || got["preferred_email"] != "third@example.com" {
		t.Errorf("preferred switch: %v", em)
	}
	if _, ok := got["phone_numbers"]; ok {
		t.Errorf("phone not removed: %v", got["phone_numbers"])
	}
	if a := items(got, "addresses"); len(a) != 1 || !addrIDRe.MatchString(a[0]["id"].(string)) || a[0]["type"] != "address" {
		t.Errorf("address: %v", a)
	}

	// Errors: unknown id, duplicate id, remove leaving the limit untouched.
	expectInvalid(t, e.do("PATCH", "/contacts/"+id, defToken, map[string]any{"email_addresses": []any{map[string]any{"id": "eml_000000000000000000000", "address": "x@example.com"}}}),
		[2]string{"email_addresses[0].id", "invalid"})
	expectInvalid(t, e.do("PATCH", "/contacts/"+id, defToken, map[string]any{"email_addresses": []any{map[string]any{"id": first["id"]}, map[string]any{"id": first["id"]}}}),
		[2]string{"email_addresses[1].id", "invalid"})
	expectInvalid(t, e.do("PATCH", "/contacts/"+id, defToken, map[string]any{"email_addresses": []any{map[string]any{"id": first["id"], "address": ""}}}),
		[2]string{"email_addresses[0].address", "not_blank"})
	// 3 + 3 = 6 > 5.
	expectInvalid(t, e.do("PATCH", "/contacts/"+id, defToken, map[string]any{"email_addresses": []any{
		map[string]any{"address": "4@example.com"}, map[string]any{"address": "5@example.com"}, map[string]any{"address": "6@example.com"}}}),
		[2]string{"email_addresses", "exceeds_maximum_value"})
	// Removing one and adding one in the same request stays within 5.
	got = e.patchContact(id, map[string]any{"email_addresses": []any{map[string]any{"id": second["id"]},
		map[string]any{"address": "4@example.com"}, map[string]any{"address": "5@example.com"}}})
	if n := len(items(got, "email_addresses")); n != 4 {
		t.Fatalf("emails after remove+add: %d", n)
	}
	// null and [] change nothing.
	got = e.patchContact(id, `{"email_addresses": null, "phone_numbers": []}`)
	if n := len(items(got, "email_addresses")); n != 4 {
		t.Fatalf("null list changed emails: %d", n)
	}
	// Failed PATCHes left the contact as it was.
	if e.do("GET", "/contacts/"+id, defToken, nil).obj(t)["preferred_email"] != "third@example.com" {
		t.Fatal("state changed by a failed PATCH")
	}
}

func TestContactPatchScalarsTagsAndRules(t *testing.T) {
	e := newEnv(t)
	c := e.createContact(map[string]any{"type": "person", "first_name": "A", "middle_name": "M", "tags": []string{"default", "vip"}, "test_mode": true})
	id := c["id"].(string)
	got := e.patchContact(id, `{"middle_name": null, "notes": "n", "tags": ["vip", "default", "vip", "new"], "time_zone": "America/Chicago", "preferred_currency": "USD"}`)
	if _, ok := got["middle_name"]; ok {
		t.Errorf("null did not clear middle_name")
	}
	if tags := fmt.Sprint(got["tags"]); tags != "[vip default new]" {
		t.Errorf("tags %s", tags)
	}
	if got["notes"] != "n" || got["time_zone"] != "America/Chicago" || got["preferred_currency"] != "USD" || got["test_mode"] != true {
		t.Errorf("scalars: %v", got)
	}
	got = e.patchContact(id, map[string]any{"tags": []string{}})
	if _, ok := got["tags"]; ok {
		t.Errorf("[] did not clear tags")
	}
	// Unmodifiable type and test_mode; same value accepted.
	e.patchContact(id, map[string]any{"type": "person", "test_mode": true})
	expectInvalid(t, e.do("PATCH", "/contacts/"+id, defToken, map[string]any{"type": "organization", "test_mode": false}),
		[2]string{"type", "invalid"}, [2]string{"test_mode", "invalid"})
	// Removing the last name part leaves a person without a name or email.
	expectInvalid(t, e.do("PATCH", "/contacts/"+id, defToken, `{"first_name": null}`), [2]string{"first_name", "not_blank"})
	// Unchanged PATCH keeps modified.
	e.clock.Advance(time.Hour)
	before := e.do("GET", "/contacts/"+id, defToken, nil).obj(t)["modified"]
	after := e.patchContact(id, map[string]any{"notes": "n"})["modified"]
	if fmt.Sprint(before) != fmt.Sprint(after) {
		t.Errorf("no-op PATCH changed modified: %v -> %v", before, after)
	}
}

func TestContactDeleteAndNotFound(t *testing.T) {
	e := newEnv(t)
	c := e.createContact(map[string]any{"type": "organization", "name": "Gone"})
	id := c["id"].(string)
	r := e.do("DELETE", "/contacts/"+id, defToken, nil)
	if r.status != 200 || r.obj(t)["id"] != id || r.obj(t)["deleted"] != true {
		t.Fatalf("DELETE: %d %s", r.status, r.body)
	}
	nf := Message{Context: "Contact[" + id + "]", Code: "resource_not_found", Level: "error", Message: "Requested resource not found", Facility: "gateway"}
	expectMessages(t, e.do("GET", "/contacts/"+id, defToken, nil), http.StatusNotFound, nf)
	expectMessages(t, e.do("PATCH", "/contacts/"+id, defToken, map[string]any{"name": "x"}), http.StatusNotFound, nf)
	expectMessages(t, e.do("DELETE", "/contacts/"+id, defToken, nil), http.StatusNotFound, nf)
	if e.s.ContactCount() != 0 {
		t.Fatal("deleted contact counted")
	}
	// Bearer auth is required.
	if r := e.do("GET", "/contacts", testKey, nil); r.status != 401 {
		t.Fatalf("secret key accepted: %d", r.status)
	}
}

func TestContactSearch(t *testing.T) {
	e := newEnv(t)
	var ids []string
	names := []string{"Carol", "alice", "Bob", "Dave", "Eve"}
	for i, n := range names {
		e.clock.Advance(time.Minute)
		c := e.createContact(map[string]any{"type": "person", "first_name": n, "last_name": "Zed",
			"test_mode": i%2 == 0, "tags": []string{fmt.Sprintf("t%d", i%2)},
			"email_addresses": []any{map[string]any{"address": strings.ToLower(n) + "@example.com"}}})
		ids = append(ids, c["id"].(string))
	}
	e.createContact(map[string]any{"type": "organization", "name": "Deleted Org"})
	e.do("DELETE", "/contacts/"+e.do("GET", "/contacts?q=deleted", defToken, nil).obj(t)["results"].([]any)[0].(map[string]any)["id"].(string), defToken, nil)

	search := func(query string) contactSearchJSON {
		t.Helper()
		r := e.do("GET", "/contacts"+query, defToken, nil)
		if r.status != 200 {
			t.Fatalf("GET /contacts%s: %d %s", query, r.status, r.body)
		}
		var out contactSearchJSON
		r.json(t, &out)
		return out
	}
	firstNames := func(res contactSearchJSON) string {
		var out []string
		for _, c := range res.Results {
			out = append(out, c.FirstName)
		}
		return strings.Join(out, ",")
	}

	all := search("")
	if all.Page != 1 || all.PageSize != 20 || all.TotalEntries != 5 || firstNames(all) != "Carol,alice,Bob,Dave,Eve" {
		t.Fatalf("default search: %+v %s", all, firstNames(all))
	}
	if got := firstNames(search("?order_by=first_name")); got != "alice,Bob,Carol,Dave,Eve" {
		t.Errorf("order_by first_name: %s", got)
	}
	if got := firstNames(search("?order_by=-created")); got != "Eve,Dave,Bob,alice,Carol" {
		t.Errorf("order_by -created: %s", got)
	}
	if got := firstNames(search("?order_by=test_mode,-first_name")); got != "Dave,alice,Eve,Carol,Bob" {
		t.Errorf("order_by two keys: %s", got)
	}
	p2 := search("?order_by=first_name&page=2&page_size=2")
	if p2.Page != 2 || p2.PageSize != 2 || p2.TotalEntries != 5 || firstNames(p2) != "Carol,Dave" {
		t.Errorf("page 2: %+v %s", p2, firstNames(p2))
	}
	if p := search("?page=4&page_size=2"); len(p.Results) != 0 || p.TotalEntries != 5 {
		t.Errorf("past the end: %+v", p)
	}
	if p := search("?page_size=1000"); p.PageSize != 100 {
		t.Errorf("page_size not capped: %d", p.PageSize)
	}
	if got := firstNames(search("?q=ALI")); got != "alice" {
		t.Errorf("q: %s", got)
	}
	if got := firstNames(search("?q=bob@example")); got != "Bob" {
		t.Errorf("q email: %s", got)
	}
	if got := firstNames(search("?qf=test_mode:true")); got != "Carol,Bob,Eve" {
		t.Errorf("qf test_mode: %s", got)
	}
	if got := firstNames(search("?qf=tags:t1,last_name:zed")); got != "alice,Dave" {
		t.Errorf("qf tags+last_name: %s", got)
	}
	if got := firstNames(search("?qf=email_addresses.address:dave@example.com")); got != "Dave" {
		t.Errorf("qf nested: %s", got)
	}
	if got := firstNames(search("?qf=id:" + ids[2])); got != "Bob" {
		t.Errorf("qf id: %s", got)
	}
	// created at 12:01..12:05 (+.123): range with two bounds.
	if got := firstNames(search("?qf=created.timestamp>2024-03-01T12:02:00.123Z,created.timestamp<=2024-03-01T12:04:00.123Z")); got != "Bob,Dave" {
		t.Errorf("qf range: %s", got)
	}
	sf := func(query string) {
		t.Helper()
		r := e.do("GET", "/contacts"+query, defToken, nil)
		if r.status != 422 || r.messages(t)[0].Code != "search_failed" {
			t.Errorf("%s: %d %s", query, r.status, r.body)
		}
	}
	sf("?qf=shoe_size:9")
	sf("?qf=first_name>b")
	sf("?qf=created.timestamp>yesterday")
	sf("?order_by=shoe_size")
	expectInvalid(t, e.do("GET", "/contacts?page=0&page_size=x", defToken, nil), [2]string{"page", "below_minimum_value"}, [2]string{"page_size", "invalid"})
}
