package client

// Shared reads for a refresh: the merchant object read once for every
// reader, and contacts, recurring charges and payment methods read through
// their list endpoints when many of one kind are refreshed.
//
// # What "the same refresh" is
//
// Terraform configures a provider instance for each walk of a run (validate,
// plan with its refresh, apply; terraform-plugin-testing does the same for
// every command of a test step), and the provider builds one Client per
// Configure. So one Client serves one refresh, and a reply read for one
// object may serve every other reader of the same object in that Client, as
// long as
//
//   - no write went through the Client since the request was sent: every
//     request that may change something (any method but GET and HEAD)
//     moves the write generation on, before it is sent and again after its
//     reply, and a reply is only reused within the generation it was
//     requested in (so a reply in flight while a write happens is given to
//     the readers that were already waiting for it, and to no one after);
//   - a reader used it less than RefreshWindow ago (or, before any reader
//     has, it was requested less than RefreshWindow ago). A reply that the
//     refresh keeps using serves the rest of that refresh however long it
//     runs (a plan of thousands of objects on a busy machine takes
//     minutes, and reading every page again half-way would double its
//     requests); one that nobody has asked for in RefreshWindow is read
//     again, such as the merchant for a data source read late in an
//     apply.
//
// Reads that must see the latest object before changing it (the
// read-modify-write of the merchant's event URL lists) keep using the
// direct GETs (GetMerchant, GetContact, ...), which never use or fill these
// caches.

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sync/singleflight"
)

// RefreshWindow is how long a shared reply may go unused and still serve
// other readers of the same object in one Client (see the package comment
// above).
const RefreshWindow = 30 * time.Second

// PagingThreshold is how many reads of one kind (contacts, recurring
// charges) a refresh must have asked for before the list endpoint is tried.
// Terraform refreshes 10 objects at a time by default, so a configuration
// with fewer objects of a kind than this never sends a list request; at the
// threshold, the first page's total_entries says what reading every page
// costs, and the pages are read only when that is no more than the reads
// already asked for (re-checked as more reads arrive). So the list costs
// at most one request that a single-GET refresh would not have sent (the
// first page, when the merchant has far more objects than are refreshed).
const PagingThreshold = 10

// pageFetchers is how many pages after the first are read at once: as many
// as the reads Terraform runs at once by default (-parallelism=10), so a
// refresh of up to 1,000 objects of a kind reads its pages in two rounds
// (the first page, then the others together), and never has more list
// requests in flight than a single-GET refresh has GETs.
const pageFetchers = 10

// RefreshPagesEnv is a bench and debug knob, not a user setting: with
// AFFINIPAY_REFRESH_PAGES=0 in the provider's environment, RefreshContact,
// RefreshRecurringCharge and RefreshPaymentMethod send one GET per object,
// exactly as before shared reads existed (the merchant is still shared).
// `make bench` uses it to compare a paged refresh with single GETs; it is
// also a way to rule the paging out when diagnosing a refresh.
const RefreshPagesEnv = "AFFINIPAY_REFRESH_PAGES"

// refreshPages is false when RefreshPagesEnv is "0" (read once, at start;
// tests set it directly).
var refreshPages = os.Getenv(RefreshPagesEnv) != "0"

// sharedReads is the Client's state for shared reads (the zero value is
// ready to use).
type sharedReads struct {
	// gen is the write generation (see the package comment above).
	gen atomic.Uint64

	flight singleflight.Group

	mu       sync.Mutex
	merchant *sharedMerchant
	methods  map[string]*methodList // by contact ID

	contacts pager
	charges  pager

	clock func() time.Time // nil: time.Now
}

type sharedMerchant struct {
	m *Merchant
	*lease
}

// lease is a shared reply's claim to serve readers: the write generation it
// was requested in, and when it was last used (at first, when it was
// requested).
type lease struct {
	gen  uint64
	last atomic.Int64 // Unix nanoseconds
}

func newLease(gen uint64, sent time.Time) *lease {
	l := &lease{gen: gen}
	l.last.Store(sent.UnixNano())
	return l
}

// use reports whether the reply may serve a reader now (see the package
// comment above) and, when it may, records the use.
func (l *lease) use(s *sharedReads) bool {
	now := s.now().UnixNano()
	last := l.last.Load()
	if l.gen != s.gen.Load() || time.Duration(now-last) >= RefreshWindow {
		return false
	}
	for last < now && !l.last.CompareAndSwap(last, now) {
		last = l.last.Load()
	}
	return true
}

