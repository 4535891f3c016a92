package client

import (
	"context"
	"encoding/base64"
	"math/rand/v2"
	"net/http"
	"strconv"
	"time"
)

// retryPolicy is capped exponential backoff with jitter. A server-given
// Retry-After takes precedence (capped at waitMax). Waiting never outlives
// the request's context: when the deadline would pass first, the retry is
// abandoned at once.
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
		d = min(retryAfter, p.waitMax)
	}
	if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) < d {
		return context.DeadlineExceeded
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

// retryAfter parses Retry-After as seconds or an HTTP date.
func retryAfter(h http.Header, now time.Time) time.Duration {
	v := h.Get("Retry-After")
	if v == "" {
		return 0
	}
	if secs, err := strconv.Atoi(v); err == nil && secs >= 0 {
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
