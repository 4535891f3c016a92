// Package schedule is a deterministic recurring-charge schedule engine for the
// local AffiniPay sandbox. It reproduces the rules of the AffiniPay API
// reference (affinipay-api-reference.txt: "Recurring Charges", "Preview
// Recurring Charge", and the recurring_charge, recurring_charge_projection and
// schedule object types):
//
//   - interval_unit is DAY, WEEK or MONTH; payments are performed every
//     interval_delay units.
//   - days selects specific days of the week ("1" Monday .. "7" Sunday, ISO) or
//     of the month ("1".."31" or "LAST") and is only allowed with WEEK or MONTH
//     and an interval_delay of 1.
//   - start: the first occurrence may be executed on or after this date; end
//     (optional): the last occurrence is executed on or before this date.
//   - max_occurrences and max_amount bound the schedule; the final occurrence
//     under max_amount is the lesser of amount and max_amount - total_amount.
//   - For start dates in the past the next payment is the next eligible date on
//     or after the current date (occurrences before it are not counted).
//   - A new recurring charge whose first payment would be due today is rejected
//     with first_occurrence_due_immediately; one with no occurrences at all with
//     no_occurrences_for_schedule; an update leaving no further occurrences with
//     update_results_in_no_occurrences.
//
// Readings of points the reference leaves open (each is also documented where
// it is implemented):
//
//   - MONTH without days repeats on the start's day of the month, clamped to
//     the last day of shorter months, and always computed from the start (Jan 31
//     monthly: Jan 31, Feb 28/29, Mar 31, Apr 30, ...). See monthlyDate.
//   - MONTH with a numeric day the month lacks (e.g. "31" in April, "30" in
//     February) skips that month for that day; "LAST" is the way to ask for
//     the month end. See monthDaysIn.
//   - WEEK without days repeats on the start's weekday every interval_delay
//     weeks; DAY repeats every interval_delay days from the start.
//   - Duplicate days (and "LAST" coinciding with a numeric day) produce a
//     single occurrence on that date: a schedule is a set of dates.
//   - end before start is a field problem (schedule.end, below_minimum_value);
//     end equal to start is allowed.
//   - Dates are accepted as yyyy-m-d or yyyy-mm-dd (the preview example sends
//     "2019-8-19") and always returned as yyyy-mm-dd. Dates are limited to the
//     years 0001..9999; a schedule simply ends at 9999-12-31, which also bounds
//     every loop in this package.
package schedule

import (
	"fmt"
	"math"
	"math/bits"
	"strconv"
	"strings"
	"time"
)

// Interval units (schedule.interval_unit).
const (
	UnitDay   = "DAY"
	UnitWeek  = "WEEK"
	UnitMonth = "MONTH"
)

// DayLast is the days keyword for the last day of the month.
const DayLast = "LAST"

// MaxAmount is the largest permitted amount ("The maximum value is 10^14 - 1").
const MaxAmount int64 = 100_000_000_000_000 - 1

// Message codes from "Recurring Charge Messages" in the reference.
const (
	CodeNoOccurrencesForSchedule      = "no_occurrences_for_schedule"
	CodeFirstOccurrenceDueImmediately = "first_occurrence_due_immediately"
	CodeUpdateResultsInNoOccurrences  = "update_results_in_no_occurrences"
)

// invalid_data sub_codes used by Validate (reference "invalid_data").
const (
	SubNumberOutOfRange    = "number_out_of_range"
	SubInvalidLength       = "invalid_length"
	SubExceedsMaximumValue = "exceeds_maximum_value"
	SubBelowMinimumValue   = "below_minimum_value"
	SubNotBlank            = "not_blank"
	SubNotNull             = "not_null"
	SubInvalid             = "invalid"
)

// Schedule is the reference's schedule object.
type Schedule struct {
	Start         string   // yyyy-mm-dd (yyyy-m-d accepted); required
	End           string   // yyyy-mm-dd; "" = no end date
	IntervalUnit  string   // DAY | WEEK | MONTH
	IntervalDelay int      // >= 1
	Days          []string // optional; WEEK "1".."7", MONTH "1".."31" or "LAST"
}

