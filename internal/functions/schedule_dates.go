package functions

import (
	"context"
	"fmt"
	"math/big"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/validators"
)

var _ function.Function = scheduleDatesFunction{}

// MaxScheduleDates is the largest count schedule_dates accepts.
const MaxScheduleDates = 1000

// NewScheduleDatesFunction is the schedule_dates function.
func NewScheduleDatesFunction() function.Function { return scheduleDatesFunction{} }

type scheduleDatesFunction struct{}

func (scheduleDatesFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "schedule_dates"
}

func (scheduleDatesFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "The due dates of a recurring charge schedule, computed offline",
		MarkdownDescription: "Returns the first `count` due dates (`yyyy-mm-dd`, in order) of a recurring charge schedule, computed " +
			"without calling the API: the dates the schedule preview (`GET /v1/recurring/charges/schedule`, the " +
			"`affinipay_recurring_charge_schedule` data source) lists for a charge starting on `schedule.start`. Fewer dates are " +
			"returned when `end` comes first. It takes no account of `max_occurrences` or `max_amount` (take the first " +
			"`max_occurrences` dates), nor of today: the API skips the dates before the day a charge is created or updated.\n\n" +
			"Rules where the API reference is silent, as the provider's sandbox reads them: `MONTH` without `days` keeps " +
			"`start`'s day of the month, clamped to shorter months (Jan 31, Feb 28, Mar 31, ...); a day of the month a month " +
			"lacks (`\"31\"` in April) is skipped that month, and `\"LAST\"` is the month's last day; `WEEK` without `days` " +
			"repeats on `start`'s weekday.",
		Parameters: []function.Parameter{
			function.DynamicParameter{
				Name: "schedule",
				MarkdownDescription: "The schedule: an object with `start` (`yyyy-mm-dd`), `interval_unit` (`DAY`, `WEEK` or `MONTH`), " +
					"`interval_delay` (at least 1) and, optionally, `end` (`yyyy-mm-dd`, not before `start`) and `days` (a list or " +
					"set of strings; weekdays `\"1\"` (Monday) to `\"7\"` for `WEEK`, `\"1\"` to `\"31\"` or `\"LAST\"` for `MONTH`; " +
					"only with `interval_delay` 1). The `schedule` attribute of an `affinipay_recurring_charge` can be passed as is; " +
					"absent and null optional attributes are the same.",
			},
			function.Int64Parameter{
				Name:                "count",
				MarkdownDescription: fmt.Sprintf("How many dates to return, 0 to %d.", MaxScheduleDates),
			},
		},
		Return: function.ListReturn{ElementType: types.StringType},
	}
}

func (scheduleDatesFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var arg types.Dynamic
	var count int64
	resp.Error = function.ConcatFuncErrors(resp.Error, req.Arguments.Get(ctx, &arg, &count))
	if resp.Error != nil {
		return
	}
	dates, ferr := ScheduleDates(arg.UnderlyingValue(), count)
	if ferr != nil {
		resp.Error = function.ConcatFuncErrors(resp.Error, ferr)
		return
	}
	resp.Error = function.ConcatFuncErrors(resp.Error, resp.Result.Set(ctx, dates))
}

// ScheduleInput is a schedule as plain values, for ScheduleDatesOf.
type ScheduleInput struct {
	Start, End    string
	IntervalUnit  string
	IntervalDelay int64
	Days          []string
}

// ScheduleDatesOf validates in and returns its first count due dates.
func ScheduleDatesOf(in ScheduleInput, count int64) ([]string, error) {
	s, problems := buildSchedule(in)
	if len(problems) > 0 {
		return nil, fmt.Errorf("%s", strings.Join(problems, "; "))
	}
	if count < 0 || count > MaxScheduleDates {
		return nil, fmt.Errorf("count %d is not between 0 and %d", count, MaxScheduleDates)
	}
	return formatDates(s.dates(int(count))), nil
}

// ScheduleDates decodes the schedule argument (an object or map) and
// returns its first count dates; errors name the argument at fault.
func ScheduleDates(v attr.Value, count int64) ([]string, *function.FuncError) {
	in, problems := decodeSchedule(v)
	if len(problems) == 0 {
		var s *schedule
		s, problems = buildSchedule(in)
		if len(problems) == 0 {
			if count < 0 || count > MaxScheduleDates {
				return nil, function.NewArgumentFuncError(1, fmt.Sprintf("Invalid count: %d is not between 0 and %d", count, MaxScheduleDates))
			}
			return formatDates(s.dates(int(count))), nil
		}
	}
	return nil, function.NewArgumentFuncError(0, "Invalid schedule: "+strings.Join(problems, "; "))
}

var scheduleKeys = []string{"start", "end", "interval_unit", "interval_delay", "days"}

