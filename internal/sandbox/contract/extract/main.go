// Command extract reads the API reference and writes the documented
// request/response examples of the endpoints the provider uses to
// testdata/examples.json, each with its reference file and line, for the
// contract test of the sandbox and of the client types
// (internal/sandbox/contract). Regenerate with `make contract-testdata`.
//
// An example is a `curl` command line (method, URL, credentials, -d body)
// followed by the "Example response" JSON before the next curl. The
// reference's JSON is hand-written and not always valid (missing commas,
// "..." elisions, trailing commas): a small set of repairs is applied and
// recorded; an example whose JSON still does not parse is kept with
// parse_error set, so it is counted and reported, never silently dropped.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// Example is one documented request and its documented response.
type Example struct {
	Ref         string          `json:"ref"` // file:line of the curl command
	Method      string          `json:"method"`
	Path        string          `json:"path"` // path and query as documented
	Auth        string          `json:"auth"` // secret | public | bearer | none
	ContentType string          `json:"content_type,omitempty"`
	Request     json.RawMessage `json:"request,omitempty"` // JSON body
	Form        string          `json:"form,omitempty"`    // form-encoded body
	ResponseRef string          `json:"response_ref,omitempty"`
	Status      int             `json:"status"` // documented (200 unless shown otherwise)
	Response    json.RawMessage `json:"response,omitempty"`
	Repairs     []string        `json:"repairs,omitempty"`
	ParseError  string          `json:"parse_error,omitempty"`
}

// usedPaths are the endpoints the provider calls (internal/client), as
// regular expressions over the documented path without its query.
var usedPaths = []*regexp.Regexp{
	regexp.MustCompile(`^/status$`),
	regexp.MustCompile(`^/gateway-credentials$`),
	regexp.MustCompile(`^/bank-accounts$`),
	regexp.MustCompile(`^/v1/merchant$`),
	regexp.MustCompile(`^/v1/merchant/purge-test-data$`),
	regexp.MustCompile(`^/v1/ach-accounts/[^/]+$`),
	regexp.MustCompile(`^/v1/recurring/charges(/[^/]+(/cancel|/occurrences(/[^/]+(/pay|/ignore)?)?)?)?$`),
	regexp.MustCompile(`^/v1/(cards|banks)(/[^/]+)?$`),
	regexp.MustCompile(`^/v1/tokens(/[^/]+)?$`),
	regexp.MustCompile(`^/contacts(/source-id|/(p_|org_)[^/]+(/payment-methods(/[^/]+)?)?)?$`),
}

var (
	methodRe = regexp.MustCompile(`-X\s+([A-Z]+)`)
	urlRe    = regexp.MustCompile(`https://api\.(?:affinipay|8am)\.com(?:\.com)?([^\s'"]*)`)
)

func main() {
	// The default is ../shared/reference beside the repository, seen from
	// internal/sandbox/contract (where `make contract-testdata` runs this).
	ref := flag.String("reference", filepath.Join("..", "..", "..", "..", "shared", "reference", "affinipay-api-reference.txt"),
		"API reference text (../shared/reference beside the repository)")
	out := flag.String("out", "testdata/examples.json", "output file")
	flag.Parse()
	raw, err := os.ReadFile(*ref)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	lines := strings.Split(string(raw), "\n")
	name := filepath.Base(*ref)
	var examples []Example
	for i := 0; i < len(lines); i++ {
		if !strings.HasPrefix(strings.TrimSpace(lines[i]), "curl ") {
			continue
		}
		ex, next, ok := parseExample(lines, i, name)
		if ok {
			examples = append(examples, ex)
		}
		i = next - 1
	}
	b, _ := json.MarshalIndent(examples, "", "  ")
	if err := os.WriteFile(filepath.Clean(*out), append(b, '\n'), 0o600); err != nil { //nolint:gosec // the output path is the developer's own flag
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	bad := 0
	for _, e := range examples {
		if e.ParseError != "" {
			bad++
		}
	}
	fmt.Printf("%d examples of used endpoints written to %s (%d with unparseable JSON)\n", len(examples), *out, bad)
}

// parseExample reads the curl command at line i and the response after it.
// next is the first line after the command.
func parseExample(lines []string, i int, file string) (Example, int, bool) {
	cmd := lines[i]
	j := i + 1
	// A -d '...' body runs until its closing quote.
	if k := strings.Index(cmd, "-d '"); k >= 0 && strings.Count(cmd[k+4:], "'") == 0 {
		for ; j < len(lines); j++ {
			cmd += "\n" + lines[j]
			if strings.Contains(lines[j], "'") {
				j++
				break
			}
		}
	}
	m := urlRe.FindStringSubmatch(cmd)
	if m == nil {
		return Example{}, j, false
	}
	ex := Example{Ref: fmt.Sprintf("%s:%d", file, i+1), Method: "GET", Status: 200}
	if mm := methodRe.FindStringSubmatch(cmd); mm != nil {
		ex.Method = mm[1]
	}
	ex.Path = strings.TrimRight(m[1], "'")
	u, err := url.Parse(ex.Path)
	if err != nil {
		return Example{}, j, false
	}
	used := false
	for _, re := range usedPaths {
		used = used || re.MatchString(strings.TrimSuffix(u.Path, "/"))
	}
	if !used {
		return Example{}, j, false
	}
	switch {
	case strings.Contains(cmd, "secret_key:"), strings.Contains(cmd, "secret_key>:"):
		ex.Auth = "secret"
	case strings.Contains(cmd, "public_key:"), strings.Contains(cmd, "public_key>:"):
		ex.Auth = "public"
	case strings.Contains(cmd, "Bearer"):
		ex.Auth = "bearer"
	default:
		ex.Auth = "none"
	}
	if strings.Contains(strings.ToLower(cmd), "x-www-form-urlencoded") {
		ex.ContentType = "application/x-www-form-urlencoded"
	} else if strings.Contains(cmd, "-d ") {
		ex.ContentType = "application/json"
	}
	if k := strings.Index(cmd, "-d '"); k >= 0 {
		body := cmd[k+4:]
		if e := strings.LastIndex(body, "'"); e >= 0 {
			body = body[:e]
		}
		if ex.ContentType == "application/x-www-form-urlencoded" {
			ex.Form = strings.TrimSpace(body)
		} else {
			fixed, repairs, err := lenientJSON(body)
			ex.Repairs = append(ex.Repairs, prefix("request: ", repairs)...)
			if err != nil {
				ex.ParseError = "request: " + err.Error()
			} else {
				ex.Request = fixed
			}
		}
	}
	// The response: the first JSON value (or HTTP status line) after the
	// command, before the next curl.
	for k := j; k < len(lines) && k < j+400; k++ {
		t := strings.TrimSpace(lines[k])
		if strings.HasPrefix(t, "curl ") {
			break
		}
		if strings.Contains(t, "HTTP 204 No Content") {
			ex.Status, ex.ResponseRef = 204, fmt.Sprintf("%s:%d", file, k+1)
			break
		}
		if strings.HasPrefix(t, "HTTP/1.1 ") {
			if _, err := fmt.Sscanf(strings.TrimPrefix(t, "HTTP/1.1 "), "%d", &ex.Status); err != nil {
				ex.ParseError = "status line: " + err.Error()
			}
			ex.ResponseRef = fmt.Sprintf("%s:%d", file, k+1)
			break
		}
		if t == "{" || t == "[" || strings.HasPrefix(t, "{") && k > j {
			text, end := balanced(lines, k)
			fixed, repairs, err := lenientJSON(text)
			ex.ResponseRef = fmt.Sprintf("%s:%d", file, k+1)
			ex.Repairs = append(ex.Repairs, prefix("response: ", repairs)...)
			if err != nil {
				ex.ParseError = strings.TrimPrefix(ex.ParseError+"; response: "+err.Error(), "; ")
			} else {
				ex.Response = fixed
			}
			_ = end
			break
		}
	}
	return ex, j, true
}

func prefix(p string, xs []string) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = p + x
	}
	return out
}

