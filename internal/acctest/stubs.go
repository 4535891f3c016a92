package acctest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// stubContactAPI is a minimal Contact API on 127.0.0.1 for the tests of
// malformed replies and time bounds: it stores contacts (POST, GET by ID
// and by source_id, PATCH, DELETE) and answers GET /status, and lets a test
// replace the answer to any request with override, or stall it.
type stubContactAPI struct {
	t    *testing.T
	srv  *httptest.Server
	Mu   sync.Mutex
	ByID map[string]map[string]any
	seq  int

	// override, when it returns true, has answered the request.
	override func(w http.ResponseWriter, r *http.Request) bool
	requests map[string]int // "METHOD /path" → count

	// Times of the first overridden request and of the end of the last
	// one (its reply written, or the client gone).
	firstHit, lastEnd time.Time
}

func NewStubContactAPI(t *testing.T) *stubContactAPI {
	t.Helper()
	s := &stubContactAPI{t: t, ByID: map[string]map[string]any{}, requests: map[string]int{}}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.srv.Close)
	return s
}

// providerConfig is the provider block for this stub, with short retries.
func (s *stubContactAPI) ProviderConfig() string {
	return fmt.Sprintf(`provider "affinipay" {
  base_url     = %q
  access_token = "stub-access-token"
  secret_key   = "stub-secret-key"
  mode         = "test"
  max_retries  = 2
}
`, s.srv.URL)
}

func (s *stubContactAPI) SetOverride(f func(w http.ResponseWriter, r *http.Request) bool) {
	s.Mu.Lock()
	defer s.Mu.Unlock()
	s.override = f
	s.firstHit, s.lastEnd = time.Time{}, time.Time{}
}

func (s *stubContactAPI) Count(key string) int {
	s.Mu.Lock()
	defer s.Mu.Unlock()
	return s.requests[key]
}

// span is how long the overridden requests took, from the arrival of the
// first to the end of the last.
func (s *stubContactAPI) Span() time.Duration {
	s.Mu.Lock()
	defer s.Mu.Unlock()
	if s.firstHit.IsZero() {
		return 0
	}
	return s.lastEnd.Sub(s.firstHit)
}

func (s *stubContactAPI) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	r.Body = io.NopCloser(strings.NewReader(string(body)))
	key := r.Method + " " + r.URL.Path
	s.Mu.Lock()
	s.requests[key]++
	override := s.override
	s.Mu.Unlock()
	if override != nil {
		start := time.Now()
		handled := override(w, r)
		if handled {
			s.Mu.Lock()
			if s.firstHit.IsZero() || start.Before(s.firstHit) {
				s.firstHit = start
			}
			if now := time.Now(); now.After(s.lastEnd) {
				s.lastEnd = now
			}
			s.Mu.Unlock()
			return
		}
	}
	s.Mu.Lock()
	defer s.Mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	switch {
	case r.Method == http.MethodGet && r.URL.Path == "/status":
		_, _ = w.Write([]byte(`{"status":"NORMAL"}`))
	case r.Method == http.MethodPost && r.URL.Path == "/contacts":
		c := s.createLocked(body)
		if c == nil {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		w.WriteHeader(http.StatusCreated)
		_ = json.NewEncoder(w).Encode(c)
	case r.Method == http.MethodGet && r.URL.Path == "/contacts/source-id":
		for _, c := range s.ByID {
			if c["source_id"] == r.URL.Query().Get("id") {
				_ = json.NewEncoder(w).Encode(c)
				return
			}
		}
		stubNotFound(w)
	case strings.HasPrefix(r.URL.Path, "/contacts/"):
		id := strings.TrimPrefix(r.URL.Path, "/contacts/")
		c, ok := s.ByID[id]
		if !ok {
			stubNotFound(w)
			return
		}
		switch r.Method {
		case http.MethodGet:
			_ = json.NewEncoder(w).Encode(c)
		case http.MethodPatch:
			var p map[string]any
			_ = json.Unmarshal(body, &p)
			for k, v := range p {
				c[k] = v
			}
			_ = json.NewEncoder(w).Encode(c)
		case http.MethodDelete:
			delete(s.ByID, id)
			w.WriteHeader(http.StatusNoContent)
		}
	default:
		stubNotFound(w)
	}
}

// createLocked stores the contact of a POST body (nil if it is not JSON).
func (s *stubContactAPI) createLocked(body []byte) map[string]any {
	var c map[string]any
	if err := json.Unmarshal(body, &c); err != nil || c == nil {
		return nil
	}
	s.seq++
	id := fmt.Sprintf("p_stub%017d", s.seq)
	c["id"] = id
	s.ByID[id] = c
	return c
}

// create stores the contact of a POST body, as a committed create.
func (s *stubContactAPI) Create(r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	s.Mu.Lock()
	defer s.Mu.Unlock()
	s.createLocked(body)
}

// contacts returns the IDs of the stored contacts.
func (s *stubContactAPI) Contacts() []string {
	s.Mu.Lock()
	defer s.Mu.Unlock()
	var ids []string
	for id := range s.ByID {
		ids = append(ids, id)
	}
	return ids
}

func stubNotFound(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusNotFound)
	_, _ = w.Write([]byte(`{"messages":[{"code":"not_found","level":"error","message":"Not found"}]}`))
}

// stall holds a request until its client gives up (at most 30 s).
func Stall(_ http.ResponseWriter, r *http.Request) {
	select {
	case <-r.Context().Done():
	case <-time.After(30 * time.Second):
	}
}
