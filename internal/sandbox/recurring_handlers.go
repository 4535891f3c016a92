package sandbox

// Recurring charges: create, get, update (PUT/PATCH), cancel, delete.

import (
	"net/http"
	"strings"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/sandbox/schedule"
)

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
	r := &reader{obj: obj, msgs: &msgs}
	reported := map[string]bool{}
	cand := &recurringCharge{Mode: m}
	rcReadFields(r, cand, true, false, reported)
	accountID, _ := r.text("account_id")
	accountID = strings.TrimSpace(accountID)
	if r.has("source_id") {
		if v, ok := r.text("source_id"); ok {
			v = strings.TrimSpace(v)
			if len(v) > 255 {
				r.addf("source_id", subInvalidLength, "source_id cannot exceed 255 characters")
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
		r := &reader{obj: obj, msgs: &msgs}
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
