package functions

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strconv"
	"testing"
	"time"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/sandbox"
)

// schedule_dates agrees with the API's schedule preview (GET
// /v1/recurring/charges/schedule) as the sandbox answers it, on generated
// schedules. The sandbox is only the oracle: it is reached over HTTP like
// the API, and its schedule engine is neither imported nor copied.

// agreementSchedules is how many schedules TestScheduleDatesAgreeWithPreview
// generates (the issue asks for at least 200).
const agreementSchedules = 400

type previewAnswer struct {
	Occurrences []struct {
		DueDate string `json:"due_date"`
	} `json:"occurrences"`
}

// preview asks the sandbox for count occurrences of in from its start.
func preview(t *testing.T, base string, in ScheduleInput, count int) []string {
	t.Helper()
	sched := map[string]any{"start": in.Start, "interval_unit": in.IntervalUnit, "interval_delay": in.IntervalDelay}
	if in.End != "" {
		sched["end"] = in.End
	}
	if len(in.Days) > 0 {
		sched["days"] = in.Days
	}
	body, _ := json.Marshal(map[string]any{"amount": 100, "schedule": sched})
	q := url.Values{"occurrences": {strconv.Itoa(count)}, "start_date": {in.Start}}
	req, _ := http.NewRequest(http.MethodGet, base+"/v1/recurring/charges/schedule?"+q.Encode(), bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.SetBasicAuth(sandbox.TestSecretKey, "")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("preview: %v", err)
	}
	defer resp.Body.Close()
	var a previewAnswer
	if err := json.NewDecoder(resp.Body).Decode(&a); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("preview of %+v: status %d, %v", in, resp.StatusCode, err)
	}
	out := make([]string, 0, len(a.Occurrences))
	for _, o := range a.Occurrences {
		out = append(out, o.DueDate)
	}
	return out
}

// randomSchedule draws a valid schedule, weighted towards the cases where
// calendars differ: month ends, leap days, LAST, days a month lacks,
// long delays and ends.
func randomSchedule(r *rand.Rand) ScheduleInput {
	y := 1999 + r.Intn(42)
	m := time.Month(1 + r.Intn(12))
	d := 1 + r.Intn(daysIn(y, m))
	if r.Intn(3) == 0 { // month ends and the days around them
		d = max(1, daysIn(y, m)-r.Intn(4))
	}
	start := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	in := ScheduleInput{Start: start.Format("2006-01-02")}
	switch r.Intn(3) {
	case 0:
		in.IntervalUnit = "DAY"
		in.IntervalDelay = int64(1 + r.Intn([]int{3, 14, 45, 400}[r.Intn(4)]))
	case 1:
		in.IntervalUnit = "WEEK"
		in.IntervalDelay = int64(1 + r.Intn([]int{1, 3, 8}[r.Intn(3)]))
		if in.IntervalDelay == 1 && r.Intn(2) == 0 {
			for _, wd := range r.Perm(7)[:1+r.Intn(4)] {
				in.Days = append(in.Days, strconv.Itoa(wd+1))
			}
		}
	default:
		in.IntervalUnit = "MONTH"
		in.IntervalDelay = int64(1 + r.Intn([]int{1, 3, 13}[r.Intn(3)]))
		if in.IntervalDelay == 1 && r.Intn(2) == 0 {
			pool := []string{"1", "15", "28", "29", "30", "31", "LAST", strconv.Itoa(1 + r.Intn(31))}
			for _, i := range r.Perm(len(pool))[:1+r.Intn(3)] {
				in.Days = append(in.Days, pool[i])
			}
			seen := map[string]bool{}
			uniq := in.Days[:0]
			for _, x := range in.Days {
				if !seen[x] {
					seen[x] = true
					uniq = append(uniq, x)
				}
			}
			in.Days = uniq
		}
	}
	if r.Intn(3) == 0 {
		in.End = start.AddDate(0, 0, r.Intn(900)).Format("2006-01-02")
	}
	return in
}

func TestScheduleDatesAgreeWithPreview(t *testing.T) {
	srv := httptest.NewServer(sandbox.New(sandbox.Options{}))
	t.Cleanup(srv.Close)
	r := rand.New(rand.NewSource(20))
	agree, dates := 0, 0
	for i := 0; i < agreementSchedules; i++ {
		in := randomSchedule(r)
		count := 1 + r.Intn(100) // the preview's maximum is 100
		want := preview(t, srv.URL, in, count)
		got, err := ScheduleDatesOf(in, int64(count))
		if err != nil {
			t.Errorf("schedule %d %+v: %v", i, in, err)
			continue
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("schedule %d %+v, %d dates:\n function: %v\n preview:  %v", i, in, count, got, want)
			continue
		}
		agree++
		dates += len(got)
	}
	t.Logf("schedule_dates agrees with the sandbox's preview on %d of %d generated schedules (%d dates compared)", agree, agreementSchedules, dates)
	if agree != agreementSchedules {
		t.Errorf("agreement %d of %d", agree, agreementSchedules)
	}
}

// The preview example of the reference (line 2660) through the sandbox:
// its 8 dates are the function's first 8 (the example's max_amount stops
// the preview at 8; schedule_dates has no amounts).
func TestScheduleDatesReferencePreviewThroughSandbox(t *testing.T) {
	srv := httptest.NewServer(sandbox.New(sandbox.Options{}))
	t.Cleanup(srv.Close)
	in := ScheduleInput{Start: "2019-8-19", IntervalUnit: "WEEK", IntervalDelay: 1, Days: []string{"1", "5"}}
	want := []string{"2019-08-19", "2019-08-23", "2019-08-26", "2019-08-30", "2019-09-02", "2019-09-06", "2019-09-09", "2019-09-13", "2019-09-16", "2019-09-20"}
	got, err := ScheduleDatesOf(in, 10)
	if fmt.Sprint(got) != fmt.Sprint(want) || err != nil {
		t.Fatalf("function: %v, %v", got, err)
	}
	if p := preview(t, srv.URL, in, 10); !reflect.DeepEqual(p, want) {
		t.Fatalf("preview: %v; want %v", p, want)
	}
}
