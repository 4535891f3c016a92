// Package contract replays the API reference's documented examples (of the
// endpoints the provider uses) against the sandbox, and decodes each
// documented response through the client's types. The examples are
// extracted into testdata/examples.json by ./extract (make
// contract-testdata); this test reads only that committed file.
package contract

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/client"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/sandbox"
)

type example struct {
	Ref         string          `json:"ref"`
	Method      string          `json:"method"`
	Path        string          `json:"path"`
	Auth        string          `json:"auth"`
	ContentType string          `json:"content_type"`
	Request     json.RawMessage `json:"request"`
	Form        string          `json:"form"`
	ResponseRef string          `json:"response_ref"`
	Status      int             `json:"status"`
	Response    json.RawMessage `json:"response"`
	ParseError  string          `json:"parse_error"`
}

func load[T any](t *testing.T, name string) T {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	var v T
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	return v
}

// env is one fresh sandbox with the documented IDs mapped to objects it holds.
type env struct {
	t   *testing.T
	ts  *httptest.Server
	ids map[string]string
}

// The examples' dates run from 2016 to 2025; the clock is pinned before
// them so that documented start dates are in the future.
var pinned = time.Date(2015, 12, 1, 12, 0, 0, 0, time.UTC)

func newEnv(t *testing.T) *env {
	s := sandbox.New(sandbox.Options{Now: func() time.Time { return pinned }, Seed: 7})
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	return &env{t: t, ts: ts, ids: map[string]string{}}
}

