package sandbox

// Recurring charges: list with paging, filters and order_by.

import (
	"net/http"
	"sort"
	"strings"
	"time"
)

// rcOrderKeys are the properties order_by accepts.
var rcOrderKeys = map[string]func(ch *recurringCharge) any{
	"id":                func(ch *recurringCharge) any { return ch.ID },
	"created":           func(ch *recurringCharge) any { return ch.Created },
	"modified":          func(ch *recurringCharge) any { return ch.Modified },
	"status":            func(ch *recurringCharge) any { return ch.Status },
	"status_reason":     func(ch *recurringCharge) any { return ch.StatusReason },
	"account_id":        func(ch *recurringCharge) any { return ch.AccountID },
	"amount":            func(ch *recurringCharge) any { return ch.Amount },
	"currency":          func(ch *recurringCharge) any { return ch.Currency },
	"description":       func(ch *recurringCharge) any { return ch.Description },
	"reference":         func(ch *recurringCharge) any { return ch.Reference },
	"total_occurrences": func(ch *recurringCharge) any { return int64(ch.TotalOccurrences) },
	"total_amount":      func(ch *recurringCharge) any { return ch.TotalAmount },
	"next_payment":      func(ch *recurringCharge) any { return ch.NextPayment },
	"max_occurrences": func(ch *recurringCharge) any {
		if ch.MaxOccurrences == nil {
			return nil
		}
		return int64(*ch.MaxOccurrences)
	},
	"max_amount": func(ch *recurringCharge) any {
		if ch.MaxAmount == nil {
			return nil
		}
		return *ch.MaxAmount
	},
}

// rcCompare compares two values of the same property (nil first).
func rcCompare(a, b any) int {
	switch {
	case a == nil && b == nil:
		return 0
	case a == nil:
		return -1
	case b == nil:
		return 1
	}
	// Both values come from the same property, so b has a's type; a
	// mismatch (never expected) compares equal, like an unknown type.
	switch x := a.(type) {
	case string:
		y, ok := b.(string)
		if !ok {
			return 0
		}
		return strings.Compare(x, y)
	case int64:
		y, ok := b.(int64)
		if !ok {
			return 0
		}
		switch {
		case x < y:
			return -1
		case x > y:
			return 1
		}
		return 0
	case time.Time:
		y, ok := b.(time.Time)
		if !ok {
			return 0
		}
		return x.Compare(y)
	}
	return 0
}

type rcOrder struct {
	key  string
	desc bool
}

func rcParseOrderBy(v string) ([]rcOrder, bool) {
	var out []rcOrder
	for _, p := range strings.Split(v, ",") {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		o := rcOrder{}
		switch p[0] {
		case '-':
			o.desc, p = true, p[1:]
		case '+':
			p = p[1:]
		}
		p = strings.TrimSpace(p)
		if _, ok := rcOrderKeys[p]; !ok {
			return nil, false
		}
		o.key = p
		out = append(out, o)
	}
	return out, true
}

func (s *Server) listRecurring(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	page, size, msgs := cbParsePaging(q)
	status := q.Get("status")
	if status != "" && status != rcActive && status != rcCompleted {
		msgs = append(msgs, invalidData("status", subInvalid, "status must be ACTIVE or COMPLETED"))
	}
	if len(msgs) > 0 {
		writeInvalid(w, msgs)
		return
	}
	order := []rcOrder{{key: "created", desc: true}}
	if v := q.Get("order_by"); strings.TrimSpace(v) != "" {
		o, ok := rcParseOrderBy(v)
		if !ok {
			rcWriteCode(w, "search_failed",
				"The search could not be processed as defined: order_by accepts a comma-separated list of recurring charge properties, each optionally prefixed by + or -")
			return
		}
		if len(o) > 0 {
			order = o
		}
	}
	account, ref := q.Get("account_id"), q.Get("reference")
	m := modeOf(r)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.processRecurringLocked()
	var items []*recurringCharge
	for _, ch := range s.st.recurringCharges {
		if ch.Mode != m || ch.Status == rcDeleted ||
			(status != "" && ch.Status != status) ||
			(account != "" && ch.AccountID != account) ||
			(ref != "" && ch.Reference != ref) {
			continue
		}
		items = append(items, ch)
	}
	sort.SliceStable(items, func(i, j int) bool {
		for _, o := range order {
			c := rcCompare(rcOrderKeys[o.key](items[i]), rcOrderKeys[o.key](items[j]))
			if o.key == "created" && c == 0 {
				c = items[i].seq - items[j].seq
			}
			if c != 0 {
				if o.desc {
					return c > 0
				}
				return c < 0
			}
		}
		return items[i].seq > items[j].seq
	})
	results := make([]any, 0, size)
	for _, i := range cbPageSlice(len(items), page, size) {
		results = append(results, items[i].toJSON(false))
	}
	writeJSON(w, http.StatusOK, cbSearchResults{Page: page, PageSize: size, TotalEntries: len(items), Results: results})
}
