package sandbox

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"path"
	"strings"
	"sync"
	"time"
)

// FaultRule is a targeted, counted fault: it applies to the first Times
// requests (every one when Times is -1) whose method is Method and whose URL
// path matches Path (a path.Match pattern, such as
// "/contacts/*/payment-methods"), and says what happens to them. Rules
// model the failures a real payments API can show around its commit, which
// the random faults of Faults do not place precisely:
//
//   - Commit "before": the request is answered Status (or dropped) and
//     never handled: nothing is stored.
//   - Commit "after": the request is handled (its changes are stored),
//     then its reply is replaced by Status with Body, or the connection is
//     closed without a reply (Drop). A retry of the same request is
//     handled (and answered) normally once the rule's count is used up.
//   - Commit "later": the reply is replaced at once (Status/Body or Drop)
//     and the request is handled CommitDelayMS afterwards, as a slow
//     back end that commits after the client has given up.
//
// HoldMS holds the request that long before anything else (the client is
// left waiting, as on a slow back end), for a test to act while a write is
// in flight, such as interrupting Terraform.
//
// Status 0 with no Drop means 200. Body "" with an error status means the
// gateway's error shape for that status; any other Body is sent as is
// (for example "{}" or "null", a reply without an id).
type FaultRule struct {
	Method        string `json:"method"`
	Path          string `json:"path"`
	Times         int    `json:"times"`
	Commit        string `json:"commit"`
	Status        int    `json:"status,omitempty"`
	Body          string `json:"body,omitempty"`
	Drop          bool   `json:"drop,omitempty"`
	CommitDelayMS int    `json:"commit_delay_ms,omitempty"`
	HoldMS        int    `json:"hold_ms,omitempty"`
	// Reply, with Commit "after": send the handler's own reply instead of
	// replacing it (with HoldMS, a slow but successful write).
	Reply bool `json:"reply,omitempty"`
}

// Commit phases of a FaultRule.
const (
	CommitBefore = "before"
	CommitAfter  = "after"
	CommitLater  = "later"
)

// maxCommitDelayMS bounds CommitDelayMS (one minute).
const maxCommitDelayMS = 60_000

type faultRules struct {
	mu      sync.Mutex
	rules   []FaultRule
	pending sync.WaitGroup // delayed commits not yet handled
	hits    int64
}

func validateRule(r *FaultRule) error {
	r.Method = strings.ToUpper(strings.TrimSpace(r.Method))
	switch r.Method {
	case http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete:
	default:
		return &FaultsError{"rules.method", fmt.Sprintf("unsupported HTTP method %q", r.Method)}
	}
	if _, err := path.Match(r.Path, "/"); err != nil || !strings.HasPrefix(r.Path, "/") {
		return &FaultsError{"rules.path", fmt.Sprintf("%q is not a path pattern starting with /", r.Path)}
	}
	if r.Times == 0 || r.Times < -1 {
		return &FaultsError{"rules.times", fmt.Sprintf("must be -1 (every request) or at least 1, got %d", r.Times)}
	}
	switch r.Commit {
	case CommitBefore, CommitAfter, CommitLater:
	default:
		return &FaultsError{"rules.commit", fmt.Sprintf("must be %q, %q or %q, got %q", CommitBefore, CommitAfter, CommitLater, r.Commit)}
	}
	if r.Status != 0 && (r.Status < 100 || r.Status > 599) {
		return &FaultsError{"rules.status", fmt.Sprintf("must be an HTTP status, got %d", r.Status)}
	}
	if r.CommitDelayMS < 0 || r.CommitDelayMS > maxCommitDelayMS {
		return &FaultsError{"rules.commit_delay_ms", fmt.Sprintf("must be between 0 and %d, got %d", maxCommitDelayMS, r.CommitDelayMS)}
	}
	if r.HoldMS < 0 || r.HoldMS > maxCommitDelayMS {
		return &FaultsError{"rules.hold_ms", fmt.Sprintf("must be between 0 and %d, got %d", maxCommitDelayMS, r.HoldMS)}
	}
	if r.Reply && (r.Commit != CommitAfter || r.Drop || r.Status != 0 || r.Body != "") {
		return &FaultsError{"rules.reply", "reply keeps the handler's own reply: only with commit \"after\", and no status, body or drop"}
	}
	return nil
}