func (e *env) do(method, path, auth, contentType string, body []byte) (int, []byte) {
	e.t.Helper()
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequest(method, e.ts.URL+path, rd)
	if err != nil {
		e.t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	creds := sandbox.DefaultCredentials()
	switch auth {
	case "secret":
		req.SetBasicAuth(creds.TestSecretKey, "")
	case "public":
		req.SetBasicAuth(creds.PublicKey, "")
	case "bearer":
		req.Header.Set("Authorization", "Bearer "+creds.AccessToken)
	}
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := noRedirect.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b
}

// create POSTs a fixture object and returns its id.
func (e *env) create(path, auth string, body any) string {
	e.t.Helper()
	b, _ := json.Marshal(body)
	st, out := e.do("POST", path, auth, "application/json", b)
	if st != 200 {
		e.t.Fatalf("fixture POST %s: %d %s", path, st, out)
	}
	var m map[string]any
	_ = json.Unmarshal(out, &m)
	v, _ := m["id"].(string)
	return v
}

func (e *env) cardToken() string {
	return e.create("/v1/tokens", "public", map[string]any{"type": "card", "number": "4242424242424242", "exp_month": 10, "exp_year": 2025, "cvv": "123"})
}

func (e *env) bankToken() string {
	return e.create("/v1/tokens", "public", map[string]any{"type": "bank", "routing_number": "000000013", "account_number": "1000000001",
		"account_type": "CHECKING", "account_holder_type": "business", "name": "Customer Inc", "reference": "Customer123", "description": "Corporate Checking"})
}

// like copies the writable properties keys of the documented object doc
// into body, so that a fixture holds what the documented answer shows.
func like(body map[string]any, doc map[string]any, keys ...string) map[string]any {
	for _, k := range keys {
		if v, ok := doc[k]; ok && v != nil {
			body[k] = v
		}
	}
	return body
}

var savedTexts = []string{"name", "description", "reference", "address1", "address2", "city", "state", "postal_code", "country", "email", "phone"}

func (e *env) savedCard(doc map[string]any) string {
	return e.create("/v1/cards", "secret", like(map[string]any{"number": "4242424242424242", "exp_month": 10, "exp_year": 2025,
		"name": "Some Customer", "reference": "Customer123"}, doc, savedTexts...))
}

func (e *env) savedBank(doc map[string]any) string {
	return e.create("/v1/banks", "secret", like(map[string]any{"routing_number": "000000013", "account_number": "10333257392394", "account_type": "CHECKING",
		"account_holder_type": "business", "name": "Customer Inc", "reference": "Customer123"}, doc, append(savedTexts, "account_holder_type")...))
}

func (e *env) merchantField(list string) string {
	_, b := e.do("GET", "/v1/merchant", "secret", "", nil)
	var m map[string]any
	_ = json.Unmarshal(b, &m)
	l, _ := m[list].([]any)
	if len(l) == 0 {
		e.t.Fatalf("merchant has no %s", list)
	}
	return l[0].(map[string]any)["id"].(string)
}

func (e *env) contact(sourceID string, doc map[string]any) string {
	body := like(map[string]any{"type": "person", "first_name": "Clark", "last_name": "Lane", "test_mode": true}, doc,
		"first_name", "last_name", "middle_name", "name_prefix", "name_suffix", "contact_code", "preferred_currency", "notes", "source_id")
	for _, list := range []string{"email_addresses", "phone_numbers", "addresses"} {
		items, _ := doc[list].([]any)
		var clean []any
		for _, it := range items {
			m, _ := it.(map[string]any)
			c := map[string]any{}
			for k, v := range m {
				switch k {
				case "id", "created", "modified", "type":
				default:
					c[k] = v
				}
			}
			clean = append(clean, c)
		}
		if clean != nil {
			body[list] = clean
		}
	}
	if sourceID != "" {
		body["source_id"] = sourceID
	}
	return e.create("/contacts", "bearer", body)
}

var idSeg = regexp.MustCompile(`^[A-Za-z0-9_-]{16,}$`)

// prepare makes the objects an example's path and body refer to, and maps
// the documented IDs to them.
func (e *env) prepare(ex example) (path string, body []byte) {
	path = ex.Path
	var doc map[string]any
	_ = json.Unmarshal(ex.Response, &doc)
	segs := strings.Split(strings.SplitN(path, "?", 2)[0], "/")
	for i, s := range segs {
		if !idSeg.MatchString(s) || e.ids[s] != "" {
			continue
		}
		switch prev := segs[i-1]; {
		case prev == "charges":
			e.ids[s] = e.create("/v1/recurring/charges", "secret", like(map[string]any{"amount": 1250, "method": e.savedCard(nil),
				"schedule": map[string]any{"interval_unit": "MONTH", "interval_delay": 1, "start": "2016-01-01"}}, doc, "description", "reference"))
		case prev == "occurrences":
			_, b := e.do("GET", "/v1/recurring/charges/"+e.ids[segs[i-2]]+"/occurrences", "secret", "", nil)
			var r struct {
				Results []struct {
					ID string `json:"id"`
				} `json:"results"`
			}
			_ = json.Unmarshal(b, &r)
			e.ids[s] = r.Results[0].ID
			if doc["status"] == "PAID" && ex.Method == "GET" {
				e.do("POST", "/v1/recurring/charges/"+e.ids[segs[i-2]]+"/occurrences/"+e.ids[s]+"/pay", "secret", "", nil)
			}
		case prev == "cards":
			e.ids[s] = e.savedCard(doc)
		case prev == "banks":
			e.ids[s] = e.savedBank(doc)
		case prev == "tokens":
			e.ids[s] = e.create("/v1/tokens", "public", like(map[string]any{"type": "card", "number": "4242424242424242", "exp_month": 10,
				"exp_year": 2025, "cvv": "123"}, doc, savedTexts...))
		case prev == "ach-accounts":
			e.ids[s] = e.merchantField("ach_accounts")
		case prev == "contacts" && ex.Method == "PATCH":
			// The contact as it was before the documented PATCH: the
			// documented answer without what the request changes.
			var req map[string]any
			_ = json.Unmarshal(ex.Request, &req)
			before := map[string]any{}
			for k, v := range doc {
				if _, patched := req[k]; !patched {
					before[k] = v
				}
			}
			e.ids[s] = e.contact("", before)
		case prev == "contacts":
			e.ids[s] = e.contact("", doc)
		case prev == "payment-methods":
			e.ids[s] = e.create("/contacts/"+e.ids[segs[i-2]]+"/payment-methods", "bearer",
				map[string]any{"payment_type": "credit_card", "one_time_token": e.cardToken()})
		}
	}
	if strings.HasPrefix(path, "/contacts/source-id?id=") {
		e.contact(strings.TrimPrefix(path, "/contacts/source-id?id="), doc)
	}
	for doc, got := range e.ids {
		path = strings.ReplaceAll(path, doc, got)
	}
	if ex.Request == nil {
		if ex.Form != "" {
			return path, []byte(ex.Form)
		}
		return path, nil
	}
	var v map[string]any
	if err := json.Unmarshal(ex.Request, &v); err != nil {
		return path, ex.Request
	}
	bank := strings.HasPrefix(path, "/v1/banks")
	docMethod, _ := doc["method"].(map[string]any)
	bankMethod := docMethod != nil && docMethod["type"] == "bank"
	// Tokens carry what the documented answer shows came from them.
	tokenDoc := like(map[string]any{}, doc, savedTexts...)
	if a, ok := doc["address"].(map[string]any); ok {
		for from, to := range map[string]string{"line1": "address1", "line2": "address2", "city": "city", "state_or_province": "state", "postal_code": "postal_code", "country_code": "country"} {
			if x, ok := a[from]; ok {
				tokenDoc[to] = x
			}
		}
	}
	cardToken := func() string {
		return e.create("/v1/tokens", "public", like(map[string]any{"type": "card", "number": "4242424242424242", "exp_month": 10,
			"exp_year": 2025, "cvv": "123"}, tokenDoc, savedTexts...))
	}
	for k, val := range v {
		s, isStr := val.(string)
		switch {
		case k == "token_id" && bank, k == "one_time_token" && v["payment_type"] == "bank_account":
			v[k] = e.bankToken()
		case k == "token_id", k == "one_time_token":
			v[k] = cardToken()
		case k == "saved_payment_token":
			v[k] = e.savedCard(nil)
		case k == "method" && isStr && s != "" && bankMethod:
			v[k] = e.savedBank(nil)
		case k == "method" && isStr && s != "":
			v[k] = e.savedCard(nil)
		case k == "account_id" && bankMethod:
			v[k] = e.merchantField("ach_accounts")
		case k == "account_id":
			v[k] = e.merchantField("merchant_accounts")
		}
	}
	body, _ = json.Marshal(v)
	return path, body
}

// missingKeys lists the documented keys the sandbox's answer lacks, as
// dotted paths (arrays: their first elements are compared).
func missingKeys(doc, got any, at string, ignore map[string]string) []string {
	var out []string
	switch d := doc.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			return []string{at + " (not an object)"}
		}
		for k, dv := range d {
			if _, skip := ignore[k]; skip {
				continue
			}
			gv, present := g[k]
			if !present {
				out = append(out, strings.TrimPrefix(at+"."+k, "."))
				continue
			}
			out = append(out, missingKeys(dv, gv, strings.TrimPrefix(at+"."+k, "."), ignore)...)
		}
	case []any:
		g, ok := got.([]any)
		if !ok {
			return []string{at + " (not an array)"}
		}
		if len(d) > 0 && len(g) > 0 {
			out = append(out, missingKeys(d[0], g[0], at+"[0]", ignore)...)
		}
	}
	sort.Strings(out)
	return out
}

