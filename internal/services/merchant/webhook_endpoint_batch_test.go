package merchant

import (
	"context"
	"fmt"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/client"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/framework"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/sandbox"
)

// batchTestResource is a webhook endpoint resource on its own in-process
// sandbox (not the acceptance tests' shared one), with latency so that
// changes queue up behind the merchant lock.
func batchTestResource(t *testing.T, latencyMS int) (*WebhookEndpointResource, *sandbox.Server, *client.Client) {
	t.Helper()
	sb := sandbox.New(sandbox.Options{})
	srv := httptest.NewServer(sb)
	t.Cleanup(srv.Close)
	c, err := client.New(client.Config{BaseURL: srv.URL, SecretKey: sandbox.TestSecretKey, MaxRetries: 0})
	if err != nil {
		t.Fatal(err)
	}
	if err := sb.SetFaults(sandbox.Faults{LatencyMS: latencyMS}); err != nil {
		t.Fatal(err)
	}
	return &WebhookEndpointResource{ResourceBase: framework.ResourceBase{Data: &framework.ProviderData{Client: c, Locks: framework.NewKeyedMutex()}}}, sb, c
}

func batchTestCount(sb *sandbox.Server, method string) int64 {
	var n int64
	for _, r := range sb.Metrics().Requests {
		if r.Method == method && r.Path == "/v1/merchant" {
			n += r.Count
		}
	}
	return n
}

// runConcurrently calls change for each URL at once and returns the
// diagnostics by URL.
func runConcurrently(r *WebhookEndpointResource, mode string, urls []string, add bool) map[string]diag.Diagnostics {
	var mu sync.Mutex
	out := map[string]diag.Diagnostics{}
	var wg sync.WaitGroup
	for _, u := range urls {
		wg.Add(1)
		go func() {
			defer wg.Done()
			d := r.changeEventsURL(context.Background(), mode, u, add)
			mu.Lock()
			out[u] = d
			mu.Unlock()
		}()
	}
	wg.Wait()
	return out
}

// Concurrent adds and removes are all applied, other URLs are kept, and
// changes waiting for the lock share read-modify-write cycles.
func TestWebhookEventsBatch_concurrent(t *testing.T) {
	r, sb, c := batchTestResource(t, 20)
	const keep = "https://keep.example.com/x"
	if _, err := c.UpdateMerchant(t.Context(), client.MerchantUpdate{TestEventsURLs: client.String(keep), LiveEventsURLs: client.String(keep)}); err != nil {
		t.Fatal(err)
	}
	const n = 10
	var urls []string
	for i := range n {
		urls = append(urls, fmt.Sprintf("https://h.example.com/%d", i))
	}
	patches := batchTestCount(sb, "PATCH")
	for u, d := range runConcurrently(r, client.ModeTest, urls, true) {
		if d.HasError() {
			t.Fatalf("adding %s: %v", u, d)
		}
	}
	m, err := c.GetMerchant(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	got := client.SplitList(m.TestEventsURLs)
	if len(got) != n+1 || got[0] != keep {
		t.Fatalf("test_events_urls = %q, want %s and the %d URLs", m.TestEventsURLs, keep, n)
	}
	for _, u := range urls {
		if !slices.Contains(got, u) {
			t.Errorf("%s missing from %q", u, m.TestEventsURLs)
		}
	}
	if m.LiveEventsURLs != keep {
		t.Errorf("live_events_urls = %q, want it untouched", m.LiveEventsURLs)
	}
	// The first change holds the lock for a 40 ms cycle while the other
	// nine queue, so they cannot take nine more cycles.
	if d := batchTestCount(sb, "PATCH") - patches; d < 1 || d >= n {
		t.Errorf("%d PATCH /v1/merchant for %d concurrent adds, want fewer than one each", d, n)
	}

	for u, d := range runConcurrently(r, client.ModeTest, urls, false) {
		if d.HasError() {
			t.Fatalf("removing %s: %v", u, d)
		}
	}
	if m, err = c.GetMerchant(t.Context()); err != nil {
		t.Fatal(err)
	}
	if m.TestEventsURLs != keep {
		t.Errorf("after removing them all, test_events_urls = %q, want %q", m.TestEventsURLs, keep)
	}
}

// A URL that would take the list over its length limit fails alone; the
// changes batched with it are applied.
func TestWebhookEventsBatch_errorStaysWithItsChange(t *testing.T) {
	r, _, c := batchTestResource(t, 20)
	// 990 characters already used: room for short URLs only.
	filler := "https://fill.example.com/" + strings.Repeat("f", 990-len("https://fill.example.com/"))
	if _, err := c.UpdateMerchant(t.Context(), client.MerchantUpdate{TestEventsURLs: client.String(filler)}); err != nil {
		t.Fatal(err)
	}
	long := "https://long.example.com/" + strings.Repeat("l", 40)
	short := []string{"https://s.co/1", "https://s.co/2"} // 15 characters each with the comma, 30 in all
	res := runConcurrently(r, client.ModeTest, append([]string{long}, short...), true)
	if !res[long].HasError() || !strings.Contains(fmt.Sprint(res[long]), "1024-character limit") {
		t.Errorf("adding %s: diagnostics %v, want the length limit error", long, res[long])
	}
	for _, u := range short {
		if res[u].HasError() {
			t.Errorf("adding %s failed along with the long URL: %v", u, res[u])
		}
	}
	m, err := c.GetMerchant(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	got := client.SplitList(m.TestEventsURLs)
	if len(got) != 3 || slices.Contains(got, long) {
		t.Errorf("test_events_urls = %q, want the filler and the two short URLs", m.TestEventsURLs)
	}
}

// The queue hands a holder only changes of its own mode, itself first.
func TestWebhookEventsBatch_takeSameMode(t *testing.T) {
	var q eventsQueue
	a := &eventsChange{mode: "test", url: "a"}
	b := &eventsChange{mode: "live", url: "b"}
	c := &eventsChange{mode: "test", url: "c"}
	q.push(a, b, c)
	got := q.take(c)
	if len(got) != 2 || got[0] != c || got[1] != a {
		t.Fatalf("take(c) = %v, want [c a]", got)
	}
	if len(q.pending) != 1 || q.pending[0] != b {
		t.Fatalf("left %v, want [b]", q.pending)
	}
}
