package sandbox

import (
	"net/http"
	"testing"
	"time"
)

func (e *env) contactCount() int {
	e.t.Helper()
	var page struct {
		TotalEntries int `json:"total_entries"`
	}
	e.do("GET", "/contacts", defToken, nil).json(e.t, &page)
	return page.TotalEntries
}

const ruleContact = `{"type":"person","first_name":"Rule","last_name":"Test","test_mode":true}`

// A rule that fails the request before the commit stores nothing; after
// the commit, the object is stored whatever the reply says; a later
// commit lands after the reply, once the delay has passed.
func TestFaultRulesCommitPhases(t *testing.T) {
	for _, tc := range []struct {
		rule       FaultRule
		wantStatus int
		wantStored int
	}{
		{FaultRule{Method: "POST", Path: "/contacts", Times: 1, Commit: CommitBefore, Status: 503}, 503, 0},
		{FaultRule{Method: "POST", Path: "/contacts", Times: 1, Commit: CommitAfter, Status: 500}, 500, 1},
		{FaultRule{Method: "POST", Path: "/contacts", Times: 1, Commit: CommitAfter, Status: 200, Body: "{}"}, 200, 1},
		{FaultRule{Method: "POST", Path: "/contacts", Times: 1, Commit: CommitLater, Status: 502, CommitDelayMS: 50}, 502, 1},
	} {
		t.Run(tc.rule.Commit+"/"+http.StatusText(tc.wantStatus), func(t *testing.T) {
			e := newEnv(t)
			before := e.contactCount()
			if err := e.s.SetFaultRules([]FaultRule{tc.rule}); err != nil {
				t.Fatal(err)
			}
			r := e.do("POST", "/contacts", defToken, ruleContact)
			if r.status != tc.wantStatus {
				t.Fatalf("status %d, want %d: %s", r.status, tc.wantStatus, r.body)
			}
			if tc.rule.Body != "" && string(r.body) != tc.rule.Body {
				t.Fatalf("body %q, want %q", r.body, tc.rule.Body)
			}
			if tc.rule.Commit == CommitLater {
				if got := e.contactCount() - before; got != 0 {
					t.Fatalf("the later commit landed at once: %d new contacts", got)
				}
				deadline := time.Now().Add(5 * time.Second)
				for e.contactCount()-before == 0 && time.Now().Before(deadline) {
					time.Sleep(10 * time.Millisecond)
				}
				e.s.WaitDelayedCommits()
			}
			if got := e.contactCount() - before; got != tc.wantStored {
				t.Fatalf("%d contacts stored, want %d", got, tc.wantStored)
			}
			// The count is used up: the next request is served normally.
			if r := e.do("POST", "/contacts", defToken, ruleContact); r.status != 200 && r.status != 201 {
				t.Fatalf("after the rule: status %d", r.status)
			}
			if e.s.FaultRuleHits() != 1 {
				t.Fatalf("hits %d, want 1", e.s.FaultRuleHits())
			}
		})
	}
}

func TestFaultRulesDropAfterCommitAndValidation(t *testing.T) {
	e := newEnv(t)
	if err := e.s.SetFaultRules([]FaultRule{{Method: "POST", Path: "/contacts", Times: 1, Commit: CommitAfter, Drop: true}}); err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest("POST", e.ts.URL+"/contacts", nil)
	if resp, err := http.DefaultClient.Do(req); err == nil {
		resp.Body.Close()
		t.Fatalf("want a dropped connection, got %d", resp.StatusCode)
	}
	for _, bad := range []FaultRule{
		{Method: "FETCH", Path: "/x", Times: 1, Commit: CommitAfter},
		{Method: "POST", Path: "x", Times: 1, Commit: CommitAfter},
		{Method: "POST", Path: "/x", Times: 0, Commit: CommitAfter},
		{Method: "POST", Path: "/x", Times: 1, Commit: "during"},
		{Method: "POST", Path: "/x", Times: 1, Commit: CommitLater, CommitDelayMS: maxCommitDelayMS + 1},
		{Method: "POST", Path: "/x", Times: 1, Commit: CommitAfter, HoldMS: -1},
		{Method: "POST", Path: "/x", Times: 1, Commit: CommitAfter, Reply: true, Status: 500},
		{Method: "POST", Path: "/x", Times: 1, Commit: CommitBefore, Reply: true},
	} {
		if err := e.s.SetFaultRules([]FaultRule{bad}); err == nil {
			t.Errorf("%+v accepted", bad)
		}
	}
	if r := e.do("POST", "/_sandbox/fault-rules", noAuth, `{"rules":[{"method":"POST","path":"/x","times":1,"commit":"soon"}]}`); r.status != http.StatusUnprocessableEntity {
		t.Errorf("admin accepted an invalid rule: %d", r.status)
	}
	if r := e.do("POST", "/_sandbox/fault-rules", noAuth, `{}`); r.status != 204 {
		t.Errorf("admin clear: %d", r.status)
	}
}

// A held write with its own reply: the client waits HoldMS, then gets the
// handler's reply, and the object is stored once.
func TestFaultRulesHoldKeepsReply(t *testing.T) {
	e := newEnv(t)
	before := e.contactCount()
	if err := e.s.SetFaultRules([]FaultRule{{Method: "POST", Path: "/contacts", Times: 1, Commit: CommitAfter, Reply: true, HoldMS: 80}}); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	r := e.do("POST", "/contacts", defToken, ruleContact)
	if took := time.Since(start); took < 80*time.Millisecond {
		t.Errorf("the request was answered after %v, want it held 80ms", took)
	}
	if r.status != 200 && r.status != 201 {
		t.Fatalf("status %d: %s", r.status, r.body)
	}
	if id, _ := r.obj(t)["id"].(string); id == "" {
		t.Errorf("the handler's reply was not kept: %s", r.body)
	}
	if got := e.contactCount() - before; got != 1 {
		t.Errorf("%d contacts stored, want 1", got)
	}
}