// writeStarted and writeEnded move the write generation on around every
// request that may change something.
func (s *sharedReads) writeStarted() { s.gen.Add(1) }
func (s *sharedReads) writeEnded()   { s.gen.Add(1) }

// now is the clock of the leases (tests set clock).
func (s *sharedReads) now() time.Time {
	if s.clock != nil {
		return s.clock()
	}
	return time.Now()
}

// shared runs fn once for all concurrent callers with the same key and
// write generation; fn gets a context that is not cancelled with the
// caller's (the others still wait for it), and each caller stops waiting
// when its own context ends.
func shared[T any](ctx context.Context, s *sharedReads, key string, fn func(context.Context) (T, error)) (T, error) {
	ch := s.flight.DoChan(key, func() (any, error) {
		return fn(context.WithoutCancel(ctx))
	})
	select {
	case r := <-ch:
		if r.Err != nil {
			var zero T
			return zero, r.Err
		}
		return r.Val.(T), nil
	case <-ctx.Done():
		var zero T
		return zero, ctx.Err()
	}
}

// SharedMerchant returns the merchant (GET /v1/merchant) for a refresh:
// concurrent callers share one request and later callers reuse its reply
// while it is fresh (see the package comment above). The result is a copy
// the caller may change.
func (c *Client) SharedMerchant(ctx context.Context) (*Merchant, error) {
	s := &c.shared
	gen := s.gen.Load()
	s.mu.Lock()
	if e := s.merchant; e != nil && e.gen == gen && e.use(s) {
		s.mu.Unlock()
		return cloneMerchant(e.m), nil
	}
	s.mu.Unlock()
	m, err := shared(ctx, s, "merchant:"+strconv.FormatUint(gen, 10), func(ctx context.Context) (*Merchant, error) {
		// A caller that missed the cache just before an earlier flight
		// filled it, and the flight just after it ended, finds it here.
		s.mu.Lock()
		if e := s.merchant; e != nil && e.gen == gen && e.use(s) {
			s.mu.Unlock()
			return e.m, nil
		}
		s.mu.Unlock()
		sent := s.now()
		m, err := c.GetMerchant(ctx)
		if err != nil {
			return nil, err
		}
		s.mu.Lock()
		if s.gen.Load() == gen {
			s.merchant = &sharedMerchant{m: m, lease: newLease(gen, sent)}
		}
		s.mu.Unlock()
		return m, nil
	})
	if err != nil {
		return nil, err
	}
	return cloneMerchant(m), nil
}

func cloneMerchant(m *Merchant) *Merchant {
	out := *m
	out.MerchantAccounts = append([]MerchantAccount(nil), m.MerchantAccounts...)
	out.AchAccounts = append([]AchAccount(nil), m.AchAccounts...)
	return &out
}

// RefreshAchAccount is GetAchAccount through SharedMerchant.
func (c *Client) RefreshAchAccount(ctx context.Context, id string) (*AchAccount, error) {
	m, err := c.SharedMerchant(ctx)
	if err != nil {
		return nil, err
	}
	return achAccountIn(m, id)
}

// RefreshContact returns a contact for a refresh: from the pages of
// GET /contacts when many contacts are refreshed (see PagingThreshold), or
// else, and for a contact the pages do not hold, GetContact (so a deleted
// contact is confirmed by its own 404). Each listed contact is decoded
// exactly as GetContact decodes its reply.
func (c *Client) RefreshContact(ctx context.Context, id string) (*Contact, error) {
	if !refreshPages {
		return c.GetContact(ctx, id)
	}
	if v, ok := fromPages[Contact](ctx, c, &c.shared.contacts, contactsPager, id); ok {
		return v, nil
	}
	return c.GetContact(ctx, id)
}

// RefreshRecurringCharge is RefreshContact for recurring charges
// (GET /v1/recurring/charges, which leaves out deleted charges: their own
// GET says so).
func (c *Client) RefreshRecurringCharge(ctx context.Context, id string) (*RecurringCharge, error) {
	if !refreshPages {
		return c.GetRecurringCharge(ctx, id)
	}
	if v, ok := fromPages[RecurringCharge](ctx, c, &c.shared.charges, chargesPager, id); ok {
		return v, nil
	}
	return c.GetRecurringCharge(ctx, id)
}

