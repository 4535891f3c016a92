package schedule

import (
	"errors"
	"fmt"
	"math/rand"
	"reflect"
	"strings"
	"testing"
	"time"
)

func iptr(v int) *int       { return &v }
func i64ptr(v int64) *int64 { return &v }

// occ builds occurrences from "date:amount" or "date" (amount = def). It is
// called while building test tables, without a *testing.T, so a malformed
// spec panics, which fails the test.
func occ(def int64, specs ...string) []Occurrence {
	var out []Occurrence
	for _, s := range specs {
		o := Occurrence{DueDate: s, Amount: def}
		if i := strings.IndexByte(s, ':'); i >= 0 {
			o.DueDate = s[:i]
			if _, err := fmt.Sscan(s[i+1:], &o.Amount); err != nil {
				panic(fmt.Sprintf("occ: bad amount in %q: %v", s, err))
			}
		}
		out = append(out, o)
	}
	return out
}

func fmtOcc(os []Occurrence) string {
	var b strings.Builder
	for _, o := range os {
		fmt.Fprintf(&b, "%s:%d ", o.DueDate, o.Amount)
	}
	return strings.TrimSpace(b.String())
}

// TestPreviewReferenceExample reproduces "Preview 10 occurrences of a
// recurring charge, starting on August 19, 2019" from the reference.
func TestPreviewReferenceExample(t *testing.T) {
	s := Schedule{Start: "2019-8-19", IntervalUnit: UnitWeek, IntervalDelay: 1, Days: []string{"1", "5"}}
	l := Limits{Amount: 1250, MaxOccurrences: iptr(20), MaxAmount: i64ptr(10000)}
	p, err := Project(s, l, "2019-08-19", 0, 0, 10)
	if err != nil {
		t.Fatal(err)
	}
	want := occ(1250, "2019-08-19", "2019-08-23", "2019-08-26", "2019-08-30",
		"2019-09-02", "2019-09-06", "2019-09-09", "2019-09-13")
	if !reflect.DeepEqual(p.Occurrences, want) {
		t.Errorf("occurrences\n got %s\nwant %s", fmtOcc(p.Occurrences), fmtOcc(want))
	}
	if p.NextPayment != "2019-08-19" {
		t.Errorf("next_payment = %q, want 2019-08-19", p.NextPayment)
	}
	if p.RemainingOccurrences == nil || *p.RemainingOccurrences != 8 {
		t.Errorf("remaining_occurrences = %v, want 8", p.RemainingOccurrences)
	}
	if p.RemainingAmount == nil || *p.RemainingAmount != 10000 {
		t.Errorf("remaining_amount = %v, want 10000", p.RemainingAmount)
	}
	if got, _ := NormalizeDate(s.Start); got != "2019-08-19" {
		t.Errorf("NormalizeDate(%q) = %q, want 2019-08-19", s.Start, got)
	}
}

