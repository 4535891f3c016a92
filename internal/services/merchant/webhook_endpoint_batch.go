package merchant

import (
	"context"
	"fmt"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/client"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/framework"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/framework/write"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/validators"
)

// Changes to the merchant's event URL lists are read-modify-write cycles
// (GET /v1/merchant, edit the comma-delimited list, PATCH it back) and are
// serialised on the per-merchant lock (webhookEventsLockKey). With the
// cycles strictly one after another, N endpoints created or destroyed in
// one apply took 2N round trips end to end, whatever Terraform's
// parallelism: at 50 ms latency, 20 endpoints cost 2 s while the contacts
// of the same apply ran 10 at a time (found with `make bench`).
//
// So the cycles use group commit: a change is queued before its resource
// waits for the lock, and whoever holds the lock applies every queued
// change of its mode in its one cycle (one GET, one PATCH writing only
// that mode's list). A resource whose change was applied by an earlier
// holder returns as soon as it gets the lock. The lock still covers
// exactly one read-modify-write cycle, and no change is ever applied
// without the lock, so the result is the same as running the cycles one
// by one in queue order; only the number of round trips drops (to about
// one cycle per batch of changes that arrived during the previous cycle).
//
// Errors stay with the change that caused them: a URL that would take the
// list over its length limit fails alone (the others of the batch are
// applied). When a GET or a PATCH for several changes fails, the holder
// retries only the first change on its own, and the others go back to the
// queue, so that each of their resources runs its own cycle and reports
// its own error (an API error caused by one URL is never reported on
// another endpoint).

// eventsQueueKey keys the provider's one eventsQueue in ProviderData.Shared.
type eventsQueueKey struct{}

// eventsQueue holds the queued changes; its zero value is ready to use.
type eventsQueue struct {
	mu      sync.Mutex
	pending []*eventsChange
}

// eventsChange is one endpoint's change of one list. done and diags are
// written by the holder of the merchant lock and read by the change's
// resource after it has taken the lock itself.
type eventsChange struct {
	mode, url string
	add       bool
	done      bool
	diags     diag.Diagnostics
}

func (q *eventsQueue) push(cs ...*eventsChange) {
	q.mu.Lock()
	q.pending = append(q.pending, cs...)
	q.mu.Unlock()
}

// take removes and returns self and every other queued change of self's
// mode, self first.
func (q *eventsQueue) take(self *eventsChange) []*eventsChange {
	q.mu.Lock()
	defer q.mu.Unlock()
	batch := []*eventsChange{self}
	kept := q.pending[:0]
	for _, c := range q.pending {
		switch {
		case c == self:
		case c.mode == self.mode:
			batch = append(batch, c)
		default:
			kept = append(kept, c)
		}
	}
	for i := len(kept); i < len(q.pending); i++ {
		q.pending[i] = nil
	}
	q.pending = kept
	return batch
}

// changeEventsURL adds url to (or removes it from) the list of mode and
// returns the change's diagnostics.
func (r *WebhookEndpointResource) changeEventsURL(ctx context.Context, mode, url string, add bool) diag.Diagnostics {
	me := &eventsChange{mode: mode, url: url, add: add}
	q := r.Data.Shared(eventsQueueKey{}, func() any { return new(eventsQueue) }).(*eventsQueue)
	q.push(me)
	unlock := r.Data.Locks.Lock(webhookEventsLockKey)
	defer unlock()
	if !me.done {
		r.applyEventsChanges(ctx, q, q.take(me))
	}
	return me.diags
}

// applyEventsChanges runs one read-modify-write cycle for batch (all of one
// mode) under the merchant lock, marking each change done with its
// diagnostics, or putting it back in the queue (see above).
func (r *WebhookEndpointResource) applyEventsChanges(ctx context.Context, q *eventsQueue, batch []*eventsChange) {
	mode := batch[0].mode
	field := EventsURLsField(mode)
	retryAlone := func() {
		q.push(batch[1:]...)
		r.applyEventsChanges(ctx, q, batch[:1])
	}

	m, err := r.Data.Client.GetMerchant(ctx)
	if err != nil {
		if len(batch) > 1 {
			retryAlone()
			return
		}
		framework.AddAPIError(&batch[0].diags, "Unable to read the merchant's event URLs", err, nil)
		batch[0].done = true
		return
	}
	current := EventsURLs(m, mode)
	list := current
	var applied []*eventsChange
	for _, c := range batch {
		if !c.add {
			next, changed := RemoveEventsURL(list, c.url)
			if !changed {
				tflog.Info(ctx, "Webhook URL already absent", map[string]any{"field": field, "url": c.url})
				c.done = true
				continue
			}
			list, applied = next, append(applied, c)
			continue
		}
		next, changed := AddEventsURL(list, c.url)
		if !changed {
			tflog.Info(ctx, "Webhook URL already registered; adopting it", map[string]any{"field": field, "url": c.url})
			c.done = true
			continue
		}
		if len(next) > validators.MaxEventsURLsLength {
			c.diags.AddAttributeError(path.Root("url"), "Merchant "+field+" would exceed the 1024-character limit",
				fmt.Sprintf("The API limits %s to %d characters (commas included). It is currently %d characters long with %d URLs; "+
					"adding %q would make it %d characters. Remove unused event URLs, or use a shorter URL.",
					field, validators.MaxEventsURLsLength, len(list), len(SplitEventsURLs(list)), c.url, len(next)))
			c.done = true
			continue
		}
		list, applied = next, append(applied, c)
	}
	if len(applied) == 0 {
		return
	}
	tflog.Debug(ctx, "Writing the merchant's event URLs", map[string]any{"field": field, "changes": len(applied)})
	if len(applied) > 1 {
		updated, err := r.Data.Client.UpdateMerchant(ctx, EventsURLsUpdate(mode, list))
		if err != nil {
			// Each change is retried alone: its round re-reads the
			// merchant first, so a change the failed PATCH did apply is
			// found done, and one it did not is sent again.
			batch = applied
			retryAlone()
			return
		}
		r.finishBatch(applied, updated, mode, field)
		return
	}
	c := applied[0]
	what := "remove the webhook URL from the merchant's " + field
	if c.add {
		what = "add the webhook URL to the merchant's " + field
	}
	res := write.Change(ctx, write.ChangeSpec[client.Merchant]{
		What: what,
		Send: func(ctx context.Context) (*client.Merchant, error) {
			return r.Data.Client.UpdateMerchant(ctx, EventsURLsUpdate(mode, list))
		},
		ReadBack: func(ctx context.Context) (*client.Merchant, error) { return r.Data.Client.GetMerchant(ctx) },
		Applied:  func(m *client.Merchant) bool { return EventsURLsContain(EventsURLs(m, mode), c.url) == c.add },
		Refused:  framework.ReportAPIError(r.contextPaths()),
	}, &c.diags)
	if res.Object == nil || res.ReadBack {
		c.done = true
		return
	}
	r.finishBatch(applied, res.Object, mode, field)
}

// finishBatch checks the merchant a batch's PATCH returned against each
// change and marks them done.
func (r *WebhookEndpointResource) finishBatch(applied []*eventsChange, updated *client.Merchant, mode, field string) {
	for _, c := range applied {
		if c.add && !EventsURLsContain(EventsURLs(updated, mode), c.url) {
			c.diags.AddAttributeError(path.Root("url"), "Webhook URL not registered",
				fmt.Sprintf("PATCH /v1/merchant succeeded but the returned %s does not contain %q. The API may have rewritten the URL; "+
					"write it in the form the API stores (%q).", field, c.url, EventsURLs(updated, mode)))
		}
		c.done = true
	}
}
