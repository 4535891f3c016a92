package client

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/sandbox"
)

// sharedTestClient is a client on an in-process sandbox of its own.
func sharedTestClient(t *testing.T) (*Client, *sandbox.Server) {
	t.Helper()
	sb := sandbox.New(sandbox.Options{})
	srv := httptest.NewServer(sb)
	t.Cleanup(srv.Close)
	return sharedClientOn(t, srv.URL), sb
}

func sharedClientOn(t *testing.T, url string) *Client {
	t.Helper()
	creds := sandbox.DefaultCredentials()
	c, err := New(Config{BaseURL: url, SecretKey: creds.TestSecretKey, AccessToken: creds.AccessToken,
		PublicKey: creds.PublicKey, Mode: ModeTest, MaxRetries: 0})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func sharedCount(sb *sandbox.Server, method, path string) int64 {
	var n int64
	for _, r := range sb.Metrics().Requests {
		if r.Method == method && r.Path == path {
			n += r.Count
		}
	}
	return n
}

type sharedFixture struct {
	contacts, charges []string
	methods           [][2]string // contact ID, method ID
}

// sharedObjects creates n contacts with every kind of nested value, a
// card and a bank payment method each, and n recurring charges.
func sharedObjects(t *testing.T, c *Client, n int) sharedFixture {
	t.Helper()
	ctx := t.Context()
	var f sharedFixture
	card, err := c.CreateSavedCard(ctx, SavedCardCreate{Number: "4242424242424242", ExpMonth: 12, ExpYear: 2100, CVV: "123", Name: "Test Customer", PostalCode: "78701"})
	if err != nil {
		t.Fatal(err)
	}
	test := true
	for i := range n {
		ct, err := c.CreateContact(ctx, &ContactCreate{Type: ContactTypePerson, TestMode: true,
			FirstName: "Ada", LastName: fmt.Sprintf("Lovelace %d", i), Notes: "n\u00e9e Byron",
			EmailAddresses: []EmailAddress{{Address: fmt.Sprintf("ada%d@example.com", i), Type: "work"}},
			PhoneNumbers:   []PhoneNumber{{Number: "+15125550100", Type: "mobile"}},
			Addresses:      []Address{{Line1: "1 Main St", City: "Austin", StateOrProvince: String("TX"), PostalCode: String("78701"), CountryCode: "US", Type: "work"}},
			Tags:           []string{"vip", fmt.Sprintf("t%d", i)}})
		if err != nil {
			t.Fatal(err)
		}
		f.contacts = append(f.contacts, ct.ID)
		for _, tc := range []TokenCreate{
			{Type: "card", Number: "4242424242424242", ExpMonth: 10, ExpYear: 2100, CVV: "123", Name: "Ada Lovelace", PostalCode: "78701"},
			{Type: "bank", RoutingNumber: "021000021", AccountNumber: "000123456789", AccountType: "CHECKING", AccountHolderType: "individual", GivenName: "Ada", Surname: "Lovelace"},
		} {
			tok, err := c.CreateToken(ctx, tc)
			if err != nil {
				t.Fatal(err)
			}
			pt := PaymentTypeCreditCard
			if tc.Type == "bank" {
				pt = PaymentTypeBankAccount
			}
			pm, err := c.CreatePaymentMethod(ctx, ct.ID, PaymentMethodCreate{PaymentType: pt, OneTimeToken: tok.ID, TestMode: &test, Nickname: "n" + tc.Type})
			if err != nil {
				t.Fatal(err)
			}
			f.methods = append(f.methods, [2]string{ct.ID, pm.ID})
		}
		maxOcc := int64(12)
		ch, err := c.CreateRecurringCharge(ctx, RecurringChargeCreate{
			Method: card.ID, Amount: 12500 + int64(i), Currency: "USD", Description: "Monthly retainer", Reference: fmt.Sprintf("matter-%d", i),
			Schedule:       RecurringSchedule{Start: time.Now().AddDate(0, 0, 10).Format("2006-01-02"), IntervalUnit: "MONTH", IntervalDelay: 1},
			MaxOccurrences: &maxOcc, Data: json.RawMessage(`{"k":"v"}`),
		})
		if err != nil {
			t.Fatal(err)
		}
		f.charges = append(f.charges, ch.ID)
	}
	return f
}

// concurrently runs fn for each index, 10 at a time (Terraform's default
// parallelism).
func concurrently(n int, fn func(i int)) {
	sem := make(chan struct{}, 10)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			fn(i)
		}()
	}
	wg.Wait()
}