// RefreshPaymentMethod returns a payment method for a refresh: one
// GET /contacts/{contact_id}/payment-methods serves every method of that
// contact read in the same refresh. A method the list does not hold, or a
// list that fails, is read with GetPaymentMethod (whose 404 means the
// method or its contact is gone).
func (c *Client) RefreshPaymentMethod(ctx context.Context, contactID, id string) (*PaymentMethod, error) {
	if !refreshPages {
		return c.GetPaymentMethod(ctx, contactID, id)
	}
	s := &c.shared
	gen := s.gen.Load()
	s.mu.Lock()
	e := s.methods[contactID]
	s.mu.Unlock()
	if e == nil || !e.use(s) {
		var err error
		e, err = shared(ctx, s, "methods:"+strconv.FormatUint(gen, 10)+":"+contactID, func(ctx context.Context) (*methodList, error) {
			// Filled by a flight that ended after this caller looked?
			s.mu.Lock()
			cached := s.methods[contactID]
			s.mu.Unlock()
			if cached != nil && cached.use(s) {
				return cached, nil
			}
			return c.listMethods(ctx, gen, contactID)
		})
		if err != nil {
			e = nil
		}
	}
	if e != nil {
		if raw, ok := e.byID[id]; ok {
			var pm PaymentMethod
			if decodeReply(Request{Method: http.MethodGet, Path: paymentMethodPath(contactID, id)}, http.StatusOK, raw, &pm, c.knownSecrets()) == nil {
				return &pm, nil
			}
		}
	}
	return c.GetPaymentMethod(ctx, contactID, id)
}

type methodList struct {
	*lease
	byID map[string]json.RawMessage
}

func (c *Client) listMethods(ctx context.Context, gen uint64, contactID string) (*methodList, error) {
	sent := c.shared.now()
	raw, err := doJSON[[]json.RawMessage](ctx, c, Request{Method: http.MethodGet, Path: paymentMethodsPath(contactID), Auth: AuthBearer})
	if err != nil {
		return nil, err
	}
	l := &methodList{lease: newLease(gen, sent), byID: make(map[string]json.RawMessage, len(*raw))}
	for _, item := range *raw {
		if id, ok := itemID(item); ok {
			l.byID[id] = item
		}
	}
	s := &c.shared
	s.mu.Lock()
	if s.gen.Load() == gen {
		if s.methods == nil {
			s.methods = map[string]*methodList{}
		}
		s.methods[contactID] = l
	}
	s.mu.Unlock()
	return l, nil
}

// itemID is the "id" of one listed object.
func itemID(raw json.RawMessage) (string, bool) {
	var v struct {
		ID string `json:"id"`
	}
	if json.Unmarshal(raw, &v) != nil || v.ID == "" {
		return "", false
	}
	return v.ID, true
}

// listSource says how to read one kind's pages.
type listSource struct {
	path     string
	auth     Auth
	itemPath func(id string) string // the path of the single GET, for errors
}

var (
	contactsPager = listSource{path: "/contacts", auth: AuthBearer, itemPath: contactPath}
	chargesPager  = listSource{path: recurringChargesPath, auth: AuthSecretKey, itemPath: recurringChargePath}
)

// listPage is one page of a list endpoint, its results kept raw so each is
// decoded as its own GET reply would be.
type listPage struct {
	TotalEntries FlexInt64         `json:"total_entries"`
	Results      []json.RawMessage `json:"results"`
}

// pager serves one kind's reads of a refresh from its list pages.
type pager struct {
	mu  sync.Mutex
	cur *pageSet
}

// pageSet is what one generation of a refresh read of one kind's pages.
type pageSet struct {
	gen     uint64
	lease   *lease                     // from when the first page was requested (nil: not yet)
	seen    int                        // reads asked for
	total   int                        // total_entries of the first page (-1: unknown)
	first   map[string]json.RawMessage // the first page's objects by ID
	all     map[string]json.RawMessage // every page's; nil until read
	loading chan struct{}              // closed when the pages being read are in
	off     bool                       // a page failed: single GETs from now on
}

func pagesFor(total int) int { return (total + ContactSearchPageSize - 1) / ContactSearchPageSize }

