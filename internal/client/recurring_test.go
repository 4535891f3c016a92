package client

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
)

// ListRecurringCharges follows every page with page_size 100 and passes
// the filters.
func TestListRecurringChargesPaginates(t *testing.T) {
	var pages []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		pages = append(pages, q.Get("page")+"/"+q.Get("page_size")+"/"+q.Get("status")+"/"+q.Get("order_by"))
		page, _ := strconv.Atoi(q.Get("page"))
		n := 100
		if page == 3 {
			n = 5
		}
		results := make([]map[string]any, n)
		for i := range results {
			results[i] = map[string]any{"id": fmt.Sprintf("p%d-%d", page, i), "amount": "1250", "status": "ACTIVE",
				"schedule": map[string]any{"interval_unit": "WEEK", "interval_delay": "1", "start": "2019-08-19", "days": []string{"1", "5"}}}
		}
		_ = json.NewEncoder(w).Encode(map[string]any{"page": page, "page_size": 100, "total_entries": 205, "results": results})
	}))
	defer srv.Close()
	c := newTestClient(t, srv, nil)
	got, err := c.ListRecurringCharges(t.Context(), RecurringChargeFilter{Status: "ACTIVE", OrderBy: "-created"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 205 || got[204].ID != "p3-4" || got[0].Amount != 1250 || got[0].Schedule.IntervalDelay != 1 {
		t.Fatalf("got %d charges, last %+v", len(got), got[len(got)-1])
	}
	want := []string{"1/100/ACTIVE/-created", "2/100/ACTIVE/-created", "3/100/ACTIVE/-created"}
	if fmt.Sprint(pages) != fmt.Sprint(want) {
		t.Errorf("pages %v, want %v", pages, want)
	}
}

// The preview sends the reference's query parameters and the JSON body.
func TestPreviewRecurringChargeRequest(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if r.Method != http.MethodGet || r.URL.Path != "/v1/recurring/charges/schedule" ||
			r.URL.Query().Get("occurrences") != "10" || r.URL.Query().Get("start_date") != "2019-08-19" {
			t.Errorf("request %s %s", r.Method, r.URL)
		}
		want := `{"amount":1250,"max_amount":10000,"schedule":{"interval_unit":"WEEK","interval_delay":1,"start":"2019-08-19","days":["1","5"]}}`
		if string(body) != want {
			t.Errorf("body %s\nwant %s", body, want)
		}
		_, _ = io.WriteString(w, `{"amount":1250,"remaining_occurrences":8,"remaining_amount":10000,"next_payment":"2019-08-19",
			"occurrences":[{"amount":1250,"due_date":"2019-08-19"}]}`)
	}))
	defer srv.Close()
	c := newTestClient(t, srv, nil)
	maxA := int64(10000)
	p, err := c.PreviewRecurringCharge(t.Context(), RecurringProjectionRequest{
		Occurrences: 10, StartDate: "2019-08-19", Amount: 1250, MaxAmount: &maxA,
		Schedule: RecurringSchedule{IntervalUnit: "WEEK", IntervalDelay: 1, Start: "2019-08-19", Days: []string{"1", "5"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if p.RemainingOccurrences == nil || *p.RemainingOccurrences != 8 || len(p.Occurrences) != 1 || p.NextPayment != "2019-08-19" {
		t.Errorf("projection %+v", p)
	}
}

func TestFlexInt64(t *testing.T) {
	for in, want := range map[string]int64{`1250`: 1250, `"1250"`: 1250, `null`: 0, `"-3"`: -3} {
		var n FlexInt64
		if err := json.Unmarshal([]byte(in), &n); err != nil || int64(n) != want {
			t.Errorf("%s: %d, %v", in, n, err)
		}
	}
	var n FlexInt64
	if err := json.Unmarshal([]byte(`"1.5"`), &n); err == nil {
		t.Error("1.5 accepted")
	}
}