// balanced returns the lines from k up to the one that closes the first
// bracket opened at k.
func balanced(lines []string, k int) (string, int) {
	depth := 0
	var b strings.Builder
	inStr := false
	for i := k; i < len(lines); i++ {
		b.WriteString(lines[i])
		b.WriteByte('\n')
		for n := 0; n < len(lines[i]); n++ {
			c := lines[i][n]
			switch {
			case inStr && c == '\\':
				n++
			case c == '"':
				inStr = !inStr
			case !inStr && (c == '{' || c == '['):
				depth++
			case !inStr && (c == '}' || c == ']'):
				depth--
			}
		}
		if depth <= 0 {
			return b.String(), i
		}
	}
	return b.String(), len(lines) - 1
}

var (
	elisionRe       = regexp.MustCompile(`(?m)^\s*\.\.\.,?\s*$`)
	trailingCommaRe = regexp.MustCompile(`,(\s*[}\]])`)
	missingCommaRe  = regexp.MustCompile(`("|\d|true|false|null|\}|\])(\s*\n\s*)("|\{)`)
)

// lenientJSON parses s, applying the repairs the reference's hand-written
// JSON needs, and returns it compacted.
func lenientJSON(s string) (json.RawMessage, []string, error) {
	var repairs []string
	try := func(x string) (json.RawMessage, error) {
		var v any
		if err := json.Unmarshal([]byte(x), &v); err != nil {
			return nil, err
		}
		var b bytes.Buffer
		if err := json.Compact(&b, []byte(x)); err != nil {
			return nil, err
		}
		return b.Bytes(), nil
	}
	if r, err := try(s); err == nil {
		return r, nil, nil
	}
	fixes := []struct {
		name string
		f    func(string) string
	}{
		{"replaced typographic quotes", func(x string) string {
			return strings.NewReplacer("\u201c", `"`, "\u201d", `"`, "\u2018", "'", "\u2019", "'").Replace(x)
		}},
		{"removed a trailing shell quote", func(x string) string { return strings.TrimRight(strings.TrimSpace(x), "'") }},
		{"removed \u2026 elisions", func(x string) string { return regexp.MustCompile(`(?m)^\s*\x{2026},?\s*$`).ReplaceAllString(x, "") }},
		{"removed ... elisions", func(x string) string { return elisionRe.ReplaceAllString(x, "") }},
		{"removed trailing commas", func(x string) string { return trailingCommaRe.ReplaceAllString(x, "$1") }},
		{"inserted missing commas", func(x string) string { return missingCommaRe.ReplaceAllString(x, "$1,$2$3") }},
		{"removed trailing commas", func(x string) string { return trailingCommaRe.ReplaceAllString(x, "$1") }},
	}
	var err error
	for _, fx := range fixes {
		y := fx.f(s)
		if y == s {
			continue
		}
		s = y
		repairs = append(repairs, fx.name)
		var r json.RawMessage
		if r, err = try(s); err == nil {
			return r, repairs, nil
		}
	}
	_, err = try(s)
	return nil, repairs, err
}
