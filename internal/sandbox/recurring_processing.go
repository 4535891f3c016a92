package sandbox

// Recurring charges: attempting due occurrences and scheduling the next.

import (
	"strings"
	"time"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/sandbox/schedule"
)

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
