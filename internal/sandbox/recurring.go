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
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"
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

// ---------------------------------------------------------------------------
// Reading the request body.

// rcReadSchedule reads the "schedule" object into *sc. merge (PATCH):
// absent keys keep their values; otherwise sc starts empty and start,
// interval_unit and interval_delay are required. reported collects the
// contexts already reported, whose schedule.Validate problems are dropped.
func rcReadSchedule(r cbReader, sc *schedule.Schedule, merge bool, reported map[string]bool) {
	if !r.has("schedule") && merge {
		return
	}
	o, ok := r.object("schedule")
	if !ok {
		if r.has("schedule") && !r.isNull("schedule") {
			reported["schedule"] = true // wrong type, reported by object
			return
		}
		r.add("schedule", subNotNull, "schedule is required")
		reported["schedule"] = true
		return
	}
	if !merge {
		*sc = schedule.Schedule{}
	}
	c := r.child("schedule", o)
	required := func(key string) bool {
		if c.isNull(key) || (!c.has(key) && !merge) {
			c.add(key, subNotNull, key+" is required")
			reported["schedule."+key] = true
			return false
		}
		return c.has(key)
	}
	if required("start") {
		if v, ok := c.str("start"); ok {
			sc.Start = strings.TrimSpace(v)
		} else {
			reported["schedule.start"] = true
		}
	}
	if required("interval_unit") {
		if v, ok := c.str("interval_unit"); ok {
			sc.IntervalUnit = strings.TrimSpace(v)
		} else {
			reported["schedule.interval_unit"] = true
		}
	}
	if required("interval_delay") {
		if v, ok := c.integer("interval_delay"); ok {
			if v > 1<<31 {
				v = 1 << 31 // beyond any date range; keeps int arithmetic safe
			}
			sc.IntervalDelay = int(v)
		} else {
			reported["schedule.interval_delay"] = true
		}
	}
	if c.has("end") {
		if c.isNull("end") {
			sc.End = ""
		} else if v, ok := c.str("end"); ok {
			sc.End = strings.TrimSpace(v)
		} else {
			reported["schedule.end"] = true
		}
	}
	if c.has("days") {
		sc.Days = nil
		if !c.isNull("days") {
			var raw []json.RawMessage
			if err := json.Unmarshal(o["days"], &raw); err != nil {
				c.add("days", subInvalid, "days must be an array of strings")
				reported["schedule.days"] = true
			} else {
				for _, e := range raw {
					var sv string
					var nv json.Number
					switch {
					case json.Unmarshal(e, &sv) == nil:
						sc.Days = append(sc.Days, sv)
					case json.Unmarshal(e, &nv) == nil:
						// Lenient like numeric strings elsewhere: 5 means "5".
						sc.Days = append(sc.Days, nv.String())
					default:
						c.add("days", subInvalid, "days must be an array of strings")
						reported["schedule.days"] = true
					}
				}
			}
		}
	}
}

// rcReadLimit reads max_occurrences or max_amount: null clears, absent keeps.
func rcReadLimit(r cbReader, key string) (v int64, set, cleared bool) {
	if !r.has(key) {
		return 0, false, false
	}
	if r.isNull(key) {
		return 0, false, true
	}
	n, ok := r.integer(key)
	return n, ok, false
}

// rcValidate runs schedule.Validate and converts its problems to
// messages, dropping those for contexts already reported.
func rcValidate(sc schedule.Schedule, l schedule.Limits, reported map[string]bool) []Message {
	var msgs []Message
	for _, p := range schedule.Validate(sc, l) {
		if reported[p.Context] || (reported["schedule"] && strings.HasPrefix(p.Context, "schedule.")) {
			continue
		}
		msgs = append(msgs, invalidData(p.Context, p.SubCode, p.Message))
	}
	return msgs
}

// rcNormalize rewrites yyyy-m-d dates as yyyy-mm-dd (after validation).
func rcNormalize(sc *schedule.Schedule) {
	if d, err := schedule.NormalizeDate(sc.Start); err == nil {
		sc.Start = d
	}
	if sc.End != "" {
		if d, err := schedule.NormalizeDate(sc.End); err == nil {
			sc.End = d
		}
	}
}

// rcMethodInput is the `method` of a create/update request.
type rcMethodInput struct {
	present bool
	id      string     // a method ID to resolve
	details *cbDetails // inline or patched details
	codes   []Message  // non-field errors of inline details (card_number_invalid, card_expired)
}

