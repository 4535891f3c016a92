package sandbox

import (
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"strings"
	"time"
)

// Faults configures fault injection for API requests (never /_sandbox/*).
//
// For each request whose method is in Methods (empty = all), in order:
//  1. sleep LatencyMS (counted as "latency");
//  2. every RateLimitEveryN-th such request gets 429 with Retry-After: 1 and
//     a rate_limited message (handler not run);
//  3. else with probability ErrorRate503 a 503 service_unavailable, else with
//     probability ErrorRate500 a 500 server_error (handler not run);
//  4. else the handler runs (state changes), and with probability
//     DropAfterCommitRate the connection is then closed without a response.
//
// Randomness comes from a math/rand PCG source seeded with Seed (0 = the
// server's seed), reset whenever faults are set. Each faulted request draws
// exactly three numbers (503, 500, drop) in that order, so a given
// configuration and request sequence always yields the same outcomes.
type Faults struct {
	LatencyMS           int      `json:"latency_ms"`
	ErrorRate503        float64  `json:"error_rate_503"`
	ErrorRate500        float64  `json:"error_rate_500"`
	RateLimitEveryN     int      `json:"rate_limit_every_n"`     // every Nth request gets 429 with Retry-After: 1
	DropAfterCommitRate float64  `json:"drop_after_commit_rate"` // handler runs (state changes), then the connection is closed with no response (hijack)
	Methods             []string `json:"methods"`                // methods faults apply to; empty = all
	Seed                int64    `json:"seed"`                   // deterministic RNG
}

// maxLatencyMS bounds LatencyMS (one minute).
const maxLatencyMS = 60_000

// FaultsError is returned by SetFaults for an invalid configuration.
type FaultsError struct {
	Field   string // JSON field name
	Message string
}

func (e *FaultsError) Error() string { return e.Field + ": " + e.Message }

type faultState struct {
	cfg     Faults
	rng     *rand.Rand
	n       int64 // faultable requests seen
	methods map[string]bool
}

func newFaultState(f Faults, serverSeed int64) faultState {
	seed := f.Seed
	if seed == 0 {
		seed = serverSeed
	}
	fs := faultState{cfg: f, rng: rand.New(rand.NewPCG(uint64(seed), 0x5eed_fa17))}
	if len(f.Methods) > 0 {
		fs.methods = map[string]bool{}
		for _, m := range f.Methods {
			fs.methods[m] = true
		}
	}
	return fs
}

func (f Faults) active() bool {
	return f.LatencyMS > 0 || f.ErrorRate503 > 0 || f.ErrorRate500 > 0 || f.RateLimitEveryN > 0 || f.DropAfterCommitRate > 0
}

func validateFaults(f *Faults) error {
	rates := []struct {
		name string
		v    float64
	}{{"error_rate_503", f.ErrorRate503}, {"error_rate_500", f.ErrorRate500}, {"drop_after_commit_rate", f.DropAfterCommitRate}}
	for _, r := range rates {
		if !(r.v >= 0 && r.v <= 1) {
			return &FaultsError{r.name, fmt.Sprintf("must be between 0 and 1, got %v", r.v)}
		}
	}
	if f.LatencyMS < 0 || f.LatencyMS > maxLatencyMS {
		return &FaultsError{"latency_ms", fmt.Sprintf("must be between 0 and %d, got %d", maxLatencyMS, f.LatencyMS)}
	}
	if f.RateLimitEveryN < 0 {
		return &FaultsError{"rate_limit_every_n", fmt.Sprintf("must be >= 0, got %d", f.RateLimitEveryN)}
	}
	methods := make([]string, 0, len(f.Methods))
	for _, m := range f.Methods {
		u := strings.ToUpper(strings.TrimSpace(m))
		switch u {
		case http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete, http.MethodOptions:
			methods = append(methods, u)
		default:
			return &FaultsError{"methods", fmt.Sprintf("unsupported HTTP method %q", m)}
		}
	}
	if len(methods) == 0 {
		methods = nil
	}
	f.Methods = methods
	return nil
}

// SetFaults replaces the fault configuration (the zero Faults disables
// faults) and restarts the fault RNG and the rate-limit counter.
func (s *Server) SetFaults(f Faults) error {
	f.Methods = append([]string(nil), f.Methods...)
	if err := validateFaults(&f); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = newFaultState(f, s.seed)
	return nil
}

// currentFaults returns a copy of the fault configuration.
func (s *Server) currentFaults() Faults {
	s.mu.Lock()
	defer s.mu.Unlock()
	f := s.faults.cfg
	f.Methods = append([]string{}, f.Methods...)
	return f
}

// faultDecision is what the pipeline must do to one request.
type faultDecision struct {
	latency     time.Duration
	rateLimited bool
	error503    bool
	error500    bool
	drop        bool
}

// decideFaults decides (and counts) the faults for one request.
func (s *Server) decideFaults(method string) faultDecision {
	s.mu.Lock()
	defer s.mu.Unlock()
	fs := &s.faults
	if !fs.cfg.active() || (fs.methods != nil && !fs.methods[method]) {
		return faultDecision{}
	}
	var d faultDecision
	fs.n++
	p503, p500, pDrop := fs.rng.Float64(), fs.rng.Float64(), fs.rng.Float64()
	if fs.cfg.LatencyMS > 0 {
		d.latency = time.Duration(fs.cfg.LatencyMS) * time.Millisecond
		s.metrics.faults[faultLatency]++
	}
	switch {
	case fs.cfg.RateLimitEveryN > 0 && fs.n%int64(fs.cfg.RateLimitEveryN) == 0:
		d.rateLimited = true
		s.metrics.faults[faultRateLimited]++
	case p503 < fs.cfg.ErrorRate503:
		d.error503 = true
		s.metrics.faults[fault503]++
	case p500 < fs.cfg.ErrorRate500:
		d.error500 = true
		s.metrics.faults[fault500]++
	case pDrop < fs.cfg.DropAfterCommitRate:
		d.drop = true
		s.metrics.faults[faultDroppedAfter]++
	}
	return d
}

// holdRequest waits d (the latency fault), ending early when the client
// gives up. The request body (up to maxBodyBytes+1) is read first and put
// back for the handler: net/http notices a client that went away, and
// cancels r.Context(), only once the body has been read to its end, so a
// request with a body (such as the GET of a schedule preview) would
// otherwise hold its connection, and httptest.Server.Close, for the whole
// latency after its client had stopped waiting.
func holdRequest(r *http.Request, d time.Duration) {
	if r.Body != nil && r.Body != http.NoBody {
		head, _ := io.ReadAll(io.LimitReader(r.Body, maxBodyBytes+1))
		r.Body = struct {
			io.Reader
			io.Closer
		}{io.MultiReader(bytes.NewReader(head), r.Body), r.Body}
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-r.Context().Done():
	}
}
