package sandbox

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestMerchantPatchChangesOnlyGivenKeys(t *testing.T) {
	e := newEnv(t)
	before := e.merchant(testKey)
	e.clock.Advance(time.Hour)

	r := e.do("PATCH", "/v1/merchant", testKey, map[string]any{
		"name":        "My New Business Name",
		"id":          "ignored-read-only",
		"public_key":  "m_ignored",
		"unknown_key": 7,
	})
	if r.status != 200 {
		t.Fatalf("PATCH: %d %s", r.status, r.body)
	}
	var got merchantJSON
	r.json(t, &got)
	want := before
	want.Name = "My New Business Name"
	want.Modified = "2024-03-01T13:00:00.123Z"
	if got.Name != want.Name || got.Modified != want.Modified || got.ID != before.ID || got.PublicKey != before.PublicKey ||
		got.ContactEmail != before.ContactEmail || got.City != before.City || got.Timezone != before.Timezone {
		t.Fatalf("PATCH result %+v, want %+v", got, want)
	}
	// Persisted, and visible with the live key too (one merchant).
	if m := e.merchant(liveKey); m.Name != "My New Business Name" {
		t.Errorf("live view name = %q", m.Name)
	}
	// Every response carries the webhook and IP fields, even when empty.
	raw := e.do("GET", "/v1/merchant", testKey, nil).obj(t)
	for _, k := range []string{"api_allowed_ip_address_ranges", "live_events_urls", "test_events_urls", "address2"} {
		if v, ok := raw[k]; !ok || v != "" {
			t.Errorf("%s = %#v, %v; want empty string", k, v, ok)
		}
	}
}

func TestMerchantPatchNullAndEmptyClear(t *testing.T) {
	e := newEnv(t)
	r := e.do("PATCH", "/v1/merchant", testKey, `{"contact_name": null, "address1": "", "city": "Portland"}`)
	if r.status != 200 {
		t.Fatalf("PATCH: %d %s", r.status, r.body)
	}
	m := e.merchant(testKey)
	if m.ContactName != "" || m.Address1 != "" || m.City != "Portland" || m.ContactEmail != "admin@example.com" {
		t.Fatalf("after PATCH: %+v", m)
	}
}

func TestMerchantPatchUnchangedKeepsModified(t *testing.T) {
	e := newEnv(t)
	before := e.merchant(testKey)
	e.clock.Advance(time.Hour)
	r := e.do("PATCH", "/v1/merchant", testKey, map[string]any{"name": before.Name})
	var got merchantJSON
	r.json(t, &got)
	if got.Modified != before.Modified {
		t.Fatalf("modified changed on a no-op PATCH: %s -> %s", before.Modified, got.Modified)
	}
}

func TestMerchantPutReplacesWholeObject(t *testing.T) {
	e := newEnv(t)
	e.do("PATCH", "/v1/merchant", testKey, map[string]any{"address2": "Suite 300", "live_events_urls": "https://example.com/live"})
	r := e.do("PUT", "/v1/merchant", testKey, map[string]any{
		"name":                          "Biz1 Updated",
		"country":                       "US",
		"contact_email":                 "admin@biz1.com",
		"api_allowed_ip_address_ranges": "16.42.10.0/30",
		"test_events_urls":              "http://merchant.example.com/events/test",
	})
	if r.status != 200 {
		t.Fatalf("PUT: %d %s", r.status, r.body)
	}
	e.setClientAddress("16.42.10.1") // inside the new allow-list
	m := e.merchant(testKey)
	if m.Name != "Biz1 Updated" || m.ContactEmail != "admin@biz1.com" || m.APIAllowedIPAddressRanges != "16.42.10.0/30" ||
		m.TestEventsURLs != "http://merchant.example.com/events/test" {
		t.Fatalf("PUT values not stored: %+v", m)
	}
	for k, v := range map[string]string{
		"contact_name": m.ContactName, "contact_phone": m.ContactPhone, "address1": m.Address1, "address2": m.Address2,
		"city": m.City, "state": m.State, "postal_code": m.PostalCode, "timezone": m.Timezone, "live_events_urls": m.LiveEventsURLs,
	} {
		if v != "" {
			t.Errorf("PUT without %s kept %q", k, v)
		}
	}
}

