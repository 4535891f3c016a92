package sandbox

// Recurring charges (reference "Recurring Charges", recurring_charge,
// recurring_charge_occurrence, recurring_charge_projection and schedule
// types), secret-key auth, per mode:
//
//	POST   /v1/recurring/charges                          create
//	GET    /v1/recurring/charges                          list (page, page_size, account_id, status, reference, order_by)
//	GET    /v1/recurring/charges/schedule                 preview (recurring_charge_projection)
//	GET    /v1/recurring/charges/{id}                     get
//	PUT    /v1/recurring/charges/{id}                     replace
//	PATCH  /v1/recurring/charges/{id}                     update
//	POST   /v1/recurring/charges/{id}/cancel              cancel (COMPLETED, user_canceled)
//	DELETE /v1/recurring/charges/{id}                     delete (DELETED)
//	GET    /v1/recurring/charges/{id}/occurrences         list occurrences (page, page_size)
//	GET    /v1/recurring/charges/{id}/occurrences/{oid}   get occurrence
//	POST   /v1/recurring/charges/{id}/occurrences/{oid}/pay
//	POST   /v1/recurring/charges/{id}/occurrences/{oid}/ignore
//
// Dates come from the schedule engine (internal/sandbox/schedule). "Today"
// is the UTC date of the sandbox clock (see clock.go); occurrences due on or
// before today are attempted whenever recurring-charge state is touched or
// the clock moves, oldest first, so the result is the same whether the
// clock jumps a month at once or a day at a time.
//
// Readings of the reference (each is also noted where it is implemented):
//
//   - source_id is write-only: it is never returned. A second create with a
//     source_id already used by a recurring charge of the same mode (in any
//     status, deleted included) is 409 resource_exists with context
//     "source_id". The check runs right after field validation and before the
//     payment method is resolved, so a retried create whose one-time token was
//     spent by the first attempt still gets the 409, not a 404 for the token.
//     Test and live mode are separate: a source_id used in one does not
//     conflict in the other (objects of the other mode are invisible).
//   - DELETE sets status DELETED. The charge then no longer appears in lists,
//     but GET /v1/recurring/charges/{id} still returns it with status
//     DELETED: the status enum documents DELETED ("The recurring charge has
//     been deleted"), which a client could otherwise never observe. Any later
//     PUT, PATCH, cancel, DELETE, pay or ignore is 422
//     unavailable_for_current_status.
//   - Cancel sets COMPLETED/user_canceled and keeps next_payment (the
//     documented cancel response still shows next_payment). Cancelling a
//     charge that is not ACTIVE is 422 unavailable_for_current_status.
//   - PATCH merges: absent keys keep their values, including inside schedule
//     (send "end": null or "days": null to remove them) and method (a method
//     object without number/account_number updates the details of the current
//     method, e.g. {"type":"card","exp_month":7,"exp_year":2025}; "type" is
//     required and must match). PUT replaces: amount, method and schedule are
//     required and omitted optional properties (description, reference,
//     max_occurrences, max_amount, data, schedule.end, schedule.days) are
//     cleared; currency defaults to USD again. account_id is read-only after
//     creation and ignored by updates, as is source_id.
//   - Updates are only possible while ACTIVE. The next payment is recomputed
//     from max(today, the day after the last attempted occurrence) with the
//     totals already consumed; none left is 422
//     update_results_in_no_occurrences. An update whose next payment is today
//     is accepted (first_occurrence_due_immediately is documented for
//     creation only) and that occurrence is attempted at once.
//   - total_occurrences/total_amount count every scheduled occurrence whose
//     due date has been reached (attempted, or ignored: max_occurrences and
//     max_amount "track scheduled payments, and not actual transactions").
//     A pre-paid occurrence counts when it is paid.
//   - Outcome of an attempt (deterministic): the test card and bank numbers of
//     the reference ("Test Card Numbers", "Test Bank Account Numbers") fail
//     with their documented codes, recognised by the last 4 digits of the card
//     number (routing number and account number for banks) since payment
//     methods from other areas are only known masked; a card expired before
//     the due date's month fails with card_expired; everything else is PAID
//     with an AUTHORIZED CHARGE transaction. The same rules apply in live mode.
//   - An occurrence that fails stays FAILED (no automatic retry); it can be
//     paid again with .../pay, which answers 200 with the occurrence whatever
//     the outcome (the failure is in the transaction's failure_code).
//   - Unknown payment method IDs (or IDs of the other mode) are 404
//     resource_not_found with context "PaymentMethod[id]"; unknown account IDs
//     404 with "Account[id]", as the reference's example context.
//   - The preview (GET .../schedule) takes the recurring charge definition as
//     a JSON body, exactly like the documented example (curl -X GET ... -d),
//     plus the documented query parameters occurrences (default 10, 1..100),
//     start_date (default tomorrow; occurrences are projected from it) and
//     start_date_charge (when true, start_date must be today and defaults to
//     today). total_occurrences and total_amount may be given in the body
//     (the projection type documents them, "The default is 0").
//   - List order_by accepts the scalar recurring_charge properties (id,
//     created, modified, status, status_reason, account_id, amount, currency,
//     description, reference, max_occurrences, max_amount, total_occurrences,
//     total_amount, next_payment), each optionally prefixed by + or -; any
//     other name is 422 search_failed. Ties keep creation order in the
//     direction of the default (-created). Nulls sort first ascending.

