package functions

import (
	"context"
	"math/big"
	"reflect"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestScheduleDatesTable(t *testing.T) {
	for _, tc := range []struct {
		name  string
		in    ScheduleInput
		count int64
		want  string
	}{
		{"every day", ScheduleInput{Start: "2030-02-27", IntervalUnit: "DAY", IntervalDelay: 1}, 4,
			"2030-02-27 2030-02-28 2030-03-01 2030-03-02"},
		{"every 30 days", ScheduleInput{Start: "2030-01-31", IntervalUnit: "DAY", IntervalDelay: 30}, 3,
			"2030-01-31 2030-03-02 2030-04-01"},
		{"every other week on start's weekday", ScheduleInput{Start: "2016-01-01", IntervalUnit: "WEEK", IntervalDelay: 2}, 3,
			"2016-01-01 2016-01-15 2016-01-29"},
		{"Mondays and Fridays", ScheduleInput{Start: "2019-08-20", IntervalUnit: "WEEK", IntervalDelay: 1, Days: []string{"5", "1"}}, 4,
			"2019-08-23 2019-08-26 2019-08-30 2019-09-02"},
		{"Sundays (ISO 7)", ScheduleInput{Start: "2030-01-01", IntervalUnit: "WEEK", IntervalDelay: 1, Days: []string{"7"}}, 2,
			"2030-01-06 2030-01-13"},
		{"monthly from the 31st clamps", ScheduleInput{Start: "2024-01-31", IntervalUnit: "MONTH", IntervalDelay: 1}, 5,
			"2024-01-31 2024-02-29 2024-03-31 2024-04-30 2024-05-31"},
		{"quarterly", ScheduleInput{Start: "2030-11-30", IntervalUnit: "MONTH", IntervalDelay: 3}, 3,
			"2030-11-30 2031-02-28 2031-05-30"},
		{"15th and LAST", ScheduleInput{Start: "2030-01-20", IntervalUnit: "MONTH", IntervalDelay: 1, Days: []string{"LAST", "15"}}, 4,
			"2030-01-31 2030-02-15 2030-02-28 2030-03-15"},
		{"31 skips short months", ScheduleInput{Start: "2030-01-01", IntervalUnit: "MONTH", IntervalDelay: 1, Days: []string{"31"}}, 3,
			"2030-01-31 2030-03-31 2030-05-31"},
		{"30 and LAST once in April", ScheduleInput{Start: "2030-04-01", IntervalUnit: "MONTH", IntervalDelay: 1, Days: []string{"30", "LAST"}}, 3,
			"2030-04-30 2030-05-30 2030-05-31"},
		{"end is inclusive", ScheduleInput{Start: "2030-01-01", End: "2030-03-01", IntervalUnit: "MONTH", IntervalDelay: 1}, 10,
			"2030-01-01 2030-02-01 2030-03-01"},
		{"end on start", ScheduleInput{Start: "2030-01-01", End: "2030-01-01", IntervalUnit: "WEEK", IntervalDelay: 1}, 10, "2030-01-01"},
		{"loose date", ScheduleInput{Start: "2019-8-19", IntervalUnit: "DAY", IntervalDelay: 1}, 1, "2019-08-19"},
		{"count 0", ScheduleInput{Start: "2030-01-01", IntervalUnit: "DAY", IntervalDelay: 1}, 0, ""},
		{"calendar ends", ScheduleInput{Start: "9999-12-30", IntervalUnit: "DAY", IntervalDelay: 1}, 5, "9999-12-30 9999-12-31"},
		{"huge delay", ScheduleInput{Start: "2030-01-01", IntervalUnit: "MONTH", IntervalDelay: 1 << 40}, 3, "2030-01-01"},
	} {
		got, err := ScheduleDatesOf(tc.in, tc.count)
		if err != nil || strings.Join(got, " ") != tc.want {
			t.Errorf("%s: %v, %v; want %s", tc.name, got, err, tc.want)
		}
	}
}

func TestScheduleDatesErrors(t *testing.T) {
	for _, tc := range []struct {
		in   ScheduleInput
		want string
	}{
		{ScheduleInput{Start: "2030-02-30", IntervalUnit: "DAY", IntervalDelay: 1}, `start "2030-02-30" is not a valid calendar date`},
		{ScheduleInput{Start: "tomorrow", IntervalUnit: "DAY", IntervalDelay: 1}, `start "tomorrow" is not a date`},
		{ScheduleInput{Start: "2030-01-02", End: "2030-01-01", IntervalUnit: "DAY", IntervalDelay: 1}, "end 2030-01-01 is before start 2030-01-02"},
		{ScheduleInput{Start: "2030-01-01", IntervalUnit: "YEAR", IntervalDelay: 1}, `interval_unit "YEAR" must be DAY, WEEK or MONTH`},
		{ScheduleInput{Start: "2030-01-01", IntervalUnit: "DAY", IntervalDelay: 0}, "interval_delay must be at least 1"},
		{ScheduleInput{Start: "2030-01-01", IntervalUnit: "DAY", IntervalDelay: 1, Days: []string{"1"}}, "days can only be used with an interval_unit of WEEK or MONTH"},
		{ScheduleInput{Start: "2030-01-01", IntervalUnit: "WEEK", IntervalDelay: 2, Days: []string{"1"}}, "days can only be used with an interval_delay of 1"},
		{ScheduleInput{Start: "2030-01-01", IntervalUnit: "WEEK", IntervalDelay: 1, Days: []string{"8"}}, `"8" is not a valid day`},
		{ScheduleInput{Start: "2030-01-01", IntervalUnit: "MONTH", IntervalDelay: 1, Days: []string{"05"}}, `"05" is not a valid day`},
	} {
		_, err := ScheduleDatesOf(tc.in, 3)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v: error %v; want %q", tc.in, err, tc.want)
		}
	}
	if _, err := ScheduleDatesOf(ScheduleInput{Start: "2030-01-01", IntervalUnit: "DAY", IntervalDelay: 1}, MaxScheduleDates+1); err == nil {
		t.Error("count above the maximum: no error")
	}
}