func sameJSON(t *testing.T, what string, paged, single any) {
	t.Helper()
	a, _ := json.Marshal(paged)
	b, _ := json.Marshal(single)
	if string(a) != string(b) || !reflect.DeepEqual(paged, single) {
		t.Errorf("%s: paged refresh\n%s\nsingle GET\n%s", what, a, b)
	}
}

// A refresh of many contacts, payment methods and recurring charges reads
// them from the list pages, and every object is the same, field for field
// and byte for byte, as its own GET gives; the request counts show it.
func TestSharedReads_pagedEqualsSingle(t *testing.T) {
	c, sb := sharedTestClient(t)
	const n = 150 // two pages of each
	f := sharedObjects(t, c, n)
	ctx := t.Context()

	single := sharedClientOn(t, c.BaseURL())
	paged := sharedClientOn(t, c.BaseURL())
	getContacts, listContacts := sharedCount(sb, "GET", "/contacts/{id}"), sharedCount(sb, "GET", "/contacts")
	getCharges, listCharges := sharedCount(sb, "GET", "/v1/recurring/charges/{id}"), sharedCount(sb, "GET", "/v1/recurring/charges")
	getMethods, listMethods := sharedCount(sb, "GET", "/contacts/{id}/payment-methods/{pmid}"), sharedCount(sb, "GET", "/contacts/{id}/payment-methods")

	var mu sync.Mutex
	fail := func(err error) {
		mu.Lock()
		defer mu.Unlock()
		t.Error(err)
	}
	concurrently(n, func(i int) {
		want, err := single.GetContact(ctx, f.contacts[i])
		if err != nil {
			fail(err)
			return
		}
		got, err := paged.RefreshContact(ctx, f.contacts[i])
		if err != nil {
			fail(err)
			return
		}
		sameJSON(t, "contact "+f.contacts[i], got, want)
	})
	concurrently(n, func(i int) {
		want, err := single.GetRecurringCharge(ctx, f.charges[i])
		if err != nil {
			fail(err)
			return
		}
		got, err := paged.RefreshRecurringCharge(ctx, f.charges[i])
		if err != nil {
			fail(err)
			return
		}
		sameJSON(t, "charge "+f.charges[i], got, want)
	})
	concurrently(len(f.methods), func(i int) {
		m := f.methods[i]
		want, err := single.GetPaymentMethod(ctx, m[0], m[1])
		if err != nil {
			fail(err)
			return
		}
		got, err := paged.RefreshPaymentMethod(ctx, m[0], m[1])
		if err != nil {
			fail(err)
			return
		}
		sameJSON(t, "payment method "+m[1], got, want)
	})

	// The single-GET client sent n GETs of each; the paged one fewer than
	// PagingThreshold single GETs plus two pages for contacts and charges,
	// and one list per contact for its two methods.
	check := func(what string, got, want int64) {
		t.Helper()
		if got != want {
			t.Errorf("%s: %d requests, want %d", what, got, want)
		}
	}
	check("GET /contacts/{id}", sharedCount(sb, "GET", "/contacts/{id}")-getContacts, n+PagingThreshold-1)
	check("GET /contacts", sharedCount(sb, "GET", "/contacts")-listContacts, 2)
	check("GET /v1/recurring/charges/{id}", sharedCount(sb, "GET", "/v1/recurring/charges/{id}")-getCharges, n+PagingThreshold-1)
	check("GET /v1/recurring/charges", sharedCount(sb, "GET", "/v1/recurring/charges")-listCharges, 2)
	check("GET payment method", sharedCount(sb, "GET", "/contacts/{id}/payment-methods/{pmid}")-getMethods, int64(len(f.methods)))
	check("GET payment methods", sharedCount(sb, "GET", "/contacts/{id}/payment-methods")-listMethods, n)
}

