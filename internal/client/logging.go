package client

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// maxLoggedBody bounds how much of a body is logged at TRACE.
const maxLoggedBody = 64 << 10

// loggingTransport writes each request and response through tflog: a
// one-line summary at DEBUG and redacted headers and bodies at TRACE. It
// follows terraform-provider-tfe's logging transport, with secret fields and
// every known credential value removed before anything is logged.
type loggingTransport struct {
	next    http.RoundTripper
	secrets func() []string
}

func (t *loggingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	secrets := t.secrets()
	ctx = tflog.MaskAllFieldValuesStrings(ctx, secrets...)
	ctx = tflog.MaskMessageStrings(ctx, secrets...)

	target := scrubKnown(RedactQuery(req.URL), secrets)
	fields := map[string]any{
		"http_method": req.Method,
		"http_path":   target,
	}
	tflog.Debug(ctx, "AffiniPay API request", fields)
	if traceOn(ctx) {
		tflog.Trace(ctx, "AffiniPay API request detail", map[string]any{
			"http_method":      req.Method,
			"http_path":        target,
			"http_req_headers": RedactHeaders(req.Header),
			"http_req_body":    scrubKnown(t.requestBody(req), secrets),
		})
	}

	start := time.Now()
	resp, err := t.next.RoundTrip(req)
	elapsed := time.Since(start).Milliseconds()
	if err != nil {
		tflog.Debug(ctx, "AffiniPay API request failed", map[string]any{
			"http_method": req.Method, "http_path": target, "error": scrubKnown(err.Error(), secrets), "duration_ms": elapsed,
		})
		return resp, err
	}
	tflog.Debug(ctx, "AffiniPay API response", map[string]any{
		"http_method": req.Method, "http_path": target, "http_status": resp.StatusCode, "duration_ms": elapsed,
	})
	if traceOn(ctx) && resp.Body != nil {
		body, readErr := io.ReadAll(io.LimitReader(resp.Body, maxLoggedBody+1))
		rest := resp.Body
		resp.Body = struct {
			io.Reader
			io.Closer
		}{io.MultiReader(bytes.NewReader(body), rest), rest}
		if readErr == nil {
			tflog.Trace(ctx, "AffiniPay API response detail", map[string]any{
				"http_method":       req.Method,
				"http_path":         target,
				"http_status":       resp.StatusCode,
				"http_resp_headers": RedactHeaders(resp.Header),
				"http_resp_body":    scrubKnown(redactBody(resp.Header.Get("Content-Type"), truncate(body)), secrets),
			})
		}
	}
	return resp, nil
}

func (t *loggingTransport) requestBody(req *http.Request) string {
	if req.GetBody == nil {
		return ""
	}
	rc, err := req.GetBody()
	if err != nil {
		return ""
	}
	defer rc.Close()
	body, err := io.ReadAll(io.LimitReader(rc, maxLoggedBody+1))
	if err != nil {
		return ""
	}
	return redactBody(req.Header.Get("Content-Type"), truncate(body))
}

func truncate(b []byte) []byte {
	if len(b) > maxLoggedBody {
		return b[:maxLoggedBody]
	}
	return b
}

func redactBody(contentType string, body []byte) string {
	if strings.HasPrefix(contentType, "application/x-www-form-urlencoded") {
		return RedactForm(body)
	}
	return RedactJSON(body)
}

// traceOn avoids the cost of reading and redacting bodies when nothing would
// log them. tflog has no level query, so the same environment variables that
// Terraform and terraform-plugin-log read are consulted.
func traceOn(_ context.Context) bool {
	for _, name := range []string{"TF_LOG", "TF_LOG_PROVIDER", "TF_LOG_PROVIDER_AFFINIPAY", "TF_LOG_SDK_PROTO"} {
		switch strings.ToUpper(os.Getenv(name)) {
		case "TRACE", "JSON":
			return true
		}
	}
	return os.Getenv("TF_ACC_LOG_PATH") != "" || os.Getenv("TF_LOG_PATH_MASK") != ""
}