func TestOccurrences(t *testing.T) {
	monthly := func(start string, days ...string) Schedule {
		return Schedule{Start: start, IntervalUnit: UnitMonth, IntervalDelay: 1, Days: days}
	}
	tests := []struct {
		name        string
		s           Schedule
		l           Limits
		from        string
		totOcc      int
		totAmt      int64
		n           int
		want        []Occurrence
		wantNext    string
		wantRemOcc  int64 // -1 = nil (boundless)
		wantRemAmnt int64
	}{
		{
			name: "reference monthly create example",
			s:    Schedule{Start: "2016-01-01", IntervalUnit: UnitMonth, IntervalDelay: 1},
			l:    Limits{Amount: 1250}, from: "2015-12-31", n: 3,
			want:     occ(1250, "2016-01-01", "2016-02-01", "2016-03-01"),
			wantNext: "2016-01-01", wantRemOcc: -1,
		},
		{
			name: "reference bi-weekly example with max_amount",
			s:    Schedule{Start: "2016-01-01", IntervalUnit: UnitWeek, IntervalDelay: 2},
			l:    Limits{Amount: 1000, MaxAmount: i64ptr(50000)}, from: "2015-12-31", n: 3,
			want:     occ(1000, "2016-01-01", "2016-01-15", "2016-01-29"),
			wantNext: "2016-01-01", wantRemOcc: 50, wantRemAmnt: 50000,
		},
		{
			name: "MONTH LAST across February in a leap year",
			s:    monthly("2024-01-15", "LAST"), l: Limits{Amount: 100}, from: "2024-01-01", n: 4,
			want:     occ(100, "2024-01-31", "2024-02-29", "2024-03-31", "2024-04-30"),
			wantNext: "2024-01-31", wantRemOcc: -1,
		},
		{
			name: "MONTH LAST across February in a non-leap year",
			s:    monthly("2023-01-15", "LAST"), l: Limits{Amount: 100}, from: "2023-01-01", n: 4,
			want:     occ(100, "2023-01-31", "2023-02-28", "2023-03-31", "2023-04-30"),
			wantNext: "2023-01-31", wantRemOcc: -1,
		},
		{
			name: "MONTH LAST on century non-leap 2100",
			s:    monthly("2100-02-01", "LAST"), l: Limits{Amount: 100}, from: "2100-02-01", n: 1,
			want:     occ(100, "2100-02-28"),
			wantNext: "2100-02-28", wantRemOcc: -1,
		},
		{
			name: "MONTH LAST on 400-year leap 2000",
			s:    monthly("2000-02-01", "LAST"), l: Limits{Amount: 100}, from: "2000-02-01", n: 1,
			want:     occ(100, "2000-02-29"),
			wantNext: "2000-02-29", wantRemOcc: -1,
		},
		{
			name: "MONTH days 15 and LAST (reference example), start mid-month",
			s:    monthly("2023-01-20", "15", "LAST"), l: Limits{Amount: 100}, from: "2023-01-01", n: 5,
			want:     occ(100, "2023-01-31", "2023-02-15", "2023-02-28", "2023-03-15", "2023-03-31"),
			wantNext: "2023-01-31", wantRemOcc: -1,
		},
		{
			name: "MONTH days order and duplicates do not matter",
			s:    monthly("2023-01-20", "LAST", "15", "15", "LAST"), l: Limits{Amount: 100}, from: "2023-01-01", n: 3,
			want:     occ(100, "2023-01-31", "2023-02-15", "2023-02-28"),
			wantNext: "2023-01-31", wantRemOcc: -1,
		},
		{
			name: "MONTH day 31 and LAST coincide in 31-day months",
			s:    monthly("2023-01-01", "31", "LAST"), l: Limits{Amount: 100}, from: "2023-01-01", n: 3,
			want:     occ(100, "2023-01-31", "2023-02-28", "2023-03-31"),
			wantNext: "2023-01-31", wantRemOcc: -1,
		},
		{
			name: "MONTH day 31 skips shorter months",
			s:    monthly("2023-01-01", "31"), l: Limits{Amount: 100}, from: "2023-01-01", n: 5,
			want:     occ(100, "2023-01-31", "2023-03-31", "2023-05-31", "2023-07-31", "2023-08-31"),
			wantNext: "2023-01-31", wantRemOcc: -1,
		},
		{
			name: "MONTH day 29 skips non-leap February only",
			s:    monthly("2023-01-30", "29"), l: Limits{Amount: 100}, from: "2023-01-01", n: 2,
			want:     occ(100, "2023-03-29", "2023-04-29"),
			wantNext: "2023-03-29", wantRemOcc: -1,
		},
		{
			name: "MONTH without days from Jan 31 clamps to month end without drift",
			s:    monthly("2023-01-31"), l: Limits{Amount: 100}, from: "2023-01-01", n: 5,
			want:     occ(100, "2023-01-31", "2023-02-28", "2023-03-31", "2023-04-30", "2023-05-31"),
			wantNext: "2023-01-31", wantRemOcc: -1,
		},
		{
			name: "MONTH without days from Jan 31 in a leap year",
			s:    monthly("2024-01-31"), l: Limits{Amount: 100}, from: "2024-01-01", n: 3,
			want:     occ(100, "2024-01-31", "2024-02-29", "2024-03-31"),
			wantNext: "2024-01-31", wantRemOcc: -1,
		},
		{
			name: "MONTH every 3 months from Nov 30 across a year end",
			s:    Schedule{Start: "2023-11-30", IntervalUnit: UnitMonth, IntervalDelay: 3},
			l:    Limits{Amount: 100}, from: "2023-11-01", n: 4,
			want:     occ(100, "2023-11-30", "2024-02-29", "2024-05-30", "2024-08-30"),
			wantNext: "2023-11-30", wantRemOcc: -1,
		},
		{
			name: "DAY every 3 days across a year end",
			s:    Schedule{Start: "2023-12-30", IntervalUnit: UnitDay, IntervalDelay: 3},
			l:    Limits{Amount: 100}, from: "2023-12-01", n: 4,
			want:     occ(100, "2023-12-30", "2024-01-02", "2024-01-05", "2024-01-08"),
			wantNext: "2023-12-30", wantRemOcc: -1,
		},
		{
			name: "WEEK without days keeps the start weekday",
			s:    Schedule{Start: "2023-03-01", IntervalUnit: UnitWeek, IntervalDelay: 1}, // Wednesday
			l:    Limits{Amount: 100}, from: "2023-03-01", n: 3,
			want:     occ(100, "2023-03-01", "2023-03-08", "2023-03-15"),
			wantNext: "2023-03-01", wantRemOcc: -1,
		},
		{
			name: "WEEK days starting mid-week",
			s:    Schedule{Start: "2019-08-21", IntervalUnit: UnitWeek, IntervalDelay: 1, Days: []string{"1", "5"}},
			l:    Limits{Amount: 100}, from: "2019-08-01", n: 3,
			want:     occ(100, "2019-08-23", "2019-08-26", "2019-08-30"),
			wantNext: "2019-08-23", wantRemOcc: -1,
		},
		{
			name: "WEEK day 7 is Sunday",
			s:    Schedule{Start: "2024-06-03", IntervalUnit: UnitWeek, IntervalDelay: 1, Days: []string{"7"}},
			l:    Limits{Amount: 100}, from: "2024-06-03", n: 2,
			want:     occ(100, "2024-06-09", "2024-06-16"),
			wantNext: "2024-06-09", wantRemOcc: -1,
		},
		{
			name: "end date cuts the list (end inclusive)",
			s:    Schedule{Start: "2023-01-01", End: "2023-01-07", IntervalUnit: UnitDay, IntervalDelay: 3},
			l:    Limits{Amount: 100}, from: "2023-01-01", n: 10,
			want:     occ(100, "2023-01-01", "2023-01-04", "2023-01-07"),
			wantNext: "2023-01-01", wantRemOcc: 3, wantRemAmnt: 300,
		},
		{
			name: "end date equal to start gives one occurrence",
			s:    Schedule{Start: "2023-01-01", End: "2023-01-01", IntervalUnit: UnitMonth, IntervalDelay: 1},
			l:    Limits{Amount: 100}, from: "2023-01-01", n: 10,
			want:     occ(100, "2023-01-01"),
			wantNext: "2023-01-01", wantRemOcc: 1, wantRemAmnt: 100,
		},
		{
			name: "end date cuts WEEK days schedule",
			s:    Schedule{Start: "2019-08-19", End: "2019-08-29", IntervalUnit: UnitWeek, IntervalDelay: 1, Days: []string{"1", "5"}},
			l:    Limits{Amount: 1250}, from: "2019-08-19", n: 10,
			want:     occ(1250, "2019-08-19", "2019-08-23", "2019-08-26"),
			wantNext: "2019-08-19", wantRemOcc: 3, wantRemAmnt: 3750,
		},
		{
			name: "max_occurrences",
			s:    Schedule{Start: "2023-01-01", IntervalUnit: UnitWeek, IntervalDelay: 1},
			l:    Limits{Amount: 500, MaxOccurrences: iptr(3)}, from: "2023-01-01", n: 10,
			want:     occ(500, "2023-01-01", "2023-01-08", "2023-01-15"),
			wantNext: "2023-01-01", wantRemOcc: 3, wantRemAmnt: 1500,
		},
		{
			name: "max_occurrences net of total_occurrences",
			s:    Schedule{Start: "2023-01-01", IntervalUnit: UnitWeek, IntervalDelay: 1},
			l:    Limits{Amount: 500, MaxOccurrences: iptr(5)}, from: "2023-01-22", totOcc: 3, totAmt: 1500, n: 10,
			want:     occ(500, "2023-01-22", "2023-01-29"),
			wantNext: "2023-01-22", wantRemOcc: 2, wantRemAmnt: 1000,
		},
		{
			name: "max_occurrences exhausted",
			s:    Schedule{Start: "2023-01-01", IntervalUnit: UnitWeek, IntervalDelay: 1},
			l:    Limits{Amount: 500, MaxOccurrences: iptr(3)}, from: "2023-01-22", totOcc: 3, totAmt: 1500, n: 10,
			want: nil, wantNext: "", wantRemOcc: 0, wantRemAmnt: 0,
		},
		{
			name: "final partial amount under max_amount (reference $100/$150)",
			s:    Schedule{Start: "2023-01-01", IntervalUnit: UnitMonth, IntervalDelay: 1},
			l:    Limits{Amount: 10000, MaxAmount: i64ptr(15000)}, from: "2023-01-01", n: 10,
			want:     occ(0, "2023-01-01:10000", "2023-02-01:5000"),
			wantNext: "2023-01-01", wantRemOcc: 2, wantRemAmnt: 15000,
		},
		{
			name: "final partial amount net of total_amount",
			s:    Schedule{Start: "2023-01-01", IntervalUnit: UnitMonth, IntervalDelay: 1},
			l:    Limits{Amount: 10000, MaxAmount: i64ptr(25000)}, from: "2023-03-01", totOcc: 2, totAmt: 20000, n: 10,
			want:     occ(0, "2023-03-01:5000"),
			wantNext: "2023-03-01", wantRemOcc: 1, wantRemAmnt: 5000,
		},
		{
			name: "max_amount and max_occurrences: the smaller bound wins",
			s:    Schedule{Start: "2023-01-01", IntervalUnit: UnitDay, IntervalDelay: 1},
			l:    Limits{Amount: 300, MaxOccurrences: iptr(10), MaxAmount: i64ptr(1000)}, from: "2023-01-01", n: 10,
			want:     occ(0, "2023-01-01:300", "2023-01-02:300", "2023-01-03:300", "2023-01-04:100"),
			wantNext: "2023-01-01", wantRemOcc: 4, wantRemAmnt: 1000,
		},
		{
			name: "end date bounds before max_amount",
			s:    Schedule{Start: "2023-01-01", End: "2023-01-02", IntervalUnit: UnitDay, IntervalDelay: 1},
			l:    Limits{Amount: 300, MaxAmount: i64ptr(1000)}, from: "2023-01-01", n: 10,
			want:     occ(300, "2023-01-01", "2023-01-02"),
			wantNext: "2023-01-01", wantRemOcc: 2, wantRemAmnt: 600,
		},
		{
			name: "start in the past: next eligible WEEK day on or after from",
			s:    Schedule{Start: "2019-08-19", IntervalUnit: UnitWeek, IntervalDelay: 1, Days: []string{"1", "5"}},
			l:    Limits{Amount: 1250}, from: "2019-08-28", n: 2,
			want:     occ(1250, "2019-08-30", "2019-09-02"),
			wantNext: "2019-08-30", wantRemOcc: -1,
		},
		{
			name: "start in the past: eligible date equal to from is included",
			s:    Schedule{Start: "2019-08-19", IntervalUnit: UnitWeek, IntervalDelay: 1, Days: []string{"1", "5"}},
			l:    Limits{Amount: 1250}, from: "2019-08-30", n: 1,
			want:     occ(1250, "2019-08-30"),
			wantNext: "2019-08-30", wantRemOcc: -1,
		},
		{
			name: "start in the past: monthly keeps the start's day, not from's",
			s:    monthly("2023-01-31"), l: Limits{Amount: 100}, from: "2023-03-05", n: 2,
			want:     occ(100, "2023-03-31", "2023-04-30"),
			wantNext: "2023-03-31", wantRemOcc: -1,
		},
		{
			name: "start in the past: every 2 months keeps the start's phase",
			s:    Schedule{Start: "2023-01-10", IntervalUnit: UnitMonth, IntervalDelay: 2},
			l:    Limits{Amount: 100}, from: "2023-02-15", n: 2,
			want:     occ(100, "2023-03-10", "2023-05-10"),
			wantNext: "2023-03-10", wantRemOcc: -1,
		},
		{
			name: "start in the past: DAY every 3 days keeps the start's phase",
			s:    Schedule{Start: "2023-01-01", IntervalUnit: UnitDay, IntervalDelay: 3},
			l:    Limits{Amount: 100}, from: "2023-01-05", n: 2,
			want:     occ(100, "2023-01-07", "2023-01-10"),
			wantNext: "2023-01-07", wantRemOcc: -1,
		},
		{
			name: "start in the past with end: remaining counts only from 'from'",
			s:    Schedule{Start: "2023-01-01", End: "2023-01-31", IntervalUnit: UnitWeek, IntervalDelay: 1},
			l:    Limits{Amount: 100}, from: "2023-01-10", n: 10,
			want:     occ(100, "2023-01-15", "2023-01-22", "2023-01-29"),
			wantNext: "2023-01-15", wantRemOcc: 3, wantRemAmnt: 300,
		},
		{
			name: "from after end: nothing left",
			s:    Schedule{Start: "2023-01-01", End: "2023-01-31", IntervalUnit: UnitDay, IntervalDelay: 1},
			l:    Limits{Amount: 100}, from: "2023-02-01", n: 10,
			want: nil, wantNext: "", wantRemOcc: 0, wantRemAmnt: 0,
		},
		{
			name: "n = 0 still reports next payment and remaining",
			s:    Schedule{Start: "2023-01-01", End: "2023-12-31", IntervalUnit: UnitMonth, IntervalDelay: 1, Days: []string{"15", "LAST"}},
			l:    Limits{Amount: 100}, from: "2023-06-20", n: 0,
			want: nil, wantNext: "2023-06-30", wantRemOcc: 13, wantRemAmnt: 1300,
		},
		{
			name: "schedule runs out at 9999-12-31",
			s:    Schedule{Start: "9999-11-30", IntervalUnit: UnitMonth, IntervalDelay: 1},
			l:    Limits{Amount: 100, MaxOccurrences: iptr(5)}, from: "9999-01-01", n: 10,
			want:     occ(100, "9999-11-30", "9999-12-30"),
			wantNext: "9999-11-30", wantRemOcc: 2, wantRemAmnt: 200,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := Project(tc.s, tc.l, tc.from, tc.totOcc, tc.totAmt, tc.n)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(p.Occurrences, tc.want) {
				t.Errorf("occurrences\n got %s\nwant %s", fmtOcc(p.Occurrences), fmtOcc(tc.want))
			}
			if p.NextPayment != tc.wantNext {
				t.Errorf("next_payment = %q, want %q", p.NextPayment, tc.wantNext)
			}
			if tc.wantRemOcc < 0 {
				if p.RemainingOccurrences != nil || p.RemainingAmount != nil {
					t.Errorf("remaining = %v/%v, want nil for a boundless schedule", p.RemainingOccurrences, p.RemainingAmount)
				}
			} else {
				if p.RemainingOccurrences == nil || *p.RemainingOccurrences != tc.wantRemOcc {
					t.Errorf("remaining_occurrences = %v, want %d", deref(p.RemainingOccurrences), tc.wantRemOcc)
				}
				if p.RemainingAmount == nil || *p.RemainingAmount != tc.wantRemAmnt {
					t.Errorf("remaining_amount = %v, want %d", deref(p.RemainingAmount), tc.wantRemAmnt)
				}
			}
			// Occurrences must agree with Project.
			os, err := Occurrences(tc.s, tc.l, tc.from, tc.totOcc, tc.totAmt, tc.n)
			if err != nil || !reflect.DeepEqual(os, p.Occurrences) {
				t.Errorf("Occurrences() = %s, %v; want %s", fmtOcc(os), err, fmtOcc(p.Occurrences))
			}
		})
	}
}