// Objects the pages do not hold are confirmed with their own GET: a
// deleted one gives its 404 (or its DELETED status) as before, and a write
// through the client ends the reuse of the pages.
func TestSharedReads_missingAndWrites(t *testing.T) {
	c, sb := sharedTestClient(t)
	const n = 12
	f := sharedObjects(t, c, n)
	ctx := t.Context()
	if err := c.DeleteContact(ctx, f.contacts[0]); err != nil {
		t.Fatal(err)
	}
	if err := c.DeleteRecurringCharge(ctx, f.charges[0]); err != nil {
		t.Fatal(err)
	}
	r := sharedClientOn(t, c.BaseURL())
	// Read the others first so that the pages are in.
	for i := n - 1; i >= 1; i-- {
		if _, err := r.RefreshContact(ctx, f.contacts[i]); err != nil {
			t.Fatal(err)
		}
		if _, err := r.RefreshRecurringCharge(ctx, f.charges[i]); err != nil {
			t.Fatal(err)
		}
	}
	gets := sharedCount(sb, "GET", "/contacts/{id}")
	if ct, err := r.RefreshContact(ctx, f.contacts[0]); !IsNotFound(err) && (err != nil || !ct.Deleted) {
		t.Fatalf("deleted contact: %v, %v; want a 404 or deleted", ct, err)
	}
	if got := sharedCount(sb, "GET", "/contacts/{id}") - gets; got != 1 {
		t.Errorf("deleted contact confirmed with %d GETs, want 1", got)
	}
	ch, err := r.RefreshRecurringCharge(ctx, f.charges[0])
	if !IsNotFound(err) && (err != nil || ch.Status != RecurringStatusDeleted) {
		t.Fatalf("deleted charge: %v, %v; want a 404 or DELETED", ch, err)
	}

	// Served from the pages, then a write through the client: the next
	// read sees the change.
	gets = sharedCount(sb, "GET", "/contacts/{id}")
	if _, err := r.RefreshContact(ctx, f.contacts[1]); err != nil {
		t.Fatal(err)
	}
	if got := sharedCount(sb, "GET", "/contacts/{id}") - gets; got != 0 {
		t.Fatalf("paged contact read with %d GETs, want 0", got)
	}
	notes := "changed"
	if _, err := r.PatchContact(ctx, f.contacts[1], &ContactPatch{Notes: &notes}); err != nil {
		t.Fatal(err)
	}
	got, err := r.RefreshContact(ctx, f.contacts[1])
	if err != nil {
		t.Fatal(err)
	}
	if got.Notes != notes {
		t.Errorf("after a write the refresh read notes %q, want %q", got.Notes, notes)
	}
}

// Few objects in a merchant with many more: no list request at all.
func TestSharedReads_fewObjectsNoPages(t *testing.T) {
	c, sb := sharedTestClient(t)
	f := sharedObjects(t, c, 12)
	r := sharedClientOn(t, c.BaseURL())
	lists := sharedCount(sb, "GET", "/contacts")
	concurrently(PagingThreshold-1, func(i int) {
		if _, err := r.RefreshContact(t.Context(), f.contacts[i]); err != nil {
			t.Error(err)
		}
	})
	if got := sharedCount(sb, "GET", "/contacts") - lists; got != 0 {
		t.Errorf("%d list requests for %d contacts, want 0", got, PagingThreshold-1)
	}
}