// SetFaultRules replaces the fault rules (nil clears them).
func (s *Server) SetFaultRules(rules []FaultRule) error {
	rules = append([]FaultRule(nil), rules...)
	for i := range rules {
		if err := validateRule(&rules[i]); err != nil {
			return err
		}
	}
	s.rules.mu.Lock()
	defer s.rules.mu.Unlock()
	s.rules.rules = rules
	return nil
}

// WaitDelayedCommits waits until every "later" commit has been handled.
func (s *Server) WaitDelayedCommits() { s.rules.pending.Wait() }

// FaultRuleHits is how many requests fault rules have applied to.
func (s *Server) FaultRuleHits() int64 {
	s.rules.mu.Lock()
	defer s.rules.mu.Unlock()
	return s.rules.hits
}

// takeRule returns the first rule matching r and counts its use.
func (s *Server) takeRule(r *http.Request) (FaultRule, bool) {
	s.rules.mu.Lock()
	defer s.rules.mu.Unlock()
	for i := range s.rules.rules {
		rule := &s.rules.rules[i]
		if rule.Times == 0 || rule.Method != r.Method {
			continue
		}
		if ok, _ := path.Match(rule.Path, r.URL.Path); !ok {
			continue
		}
		if rule.Times > 0 {
			rule.Times--
		}
		s.rules.hits++
		return *rule, true
	}
	return FaultRule{}, false
}

// faultReply writes the rule's replacement reply into buf.
func faultReply(buf *bufferedResponse, rule FaultRule) {
	status := rule.Status
	if status == 0 {
		status = http.StatusOK
	}
	if rule.Body != "" || status < 400 {
		buf.reset()
		buf.Header().Set("Content-Type", "application/json")
		buf.WriteHeader(status)
		_, _ = buf.Write([]byte(rule.Body))
		return
	}
	buf.reset()
	switch status {
	case http.StatusInternalServerError:
		writeMessages(buf, status, serverError())
	case http.StatusServiceUnavailable:
		writeMessages(buf, status, errorMessage("service_unavailable", "The service is temporarily unavailable"))
	default:
		writeMessages(buf, status, errorMessage("server_error", http.StatusText(status)))
	}
}

// serveRule serves a request a rule applies to, on target (the merchant
// the request's credential selects).
func (s *Server) serveRule(w http.ResponseWriter, r *http.Request, target *Server, pattern string, rule FaultRule) {
	if rule.HoldMS > 0 {
		holdRequest(r, time.Duration(rule.HoldMS)*time.Millisecond)
	}
	buf := newBufferedResponse()
	switch rule.Commit {
	case CommitAfter:
		target.dispatchRecovering(buf, r, pattern)
	case CommitLater:
		body, _ := io.ReadAll(io.LimitReader(r.Body, maxBodyBytes+1))
		later := r.Clone(context.Background())
		later.Body = io.NopCloser(bytes.NewReader(body))
		s.rules.pending.Add(1)
		time.AfterFunc(time.Duration(rule.CommitDelayMS)*time.Millisecond, func() {
			defer s.rules.pending.Done()
			target.dispatchRecovering(newBufferedResponse(), later, pattern)
		})
	}
	path := patternPath(pattern)
	if rule.Drop {
		s.recordRequest(r.Method, path, 0)
		dropConnection(w)
		return
	}
	if !rule.Reply {
		faultReply(buf, rule)
	}
	s.recordRequest(r.Method, path, buf.statusCode())
	buf.flushTo(w)
}