// Limits are the amount fields of a recurring charge. MaxOccurrences and
// MaxAmount are pointers because the reference distinguishes null (unlimited)
// from a value, whose minimum is 1: an explicit 0 is a below_minimum_value
// problem, not "unlimited".
type Limits struct {
	Amount         int64
	MaxOccurrences *int   // nil = unlimited
	MaxAmount      *int64 // nil = unlimited
}

// Occurrence is one scheduled payment (recurring_charge_projection_occurrence).
type Occurrence struct {
	DueDate string // yyyy-mm-dd
	Amount  int64
}

// Projection is the computed part of a recurring_charge_projection.
type Projection struct {
	// RemainingOccurrences and RemainingAmount are nil when the schedule is
	// boundless (no end, max_occurrences or max_amount). They count from the
	// next payment on (the next pending occurrence included).
	RemainingOccurrences *int64
	RemainingAmount      *int64
	// NextPayment is "" when no scheduled payments remain.
	NextPayment string
	// Occurrences holds at most n occurrences starting with NextPayment.
	Occurrences []Occurrence
}

// Problem is one invalid_data message: Context is the dotted field path
// ("schedule.days", "max_amount"), SubCode one of the Sub* constants.
type Problem struct {
	Context, SubCode, Message string
}

// ValidationError is returned by the computing functions when Validate reports
// problems.
type ValidationError struct {
	Problems []Problem
}

func (e *ValidationError) Error() string {
	parts := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		parts[i] = p.Context + ": " + p.SubCode + ": " + p.Message
	}
	return "invalid schedule: " + strings.Join(parts, "; ")
}

// ---------------------------------------------------------------------------
// Dates. Dates are handled as day numbers (days since 1970-01-01, UTC).

var (
	minDay = dayOf(1, 1, 1)
	maxDay = dayOf(9999, 12, 31)
)

func dayOf(y, m, d int) int64 {
	return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC).Unix() / 86400
}

func civil(day int64) (y, m, d int) {
	t := time.Unix(day*86400, 0).UTC()
	return t.Year(), int(t.Month()), t.Day()
}

func formatDay(day int64) string {
	y, m, d := civil(day)
	return fmt.Sprintf("%04d-%02d-%02d", y, m, d)
}

// isoWeekday returns 1 (Monday) .. 7 (Sunday).
func isoWeekday(day int64) int {
	// 1970-01-01 was a Thursday (ISO 4).
	w := (day + 3) % 7
	if w < 0 {
		w += 7
	}
	return int(w) + 1
}

func daysInMonth(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// AllDigits reports whether s is non-empty and only ASCII digits. The
// sandbox's validation of card, bank and phone numbers uses it too.
func AllDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func parseDay(s string) (int64, error) {
	parts := strings.Split(s, "-")
	if len(parts) != 3 || len(parts[0]) != 4 ||
		len(parts[1]) < 1 || len(parts[1]) > 2 || len(parts[2]) < 1 || len(parts[2]) > 2 ||
		!AllDigits(parts[0]) || !AllDigits(parts[1]) || !AllDigits(parts[2]) {
		return 0, fmt.Errorf("invalid date %q: expected yyyy-mm-dd", s)
	}
	y, _ := strconv.Atoi(parts[0])
	m, _ := strconv.Atoi(parts[1])
	d, _ := strconv.Atoi(parts[2])
	if y < 1 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m) {
		return 0, fmt.Errorf("invalid date %q", s)
	}
	return dayOf(y, m, d), nil
}

// NormalizeDate parses yyyy-m-d or yyyy-mm-dd and returns yyyy-mm-dd, as the
// gateway echoes "2019-8-19" back as "2019-08-19".
func NormalizeDate(s string) (string, error) {
	d, err := parseDay(s)
	if err != nil {
		return "", err
	}
	return formatDay(d), nil
}

