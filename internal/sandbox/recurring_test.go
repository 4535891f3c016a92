package sandbox

import (
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"
)

// projection is the preview response.
type projection struct {
	Amount               int64  `json:"amount"`
	MaxOccurrences       *int   `json:"max_occurrences"`
	MaxAmount            *int64 `json:"max_amount"`
	TotalOccurrences     int    `json:"total_occurrences"`
	TotalAmount          int64  `json:"total_amount"`
	RemainingOccurrences *int64 `json:"remaining_occurrences"`
	RemainingAmount      *int64 `json:"remaining_amount"`
	Schedule             struct {
		IntervalUnit  string   `json:"interval_unit"`
		IntervalDelay int      `json:"interval_delay"`
		Start         string   `json:"start"`
		End           string   `json:"end"`
		Days          []string `json:"days"`
	} `json:"schedule"`
	NextPayment string `json:"next_payment"`
	Occurrences []struct {
		Amount  int64  `json:"amount"`
		DueDate string `json:"due_date"`
	} `json:"occurrences"`
}

func (p projection) dates() []string {
	var out []string
	for _, o := range p.Occurrences {
		out = append(out, o.DueDate)
	}
	return out
}

func (p projection) amounts() []int64 {
	var out []int64
	for _, o := range p.Occurrences {
		out = append(out, o.Amount)
	}
	return out
}

func preview(t *testing.T, e *env, query string, body any) projection {
	t.Helper()
	r := e.do("GET", "/v1/recurring/charges/schedule"+query, testKey, body)
	if r.status != 200 {
		t.Fatalf("preview %s: %d %s", query, r.status, r.body)
	}
	var p projection
	r.json(t, &p)
	return p
}

func ptrVal[T any](p *T) any {
	if p == nil {
		return nil
	}
	return *p
}

// TestRecurringPreviewReferenceExample is the reference's "Preview 10
// occurrences of a recurring charge, starting on August 19, 2019", sent
// exactly as documented (GET with a JSON body, string interval_delay,
// unpadded dates).
func TestRecurringPreviewReferenceExample(t *testing.T) {
	e := newEnv(t)
	p := preview(t, e, "?occurrences=10&start_date=2019-8-19", `{
    "amount":1250,
    "max_occurrences": 20,
    "max_amount":10000,
    "schedule":{
       "interval_unit":"WEEK",
        "interval_delay":"1",
       "days":["1","5"],
       "start":"2019-8-19"
    }
  }`)
	want := []string{"2019-08-19", "2019-08-23", "2019-08-26", "2019-08-30", "2019-09-02", "2019-09-06", "2019-09-09", "2019-09-13"}
	if !reflect.DeepEqual(p.dates(), want) {
		t.Fatalf("dates = %v, want %v", p.dates(), want)
	}
	for _, a := range p.amounts() {
		if a != 1250 {
			t.Fatalf("amounts = %v", p.amounts())
		}
	}
	if ptrVal(p.RemainingOccurrences) != int64(8) || ptrVal(p.RemainingAmount) != int64(10000) ||
		p.NextPayment != "2019-08-19" || p.TotalOccurrences != 0 || p.TotalAmount != 0 ||
		ptrVal(p.MaxOccurrences) != 20 || ptrVal(p.MaxAmount) != int64(10000) || p.Amount != 1250 {
		t.Fatalf("projection = %+v", p)
	}
	if p.Schedule.Start != "2019-08-19" || p.Schedule.IntervalDelay != 1 || p.Schedule.IntervalUnit != "WEEK" ||
		!reflect.DeepEqual(p.Schedule.Days, []string{"1", "5"}) {
		t.Fatalf("schedule = %+v", p.Schedule)
	}
}

func TestRecurringPreviewSchedules(t *testing.T) {
	e := newEnv(t)
	cases := []struct {
		name    string
		query   string
		body    map[string]any
		dates   []string
		amounts []int64
		remOcc  any
		remAmt  any
	}{{
		name:  "month 15 and LAST across a leap February",
		query: "?occurrences=6&start_date=2024-01-31",
		body: map[string]any{"amount": 500, "schedule": map[string]any{
			"interval_unit": "MONTH", "interval_delay": 1, "start": "2024-01-20", "days": []string{"15", "LAST"}}},
		dates:  []string{"2024-01-31", "2024-02-15", "2024-02-29", "2024-03-15", "2024-03-31", "2024-04-15"},
		remOcc: nil, remAmt: nil, // boundless
	}, {
		name:  "month without days clamps the 31st",
		query: "?occurrences=4&start_date=2023-01-31",
		body: map[string]any{"amount": 500, "schedule": map[string]any{
			"interval_unit": "MONTH", "interval_delay": 1, "start": "2023-01-31"}},
		dates:  []string{"2023-01-31", "2023-02-28", "2023-03-31", "2023-04-30"},
		remOcc: nil, remAmt: nil,
	}, {
		name:  "month day 31 skips short months",
		query: "?occurrences=3&start_date=2023-01-01",
		body: map[string]any{"amount": 500, "schedule": map[string]any{
			"interval_unit": "MONTH", "interval_delay": 1, "start": "2023-01-01", "days": []string{"31"}}},
		dates:  []string{"2023-01-31", "2023-03-31", "2023-05-31"},
		remOcc: nil, remAmt: nil,
	}, {
		name:  "every 3 days until an end date",
		query: "?start_date=2024-03-02",
		body: map[string]any{"amount": 700, "schedule": map[string]any{
			"interval_unit": "DAY", "interval_delay": 3, "start": "2024-03-02", "end": "2024-03-14"}},
		dates:  []string{"2024-03-02", "2024-03-05", "2024-03-08", "2024-03-11", "2024-03-14"},
		remOcc: int64(5), remAmt: int64(3500),
	}, {
		name:  "bi-weekly with max_occurrences",
		query: "?start_date=2016-01-01",
		body: map[string]any{"amount": "1000", "max_occurrences": 3, "schedule": map[string]any{
			"interval_unit": "WEEK", "interval_delay": 2, "start": "2016-01-01"}},
		dates:  []string{"2016-01-01", "2016-01-15", "2016-01-29"},
		remOcc: int64(3), remAmt: int64(3000),
	}, {
		name:  "final partial amount under max_amount ($100 then $50)",
		query: "?start_date=2024-05-01",
		body: map[string]any{"amount": 10000, "max_amount": 15000, "schedule": map[string]any{
			"interval_unit": "MONTH", "interval_delay": 1, "start": "2024-05-01"}},
		dates:   []string{"2024-05-01", "2024-06-01"},
		amounts: []int64{10000, 5000},
		remOcc:  int64(2), remAmt: int64(15000),
	}, {
		name:  "start_date after schedule start skips earlier dates",
		query: "?occurrences=2&start_date=2019-08-24",
		body: map[string]any{"amount": 1250, "schedule": map[string]any{
			"interval_unit": "WEEK", "interval_delay": 1, "start": "2019-08-19", "days": []string{"1", "5"}}},
		dates:  []string{"2019-08-26", "2019-08-30"},
		remOcc: nil, remAmt: nil,
	}, {
		name:  "totals already consumed reduce what remains",
		query: "?start_date=2024-05-01",
		body: map[string]any{"amount": 1000, "max_amount": 2500, "total_occurrences": 1, "total_amount": 1000, "schedule": map[string]any{
			"interval_unit": "DAY", "interval_delay": 1, "start": "2024-04-30"}},
		dates:   []string{"2024-05-01", "2024-05-02"},
		amounts: []int64{1000, 500},
		remOcc:  int64(2), remAmt: int64(1500),
	}}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := preview(t, e, c.query, c.body)
			if !reflect.DeepEqual(p.dates(), c.dates) {
				t.Errorf("dates = %v, want %v", p.dates(), c.dates)
			}
			if c.amounts != nil && !reflect.DeepEqual(p.amounts(), c.amounts) {
				t.Errorf("amounts = %v, want %v", p.amounts(), c.amounts)
			}
			if ptrVal(p.RemainingOccurrences) != c.remOcc || ptrVal(p.RemainingAmount) != c.remAmt {
				t.Errorf("remaining = %v/%v, want %v/%v", ptrVal(p.RemainingOccurrences), ptrVal(p.RemainingAmount), c.remOcc, c.remAmt)
			}
			if len(c.dates) > 0 && p.NextPayment != c.dates[0] {
				t.Errorf("next_payment = %q", p.NextPayment)
			}
		})
	}
}

