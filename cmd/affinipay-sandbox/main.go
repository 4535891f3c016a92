// Command affinipay-sandbox serves the in-memory AffiniPay API sandbox
// (internal/sandbox) over HTTP for local development and acceptance tests.
//
//	affinipay-sandbox -listen 127.0.0.1:8765 [-env-file PATH] [-seed N] [-merchants N] [-allow-non-loopback]
//
// Once listening it writes PATH (atomically: temp file + rename) with
//
//	export AFFINIPAY_BASE_URL=http://127.0.0.1:PORT
//	export AFFINIPAY_SECRET_KEY=<test secret key>
//	export AFFINIPAY_ACCESS_TOKEN=...
//	export AFFINIPAY_PUBLIC_KEY=...
//	export AFFINIPAY_CLIENT_ID=...
//	export AFFINIPAY_CLIENT_SECRET=...
//
// and with -merchants N > 1 the same six credentials of merchants 2..N as
// AFFINIPAY_MERCHANT_<n>_SECRET_KEY, ..._ACCESS_TOKEN, ..._PUBLIC_KEY,
// ..._CLIENT_ID, ..._CLIENT_SECRET and ..._LIVE_SECRET_KEY (merchant 1 is
// the unnumbered AFFINIPAY_* set).
//
// A stale PATH is removed at startup and PATH is removed again on shutdown,
// so a reader polling for it only ever sees the file of a live sandbox.
// Port 0 picks a free port. Each request is logged to stderr as
// "METHOD PATH STATUS DURATION" (no query strings, headers or bodies, so no
// credentials). SIGINT/SIGTERM shut the server down gracefully.
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/netip"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/sandbox"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stderr, nil); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			os.Exit(2)
		}
		fmt.Fprintln(os.Stderr, "affinipay-sandbox:", err)
		os.Exit(1)
	}
}

// run parses args and serves until ctx is done. ready, if not nil, is called
// with the base URL once the server is listening and the env file is written.
func run(ctx context.Context, args []string, stderr io.Writer, ready func(baseURL string)) error {
	fs := flag.NewFlagSet("affinipay-sandbox", flag.ContinueOnError)
	fs.SetOutput(stderr)
	listen := fs.String("listen", "127.0.0.1:8765", "address to listen on (host:port; port 0 picks a free port)")
	envFile := fs.String("env-file", "", "write shell export lines for AFFINIPAY_* variables to this file once listening")
	allowNonLoopback := fs.Bool("allow-non-loopback", false, "allow listening on a non-loopback address")
	seed := fs.Int64("seed", 1, "seed for deterministic IDs and faults")
	merchants := fs.Int("merchants", 1, fmt.Sprintf("number of merchants hosted (1..%d), each with its own credentials and data", sandbox.MaxMerchants))
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments: %v", fs.Args())
	}
	if *merchants < 1 || *merchants > sandbox.MaxMerchants {
		return fmt.Errorf("-merchants must be from 1 to %d, got %d", sandbox.MaxMerchants, *merchants)
	}
	if !*allowNonLoopback {
		if err := checkLoopback(*listen); err != nil {
			return err
		}
	}
	if *envFile != "" {
		if err := os.Remove(*envFile); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("removing stale env file: %w", err)
		}
	}

	ln, err := (&net.ListenConfig{}).Listen(context.Background(), "tcp", *listen)
	if err != nil {
		return err
	}
	baseURL := baseURLFor(ln.Addr())

	logger := log.New(stderr, "affinipay-sandbox: ", log.LstdFlags|log.Lmicroseconds)
	srv := &http.Server{
		Handler:           logRequests(sandbox.New(sandbox.Options{Seed: *seed, Merchants: *merchants}), logger),
		ReadHeaderTimeout: 10 * time.Second,
		ErrorLog:          logger,
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()

	shutdown := func() error {
		sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		err := srv.Shutdown(sctx)
		if *envFile != "" {
			_ = os.Remove(*envFile)
		}
		return err
	}

	if *envFile != "" {
		if err := writeEnvFile(*envFile, baseURL, *merchants); err != nil {
			_ = shutdown()
			return fmt.Errorf("writing env file: %w", err)
		}
	}
	logger.Printf("listening on %s", baseURL)
	if ready != nil {
		ready(baseURL)
	}

	select {
	case <-ctx.Done():
		logger.Printf("shutting down")
		return shutdown()
	case err := <-errc:
		_ = shutdown()
		return err
	}
}

