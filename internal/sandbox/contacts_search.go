package sandbox

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Contact search (GET /contacts), reference "Search Contacts":
//   - q: "The text filter to apply across all text fields": a
//     case-insensitive substring match against every string of the contact
//     (names, emails, phone numbers, addresses, tags, codes, notes, IDs),
//     not the owner or the audit traces.
//   - qf: "field:value" pairs separated by commas (the parameter may also be
//     repeated, as the gateway examples do), dot-separated paths for nested
//     fields (email_addresses.address matches any email), all ANDed. Values
//     match case-insensitively and exactly. created.timestamp and
//     modified.timestamp also take >, >=, <, <= with a
//     yyyy-MM-ddTHH:mm:ss.SSSZZ value. An unknown field, a range on another
//     field, or an unparseable date is the documented 422 search_failed.
//   - order_by: comma-separated fields, "-" prefix for descending; unknown
//     fields are search_failed. Default order: creation order.
//   - page (default 1, >= 1) and page_size (default 20, >= 1, at most 100 as
//     for every gateway list; larger values are reduced to 100 and the
//     response's page_size says so).
//
// Response: {"page", "page_size", "total_entries", "results"}.

const (
	defaultPageSize = 20
	maxPageSize     = 100
)

// contactQFFields are the fields qf accepts.
var contactQFFields = map[string]bool{
	"id": true, "type": true, "test_mode": true, "name": true, "first_name": true, "middle_name": true,
	"last_name": true, "name_prefix": true, "name_suffix": true, "display_name": true, "sort_name": true,
	"preferred_email": true, "contact_code": true, "source_id": true, "owner_id": true, "time_zone": true,
	"preferred_currency": true, "notes": true, "tags": true,
	"email_addresses.id": true, "email_addresses.address": true, "email_addresses.preferred": true,
	"phone_numbers.id": true, "phone_numbers.number": true, "phone_numbers.extension": true, "phone_numbers.preferred": true,
	"addresses.id": true, "addresses.line1": true, "addresses.line2": true, "addresses.city": true,
	"addresses.state_or_province": true, "addresses.postal_code": true, "addresses.country_code": true,
	"addresses.preferred": true,
	"created.timestamp":   true, "modified.timestamp": true, "created.user": true, "modified.user": true,
}

// contactSortFields are the fields order_by accepts ("created"/"modified"
// are shorthands for their timestamps, as in the gateway's order_by=-created).
var contactSortFields = map[string]string{
	"id": "id", "type": "type", "test_mode": "test_mode", "name": "name", "first_name": "first_name",
	"middle_name": "middle_name", "last_name": "last_name", "display_name": "display_name",
	"sort_name": "sort_name", "preferred_email": "preferred_email", "contact_code": "contact_code",
	"source_id": "source_id", "time_zone": "time_zone", "preferred_currency": "preferred_currency",
	"created": "created.timestamp", "modified": "modified.timestamp",
	"created.timestamp": "created.timestamp", "modified.timestamp": "modified.timestamp",
}

func searchFailed(detail string) Message {
	m := errorMessage("search_failed", "The search could not be processed as defined")
	if detail != "" {
		m.Message += ": " + detail
	}
	return m
}

type qfTerm struct {
	path  string
	op    string // ":", ">", ">=", "<", "<="
	value string
	at    time.Time
}

var qfTimeLayouts = []string{
	"2006-01-02T15:04:05.000Z07:00",
	"2006-01-02T15:04:05.000Z0700",
	"2006-01-02T15:04:05Z07:00",
	"2006-01-02T15:04:05.000",
	"2006-01-02",
}

func parseQF(values []string) ([]qfTerm, *Message) {
	var terms []qfTerm
	for _, v := range values {
		for _, part := range strings.Split(v, ",") {
			part = strings.TrimSpace(part)
			if part == "" {
				continue
			}
			i := strings.IndexAny(part, ":<>")
			if i <= 0 {
				m := searchFailed(fmt.Sprintf("qf term %q must be field:value", part))
				return nil, &m
			}
			t := qfTerm{path: part[:i], op: part[i : i+1]}
			rest := part[i+1:]
			if t.op != ":" && strings.HasPrefix(rest, "=") {
				t.op += "="
				rest = rest[1:]
			}
			t.value = rest
			if !contactQFFields[t.path] {
				m := searchFailed(fmt.Sprintf("unknown qf field %q", t.path))
				return nil, &m
			}
			if t.op != ":" {
				if !strings.HasSuffix(t.path, ".timestamp") {
					m := searchFailed(fmt.Sprintf("qf range %q is only supported on created.timestamp and modified.timestamp", part))
					return nil, &m
				}
				var err error
				for _, layout := range qfTimeLayouts {
					if t.at, err = time.Parse(layout, rest); err == nil {
						break
					}
				}
				if err != nil {
					m := searchFailed(fmt.Sprintf("qf date %q must have the format yyyy-MM-ddTHH:mm:ss.SSSZZ", rest))
					return nil, &m
				}
			}
			terms = append(terms, t)
		}
	}
	return terms, nil
}

// pathValues returns the scalar values at a dot-separated path, descending
// into arrays.
func pathValues(v any, path []string) []any {
	if arr, ok := v.([]any); ok {
		var out []any
		for _, e := range arr {
			out = append(out, pathValues(e, path)...)
		}
		return out
	}
	if len(path) == 0 {
		return []any{v}
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil
	}
	next, ok := m[path[0]]
	if !ok {
		return nil
	}
	return pathValues(next, path[1:])
}