func TestMerchantPutRequiresNameAndCountry(t *testing.T) {
	e := newEnv(t)
	before := e.merchant(testKey)
	r := e.do("PUT", "/v1/merchant", testKey, map[string]any{"contact_name": "X"})
	expectInvalid(t, r, [2]string{"name", "not_null"}, [2]string{"country", "not_null"})
	if m := e.merchant(testKey); m.ContactName != before.ContactName {
		t.Fatal("failed PUT changed the merchant")
	}
}

func TestMerchantRequiredFieldsInPatch(t *testing.T) {
	e := newEnv(t)
	expectInvalid(t, e.do("PATCH", "/v1/merchant", testKey, `{"name": null}`), [2]string{"name", "not_null"})
	expectInvalid(t, e.do("PATCH", "/v1/merchant", testKey, `{"name": "  "}`), [2]string{"name", "not_blank"})
	expectInvalid(t, e.do("PATCH", "/v1/merchant", testKey, `{"country": ""}`), [2]string{"country", "not_blank"})
	expectInvalid(t, e.do("PATCH", "/v1/merchant", testKey, `{"name": 5}`), [2]string{"name", "invalid"})
}

func TestMerchantValidation(t *testing.T) {
	long := "https://example.com/" + strings.Repeat("a", 1005) // 1025 chars
	cases := []struct {
		name  string
		body  map[string]any
		ctx   string
		sub   string
		valid bool
	}{
		{"phone plain", map[string]any{"contact_phone": "9876543210"}, "", "", true},
		{"phone plus", map[string]any{"contact_phone": "+442071838750"}, "", "", true},
		{"phone 15 digits", map[string]any{"contact_phone": "123456789012345"}, "", "", true},
		{"phone 16 digits", map[string]any{"contact_phone": "1234567890123456"}, "contact_phone", "invalid", false},
		{"phone leading 0", map[string]any{"contact_phone": "0123456789"}, "contact_phone", "invalid", false},
		{"phone punctuation", map[string]any{"contact_phone": "(978) 987-9878"}, "contact_phone", "invalid", false},
		{"email ok", map[string]any{"contact_email": "a.b+c@example.co.uk"}, "", "", true},
		{"email no at", map[string]any{"contact_email": "admin.example.com"}, "contact_email", "invalid", false},
		{"email display name", map[string]any{"contact_email": "Admin <admin@example.com>"}, "contact_email", "invalid", false},
		{"email no domain dot", map[string]any{"contact_email": "admin@localhost"}, "contact_email", "invalid", false},
		{"state US ok", map[string]any{"state": "TX"}, "", "", true},
		{"state US name", map[string]any{"state": "Texas"}, "state", "invalid", false},
		{"state US lower", map[string]any{"state": "tx"}, "state", "invalid", false},
		{"state US unknown", map[string]any{"state": "XX"}, "state", "invalid", false},
		{"state CA ok", map[string]any{"country": "CA", "state": "ON", "postal_code": "K1A 0B1"}, "", "", true},
		{"state CA wrong", map[string]any{"country": "CA", "state": "TX", "postal_code": "K1A 0B1"}, "state", "invalid", false},
		{"state other country free text", map[string]any{"country": "GB", "state": "Greater London"}, "", "", true},
		{"postal 5", map[string]any{"postal_code": "04401"}, "", "", true},
		{"postal zip+4", map[string]any{"postal_code": "04401-1234"}, "", "", true},
		{"postal 3", map[string]any{"postal_code": "A1B"}, "", "", true},
		{"postal too short", map[string]any{"postal_code": "12"}, "postal_code", "invalid_length", false},
		{"postal 11 chars", map[string]any{"postal_code": "12345-67890"}, "postal_code", "invalid_length", false},
		{"postal 10 alnum", map[string]any{"postal_code": "1234567890"}, "postal_code", "invalid_length", false},
		{"postal bad char", map[string]any{"postal_code": "044_01"}, "postal_code", "invalid", false},
		{"country lower", map[string]any{"country": "us"}, "country", "invalid", false},
		{"country unknown", map[string]any{"country": "XX"}, "country", "invalid", false},
		{"country alpha3", map[string]any{"country": "USA"}, "country", "invalid", false},
		{"timezone ok", map[string]any{"timezone": "Europe/Berlin"}, "", "", true},
		{"timezone rails name", map[string]any{"timezone": "Eastern Time (US & Canada)"}, "timezone", "invalid", false},
		{"timezone Local", map[string]any{"timezone": "Local"}, "timezone", "invalid", false},
		{"cidr ok", map[string]any{"api_allowed_ip_address_ranges": "127.0.0.1/32,198.51.100.1/24,2001:db8::/32"}, "", "", true},
		{"cidr bare ip", map[string]any{"api_allowed_ip_address_ranges": "127.0.0.1/32,10.0.0.1"}, "api_allowed_ip_address_ranges", "invalid", false},
		{"cidr garbage", map[string]any{"api_allowed_ip_address_ranges": "office"}, "api_allowed_ip_address_ranges", "invalid", false},
		{"cidr bad bits", map[string]any{"api_allowed_ip_address_ranges": "10.0.0.0/33"}, "api_allowed_ip_address_ranges", "invalid", false},
		{"live urls ok", map[string]any{"live_events_urls": "http://merchant.example.com/events/live,https://system2.example.com/messages"}, "", "", true},
		{"live urls relative", map[string]any{"live_events_urls": "/events"}, "live_events_urls", "invalid", false},
		{"live urls ftp", map[string]any{"live_events_urls": "ftp://example.com/x"}, "live_events_urls", "invalid", false},
		{"test urls empty entry", map[string]any{"test_events_urls": "https://a.example.com,"}, "test_events_urls", "invalid", false},
		{"test urls too long", map[string]any{"test_events_urls": long}, "test_events_urls", "invalid_length", false},
		{"live urls too long", map[string]any{"live_events_urls": long}, "live_events_urls", "invalid_length", false},
		{"string type", map[string]any{"city": true}, "city", "invalid", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := newEnv(t)
			before := e.merchant(testKey)
			r := e.do("PATCH", "/v1/merchant", testKey, c.body)
			if c.valid {
				if r.status != 200 {
					t.Fatalf("want 200, got %d %s", r.status, r.body)
				}
				return
			}
			expectInvalid(t, r, [2]string{c.ctx, c.sub})
			mustEqualMerchant(t, before, e.merchant(testKey))
		})
	}
}

