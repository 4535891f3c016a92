package sandbox

import (
	"cmp"
	"slices"
)

// Metrics counts API requests (not /_sandbox/*) since New or the last Reset.
type Metrics struct {
	Total    int64            `json:"total"`
	Requests []RequestCount   `json:"requests"` // sorted by path, method, status
	Faults   map[string]int64 `json:"faults"`   // keys: latency, error_503, error_500, rate_limited, dropped_after_commit
	Panics   int64            `json:"panics"`   // handler panics recovered (answered 500 server_error)
}

// RequestCount is the number of requests with one method, path template
// (ServeMux pattern without the method, e.g. "/v1/ach-accounts/{id}", or
// "(unmatched)") and response status (0 = connection dropped).
type RequestCount struct {
	Method string `json:"method"`
	Path   string `json:"path"`
	Status int    `json:"status"`
	Count  int64  `json:"count"`
}

// Fault counter keys.
const (
	faultLatency      = "latency"
	fault503          = "error_503"
	fault500          = "error_500"
	faultRateLimited  = "rate_limited"
	faultDroppedAfter = "dropped_after_commit"
)

var faultKeys = []string{faultLatency, fault503, fault500, faultRateLimited, faultDroppedAfter}

type metricKey struct {
	method string
	path   string
	status int
}

type metricsState struct {
	panics int64
	total  int64
	counts map[metricKey]int64
	faults map[string]int64
}

func newMetricsState() metricsState {
	f := map[string]int64{}
	for _, k := range faultKeys {
		f[k] = 0
	}
	return metricsState{counts: map[metricKey]int64{}, faults: f}
}

func (s *Server) recordRequest(method, path string, status int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.metrics.total++
	s.metrics.counts[metricKey{method, path, status}]++
}

// recordPanic counts a recovered handler panic.
func (s *Server) recordPanic() {
	s = s.rootServer() // merchants.go: every merchant's panics count here
	s.mu.Lock()
	defer s.mu.Unlock()
	s.metrics.panics++
}

// Metrics returns a snapshot of the request and fault counters.
func (s *Server) Metrics() Metrics {
	s.mu.Lock()
	defer s.mu.Unlock()
	return snapshotMetrics(s.metrics, s.metrics.panics)
}

func snapshotMetrics(ms metricsState, panics int64) Metrics {
	m := Metrics{Total: ms.total, Requests: []RequestCount{}, Faults: map[string]int64{}, Panics: panics}
	for k, v := range ms.faults {
		m.Faults[k] = v
	}
	for k, v := range ms.counts {
		m.Requests = append(m.Requests, RequestCount{Method: k.method, Path: k.path, Status: k.status, Count: v})
	}
	slices.SortFunc(m.Requests, func(a, b RequestCount) int {
		return cmp.Or(cmp.Compare(a.Path, b.Path), cmp.Compare(a.Method, b.Method), cmp.Compare(a.Status, b.Status))
	})
	return m
}
