package client

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"unicode"
)

// ErrNotSent marks a failed write that never reached the API (nothing was
// written to a connection), so it cannot have changed anything there.
var ErrNotSent = errors.New("the request was not sent")

type interruptKey struct{}

// WithInterrupt returns ctx carrying stop, a channel closed when the caller
// is asked to stop (Terraform is interrupted) while ctx itself stays alive
// so that work already under way can be settled. After stop is closed, Do
// sends no new write (it fails with ErrNotSent) but still completes one
// already sent, its idempotent retries and reads.
func WithInterrupt(ctx context.Context, stop <-chan struct{}) context.Context {
	return context.WithValue(ctx, interruptKey{}, stop)
}

// Interrupted reports whether the stop channel given to WithInterrupt is
// closed.
func Interrupted(ctx context.Context) bool {
	stop, _ := ctx.Value(interruptKey{}).(<-chan struct{})
	if stop == nil {
		return false
	}
	select {
	case <-stop:
		return true
	default:
		return false
	}
}

// ResponseTooLargeError is a response body over Config.MaxResponseBytes.
// Reading stops at the limit.
type ResponseTooLargeError struct {
	Method, Path string
	Limit        int64
	Size         int64 // from Content-Length, or -1 when unknown
}

func (e *ResponseTooLargeError) Error() string {
	size := "more than that"
	if e.Size >= 0 {
		size = fmt.Sprintf("%d bytes", e.Size)
	}
	return fmt.Sprintf("AffiniPay API %s %s: the response body exceeds the %s limit of the provider (%s); it was not read",
		e.Method, e.Path, humanBytes(e.Limit), size)
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d-byte", n)
}

// MalformedResponseError is a 2xx reply the provider cannot use: an empty
// body, `null`, something other than the JSON expected, or an object
// without a field the API always returns (such as `id`). Body is the reply,
// redacted, stripped of control characters and shortened.
type MalformedResponseError struct {
	Method, Path string
	StatusCode   int
	Reason       string
	Body         string
}

func (e *MalformedResponseError) Error() string {
	body := e.Body
	if body == "" {
		body = "an empty body"
	}
	return fmt.Sprintf("AffiniPay API %s %s answered %d %s but the reply is unusable (%s); the API returned: %s",
		e.Method, e.Path, e.StatusCode, http.StatusText(e.StatusCode), e.Reason, body)
}

// checker is implemented by response types with fields the API always
// returns: a reply without them is malformed rather than empty values.
type checker interface {
	check() error
}

// requireFields returns an error naming the first empty field of pairs
// (name, value, name, value, ...).
func requireFields(pairs ...string) error {
	for i := 0; i+1 < len(pairs); i += 2 {
		if strings.TrimSpace(pairs[i+1]) == "" {
			return fmt.Errorf("no %q", pairs[i])
		}
	}
	return nil
}

// decodeReply fills out from a 2xx body, or returns *MalformedResponseError.
func decodeReply(req Request, status int, body []byte, out any, secrets []string) error {
	malformed := func(reason string) error {
		return &MalformedResponseError{
			Method: req.Method, Path: req.Path, StatusCode: status, Reason: reason,
			Body: SanitizeText(scrubKnown(RedactJSON(body), secrets), maxShownBody),
		}
	}
	trimmed := bytes.TrimSpace(body)
	switch {
	case len(trimmed) == 0:
		return malformed("empty body")
	case bytes.Equal(trimmed, []byte("null")):
		return malformed("null")
	}
	if err := json.Unmarshal(trimmed, out); err != nil {
		return malformed("not the JSON expected: " + SanitizeText(err.Error(), 200))
	}
	if err := checkAll(out); err != nil {
		return malformed(err.Error())
	}
	return nil
}

// checkAll checks out when it is a checker, or each element of a slice it
// points to (list replies such as GET /bank-accounts).
func checkAll(out any) error {
	if c, ok := out.(checker); ok {
		return c.check()
	}
	v := reflect.ValueOf(out)
	if v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Slice {
		return nil
	}
	items := v.Elem()
	for i := range items.Len() {
		if c, ok := items.Index(i).Addr().Interface().(checker); ok {
			if err := c.check(); err != nil {
				return fmt.Errorf("item %d: %w", i, err)
			}
		}
	}
	return nil
}

// doJSON sends req and returns its 2xx reply decoded as a T (see Do).
func doJSON[T any](ctx context.Context, c *Client, req Request) (*T, error) {
	var out T
	if err := c.Do(ctx, req, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// maxShownBody and maxShownMessage cap API text shown to users.
const (
	maxShownBody    = 500
	maxShownMessage = 500
)

// SanitizeText makes text from the API safe to show in a terminal: control
// characters (escape sequences, carriage returns, NULs, bidi overrides)
// become spaces or are dropped, and the result is cut to at most maxRunes
// runes, with "…" marking the cut.
func SanitizeText(s string, maxRunes int) string {
	var b strings.Builder
	n := 0
	for _, r := range s {
		if n >= maxRunes {
			b.WriteString("…")
			break
		}
		switch {
		case r == '\n' || r == '\t':
			r = ' '
		case unicode.IsControl(r), unicode.Is(unicode.Cf, r), r == unicode.ReplacementChar:
			continue
		}
		b.WriteRune(r)
		n++
	}
	return b.String()
}
