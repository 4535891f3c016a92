package client

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/base64"
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// retryPolicy is capped exponential backoff with jitter. A server-given
// Retry-After replaces the backoff. Waiting never outlives the request's
// context: when its deadline would pass first, the retry is abandoned at
// once (a Retry-After that does not fit fails with *RetryAfterError).
type retryPolicy struct {
	max     int
	waitMin time.Duration
	waitMax time.Duration
}

// backoff returns the wait before retry number attempt+1.
func (p retryPolicy) backoff(attempt int) time.Duration {
	d := p.waitMin << min(attempt, 30)
	if d <= 0 || d > p.waitMax {
		d = p.waitMax
	}
	// Jitter: somewhere in [d/2, d].
	half := d / 2
	return half + time.Duration(rand.Int64N(int64(half)+1))
}

func (p retryPolicy) wait(ctx context.Context, attempt int, retryAfter time.Duration) error {
	d := p.backoff(attempt)
	if retryAfter > 0 {
		d = retryAfter
	}
	if deadline, ok := ctx.Deadline(); ok {
		if remaining := time.Until(deadline); remaining < d {
			if retryAfter > 0 {
				return &RetryAfterError{Wait: retryAfter, Remaining: max(remaining, 0)}
			}
			return context.DeadlineExceeded
		}
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// RetryAfterError says the API asked to wait longer than the operation's
// remaining time allows.
type RetryAfterError struct {
	Wait      time.Duration // what Retry-After asked for
	Remaining time.Duration // what was left of the operation's timeout
}

func (e *RetryAfterError) Error() string {
	return fmt.Sprintf("the API asked to wait %s before retrying (Retry-After), more than the %s left of this operation's timeout; "+
		"try again later or raise the resource's timeouts", e.Wait.Round(time.Second), e.Remaining.Round(time.Second))
}

// retryableResponse reports whether a response with status to a request
// with method may be retried: 429 always (the request was refused before
// any processing); 502/503/504 when the request is idempotent; and 500 only
// for GET and HEAD. A 500 to a write may have had effects, so it is not
// repeated (the caller sees the error and the next apply reconciles); a
// read has none, and refusing to repeat it would make a refresh of many
// resources fail on a single transient error.
func retryableResponse(method string, status int, idempotent bool) bool {
	switch status {
	case http.StatusTooManyRequests:
		return true
	case http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return idempotent
	case http.StatusInternalServerError:
		return method == http.MethodGet || method == http.MethodHead
	}
	return false
}

// permanentError reports whether a transport error cannot heal by
// repeating the request, as go-retryablehttp decides: certificate and host
// name verification failures, a server that does not speak TLS, an
// unsupported scheme, an invalid header, an unknown host, or a response
// over the size limit.
func permanentError(err error) bool {
	var (
		unknownAuthority x509.UnknownAuthorityError
		certInvalid      x509.CertificateInvalidError
		hostname         x509.HostnameError
		verify           *tls.CertificateVerificationError
		recordHeader     tls.RecordHeaderError
		tooLarge         *ResponseTooLargeError
		dnsErr           *net.DNSError
	)
	switch {
	case errors.As(err, &unknownAuthority), errors.As(err, &certInvalid), errors.As(err, &hostname),
		errors.As(err, &verify), errors.As(err, &recordHeader), errors.As(err, &tooLarge):
		return true
	case errors.As(err, &dnsErr) && dnsErr.IsNotFound:
		return true
	}
	msg := err.Error()
	for _, s := range []string{"unsupported protocol scheme", "invalid header", "certificate is not trusted", "stopped after 10 redirects"} {
		if strings.Contains(msg, s) {
			return true
		}
	}
	return false
}

// retryAfter parses Retry-After as seconds or an HTTP date.
func retryAfter(h http.Header, now time.Time) time.Duration {
	v := h.Get("Retry-After")
	if v == "" {
		return 0
	}
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil && secs >= 0 {
		if secs > int64(365*24*time.Hour/time.Second) {
			secs = int64(365 * 24 * time.Hour / time.Second)
		}
		return time.Duration(secs) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		if d := t.Sub(now); d > 0 {
			return d
		}
	}
	return 0
}

func base64Std(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }
