package sandbox

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"sync"
	"testing"
	"time"
)

// fakeClock is a settable clock for Options.Now.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newFakeClock() *fakeClock {
	return &fakeClock{t: time.Date(2024, 3, 1, 12, 0, 0, 123_000_000, time.UTC)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

type env struct {
	t     *testing.T
	s     *Server
	ts    *httptest.Server
	clock *fakeClock
}

func newEnv(t *testing.T) *env {
	t.Helper()
	clock := newFakeClock()
	s := New(Options{Now: clock.Now, Seed: 42})
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	return &env{t: t, s: s, ts: ts, clock: clock}
}

// auth selects request credentials.
type auth struct {
	basicUser, basicPass string
	bearer               string
}

var (
	noAuth   = auth{}
	testKey  = auth{basicUser: TestSecretKey}
	liveKey  = auth{basicUser: LiveSecretKey}
	pubKey   = auth{basicUser: PublicKey}
	defToken = auth{bearer: AccessToken}
)

type response struct {
	status int
	header http.Header
	body   []byte
}

func (r response) json(t *testing.T, v any) {
	t.Helper()
	if err := json.Unmarshal(r.body, v); err != nil {
		t.Fatalf("decode %s: %v", r.body, err)
	}
}

func (r response) obj(t *testing.T) map[string]any {
	t.Helper()
	var m map[string]any
	r.json(t, &m)
	return m
}

// do sends a request. body: nil, string (raw JSON) or any value (marshaled).
// JSON bodies get Content-Type application/json.
func (e *env) do(method, path string, a auth, body any) response {
	e.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = bytes.NewBufferString(b)
	default:
		raw, err := json.Marshal(b)
		if err != nil {
			e.t.Fatal(err)
		}
		rd = bytes.NewReader(raw)
	}
	req, err := http.NewRequest(method, e.ts.URL+path, rd)
	if err != nil {
		e.t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	applyAuth(req, a)
	return e.send(req)
}

func applyAuth(req *http.Request, a auth) {
	if a.basicUser != "" {
		req.SetBasicAuth(a.basicUser, a.basicPass)
	}
	if a.bearer != "" {
		req.Header.Set("Authorization", "Bearer "+a.bearer)
	}
}

func (e *env) send(req *http.Request) response {
	e.t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		e.t.Fatal(err)
	}
	return response{status: resp.StatusCode, header: resp.Header, body: b}
}

// messages decodes a {"messages": [...]} body.
func (r response) messages(t *testing.T) []Message {
	t.Helper()
	var b struct {
		Messages []Message `json:"messages"`
	}
	r.json(t, &b)
	return b.Messages
}

// expectMessages checks status, Content-Type and the exact messages.
func expectMessages(t *testing.T, r response, status int, want ...Message) {
	t.Helper()
	if r.status != status {
		t.Fatalf("status = %d, want %d; body %s", r.status, status, r.body)
	}
	if ct := r.header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type = %q", ct)
	}
	got := r.messages(t)
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("messages =\n%+v\nwant\n%+v", got, want)
	}
}

// expectInvalid checks a 422 with one invalid_data message per wanted
// context/sub_code pair (messages themselves are free text).
func expectInvalid(t *testing.T, r response, want ...[2]string) {
	t.Helper()
	if r.status != http.StatusUnprocessableEntity {
		t.Fatalf("status = %d, want 422; body %s", r.status, r.body)
	}
	got := r.messages(t)
	if len(got) != len(want) {
		t.Fatalf("got %d messages, want %d: %s", len(got), len(want), r.body)
	}
	for i, m := range got {
		if m.Code != "invalid_data" || m.Level != "error" || m.Facility != "gateway" || m.Message == "" {
			t.Errorf("message %d has wrong shape: %+v", i, m)
		}
		if m.Context != want[i][0] || m.SubCode != want[i][1] {
			t.Errorf("message %d = %s/%s, want %s/%s (%s)", i, m.Context, m.SubCode, want[i][0], want[i][1], m.Message)
		}
	}
}

// merchant fetches GET /v1/merchant with a.
func (e *env) merchant(a auth) merchantJSON {
	e.t.Helper()
	r := e.do("GET", "/v1/merchant", a, nil)
	if r.status != 200 {
		e.t.Fatalf("GET /v1/merchant: %d %s", r.status, r.body)
	}
	var m merchantJSON
	r.json(e.t, &m)
	return m
}