func deref(p *int64) any {
	if p == nil {
		return "nil"
	}
	return *p
}

// TestRemainingMatchesFullList checks the closed-form remaining counts against
// the full list of occurrences for bounded schedules.
func TestRemainingMatchesFullList(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	units := []string{UnitDay, UnitWeek, UnitMonth}
	base := dayOf(2023, 1, 1)
	for i := 0; i < 3000; i++ {
		s := Schedule{
			Start:         formatDay(base + int64(rng.Intn(800))),
			IntervalUnit:  units[rng.Intn(3)],
			IntervalDelay: 1 + rng.Intn(5),
		}
		if s.IntervalUnit != UnitDay && rng.Intn(2) == 0 {
			s.IntervalDelay = 1
			k := 1 + rng.Intn(4)
			for j := 0; j < k; j++ {
				if s.IntervalUnit == UnitWeek {
					s.Days = append(s.Days, fmt.Sprint(1+rng.Intn(7)))
				} else if rng.Intn(6) == 0 {
					s.Days = append(s.Days, DayLast)
				} else {
					s.Days = append(s.Days, fmt.Sprint(1+rng.Intn(31)))
				}
			}
		}
		start, _ := parseDay(s.Start)
		s.End = formatDay(start + int64(rng.Intn(1500)))
		l := Limits{Amount: int64(1 + rng.Intn(1000))}
		if rng.Intn(3) == 0 {
			l.MaxOccurrences = iptr(1 + rng.Intn(60))
		}
		if rng.Intn(3) == 0 {
			l.MaxAmount = i64ptr(l.Amount + int64(rng.Intn(20000)))
		}
		from := formatDay(base + int64(rng.Intn(2500)))
		p, err := Project(s, l, from, 0, 0, 1<<20)
		if err != nil {
			t.Fatalf("%+v %+v: %v", s, l, err)
		}
		var sum int64
		for j, o := range p.Occurrences {
			sum += o.Amount
			if j > 0 && o.DueDate <= p.Occurrences[j-1].DueDate {
				t.Fatalf("%+v from %s: dates not strictly increasing: %s", s, from, fmtOcc(p.Occurrences))
			}
			if o.DueDate < from || o.DueDate < s.Start || o.DueDate > s.End {
				t.Fatalf("%+v from %s: %s outside window", s, from, o.DueDate)
			}
		}
		if p.RemainingOccurrences == nil || *p.RemainingOccurrences != int64(len(p.Occurrences)) || *p.RemainingAmount != sum {
			t.Fatalf("%+v %+v from %s: remaining %v/%v, full list has %d/%d",
				s, l, from, deref(p.RemainingOccurrences), deref(p.RemainingAmount), len(p.Occurrences), sum)
		}
		// Brute force: every day in the window either is or is not eligible.
		g, _ := newGen(s)
		fd, _ := parseDay(from)
		end, _ := parseDay(s.End)
		var brute int64
		for d := max(fd, start); d <= end; d++ {
			if eligibleBrute(s, start, d) {
				brute++
			}
		}
		if got := g.count(fd, end, 1<<62); got != brute {
			t.Fatalf("%+v from %s: count = %d, brute force %d", s, from, got, brute)
		}
	}
}