// runScheduleDates calls the function as Terraform does.
func runScheduleDates(t *testing.T, schedule attr.Value, count int64) ([]string, *function.FuncError) {
	t.Helper()
	resp := function.RunResponse{Result: function.NewResultData(types.ListUnknown(types.StringType))}
	scheduleDatesFunction{}.Run(context.Background(), function.RunRequest{
		Arguments: function.NewArgumentsData([]attr.Value{types.DynamicValue(schedule), types.Int64Value(count)}),
	}, &resp)
	if resp.Error != nil {
		return nil, resp.Error
	}
	var out []string
	if d := resp.Result.Value().(types.List).ElementsAs(context.Background(), &out, false); d.HasError() {
		t.Fatalf("result: %v", d)
	}
	return out, nil
}

// The argument may be an object literal (attributes absent, numbers as
// numbers, days as a tuple), the resource's schedule object (all
// attributes, nulls, days as a set) or a map of strings.
func TestScheduleDatesArgumentShapes(t *testing.T) {
	want := []string{"2030-01-07", "2030-01-11", "2030-01-14"}
	literal, _ := types.ObjectValue(map[string]attr.Type{
		"start": types.StringType, "interval_unit": types.StringType, "interval_delay": types.NumberType,
		"days": types.TupleType{ElemTypes: []attr.Type{types.StringType, types.NumberType}},
	}, map[string]attr.Value{
		"start": types.StringValue("2030-01-06"), "interval_unit": types.StringValue("WEEK"), "interval_delay": types.NumberValue(bigFloat(1)),
		"days": types.TupleValueMust([]attr.Type{types.StringType, types.NumberType}, []attr.Value{types.StringValue("1"), types.NumberValue(bigFloat(5))}),
	})
	resourceShape, _ := types.ObjectValue(map[string]attr.Type{
		"start": types.StringType, "end": types.StringType, "interval_unit": types.StringType, "interval_delay": types.Int64Type,
		"days": types.SetType{ElemType: types.StringType},
	}, map[string]attr.Value{
		"start": types.StringValue("2030-01-06"), "end": types.StringNull(), "interval_unit": types.StringValue("WEEK"),
		"interval_delay": types.Int64Value(1), "days": types.SetValueMust(types.StringType, []attr.Value{types.StringValue("5"), types.StringValue("1")}),
	})
	for name, v := range map[string]attr.Value{"literal": literal, "resource": resourceShape} {
		got, err := runScheduleDates(t, v, 3)
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("%s: %v, %v; want %v", name, got, err, want)
		}
	}
	m := types.MapValueMust(types.StringType, map[string]attr.Value{
		"start": types.StringValue("2030-01-31"), "interval_unit": types.StringValue("MONTH"), "interval_delay": types.StringValue("1"),
	})
	if got, err := runScheduleDates(t, m, 2); err != nil || !reflect.DeepEqual(got, []string{"2030-01-31", "2030-02-28"}) {
		t.Errorf("map: %v, %v", got, err)
	}

	for _, tc := range []struct {
		v        attr.Value
		count    int64
		arg      int64
		contains string
	}{
		{types.StringValue("monthly"), 3, 0, "must be an object"},
		{types.ObjectValueMust(map[string]attr.Type{"start": types.StringType, "interval_unit": types.StringType, "interval_delay": types.NumberType, "every": types.StringType},
			map[string]attr.Value{"start": types.StringValue("2030-01-01"), "interval_unit": types.StringValue("DAY"), "interval_delay": types.NumberValue(bigFloat(1)), "every": types.StringValue("x")}),
			3, 0, `unexpected attribute "every"`},
		{types.ObjectValueMust(map[string]attr.Type{"start": types.StringType}, map[string]attr.Value{"start": types.StringValue("2030-01-01")}),
			3, 0, "interval_unit is required; interval_delay is required"},
		{types.ObjectValueMust(map[string]attr.Type{"start": types.StringType, "interval_unit": types.StringType, "interval_delay": types.NumberType},
			map[string]attr.Value{"start": types.StringValue("2030-01-01"), "interval_unit": types.StringValue("DAY"), "interval_delay": types.NumberValue(bigFloatF(1.5))}),
			3, 0, "interval_delay must be a whole number"},
		{resourceShape, -1, 1, "Invalid count: -1 is not between 0 and 1000"},
	} {
		_, err := runScheduleDates(t, tc.v, tc.count)
		if err == nil || err.FunctionArgument == nil || *err.FunctionArgument != tc.arg || !strings.Contains(err.Text, tc.contains) {
			t.Errorf("%v: error %v; want on argument %d containing %q", tc.v, err, tc.arg, tc.contains)
		}
	}
}