// rcReadMethod reads `method`: an ID string, full card/bank details, or (PATCH,
// current != nil) a partial update of the current details.
func rcReadMethod(r cbReader, current *cbDetails, today time.Time) rcMethodInput {
	in := rcMethodInput{present: r.has("method") && !r.isNull("method")}
	if !in.present {
		return in
	}
	raw := bytes.TrimSpace(r.obj["method"])
	if len(raw) > 0 && raw[0] == '"' {
		id, _ := r.str("method")
		if isBlank(id) {
			r.add("method", subNotBlank, "method cannot be blank")
		}
		in.id = strings.TrimSpace(id)
		return in
	}
	o, ok := r.object("method")
	if !ok {
		return in
	}
	c := r.child("method", o)
	typ, ok := c.str("type")
	if !ok {
		if !c.has("type") || c.isNull("type") {
			c.add("type", subNotNull, "method.type is required (card or bank)")
		}
		return in
	}
	if typ != "card" && typ != "bank" {
		c.add("type", subInvalid, "method.type must be card or bank")
		return in
	}
	full := current == nil || (typ == "card" && c.has("number")) || (typ == "bank" && c.has("account_number"))
	if full {
		var d cbDetails
		if typ == "card" {
			d, in.codes = cbParseCard(c, today)
		} else {
			d = cbParseBank(c)
		}
		in.details = &d
		return in
	}
	if current.Type != typ {
		c.add("type", subInvalid, fmt.Sprintf("the recurring charge's method is a %s; to switch to a %s send complete details or a payment method ID", current.Type, typ))
		return in
	}
	d := *current
	if typ == "card" {
		m, y := cbReadExpiry(c, false)
		if m != 0 {
			d.ExpMonth = m
		}
		if y != 0 {
			d.ExpYear = y
		}
		c.optText("name", 255, &d.Name, nil)
	} else {
		if c.has("routing_number") {
			c.add("routing_number", subInvalid, "routing_number can only change together with account_number")
		}
		if at, ok := c.str("account_type"); ok {
			if at != "CHECKING" && at != "SAVINGS" {
				c.add("account_type", subInvalid, "account_type must be CHECKING or SAVINGS")
			} else {
				d.AccountType = at
			}
		}
		cbReadHolder(c, &d, true)
	}
	cbReadContact(c, &d)
	in.details = &d
	return in
}

// ---------------------------------------------------------------------------
// Handlers.

// rcWriteCode writes a 422 response with one error code.
func rcWriteCode(w http.ResponseWriter, code, msg string) {
	writeMessages(w, http.StatusUnprocessableEntity, errorMessage(code, msg))
}

// lookupRecurringLocked finds the charge of the request's mode or writes 404.
func (s *Server) lookupRecurringLocked(w http.ResponseWriter, r *http.Request) *recurringCharge {
	id := r.PathValue("id")
	for _, ch := range s.st.recurringCharges {
		if ch.ID == id && ch.Mode == modeOf(r) {
			return ch
		}
	}
	writeNotFound(w, "RecurringCharge", id)
	return nil
}

// rcReadFields applies the body's scalar fields to cand and reads the
// schedule. put: whole-object semantics; create: creation semantics.
func rcReadFields(r cbReader, cand *recurringCharge, create, put bool, reported map[string]bool) {
	replace := create || put
	if r.has("amount") || replace {
		if r.isNull("amount") || !r.has("amount") {
			r.add("amount", subNotNull, "amount is required")
			reported["amount"] = true
		} else if v, ok := r.integer("amount"); ok {
			cand.Amount = v
		} else {
			reported["amount"] = true
		}
	}
	if r.has("currency") {
		if r.isNull("currency") {
			cand.Currency = "USD"
		} else if v, ok := r.str("currency"); ok {
			v = strings.TrimSpace(v)
			if len(v) != 3 || strings.ToUpper(v) != v || !rcIsLetters(v) {
				r.add("currency", subInvalid, "currency must be a 3-letter ISO 4217 code such as USD")
			} else {
				cand.Currency = v
			}
		}
	} else if replace {
		cand.Currency = "USD" // "optional, defaults to USD"
	}
	if put {
		cand.Description, cand.Reference, cand.MaxOccurrences, cand.MaxAmount, cand.Data = "", "", nil, nil, nil
	}
	r.optText("description", 0, &cand.Description, nil)
	// reference is "set on each Charge", whose reference is limited to 128.
	r.optText("reference", 128, &cand.Reference, nil)
	if v, set, cleared := rcReadLimit(r, "max_occurrences"); cleared {
		cand.MaxOccurrences = nil
	} else if set {
		if v > 1<<31 {
			v = 1 << 31
		}
		n := int(v)
		cand.MaxOccurrences = &n
	}
	if v, set, cleared := rcReadLimit(r, "max_amount"); cleared {
		cand.MaxAmount = nil
	} else if set {
		cand.MaxAmount = &v
	}
	if r.has("data") {
		if r.isNull("data") {
			cand.Data = nil
		} else if o, ok := r.object("data"); ok {
			b, _ := json.Marshal(o)
			cand.Data = b
		}
	}
	rcReadSchedule(r, &cand.Schedule, !replace, reported)
}

func rcIsLetters(s string) bool {
	for _, c := range s {
		if (c < 'A' || c > 'Z') && (c < 'a' || c > 'z') {
			return false
		}
	}
	return true
}

