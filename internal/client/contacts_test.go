package client

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync/atomic"
	"testing"
)

func bearerClient(t *testing.T, srv *httptest.Server) *Client {
	return newTestClient(t, srv, func(c *Config) { c.AccessToken = "at_0123456789abcdef" })
}

// A create with a source_id is retried after its response was lost, and
// the repeat's 409 resource_exists reaches the caller; without a source_id
// it is not retried.
func TestCreateContactIdempotentWithSourceID(t *testing.T) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 1 {
			hj, _ := w.(http.Hijacker)
			conn, _, _ := hj.Hijack()
			_ = conn.Close()
			return
		}
		w.WriteHeader(http.StatusConflict)
		_, _ = io.WriteString(w, `{"messages":[{"code":"resource_exists","level":"error","context":"source_id","message":"exists"}]}`)
	}))
	defer srv.Close()
	c := bearerClient(t, srv)
	_, err := c.CreateContact(context.Background(), &ContactCreate{Type: "person", SourceID: "terraform:x", FirstName: "A"})
	if !IsConflict(err) || !HasCode(err, "resource_exists") {
		t.Fatalf("err = %v, want 409 resource_exists", err)
	}
	if n.Load() != 2 {
		t.Fatalf("attempts = %d, want 2", n.Load())
	}
	n.Store(0)
	if _, err := c.CreateContact(context.Background(), &ContactCreate{Type: "person", FirstName: "A"}); err == nil {
		t.Fatal("want error")
	}
	if n.Load() != 1 {
		t.Fatalf("attempts without source_id = %d, want 1", n.Load())
	}
}

func TestGetContactBySourceIDQueryAndFill(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/contacts/source-id" || r.URL.Query().Get("id") != "MyPartner:contact-1" {
			t.Errorf("got %s ?%s", r.URL.Path, r.URL.RawQuery)
		}
		if r.Header.Get("Authorization") != "Bearer at_0123456789abcdef" {
			t.Errorf("auth = %q", r.Header.Get("Authorization"))
		}
		_, _ = io.WriteString(w, `{"id":"p_tup7e7S0e7LIE55qvgXAR","type":"person"}`)
	}))
	defer srv.Close()
	got, err := bearerClient(t, srv).GetContactBySourceID(context.Background(), "MyPartner:contact-1")
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != "p_tup7e7S0e7LIE55qvgXAR" || got.SourceID != "MyPartner:contact-1" {
		t.Fatalf("got %+v", got)
	}
}

// The PATCH body follows the nested-list semantics: removal is the ID
// alone, an addition has no ID, "" clears, nil fields are not sent.
func TestContactPatchJSON(t *testing.T) {
	p := &ContactPatch{
		LastName: String("Lane"),
		Notes:    String(""),
		EmailAddresses: []EmailAddress{
			{ID: "eml_1"},
			{ID: "eml_2", Address: "b@example.com", Preferred: Bool(false)},
			{Address: "c@example.com", Preferred: Bool(true)},
		},
		PhoneNumbers: []PhoneNumber{{ID: "phn_1", Number: "5125550100", Extension: String("")}},
		Tags:         &[]string{},
	}
	b, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"last_name":"Lane","notes":"","email_addresses":[{"id":"eml_1"},{"id":"eml_2","address":"b@example.com","preferred":false},` +
		`{"address":"c@example.com","preferred":true}],"phone_numbers":[{"id":"phn_1","number":"5125550100","extension":""}],"tags":[]}`
	if string(b) != want {
		t.Fatalf("got  %s\nwant %s", b, want)
	}
	if p.IsEmpty() || !(&ContactPatch{}).IsEmpty() {
		t.Fatal("IsEmpty wrong")
	}
}

// SearchContacts follows every page at the largest page size and passes the filters.
func TestSearchContactsPaging(t *testing.T) {
	const total = 230
	var pages atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		pages.Add(1)
		q := r.URL.Query()
		if q.Get("page_size") != "100" || q.Get("q") != "ripley" || q.Get("qf") != "type:person" || q.Get("order_by") != "last_name,-created.timestamp" {
			t.Errorf("query %s", r.URL.RawQuery)
		}
		page, _ := strconv.Atoi(q.Get("page"))
		var res []Contact
		for i := (page - 1) * 100; i < min(page*100, total); i++ {
			res = append(res, Contact{ID: fmt.Sprintf("p_%021d", i), Type: "person"})
		}
		_ = json.NewEncoder(w).Encode(contactPage{Page: page, PageSize: 100, TotalEntries: total, Results: res})
	}))
	defer srv.Close()
	got, err := bearerClient(t, srv).SearchContacts(context.Background(), ContactSearch{Q: "ripley", QF: "type:person", OrderBy: []string{"last_name", "-created.timestamp"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != total || pages.Load() != 3 || got[229].ID != fmt.Sprintf("p_%021d", 229) {
		t.Fatalf("got %d contacts in %d pages", len(got), pages.Load())
	}
}

func TestLastContactPage(t *testing.T) {
	one := []Contact{{ID: "a"}}
	cases := []struct {
		p         contactPage
		collected int
		want      bool
	}{
		{contactPage{}, 0, true},
		{contactPage{PageSize: 1, Results: one}, 1, false},                  // full page, no total: ask again
		{contactPage{PageSize: 50, Results: one}, 1, true},                  // short page
		{contactPage{PageSize: 1, TotalEntries: 3, Results: one}, 2, false}, // server capped the size
		{contactPage{PageSize: 1, TotalEntries: 3, Results: one}, 3, true},
	}
	for i, tc := range cases {
		if got := lastContactPage(tc.p, tc.collected); got != tc.want {
			t.Errorf("case %d: got %v", i, got)
		}
	}
}