func TestRecurringPreviewDefaultsAndErrors(t *testing.T) {
	e := newEnv(t)
	e.s.SetNow(time.Date(2026, 1, 2, 15, 0, 0, 0, time.UTC))
	daily := map[string]any{"amount": 100, "schedule": map[string]any{"interval_unit": "DAY", "interval_delay": 1, "start": "2025-12-01"}}
	// Default: 10 occurrences from tomorrow; boundless -> remaining null.
	r := e.do("GET", "/v1/recurring/charges/schedule", testKey, daily)
	if r.status != 200 {
		t.Fatalf("%d %s", r.status, r.body)
	}
	if !strings.Contains(string(r.body), `"remaining_occurrences":null`) || !strings.Contains(string(r.body), `"remaining_amount":null`) {
		t.Errorf("boundless remaining must be null: %s", r.body)
	}
	var p projection
	r.json(t, &p)
	if len(p.Occurrences) != 10 || p.NextPayment != "2026-01-03" || p.Occurrences[9].DueDate != "2026-01-12" {
		t.Fatalf("defaults: %+v", p)
	}
	// start_date_charge: today, and start_date must be today.
	if p := preview(t, e, "?start_date_charge=true&occurrences=1", daily); p.NextPayment != "2026-01-02" {
		t.Errorf("start_date_charge next = %s", p.NextPayment)
	}
	expectInvalid(t, e.do("GET", "/v1/recurring/charges/schedule?start_date_charge=true&start_date=2026-01-05", testKey, daily),
		[2]string{"start_date", "invalid"})
	expectInvalid(t, e.do("GET", "/v1/recurring/charges/schedule?occurrences=101&start_date=2026-13-01", testKey, daily),
		[2]string{"occurrences", "exceeds_maximum_value"}, [2]string{"start_date", "invalid"})
	expectInvalid(t, e.do("GET", "/v1/recurring/charges/schedule", testKey, map[string]any{
		"max_amount": 5, "schedule": map[string]any{"interval_unit": "DAY", "interval_delay": 1, "start": "2026-01-05", "days": []string{"1"}}}),
		[2]string{"amount", "not_null"}, [2]string{"schedule.days", "invalid"})
	expectInvalid(t, e.do("GET", "/v1/recurring/charges/schedule", testKey, map[string]any{
		"amount": 100, "max_amount": 50, "schedule": map[string]any{"interval_unit": "MONTH", "interval_delay": 2, "start": "2026-01-05", "end": "2026-01-04", "days": []string{"LAST"}}}),
		[2]string{"schedule.end", "below_minimum_value"}, [2]string{"schedule.days", "invalid"}, [2]string{"max_amount", "below_minimum_value"})
	// schedule.start is optional in a preview (start_date, default the next
	// day, is the first occurrence: reference :2657).
	expectInvalid(t, e.do("GET", "/v1/recurring/charges/schedule", testKey, map[string]any{"amount": 100, "schedule": map[string]any{"interval_unit": "WEEK"}}),
		[2]string{"schedule.interval_delay", "not_null"})
	noStart := map[string]any{"amount": 100, "schedule": map[string]any{"interval_unit": "DAY", "interval_delay": 2}}
	if p := preview(t, e, "?occurrences=2", noStart); p.NextPayment != "2026-01-03" || p.Occurrences[1].DueDate != "2026-01-05" || p.Schedule.Start != "2026-01-03" {
		t.Errorf("no schedule.start, default start_date: %+v", p)
	}
	if p := preview(t, e, "?occurrences=2&start_date=2026-2-10", noStart); p.NextPayment != "2026-02-10" || p.Occurrences[1].DueDate != "2026-02-12" {
		t.Errorf("no schedule.start, start_date=2026-2-10: %+v", p)
	}
	expectMessages(t, e.do("GET", "/v1/recurring/charges/schedule", testKey, nil), 422, noContent())
	if r := e.do("GET", "/v1/recurring/charges/schedule", noAuth, daily); r.status != 401 {
		t.Errorf("no auth: %d", r.status)
	}
}

// rc is a recurring charge response.
type rc struct {
	ID               string         `json:"id"`
	Created          string         `json:"created"`
	Status           string         `json:"status"`
	StatusReason     string         `json:"status_reason"`
	AccountID        string         `json:"account_id"`
	Method           map[string]any `json:"method"`
	Schedule         map[string]any `json:"schedule"`
	Description      string         `json:"description"`
	Amount           int64          `json:"amount"`
	Currency         string         `json:"currency"`
	Reference        string         `json:"reference"`
	MaxOccurrences   *int           `json:"max_occurrences"`
	MaxAmount        *int64         `json:"max_amount"`
	TotalOccurrences int            `json:"total_occurrences"`
	TotalAmount      int64          `json:"total_amount"`
	NextPayment      string         `json:"next_payment"`
	Data             map[string]any `json:"data"`
	Occurrences      []occ          `json:"occurrences"`
}