// accountForLocked resolves the account for a method type: the given
// account_id (which must be of the right kind) or the mode's primary one.
// It returns the account ID and currency, or writes the error.
func (s *Server) accountForLocked(w http.ResponseWriter, m mode, accountID, methodType string) (string, string, bool) {
	if accountID != "" {
		if a := s.st.merchantAccount(accountID); a != nil && a.Mode == m {
			if methodType != "card" {
				rcWriteCode(w, "incorrect_payment_type", "Payment method type not supported by the target account")
				return "", "", false
			}
			return a.ID, a.Currency, s.accountUsableLocked(w, a.Status, a.RecurringChargesEnabled)
		}
		if a := s.st.achAccount(accountID); a != nil && a.Mode == m {
			if methodType != "bank" {
				rcWriteCode(w, "incorrect_payment_type", "Payment method type not supported by the target account")
				return "", "", false
			}
			return a.ID, a.Currency, s.accountUsableLocked(w, a.Status, a.RecurringChargesEnabled)
		}
		writeNotFound(w, "Account", accountID)
		return "", "", false
	}
	cards, achs := s.st.accountsByMode(m)
	if methodType == "card" {
		for _, a := range cards {
			if a.Primary {
				return a.ID, a.Currency, s.accountUsableLocked(w, a.Status, a.RecurringChargesEnabled)
			}
		}
	} else {
		for _, a := range achs {
			if a.Primary {
				return a.ID, a.Currency, s.accountUsableLocked(w, a.Status, a.RecurringChargesEnabled)
			}
		}
	}
	rcWriteCode(w, "no_account_for_payment_method", "Merchant does not have an account that supports the requested payment method")
	return "", "", false
}

func (s *Server) accountUsableLocked(w http.ResponseWriter, status string, recurringEnabled bool) bool {
	if status != "ACTIVE" {
		rcWriteCode(w, "account_not_active", "Account is not active")
		return false
	}
	if !recurringEnabled {
		rcWriteCode(w, "unavailable_for_merchant_policy", "Recurring charges are not enabled for this account")
		return false
	}
	return true
}

// cardTypeAccepted checks a card's type against the account's
// accepted_card_types ("*" or empty accepts any).
func (s *Server) cardTypeAcceptedLocked(accountID string, d cbDetails) bool {
	a := s.st.merchantAccount(accountID)
	if a == nil || d.Type != "card" || d.CardType == "" {
		return true
	}
	list := strings.TrimSpace(a.AcceptedCardTypes)
	if list == "" || list == "*" {
		return true
	}
	for _, t := range splitList(list) {
		if t == "*" || t == d.CardType {
			return true
		}
	}
	return false
}

// resolveMethodInputLocked turns a method input into details (without
// consuming a one-time token), or writes the error.
func (s *Server) resolveMethodInputLocked(w http.ResponseWriter, m mode, in rcMethodInput) (cbDetails, bool) {
	if in.details != nil {
		if len(in.codes) > 0 {
			writeMessages(w, http.StatusUnprocessableEntity, in.codes...)
			return cbDetails{}, false
		}
		return *in.details, true
	}
	cm, ok := s.resolveMethodLocked(in.id, false)
	if !ok || cm.Mode != m {
		writeNotFound(w, "PaymentMethod", in.id)
		return cbDetails{}, false
	}
	d := cbDetailsFromMasked(cm.Masked)
	if d.Type == "" {
		d.Type = cm.Type
	}
	return d, true
}

