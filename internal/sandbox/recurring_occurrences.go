package sandbox

// Recurring charges: occurrence endpoints (list, get, pay, ignore).

import "net/http"

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
		now := s.nowUTC()
		o.Status = occIgnored
		o.Modified = now
		// Ignoring the pending occurrence of an active charge schedules the
		// next one and moves next_payment to it, as the reference's list
		// example shows (IGNORED 2016-02-01 followed by PENDING 2016-03-01,
		// :2858-2874). The ignored occurrence counts towards
		// max_occurrences/max_amount ("track scheduled payments").
		if !o.counted && ch.Status == rcActive {
			s.countAndScheduleLocked(ch, o, now)
		}
	}
	writeJSON(w, http.StatusOK, o.toJSON(ch.ID))
}