// Concurrent readers of the merchant share one GET; a write ends the
// sharing, and a read after it sees the write.
func TestSharedReads_merchantConcurrent(t *testing.T) {
	c, sb := sharedTestClient(t)
	if err := sb.SetFaults(sandbox.Faults{LatencyMS: 20}); err != nil {
		t.Fatal(err)
	}
	before := sharedCount(sb, "GET", "/v1/merchant")
	concurrently(30, func(int) {
		if _, err := c.SharedMerchant(t.Context()); err != nil {
			t.Error(err)
		}
	})
	if got := sharedCount(sb, "GET", "/v1/merchant") - before; got != 1 {
		t.Errorf("30 readers sent %d GET /v1/merchant, want 1", got)
	}
	const url = "https://shared.example.com/hook"
	if _, err := c.UpdateMerchant(t.Context(), MerchantUpdate{TestEventsURLs: String(url)}); err != nil {
		t.Fatal(err)
	}
	m, err := c.SharedMerchant(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if m.TestEventsURLs != url {
		t.Errorf("after the write the shared read gave test_events_urls %q, want %q", m.TestEventsURLs, url)
	}
	if got := sharedCount(sb, "GET", "/v1/merchant") - before; got != 2 {
		t.Errorf("GET /v1/merchant sent %d times, want 2 (one before and one after the write)", got)
	}
	m.Name = "changed by a caller"
	if again, _ := c.SharedMerchant(t.Context()); again.Name == m.Name {
		t.Error("a caller's change to its copy reached the shared reply")
	}
}

// A reply in flight while a write happens is not kept for later readers.
func TestSharedReads_noReuseAcrossWrite(t *testing.T) {
	c, sb := sharedTestClient(t)
	if err := sb.SetFaults(sandbox.Faults{LatencyMS: 50}); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		_, _ = c.SharedMerchant(context.Background())
	}()
	time.Sleep(10 * time.Millisecond)
	if _, err := c.UpdateMerchant(t.Context(), MerchantUpdate{TestEventsURLs: String("https://x.example.com/a")}); err != nil {
		t.Fatal(err)
	}
	<-done
	m, err := c.SharedMerchant(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if m.TestEventsURLs != "https://x.example.com/a" {
		t.Errorf("read after the write gave %q", m.TestEventsURLs)
	}
}

// With AFFINIPAY_REFRESH_PAGES=0 (the bench's single-GET baseline) every
// refresh read is its own GET, and no list is sent.
func TestSharedReads_pagesOffSendsSingleGETs(t *testing.T) {
	c, sb := sharedTestClient(t)
	const n = 2 * PagingThreshold
	f := sharedObjects(t, c, n)
	old := refreshPages
	refreshPages = false
	t.Cleanup(func() { refreshPages = old })
	r := sharedClientOn(t, c.BaseURL())
	before := map[string]int64{}
	paths := []string{"/contacts/{id}", "/contacts", "/v1/recurring/charges/{id}", "/v1/recurring/charges",
		"/contacts/{id}/payment-methods/{pmid}", "/contacts/{id}/payment-methods"}
	for _, p := range paths {
		before[p] = sharedCount(sb, "GET", p)
	}
	concurrently(n, func(i int) {
		if _, err := r.RefreshContact(t.Context(), f.contacts[i]); err != nil {
			t.Error(err)
		}
		if _, err := r.RefreshRecurringCharge(t.Context(), f.charges[i]); err != nil {
			t.Error(err)
		}
	})
	concurrently(len(f.methods), func(i int) {
		if _, err := r.RefreshPaymentMethod(t.Context(), f.methods[i][0], f.methods[i][1]); err != nil {
			t.Error(err)
		}
	})
	want := map[string]int64{"/contacts/{id}": n, "/contacts": 0, "/v1/recurring/charges/{id}": n, "/v1/recurring/charges": 0,
		"/contacts/{id}/payment-methods/{pmid}": int64(len(f.methods)), "/contacts/{id}/payment-methods": 0}
	for _, p := range paths {
		if got := sharedCount(sb, "GET", p) - before[p]; got != want[p] {
			t.Errorf("GET %s: %d requests with pages off, want %d", p, got, want[p])
		}
	}
}

// Once the first page gives total_entries, the other pages are read at
// the same time, not one after the other: against a server that holds
// every page request 50 ms, the pages after the first are in flight
// together.
func TestSharedReads_pagesAfterFirstInParallel(t *testing.T) {
	sb := sandbox.New(sandbox.Options{})
	var (
		mu               sync.Mutex
		inFlight, most   int
		pageRequests     int
		hold             = 50 * time.Millisecond
		holdPages        = false
		holdPagesEnabled = func() bool { mu.Lock(); defer mu.Unlock(); return holdPages }
	)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet && r.URL.Path == "/contacts" && r.URL.Query().Get("page") != "" && holdPagesEnabled() {
			mu.Lock()
			inFlight++
			pageRequests++
			most = max(most, inFlight)
			mu.Unlock()
			time.Sleep(hold)
			defer func() { mu.Lock(); inFlight--; mu.Unlock() }()
		}
		sb.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	c := sharedClientOn(t, srv.URL)
	const n = 301 // 4 pages of 100
	ids := make([]string, n)
	concurrently(n, func(i int) {
		ct, err := c.CreateContact(t.Context(), &ContactCreate{Type: ContactTypePerson, TestMode: true, FirstName: "P", LastName: fmt.Sprintf("L%d", i)})
		if err != nil {
			t.Error(err)
			return
		}
		ids[i] = ct.ID
	})
	if t.Failed() {
		return
	}
	mu.Lock()
	holdPages = true
	mu.Unlock()
	r := sharedClientOn(t, srv.URL)
	concurrently(n, func(i int) {
		if _, err := r.RefreshContact(t.Context(), ids[i]); err != nil {
			t.Error(err)
		}
	})
	mu.Lock()
	defer mu.Unlock()
	if pageRequests != 4 {
		t.Errorf("%d page requests for %d contacts, want 4", pageRequests, n)
	}
	if most < 3 {
		t.Errorf("at most %d page requests in flight at once, want the 3 pages after the first together", most)
	}
}

// A shared reply serves the rest of a refresh for as long as the refresh
// keeps using it, however long it runs, and is read again once it has gone
// unused for RefreshWindow: the contact pages of a long refresh are read
// once, and so are the merchant and a contact's method list.
func TestSharedReads_reuseWhileUsed(t *testing.T) {
	c, sb := sharedTestClient(t)
	f := sharedObjects(t, c, PagingThreshold+2)
	r := sharedClientOn(t, c.BaseURL())
	var (
		mu  sync.Mutex
		now = time.Now()
	)
	r.shared.clock = func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	advance := func(d time.Duration) { mu.Lock(); now = now.Add(d); mu.Unlock() }
	type counted struct{ what, path string }
	method := f.methods[0]
	reads := []counted{{"contact pages", "/contacts"}, {"merchant", "/v1/merchant"}, {"method lists", "/contacts/{id}/payment-methods"}}
	readAll := func() map[string]int64 {
		before := map[string]int64{}
		for _, k := range reads {
			before[k.what] = sharedCount(sb, "GET", k.path)
		}
		concurrently(len(f.contacts), func(i int) {
			if _, err := r.RefreshContact(t.Context(), f.contacts[i]); err != nil {
				t.Error(err)
			}
		})
		if _, err := r.SharedMerchant(t.Context()); err != nil {
			t.Error(err)
		}
		if _, err := r.RefreshPaymentMethod(t.Context(), method[0], method[1]); err != nil {
			t.Error(err)
		}
		sent := map[string]int64{}
		for _, k := range reads {
			sent[k.what] = sharedCount(sb, "GET", k.path) - before[k.what]
		}
		return sent
	}
	if got := readAll(); got["contact pages"] != 1 || got["merchant"] != 1 || got["method lists"] != 1 {
		t.Fatalf("first refresh sent %v, want one of each", got)
	}
	// Used every 20 s for 100 s: 3.3 windows after the pages were read.
	for step := range 5 {
		advance(RefreshWindow * 2 / 3)
		if got := readAll(); got["contact pages"] != 0 || got["merchant"] != 0 || got["method lists"] != 0 {
			t.Fatalf("reads %d s after the first sent %v, want none: a reply in use serves the whole refresh",
				(step+1)*20, got)
		}
	}
	advance(RefreshWindow)
	if got := readAll(); got["contact pages"] != 1 || got["merchant"] != 1 || got["method lists"] != 1 {
		t.Fatalf("after %s unused the refresh sent %v, want one of each read again", RefreshWindow, got)
	}
}