func (s *Server) createRecurring(w http.ResponseWriter, req *http.Request) {
	obj, ok := readJSONObject(w, req)
	if !ok {
		return
	}
	m := modeOf(req)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.processRecurringLocked()
	now := s.nowUTC()

	var msgs []Message
	r := cbReader{obj: obj, msgs: &msgs}
	reported := map[string]bool{}
	cand := &recurringCharge{Mode: m}
	rcReadFields(r, cand, true, false, reported)
	accountID, _ := r.str("account_id")
	accountID = strings.TrimSpace(accountID)
	if r.has("source_id") {
		if v, ok := r.str("source_id"); ok {
			v = strings.TrimSpace(v)
			if len(v) > 255 {
				r.add("source_id", subInvalidLength, "source_id cannot exceed 255 characters")
			}
			cand.SourceID = v
		}
	}
	mi := rcReadMethod(r, nil, now)
	msgs = append(msgs, rcValidate(cand.Schedule, cand.limits(), reported)...)
	if len(msgs) > 0 {
		writeInvalid(w, msgs)
		return
	}
	if cand.SourceID != "" {
		for _, ch := range s.st.recurringCharges {
			if ch.Mode == m && ch.SourceID == cand.SourceID {
				msg := errorMessage("resource_exists", "A recurring charge with this source_id already exists")
				msg.Context = "source_id"
				writeMessages(w, http.StatusConflict, msg)
				return
			}
		}
	}
	if !mi.present {
		rcWriteCode(w, "no_payment_method", "No payment method was specified")
		return
	}
	d, ok := s.resolveMethodInputLocked(w, m, mi)
	if !ok {
		return
	}
	acctID, currency, ok := s.accountForLocked(w, m, accountID, d.Type)
	if !ok {
		return
	}
	if !s.cardTypeAcceptedLocked(acctID, d) {
		rcWriteCode(w, "card_type_not_accepted", "Card type not accepted by the account")
		return
	}
	if cand.Currency != currency {
		rcWriteCode(w, "unsupported_currency", "The account does not support currency "+cand.Currency)
		return
	}
	first, code, err := schedule.CheckCreate(cand.Schedule, cand.limits(), now.Format(rcDateLayout))
	if err != nil {
		writeMessages(w, http.StatusInternalServerError, serverError())
		return
	}
	switch code {
	case schedule.CodeFirstOccurrenceDueImmediately:
		rcWriteCode(w, code, "The first occurrence of the schedule would be due today; start the schedule no sooner than tomorrow")
		return
	case schedule.CodeNoOccurrencesForSchedule:
		rcWriteCode(w, code, "The schedule results in no occurrences")
		return
	}
	if mi.id != "" {
		s.resolveMethodLocked(mi.id, true) // spend a one-time token
	}
	rcNormalize(&cand.Schedule)
	cand.ID = s.ids.gatewayID()
	cand.Created, cand.Modified = now, now
	cand.Status = rcActive
	cand.AccountID = acctID
	cand.Method = d
	s.st.recurringSeq++
	cand.seq = s.st.recurringSeq
	cand.Occurrences = []*rcOccurrence{{
		ID: s.ids.gatewayID(), Created: now, Modified: now,
		Amount: first.Amount, Status: occPending, DueDate: first.DueDate,
	}}
	cand.NextPayment = first.DueDate
	s.st.recurringCharges = append(s.st.recurringCharges, cand)
	writeJSON(w, http.StatusOK, cand.toJSON(true))
}

func (s *Server) getRecurring(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.processRecurringLocked()
	if ch := s.lookupRecurringLocked(w, r); ch != nil {
		writeJSON(w, http.StatusOK, ch.toJSON(false))
	}
}

func rcUnavailable(w http.ResponseWriter) {
	rcWriteCode(w, "unavailable_for_current_status", "The current status of the entity does not allow the requested operation")
}

func (s *Server) updateRecurring(put bool) http.HandlerFunc {
	return func(w http.ResponseWriter, req *http.Request) {
		obj, ok := readJSONObject(w, req)
		if !ok {
			return
		}
		m := modeOf(req)
		s.mu.Lock()
		defer s.mu.Unlock()
		s.processRecurringLocked()
		ch := s.lookupRecurringLocked(w, req)
		if ch == nil {
			return
		}
		if ch.Status != rcActive {
			rcUnavailable(w)
			return
		}
		now := s.nowUTC()
		var msgs []Message
		r := cbReader{obj: obj, msgs: &msgs}
		reported := map[string]bool{}
		cand := *ch
		rcReadFields(r, &cand, false, put, reported)
		var current *cbDetails
		if !put {
			current = &ch.Method
		}
		mi := rcReadMethod(r, current, now)
		msgs = append(msgs, rcValidate(cand.Schedule, cand.limits(), reported)...)
		if len(msgs) > 0 {
			writeInvalid(w, msgs)
			return
		}
		if put && !mi.present {
			rcWriteCode(w, "no_payment_method", "No payment method was specified")
			return
		}
		if mi.present {
			d, ok := s.resolveMethodInputLocked(w, m, mi)
			if !ok {
				return
			}
			isCardAccount := s.st.merchantAccount(ch.AccountID) != nil
			if (d.Type == "card") != isCardAccount {
				rcWriteCode(w, "incorrect_payment_type", "Payment method type not supported by the target account")
				return
			}
			if !s.cardTypeAcceptedLocked(ch.AccountID, d) {
				rcWriteCode(w, "card_type_not_accepted", "Card type not accepted by the account")
				return
			}
			cand.Method = d
		}
		currency := "USD"
		if a := s.st.merchantAccount(ch.AccountID); a != nil {
			currency = a.Currency
		} else if a := s.st.achAccount(ch.AccountID); a != nil {
			currency = a.Currency
		}
		if cand.Currency != currency {
			rcWriteCode(w, "unsupported_currency", "The account does not support currency "+cand.Currency)
			return
		}
		from := now.Format(rcDateLayout)
		if last := ch.lastCountedDue(); last != "" {
			if next, err := schedule.AddDays(last, 1); err == nil && next > from {
				from = next
			}
		}
		next, code, err := schedule.CheckUpdate(cand.Schedule, cand.limits(), from, cand.TotalOccurrences, cand.TotalAmount)
		if err != nil {
			writeMessages(w, http.StatusInternalServerError, serverError())
			return
		}
		if code != "" {
			rcWriteCode(w, code,
				"The update leaves no further occurrences of scheduled payments; cancel the recurring charge instead")
			return
		}
		if mi.present && mi.id != "" {
			s.resolveMethodLocked(mi.id, true)
		}
		rcNormalize(&cand.Schedule)
		occs := append([]*rcOccurrence(nil), ch.Occurrences...)
		if p := cand.pending(); p != nil {
			if p.DueDate != next.DueDate || p.Amount != next.Amount {
				cp := *p
				cp.DueDate, cp.Amount, cp.Modified = next.DueDate, next.Amount, now
				occs[len(occs)-1] = &cp
			}
		} else {
			occs = append(occs, &rcOccurrence{ID: s.ids.gatewayID(), Created: now, Modified: now,
				Amount: next.Amount, Status: occPending, DueDate: next.DueDate})
		}
		cand.Occurrences = occs
		cand.NextPayment = next.DueDate
		cand.Modified = now
		*ch = cand
		s.processRecurringLocked() // a next payment due today is attempted now
		writeJSON(w, http.StatusOK, ch.toJSON(false))
	}
}

