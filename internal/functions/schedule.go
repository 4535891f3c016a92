package functions

// The schedule engine of schedule_dates: the due dates of a recurring
// charge schedule (API reference "schedule" object and "Preview Recurring
// Charge"), computed offline with the calendar of package time. It is
// written independently of the sandbox's engine (internal/sandbox/schedule),
// which the tests use as the oracle (agreement_test.go).
//
// The reference's rules: payments are due every interval_delay DAYs, WEEKs
// or MONTHs; days picks ISO weekdays ("1" Monday .. "7" Sunday) or days of
// the month ("1".."31", "LAST"), only with WEEK or MONTH and
// interval_delay 1; the first payment is on or after start, the last on or
// before end. Where the reference is silent, the readings are:
//   - WEEK without days: every interval_delay weeks on start's weekday;
//     DAY: every interval_delay days from start.
//   - MONTH without days: every interval_delay months on start's day of the
//     month, clamped to the last day of a shorter month and always counted
//     from start (Jan 31: Feb 28 or 29, Mar 31, Apr 30, ...).
//   - MONTH with days: a numeric day a month does not have ("31" in April)
//     is skipped in that month; "LAST" is the month's last day; a date
//     selected twice ("LAST" and "30" in April) is one payment.
//   - The calendar ends on 9999-12-31.

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"time"
)

// schedule is a validated schedule.
type schedule struct {
	start, end time.Time // end is zero when absent
	unit       string
	delay      int64
	weekdays   map[time.Weekday]bool
	monthDays  map[int]bool // 1..31
	monthLast  bool
}

var lastDay = time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)

var looseDate = regexp.MustCompile(`^(\d{4})-(\d{1,2})-(\d{1,2})$`)

// parseDate reads yyyy-mm-dd (or yyyy-m-d, which the API also accepts, as
// in the reference's preview example "2019-8-19").
func parseDate(s string) (time.Time, bool) {
	m := looseDate.FindStringSubmatch(s)
	if m == nil {
		return time.Time{}, false
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	d, _ := strconv.Atoi(m[3])
	t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
	if y < 1 || t.Year() != y || int(t.Month()) != mo || t.Day() != d {
		return time.Time{}, false
	}
	return t, true
}

// daysIn is the number of days of month m of year y.
func daysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// dates returns at most count due dates of s, in order.
func (s *schedule) dates(count int) []time.Time {
	out := make([]time.Time, 0, count)
	limit := lastDay
	if !s.end.IsZero() && s.end.Before(limit) {
		limit = s.end
	}
	emit := func(t time.Time) bool {
		if t.After(limit) || len(out) >= count {
			return false
		}
		if n := len(out); n == 0 || t.After(out[n-1]) {
			out = append(out, t)
		}
		return len(out) < count
	}
	if count <= 0 {
		return out
	}
	switch {
	case s.unit == "DAY" || (s.unit == "WEEK" && len(s.weekdays) == 0):
		step := s.delay
		if s.unit == "WEEK" {
			step *= 7
		}
		if step > 4_000_000 { // longer than the calendar: only start
			step = 4_000_000
		}
		for t := s.start; emit(t); t = t.AddDate(0, 0, int(step)) {
		}
	case s.unit == "WEEK":
		// At least one weekday is selected: each 7 days hold a payment.
		for t := s.start; !t.After(limit); t = t.AddDate(0, 0, 1) {
			if s.weekdays[t.Weekday()] && !emit(t) {
				break
			}
		}
	case len(s.monthDays) == 0 && !s.monthLast:
		y, m, d := s.start.Date()
		for k := int64(0); ; k++ {
			months := int64(m-1) + k*s.delay
			yy := int64(y) + months/12
			if yy > 9999 {
				break
			}
			mm := time.Month(months%12 + 1)
			dd := min(d, daysIn(int(yy), mm))
			if !emit(time.Date(int(yy), mm, dd, 0, 0, 0, 0, time.UTC)) {
				break
			}
		}
	default:
		y, m, _ := s.start.Date()
		for month := time.Date(y, m, 1, 0, 0, 0, 0, time.UTC); !month.After(limit); month = month.AddDate(0, 1, 0) {
			dim := daysIn(month.Year(), month.Month())
			var days []int
			for d := range s.monthDays {
				if d <= dim {
					days = append(days, d)
				}
			}
			if s.monthLast {
				days = append(days, dim)
			}
			sort.Ints(days)
			more := true
			for _, d := range days {
				t := time.Date(month.Year(), month.Month(), d, 0, 0, 0, 0, time.UTC)
				if t.Before(s.start) {
					continue
				}
				if more = emit(t); !more {
					break
				}
			}
			if !more {
				break
			}
		}
	}
	return out
}

// formatDates writes dates as yyyy-mm-dd.
func formatDates(ts []time.Time) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = fmt.Sprintf("%04d-%02d-%02d", t.Year(), int(t.Month()), t.Day())
	}
	return out
}