// eligibleBrute decides eligibility of day d straight from the rules, with
// the time package, independently of gen.
func eligibleBrute(s Schedule, start, d int64) bool {
	st := time.Unix(start*86400, 0).UTC()
	t := time.Unix(d*86400, 0).UTC()
	has := func(v string) bool {
		for _, x := range s.Days {
			if x == v {
				return true
			}
		}
		return false
	}
	switch s.IntervalUnit {
	case UnitDay:
		return (d-start)%int64(s.IntervalDelay) == 0
	case UnitWeek:
		if len(s.Days) == 0 {
			return (d-start)%int64(7*s.IntervalDelay) == 0
		}
		wd := int(t.Weekday())
		if wd == 0 {
			wd = 7
		}
		return has(fmt.Sprint(wd))
	default:
		lastDay := t.AddDate(0, 0, 1).Day() == 1
		if len(s.Days) > 0 {
			return has(fmt.Sprint(t.Day())) || (lastDay && has(DayLast))
		}
		months := (t.Year()-st.Year())*12 + int(t.Month()) - int(st.Month())
		if months%s.IntervalDelay != 0 {
			return false
		}
		return t.Day() == st.Day() || (lastDay && st.Day() > t.Day())
	}
}

func TestValidate(t *testing.T) {
	ok := Schedule{Start: "2030-01-01", IntervalUnit: UnitWeek, IntervalDelay: 1}
	with := func(f func(*Schedule)) Schedule { s := ok; f(&s); return s }
	type pr struct{ ctx, sub string }
	tests := []struct {
		name string
		s    Schedule
		l    Limits
		want []pr
	}{
		{"valid", ok, Limits{Amount: 1}, nil},
		{"valid month days with LAST", with(func(s *Schedule) { s.IntervalUnit = UnitMonth; s.Days = []string{"1", "31", "LAST"} }), Limits{Amount: 1}, nil},
		{"valid max amount equal to amount", ok, Limits{Amount: 100, MaxAmount: i64ptr(100), MaxOccurrences: iptr(1)}, nil},
		{"valid max amount 10^14-1", ok, Limits{Amount: MaxAmount}, nil},
		{"amount 0", ok, Limits{Amount: 0}, []pr{{"amount", SubBelowMinimumValue}}},
		{"amount negative", ok, Limits{Amount: -5}, []pr{{"amount", SubBelowMinimumValue}}},
		{"amount 10^14", ok, Limits{Amount: 100_000_000_000_000}, []pr{{"amount", SubExceedsMaximumValue}}},
		{"days with delay 2", with(func(s *Schedule) { s.IntervalDelay = 2; s.Days = []string{"1"} }), Limits{Amount: 1},
			[]pr{{"schedule.days", SubInvalid}}},
		{"days with DAY unit", with(func(s *Schedule) { s.IntervalUnit = UnitDay; s.Days = []string{"1"} }), Limits{Amount: 1},
			[]pr{{"schedule.days", SubInvalid}}},
		{"WEEK day 8", with(func(s *Schedule) { s.Days = []string{"1", "8"} }), Limits{Amount: 1},
			[]pr{{"schedule.days", SubNumberOutOfRange}}},
		{"WEEK day 0", with(func(s *Schedule) { s.Days = []string{"0"} }), Limits{Amount: 1},
			[]pr{{"schedule.days", SubNumberOutOfRange}}},
		{"WEEK day LAST", with(func(s *Schedule) { s.Days = []string{"LAST"} }), Limits{Amount: 1},
			[]pr{{"schedule.days", SubInvalid}}},
		{"WEEK day name", with(func(s *Schedule) { s.Days = []string{"MON"} }), Limits{Amount: 1},
			[]pr{{"schedule.days", SubInvalid}}},
		{"MONTH day 0 and 32", with(func(s *Schedule) { s.IntervalUnit = UnitMonth; s.Days = []string{"0", "15", "32"} }), Limits{Amount: 1},
			[]pr{{"schedule.days", SubNumberOutOfRange}, {"schedule.days", SubNumberOutOfRange}}},
		{"MONTH day lower-case last", with(func(s *Schedule) { s.IntervalUnit = UnitMonth; s.Days = []string{"last"} }), Limits{Amount: 1},
			[]pr{{"schedule.days", SubInvalid}}},
		{"MONTH day with leading zero", with(func(s *Schedule) { s.IntervalUnit = UnitMonth; s.Days = []string{"05"} }), Limits{Amount: 1},
			[]pr{{"schedule.days", SubInvalid}}},
		{"MONTH day blank", with(func(s *Schedule) { s.IntervalUnit = UnitMonth; s.Days = []string{""} }), Limits{Amount: 1},
			[]pr{{"schedule.days", SubNotBlank}}},
		{"end before start", with(func(s *Schedule) { s.End = "2029-12-31" }), Limits{Amount: 1},
			[]pr{{"schedule.end", SubBelowMinimumValue}}},
		{"end not a date", with(func(s *Schedule) { s.End = "2030-02-30" }), Limits{Amount: 1},
			[]pr{{"schedule.end", SubInvalid}}},
		{"start blank", with(func(s *Schedule) { s.Start = "" }), Limits{Amount: 1},
			[]pr{{"schedule.start", SubNotBlank}}},
		{"start not a date", with(func(s *Schedule) { s.Start = "01/02/2030" }), Limits{Amount: 1},
			[]pr{{"schedule.start", SubInvalid}}},
		{"interval_unit blank", with(func(s *Schedule) { s.IntervalUnit = "" }), Limits{Amount: 1},
			[]pr{{"schedule.interval_unit", SubNotBlank}}},
		{"interval_unit YEAR", with(func(s *Schedule) { s.IntervalUnit = "YEAR" }), Limits{Amount: 1},
			[]pr{{"schedule.interval_unit", SubInvalid}}},
		{"interval_delay 0", with(func(s *Schedule) { s.IntervalDelay = 0 }), Limits{Amount: 1},
			[]pr{{"schedule.interval_delay", SubBelowMinimumValue}}},
		{"max_amount < amount", ok, Limits{Amount: 1000, MaxAmount: i64ptr(999)},
			[]pr{{"max_amount", SubBelowMinimumValue}}},
		{"max_amount 0 is not unlimited", ok, Limits{Amount: 1000, MaxAmount: i64ptr(0)},
			[]pr{{"max_amount", SubBelowMinimumValue}}},
		{"max_occurrences 0 is not unlimited", ok, Limits{Amount: 1, MaxOccurrences: iptr(0)},
			[]pr{{"max_occurrences", SubBelowMinimumValue}}},
		{"several problems in stable order", Schedule{Start: "2030-01-05", End: "2030-01-01", IntervalUnit: UnitMonth, IntervalDelay: 2, Days: []string{"32"}},
			Limits{Amount: 0, MaxOccurrences: iptr(-1)},
			[]pr{{"amount", SubBelowMinimumValue}, {"schedule.end", SubBelowMinimumValue}, {"schedule.days", SubInvalid},
				{"schedule.days", SubNumberOutOfRange}, {"max_occurrences", SubBelowMinimumValue}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []pr
			for _, p := range Validate(tc.s, tc.l) {
				if p.Message == "" {
					t.Errorf("problem %s/%s has no message", p.Context, p.SubCode)
				}
				got = append(got, pr{p.Context, p.SubCode})
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Validate() = %v, want %v", got, tc.want)
			}
			_, err := Project(tc.s, tc.l, "2030-01-01", 0, 0, 1)
			var ve *ValidationError
			if isErr := errors.As(err, &ve); isErr != (tc.want != nil) {
				t.Errorf("Project error = %v, want validation error: %v", err, tc.want != nil)
			}
		})
	}
}