import (
	"encoding/json"
	"time"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/sandbox/schedule"
)

// Recurring charge and occurrence statuses.
const (
	rcActive    = "ACTIVE"
	rcCompleted = "COMPLETED"
	rcDeleted   = "DELETED"

	rcReasonComplete = "schedule_complete"
	rcReasonCanceled = "user_canceled"

	occPending = "PENDING"
	occPaid    = "PAID"
	occIgnored = "IGNORED"
	occFailed  = "FAILED"
)

const rcDateLayout = "2006-01-02"

func (s *Server) recurringRoutes() {
	s.handle("POST /v1/recurring/charges", s.secretKeyAuth(s.createRecurring))
	s.handle("GET /v1/recurring/charges", s.secretKeyAuth(s.listRecurring))
	s.handle("GET /v1/recurring/charges/schedule", s.secretKeyAuth(s.previewRecurring))
	s.handle("GET /v1/recurring/charges/{id}", s.secretKeyAuth(s.getRecurring))
	s.handle("PUT /v1/recurring/charges/{id}", s.secretKeyAuth(s.updateRecurring(true)))
	s.handle("PATCH /v1/recurring/charges/{id}", s.secretKeyAuth(s.updateRecurring(false)))
	s.handle("POST /v1/recurring/charges/{id}/cancel", s.secretKeyAuth(s.cancelRecurring))
	s.handle("DELETE /v1/recurring/charges/{id}", s.secretKeyAuth(s.deleteRecurring))
	s.handle("GET /v1/recurring/charges/{id}/occurrences", s.secretKeyAuth(s.listOccurrences))
	s.handle("GET /v1/recurring/charges/{id}/occurrences/{oid}", s.secretKeyAuth(s.getOccurrence))
	s.handle("POST /v1/recurring/charges/{id}/occurrences/{oid}/pay", s.secretKeyAuth(s.payOccurrence))
	s.handle("POST /v1/recurring/charges/{id}/occurrences/{oid}/ignore", s.secretKeyAuth(s.ignoreOccurrence))
}

// RecurringChargeCount returns how many recurring charges (any mode, any
// status, deleted included) were created with sourceID.
func (s *Server) RecurringChargeCount(sourceID string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, ch := range s.st.recurringCharges {
		if ch.SourceID == sourceID {
			n++
		}
	}
	return n
}

type recurringCharge struct {
	ID       string
	SourceID string
	Mode     mode
	seq      int
	Created  time.Time
	Modified time.Time

	Status       string
	StatusReason string
	AccountID    string
	Method       cbDetails
	Schedule     schedule.Schedule // dates normalised to yyyy-mm-dd
	Description  string
	Reference    string
	Amount       int64
	Currency     string

	MaxOccurrences *int
	MaxAmount      *int64

	TotalOccurrences int
	TotalAmount      int64
	NextPayment      string
	Data             json.RawMessage

	Occurrences []*rcOccurrence // in creation (= due date) order
}

type rcOccurrence struct {
	ID           string
	Created      time.Time
	Modified     time.Time
	Amount       int64
	Status       string
	DueDate      string
	Attempts     int
	LastAttempt  time.Time
	Transactions []map[string]any
	counted      bool // reached its due date or was paid: in the totals
}

func (ch *recurringCharge) limits() schedule.Limits {
	return schedule.Limits{Amount: ch.Amount, MaxOccurrences: ch.MaxOccurrences, MaxAmount: ch.MaxAmount}
}