// AddDays returns date + n days (yyyy-mm-dd); handy for "tomorrow", the
// preview's default start_date.
func AddDays(date string, n int) (string, error) {
	d, err := parseDay(date)
	if err != nil {
		return "", err
	}
	r := d + int64(n)
	if r < minDay || r > maxDay {
		return "", fmt.Errorf("date %s%+d days is out of range", date, n)
	}
	return formatDay(r), nil
}

// ---------------------------------------------------------------------------
// Validation.

// Validate returns the invalid_data problems of a schedule and its limits, in
// a stable order (amount, schedule.*, max_occurrences, max_amount). Missing
// JSON fields that the caller represents as zero values are reported as their
// zero value would be (start "" -> not_blank, interval_delay 0 ->
// below_minimum_value); a caller that can tell "absent" from "0" may report
// not_null itself instead.
func Validate(s Schedule, l Limits) []Problem {
	var ps []Problem
	add := func(ctx, sub, msg string) { ps = append(ps, Problem{ctx, sub, msg}) }

	amountOK := false
	switch {
	case l.Amount < 1:
		add("amount", SubBelowMinimumValue, "amount must be at least 1")
	case l.Amount > MaxAmount:
		add("amount", SubExceedsMaximumValue, "amount must be at most 10^14 - 1")
	default:
		amountOK = true
	}

	var start int64
	startOK := false
	if strings.TrimSpace(s.Start) == "" {
		add("schedule.start", SubNotBlank, "start cannot be blank")
	} else if d, err := parseDay(s.Start); err != nil {
		add("schedule.start", SubInvalid, "start must be a date in the format yyyy-mm-dd")
	} else {
		start, startOK = d, true
	}

	if s.End != "" {
		if e, err := parseDay(s.End); err != nil {
			add("schedule.end", SubInvalid, "end must be a date in the format yyyy-mm-dd")
		} else if startOK && e < start {
			// Reading: the reference only says the last occurrence is on or
			// before end; an end before start can never hold one, so it is
			// rejected as a value below its minimum (start). end == start is
			// a valid one-day window.
			add("schedule.end", SubBelowMinimumValue, "end must be on or after start")
		}
	}

	unit := s.IntervalUnit
	switch unit {
	case UnitDay, UnitWeek, UnitMonth:
	case "":
		add("schedule.interval_unit", SubNotBlank, "interval_unit cannot be blank")
	default:
		add("schedule.interval_unit", SubInvalid, "interval_unit must be one of DAY, WEEK, MONTH")
	}

	if s.IntervalDelay < 1 {
		add("schedule.interval_delay", SubBelowMinimumValue, "interval_delay must be at least 1")
	}

	if len(s.Days) > 0 {
		switch {
		case unit == UnitDay:
			add("schedule.days", SubInvalid, "days can only be used with an interval_unit of WEEK or MONTH")
		case s.IntervalDelay != 1 && s.IntervalDelay >= 1:
			add("schedule.days", SubInvalid, "days can only be used with an interval_delay of 1")
		}
		if unit == UnitWeek || unit == UnitMonth {
			for _, v := range s.Days {
				if p, bad := checkDay(unit, v); bad {
					ps = append(ps, p)
				}
			}
		}
	}

	if l.MaxOccurrences != nil && *l.MaxOccurrences < 1 {
		add("max_occurrences", SubBelowMinimumValue, "max_occurrences must be at least 1")
	}
	if l.MaxAmount != nil {
		switch {
		case *l.MaxAmount < 1:
			add("max_amount", SubBelowMinimumValue, "max_amount must be at least 1")
		case amountOK && *l.MaxAmount < l.Amount:
			add("max_amount", SubBelowMinimumValue, "max_amount must be greater than or equal to amount")
		}
	}
	return ps
}