// checkLoopback rejects listen addresses that are not loopback ("localhost",
// 127.0.0.0/8, ::1). An empty host (":8765") means all interfaces.
func checkLoopback(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("invalid -listen address %q: %w", addr, err)
	}
	if strings.EqualFold(host, "localhost") {
		return nil
	}
	if ip, err := netip.ParseAddr(host); err == nil && ip.IsLoopback() {
		return nil
	}
	return fmt.Errorf("refusing to listen on non-loopback address %q (the sandbox accepts fixed, public credentials); pass -allow-non-loopback to override", addr)
}

// baseURLFor builds the base URL; an unspecified address (0.0.0.0, ::) is
// reached through 127.0.0.1.
func baseURLFor(a net.Addr) string {
	ap, err := netip.ParseAddrPort(a.String())
	if err != nil {
		return "http://" + a.String()
	}
	if ap.Addr().IsUnspecified() {
		ap = netip.AddrPortFrom(netip.MustParseAddr("127.0.0.1"), ap.Port())
	}
	return "http://" + ap.String()
}

// envFileContent returns the export lines for baseURL.
func envFileContent(baseURL string) string {
	c := sandbox.DefaultCredentials()
	var b strings.Builder
	for _, kv := range [][2]string{
		{"AFFINIPAY_BASE_URL", baseURL},
		{"AFFINIPAY_SECRET_KEY", c.TestSecretKey},
		{"AFFINIPAY_ACCESS_TOKEN", c.AccessToken},
		{"AFFINIPAY_PUBLIC_KEY", c.PublicKey},
		{"AFFINIPAY_CLIENT_ID", c.ClientID},
		{"AFFINIPAY_CLIENT_SECRET", c.ClientSecret},
	} {
		fmt.Fprintf(&b, "export %s=%s\n", kv[0], kv[1])
	}
	return b.String()
}

// writeEnvFile writes the env file atomically (temp file in the same
// directory, then rename), mode 0600.
func writeEnvFile(path, baseURL string, merchants int) error {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer os.Remove(tmp) // no-op after a successful rename
	w := bufio.NewWriter(f)
	if _, err := w.WriteString(envFileContent(baseURL) + merchantsEnvContent(merchants)); err != nil {
		f.Close()
		return err
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// logRequests logs "METHOD PATH STATUS DURATION" for each request. Status 0
// means the sandbox dropped the connection (drop-after-commit fault).
func logRequests(h http.Handler, logger *log.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w}
		defer func() {
			status := rec.status
			if status == 0 && rec.wrote {
				status = http.StatusOK
			}
			logger.Printf("%s %s %d %s", r.Method, r.URL.Path, status, time.Since(start).Round(time.Microsecond))
		}()
		h.ServeHTTP(rec, r)
	})
}

// statusRecorder captures the status code; Unwrap lets
// http.ResponseController reach the connection (hijack for dropped
// responses, flush).
type statusRecorder struct {
	http.ResponseWriter
	status int
	wrote  bool
}

func (s *statusRecorder) WriteHeader(code int) {
	if s.status == 0 {
		s.status = code
	}
	s.wrote = true
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusRecorder) Write(p []byte) (int, error) {
	s.wrote = true
	return s.ResponseWriter.Write(p)
}

func (s *statusRecorder) Unwrap() http.ResponseWriter { return s.ResponseWriter }

// merchantsEnvContent returns the export lines of merchants 2..n.
func merchantsEnvContent(n int) string {
	var b strings.Builder
	for i := 2; i <= n; i++ {
		c := sandbox.MerchantCredentials(i)
		for _, kv := range [][2]string{
			{"SECRET_KEY", c.TestSecretKey},
			{"LIVE_SECRET_KEY", c.LiveSecretKey},
			{"ACCESS_TOKEN", c.AccessToken},
			{"PUBLIC_KEY", c.PublicKey},
			{"CLIENT_ID", c.ClientID},
			{"CLIENT_SECRET", c.ClientSecret},
		} {
			fmt.Fprintf(&b, "export AFFINIPAY_MERCHANT_%d_%s=%s\n", i, kv[0], kv[1])
		}
	}
	return b.String()
}