// fromPages returns the object from the pages (ok), or ok false when the
// caller must read it with its own GET. Each object is decoded from its
// listed JSON exactly as its own GET's reply is decoded.
func fromPages[T any](ctx context.Context, c *Client, p *pager, src listSource, id string) (*T, bool) {
	raw, ok := p.get(ctx, c, src, id)
	if !ok {
		return nil, false
	}
	v := new(T)
	if decodeReply(Request{Method: http.MethodGet, Path: src.itemPath(id)}, http.StatusOK, raw, v, c.knownSecrets()) != nil {
		return nil, false
	}
	return v, true
}

func (p *pager) get(ctx context.Context, c *Client, src listSource, id string) (json.RawMessage, bool) {
	gen := c.shared.gen.Load()
	p.mu.Lock()
	defer p.mu.Unlock()
	ps := p.cur
	if ps == nil || ps.gen != gen || (ps.lease != nil && !ps.lease.use(&c.shared)) {
		ps = &pageSet{gen: gen, total: -1}
		p.cur = ps
	}
	ps.seen++
	for {
		if c.shared.gen.Load() != gen {
			return nil, false
		}
		if ps.all != nil {
			v, ok := ps.all[id]
			return v, ok
		}
		if ps.loading != nil {
			ch := ps.loading
			p.mu.Unlock()
			select {
			case <-ch:
				p.mu.Lock()
			case <-ctx.Done():
				p.mu.Lock()
				return nil, false
			}
			continue
		}
		if v, ok := ps.first[id]; ok {
			return v, true
		}
		if ps.off || ps.seen < PagingThreshold || (ps.total >= 0 && pagesFor(ps.total) > ps.seen) {
			return nil, false
		}
		ch := make(chan struct{})
		ps.loading = ch
		p.mu.Unlock()
		p.load(context.WithoutCancel(ctx), c, src, ps)
		p.mu.Lock()
		ps.loading = nil
		close(ch)
	}
}

// load reads the first page when it is not in yet and, when reading every
// page costs no more requests than the reads asked for so far, the others
// (at most pageFetchers at once). It is called without p.mu held, by the
// one reader that set ps.loading.
func (p *pager) load(ctx context.Context, c *Client, src listSource, ps *pageSet) {
	p.mu.Lock()
	first, total := ps.first, ps.total
	p.mu.Unlock()
	fail := func() {
		p.mu.Lock()
		ps.off = true
		p.mu.Unlock()
	}
	if first == nil {
		sent := c.shared.now()
		items, t, err := fetchPage(ctx, c, src, 1)
		if err != nil {
			fail()
			return
		}
		p.mu.Lock()
		ps.first, ps.total, ps.lease = items, t, newLease(ps.gen, sent)
		seen := ps.seen
		p.mu.Unlock()
		first, total = items, t
		if pagesFor(total) > seen {
			return
		}
	}
	n := pagesFor(total)
	if n > MaxListPages {
		fail()
		return
	}
	all := make(map[string]json.RawMessage, total)
	for k, v := range first {
		all[k] = v
	}
	if n > 1 {
		var (
			mu     sync.Mutex
			wg     sync.WaitGroup
			failed bool
			next   = 2
		)
		for range min(pageFetchers, n-1) {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					mu.Lock()
					page := next
					next++
					stop := failed
					mu.Unlock()
					if stop || page > n {
						return
					}
					items, _, err := fetchPage(ctx, c, src, page)
					mu.Lock()
					if err != nil {
						failed = true
					}
					for k, v := range items {
						all[k] = v
					}
					mu.Unlock()
				}
			}()
		}
		wg.Wait()
		if failed {
			fail()
			return
		}
	}
	p.mu.Lock()
	ps.all = all
	p.mu.Unlock()
}

// fetchPage reads one page of 100: its objects' JSON by ID, and its
// total_entries.
func fetchPage(ctx context.Context, c *Client, src listSource, page int) (map[string]json.RawMessage, int, error) {
	q := url.Values{"page": {strconv.Itoa(page)}, "page_size": {strconv.Itoa(ContactSearchPageSize)}}
	raw, err := doJSON[listPage](ctx, c, Request{Method: http.MethodGet, Path: src.path, Query: q, Auth: src.auth})
	if err != nil {
		return nil, 0, err
	}
	out := make(map[string]json.RawMessage, len(raw.Results))
	for _, item := range raw.Results {
		if id, ok := itemID(item); ok {
			out[id] = item
		}
	}
	return out, int(raw.TotalEntries), nil
}