// replay runs one example in a fresh sandbox and describes how it
// diverges from the documentation ("" = it follows it).
func replay(t *testing.T, ex example, ignore map[string]string) string {
	e := newEnv(t)
	path, body := e.prepare(ex)
	ct := ex.ContentType
	if body == nil {
		ct = ""
	}
	status, got := e.do(ex.Method, path, ex.Auth, ct, body)
	if status != ex.Status {
		return fmt.Sprintf("status %d, documented %d: %.300s", status, ex.Status, got)
	}
	if ex.Response == nil {
		return ""
	}
	var d, g any
	_ = json.Unmarshal(ex.Response, &d)
	if err := json.Unmarshal(got, &g); err != nil {
		return "answer is not JSON: " + err.Error()
	}
	if miss := missingKeys(d, g, "", ignore); len(miss) > 0 {
		return "missing " + strings.Join(miss, ", ")
	}
	return ""
}

// exceptionsFile lists what the sandbox knowingly does not reproduce:
// properties it never returns (with the reason), and whole examples.
type exceptionsFile struct {
	IgnoreKeys map[string]string    `json:"ignore_keys"`
	Examples   map[string]exception `json:"examples"`
}

// exception is a documented example the sandbox does not follow, and why.
type exception struct {
	Divergence string `json:"divergence"` // the replay's description, as a regular expression
	Why        string `json:"why"`
}