func scalarString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case bool:
		return strconv.FormatBool(x)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case nil:
		return ""
	}
	b, _ := json.Marshal(v)
	return string(b)
}

func (t qfTerm) matches(doc map[string]any) bool {
	vals := pathValues(doc, strings.Split(t.path, "."))
	for _, v := range vals {
		s := scalarString(v)
		if t.op == ":" {
			if strings.EqualFold(s, t.value) {
				return true
			}
			continue
		}
		at, err := time.Parse(timestampLayout, s)
		if err != nil {
			continue
		}
		switch t.op {
		case ">":
			if at.After(t.at) {
				return true
			}
		case ">=":
			if !at.Before(t.at) {
				return true
			}
		case "<":
			if at.Before(t.at) {
				return true
			}
		case "<=":
			if !at.After(t.at) {
				return true
			}
		}
	}
	return false
}

// textMatches: q against every string of the contact except owner and
// audit traces.
func textMatches(v any, q string) bool {
	switch x := v.(type) {
	case string:
		return strings.Contains(strings.ToLower(x), q)
	case []any:
		for _, e := range x {
			if textMatches(e, q) {
				return true
			}
		}
	case map[string]any:
		for k, e := range x {
			if k == "owner" || k == "created" || k == "modified" || k == "type" {
				continue
			}
			if textMatches(e, q) {
				return true
			}
		}
	}
	return false
}

type sortKey struct {
	path string
	desc bool
}

func parseOrderBy(values []string) ([]sortKey, *Message) {
	var keys []sortKey
	for _, v := range values {
		for _, f := range strings.Split(v, ",") {
			f = strings.TrimSpace(f)
			if f == "" {
				continue
			}
			k := sortKey{}
			if strings.HasPrefix(f, "-") {
				k.desc, f = true, f[1:]
			} else if strings.HasPrefix(f, "+") {
				f = f[1:]
			}
			p, ok := contactSortFields[f]
			if !ok {
				m := searchFailed(fmt.Sprintf("unknown order_by field %q", f))
				return nil, &m
			}
			k.path = p
			keys = append(keys, k)
		}
	}
	return keys, nil
}

func pageParam(q map[string][]string, key string, def int) (int, *Message) {
	vs := q[key]
	if len(vs) == 0 || vs[0] == "" {
		return def, nil
	}
	n, err := strconv.Atoi(vs[0])
	if err != nil {
		m := invalidData(key, subInvalid, fmt.Sprintf("%s must be an integer, got %q", key, vs[0]))
		return 0, &m
	}
	if n < 1 {
		m := invalidData(key, subBelowMinimum, fmt.Sprintf("%s must be at least 1, got %d", key, n))
		return 0, &m
	}
	return n, nil
}

type contactSearchJSON struct {
	Page         int           `json:"page"`
	PageSize     int           `json:"page_size"`
	TotalEntries int           `json:"total_entries"`
	Results      []contactJSON `json:"results"`
}

func (s *Server) searchContacts(w http.ResponseWriter, r *http.Request) {
	query := r.URL.Query()
	var bad []Message
	page, m := pageParam(query, "page", 1)
	if m != nil {
		bad = append(bad, *m)
	}
	size, m := pageParam(query, "page_size", defaultPageSize)
	if m != nil {
		bad = append(bad, *m)
	}
	if len(bad) > 0 {
		writeInvalid(w, bad)
		return
	}
	if size > maxPageSize {
		size = maxPageSize
	}
	terms, m := parseQF(query["qf"])
	if m != nil {
		writeMessages(w, http.StatusUnprocessableEntity, *m)
		return
	}
	keys, m := parseOrderBy(query["order_by"])
	if m != nil {
		writeMessages(w, http.StatusUnprocessableEntity, *m)
		return
	}
	text := strings.ToLower(strings.TrimSpace(query.Get("q")))

	s.mu.Lock()
	defer s.mu.Unlock()
	type hit struct {
		j   contactJSON
		doc map[string]any
	}
	var hits []hit
	for _, c := range s.st.contactAPI.contacts {
		if c.Deleted {
			continue
		}
		j := s.contactJSONLocked(c)
		raw, _ := json.Marshal(j)
		var doc map[string]any
		_ = json.Unmarshal(raw, &doc)
		if text != "" && !textMatches(doc, text) {
			continue
		}
		ok := true
		for _, t := range terms {
			if !t.matches(doc) {
				ok = false
				break
			}
		}
		if ok {
			hits = append(hits, hit{j, doc})
		}
	}

	sort.SliceStable(hits, func(a, b int) bool {
		for _, k := range keys {
			va := firstString(hits[a].doc, k.path)
			vb := firstString(hits[b].doc, k.path)
			if c := strings.Compare(strings.ToLower(va), strings.ToLower(vb)); c != 0 {
				return (c < 0) != k.desc
			}
		}
		return false
	})

	out := contactSearchJSON{Page: page, PageSize: size, TotalEntries: len(hits), Results: []contactJSON{}}
	start := (page - 1) * size
	for i := start; i < len(hits) && i < start+size; i++ {
		out.Results = append(out.Results, hits[i].j)
	}
	writeJSON(w, http.StatusOK, out)
}

func firstString(doc map[string]any, path string) string {
	vals := pathValues(doc, strings.Split(path, "."))
	if len(vals) == 0 {
		return ""
	}
	return scalarString(vals[0])
}