type occ struct {
	ID                string           `json:"id"`
	RecurringChargeID string           `json:"recurring_charge_id"`
	Amount            int64            `json:"amount"`
	Status            string           `json:"status"`
	DueDate           string           `json:"due_date"`
	Attempts          int              `json:"attempts"`
	LastAttempt       string           `json:"last_attempt"`
	Transactions      []map[string]any `json:"transactions"`
}

// recurringEnv is an env with the clock pinned at 2026-01-02 10:00 UTC and
// a saved test card.
func recurringEnv(t *testing.T) (*env, string) {
	t.Helper()
	e := newEnv(t)
	e.s.SetNow(time.Date(2026, 1, 2, 10, 0, 0, 0, time.UTC))
	return e, saveCard(t, e, testKey, "4242424242424242")
}

func createRC(t *testing.T, e *env, a auth, body map[string]any) rc {
	t.Helper()
	r := e.do("POST", "/v1/recurring/charges", a, body)
	if r.status != 200 {
		t.Fatalf("create: %d %s", r.status, r.body)
	}
	var c rc
	r.json(t, &c)
	return c
}

func getRC(t *testing.T, e *env, id string) rc {
	t.Helper()
	r := e.do("GET", "/v1/recurring/charges/"+id, testKey, nil)
	if r.status != 200 {
		t.Fatalf("get: %d %s", r.status, r.body)
	}
	var c rc
	r.json(t, &c)
	return c
}

func monthly(method string, start string) map[string]any {
	return map[string]any{
		"description": "Monthly recurring charge", "amount": "1250", "method": method,
		"schedule": map[string]any{"start": start, "interval_unit": "MONTH", "interval_delay": 1},
	}
}

func TestRecurringCreateAndGet(t *testing.T) {
	e, card := recurringEnv(t)
	body := monthly(card, "2026-01-15")
	body["reference"] = "retainer-42"
	body["data"] = map[string]any{"matter": "A-1", "n": 2}
	body["source_id"] = "terraform:abc"
	body["max_occurrences"] = 12
	r := e.do("POST", "/v1/recurring/charges", testKey, body)
	if r.status != 200 {
		t.Fatalf("create: %d %s", r.status, r.body)
	}
	if strings.Contains(string(r.body), "source_id") {
		t.Errorf("source_id is write-only but was returned: %s", r.body)
	}
	var c rc
	r.json(t, &c)
	cardAcct, _ := primaryAccounts(t, e, testKey)
	if c.Status != "ACTIVE" || c.AccountID != cardAcct || c.Amount != 1250 || c.Currency != "USD" ||
		c.NextPayment != "2026-01-15" || c.TotalOccurrences != 0 || c.Reference != "retainer-42" ||
		c.Data["matter"] != "A-1" || ptrVal(c.MaxOccurrences) != 12 || c.Created != "2026-01-02T10:00:00.000Z" {
		t.Fatalf("created = %+v", c)
	}
	if c.Method["type"] != "card" || c.Method["number"] != "************4242" || c.Method["card_type"] != "VISA" || c.Method["name"] != "Some Customer" {
		t.Errorf("method = %v", c.Method)
	}
	if len(c.Occurrences) != 1 || c.Occurrences[0].Status != "PENDING" || c.Occurrences[0].DueDate != "2026-01-15" ||
		c.Occurrences[0].Amount != 1250 || c.Occurrences[0].Attempts != 0 {
		t.Fatalf("occurrences = %+v", c.Occurrences)
	}
	g := getRC(t, e, c.ID)
	if g.Occurrences != nil || g.NextPayment != "2026-01-15" || g.Description != "Monthly recurring charge" {
		t.Fatalf("get = %+v", g)
	}
	// Other mode: not found.
	expectMessages(t, e.do("GET", "/v1/recurring/charges/"+c.ID, liveKey, nil), 404, notFound("RecurringCharge", c.ID))

	// Saved bank -> primary eCheck account by default; the documented
	// bi-weekly example with max_amount.
	bank := saveBank(t, e, testKey, "10333257392394")
	b := createRC(t, e, testKey, map[string]any{
		"amount": "1000", "method": bank, "max_amount": 50000,
		"schedule": map[string]any{"start": "2026-01-09", "interval_unit": "WEEK", "interval_delay": 2},
	})
	_, achAcct := primaryAccounts(t, e, testKey)
	if b.AccountID != achAcct || b.Method["account_number"] != "**********2394" || b.Method["routing_number"] != "******013" ||
		ptrVal(b.MaxAmount) != int64(50000) || b.NextPayment != "2026-01-09" {
		t.Fatalf("bank charge = %+v", b)
	}
	// Inline card details.
	in := createRC(t, e, testKey, map[string]any{
		"amount": 300, "method": map[string]any{"type": "card", "number": "5105105105105100", "exp_month": 12, "exp_year": 2030, "cvv": "123"},
		"schedule": map[string]any{"start": "2026-02-01", "interval_unit": "DAY", "interval_delay": 7},
	})
	if in.Method["number"] != "************5100" || in.Method["card_type"] != "MASTERCARD" || in.Method["cvv"] != nil {
		t.Fatalf("inline method = %v", in.Method)
	}
}

// primaryAccounts returns the mode's primary card and eCheck account IDs.
func primaryAccounts(t *testing.T, e *env, a auth) (card, ach string) {
	t.Helper()
	m := e.merchant(a)
	for _, acct := range m.MerchantAccounts {
		if acct.Primary {
			card = acct.ID
		}
	}
	for _, acct := range m.ACHAccounts {
		if acct.Primary {
			ach = acct.ID
		}
	}
	return card, ach
}