// checkDay validates one element of days. Values must be canonical decimal
// numbers (no sign, spaces or leading zeros) or, for MONTH, exactly "LAST":
// the reference lists the values as "1".."7" and "1".."31"/"LAST", and a
// strict sandbox catches clients that send something else.
func checkDay(unit, v string) (Problem, bool) {
	hi := 7
	what := `days for a WEEK schedule must be "1" (Monday) through "7" (Sunday)`
	if unit == UnitMonth {
		hi = 31
		what = `days for a MONTH schedule must be "1" through "31" or "LAST"`
		if v == DayLast {
			return Problem{}, false
		}
	}
	switch {
	case v == "":
		return Problem{"schedule.days", SubNotBlank, "days values cannot be blank"}, true
	case !AllDigits(v) || (len(v) > 1 && v[0] == '0'):
		return Problem{"schedule.days", SubInvalid, fmt.Sprintf("invalid day %q: %s", v, what)}, true
	}
	if n, err := strconv.Atoi(v); err != nil || n < 1 || n > hi {
		return Problem{"schedule.days", SubNumberOutOfRange, fmt.Sprintf("day %q out of range: %s", v, what)}, true
	}
	return Problem{}, false
}

// ---------------------------------------------------------------------------
// Date generation.

type mode int

const (
	modeStep      mode = iota // DAY, or WEEK without days
	modeWeekDays              // WEEK with days
	modeMonthly               // MONTH without days
	modeMonthDays             // MONTH with days
)

// gen enumerates the eligible dates of a valid schedule, ignoring end and the
// amount limits, between start and maxDay.
type gen struct {
	mode  mode
	start int64

	step int64 // modeStep: days between occurrences

	weekdays [8]bool // modeWeekDays: ISO weekdays 1..7

	// modeMonthly
	startMonth int64 // months since year 0 of the start (y*12 + m-1)
	startDom   int   // start's day of month
	delay      int64 // months between occurrences

	// modeMonthDays
	monthDays [32]bool // numeric days 1..31
	upTo      [32]int  // upTo[d]: number of selected numeric days <= d
	last      bool     // "LAST"
}

const maxMonth = 9999*12 + 11

func newGen(s Schedule) (*gen, error) {
	start, err := parseDay(s.Start)
	if err != nil {
		return nil, err
	}
	g := &gen{start: start}
	// Any delay larger than the whole date range behaves like that range;
	// capping it keeps the arithmetic below far from overflow.
	delay := int64(s.IntervalDelay)
	if span := maxDay - minDay + 1; delay > span {
		delay = span
	}
	switch s.IntervalUnit {
	case UnitDay:
		g.mode, g.step = modeStep, delay
	case UnitWeek:
		if len(s.Days) == 0 {
			// Reading: WEEK without days repeats on the start's weekday
			// every interval_delay weeks (the reference's bi-weekly example
			// starts on Friday 2016-01-01 and is due that day).
			g.mode, g.step = modeStep, 7*delay
			break
		}
		g.mode = modeWeekDays
		for _, v := range s.Days {
			n, _ := strconv.Atoi(v)
			g.weekdays[n] = true
		}
	case UnitMonth:
		y, m, d := civil(start)
		if len(s.Days) == 0 {
			g.mode = modeMonthly
			g.startMonth = int64(y)*12 + int64(m-1)
			g.startDom = d
			g.delay = delay
			break
		}
		g.mode = modeMonthDays
		for _, v := range s.Days {
			if v == DayLast {
				g.last = true
				continue
			}
			n, _ := strconv.Atoi(v)
			g.monthDays[n] = true
		}
		for d := 1; d <= 31; d++ {
			g.upTo[d] = g.upTo[d-1] + int(b2i(g.monthDays[d]))
		}
	default:
		return nil, fmt.Errorf("invalid interval_unit %q", s.IntervalUnit)
	}
	return g, nil
}