func (s *Server) cancelRecurring(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.processRecurringLocked()
	ch := s.lookupRecurringLocked(w, r)
	if ch == nil {
		return
	}
	if ch.Status != rcActive {
		rcUnavailable(w)
		return
	}
	ch.Status, ch.StatusReason = rcCompleted, rcReasonCanceled
	ch.Modified = s.nowUTC()
	writeJSON(w, http.StatusOK, ch.toJSON(false))
}

func (s *Server) deleteRecurring(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.processRecurringLocked()
	ch := s.lookupRecurringLocked(w, r)
	if ch == nil {
		return
	}
	if ch.Status == rcDeleted {
		rcUnavailable(w)
		return
	}
	ch.Status = rcDeleted
	ch.Modified = s.nowUTC()
	writeJSON(w, http.StatusOK, ch.toJSON(false))
}

// rcOrderKeys are the properties order_by accepts.
var rcOrderKeys = map[string]func(ch *recurringCharge) any{
	"id":                func(ch *recurringCharge) any { return ch.ID },
	"created":           func(ch *recurringCharge) any { return ch.Created },
	"modified":          func(ch *recurringCharge) any { return ch.Modified },
	"status":            func(ch *recurringCharge) any { return ch.Status },
	"status_reason":     func(ch *recurringCharge) any { return ch.StatusReason },
	"account_id":        func(ch *recurringCharge) any { return ch.AccountID },
	"amount":            func(ch *recurringCharge) any { return ch.Amount },
	"currency":          func(ch *recurringCharge) any { return ch.Currency },
	"description":       func(ch *recurringCharge) any { return ch.Description },
	"reference":         func(ch *recurringCharge) any { return ch.Reference },
	"total_occurrences": func(ch *recurringCharge) any { return int64(ch.TotalOccurrences) },
	"total_amount":      func(ch *recurringCharge) any { return ch.TotalAmount },
	"next_payment":      func(ch *recurringCharge) any { return ch.NextPayment },
	"max_occurrences": func(ch *recurringCharge) any {
		if ch.MaxOccurrences == nil {
			return nil
		}
		return int64(*ch.MaxOccurrences)
	},
	"max_amount": func(ch *recurringCharge) any {
		if ch.MaxAmount == nil {
			return nil
		}
		return *ch.MaxAmount
	},
}

// rcCompare compares two values of the same property (nil first).
func rcCompare(a, b any) int {
	switch {
	case a == nil && b == nil:
		return 0
	case a == nil:
		return -1
	case b == nil:
		return 1
	}
	// Both values come from the same property, so b has a's type; a
	// mismatch (never expected) compares equal, like an unknown type.
	switch x := a.(type) {
	case string:
		y, ok := b.(string)
		if !ok {
			return 0
		}
		return strings.Compare(x, y)
	case int64:
		y, ok := b.(int64)
		if !ok {
			return 0
		}
		switch {
		case x < y:
			return -1
		case x > y:
			return 1
		}
		return 0
	case time.Time:
		y, ok := b.(time.Time)
		if !ok {
			return 0
		}
		return x.Compare(y)
	}
	return 0
}

type rcOrder struct {
	key  string
	desc bool
}

func rcParseOrderBy(v string) ([]rcOrder, bool) {
	var out []rcOrder
	for _, p := range strings.Split(v, ",") {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		o := rcOrder{}
		switch p[0] {
		case '-':
			o.desc, p = true, p[1:]
		case '+':
			p = p[1:]
		}
		p = strings.TrimSpace(p)
		if _, ok := rcOrderKeys[p]; !ok {
			return nil, false
		}
		o.key = p
		out = append(out, o)
	}
	return out, true
}

