package sandbox

import (
	"net/http"
	"sync"
	"time"
)

// The sandbox clock. By default the sandbox runs on Options.Now (real time
// unless a test injects a clock). The clock can be pinned to an instant,
// which then stands still until it is moved again, so tests never depend on
// today's date:
//
//	POST /_sandbox/clock {"now":"2026-01-02T00:00:00Z"} -> pin the clock
//	POST /_sandbox/clock {"advance":"72h"}             -> move it forward
//	                                                       (from the current
//	                                                       time if not pinned)
//	POST /_sandbox/clock {}                            -> back to real time
//	GET  /_sandbox/clock                               -> {"now":..., "pinned":bool}
//
// Go code uses (*Server).SetNow. Moving the clock runs the recurring-charge
// processor up to the new date, so occurrences that fell due are attempted
// (PAID or FAILED) before the call returns. Reset returns to real time.

// sandboxClock is the pinned instant, guarded by its own mutex (nowUTC is
// called with and without s.mu held).
type sandboxClock struct {
	mu     sync.Mutex
	pinned *time.Time
}

// clockNow returns the pinned instant, or Options.Now.
func (s *Server) clockNow() time.Time {
	if p := s.pinnedAt(); p != nil {
		return *p
	}
	return s.now()
}

// SetNow pins the sandbox clock at t (the zero time returns to real time) and
// processes the recurring charges due by then.
func (s *Server) SetNow(t time.Time) {
	if t.IsZero() {
		s.setPinned(nil)
	} else {
		u := t.UTC()
		s.setPinned(&u)
	}
	for _, m := range s.merchantServers() { // merchants.go: every merchant's charges
		m.mu.Lock()
		m.processRecurringLocked()
		m.mu.Unlock()
	}
}

// Now returns the sandbox's current time (pinned or real).
func (s *Server) Now() time.Time { return s.nowUTC() }

func (s *Server) resetClock() { s.setPinned(nil) }

// pinnedAt returns the pinned instant, or nil for real time.
func (s *Server) pinnedAt() *time.Time {
	s.clock.mu.Lock()
	defer s.clock.mu.Unlock()
	return s.clock.pinned
}

func (s *Server) setPinned(t *time.Time) {
	s.clock.mu.Lock()
	defer s.clock.mu.Unlock()
	s.clock.pinned = t
}

type clockJSON struct {
	Now    string `json:"now"`
	Pinned bool   `json:"pinned"`
}

func (s *Server) clockJSON() clockJSON {
	pinned := s.pinnedAt() != nil
	return clockJSON{Now: formatTimestamp(s.nowUTC()), Pinned: pinned}
}

func (s *Server) getClock(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, s.clockJSON())
}

func (s *Server) postClock(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Now     *string `json:"now"`
		Advance *string `json:"advance"`
	}
	if !readAdminJSON(w, r, "clock", &body) {
		return
	}
	switch {
	case body.Now != nil && body.Advance != nil:
		writeInvalid(w, []Message{invalidData("advance", subInvalid, "send either now or advance, not both")})
		return
	case body.Now != nil:
		t, err := time.Parse(time.RFC3339Nano, *body.Now)
		if err != nil {
			writeInvalid(w, []Message{invalidData("now", subInvalid, `now must be an RFC 3339 timestamp such as "2026-01-02T00:00:00Z"`)})
			return
		}
		s.SetNow(t)
	case body.Advance != nil:
		d, err := time.ParseDuration(*body.Advance)
		if err != nil || d < 0 {
			writeInvalid(w, []Message{invalidData("advance", subInvalid, `advance must be a non-negative Go duration such as "72h"`)})
			return
		}
		s.SetNow(s.clockNow().Add(d))
	default:
		s.SetNow(time.Time{})
	}
	writeJSON(w, http.StatusOK, s.clockJSON())
}