// decodeSchedule reads the attributes of an object or map value.
func decodeSchedule(v attr.Value) (ScheduleInput, []string) {
	var in ScheduleInput
	var fields map[string]attr.Value
	switch o := v.(type) {
	case basetypes.ObjectValue:
		fields = o.Attributes()
	case basetypes.MapValue:
		fields = o.Elements()
	default:
		return in, []string{fmt.Sprintf("it must be an object with start, interval_unit, interval_delay and optionally end and days, not %s", typeName(v))}
	}
	var problems []string
	var unknown []string
	for k := range fields {
		if !contains(scheduleKeys, k) {
			unknown = append(unknown, k)
		}
	}
	sort.Strings(unknown)
	for _, k := range unknown {
		problems = append(problems, fmt.Sprintf("unexpected attribute %q (a schedule has %s)", k, strings.Join(scheduleKeys, ", ")))
	}
	str := func(key string, required bool, dst *string) {
		f, ok := fields[key]
		if !ok || f.IsNull() {
			if required {
				problems = append(problems, fmt.Sprintf("%s is required", key))
			}
			return
		}
		s, ok := scalarString(f)
		if !ok {
			problems = append(problems, fmt.Sprintf("%s must be a string, not %s", key, typeName(f)))
			return
		}
		*dst = s
	}
	str("start", true, &in.Start)
	str("end", false, &in.End)
	str("interval_unit", true, &in.IntervalUnit)
	var delay string
	str("interval_delay", true, &delay)
	if delay != "" {
		n, err := strconv.ParseInt(delay, 10, 64)
		if err != nil {
			problems = append(problems, fmt.Sprintf("interval_delay must be a whole number, not %q", delay))
		} else {
			in.IntervalDelay = n
		}
	}
	if f, ok := fields["days"]; ok && !f.IsNull() {
		var elems []attr.Value
		switch d := f.(type) {
		case basetypes.ListValue:
			elems = d.Elements()
		case basetypes.SetValue:
			elems = d.Elements()
		case basetypes.TupleValue:
			elems = d.Elements()
		default:
			problems = append(problems, fmt.Sprintf("days must be a list or set of strings, not %s", typeName(f)))
		}
		for _, e := range elems {
			s, ok := scalarString(e)
			if !ok || e.IsNull() {
				problems = append(problems, fmt.Sprintf("days must hold strings such as \"1\" or \"LAST\", not %s", typeName(e)))
				continue
			}
			in.Days = append(in.Days, s)
		}
	}
	return in, problems
}

// scalarString is a string value, or a number written in decimal (the
// API's example sends interval_delay as "1"; HCL may give 1).
func scalarString(v attr.Value) (string, bool) {
	switch x := v.(type) {
	case basetypes.StringValue:
		return x.ValueString(), true
	case basetypes.NumberValue:
		f := x.ValueBigFloat()
		if f == nil {
			return "", false
		}
		if f.IsInt() {
			i, _ := f.Int(new(big.Int))
			return i.String(), true
		}
		return f.Text('g', -1), true
	case basetypes.Int64Value:
		return strconv.FormatInt(x.ValueInt64(), 10), true
	}
	return "", false
}

func typeName(v attr.Value) string {
	if v == nil {
		return "null"
	}
	if v.IsNull() {
		return "null"
	}
	t := v.Type(context.Background()).String()
	switch {
	case strings.HasPrefix(t, "basetypes.ObjectType"):
		return "an object"
	case strings.HasPrefix(t, "basetypes.BoolType"):
		return "a bool"
	case strings.HasPrefix(t, "basetypes.NumberType"):
		return "a number"
	case strings.HasPrefix(t, "basetypes.StringType"):
		return "a string"
	case strings.HasPrefix(t, "basetypes.ListType"), strings.HasPrefix(t, "basetypes.TupleType"):
		return "a list"
	case strings.HasPrefix(t, "basetypes.SetType"):
		return "a set"
	case strings.HasPrefix(t, "basetypes.MapType"):
		return "a map"
	}
	return t
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// buildSchedule applies the reference's rules and returns the problems,
// each naming its attribute.
func buildSchedule(in ScheduleInput) (*schedule, []string) {
	var problems []string
	s := &schedule{unit: in.IntervalUnit, delay: in.IntervalDelay}
	var ok bool
	if s.start, ok = parseDate(in.Start); !ok {
		problems = append(problems, "start "+dateProblem(in.Start))
	}
	if in.End != "" {
		if s.end, ok = parseDate(in.End); !ok {
			problems = append(problems, "end "+dateProblem(in.End))
		} else if !s.start.IsZero() && s.end.Before(s.start) {
			problems = append(problems, fmt.Sprintf("end %s is before start %s", formatDates([]time.Time{s.end})[0], formatDates([]time.Time{s.start})[0]))
		}
	}
	if !contains(validators.IntervalUnits, in.IntervalUnit) {
		problems = append(problems, fmt.Sprintf("interval_unit %q must be DAY, WEEK or MONTH", in.IntervalUnit))
	}
	if in.IntervalDelay < 1 {
		problems = append(problems, fmt.Sprintf("interval_delay must be at least 1 (got %d)", in.IntervalDelay))
	}
	if len(in.Days) > 0 && contains(validators.IntervalUnits, in.IntervalUnit) {
		ps := validators.CheckScheduleDays(in.IntervalUnit, in.IntervalDelay, in.Days)
		for _, p := range ps {
			problems = append(problems, "days: "+p)
		}
		if len(ps) == 0 {
			s.weekdays, s.monthDays = map[time.Weekday]bool{}, map[int]bool{}
			for _, d := range in.Days {
				if d == "LAST" {
					s.monthLast = true
					continue
				}
				n, _ := strconv.Atoi(d)
				if in.IntervalUnit == "WEEK" {
					s.weekdays[time.Weekday(n%7)] = true // ISO 7 (Sunday) is Go's 0
				} else {
					s.monthDays[n] = true
				}
			}
		}
	}
	return s, problems
}

// dateProblem explains a date parseDate refused.
func dateProblem(s string) string {
	if looseDate.MatchString(s) {
		return fmt.Sprintf("%q is not a valid calendar date", s)
	}
	return fmt.Sprintf("%q is not a date in the format yyyy-mm-dd (for example 2030-01-31)", s)
}