func (s *Server) listRecurring(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	page, size, msgs := cbParsePaging(q)
	status := q.Get("status")
	if status != "" && status != rcActive && status != rcCompleted {
		msgs = append(msgs, invalidData("status", subInvalid, "status must be ACTIVE or COMPLETED"))
	}
	if len(msgs) > 0 {
		writeInvalid(w, msgs)
		return
	}
	order := []rcOrder{{key: "created", desc: true}}
	if v := q.Get("order_by"); strings.TrimSpace(v) != "" {
		o, ok := rcParseOrderBy(v)
		if !ok {
			rcWriteCode(w, "search_failed",
				"The search could not be processed as defined: order_by accepts a comma-separated list of recurring charge properties, each optionally prefixed by + or -")
			return
		}
		if len(o) > 0 {
			order = o
		}
	}
	account, ref := q.Get("account_id"), q.Get("reference")
	m := modeOf(r)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.processRecurringLocked()
	var items []*recurringCharge
	for _, ch := range s.st.recurringCharges {
		if ch.Mode != m || ch.Status == rcDeleted ||
			(status != "" && ch.Status != status) ||
			(account != "" && ch.AccountID != account) ||
			(ref != "" && ch.Reference != ref) {
			continue
		}
		items = append(items, ch)
	}
	sort.SliceStable(items, func(i, j int) bool {
		for _, o := range order {
			c := rcCompare(rcOrderKeys[o.key](items[i]), rcOrderKeys[o.key](items[j]))
			if o.key == "created" && c == 0 {
				c = items[i].seq - items[j].seq
			}
			if c != 0 {
				if o.desc {
					return c > 0
				}
				return c < 0
			}
		}
		return items[i].seq > items[j].seq
	})
	results := make([]any, 0, size)
	for _, i := range cbPageSlice(len(items), page, size) {
		results = append(results, items[i].toJSON(false))
	}
	writeJSON(w, http.StatusOK, cbSearchResults{Page: page, PageSize: size, TotalEntries: len(items), Results: results})
}

// ---------------------------------------------------------------------------
// Preview.

type rcProjectionJSON struct {
	Amount               int64              `json:"amount"`
	MaxOccurrences       *int               `json:"max_occurrences,omitempty"`
	MaxAmount            *int64             `json:"max_amount,omitempty"`
	TotalOccurrences     int                `json:"total_occurrences"`
	TotalAmount          int64              `json:"total_amount"`
	RemainingOccurrences *int64             `json:"remaining_occurrences"`
	RemainingAmount      *int64             `json:"remaining_amount"`
	Schedule             rcScheduleJSON     `json:"schedule"`
	NextPayment          string             `json:"next_payment,omitempty"`
	Occurrences          []rcProjectionOccJ `json:"occurrences"`
}

type rcProjectionOccJ struct {
	Amount  int64  `json:"amount"`
	DueDate string `json:"due_date"`
}

func (s *Server) previewRecurring(w http.ResponseWriter, req *http.Request) {
	q := req.URL.Query()
	var msgs []Message
	n := 10
	if v := q.Get("occurrences"); v != "" {
		x, err := strconv.Atoi(strings.TrimSpace(v))
		switch {
		case err != nil:
			msgs = append(msgs, invalidData("occurrences", subInvalid, "occurrences must be an integer"))
		case x < 1:
			msgs = append(msgs, invalidData("occurrences", subBelowMinimum, "occurrences must be at least 1"))
		case x > 100:
			msgs = append(msgs, invalidData("occurrences", subExceedsMaximum, "occurrences cannot exceed 100"))
		default:
			n = x
		}
	}
	charge := false
	if v := q.Get("start_date_charge"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			msgs = append(msgs, invalidData("start_date_charge", subInvalid, "start_date_charge must be true or false"))
		}
		charge = b
	}
	today := s.nowUTC().Format(rcDateLayout)
	startDate, _ := schedule.AddDays(today, 1) // "The default is the next day."
	if charge {
		startDate = today
	}
	if v := q.Get("start_date"); v != "" {
		d, err := schedule.NormalizeDate(strings.TrimSpace(v))
		switch {
		case err != nil:
			msgs = append(msgs, invalidData("start_date", subInvalid, "start_date must be a date in the format YYYY-MM-DD"))
		case charge && d != today:
			msgs = append(msgs, invalidData("start_date", subInvalid, "with start_date_charge=true, start_date must be today ("+today+")"))
		default:
			startDate = d
		}
	}
	obj, ok := readJSONObject(w, req)
	if !ok {
		return
	}
	r := cbReader{obj: obj, msgs: &msgs}
	reported := map[string]bool{}
	cand := &recurringCharge{}
	if v, ok := r.integer("amount"); ok {
		cand.Amount = v
	} else if !r.has("amount") || r.isNull("amount") {
		r.add("amount", subNotNull, "amount is required")
		reported["amount"] = true
	} else {
		reported["amount"] = true
	}
	if v, set, _ := rcReadLimit(r, "max_occurrences"); set {
		if v > 1<<31 {
			v = 1 << 31
		}
		x := int(v)
		cand.MaxOccurrences = &x
	}
	if v, set, _ := rcReadLimit(r, "max_amount"); set {
		cand.MaxAmount = &v
	}
	var totalOcc, totalAmt int64
	for _, t := range []struct {
		key string
		dst *int64
	}{{"total_occurrences", &totalOcc}, {"total_amount", &totalAmt}} {
		if v, ok := r.integer(t.key); ok {
			if v < 0 {
				r.add(t.key, subBelowMinimum, t.key+" cannot be negative")
			} else {
				*t.dst = v
			}
		}
	}
	if totalOcc > 1<<31 {
		totalOcc = 1 << 31
	}
	rcReadSchedule(r, &cand.Schedule, false, reported)
	msgs = append(msgs, rcValidate(cand.Schedule, cand.limits(), reported)...)
	if len(msgs) > 0 {
		writeInvalid(w, msgs)
		return
	}
	p, err := schedule.Project(cand.Schedule, cand.limits(), startDate, int(totalOcc), totalAmt, n)
	if err != nil {
		writeMessages(w, http.StatusInternalServerError, serverError())
		return
	}
	rcNormalize(&cand.Schedule)
	out := rcProjectionJSON{
		Amount: cand.Amount, MaxOccurrences: cand.MaxOccurrences, MaxAmount: cand.MaxAmount,
		TotalOccurrences: int(totalOcc), TotalAmount: totalAmt,
		RemainingOccurrences: p.RemainingOccurrences, RemainingAmount: p.RemainingAmount,
		Schedule: rcSchedJSON(cand.Schedule), NextPayment: p.NextPayment,
		Occurrences: []rcProjectionOccJ{},
	}
	for _, o := range p.Occurrences {
		out.Occurrences = append(out.Occurrences, rcProjectionOccJ{Amount: o.Amount, DueDate: o.DueDate})
	}
	writeJSON(w, http.StatusOK, out)
}