func TestCheckCreate(t *testing.T) {
	const today = "2024-05-15" // Wednesday
	tests := []struct {
		name     string
		s        Schedule
		l        Limits
		wantCode string
		wantDue  string
	}{
		{"start tomorrow", Schedule{Start: "2024-05-16", IntervalUnit: UnitMonth, IntervalDelay: 1}, Limits{Amount: 1}, "", "2024-05-16"},
		{"start today", Schedule{Start: today, IntervalUnit: UnitMonth, IntervalDelay: 1}, Limits{Amount: 1}, CodeFirstOccurrenceDueImmediately, ""},
		{"start in the past, next eligible date today", Schedule{Start: "2024-05-01", IntervalUnit: UnitWeek, IntervalDelay: 1, Days: []string{"3"}},
			Limits{Amount: 1}, CodeFirstOccurrenceDueImmediately, ""},
		{"start in the past, next eligible date later", Schedule{Start: "2024-04-20", IntervalUnit: UnitMonth, IntervalDelay: 1},
			Limits{Amount: 1}, "", "2024-05-20"},
		{"start today but first eligible day later", Schedule{Start: today, IntervalUnit: UnitWeek, IntervalDelay: 1, Days: []string{"5"}},
			Limits{Amount: 1}, "", "2024-05-17"},
		{"end already passed", Schedule{Start: "2024-01-01", End: "2024-05-14", IntervalUnit: UnitDay, IntervalDelay: 1},
			Limits{Amount: 1}, CodeNoOccurrencesForSchedule, ""},
		{"window without an eligible weekday", Schedule{Start: "2024-05-20", End: "2024-05-22", IntervalUnit: UnitWeek, IntervalDelay: 1, Days: []string{"5"}},
			Limits{Amount: 1}, CodeNoOccurrencesForSchedule, ""},
		{"day 30 only, window in February", Schedule{Start: "2025-02-01", End: "2025-02-28", IntervalUnit: UnitMonth, IntervalDelay: 1, Days: []string{"30"}},
			Limits{Amount: 1}, CodeNoOccurrencesForSchedule, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o, code, err := CheckCreate(tc.s, tc.l, today)
			if err != nil {
				t.Fatal(err)
			}
			if code != tc.wantCode || o.DueDate != tc.wantDue {
				t.Errorf("CheckCreate() = %q, %q; want %q, %q", o.DueDate, code, tc.wantDue, tc.wantCode)
			}
			if code == "" && o.Amount != tc.l.Amount {
				t.Errorf("amount = %d, want %d", o.Amount, tc.l.Amount)
			}
		})
	}
	if _, _, err := CheckCreate(Schedule{Start: "x"}, Limits{Amount: 1}, today); err == nil {
		t.Error("CheckCreate with an invalid schedule: want error")
	}
}

