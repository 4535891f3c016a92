package sandbox

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
)

// Admin endpoints under /_sandbox/: no auth, not counted in metrics, never
// faulted.
//
//	GET  /_sandbox/metrics  -> Metrics JSON
//	POST /_sandbox/reset    -> 204, restores the seeded state
//	GET  /_sandbox/faults   -> current Faults JSON
//	POST /_sandbox/faults   -> 204, replaces the faults ({} clears them)
func (s *Server) adminRoutes() {
	s.adminMux.HandleFunc("GET /_sandbox/metrics", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, s.Metrics())
	})
	s.adminMux.HandleFunc("POST /_sandbox/reset", func(w http.ResponseWriter, r *http.Request) {
		s.Reset()
		w.WriteHeader(http.StatusNoContent)
	})
	s.adminMux.HandleFunc("GET /_sandbox/faults", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, s.currentFaults())
	})
	s.adminMux.HandleFunc("POST /_sandbox/faults", s.postFaults)
	s.adminMux.HandleFunc("GET /_sandbox/clock", s.getClock)   // clock.go
	s.adminMux.HandleFunc("POST /_sandbox/clock", s.postClock) // clock.go
}

func (s *Server) serveAdmin(w http.ResponseWriter, r *http.Request) {
	if _, pattern := s.adminMux.Handler(r); pattern == "" {
		serveUnmatched(s.adminMux, w, r)
		return
	}
	s.adminMux.ServeHTTP(w, r)
}

func (s *Server) postFaults(w http.ResponseWriter, r *http.Request) {
	raw, _, ok := readJSONBody(w, r)
	if !ok {
		return
	}
	var f Faults
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		m := malformedRequest()
		m.Message = "Unable to process faults JSON: " + err.Error()
		writeMessages(w, http.StatusBadRequest, m)
		return
	}
	if err := s.SetFaults(f); err != nil {
		var fe *FaultsError
		if errors.As(err, &fe) {
			writeInvalid(w, []Message{invalidData(fe.Field, subInvalid, fe.Message)})
			return
		}
		writeMessages(w, http.StatusInternalServerError, serverError())
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