func TestRecurringCreateErrors(t *testing.T) {
	e, card := recurringEnv(t) // today is 2026-01-02
	code := func(r response, status int, code string) {
		t.Helper()
		if r.status != status {
			t.Fatalf("status = %d, want %d: %s", r.status, status, r.body)
		}
		if ms := r.messages(t); len(ms) != 1 || ms[0].Code != code {
			t.Fatalf("messages = %s, want %s", r.body, code)
		}
	}
	// Starting today.
	code(e.do("POST", "/v1/recurring/charges", testKey, monthly(card, "2026-01-02")), 422, "first_occurrence_due_immediately")
	// A past start whose next eligible date is today (monthly on the 2nd).
	code(e.do("POST", "/v1/recurring/charges", testKey, monthly(card, "2025-11-02")), 422, "first_occurrence_due_immediately")
	// A past start whose next eligible date is tomorrow is accepted.
	if c := createRC(t, e, testKey, monthly(card, "2025-11-03")); c.NextPayment != "2026-01-03" {
		t.Errorf("past start next_payment = %s", c.NextPayment)
	}
	// No occurrence at all.
	noOcc := monthly(card, "2025-01-15")
	noOcc["schedule"].(map[string]any)["end"] = "2025-12-31"
	code(e.do("POST", "/v1/recurring/charges", testKey, noOcc), 422, "no_occurrences_for_schedule")
	// Field problems, all at once.
	expectInvalid(t, e.do("POST", "/v1/recurring/charges", testKey, map[string]any{
		"method": card, "max_occurrences": 0, "currency": "usd",
		"schedule": map[string]any{"start": "2026-02-30", "interval_unit": "YEAR", "interval_delay": 0},
	}), [2]string{"amount", "not_null"}, [2]string{"currency", "invalid"}, [2]string{"schedule.start", "invalid"},
		[2]string{"schedule.interval_unit", "invalid"}, [2]string{"schedule.interval_delay", "below_minimum_value"},
		[2]string{"max_occurrences", "below_minimum_value"})
	expectInvalid(t, e.do("POST", "/v1/recurring/charges", testKey, map[string]any{"amount": 100, "method": card}),
		[2]string{"schedule", "not_null"})
	// Method problems.
	noMethod := monthly(card, "2026-02-01")
	delete(noMethod, "method")
	code(e.do("POST", "/v1/recurring/charges", testKey, noMethod), 422, "no_payment_method")
	expectMessages(t, e.do("POST", "/v1/recurring/charges", testKey, monthly("nope", "2026-02-01")), 404, notFound("PaymentMethod", "nope"))
	expectMessages(t, e.do("POST", "/v1/recurring/charges", liveKey, monthly(card, "2026-02-01")), 404, notFound("PaymentMethod", card))
	// Account problems.
	_, ach := primaryAccounts(t, e, testKey)
	wrong := monthly(card, "2026-02-01")
	wrong["account_id"] = ach
	code(e.do("POST", "/v1/recurring/charges", testKey, wrong), 422, "incorrect_payment_type")
	wrong["account_id"] = "missing"
	expectMessages(t, e.do("POST", "/v1/recurring/charges", testKey, wrong), 404, notFound("Account", "missing"))
	cur := monthly(card, "2026-02-01")
	cur["currency"] = "EUR"
	code(e.do("POST", "/v1/recurring/charges", testKey, cur), 422, "unsupported_currency")
	inline := monthly("", "2026-02-01")
	inline["method"] = map[string]any{"type": "card", "number": "4242424242424241", "exp_month": 1, "exp_year": 2030}
	code(e.do("POST", "/v1/recurring/charges", testKey, inline), 422, "card_number_invalid")
	inline["method"] = map[string]any{"number": "4242424242424242"}
	expectInvalid(t, e.do("POST", "/v1/recurring/charges", testKey, inline), [2]string{"method.type", "not_null"})
}

func TestRecurringDuplicateSourceID(t *testing.T) {
	e, card := recurringEnv(t)
	body := monthly(card, "2026-02-01")
	body["source_id"] = "terraform:0b5e"
	first := createRC(t, e, testKey, body)
	// A retry (identical request) and a different request with the same
	// source_id both conflict.
	for _, b := range []map[string]any{body, func() map[string]any {
		o := monthly("not-a-method", "2026-03-01")
		o["source_id"] = "terraform:0b5e"
		return o
	}()} {
		r := e.do("POST", "/v1/recurring/charges", testKey, b)
		want := errorMessage("resource_exists", "A recurring charge with this source_id already exists")
		want.Context = "source_id"
		expectMessages(t, r, http.StatusConflict, want)
	}
	if n := e.s.RecurringChargeCount("terraform:0b5e"); n != 1 {
		t.Fatalf("RecurringChargeCount = %d", n)
	}
	// Still a conflict after the first one is deleted.
	if r := e.do("DELETE", "/v1/recurring/charges/"+first.ID, testKey, nil); r.status != 200 {
		t.Fatal(r.status)
	}
	if r := e.do("POST", "/v1/recurring/charges", testKey, body); r.status != 409 {
		t.Fatalf("after delete: %d", r.status)
	}
	// Live mode is separate.
	liveCard := saveCard(t, e, liveKey, "4242424242424242")
	lb := monthly(liveCard, "2026-02-01")
	lb["source_id"] = "terraform:0b5e"
	createRC(t, e, liveKey, lb)
	if n := e.s.RecurringChargeCount("terraform:0b5e"); n != 2 {
		t.Fatalf("RecurringChargeCount = %d", n)
	}
	expectInvalid(t, e.do("POST", "/v1/recurring/charges", testKey, func() map[string]any {
		o := monthly(card, "2026-02-01")
		o["source_id"] = strings.Repeat("x", 256)
		return o
	}()), [2]string{"source_id", "invalid_length"})
}

func TestRecurringCancelVersusDelete(t *testing.T) {
	e, card := recurringEnv(t)
	a := createRC(t, e, testKey, monthly(card, "2026-02-01"))
	b := createRC(t, e, testKey, monthly(card, "2026-02-01"))

	r := e.do("POST", "/v1/recurring/charges/"+a.ID+"/cancel", testKey, nil)
	var c rc
	r.json(t, &c)
	if r.status != 200 || c.Status != "COMPLETED" || c.StatusReason != "user_canceled" || c.NextPayment != "2026-02-01" {
		t.Fatalf("cancel: %d %s", r.status, r.body)
	}
	r = e.do("DELETE", "/v1/recurring/charges/"+b.ID, testKey, nil)
	r.json(t, &c)
	if r.status != 200 || c.Status != "DELETED" {
		t.Fatalf("delete: %d %s", r.status, r.body)
	}
	// GET still shows the deleted charge with status DELETED.
	if g := getRC(t, e, b.ID); g.Status != "DELETED" {
		t.Fatalf("get deleted: %+v", g)
	}
	// Lists show the cancelled one, not the deleted one.
	var list struct {
		TotalEntries int  `json:"total_entries"`
		Results      []rc `json:"results"`
	}
	e.do("GET", "/v1/recurring/charges", testKey, nil).json(t, &list)
	if list.TotalEntries != 1 || list.Results[0].ID != a.ID {
		t.Fatalf("list = %+v", list)
	}
	e.do("GET", "/v1/recurring/charges?status=COMPLETED", testKey, nil).json(t, &list)
	if list.TotalEntries != 1 {
		t.Fatalf("COMPLETED list = %+v", list)
	}
	e.do("GET", "/v1/recurring/charges?status=ACTIVE", testKey, nil).json(t, &list)
	if list.TotalEntries != 0 {
		t.Fatalf("ACTIVE list = %+v", list)
	}
	// Nothing is collected for either when their date comes.
	e.s.SetNow(time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC))
	if g := getRC(t, e, a.ID); g.TotalOccurrences != 0 || g.Status != "COMPLETED" {
		t.Fatalf("cancelled charge collected: %+v", g)
	}
	// Mutations of a cancelled or deleted charge are refused.
	unavailable := errorMessage("unavailable_for_current_status", "The current status of the entity does not allow the requested operation")
	for _, id := range []string{a.ID, b.ID} {
		expectMessages(t, e.do("PATCH", "/v1/recurring/charges/"+id, testKey, map[string]any{"amount": 5}), 422, unavailable)
		expectMessages(t, e.do("POST", "/v1/recurring/charges/"+id+"/cancel", testKey, nil), 422, unavailable)
	}
	expectMessages(t, e.do("DELETE", "/v1/recurring/charges/"+b.ID, testKey, nil), 422, unavailable)
	// A cancelled charge can still be deleted.
	if r := e.do("DELETE", "/v1/recurring/charges/"+a.ID, testKey, nil); r.status != 200 {
		t.Fatalf("delete cancelled: %d", r.status)
	}
	expectMessages(t, e.do("POST", "/v1/recurring/charges/missing/cancel", testKey, nil), 404, notFound("RecurringCharge", "missing"))
}

