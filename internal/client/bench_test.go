package client

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
)

// Micro-benchmarks of the provider's per-request overhead (run by
// `make bench`, or `go test -run '^$' -bench . -benchmem ./internal/client/`).
// They complement internal/bench, which measures whole Terraform runs.

// benchContactJSON is a contact as GET /contacts/{id} returns it.
const benchContactJSON = `{"id":"p_tup7e7S0e7LIE55qvgXAR","type":"person","test_mode":false,"first_name":"Bench","last_name":"Client 1",` +
	`"display_name":"Bench Client 1","sort_name":"Client 1 Bench","preferred_email":"client-1@bench.example.com",` +
	`"source_id":"terraform:4f1d8c2e-8a4e-4b1e-9c1e-2b7f2f1b6a10","owner_id":"m_abc","time_zone":"America/Chicago","preferred_currency":"USD",` +
	`"email_addresses":[{"id":"eml_1","address":"client-1@bench.example.com","preferred":false,"type":"email_address",` +
	`"created":{"user":"u","timestamp":"2026-01-02T03:04:05Z"}}],"tags":["bench","group-1"],` +
	`"created":{"user":"u","timestamp":"2026-01-02T03:04:05Z"},"modified":{"user":"u","timestamp":"2026-01-02T03:04:05Z"}}`

func benchServer(b *testing.B) *Client {
	b.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(benchContactJSON))
	}))
	b.Cleanup(srv.Close)
	c, err := New(Config{BaseURL: srv.URL, AccessToken: "bench-access-token-0123456789", SecretKey: "bench-secret-key-0123456789"})
	if err != nil {
		b.Fatal(err)
	}
	return c
}

// BenchmarkGetContact is one GET through Client.Do (auth, logging
// transport, loopback HTTP, JSON decoding): the cost of a refresh.
func BenchmarkGetContact(b *testing.B) {
	c := benchServer(b)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.GetContact(ctx, "p_tup7e7S0e7LIE55qvgXAR"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCreateContactParallel is POST /contacts from 10 goroutines, as
// Terraform's default parallelism drives the provider.
func BenchmarkCreateContactParallel(b *testing.B) {
	c := benchServer(b)
	ctx := context.Background()
	in := &ContactCreate{Type: ContactTypePerson, FirstName: "Bench", LastName: "Client 1", SourceID: "terraform:x",
		EmailAddresses: []EmailAddress{{Address: "client-1@bench.example.com"}}, Tags: []string{"bench", "group-1"}}
	b.ReportAllocs()
	b.SetParallelism(5) // x GOMAXPROCS (2 here) = 10 goroutines
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := c.CreateContact(ctx, in); err != nil {
				b.Error(err)
				return
			}
		}
	})
}

// BenchmarkRedactJSON is the redaction of one response body, done only
// when TRACE logging is on.
func BenchmarkRedactJSON(b *testing.B) {
	body := []byte(benchContactJSON)
	b.ReportAllocs()
	for b.Loop() {
		_ = RedactJSON(body)
	}
}

// BenchmarkRedactHeaders is the redaction of request headers for TRACE logs.
func BenchmarkRedactHeaders(b *testing.B) {
	h := http.Header{"Authorization": {"Bearer secret"}, "Content-Type": {"application/json"}, "User-Agent": {"terraform-provider-affinipay/dev"}}
	b.ReportAllocs()
	for b.Loop() {
		_ = RedactHeaders(h)
	}
}