// Every documented example of an endpoint the provider uses is replayed;
// each follows the documentation (status and response shape) or is listed
// in testdata/exceptions.json with the reason.
func TestDocumentedExamplesReplay(t *testing.T) {
	examples := load[[]example](t, "examples.json")
	exc := load[exceptionsFile](t, "exceptions.json")
	exceptions := exc.Examples
	if len(examples) < 50 {
		t.Fatalf("only %d examples in testdata; regenerate with make contract-testdata", len(examples))
	}
	followed, excepted := 0, 0
	used := map[string]bool{}
	for _, ex := range examples {
		t.Run(strings.TrimPrefix(ex.Ref, "affinipay-api-reference.txt:")+" "+ex.Method+" "+ex.Path, func(t *testing.T) {
			div := replay(t, ex, exc.IgnoreKeys)
			exc, listed := exceptions[ex.Ref]
			used[ex.Ref] = true
			switch {
			case div == "" && listed:
				t.Errorf("%s now follows the documentation: remove its exception (%s)", ex.Ref, exc.Why)
			case div == "":
				followed++
			case !listed:
				t.Errorf("%s %s %s (documented response at %s): %s", ex.Ref, ex.Method, ex.Path, ex.ResponseRef, div)
			case !regexp.MustCompile(exc.Divergence).MatchString(div):
				t.Errorf("%s diverges differently than its exception says: %s (exception: %s)", ex.Ref, div, exc.Divergence)
			default:
				excepted++
			}
		})
	}
	for ref := range exceptions {
		if !used[ref] {
			t.Errorf("exception for %s matches no example", ref)
		}
	}
	t.Logf("%d examples: %d follow the documentation, %d documented exceptions", len(examples), followed, excepted)
}

// decodeTargets maps an endpoint to the client type its answer decodes into.
var decodeTargets = []struct {
	method string
	path   *regexp.Regexp
	typ    reflect.Type
	list   bool // search_results or array
}{
	{"GET", regexp.MustCompile(`^/gateway-credentials$`), reflect.TypeFor[client.GatewayCredentials](), false},
	{"GET", regexp.MustCompile(`^/status$`), reflect.TypeFor[client.Status](), false},
	{"*", regexp.MustCompile(`^/v1/merchant$`), reflect.TypeFor[client.Merchant](), false},
	{"*", regexp.MustCompile(`^/v1/ach-accounts/`), reflect.TypeFor[client.AchAccount](), false},
	{"GET", regexp.MustCompile(`^/v1/recurring/charges/schedule`), reflect.TypeFor[client.RecurringProjection](), false},
	{"GET", regexp.MustCompile(`^/v1/recurring/charges/[^/]+/occurrences$`), reflect.TypeFor[client.RecurringOccurrence](), true},
	{"*", regexp.MustCompile(`^/v1/recurring/charges/[^/]+/occurrences/`), reflect.TypeFor[client.RecurringOccurrence](), false},
	{"GET", regexp.MustCompile(`^/v1/recurring/charges\?`), reflect.TypeFor[client.RecurringCharge](), true},
	{"*", regexp.MustCompile(`^/v1/recurring/charges`), reflect.TypeFor[client.RecurringCharge](), false},
	{"GET", regexp.MustCompile(`^/v1/cards\?`), reflect.TypeFor[client.SavedCard](), true},
	{"*", regexp.MustCompile(`^/v1/cards`), reflect.TypeFor[client.SavedCard](), false},
	{"GET", regexp.MustCompile(`^/v1/banks\?`), reflect.TypeFor[client.SavedBank](), true},
	{"*", regexp.MustCompile(`^/v1/banks`), reflect.TypeFor[client.SavedBank](), false},
	{"*", regexp.MustCompile(`^/v1/tokens`), reflect.TypeFor[client.Token](), false},
	{"GET", regexp.MustCompile(`^/bank-accounts$`), reflect.TypeFor[client.BankAccount](), true},
	{"*", regexp.MustCompile(`^/contacts/[^/]+/payment-methods`), reflect.TypeFor[client.PaymentMethod](), false},
	{"GET", regexp.MustCompile(`^/contacts$`), reflect.TypeFor[client.Contact](), true},
	{"*", regexp.MustCompile(`^/contacts`), reflect.TypeFor[client.Contact](), false},
}

