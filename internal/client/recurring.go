package client

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// Recurring charges (API reference "Recurring Charges" and the
// recurring_charge, recurring_charge_occurrence, recurring_charge_projection
// and schedule object types).

// Recurring charge statuses and status reasons.
const (
	RecurringStatusActive    = "ACTIVE"
	RecurringStatusCompleted = "COMPLETED"
	RecurringStatusDeleted   = "DELETED"

	RecurringReasonScheduleComplete = "schedule_complete"
	RecurringReasonUserCanceled     = "user_canceled"
)

// Message codes of "Recurring Charge Messages" and source_id conflicts.
const (
	CodeNoOccurrencesForSchedule      = "no_occurrences_for_schedule"
	CodeFirstOccurrenceDueImmediately = "first_occurrence_due_immediately"
	CodeUpdateResultsInNoOccurrences  = "update_results_in_no_occurrences"
	CodeResourceExists                = "resource_exists"
)

// RecurringMaxPageSize is the largest page_size the list endpoints accept
// ("defaults to 20, max is 100").
const RecurringMaxPageSize = 100

// FlexInt64 decodes a JSON number that the API sometimes writes as a string
// (the reference's requests send "amount": "1250" and "interval_delay": "1").
type FlexInt64 int64

func (n *FlexInt64) UnmarshalJSON(data []byte) error {
	s := strings.Trim(strings.TrimSpace(string(data)), `"`)
	if s == "" || s == "null" {
		*n = 0
		return nil
	}
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return fmt.Errorf("invalid integer %s: %w", data, err)
	}
	*n = FlexInt64(v)
	return nil
}

// RecurringSchedule is the schedule object. Dates are yyyy-mm-dd.
type RecurringSchedule struct {
	IntervalUnit  string    `json:"interval_unit"`
	IntervalDelay FlexInt64 `json:"interval_delay"`
	Start         string    `json:"start"`
	End           string    `json:"end,omitempty"`
	Days          []string  `json:"days,omitempty"`
}

// scheduleUpdate is the schedule in a PATCH: always complete, with end and
// days written as null when absent so that a PATCH removes them whether the
// API merges the nested object or replaces it.
type scheduleUpdate struct {
	IntervalUnit  string   `json:"interval_unit"`
	IntervalDelay int64    `json:"interval_delay"`
	Start         string   `json:"start"`
	End           *string  `json:"end"`
	Days          []string `json:"days"`
}

func toScheduleUpdate(s RecurringSchedule) scheduleUpdate {
	u := scheduleUpdate{IntervalUnit: s.IntervalUnit, IntervalDelay: int64(s.IntervalDelay), Start: s.Start}
	if s.End != "" {
		u.End = String(s.End)
	}
	if len(s.Days) > 0 {
		u.Days = s.Days
	}
	return u
}

// PaymentMethodDetails is a masked payment method as responses show it.
type PaymentMethodDetails struct {
	Type              string    `json:"type"`
	Number            string    `json:"number,omitempty"`
	Fingerprint       string    `json:"fingerprint,omitempty"`
	CardType          string    `json:"card_type,omitempty"`
	ExpMonth          FlexInt64 `json:"exp_month,omitempty"`
	ExpYear           FlexInt64 `json:"exp_year,omitempty"`
	Name              string    `json:"name,omitempty"`
	RoutingNumber     string    `json:"routing_number,omitempty"`
	AccountNumber     string    `json:"account_number,omitempty"`
	AccountType       string    `json:"account_type,omitempty"`
	AccountHolderType string    `json:"account_holder_type,omitempty"`
	BankName          string    `json:"bank_name,omitempty"`
}

// RecurringCharge is the recurring_charge object as returned.
type RecurringCharge struct {
	ID       string `json:"id"`
	Created  string `json:"created,omitempty"`
	Modified string `json:"modified,omitempty"`
	// SourceID is documented as write-only; it is decoded in case an API
	// version returns it (adoption after a lost create response uses it).
	SourceID         string                `json:"source_id,omitempty"`
	Status           string                `json:"status"`
	StatusReason     string                `json:"status_reason,omitempty"`
	AccountID        string                `json:"account_id"`
	Method           *PaymentMethodDetails `json:"method,omitempty"`
	Schedule         RecurringSchedule     `json:"schedule"`
	Description      string                `json:"description,omitempty"`
	Amount           FlexInt64             `json:"amount"`
	Currency         string                `json:"currency"`
	Reference        string                `json:"reference,omitempty"`
	MaxOccurrences   *FlexInt64            `json:"max_occurrences,omitempty"`
	MaxAmount        *FlexInt64            `json:"max_amount,omitempty"`
	TotalOccurrences FlexInt64             `json:"total_occurrences"`
	TotalAmount      FlexInt64             `json:"total_amount"`
	NextPayment      string                `json:"next_payment,omitempty"`
	Data             json.RawMessage       `json:"data,omitempty"`
	Occurrences      []RecurringOccurrence `json:"occurrences,omitempty"`
}

