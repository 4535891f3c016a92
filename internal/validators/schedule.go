package validators

import (
	"fmt"
	"regexp"
	"strconv"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// Rules of the API reference's schedule object (recurring charges).

// Schedule interval units.
const (
	IntervalDay   = "DAY"
	IntervalWeek  = "WEEK"
	IntervalMonth = "MONTH"
)

// IntervalUnits lists the schedule interval_unit values.
var IntervalUnits = []string{IntervalDay, IntervalWeek, IntervalMonth}

// DateLayout is the API's date format.
const DateLayout = "2006-01-02"

var dateRe = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

// CheckDate accepts a calendar date written yyyy-mm-dd. The API also
// accepts yyyy-m-d but always returns yyyy-mm-dd, so only the canonical
// form is accepted here: anything else would be a perpetual diff.
func CheckDate(s string) string {
	if !dateRe.MatchString(s) {
		return fmt.Sprintf("%q is not a date in the format yyyy-mm-dd (for example 2030-01-31)", s)
	}
	if _, err := time.Parse(DateLayout, s); err != nil {
		return fmt.Sprintf("%q is not a valid calendar date", s)
	}
	return ""
}

// Date validates a yyyy-mm-dd date.
func Date() validator.String {
	return NewString("a date in the format yyyy-mm-dd", CheckDate)
}

// CheckScheduleDay checks one element of schedule.days for an interval
// unit: "1" (Monday) .. "7" (Sunday) for WEEK, "1".."31" or "LAST" for
// MONTH. Values must be written canonically ("5", not "05" or " 5"),
// the way the API lists them. Other units are reported by CheckScheduleDays.
func CheckScheduleDay(unit, v string) string {
	hi, what := 7, `for a WEEK schedule, days are "1" (Monday) through "7" (Sunday)`
	if unit == IntervalMonth {
		if v == "LAST" {
			return ""
		}
		hi, what = 31, `for a MONTH schedule, days are "1" through "31" or "LAST" (the last day of the month)`
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > hi || strconv.Itoa(n) != v {
		return fmt.Sprintf("%q is not a valid day: %s", v, what)
	}
	return ""
}

// CheckScheduleDays returns the problems of a non-empty days list given the
// schedule's interval_unit and interval_delay (delay <= 0 means unknown):
// days can only be used with WEEK or MONTH and an interval_delay of 1.
func CheckScheduleDays(unit string, delay int64, days []string) []string {
	var out []string
	switch unit {
	case IntervalDay:
		return []string{"days can only be used with an interval_unit of WEEK or MONTH, not DAY"}
	case IntervalWeek, IntervalMonth:
		if delay > 1 {
			out = append(out, fmt.Sprintf("days can only be used with an interval_delay of 1 (got %d)", delay))
		}
		for _, d := range days {
			if p := CheckScheduleDay(unit, d); p != "" {
				out = append(out, p)
			}
		}
	}
	return out
}

// CheckScheduleEnd reports an end date before start (both yyyy-mm-dd;
// invalid dates are left to CheckDate). end equal to start is a one-day
// window and allowed.
func CheckScheduleEnd(start, end string) string {
	s, err1 := time.Parse(DateLayout, start)
	e, err2 := time.Parse(DateLayout, end)
	if err1 != nil || err2 != nil || !e.Before(s) {
		return ""
	}
	return fmt.Sprintf("end %s is before start %s: the last payment is made on or before end, so end must not be before start", end, start)
}

// CheckStartAfterToday reports a start date that is today or earlier (UTC):
// the API rejects a new recurring charge whose first payment would be due
// on the day it is created (first_occurrence_due_immediately).
func CheckStartAfterToday(start string, now time.Time) string {
	s, err := time.Parse(DateLayout, start)
	if err != nil {
		return ""
	}
	today := now.UTC().Format(DateLayout)
	if s.Format(DateLayout) > today {
		return ""
	}
	return fmt.Sprintf("start %s is not after today (%s UTC): a new recurring charge cannot start today or earlier, because the API "+
		"rejects a first payment due on the day the charge is created (first_occurrence_due_immediately). Use a start date of tomorrow or later.", start, today)
}
