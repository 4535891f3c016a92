package validators

import (
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestCheckDate(t *testing.T) {
	runCheckCases(t, CheckDate, []checkCase{
		{"2030-01-31", ""}, {"2028-02-29", ""},
		{"2019-8-19", "yyyy-mm-dd"},
		{"2030-02-30", "not a valid calendar date"},
		{"2030-13-01", "not a valid calendar date"},
		{"", "yyyy-mm-dd"},
		{"2030-01-31T00:00:00Z", "yyyy-mm-dd"},
	})
	if errs := validateString(t, Date(), types.StringValue("31/01/2030")); len(errs) != 1 {
		t.Errorf("31/01/2030: got %v, want one error", errs)
	}
	if errs := validateString(t, Date(), types.StringUnknown()); len(errs) != 0 {
		t.Errorf("unknown: %v", errs)
	}
}

func TestCheckScheduleDay(t *testing.T) {
	week := func(s string) string { return CheckScheduleDay(IntervalWeek, s) }
	month := func(s string) string { return CheckScheduleDay(IntervalMonth, s) }
	runCheckCases(t, week, []checkCase{
		{"1", ""}, {"7", ""}, {"0", "Monday"}, {"8", "Monday"}, {"LAST", "WEEK"}, {"05", "not a valid day"}, {" 5", "not a valid day"}, {"", "not a valid day"},
	})
	runCheckCases(t, month, []checkCase{
		{"1", ""}, {"31", ""}, {"LAST", ""}, {"32", "LAST"}, {"0", "MONTH"}, {"last", "not a valid day"}, {"+1", "not a valid day"},
	})
}

func TestCheckScheduleDays(t *testing.T) {
	cases := []struct {
		unit  string
		delay int64
		days  []string
		want  []string
	}{
		{IntervalWeek, 1, []string{"1", "5"}, nil},
		{IntervalMonth, 1, []string{"15", "LAST"}, nil},
		{IntervalMonth, 0, []string{"15"}, nil}, // delay unknown
		{IntervalDay, 1, []string{"1"}, []string{"not DAY"}},
		{IntervalWeek, 2, []string{"1"}, []string{"interval_delay of 1 (got 2)"}},
		{IntervalWeek, 1, []string{"1", "9"}, []string{`"9"`}},
		{IntervalMonth, 3, []string{"0"}, []string{"interval_delay of 1", `"0"`}},
	}
	for _, tc := range cases {
		got := CheckScheduleDays(tc.unit, tc.delay, tc.days)
		if len(got) != len(tc.want) {
			t.Errorf("%s/%d/%v: got %q, want %d problems", tc.unit, tc.delay, tc.days, got, len(tc.want))
			continue
		}
		for i := range got {
			if !strings.Contains(got[i], tc.want[i]) {
				t.Errorf("%s/%d/%v: problem %q does not contain %q", tc.unit, tc.delay, tc.days, got[i], tc.want[i])
			}
		}
	}
}

func TestCheckScheduleEnd(t *testing.T) {
	if p := CheckScheduleEnd("2030-01-10", "2030-01-10"); p != "" {
		t.Errorf("equal: %q", p)
	}
	if p := CheckScheduleEnd("2030-01-10", "2031-01-01"); p != "" {
		t.Errorf("after: %q", p)
	}
	if p := CheckScheduleEnd("2030-01-10", "2030-01-09"); !strings.Contains(p, "before start") {
		t.Errorf("before: %q", p)
	}
	if p := CheckScheduleEnd("bad", "2030-01-09"); p != "" {
		t.Errorf("invalid start: %q", p)
	}
}

func TestCheckStartAfterToday(t *testing.T) {
	// 23:30 UTC on 2030-05-10 is still 2030-05-10 in UTC even though it is
	// the 11th in UTC+1: the check uses the UTC date.
	now := time.Date(2030, 5, 10, 23, 30, 0, 0, time.UTC)
	if p := CheckStartAfterToday("2030-05-11", now); p != "" {
		t.Errorf("tomorrow: %q", p)
	}
	if p := CheckStartAfterToday("2030-05-10", now); !strings.Contains(p, "first_occurrence_due_immediately") {
		t.Errorf("today: %q", p)
	}
	if p := CheckStartAfterToday("2029-12-31", now); p == "" {
		t.Error("past date accepted")
	}
	inTokyo := time.Date(2030, 5, 11, 1, 0, 0, 0, time.FixedZone("JST", 9*3600)) // 2030-05-10 16:00 UTC
	if p := CheckStartAfterToday("2030-05-11", inTokyo); p != "" {
		t.Errorf("local date ahead of UTC: %q", p)
	}
}