func TestCheckUpdate(t *testing.T) {
	s := Schedule{Start: "2024-01-01", IntervalUnit: UnitMonth, IntervalDelay: 1}
	o, code, err := CheckUpdate(s, Limits{Amount: 100, MaxOccurrences: iptr(6)}, "2024-05-01", 4, 400)
	if err != nil || code != "" || o.DueDate != "2024-05-01" || o.Amount != 100 {
		t.Errorf("due today on update = %+v, %q, %v; want 2024-05-01 accepted", o, code, err)
	}
	_, code, err = CheckUpdate(s, Limits{Amount: 100, MaxOccurrences: iptr(4)}, "2024-05-01", 4, 400)
	if err != nil || code != CodeUpdateResultsInNoOccurrences {
		t.Errorf("exhausted update = %q, %v; want %q", code, err, CodeUpdateResultsInNoOccurrences)
	}
	_, code, _ = CheckUpdate(Schedule{Start: "2024-01-01", End: "2024-04-30", IntervalUnit: UnitDay, IntervalDelay: 1}, Limits{Amount: 1}, "2024-05-01", 0, 0)
	if code != CodeUpdateResultsInNoOccurrences {
		t.Errorf("update past end = %q, want %q", code, CodeUpdateResultsInNoOccurrences)
	}
}