func TestRecurringListPagingAndOrder(t *testing.T) {
	e, card := recurringEnv(t)
	var ids []string
	for i, amt := range []int{300, 100, 500, 200, 400} {
		b := monthly(card, "2026-02-01")
		b["amount"] = amt
		if i%2 == 0 {
			b["reference"] = "even"
		}
		ids = append(ids, createRC(t, e, testKey, b).ID)
	}
	type page struct {
		Page         int  `json:"page"`
		PageSize     int  `json:"page_size"`
		TotalEntries int  `json:"total_entries"`
		Results      []rc `json:"results"`
	}
	get := func(q string) page {
		t.Helper()
		r := e.do("GET", "/v1/recurring/charges"+q, testKey, nil)
		if r.status != 200 {
			t.Fatalf("%s: %d %s", q, r.status, r.body)
		}
		var p page
		r.json(t, &p)
		return p
	}
	idsOf := func(p page) []string {
		var out []string
		for _, c := range p.Results {
			out = append(out, c.ID)
		}
		return out
	}
	amounts := func(p page) []int64 {
		var out []int64
		for _, c := range p.Results {
			out = append(out, c.Amount)
		}
		return out
	}
	// Default: descending creation (ties on the pinned clock keep creation order).
	if p := get(""); !reflect.DeepEqual(idsOf(p), []string{ids[4], ids[3], ids[2], ids[1], ids[0]}) || p.PageSize != 20 || p.Page != 1 {
		t.Fatalf("default order: %+v", idsOf(p))
	}
	var seen []string
	for pg := 1; pg <= 3; pg++ {
		p := get(fmt.Sprintf("?page=%d&page_size=2&order_by=created", pg))
		if p.TotalEntries != 5 || p.Page != pg || p.PageSize != 2 {
			t.Fatalf("page %d: %+v", pg, p)
		}
		seen = append(seen, idsOf(p)...)
	}
	if !reflect.DeepEqual(seen, ids) {
		t.Fatalf("paged ascending = %v, want %v", seen, ids)
	}
	if p := get("?page=4&page_size=2"); len(p.Results) != 0 || p.TotalEntries != 5 {
		t.Fatalf("past the end: %+v", p)
	}
	if a := amounts(get("?order_by=amount")); !reflect.DeepEqual(a, []int64{100, 200, 300, 400, 500}) {
		t.Errorf("order_by=amount: %v", a)
	}
	if a := amounts(get("?order_by=-amount")); !reflect.DeepEqual(a, []int64{500, 400, 300, 200, 100}) {
		t.Errorf("order_by=-amount: %v", a)
	}
	// "" < "even": the two without reference (100, 200) first, then 300, 400, 500.
	if a := amounts(get("?order_by=reference,%2Bamount")); !reflect.DeepEqual(a, []int64{100, 200, 300, 400, 500}) {
		t.Errorf("order_by=reference,+amount: %v", a)
	}
	if a := amounts(get("?order_by=-reference,-amount")); !reflect.DeepEqual(a, []int64{500, 400, 300, 200, 100}) {
		t.Errorf("order_by=-reference,-amount: %v", a)
	}
	if p := get("?reference=even"); p.TotalEntries != 3 {
		t.Errorf("reference filter: %d", p.TotalEntries)
	}
	cardAcct, achAcct := primaryAccounts(t, e, testKey)
	if p := get("?account_id=" + cardAcct); p.TotalEntries != 5 {
		t.Errorf("account filter: %d", p.TotalEntries)
	}
	if p := get("?account_id=" + achAcct); p.TotalEntries != 0 {
		t.Errorf("account filter (ach): %d", p.TotalEntries)
	}
	expectMessages(t, e.do("GET", "/v1/recurring/charges?order_by=bogus", testKey, nil), 422,
		errorMessage("search_failed", "The search could not be processed as defined: order_by accepts a comma-separated list of recurring charge properties, each optionally prefixed by + or -"))
	expectInvalid(t, e.do("GET", "/v1/recurring/charges?page=0&page_size=101&status=DELETED", testKey, nil),
		[2]string{"page", "below_minimum_value"}, [2]string{"page_size", "exceeds_maximum_value"}, [2]string{"status", "invalid"})
	if p := get("?page_size=100"); p.PageSize != 100 {
		t.Errorf("page_size 100: %d", p.PageSize)
	}
	// Live mode sees none of them.
	r := e.do("GET", "/v1/recurring/charges", liveKey, nil)
	if r.obj(t)["total_entries"] != 0.0 {
		t.Errorf("live list: %s", r.body)
	}
}

func listOccurrences(t *testing.T, e *env, id string) []occ {
	t.Helper()
	r := e.do("GET", "/v1/recurring/charges/"+id+"/occurrences?page_size=100", testKey, nil)
	if r.status != 200 {
		t.Fatalf("occurrences: %d %s", r.status, r.body)
	}
	var p struct {
		Results []occ `json:"results"`
	}
	r.json(t, &p)
	return p.Results
}

