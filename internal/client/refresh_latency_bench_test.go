package client

import (
	"fmt"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/sandbox"
)

// BenchmarkRefreshAtLatency is the refresh of a plan at a distance without
// Terraform: N contacts, a card and a bank account on each of N/10 of
// them, and N/10 recurring charges (the configuration of `make bench`'s
// latency mode), read through the Refresh* methods by 10 workers
// (Terraform's -parallelism) from a sandbox that holds every request 100
// ms (its latency fault), with the paged refresh and with single GETs
// (AFFINIPAY_REFRESH_PAGES=0). It reports the requests and the wall time
// per refresh, the waiting alone: the in-process sandbox costs next to no
// CPU, so unlike whole Terraform runs it is little disturbed by a loaded
// machine.
//
//	go test -run '^$' -bench RefreshAtLatency -benchtime 1x ./internal/client/
func BenchmarkRefreshAtLatency(b *testing.B) {
	for _, n := range []int{100, 1000} {
		for _, pages := range []bool{true, false} {
			name := fmt.Sprintf("N=%d/pages", n)
			if !pages {
				name = fmt.Sprintf("N=%d/single_GETs", n)
			}
			b.Run(name, func(b *testing.B) { benchRefreshAtLatency(b, n, pages) })
		}
	}
}

type refreshItem struct{ kind, contact, id string }

func benchRefreshAtLatency(b *testing.B, n int, pages bool) {
	sb := sandbox.New(sandbox.Options{})
	srv := httptest.NewServer(sb)
	b.Cleanup(srv.Close)
	creds := sandbox.DefaultCredentials()
	newClient := func() *Client {
		c, err := New(Config{BaseURL: srv.URL, SecretKey: creds.TestSecretKey, AccessToken: creds.AccessToken,
			PublicKey: creds.PublicKey, Mode: ModeTest, MaxRetries: 0})
		if err != nil {
			b.Fatal(err)
		}
		return c
	}
	items := refreshFixture(b, newClient(), n)
	old := refreshPages
	refreshPages = pages
	b.Cleanup(func() { refreshPages = old })
	if err := sb.SetFaults(sandbox.Faults{LatencyMS: 100}); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = sb.SetFaults(sandbox.Faults{}) })
	count := func() int64 {
		var t int64
		for _, r := range sb.Metrics().Requests {
			t += r.Count
		}
		return t
	}
	b.ResetTimer()
	var requests int64
	for range b.N {
		before := count()
		c := newClient()
		var next atomic.Int64
		var wg sync.WaitGroup
		for range 10 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					i := int(next.Add(1)) - 1
					if i >= len(items) {
						return
					}
					it := items[i]
					var err error
					switch it.kind {
					case "contact":
						_, err = c.RefreshContact(b.Context(), it.id)
					case "charge":
						_, err = c.RefreshRecurringCharge(b.Context(), it.id)
					case "method":
						_, err = c.RefreshPaymentMethod(b.Context(), it.contact, it.id)
					}
					if err != nil {
						b.Error(err)
					}
				}
			}()
		}
		wg.Wait()
		requests += count() - before
	}
	b.StopTimer()
	b.ReportMetric(float64(requests)/float64(b.N), "requests/refresh")
	b.ReportMetric(b.Elapsed().Seconds()/float64(b.N), "s/refresh")
	b.ReportMetric(float64(len(items)), "objects")
}

// refreshFixture creates the objects (without latency) in the order a
// plan refreshes them: contacts and charges, then the methods, which
// depend on their contacts.
func refreshFixture(b *testing.B, c *Client, n int) []refreshItem {
	b.Helper()
	ctx := b.Context()
	card, err := c.CreateSavedCard(ctx, SavedCardCreate{Number: "4242424242424242", ExpMonth: 12, ExpYear: 2100, CVV: "123", Name: "Bench", PostalCode: "78701"})
	if err != nil {
		b.Fatal(err)
	}
	var items, methods []refreshItem
	test := true
	for i := range n {
		ct, err := c.CreateContact(ctx, &ContactCreate{Type: ContactTypePerson, TestMode: true, FirstName: "Bench", LastName: fmt.Sprintf("Client %d", i),
			EmailAddresses: []EmailAddress{{Address: fmt.Sprintf("client-%d@bench.example.com", i)}}, Tags: []string{"bench"}})
		if err != nil {
			b.Fatal(err)
		}
		items = append(items, refreshItem{kind: "contact", id: ct.ID})
		if i%10 != 0 {
			continue
		}
		for _, tc := range []TokenCreate{
			{Type: "card", Number: "4242424242424242", ExpMonth: 10, ExpYear: 2099, CVV: "123", Name: "Bench", PostalCode: "78701"},
			{Type: "bank", RoutingNumber: "021000021", AccountNumber: "000123456789", AccountType: "CHECKING", AccountHolderType: "individual", GivenName: "Bench", Surname: "Client"},
		} {
			tok, err := c.CreateToken(ctx, tc)
			if err != nil {
				b.Fatal(err)
			}
			pt := PaymentTypeCreditCard
			if tc.Type == "bank" {
				pt = PaymentTypeBankAccount
			}
			pm, err := c.CreatePaymentMethod(ctx, ct.ID, PaymentMethodCreate{PaymentType: pt, OneTimeToken: tok.ID, TestMode: &test})
			if err != nil {
				b.Fatal(err)
			}
			methods = append(methods, refreshItem{kind: "method", contact: ct.ID, id: pm.ID})
		}
		maxOcc := int64(12)
		ch, err := c.CreateRecurringCharge(ctx, RecurringChargeCreate{Method: card.ID, Amount: 10000 + int64(i), Currency: "USD", Description: "Bench",
			Schedule: RecurringSchedule{Start: time.Now().AddDate(0, 0, 10).Format("2006-01-02"), IntervalUnit: "MONTH", IntervalDelay: 1}, MaxOccurrences: &maxOcc})
		if err != nil {
			b.Fatal(err)
		}
		items = append(items, refreshItem{kind: "charge", id: ch.ID})
	}
	return append(items, methods...)
}