// TestAbsurdSchedulesTerminate exercises the loop bounds: huge delays, days
// that rarely match, boundless limits and far-away end dates.
func TestAbsurdSchedulesTerminate(t *testing.T) {
	tests := []struct {
		name    string
		s       Schedule
		l       Limits
		n       int
		wantLen int
		wantRem int64 // -1 = nil
	}{
		{"DAY delay MaxInt32", Schedule{Start: "2024-01-01", IntervalUnit: UnitDay, IntervalDelay: 1<<31 - 1}, Limits{Amount: 1, MaxOccurrences: iptr(1 << 30)}, 100, 1, 1},
		{"WEEK delay MaxInt32", Schedule{Start: "2024-01-01", IntervalUnit: UnitWeek, IntervalDelay: 1<<31 - 1}, Limits{Amount: 1}, 100, 1, -1},
		{"MONTH delay MaxInt32", Schedule{Start: "2024-01-31", IntervalUnit: UnitMonth, IntervalDelay: 1<<31 - 1}, Limits{Amount: 1, MaxAmount: i64ptr(1 << 40)}, 100, 1, 1},
		{"MONTH delay 12*7975 reaches 9999", Schedule{Start: "2024-02-29", IntervalUnit: UnitMonth, IntervalDelay: 12 * 7975}, Limits{Amount: 1, MaxOccurrences: iptr(5)}, 100, 2, 2},
		{"daily to 9999 with max_occurrences", Schedule{Start: "2024-01-01", IntervalUnit: UnitDay, IntervalDelay: 1}, Limits{Amount: 1, MaxOccurrences: iptr(1<<31 - 1)}, 5, 5,
			dayOf(9999, 12, 31) - dayOf(2024, 1, 1) + 1},
		{"month day 31 to 9999 with end", Schedule{Start: "2024-01-01", End: "9999-12-31", IntervalUnit: UnitMonth, IntervalDelay: 1, Days: []string{"31"}}, Limits{Amount: 1}, 100, 100,
			(9999 - 2024 + 1) * 7},
		{"amount 10^14-1 daily to 9999 saturates", Schedule{Start: "2024-01-01", End: "9999-12-31", IntervalUnit: UnitDay, IntervalDelay: 1}, Limits{Amount: MaxAmount}, 1, 1,
			dayOf(9999, 12, 31) - dayOf(2024, 1, 1) + 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			done := make(chan struct{})
			var p Projection
			var err error
			go func() { p, err = Project(tc.s, tc.l, "2024-01-01", 0, 0, tc.n); close(done) }()
			select {
			case <-done:
			case <-time.After(5 * time.Second):
				t.Fatal("Project did not terminate")
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(p.Occurrences) != tc.wantLen {
				t.Errorf("len = %d, want %d (%s)", len(p.Occurrences), tc.wantLen, fmtOcc(p.Occurrences))
			}
			if tc.wantRem < 0 {
				if p.RemainingOccurrences != nil {
					t.Errorf("remaining = %d, want nil", *p.RemainingOccurrences)
				}
			} else if p.RemainingOccurrences == nil || *p.RemainingOccurrences != tc.wantRem {
				t.Errorf("remaining = %v, want %d", deref(p.RemainingOccurrences), tc.wantRem)
			}
			if p.RemainingAmount != nil && *p.RemainingAmount < 0 {
				t.Errorf("remaining_amount overflowed: %d", *p.RemainingAmount)
			}
		})
	}
}

