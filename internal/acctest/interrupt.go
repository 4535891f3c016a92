package acctest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/client"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/sandbox"
)

// Helpers of the interrupt tests: a sandbox of their own behind a
// middleware that delays chosen requests (before the handler runs, as a
// slow network; or after it committed, as a slow reply) and reports when
// the first such request arrives or commits, and a real `terraform`
// process that the test signals.

// delayedSandbox is a sandbox on 127.0.0.1 whose requests matching match
// are delayed by before (request received, not yet processed) and after
// (processed and committed, reply not yet sent). The server goes on
// processing a request whose client went away, as a real API does.
type delayedSandbox struct {
	Srv    *sandbox.Server
	HTTP   *httptest.Server
	match  func(*http.Request) bool
	before atomic.Int64 // time.Duration
	after  atomic.Int64

	Arrived   chan struct{} // closed when the first matching request arrives
	Committed chan struct{} // closed when the first matching request committed
	arriveOne sync.Once
	commitOne sync.Once
	inFlight  atomic.Int64 // matching requests being served
}

func NewDelayedSandbox(t *testing.T, match func(*http.Request) bool, before, after time.Duration) *delayedSandbox {
	t.Helper()
	d := &delayedSandbox{
		Srv: sandbox.New(sandbox.Options{}), match: match,
		Arrived: make(chan struct{}), Committed: make(chan struct{}),
	}
	d.before.Store(int64(before))
	d.after.Store(int64(after))
	d.Srv.SetNow(RecurringTestNow)
	d.HTTP = httptest.NewServer(http.HandlerFunc(d.serve))
	t.Cleanup(d.HTTP.Close)
	return d
}

// undelay turns the delays off (for the re-apply).
func (d *delayedSandbox) Undelay() {
	d.before.Store(0)
	d.after.Store(0)
}

func (d *delayedSandbox) serve(w http.ResponseWriter, r *http.Request) {
	if !d.match(r) {
		d.Srv.ServeHTTP(w, r)
		return
	}
	d.inFlight.Add(1)
	defer d.inFlight.Add(-1)
	d.arriveOne.Do(func() { close(d.Arrived) })
	time.Sleep(time.Duration(d.before.Load()))
	rec := httptest.NewRecorder()
	d.Srv.ServeHTTP(rec, r)
	d.commitOne.Do(func() { close(d.Committed) })
	time.Sleep(time.Duration(d.after.Load()))
	for k, v := range rec.Header() {
		w.Header()[k] = v
	}
	w.WriteHeader(rec.Code)
	_, _ = w.Write(rec.Body.Bytes())
}

