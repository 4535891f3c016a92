package sandbox

import "net/http"

// statusRoutes: GET /status (no auth) returns the gateway status enumeration.
// The sandbox is always NORMAL.
func (s *Server) statusRoutes() {
	s.handle("GET /status", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"status": "NORMAL"})
	})
}