func TestDates(t *testing.T) {
	for in, want := range map[string]string{
		"2019-8-19":  "2019-08-19",
		"2019-08-19": "2019-08-19",
		"2024-2-29":  "2024-02-29",
		"2000-02-29": "2000-02-29",
		"0001-01-01": "0001-01-01",
		"9999-12-31": "9999-12-31",
	} {
		if got, err := NormalizeDate(in); err != nil || got != want {
			t.Errorf("NormalizeDate(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"", "2023-02-29", "2100-02-29", "2019-13-01", "2019-00-10", "19-08-19", "2019-08-019", "2019/08/19", "0000-01-01", " 2019-08-19", "2019-8-1x"} {
		if got, err := NormalizeDate(in); err == nil {
			t.Errorf("NormalizeDate(%q) = %q, want error", in, got)
		}
	}
	if got, err := AddDays("2024-02-28", 1); err != nil || got != "2024-02-29" {
		t.Errorf("AddDays = %q, %v; want 2024-02-29", got, err)
	}
	if _, err := AddDays("9999-12-31", 1); err == nil {
		t.Error("AddDays past 9999-12-31: want error")
	}
	if _, err := Project(Schedule{Start: "2024-01-01", IntervalUnit: UnitDay, IntervalDelay: 1}, Limits{Amount: 1}, "2024-1-x", 0, 0, 1); err == nil {
		t.Error("Project with a bad from: want error")
	}
	// ISO weekdays around the epoch and in year 1.
	for date, want := range map[string]int{"1970-01-01": 4, "1969-12-28": 7, "2019-08-19": 1, "0001-01-01": 1} {
		d, _ := parseDay(date)
		if got := isoWeekday(d); got != want {
			t.Errorf("isoWeekday(%s) = %d, want %d", date, got, want)
		}
	}
}