// monthlyDate is the k-th occurrence of a MONTH schedule without days.
//
// Reading: the reference only says "every n months". The occurrence keeps the
// start's day of the month and is clamped to the last day of months that are
// shorter (Jan 31 -> Feb 28/29 -> Mar 31 -> Apr 30), computed from the start
// each time so a clamp never drifts later months. Skipping short months
// instead would silently drop up to five payments a year from a schedule the
// merchant asked to run every month; clamping matches adding months to a date
// in java.time (LocalDate.plusMonths) and Joda-Time. (Go's AddDate would
// instead overflow Jan 31 + 1 month into March, which no billing schedule
// wants.)
func (g *gen) monthlyDate(k int64) (int64, bool) {
	if k > (maxMonth-g.startMonth)/g.delay {
		return 0, false
	}
	mi := g.startMonth + k*g.delay
	y, m := int(mi/12), int(mi%12)+1
	d := min(g.startDom, daysInMonth(y, m))
	return dayOf(y, m, d), true
}

// monthDaysIn reports whether day d of month (y, m) is selected by days.
//
// Reading: a numeric day a month does not have ("31" in April, "29".."31" in a
// non-leap February) is skipped for that month rather than clamped. The
// reference offers the keyword LAST precisely for the month end; if "31" were
// clamped it would be indistinguishable from LAST. This is also how RFC 5545
// treats BYMONTHDAY values that do not exist in a month.
func (g *gen) monthDaysIn(y, m, d int) bool {
	return g.monthDays[d] || (g.last && d == daysInMonth(y, m))
}

// monthDaysCount is the number of selected dates in month (y, m), counting a
// numeric day that coincides with LAST once.
func (g *gen) monthDaysCount(y, m int) int64 {
	dim := daysInMonth(y, m)
	return int64(g.upTo[dim]) + b2i(g.last && !g.monthDays[dim])
}

// firstOnOrAfter returns the first eligible date >= max(lo, start), or false
// if there is none up to 9999-12-31. Every path is bounded: at most 7 days,
// 2 candidates or (for month days) the months up to year 9999.
func (g *gen) firstOnOrAfter(lo int64) (int64, bool) {
	lo = max(lo, g.start)
	if lo > maxDay {
		return 0, false
	}
	switch g.mode {
	case modeStep:
		k := (lo - g.start + g.step - 1) / g.step
		if k > (maxDay-g.start)/g.step {
			return 0, false
		}
		return g.start + k*g.step, true
	case modeWeekDays:
		for d := lo; d < lo+7 && d <= maxDay; d++ {
			if g.weekdays[isoWeekday(d)] {
				return d, true
			}
		}
		return 0, false
	case modeMonthly:
		k, ok := g.kOnOrAfter(lo)
		if !ok {
			return 0, false
		}
		return g.monthlyDate(k)
	case modeMonthDays:
		y, m, d := civil(lo)
		for mi := int64(y)*12 + int64(m-1); mi <= maxMonth; mi++ {
			yy, mm := int(mi/12), int(mi%12)+1
			dim := daysInMonth(yy, mm)
			for ; d <= dim; d++ {
				if g.monthDaysIn(yy, mm, d) {
					return dayOf(yy, mm, d), true
				}
			}
			d = 1
		}
		return 0, false
	}
	return 0, false
}

// kOnOrAfter returns the smallest k whose monthly date is >= lo (lo >= start).
func (g *gen) kOnOrAfter(lo int64) (int64, bool) {
	y, m, _ := civil(lo)
	loMonth := int64(y)*12 + int64(m-1)
	k := (loMonth - g.startMonth) / g.delay
	d, ok := g.monthlyDate(k)
	if !ok {
		return 0, false
	}
	if d < lo {
		// The period containing lo's month is already past; the next
		// period starts in a later month, so its date is after lo.
		k++
		if _, ok := g.monthlyDate(k); !ok {
			return 0, false
		}
	}
	return k, true
}