// pending returns the scheduled occurrence not yet counted, if any.
func (ch *recurringCharge) pending() *rcOccurrence {
	if n := len(ch.Occurrences); n > 0 && !ch.Occurrences[n-1].counted {
		return ch.Occurrences[n-1]
	}
	return nil
}

// lastCountedDue is the due date of the last counted occurrence ("" if none).
func (ch *recurringCharge) lastCountedDue() string {
	for i := len(ch.Occurrences) - 1; i >= 0; i-- {
		if ch.Occurrences[i].counted {
			return ch.Occurrences[i].DueDate
		}
	}
	return ""
}

// ---------------------------------------------------------------------------
// JSON.

type rcScheduleJSON struct {
	IntervalUnit  string   `json:"interval_unit"`
	IntervalDelay int      `json:"interval_delay"`
	Start         string   `json:"start"`
	End           string   `json:"end,omitempty"`
	Days          []string `json:"days,omitempty"`
}

func rcSchedJSON(sc schedule.Schedule) rcScheduleJSON {
	return rcScheduleJSON{IntervalUnit: sc.IntervalUnit, IntervalDelay: sc.IntervalDelay, Start: sc.Start, End: sc.End, Days: sc.Days}
}

type recurringChargeJSON struct {
	ID               string             `json:"id"`
	Created          string             `json:"created"`
	Modified         string             `json:"modified"`
	Status           string             `json:"status"`
	StatusReason     string             `json:"status_reason,omitempty"`
	AccountID        string             `json:"account_id"`
	Method           map[string]any     `json:"method"`
	Schedule         rcScheduleJSON     `json:"schedule"`
	Description      string             `json:"description,omitempty"`
	Amount           int64              `json:"amount"`
	Currency         string             `json:"currency"`
	Reference        string             `json:"reference,omitempty"`
	MaxOccurrences   *int               `json:"max_occurrences,omitempty"`
	MaxAmount        *int64             `json:"max_amount,omitempty"`
	TotalOccurrences int                `json:"total_occurrences"`
	TotalAmount      int64              `json:"total_amount"`
	NextPayment      string             `json:"next_payment,omitempty"`
	Data             json.RawMessage    `json:"data,omitempty"`
	Occurrences      []rcOccurrenceJSON `json:"occurrences,omitempty"`
}

func (ch *recurringCharge) toJSON(withOccurrences bool) recurringChargeJSON {
	j := recurringChargeJSON{
		ID: ch.ID, Created: formatTimestamp(ch.Created), Modified: formatTimestamp(ch.Modified),
		Status: ch.Status, StatusReason: ch.StatusReason, AccountID: ch.AccountID,
		Method: ch.Method.masked(), Schedule: rcSchedJSON(ch.Schedule),
		Description: ch.Description, Amount: ch.Amount, Currency: ch.Currency, Reference: ch.Reference,
		MaxOccurrences: ch.MaxOccurrences, MaxAmount: ch.MaxAmount,
		TotalOccurrences: ch.TotalOccurrences, TotalAmount: ch.TotalAmount,
		NextPayment: ch.NextPayment, Data: ch.Data,
	}
	if withOccurrences {
		for _, o := range ch.Occurrences {
			j.Occurrences = append(j.Occurrences, o.toJSON(ch.ID))
		}
	}
	return j
}

type rcOccurrenceJSON struct {
	ID                string           `json:"id"`
	Created           string           `json:"created"`
	Modified          string           `json:"modified"`
	RecurringChargeID string           `json:"recurring_charge_id"`
	Amount            int64            `json:"amount"`
	Status            string           `json:"status"`
	DueDate           string           `json:"due_date"`
	Attempts          int              `json:"attempts"`
	LastAttempt       string           `json:"last_attempt,omitempty"`
	Transactions      []map[string]any `json:"transactions,omitempty"`
}

func (o *rcOccurrence) toJSON(chargeID string) rcOccurrenceJSON {
	j := rcOccurrenceJSON{
		ID: o.ID, Created: formatTimestamp(o.Created), Modified: formatTimestamp(o.Modified),
		RecurringChargeID: chargeID, Amount: o.Amount, Status: o.Status, DueDate: o.DueDate,
		Attempts: o.Attempts, Transactions: o.Transactions,
	}
	if !o.LastAttempt.IsZero() {
		j.LastAttempt = formatTimestamp(o.LastAttempt)
	}
	return j
}