// DataJSON returns data as a JSON string, "" when absent or null.
func (r *RecurringCharge) DataJSON() string {
	d := bytes.TrimSpace(r.Data)
	if len(d) == 0 || string(d) == "null" {
		return ""
	}
	return string(d)
}

// RecurringChargeCreate is the POST /v1/recurring/charges body.
type RecurringChargeCreate struct {
	SourceID       string            `json:"source_id,omitempty"`
	AccountID      string            `json:"account_id,omitempty"`
	Method         string            `json:"method"`
	Amount         int64             `json:"amount"`
	Currency       string            `json:"currency,omitempty"`
	Description    string            `json:"description,omitempty"`
	Reference      string            `json:"reference,omitempty"`
	Schedule       RecurringSchedule `json:"schedule"`
	MaxOccurrences *int64            `json:"max_occurrences,omitempty"`
	MaxAmount      *int64            `json:"max_amount,omitempty"`
	Data           json.RawMessage   `json:"data,omitempty"`
}

// RecurringChargeUpdate is a PATCH body: only the fields that are set are
// sent. Each Clear* flag sends null for the field instead, which removes an
// optional value (description, reference, limits, data).
type RecurringChargeUpdate struct {
	Method         *string
	Amount         *int64
	Description    *string
	Reference      *string
	Schedule       *RecurringSchedule
	MaxOccurrences *int64
	MaxAmount      *int64
	Data           json.RawMessage

	ClearDescription    bool
	ClearReference      bool
	ClearMaxOccurrences bool
	ClearMaxAmount      bool
	ClearData           bool
}