// count returns the number of eligible dates in [lo, hi] (lo clamped to
// start, hi to 9999-12-31), or any value >= limit once it is known to be at
// least limit. It uses closed forms where they exist; MONTH with days walks
// months (at most ~120,000, fewer when limit is reached first).
func (g *gen) count(lo, hi, limit int64) int64 {
	lo = max(lo, g.start)
	hi = min(hi, maxDay)
	if lo > hi {
		return 0
	}
	switch g.mode {
	case modeStep:
		first, ok := g.firstOnOrAfter(lo)
		if !ok || first > hi {
			return 0
		}
		return (hi-first)/g.step + 1
	case modeWeekDays:
		var perWeek int64
		for w := 1; w <= 7; w++ {
			if g.weekdays[w] {
				perWeek++
			}
		}
		span := hi - lo + 1
		n := span / 7 * perWeek
		for d := lo + span/7*7; d <= hi; d++ {
			if g.weekdays[isoWeekday(d)] {
				n++
			}
		}
		return n
	case modeMonthly:
		k1, ok := g.kOnOrAfter(lo)
		if !ok {
			return 0
		}
		d1, _ := g.monthlyDate(k1)
		if d1 > hi {
			return 0
		}
		// Last k with date <= hi.
		y, m, _ := civil(hi)
		k2 := (int64(y)*12 + int64(m-1) - g.startMonth) / g.delay
		if d2, ok := g.monthlyDate(k2); !ok || d2 > hi {
			k2--
		}
		return k2 - k1 + 1
	case modeMonthDays:
		ly, lm, ld := civil(lo)
		hy, hm, hd := civil(hi)
		loM := int64(ly)*12 + int64(lm-1)
		hiM := int64(hy)*12 + int64(hm-1)
		var n int64
		for mi := loM; mi <= hiM && n < limit; mi++ {
			yy, mm := int(mi/12), int(mi%12)+1
			if mi != loM && mi != hiM {
				n += g.monthDaysCount(yy, mm)
				continue
			}
			from, to := 1, daysInMonth(yy, mm)
			if mi == loM {
				from = ld
			}
			if mi == hiM {
				to = hd
			}
			for d := from; d <= to; d++ {
				if g.monthDaysIn(yy, mm, d) {
					n++
				}
			}
		}
		return n
	}
	return 0
}

// ---------------------------------------------------------------------------
// Projection.

// Project computes the recurring_charge_projection fields for a schedule as
// seen on date from (the "current date"): occurrences before from are not
// due any more and are not counted (only totalOccurrences/totalAmount, the
// occurrences already attempted, count towards max_occurrences/max_amount).
// It returns at most n occurrences (n <= 0: none, but NextPayment and the
// remaining counts are still computed). Remaining counts include the next
// payment and are nil only for a boundless schedule.
func Project(s Schedule, l Limits, from string, totalOccurrences int, totalAmount int64, n int) (Projection, error) {
	if ps := Validate(s, l); len(ps) > 0 {
		return Projection{}, &ValidationError{ps}
	}
	fromDay, err := parseDay(from)
	if err != nil {
		return Projection{}, fmt.Errorf("from: %w", err)
	}
	if totalOccurrences < 0 || totalAmount < 0 {
		return Projection{}, fmt.Errorf("totals must not be negative")
	}
	g, err := newGen(s)
	if err != nil {
		return Projection{}, err
	}
	hi := maxDay
	if s.End != "" {
		hi, _ = parseDay(s.End) // validated above
	}

	// Caps from the limits, relative to what was already consumed.
	occCap := int64(math.MaxInt64)
	if l.MaxOccurrences != nil {
		occCap = max(0, int64(*l.MaxOccurrences)-int64(totalOccurrences))
	}
	remAmount := int64(math.MaxInt64) // max_amount - total_amount
	if l.MaxAmount != nil {
		remAmount = max(0, *l.MaxAmount-totalAmount)
		// Occurrences needed to reach max_amount: ceil(rem / amount).
		occCap = min(occCap, remAmount/l.Amount+b2i(remAmount%l.Amount != 0))
	}

	var p Projection
	if s.End != "" || l.MaxOccurrences != nil || l.MaxAmount != nil {
		cnt := min(occCap, g.count(fromDay, hi, occCap))
		amt := mulSat(cnt, l.Amount)
		if l.MaxAmount != nil {
			// The final occurrence is the lesser of amount and the
			// remainder, so the sum is capped by max_amount - total.
			amt = min(amt, remAmount)
		}
		p.RemainingOccurrences, p.RemainingAmount = &cnt, &amt
	}

	// Walk the next occurrences; bounded by n, occCap and 9999-12-31.
	var (
		emitted int64
		sum     int64
		day     = fromDay
	)
	for emitted < occCap {
		d, ok := g.firstOnOrAfter(day)
		if !ok || d > hi {
			break
		}
		if p.NextPayment == "" {
			p.NextPayment = formatDay(d)
		}
		if emitted >= int64(n) {
			break
		}
		a := l.Amount
		if l.MaxAmount != nil {
			a = min(a, remAmount-sum)
		}
		p.Occurrences = append(p.Occurrences, Occurrence{DueDate: formatDay(d), Amount: a})
		sum += a
		emitted++
		day = d + 1
	}
	return p, nil
}

