package main

import (
	"bytes"
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/sandbox"
)

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func TestRunWritesEnvFileServesAndShutsDown(t *testing.T) {
	envPath := filepath.Join(t.TempDir(), "sandbox.env")
	if err := os.WriteFile(envPath, []byte("export AFFINIPAY_BASE_URL=stale\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var logs lockedBuffer
	readyc := make(chan string, 1)
	errc := make(chan error, 1)
	go func() {
		errc <- run(ctx, []string{"-listen", "127.0.0.1:0", "-env-file", envPath}, &logs, func(u string) { readyc <- u })
	}()
	var baseURL string
	select {
	case baseURL = <-readyc:
	case err := <-errc:
		t.Fatalf("run exited: %v", err)
	case <-time.After(10 * time.Second):
		t.Fatal("sandbox did not start")
	}

	raw, err := os.ReadFile(envPath)
	if err != nil {
		t.Fatal(err)
	}
	vars := map[string]string{}
	lines := strings.Split(strings.TrimSuffix(string(raw), "\n"), "\n")
	for _, line := range lines {
		kv, ok := strings.CutPrefix(line, "export ")
		k, v, ok2 := strings.Cut(kv, "=")
		if !ok || !ok2 {
			t.Fatalf("bad line %q", line)
		}
		vars[k] = v
	}
	c := sandbox.DefaultCredentials()
	want := map[string]string{
		"AFFINIPAY_BASE_URL":      baseURL,
		"AFFINIPAY_SECRET_KEY":    c.TestSecretKey,
		"AFFINIPAY_ACCESS_TOKEN":  c.AccessToken,
		"AFFINIPAY_PUBLIC_KEY":    c.PublicKey,
		"AFFINIPAY_CLIENT_ID":     c.ClientID,
		"AFFINIPAY_CLIENT_SECRET": c.ClientSecret,
	}
	if len(lines) != 6 || len(vars) != 6 {
		t.Fatalf("env file:\n%s", raw)
	}
	for k, v := range want {
		if vars[k] != v {
			t.Errorf("%s = %q, want %q", k, vars[k], v)
		}
	}
	if !strings.HasPrefix(baseURL, "http://127.0.0.1:") || strings.HasSuffix(baseURL, ":0") {
		t.Errorf("base URL %q", baseURL)
	}

	req, _ := http.NewRequest("GET", vars["AFFINIPAY_BASE_URL"]+"/v1/merchant?x=1", nil)
	req.SetBasicAuth(vars["AFFINIPAY_SECRET_KEY"], "")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("GET /v1/merchant = %d", resp.StatusCode)
	}

	cancel()
	select {
	case err := <-errc:
		if err != nil {
			t.Fatalf("run: %v", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("no graceful shutdown")
	}
	if _, err := os.Stat(envPath); !os.IsNotExist(err) {
		t.Errorf("env file left behind after shutdown: %v", err)
	}
	out := logs.String()
	if !strings.Contains(out, "GET /v1/merchant 200 ") {
		t.Errorf("request not logged:\n%s", out)
	}
	for _, secret := range []string{c.TestSecretKey, c.AccessToken, c.ClientSecret, "x=1"} {
		if strings.Contains(out, secret) {
			t.Errorf("log contains %q", secret)
		}
	}
}

func TestRunRefusesNonLoopback(t *testing.T) {
	for _, addr := range []string{"0.0.0.0:0", ":0", "192.0.2.1:0", "example.com:80"} {
		var logs lockedBuffer
		err := run(context.Background(), []string{"-listen", addr}, &logs, nil)
		if err == nil || !strings.Contains(err.Error(), "non-loopback") {
			t.Errorf("%s: err = %v", addr, err)
		}
	}
	for _, addr := range []string{"127.0.0.1:1", "localhost:1", "[::1]:1"} {
		if err := checkLoopback(addr); err != nil {
			t.Errorf("%s rejected: %v", addr, err)
		}
	}
}

func TestEnvFileContent(t *testing.T) {
	got := envFileContent("http://127.0.0.1:1234")
	if !strings.HasPrefix(got, "export AFFINIPAY_BASE_URL=http://127.0.0.1:1234\nexport AFFINIPAY_SECRET_KEY="+sandbox.TestSecretKey+"\n") {
		t.Fatalf("content:\n%s", got)
	}
}

func TestMerchantsEnvContent(t *testing.T) {
	if got := merchantsEnvContent(1); got != "" {
		t.Errorf("one merchant adds lines: %q", got)
	}
	got := merchantsEnvContent(3)
	c3 := sandbox.MerchantCredentials(3)
	for _, want := range []string{
		"export AFFINIPAY_MERCHANT_2_SECRET_KEY=" + sandbox.MerchantCredentials(2).TestSecretKey + "\n",
		"export AFFINIPAY_MERCHANT_3_ACCESS_TOKEN=" + c3.AccessToken + "\n",
		"export AFFINIPAY_MERCHANT_3_CLIENT_SECRET=" + c3.ClientSecret + "\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in\n%s", want, got)
		}
	}
	if n := strings.Count(got, "\n"); n != 12 {
		t.Errorf("%d lines, want 12", n)
	}
	var logs lockedBuffer
	if err := run(context.Background(), []string{"-merchants", "0"}, &logs, nil); err == nil {
		t.Error("-merchants 0 accepted")
	}
}