// mustEqualMerchant fails if the merchants differ in any scalar property.
func mustEqualMerchant(t *testing.T, a, b merchantJSON) {
	t.Helper()
	if !reflect.DeepEqual(a, b) {
		t.Fatalf("merchant changed:\n%+v\n%+v", a, b)
	}
}

func TestMerchantEventsURLLengthBoundary(t *testing.T) {
	e := newEnv(t)
	exact := "https://example.com/" + strings.Repeat("a", 1004)
	if len(exact) != 1024 {
		t.Fatalf("len = %d", len(exact))
	}
	if r := e.do("PATCH", "/v1/merchant", testKey, map[string]any{"live_events_urls": exact, "test_events_urls": exact}); r.status != 200 {
		t.Fatalf("1024 chars rejected: %d %s", r.status, r.body)
	}
	expectInvalid(t, e.do("PATCH", "/v1/merchant", testKey, map[string]any{"live_events_urls": exact + "b"}),
		[2]string{"live_events_urls", "invalid_length"})
}

func TestMerchantReportsAllProblemsAndChangesNothing(t *testing.T) {
	e := newEnv(t)
	before := e.merchant(testKey)
	r := e.do("PATCH", "/v1/merchant", testKey, map[string]any{
		"name":          "Valid New Name",
		"contact_email": "nope",
		"contact_phone": "abc",
		"postal_code":   "!",
		"timezone":      "Mars/Base",
	})
	expectInvalid(t, r,
		[2]string{"contact_email", "invalid"},
		[2]string{"contact_phone", "invalid"},
		[2]string{"postal_code", "invalid"},
		[2]string{"timezone", "invalid"})
	mustEqualMerchant(t, before, e.merchant(testKey))
}

func TestMerchantCountryChangeRevalidatesState(t *testing.T) {
	e := newEnv(t)
	// Seeded state ME is valid for US but not for CA.
	expectInvalid(t, e.do("PATCH", "/v1/merchant", testKey, map[string]any{"country": "CA"}), [2]string{"state", "invalid"})
}