// Occurrences returns up to n occurrences due on or after from, given the
// occurrences and amount already consumed, honouring end, max_occurrences and
// max_amount (with the final partial amount). See Project.
func Occurrences(s Schedule, l Limits, from string, totalOccurrences int, totalAmount int64, n int) ([]Occurrence, error) {
	p, err := Project(s, l, from, totalOccurrences, totalAmount, n)
	if err != nil {
		return nil, err
	}
	return p.Occurrences, nil
}

// CheckCreate applies the creation rules to a new recurring charge created on
// date today: it returns the first (next) occurrence, or one of the message
// codes CodeNoOccurrencesForSchedule (the schedule yields no occurrence on or
// after today) or CodeFirstOccurrenceDueImmediately (it would be due today).
//
// Reading: the reference allows start dates in the past ("For start dates
// occurring before the current date, the next payment is defined as the next
// eligible date on or after the current date") and rejects a schedule only
// when it "would result in a payment due today". So a past start whose next
// eligible date is after today is accepted; a start of today, or a past start
// whose next eligible date is today, is rejected.
func CheckCreate(s Schedule, l Limits, today string) (Occurrence, string, error) {
	p, err := Project(s, l, today, 0, 0, 1)
	if err != nil {
		return Occurrence{}, "", err
	}
	if len(p.Occurrences) == 0 {
		return Occurrence{}, CodeNoOccurrencesForSchedule, nil
	}
	if p.Occurrences[0].DueDate == formatDayMust(today) {
		return Occurrence{}, CodeFirstOccurrenceDueImmediately, nil
	}
	return p.Occurrences[0], "", nil
}

// CheckUpdate applies the update rule: it returns the next occurrence on or
// after today given the totals already consumed, or
// CodeUpdateResultsInNoOccurrences if none remains. The reference documents
// first_occurrence_due_immediately for creation only, so an update whose next
// payment is today is accepted.
func CheckUpdate(s Schedule, l Limits, today string, totalOccurrences int, totalAmount int64) (Occurrence, string, error) {
	p, err := Project(s, l, today, totalOccurrences, totalAmount, 1)
	if err != nil {
		return Occurrence{}, "", err
	}
	if len(p.Occurrences) == 0 {
		return Occurrence{}, CodeUpdateResultsInNoOccurrences, nil
	}
	return p.Occurrences[0], "", nil
}

func formatDayMust(s string) string {
	d, _ := parseDay(s) // already validated by Project
	return formatDay(d)
}

func b2i(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

// mulSat multiplies non-negative a and b, saturating at MaxInt64 (only
// reachable with absurd inputs such as a daily 10^14 charge until 9999).
func mulSat(a, b int64) int64 {
	hi, lo := bits.Mul64(uint64(a), uint64(b))
	if hi != 0 || lo > math.MaxInt64 {
		return math.MaxInt64
	}
	return int64(lo)
}