// settle waits (at most 10 s) until no delayed request is being served, so
// that what the API holds can be counted.
func (d *delayedSandbox) Settle(t *testing.T) {
	t.Helper()
	for end := time.Now().Add(10 * time.Second); d.inFlight.Load() > 0; {
		if time.Now().After(end) {
			t.Fatal("the sandbox is still serving delayed requests after 10s")
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// client returns an API client of this sandbox (for the assertions).
func (d *delayedSandbox) Client(t *testing.T) *client.Client {
	t.Helper()
	creds := sandbox.DefaultCredentials()
	c, err := client.New(client.Config{
		BaseURL: d.HTTP.URL, SecretKey: creds.TestSecretKey, AccessToken: creds.AccessToken,
		PublicKey: creds.PublicKey, Mode: client.ModeTest,
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// signalWorkspace is a directory with a configuration run by a real
// terraform process through dev_overrides, without TRACE logging.
type SignalWorkspace struct {
	T   *testing.T
	dir string
	Tf  string
	env []string
}

func NewSignalWorkspace(t *testing.T, config string) *SignalWorkspace {
	t.Helper()
	tf := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if tf == "" {
		var err error
		if tf, err = exec.LookPath("terraform"); err != nil {
			t.Skip("no terraform CLI (set TF_ACC_TERRAFORM_PATH)")
		}
	}
	bin := testAccProviderBinary(t)
	dir := t.TempDir()
	cliConfig := filepath.Join(dir, "dev.tfrc")
	writeFile(t, cliConfig, `provider_installation {
  dev_overrides {
    "`+CLIProviderHost(t, tf)+`/affinipay-terraform/affinipay" = "`+bin+`"
  }
  direct {}
}
`)
	writeFile(t, filepath.Join(dir, "main.tf"), `terraform {
  required_providers {
    affinipay = { source = "affinipay-terraform/affinipay" }
  }
}
`+config)
	env := []string{"TF_CLI_CONFIG_FILE=" + cliConfig, "TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1"}
	for _, kv := range os.Environ() {
		// The provider block says everything; no TF_LOG, no AFFINIPAY_*.
		if !strings.HasPrefix(kv, "TF_LOG") && !strings.HasPrefix(kv, "AFFINIPAY_") && !strings.HasPrefix(kv, "TF_CLI_CONFIG_FILE=") {
			env = append(env, kv)
		}
	}
	return &SignalWorkspace{T: t, dir: dir, Tf: tf, env: env}
}

func writeFile(t *testing.T, name, content string) {
	t.Helper()
	if err := os.WriteFile(name, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

func (w *SignalWorkspace) Command(args ...string) (*exec.Cmd, *bytes.Buffer) {
	cmd := exec.Command(w.Tf, append(args, "-no-color")...)
	cmd.Dir = w.dir
	cmd.Env = w.env
	var buf bytes.Buffer
	cmd.Stdout, cmd.Stderr = &buf, &buf
	return cmd, &buf
}

// run runs terraform to completion (bounded by a minute).
func (w *SignalWorkspace) Run(args ...string) {
	w.T.Helper()
	cmd, buf := w.Command(args...)
	if err := cmd.Start(); err != nil {
		w.T.Fatal(err)
	}
	if err := WaitBounded(cmd, time.Minute); err != nil {
		w.T.Fatalf("terraform %s: %v\n%s", strings.Join(args, " "), err, buf)
	}
}

// applyInterrupted starts `terraform apply`, sends sig to that process
// (only) once trigger is closed, and waits for it to exit. It returns the
// output and how long the process took to exit after the signal.
func (w *SignalWorkspace) ApplyInterrupted(trigger <-chan struct{}, sig syscall.Signal, extra ...string) (string, time.Duration) {
	w.T.Helper()
	cmd, buf := w.Command(append([]string{"apply", "-auto-approve", "-input=false"}, extra...)...)
	if err := cmd.Start(); err != nil {
		w.T.Fatal(err)
	}
	select {
	case <-trigger:
	case <-time.After(45 * time.Second):
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		w.T.Fatalf("the trigger never fired; terraform output:\n%s", buf)
	}
	sent := time.Now()
	if err := cmd.Process.Signal(sig); err != nil {
		w.T.Fatalf("signalling terraform (pid %d): %v", cmd.Process.Pid, err)
	}
	err := WaitBounded(cmd, time.Minute)
	took := time.Since(sent)
	if err == nil {
		w.T.Logf("the interrupted apply exited 0 (it may have finished before the signal was handled)")
	}
	return buf.String(), took
}

// waitBounded waits for cmd, killing it (by its own PID) after limit.
func WaitBounded(cmd *exec.Cmd, limit time.Duration) error {
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		return err
	case <-time.After(limit):
		_ = cmd.Process.Kill()
		waitErr := <-done
		return fmt.Errorf("terraform did not exit within %s; killed (%w)", limit, waitErr)
	}
}

// stateIDs returns the IDs of the resources of type typ in the
// workspace's state, and the IDs that are not (yet) API IDs.
func (w *SignalWorkspace) StateIDs(typ string) []string {
	w.T.Helper()
	b, err := os.ReadFile(filepath.Join(w.dir, "terraform.tfstate"))
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		w.T.Fatal(err)
	}
	var st struct {
		Resources []struct {
			Type      string `json:"type"`
			Instances []struct {
				Attributes map[string]any `json:"attributes"`
			} `json:"instances"`
		} `json:"resources"`
	}
	if err := json.Unmarshal(b, &st); err != nil {
		w.T.Fatal(err)
	}
	var ids []string
	for _, r := range st.Resources {
		if r.Type != typ {
			continue
		}
		for _, in := range r.Instances {
			id, _ := in.Attributes["id"].(string)
			ids = append(ids, id)
		}
	}
	return ids
}

// reconcile compares API objects (id → a key naming the configured object
// it stands for) with the IDs in state: orphans are API objects state does
// not track, missing are state IDs the API does not have, duplicates are
// API objects beyond the first for one key.
type reconcile struct {
	API, State, Orphans, Missing, Duplicates int
}

func CompareObjects(api map[string]string, state []string) reconcile {
	r := reconcile{API: len(api), State: len(state)}
	inState := map[string]bool{}
	for _, id := range state {
		inState[id] = true
		if _, ok := api[id]; !ok {
			r.Missing++
		}
	}
	perKey := map[string]int{}
	for id, key := range api {
		if !inState[id] {
			r.Orphans++
		}
		perKey[key]++
	}
	for _, n := range perKey {
		if n > 1 {
			r.Duplicates += n - 1
		}
	}
	return r
}

func (r reconcile) String() string {
	return fmt.Sprintf("API %d, state %d, duplicates %d, orphans %d, missing %d", r.API, r.State, r.Duplicates, r.Orphans, r.Missing)
}

// apiContacts returns the contacts at the API: id → first name.
func APIContacts(t *testing.T, c *client.Client) map[string]string {
	t.Helper()
	list, err := c.SearchContacts(context.Background(), client.ContactSearch{})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, x := range list {
		if !x.Deleted {
			out[x.ID] = x.FirstName
		}
	}
	return out
}

// apiActiveCharges returns the ACTIVE recurring charges: id → reference.
func APIActiveCharges(t *testing.T, c *client.Client) map[string]string {
	t.Helper()
	list, err := c.ListRecurringCharges(context.Background(), client.RecurringChargeFilter{Status: client.RecurringStatusActive})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, x := range list {
		out[x.ID] = x.Reference
	}
	return out
}

// Try runs terraform (bounded by two minutes) and returns its output and
// error, without failing the test.
func (w *SignalWorkspace) Try(args ...string) (string, error) {
	w.T.Helper()
	cmd, buf := w.Command(args...)
	if err := cmd.Start(); err != nil {
		w.T.Fatal(err)
	}
	err := WaitBounded(cmd, 2*time.Minute)
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		w.T.Fatalf("terraform %s: %v\n%s", strings.Join(args, " "), err, buf)
	}
	return buf.String(), err
}

// PlannedDestroys lists the resources a saved plan deletes or replaces.
func (w *SignalWorkspace) PlannedDestroys(planFile string) []string {
	w.T.Helper()
	cmd, buf := w.Command("show", "-json", planFile)
	cmd.Stderr = nil
	if err := cmd.Run(); err != nil {
		w.T.Fatalf("terraform show -json: %v\n%s", err, buf)
	}
	var plan struct {
		ResourceChanges []struct {
			Address string `json:"address"`
			Change  struct {
				Actions []string `json:"actions"`
			} `json:"change"`
		} `json:"resource_changes"`
	}
	raw := buf.String()
	if i := strings.IndexByte(raw, '{'); i > 0 {
		raw = raw[i:]
	}
	if err := json.Unmarshal([]byte(raw), &plan); err != nil {
		w.T.Fatalf("decoding the plan: %v\n%s", err, raw)
	}
	var out []string
	for _, rc := range plan.ResourceChanges {
		if slices.Contains(rc.Change.Actions, "delete") {
			out = append(out, rc.Address+" "+strings.Join(rc.Change.Actions, ","))
		}
	}
	return out
}