func TestRecurringClockAdvancesOccurrences(t *testing.T) {
	e, card := recurringEnv(t) // 2026-01-02
	declined := saveCard(t, e, testKey, "4000000000000002")
	good := createRC(t, e, testKey, map[string]any{
		"amount": 1000, "method": card, "max_amount": 2500,
		"schedule": map[string]any{"start": "2026-01-05", "interval_unit": "WEEK", "interval_delay": 1},
	})
	bad := createRC(t, e, testKey, map[string]any{
		"amount": 700, "method": declined,
		"schedule": map[string]any{"start": "2026-01-05", "interval_unit": "DAY", "interval_delay": 2},
	})

	// Through the admin endpoint: advance 72h -> 2026-01-05 10:00.
	r := e.do("POST", "/_sandbox/clock", noAuth, map[string]any{"advance": "72h"})
	if r.status != 200 || r.obj(t)["now"] != "2026-01-05T10:00:00.000Z" || r.obj(t)["pinned"] != true {
		t.Fatalf("advance: %d %s", r.status, r.body)
	}
	g := getRC(t, e, good.ID)
	if g.TotalOccurrences != 1 || g.TotalAmount != 1000 || g.NextPayment != "2026-01-12" || g.Status != "ACTIVE" {
		t.Fatalf("after first payment: %+v", g)
	}
	os := listOccurrences(t, e, good.ID)
	if len(os) != 2 || os[0].Status != "PENDING" || os[0].DueDate != "2026-01-12" ||
		os[1].Status != "PAID" || os[1].Attempts != 1 || os[1].LastAttempt != "2026-01-05T00:00:00.000Z" || len(os[1].Transactions) != 1 {
		t.Fatalf("occurrences = %+v", os)
	}
	tx := os[1].Transactions[0]
	if tx["type"] != "CHARGE" || tx["status"] != "AUTHORIZED" || tx["amount"] != 1000.0 || tx["recurring_charge_id"] != good.ID ||
		tx["recurring_charge_occurrence_id"] != os[1].ID || tx["account_id"] != good.AccountID {
		t.Fatalf("transaction = %v", tx)
	}
	b := getRC(t, e, bad.ID)
	bos := listOccurrences(t, e, bad.ID)
	if b.TotalOccurrences != 1 || b.NextPayment != "2026-01-07" || bos[1].Status != "FAILED" ||
		bos[1].Transactions[0]["failure_code"] != "card_declined" || bos[1].Transactions[0]["status"] != "FAILED" {
		t.Fatalf("declined: %+v %+v", b, bos)
	}

	// Jump to Jan 20: the Jan 12 payment, then the final partial 500 on Jan 19.
	r = e.do("POST", "/_sandbox/clock", noAuth, map[string]any{"now": "2026-01-20T00:00:00Z"})
	if r.status != 200 {
		t.Fatal(r.status)
	}
	g = getRC(t, e, good.ID)
	if g.Status != "COMPLETED" || g.StatusReason != "schedule_complete" || g.TotalOccurrences != 3 || g.TotalAmount != 2500 || g.NextPayment != "" {
		t.Fatalf("completed: %+v", g)
	}
	os = listOccurrences(t, e, good.ID)
	if len(os) != 3 || os[0].DueDate != "2026-01-19" || os[0].Amount != 500 || os[0].Status != "PAID" {
		t.Fatalf("final occurrences: %+v", os)
	}
	// Every other day from Jan 5 to Jan 19: 8 attempts, all failed.
	if b := getRC(t, e, bad.ID); b.TotalOccurrences != 8 || b.TotalAmount != 5600 || b.NextPayment != "2026-01-21" {
		t.Fatalf("declining charge: %+v", b)
	}

	// GET /_sandbox/clock and back to real time ({}): the env's injected clock.
	if r := e.do("GET", "/_sandbox/clock", noAuth, nil); r.obj(t)["now"] != "2026-01-20T00:00:00.000Z" {
		t.Fatalf("GET clock: %s", r.body)
	}
	r = e.do("POST", "/_sandbox/clock", noAuth, map[string]any{})
	if r.status != 200 || r.obj(t)["pinned"] != false || r.obj(t)["now"] != "2024-03-01T12:00:00.123Z" {
		t.Fatalf("real time: %s", r.body)
	}
	expectInvalid(t, e.do("POST", "/_sandbox/clock", noAuth, map[string]any{"advance": "soon"}), [2]string{"advance", "invalid"})
}

