package sandbox

import (
	"errors"
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// Admin endpoints under /_sandbox/: no auth, not counted in metrics, never
// faulted.
//
//	GET  /_sandbox/metrics  -> Metrics JSON
//	POST /_sandbox/reset    -> 204, restores the seeded state
//	GET  /_sandbox/faults   -> current Faults JSON
//	POST /_sandbox/faults   -> 204, replaces the faults ({} clears them)
//	GET  /_sandbox/fault-rules -> {"rules": [...], "hits": N}
//	POST /_sandbox/fault-rules {"rules": [FaultRule...]} -> 204, replaces
//	     the targeted fault rules (fault_rules.go; {} clears them)
//	GET  /_sandbox/clock, POST /_sandbox/clock (clock.go)
//	GET  /_sandbox/client-address, POST /_sandbox/client-address
//	     {"address": "203.0.113.7"} -> the apparent client address for the
//	     IP allow-list ({} returns to the connection's address)
//	POST /_sandbox/surcharge {"bank_account_id": ..., "surcharges": [...]}
//	     -> 204, a bank account's surcharge rates (surcharge.go)
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
	s.adminMux.HandleFunc("GET /_sandbox/fault-rules", func(w http.ResponseWriter, r *http.Request) {
		s.rules.mu.Lock()
		out := map[string]any{"rules": append([]FaultRule{}, s.rules.rules...), "hits": s.rules.hits}
		s.rules.mu.Unlock()
		writeJSON(w, http.StatusOK, out)
	})
	s.adminMux.HandleFunc("POST /_sandbox/fault-rules", s.postFaultRules)
	s.adminMux.HandleFunc("GET /_sandbox/clock", s.getClock)                    // clock.go
	s.adminMux.HandleFunc("POST /_sandbox/clock", s.postClock)                  // clock.go
	s.adminMux.HandleFunc("GET /_sandbox/client-address", s.getClientAddress)   // ip_allowlist.go
	s.adminMux.HandleFunc("POST /_sandbox/client-address", s.postClientAddress) // ip_allowlist.go
	s.adminMux.HandleFunc("POST /_sandbox/surcharge", s.postSurcharge)          // surcharge.go
}

// serveAdmin serves /_sandbox/*. The admin endpoints change what every
// client sees (reset, faults, clock, apparent client address), so they only
// answer requests addressed to a loopback host (Host header "localhost",
// "127.0.0.1", "[::1]", with or without a port); any other Host is 403
// not_authorized, e.g. a sandbox listening on 0.0.0.0 reached by name.
func (s *Server) serveAdmin(w http.ResponseWriter, r *http.Request) {
	if !loopbackHost(r.Host) {
		writeMessages(w, http.StatusForbidden, errorMessage("not_authorized", "The sandbox admin endpoints only answer requests addressed to a loopback host (localhost, 127.0.0.1, [::1])"))
		return
	}
	if _, pattern := s.adminMux.Handler(r); pattern == "" {
		serveUnmatched(s.adminMux, w, r)
		return
	}
	s.adminMux.ServeHTTP(w, r)
}

// loopbackHost reports whether a Host header names a loopback host.
func loopbackHost(host string) bool {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip, err := netip.ParseAddr(host)
	return err == nil && ip.IsLoopback()
}

func (s *Server) postFaults(w http.ResponseWriter, r *http.Request) {
	var f Faults
	if !readAdminJSON(w, r, "faults", &f) {
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

func (s *Server) postFaultRules(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Rules []FaultRule `json:"rules"`
	}
	if !readAdminJSON(w, r, "fault rules", &in) {
		return
	}
	if err := s.SetFaultRules(in.Rules); err != nil {
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