// ---------------------------------------------------------------------------
// Occurrences.

func (s *Server) lookupOccurrenceLocked(w http.ResponseWriter, r *http.Request) (*recurringCharge, *rcOccurrence) {
	ch := s.lookupRecurringLocked(w, r)
	if ch == nil {
		return nil, nil
	}
	oid := r.PathValue("oid")
	for _, o := range ch.Occurrences {
		if o.ID == oid {
			return ch, o
		}
	}
	writeNotFound(w, "RecurringChargeOccurrence", oid)
	return nil, nil
}

func (s *Server) listOccurrences(w http.ResponseWriter, r *http.Request) {
	page, size, msgs := cbParsePaging(r.URL.Query())
	if len(msgs) > 0 {
		writeInvalid(w, msgs)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.processRecurringLocked()
	ch := s.lookupRecurringLocked(w, r)
	if ch == nil {
		return
	}
	// "Occurrences are returned in descending order of their creation".
	n := len(ch.Occurrences)
	results := make([]any, 0, size)
	for _, i := range cbPageSlice(n, page, size) {
		results = append(results, ch.Occurrences[n-1-i].toJSON(ch.ID))
	}
	writeJSON(w, http.StatusOK, cbSearchResults{Page: page, PageSize: size, TotalEntries: n, Results: results})
}

func (s *Server) getOccurrence(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.processRecurringLocked()
	if ch, o := s.lookupOccurrenceLocked(w, r); o != nil {
		writeJSON(w, http.StatusOK, o.toJSON(ch.ID))
	}
}

// payOccurrence pre-pays a pending occurrence or retries a failed or ignored
// one. A paid occurrence, any occurrence of a deleted charge and the
// not-yet-due occurrence of a charge that is no longer ACTIVE are 422
// unavailable_for_current_status.
func (s *Server) payOccurrence(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.processRecurringLocked()
	ch, o := s.lookupOccurrenceLocked(w, r)
	if o == nil {
		return
	}
	if ch.Status == rcDeleted || o.Status == occPaid || (!o.counted && ch.Status != rcActive) {
		rcUnavailable(w)
		return
	}
	now := s.nowUTC()
	s.attemptLocked(ch, o, now)
	if !o.counted {
		s.countAndScheduleLocked(ch, o, now)
	}
	ch.Modified = now
	writeJSON(w, http.StatusOK, o.toJSON(ch.ID))
}

func (s *Server) ignoreOccurrence(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.processRecurringLocked()
	ch, o := s.lookupOccurrenceLocked(w, r)
	if o == nil {
		return
	}
	if ch.Status == rcDeleted || o.Status == occPaid {
		rcUnavailable(w)
		return
	}
	if o.Status != occIgnored {
		o.Status = occIgnored
		o.Modified = s.nowUTC()
	}
	writeJSON(w, http.StatusOK, o.toJSON(ch.ID))
}

// ---------------------------------------------------------------------------
// Processing.

// processRecurringLocked attempts every occurrence of an ACTIVE charge that
// is due on or before today (oldest first), counting it and scheduling the
// next one, and completes charges whose schedule is exhausted.
func (s *Server) processRecurringLocked() {
	now := s.nowUTC()
	today := now.Format(rcDateLayout)
	for _, ch := range s.st.recurringCharges {
		for ch.Status == rcActive {
			p := ch.pending()
			if p == nil || p.DueDate > today {
				break
			}
			// The gateway attempts on the due date: stamp the attempt at
			// the start of that day, but never before the charge's last
			// change nor after now.
			at, _ := time.Parse(rcDateLayout, p.DueDate)
			if ch.Modified.After(at) {
				at = ch.Modified
			}
			if at.After(now) {
				at = now
			}
			if p.Status == occPending {
				s.attemptLocked(ch, p, at)
			}
			s.countAndScheduleLocked(ch, p, at)
		}
	}
}

// countAndScheduleLocked adds o to the totals and schedules the next
// occurrence after o's due date, or completes the charge.
func (s *Server) countAndScheduleLocked(ch *recurringCharge, o *rcOccurrence, at time.Time) {
	o.counted = true
	ch.TotalOccurrences++
	ch.TotalAmount += o.Amount
	ch.Modified = at
	from, err := schedule.AddDays(o.DueDate, 1)
	var next []schedule.Occurrence
	if err == nil {
		next, err = schedule.Occurrences(ch.Schedule, ch.limits(), from, ch.TotalOccurrences, ch.TotalAmount, 1)
	}
	if err != nil || len(next) == 0 {
		ch.Status, ch.StatusReason, ch.NextPayment = rcCompleted, rcReasonComplete, ""
		return
	}
	ch.Occurrences = append(ch.Occurrences, &rcOccurrence{
		ID: s.ids.gatewayID(), Created: at, Modified: at,
		Amount: next[0].Amount, Status: occPending, DueDate: next[0].DueDate,
	})
	ch.NextPayment = next[0].DueDate
}

// attemptLocked makes one collection attempt for o at time at.
func (s *Server) attemptLocked(ch *recurringCharge, o *rcOccurrence, at time.Time) {
	due, _ := time.Parse(rcDateLayout, o.DueDate)
	if at.After(due) {
		due = at
	}
	code := rcFailureCode(ch.Method, due)
	txn := map[string]any{
		"id":                             s.ids.gatewayID(),
		"created":                        formatTimestamp(at),
		"modified":                       formatTimestamp(at),
		"type":                           "CHARGE",
		"account_id":                     ch.AccountID,
		"auto_capture":                   true,
		"amount":                         o.Amount,
		"currency":                       ch.Currency,
		"method":                         ch.Method.masked(),
		"amount_refunded":                0,
		"recurring_charge_id":            ch.ID,
		"recurring_charge_occurrence_id": o.ID,
	}
	if ch.Reference != "" {
		txn["reference"] = ch.Reference
	}
	if len(ch.Data) > 0 {
		txn["data"] = ch.Data
	}
	if code == "" {
		txn["status"] = "AUTHORIZED"
		txn["authorization_code"] = strings.ToUpper(s.ids.alnum(6))
		o.Status = occPaid
	} else {
		txn["status"] = "FAILED"
		txn["failure_code"] = code
		o.Status = occFailed
	}
	o.Attempts++
	o.LastAttempt = at
	o.Modified = at
	o.Transactions = append(o.Transactions, txn)
}

// Failure codes of the reference's test numbers, keyed by the last 4 digits.
var (
	rcCardFailures = map[string]string{
		"0002": "card_declined",
		"0044": "card_declined_insufficient_funds",
		"0051": "card_declined_limit_exceeded",
		"0069": "card_expired",
		"0119": "card_declined_processing_error",
		"0127": "card_declined_hold",
		"4241": "card_number_invalid",
		"0135": "card_type_not_accepted",
		"7117": "card_processor_not_available", // 6011111111111117: 503 PROCESSOR NOT AVAILABLE
		"4444": "card_processing_error",        // 5555555555554444: 500 SERVER ERROR
	}
	rcBankFailures = map[string]string{
		"0001": "ach_declined",
		"0002": "ach_declined_hold",
		"0003": "ach_declined_duplicate",
		"0004": "ach_invalid_account_number",
		"0005": "ach_insufficient_funds",
		"0006": "ach_account_not_found",
		"0007": "ach_account_closed",
		"0008": "ach_account_frozen",
		"0009": "ach_limit_exceeded",
		"0011": "ach_processor_not_available",
		"0012": "ach_processing_error",
	}
)

func rcLastN(s string, n int) string {
	if len(s) < n {
		return s
	}
	return s[len(s)-n:]
}

// rcFailureCode is the deterministic outcome of charging d on day ("" = paid).
func rcFailureCode(d cbDetails, day time.Time) string {
	if d.Type == "card" {
		if c, ok := rcCardFailures[rcLastN(d.Number, 4)]; ok {
			return c
		}
		if cbCardExpiredOn(d.ExpMonth, d.ExpYear, day) {
			return "card_expired"
		}
		return ""
	}
	routing := rcLastN(d.RoutingNumber, 3)
	if routing == "001" {
		return "ach_invalid_routing_number"
	}
	if routing == "013" {
		return rcBankFailures[rcLastN(d.AccountNumber, 4)]
	}
	return ""
}