// droppedFields decodes a documented object into a value of typ and
// reports the documented non-empty properties that typ declares (its JSON
// field names) but that do not survive the decoding: the provider would
// show them empty.
func droppedFields(doc map[string]any, typ reflect.Type) []string {
	v := reflect.New(typ)
	raw, _ := json.Marshal(doc)
	if err := json.Unmarshal(raw, v.Interface()); err != nil {
		return []string{"does not decode: " + err.Error()}
	}
	back, _ := json.Marshal(v.Interface())
	var round map[string]any
	_ = json.Unmarshal(back, &round)
	var out []string
	for i := 0; i < typ.NumField(); i++ {
		name := strings.Split(typ.Field(i).Tag.Get("json"), ",")[0]
		if name == "" || name == "-" {
			continue
		}
		dv, documented := doc[name]
		if !documented || isEmpty(dv) {
			continue
		}
		if rv, ok := round[name]; !ok || isEmpty(rv) {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}

func isEmpty(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case string:
		return x == ""
	case bool:
		return !x
	case float64:
		return x == 0
	case []any:
		return len(x) == 0
	case map[string]any:
		return len(x) == 0
	}
	return false
}

// Each documented response decodes through the client type of its
// endpoint without losing a property the type declares.
func TestDocumentedResponsesDecodeThroughClientTypes(t *testing.T) {
	examples := load[[]example](t, "examples.json")
	decoded := 0
	for _, ex := range examples {
		if ex.Response == nil {
			continue
		}
		var target *struct {
			typ  reflect.Type
			list bool
		}
		for _, d := range decodeTargets {
			if (d.method == "*" || d.method == ex.Method) && d.path.MatchString(ex.Path) {
				target = &struct {
					typ  reflect.Type
					list bool
				}{d.typ, d.list}
				break
			}
		}
		if target == nil {
			t.Errorf("%s %s %s: no client type to decode it with", ex.Ref, ex.Method, ex.Path)
			continue
		}
		var objs []map[string]any
		var any1 any
		_ = json.Unmarshal(ex.Response, &any1)
		switch x := any1.(type) {
		case []any:
			for _, o := range x {
				if m, ok := o.(map[string]any); ok {
					objs = append(objs, m)
				}
			}
		case map[string]any:
			if r, ok := x["results"].([]any); ok && target.list {
				for _, o := range r {
					if m, ok := o.(map[string]any); ok {
						objs = append(objs, m)
					}
				}
			} else {
				objs = append(objs, x)
			}
		}
		for _, o := range objs {
			if d := droppedFields(o, target.typ); len(d) > 0 {
				t.Errorf("%s (response at %s) through client.%s drops %s", ex.Ref, ex.ResponseRef, target.typ.Name(), strings.Join(d, ", "))
			}
		}
		decoded++
	}
	t.Logf("%d documented responses decoded through client types", decoded)
}

// The decoding check fails when a client type loses a documented property.
func TestDroppedFieldsDetectsLoss(t *testing.T) {
	type lossy struct {
		Name   string    `json:"name"`
		Number *struct{} `json:"number"` // wrong type: the number cannot land here
	}
	doc := map[string]any{"name": "Some Customer", "number": "************4242"}
	if d := droppedFields(doc, reflect.TypeFor[lossy]()); len(d) == 0 {
		t.Fatal("a property that does not decode was not reported")
	}
	type partial struct {
		Name string `json:"name"`
		Ref  string `json:"reference,omitempty"`
	}
	if d := droppedFields(map[string]any{"name": "x", "reference": "r"}, reflect.TypeFor[partial]()); len(d) != 0 {
		t.Fatalf("nothing is lost, got %v", d)
	}
}