func TestRecurringUpdate(t *testing.T) {
	e, card := recurringEnv(t) // 2026-01-02
	c := createRC(t, e, testKey, map[string]any{
		"amount": 1000, "method": card, "description": "Retainer", "reference": "r1", "max_amount": 5000,
		"schedule": map[string]any{"start": "2026-01-10", "interval_unit": "MONTH", "interval_delay": 1, "end": "2026-12-31"},
	})
	patch := func(body any) response {
		return e.do("PATCH", "/v1/recurring/charges/"+c.ID, testKey, body)
	}
	// PATCH amount and part of the schedule: the rest is kept.
	r := patch(map[string]any{"amount": "2000", "schedule": map[string]any{"start": "2026-02-05"}})
	var u rc
	r.json(t, &u)
	if r.status != 200 || u.Amount != 2000 || u.NextPayment != "2026-02-05" || u.Description != "Retainer" ||
		u.Schedule["end"] != "2026-12-31" || u.Schedule["interval_unit"] != "MONTH" || ptrVal(u.MaxAmount) != int64(5000) {
		t.Fatalf("patch: %d %s", r.status, r.body)
	}
	os := listOccurrences(t, e, c.ID)
	if len(os) != 1 || os[0].DueDate != "2026-02-05" || os[0].Amount != 2000 || os[0].ID != c.Occurrences[0].ID {
		t.Fatalf("pending occurrence not rescheduled: %+v", os)
	}
	// Partial method update (the documented expiration PATCH).
	r = patch(map[string]any{"method": map[string]any{"type": "card", "exp_month": 7, "exp_year": 2031}})
	r.json(t, &u)
	if r.status != 200 || u.Method["exp_month"] != 7.0 || u.Method["exp_year"] != 2031.0 || u.Method["number"] != "************4242" {
		t.Fatalf("method patch: %d %s", r.status, r.body)
	}
	expectInvalid(t, patch(map[string]any{"method": map[string]any{"exp_month": 7}}), [2]string{"method.type", "not_null"})
	expectInvalid(t, patch(map[string]any{"method": map[string]any{"type": "bank", "name": "x"}}), [2]string{"method.type", "invalid"})
	// Switching to a bank is refused by the card account.
	bank := saveBank(t, e, testKey, "10333257392394")
	if r := patch(map[string]any{"method": bank}); r.status != 422 || r.messages(t)[0].Code != "incorrect_payment_type" {
		t.Fatalf("bank on card account: %d %s", r.status, r.body)
	}
	// Clearing the end with null; remove max_amount.
	r = patch(map[string]any{"schedule": map[string]any{"end": nil}, "max_amount": nil})
	u = rc{}
	r.json(t, &u)
	if u.Schedule["end"] != nil || u.MaxAmount != nil {
		t.Fatalf("clear: %s", r.body)
	}
	// A schedule that ended before today leaves nothing; an end before
	// start is a field problem.
	expectInvalid(t, patch(map[string]any{"schedule": map[string]any{"end": "2026-01-31"}}), [2]string{"schedule.end", "below_minimum_value"})
	expectMessages(t, patch(map[string]any{"schedule": map[string]any{"start": "2025-06-01", "end": "2025-12-31"}}), 422,
		errorMessage("update_results_in_no_occurrences", "The update leaves no further occurrences of scheduled payments; cancel the recurring charge instead"))
	expectInvalid(t, patch(map[string]any{"max_amount": 10}), [2]string{"max_amount", "below_minimum_value"})
	// Nothing changed by the refused updates.
	if g := getRC(t, e, c.ID); g.Amount != 2000 || g.NextPayment != "2026-02-05" || g.Schedule["end"] != nil {
		t.Fatalf("after refused updates: %+v", g)
	}
	// PUT replaces: description and reference are cleared.
	r = e.do("PUT", "/v1/recurring/charges/"+c.ID, testKey, map[string]any{
		"amount": "5000", "method": card,
		"schedule": map[string]any{"start": "2026-03-01", "interval_unit": "MONTH", "interval_delay": 1},
	})
	u = rc{}
	r.json(t, &u)
	if r.status != 200 || u.Amount != 5000 || u.Description != "" || u.Reference != "" || u.NextPayment != "2026-03-01" ||
		u.Method["exp_month"] != 10.0 {
		t.Fatalf("put: %d %s", r.status, r.body)
	}
	expectInvalid(t, e.do("PUT", "/v1/recurring/charges/"+c.ID, testKey, map[string]any{"method": card}),
		[2]string{"amount", "not_null"}, [2]string{"schedule", "not_null"})
	// An update whose next payment is today is accepted and collected at once.
	r = patch(map[string]any{"schedule": map[string]any{"start": "2026-01-02", "interval_unit": "DAY"}})
	u = rc{}
	r.json(t, &u)
	if r.status != 200 || u.TotalOccurrences != 1 || u.NextPayment != "2026-01-03" {
		t.Fatalf("due today: %d %s", r.status, r.body)
	}
	if r := e.do("PATCH", "/v1/recurring/charges/missing", testKey, map[string]any{"amount": 1}); r.status != 404 {
		t.Fatalf("missing: %d", r.status)
	}
}

func TestRecurringOccurrencesPayAndIgnore(t *testing.T) {
	e, card := recurringEnv(t) // 2026-01-02
	c := createRC(t, e, testKey, map[string]any{
		"amount": 1250, "method": card, "max_occurrences": 3,
		"schedule": map[string]any{"start": "2026-01-10", "interval_unit": "WEEK", "interval_delay": 1},
	})
	first := c.Occurrences[0].ID
	base := "/v1/recurring/charges/" + c.ID + "/occurrences/"

	// Pre-pay the first occurrence: PAID now, the next one is scheduled.
	r := e.do("POST", base+first+"/pay", testKey, nil)
	var o occ
	r.json(t, &o)
	if r.status != 200 || o.Status != "PAID" || o.Attempts != 1 || o.LastAttempt != "2026-01-02T10:00:00.000Z" || o.RecurringChargeID != c.ID {
		t.Fatalf("pay: %d %s", r.status, r.body)
	}
	if g := getRC(t, e, c.ID); g.TotalOccurrences != 1 || g.NextPayment != "2026-01-17" {
		t.Fatalf("after prepay: %+v", g)
	}
	unavailable := errorMessage("unavailable_for_current_status", "The current status of the entity does not allow the requested operation")
	expectMessages(t, e.do("POST", base+first+"/pay", testKey, nil), 422, unavailable)
	expectMessages(t, e.do("POST", base+first+"/ignore", testKey, nil), 422, unavailable)

	// Ignore the second: when its date passes it is counted, not attempted.
	second := listOccurrences(t, e, c.ID)[0]
	r = e.do("POST", base+second.ID+"/ignore", testKey, nil)
	r.json(t, &o)
	if r.status != 200 || o.Status != "IGNORED" || o.DueDate != "2026-01-17" {
		t.Fatalf("ignore: %d %s", r.status, r.body)
	}
	// At once, the next occurrence is scheduled and next_payment moves to it
	// (reference list example: IGNORED followed by the next PENDING).
	if g := getRC(t, e, c.ID); g.NextPayment != "2026-01-24" || g.TotalOccurrences != 2 {
		t.Fatalf("right after ignore: %+v", g)
	}
	if l := listOccurrences(t, e, c.ID); len(l) != 3 || l[0].Status != "PENDING" || l[0].DueDate != "2026-01-24" || l[1].ID != second.ID {
		t.Fatalf("occurrences right after ignore: %+v", l)
	}
	e.s.SetNow(time.Date(2026, 1, 18, 0, 0, 0, 0, time.UTC))
	g := getRC(t, e, c.ID)
	if g.TotalOccurrences != 2 || g.NextPayment != "2026-01-24" {
		t.Fatalf("after ignored date: %+v", g)
	}
	r = e.do("GET", base+second.ID, testKey, nil)
	r.json(t, &o)
	if o.Status != "IGNORED" || o.Attempts != 0 {
		t.Fatalf("ignored occurrence: %s", r.body)
	}
	// An ignored occurrence can still be collected later.
	r = e.do("POST", base+second.ID+"/pay", testKey, nil)
	r.json(t, &o)
	if o.Status != "PAID" || o.Attempts != 1 {
		t.Fatalf("pay ignored: %s", r.body)
	}
	if g := getRC(t, e, c.ID); g.TotalOccurrences != 2 {
		t.Fatalf("paying an already counted occurrence changed totals: %+v", g)
	}
	// Third (last, max_occurrences 3) completes the schedule.
	e.s.SetNow(time.Date(2026, 1, 24, 23, 0, 0, 0, time.UTC))
	if g := getRC(t, e, c.ID); g.Status != "COMPLETED" || g.StatusReason != "schedule_complete" || g.TotalOccurrences != 3 || g.TotalAmount != 3750 {
		t.Fatalf("complete: %+v", g)
	}
	// Listing: newest first; paging.
	os := listOccurrences(t, e, c.ID)
	if len(os) != 3 || os[0].DueDate != "2026-01-24" || os[2].DueDate != "2026-01-10" {
		t.Fatalf("order: %+v", os)
	}
	r = e.do("GET", "/v1/recurring/charges/"+c.ID+"/occurrences?page=2&page_size=2", testKey, nil)
	var p struct {
		TotalEntries int   `json:"total_entries"`
		Results      []occ `json:"results"`
	}
	r.json(t, &p)
	if p.TotalEntries != 3 || len(p.Results) != 1 || p.Results[0].ID != first {
		t.Fatalf("page 2: %s", r.body)
	}
	expectMessages(t, e.do("GET", base+"nope", testKey, nil), 404, notFound("RecurringChargeOccurrence", "nope"))
}