// Body returns the JSON object to send; empty when nothing changes.
func (u RecurringChargeUpdate) Body() map[string]any {
	b := map[string]any{}
	if u.Method != nil {
		b["method"] = *u.Method
	}
	if u.Amount != nil {
		b["amount"] = *u.Amount
	}
	setOrClear := func(key string, v any, set, unset bool) {
		switch {
		case set:
			b[key] = v
		case unset:
			b[key] = nil
		}
	}
	setOrClear("description", deref(u.Description), u.Description != nil, u.ClearDescription)
	setOrClear("reference", deref(u.Reference), u.Reference != nil, u.ClearReference)
	setOrClear("max_occurrences", derefInt(u.MaxOccurrences), u.MaxOccurrences != nil, u.ClearMaxOccurrences)
	setOrClear("max_amount", derefInt(u.MaxAmount), u.MaxAmount != nil, u.ClearMaxAmount)
	setOrClear("data", u.Data, len(u.Data) > 0, u.ClearData)
	if u.Schedule != nil {
		b["schedule"] = toScheduleUpdate(*u.Schedule)
	}
	return b
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func derefInt(n *int64) int64 {
	if n == nil {
		return 0
	}
	return *n
}

// RecurringOccurrence is a recurring_charge_occurrence.
type RecurringOccurrence struct {
	ID                string                  `json:"id"`
	RecurringChargeID string                  `json:"recurring_charge_id,omitempty"`
	Amount            FlexInt64               `json:"amount"`
	Status            string                  `json:"status"`
	DueDate           string                  `json:"due_date"`
	Attempts          FlexInt64               `json:"attempts"`
	LastAttempt       string                  `json:"last_attempt,omitempty"`
	Transactions      []OccurrenceTransaction `json:"transactions,omitempty"`
}

// OccurrenceTransaction is the part of a charge in an occurrence's
// transactions that the provider exposes.
type OccurrenceTransaction struct {
	ID       string    `json:"id"`
	Type     string    `json:"type,omitempty"`
	Status   string    `json:"status,omitempty"`
	Amount   FlexInt64 `json:"amount,omitempty"`
	Currency string    `json:"currency,omitempty"`
}

// RecurringProjectionRequest asks GET /v1/recurring/charges/schedule for a
// preview. The reference sends the amount, limits and schedule as a JSON
// body on the GET and the number of occurrences and start date as query
// parameters; the client does exactly that.
type RecurringProjectionRequest struct {
	Occurrences    int64  // 1..100; 0 = the API default (10)
	StartDate      string // yyyy-mm-dd; "" = the API default (tomorrow)
	Amount         int64
	MaxOccurrences *int64
	MaxAmount      *int64
	Schedule       RecurringSchedule
}

// RecurringProjection is a recurring_charge_projection.
type RecurringProjection struct {
	Amount               FlexInt64                       `json:"amount"`
	MaxOccurrences       *FlexInt64                      `json:"max_occurrences,omitempty"`
	MaxAmount            *FlexInt64                      `json:"max_amount,omitempty"`
	TotalOccurrences     FlexInt64                       `json:"total_occurrences"`
	TotalAmount          FlexInt64                       `json:"total_amount"`
	RemainingOccurrences *FlexInt64                      `json:"remaining_occurrences"`
	RemainingAmount      *FlexInt64                      `json:"remaining_amount"`
	Schedule             RecurringSchedule               `json:"schedule"`
	NextPayment          string                          `json:"next_payment,omitempty"`
	Occurrences          []RecurringProjectionOccurrence `json:"occurrences"`
}

// RecurringProjectionOccurrence is one projected payment.
type RecurringProjectionOccurrence struct {
	Amount  FlexInt64 `json:"amount"`
	DueDate string    `json:"due_date"`
}

// RecurringChargeFilter holds the list filters of GET /v1/recurring/charges.
type RecurringChargeFilter struct {
	AccountID string
	Status    string
	Reference string
	OrderBy   string
}

type recurringChargePage struct {
	Page         FlexInt64         `json:"page"`
	PageSize     FlexInt64         `json:"page_size"`
	TotalEntries FlexInt64         `json:"total_entries"`
	Results      []RecurringCharge `json:"results"`
}

type occurrencePage struct {
	Page         FlexInt64             `json:"page"`
	PageSize     FlexInt64             `json:"page_size"`
	TotalEntries FlexInt64             `json:"total_entries"`
	Results      []RecurringOccurrence `json:"results"`
}

const recurringChargesPath = "/v1/recurring/charges"

func recurringChargePath(id string) string {
	return recurringChargesPath + "/" + url.PathEscape(id)
}

// CreateRecurringCharge creates a recurring charge. The POST is retried
// after a lost response only when the body carries a source_id (a repeat is
// then answered with 409 resource_exists instead of a second charge; see
// FindRecurringChargeBySourceID).
func (c *Client) CreateRecurringCharge(ctx context.Context, in RecurringChargeCreate) (*RecurringCharge, error) {
	return doJSON[RecurringCharge](ctx, c, Request{Method: http.MethodPost, Path: recurringChargesPath, Auth: AuthSecretKey, Body: in, Idempotent: in.SourceID != ""})
}

// GetRecurringCharge returns one recurring charge.
func (c *Client) GetRecurringCharge(ctx context.Context, id string) (*RecurringCharge, error) {
	return doJSON[RecurringCharge](ctx, c, Request{Method: http.MethodGet, Path: recurringChargePath(id), Auth: AuthSecretKey})
}

// UpdateRecurringCharge PATCHes the fields set in u.
func (c *Client) UpdateRecurringCharge(ctx context.Context, id string, u RecurringChargeUpdate) (*RecurringCharge, error) {
	return doJSON[RecurringCharge](ctx, c, Request{Method: http.MethodPatch, Path: recurringChargePath(id), Auth: AuthSecretKey, Body: u.Body()})
}

// CancelRecurringCharge cancels a charge (status COMPLETED, status_reason
// user_canceled). Cancelling is naturally idempotent, so the POST may be
// retried after a lost response.
func (c *Client) CancelRecurringCharge(ctx context.Context, id string) (*RecurringCharge, error) {
	return doJSON[RecurringCharge](ctx, c, Request{Method: http.MethodPost, Path: recurringChargePath(id) + "/cancel", Auth: AuthSecretKey, Idempotent: true})
}

// DeleteRecurringCharge deletes a charge (status DELETED; it no longer
// appears in lists).
func (c *Client) DeleteRecurringCharge(ctx context.Context, id string) error {
	return c.Do(ctx, Request{Method: http.MethodDelete, Path: recurringChargePath(id), Auth: AuthSecretKey}, nil)
}

// ListRecurringCharges returns every recurring charge matching f, following
// all pages with the largest page size.
func (c *Client) ListRecurringCharges(ctx context.Context, f RecurringChargeFilter) ([]RecurringCharge, error) {
	q := url.Values{}
	if f.AccountID != "" {
		q.Set("account_id", f.AccountID)
	}
	if f.Status != "" {
		q.Set("status", f.Status)
	}
	if f.Reference != "" {
		q.Set("reference", f.Reference)
	}
	if f.OrderBy != "" {
		q.Set("order_by", f.OrderBy)
	}
	out := []RecurringCharge{}
	err := paginate(ctx, c, recurringChargesPath, q, func(raw []byte) (int, int64, error) {
		var page recurringChargePage
		if err := json.Unmarshal(raw, &page); err != nil {
			return 0, 0, err
		}
		if err := page.check(); err != nil {
			return 0, 0, err
		}
		out = append(out, page.Results...)
		return len(page.Results), int64(page.TotalEntries), nil
	})
	return out, err
}

// ListRecurringChargeOccurrences returns every occurrence of a charge, in
// the API's order (newest first), following all pages.
func (c *Client) ListRecurringChargeOccurrences(ctx context.Context, id string) ([]RecurringOccurrence, error) {
	out := []RecurringOccurrence{}
	err := paginate(ctx, c, recurringChargePath(id)+"/occurrences", url.Values{}, func(raw []byte) (int, int64, error) {
		var page occurrencePage
		if err := json.Unmarshal(raw, &page); err != nil {
			return 0, 0, err
		}
		if err := page.check(); err != nil {
			return 0, 0, err
		}
		out = append(out, page.Results...)
		return len(page.Results), int64(page.TotalEntries), nil
	})
	return out, err
}

// MaxListPages bounds every paged list (recurring charges, occurrences,
// contact searches) against a server that never signals the last page:
// 1,000 pages of 100, so at most 100,000 objects are ever collected.
const MaxListPages = 1000

// pageCapError is the error of a list that reached MaxListPages.
func pageCapError(path string, pageSize int) error {
	return fmt.Errorf("GET %s: the API still returned full pages after %d pages of %d results (the provider's page cap); "+
		"stopping rather than reading without end. Narrow the list with its filters", path, MaxListPages, pageSize)
}

// paginate GETs path page by page (page_size 100) until a short or empty
// page, or until total_entries results have been seen.
func paginate(ctx context.Context, c *Client, path string, q url.Values, decode func([]byte) (n int, total int64, err error)) error {
	var seen int64
	for page := 1; page <= MaxListPages; page++ {
		q.Set("page", strconv.Itoa(page))
		q.Set("page_size", strconv.Itoa(RecurringMaxPageSize))
		raw, err := doJSON[json.RawMessage](ctx, c, Request{Method: http.MethodGet, Path: path, Query: q, Auth: AuthSecretKey})
		if err != nil {
			return err
		}
		n, total, err := decode(*raw)
		if err != nil {
			return fmt.Errorf("decoding GET %s page %d: %w", path, page, err)
		}
		seen += int64(n)
		if n < RecurringMaxPageSize || (total > 0 && seen >= total) {
			return nil
		}
	}
	return pageCapError(path, RecurringMaxPageSize)
}

// PreviewRecurringCharge returns the projection of a schedule.
func (c *Client) PreviewRecurringCharge(ctx context.Context, in RecurringProjectionRequest) (*RecurringProjection, error) {
	q := url.Values{}
	if in.Occurrences > 0 {
		q.Set("occurrences", strconv.FormatInt(in.Occurrences, 10))
	}
	if in.StartDate != "" {
		q.Set("start_date", in.StartDate)
	}
	body := map[string]any{"amount": in.Amount, "schedule": in.Schedule}
	if in.MaxOccurrences != nil {
		body["max_occurrences"] = *in.MaxOccurrences
	}
	if in.MaxAmount != nil {
		body["max_amount"] = *in.MaxAmount
	}
	return doJSON[RecurringProjection](ctx, c, Request{Method: http.MethodGet, Path: recurringChargesPath + "/schedule", Query: q, Auth: AuthSecretKey, Body: body})
}