// Every schedule example of the API reference (affinipay-api-reference.txt;
// line numbers of its responses): the due dates it shows are the
// function's. Charges whose next_payment is after start (read or cancelled
// later) must have it among the schedule's dates.
func TestScheduleDatesReferenceExamples(t *testing.T) {
	monthly2016 := ScheduleInput{Start: "2016-01-01", IntervalUnit: "MONTH", IntervalDelay: 1}
	for _, ex := range []struct {
		ref  string
		in   ScheduleInput
		due  []string // the dates shown, from the first one on
		next string   // a later next_payment
	}{
		{"1391 schedule a charge, monthly from 2017-04-01", ScheduleInput{Start: "2017-04-01", IntervalUnit: "MONTH", IntervalDelay: 1}, []string{"2017-04-01"}, ""},
		{"2301 create, monthly", monthly2016, []string{"2016-01-01"}, ""},
		{"2348 create, bi-weekly from Friday 2016-01-01", ScheduleInput{Start: "2016-01-01", IntervalUnit: "WEEK", IntervalDelay: 2}, []string{"2016-01-01"}, ""},
		{"2407 get", monthly2016, []string{"2016-01-01"}, ""},
		{"2445 put, monthly from 2016-07-01", ScheduleInput{Start: "2016-07-01", IntervalUnit: "MONTH", IntervalDelay: 1}, []string{"2016-07-01"}, ""},
		{"2481 patch", ScheduleInput{Start: "2016-07-01", IntervalUnit: "MONTH", IntervalDelay: 1}, []string{"2016-07-01"}, ""},
		{"2522 cancel, next_payment 2016-04-01", monthly2016, nil, "2016-04-01"},
		{"2585 list, next_payment 2016-04-01", monthly2016, nil, "2016-04-01"},
		// The preview: 10 occurrences asked, 8 returned because
		// max_amount 10000 / amount 1250 = 8 (schedule_dates has no amounts).
		{"2680 preview, Mondays and Fridays from 2019-8-19", ScheduleInput{Start: "2019-8-19", IntervalUnit: "WEEK", IntervalDelay: 1, Days: []string{"1", "5"}},
			[]string{"2019-08-19", "2019-08-23", "2019-08-26", "2019-08-30", "2019-09-02", "2019-09-06", "2019-09-09", "2019-09-13"}, ""},
	} {
		got, err := ScheduleDatesOf(ex.in, 24)
		if err != nil {
			t.Errorf("%s: %v", ex.ref, err)
			continue
		}
		if len(ex.due) > 0 && !reflect.DeepEqual(got[:len(ex.due)], ex.due) {
			t.Errorf("%s: %v; the reference shows %v", ex.ref, got[:len(ex.due)], ex.due)
		}
		if ex.next != "" && !contains(got, ex.next) {
			t.Errorf("%s: next_payment %s is not among %v", ex.ref, ex.next, got)
		}
	}
}

func bigFloat(n int64) *big.Float    { return new(big.Float).SetInt64(n) }
func bigFloatF(f float64) *big.Float { return big.NewFloat(f) }