func TestRecurringResetReturnsClockToRealTime(t *testing.T) {
	e, card := recurringEnv(t)
	createRC(t, e, testKey, monthly(card, "2026-02-01"))
	e.s.Reset()
	if got := e.s.Now(); !got.Equal(e.clock.Now().Truncate(time.Millisecond)) {
		t.Fatalf("Now after reset = %v", got)
	}
	var list struct {
		TotalEntries int `json:"total_entries"`
	}
	raw := e.do("GET", "/v1/recurring/charges", testKey, nil).body
	if err := json.Unmarshal(raw, &list); err != nil || list.TotalEntries != 0 {
		t.Fatalf("after reset: %s", raw)
	}
}

// TestRecurringOneTimeTokenMethod: a token is spent by the create, and a
// retried create with the same source_id is still a 409 (not a 404 for the
// spent token), so a create whose response was lost can be retried safely.
func TestRecurringOneTimeTokenMethod(t *testing.T) {
	e, _ := recurringEnv(t)
	r := e.do("POST", "/v1/tokens", pubKey, map[string]any{"type": "card", "number": "4242424242424242",
		"exp_month": 10, "exp_year": 2030, "cvv": "123", "name": "Tok Holder", "postal_code": "78701"})
	if r.status != 200 {
		t.Fatalf("token: %d %s", r.status, r.body)
	}
	tok := r.obj(t)["id"].(string)
	body := monthly(tok, "2026-02-01")
	body["source_id"] = "terraform:lost-response"
	c := createRC(t, e, testKey, body)
	if c.Method["number"] != "************4242" || c.Method["name"] != "Tok Holder" {
		t.Fatalf("method from token = %v", c.Method)
	}
	if r := e.do("POST", "/v1/recurring/charges", testKey, body); r.status != http.StatusConflict {
		t.Fatalf("retry: %d %s", r.status, r.body)
	}
	delete(body, "source_id")
	expectMessages(t, e.do("POST", "/v1/recurring/charges", testKey, body), 404, notFound("PaymentMethod", tok))
	if n := e.s.RecurringChargeCount("terraform:lost-response"); n != 1 {
		t.Fatalf("count = %d", n)
	}
}

// TestRecurringResolvedMethod covers methods known only masked (as contact
// PaymentMethods are): mode check and the last-4 decline rule.
func TestRecurringResolvedMethod(t *testing.T) {
	e, _ := recurringEnv(t)
	e.s.mu.Lock()
	e.s.addMethodResolver(func(id string, _ bool) (chargeableMethod, bool) {
		switch id {
		case "pmtd_testdecline":
			return chargeableMethod{Mode: modeTest, Type: "card", Masked: map[string]any{
				"type": "card", "number": "************0051", "card_type": "VISA", "exp_month": 1, "exp_year": 2031}}, true
		case "pmtd_livebank":
			return chargeableMethod{Mode: modeLive, Type: "bank", Masked: map[string]any{
				"type": "bank", "routing_number": "******013", "account_number": "******0001", "account_type": "CHECKING"}}, true
		}
		return chargeableMethod{}, false
	})
	e.s.mu.Unlock()
	expectMessages(t, e.do("POST", "/v1/recurring/charges", testKey, monthly("pmtd_livebank", "2026-02-01")), 404, notFound("PaymentMethod", "pmtd_livebank"))
	c := createRC(t, e, testKey, monthly("pmtd_testdecline", "2026-01-03"))
	if c.Method["exp_month"] != 1.0 {
		t.Fatalf("method = %v", c.Method)
	}
	e.s.SetNow(time.Date(2026, 1, 3, 0, 0, 0, 0, time.UTC))
	os := listOccurrences(t, e, c.ID)
	if os[1].Status != "FAILED" || os[1].Transactions[0]["failure_code"] != "card_declined_limit_exceeded" {
		t.Fatalf("occurrences = %+v", os)
	}
	// A retry through /pay fails the same way and does not change the totals.
	r := e.do("POST", "/v1/recurring/charges/"+c.ID+"/occurrences/"+os[1].ID+"/pay", testKey, nil)
	var o occ
	r.json(t, &o)
	if r.status != 200 || o.Status != "FAILED" || o.Attempts != 2 || len(o.Transactions) != 2 {
		t.Fatalf("retry: %d %s", r.status, r.body)
	}
	if g := getRC(t, e, c.ID); g.TotalOccurrences != 1 {
		t.Fatalf("totals: %+v", g)
	}

	// Live-mode bank on the live primary eCheck account; account 0001 declines.
	liveCharge := createRC(t, e, liveKey, monthly("pmtd_livebank", "2026-01-05"))
	_, liveACH := primaryAccounts(t, e, liveKey)
	if liveCharge.AccountID != liveACH {
		t.Fatalf("live bank account = %s, want %s", liveCharge.AccountID, liveACH)
	}
}

// TestRecurringExpiredCardFails: a saved card valid at creation fails with
// card_expired once a due date passes its expiration month.
func TestRecurringExpiredCardFails(t *testing.T) {
	e, _ := recurringEnv(t)
	r := e.do("POST", "/v1/cards", testKey, map[string]any{"number": "4012888888881881", "exp_month": 2, "exp_year": 2026})
	card := r.obj(t)["id"].(string)
	c := createRC(t, e, testKey, monthly(card, "2026-02-28"))
	e.s.SetNow(time.Date(2026, 3, 28, 12, 0, 0, 0, time.UTC))
	os := listOccurrences(t, e, c.ID)
	if len(os) != 3 || os[2].Status != "PAID" || os[1].Status != "FAILED" || os[1].Transactions[0]["failure_code"] != "card_expired" {
		t.Fatalf("occurrences = %+v", os)
	}
}
