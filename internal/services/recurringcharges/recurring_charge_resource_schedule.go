package recurringcharges

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/client"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/framework"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/validators"
)

// Shared by affinipay_recurring_charge and the recurring-charge data
// sources: the schedule object, the amount limits and their checks.

// scheduleModel is the schedule object (API reference "schedule").
type scheduleModel struct {
	Start         types.String `tfsdk:"start"`
	End           types.String `tfsdk:"end"`
	IntervalUnit  types.String `tfsdk:"interval_unit"`
	IntervalDelay types.Int64  `tfsdk:"interval_delay"`
	Days          types.Set    `tfsdk:"days"`
}

var scheduleAttrTypes = map[string]attr.Type{
	"start":          types.StringType,
	"end":            types.StringType,
	"interval_unit":  types.StringType,
	"interval_delay": types.Int64Type,
	"days":           types.SetType{ElemType: types.StringType},
}

const (
	scheduleStartDoc = "First date a payment may be due, `yyyy-mm-dd`. Payments are due on or after it, on the dates the schedule selects."
	scheduleEndDoc   = "Optional last date, `yyyy-mm-dd`: the last payment is due on or before it. Must not be before `start`."
	scheduleUnitDoc  = "`DAY`, `WEEK` or `MONTH`: payments are due every `interval_delay` days, weeks or months."
	scheduleDelayDoc = "How many `interval_unit`s between payments, at least 1 (for example `WEEK` with 2 is every other week)."
	scheduleDaysDoc  = "Optional specific days, only with `interval_unit` `WEEK` or `MONTH` and `interval_delay` 1. " +
		"For `WEEK`, ISO days of the week: `\"1\"` (Monday) through `\"7\"` (Sunday). For `MONTH`, days of the month `\"1\"` through `\"31\"`, " +
		"or `\"LAST\"` for the last day of the month. A set: order does not matter."
)

// scheduleValidators are the per-attribute rules; cross-attribute rules are
// in validateScheduleConfig.
func scheduleStartValidators() []validator.String { return []validator.String{validators.Date()} }
func scheduleUnitValidators() []validator.String {
	return []validator.String{stringvalidator.OneOf(validators.IntervalUnits...)}
}
func scheduleDelayValidators() []validator.Int64 { return []validator.Int64{int64validator.AtLeast(1)} }
func scheduleDaysValidators() []validator.Set {
	return []validator.Set{
		// The values depend on interval_unit: checked in validateScheduleConfig.
		setvalidator.SizeAtLeast(1),
	}
}

func resourceScheduleAttributes() map[string]rschema.Attribute {
	return map[string]rschema.Attribute{
		"start":          rschema.StringAttribute{MarkdownDescription: scheduleStartDoc, Required: true, Validators: scheduleStartValidators()},
		"end":            rschema.StringAttribute{MarkdownDescription: scheduleEndDoc, Optional: true, Validators: scheduleStartValidators()},
		"interval_unit":  rschema.StringAttribute{MarkdownDescription: scheduleUnitDoc, Required: true, Validators: scheduleUnitValidators()},
		"interval_delay": rschema.Int64Attribute{MarkdownDescription: scheduleDelayDoc, Required: true, Validators: scheduleDelayValidators()},
		"days": rschema.SetAttribute{MarkdownDescription: scheduleDaysDoc, Optional: true, ElementType: types.StringType,
			Validators: scheduleDaysValidators()},
	}
}

func dataSourceScheduleAttributes() map[string]dsschema.Attribute {
	return map[string]dsschema.Attribute{
		"start":          dsschema.StringAttribute{MarkdownDescription: scheduleStartDoc, Required: true, Validators: scheduleStartValidators()},
		"end":            dsschema.StringAttribute{MarkdownDescription: scheduleEndDoc, Optional: true, Validators: scheduleStartValidators()},
		"interval_unit":  dsschema.StringAttribute{MarkdownDescription: scheduleUnitDoc, Required: true, Validators: scheduleUnitValidators()},
		"interval_delay": dsschema.Int64Attribute{MarkdownDescription: scheduleDelayDoc, Required: true, Validators: scheduleDelayValidators()},
		"days": dsschema.SetAttribute{MarkdownDescription: scheduleDaysDoc, Optional: true, ElementType: types.StringType,
			Validators: scheduleDaysValidators()},
	}
}

// computedScheduleAttributes is the schedule in data source results.
func computedScheduleAttributes() map[string]dsschema.Attribute {
	return map[string]dsschema.Attribute{
		"start":          dsschema.StringAttribute{MarkdownDescription: scheduleStartDoc, Computed: true},
		"end":            dsschema.StringAttribute{MarkdownDescription: scheduleEndDoc, Computed: true},
		"interval_unit":  dsschema.StringAttribute{MarkdownDescription: scheduleUnitDoc, Computed: true},
		"interval_delay": dsschema.Int64Attribute{MarkdownDescription: scheduleDelayDoc, Computed: true},
		"days":           dsschema.SetAttribute{MarkdownDescription: scheduleDaysDoc, Computed: true, ElementType: types.StringType},
	}
}

// scheduleFromObject decodes a schedule object; nil when null or unknown.
func scheduleFromObject(ctx context.Context, obj types.Object, diags *diag.Diagnostics) *scheduleModel {
	if !framework.IsKnown(obj) {
		return nil
	}
	var s scheduleModel
	diags.Append(obj.As(ctx, &s, basetypes.ObjectAsOptions{})...)
	return &s
}

// daysOf returns the known elements of days (nil when null or unknown, ok
// false when unknown or with unknown elements).
func rcDaysOf(set types.Set) (days []string, ok bool) {
	if set.IsUnknown() {
		return nil, false
	}
	if set.IsNull() {
		return nil, true
	}
	for _, e := range set.Elements() {
		s, isStr := e.(types.String)
		if !isStr || s.IsUnknown() {
			return nil, false
		}
		days = append(days, s.ValueString())
	}
	rcSortDays(days)
	return days, true
}

// sortDays orders days numerically with LAST at the end, so requests are
// stable (the set has no order).
func rcSortDays(days []string) {
	sort.SliceStable(days, func(i, j int) bool {
		a, b := rcDayKey(days[i]), rcDayKey(days[j])
		if a != b {
			return a < b
		}
		return days[i] < days[j]
	})
}

func rcDayKey(d string) int {
	if d == "LAST" {
		return 99
	}
	n := 0
	for _, c := range d {
		if c < '0' || c > '9' {
			return 100
		}
		n = n*10 + int(c-'0')
	}
	return n
}

// validateScheduleConfig applies the schedule's cross-attribute rules
// (reference "schedule": days only with WEEK/MONTH and interval_delay 1, and
// their values per unit; end not before start) and max_amount >= amount.
// Unknown values are skipped; they are checked when known (the API checks
// them again).
func validateScheduleConfig(s *scheduleModel, at path.Path, amount, maxAmount types.Int64, diags *diag.Diagnostics) {
	if s != nil {
		if days, ok := rcDaysOf(s.Days); ok && len(days) > 0 && framework.IsKnown(s.IntervalUnit) {
			delay := int64(0)
			if framework.IsKnown(s.IntervalDelay) {
				delay = s.IntervalDelay.ValueInt64()
			}
			for _, p := range validators.CheckScheduleDays(s.IntervalUnit.ValueString(), delay, days) {
				diags.AddAttributeError(at.AtName("days"), "Invalid "+at.AtName("days").String(), p)
			}
		}
		if framework.IsKnown(s.Start) && framework.IsKnown(s.End) {
			if p := validators.CheckScheduleEnd(s.Start.ValueString(), s.End.ValueString()); p != "" {
				diags.AddAttributeError(at.AtName("end"), "Invalid "+at.AtName("end").String(), p)
			}
		}
	}
	if framework.IsKnown(amount) && framework.IsKnown(maxAmount) && maxAmount.ValueInt64() < amount.ValueInt64() {
		diags.AddAttributeError(path.Root("max_amount"), "Invalid max_amount",
			fmt.Sprintf("max_amount (%d) must be greater than or equal to amount (%d): it is the most the charge collects in total, "+
				"and the final payment is the lesser of amount and what remains of max_amount.", maxAmount.ValueInt64(), amount.ValueInt64()))
	}
}

// scheduleToAPI converts a known schedule.
func scheduleToAPI(s *scheduleModel) client.RecurringSchedule {
	days, _ := rcDaysOf(s.Days)
	return client.RecurringSchedule{
		IntervalUnit:  s.IntervalUnit.ValueString(),
		IntervalDelay: client.FlexInt64(s.IntervalDelay.ValueInt64()),
		Start:         s.Start.ValueString(),
		End:           s.End.ValueString(),
		Days:          days,
	}
}

// scheduleObject is the Terraform value of an API schedule: end null when
// absent, days null when empty.
func scheduleObject(s client.RecurringSchedule) (types.Object, diag.Diagnostics) {
	days := types.SetNull(types.StringType)
	if len(s.Days) > 0 {
		elems := make([]attr.Value, 0, len(s.Days))
		for _, d := range s.Days {
			elems = append(elems, types.StringValue(d))
		}
		var diags diag.Diagnostics
		days, diags = types.SetValue(types.StringType, elems)
		if diags.HasError() {
			return types.ObjectNull(scheduleAttrTypes), diags
		}
	}
	return types.ObjectValue(scheduleAttrTypes, map[string]attr.Value{
		"start":          types.StringValue(s.Start),
		"end":            framework.StringOrNull(s.End),
		"interval_unit":  types.StringValue(s.IntervalUnit),
		"interval_delay": types.Int64Value(int64(s.IntervalDelay)),
		"days":           days,
	})
}

// schedulesEqual compares two API schedules (days as sets).
func schedulesEqual(a, b client.RecurringSchedule) bool {
	da, db := append([]string(nil), a.Days...), append([]string(nil), b.Days...)
	rcSortDays(da)
	rcSortDays(db)
	return a.IntervalUnit == b.IntervalUnit && a.IntervalDelay == b.IntervalDelay && a.Start == b.Start &&
		a.End == b.End && strings.Join(da, ",") == strings.Join(db, ",")
}

// jsonEqual reports whether two JSON texts are the same value ("" = absent).
func RcJsonEqual(a, b string) bool {
	if a == "" || b == "" {
		return a == b
	}
	var va, vb any
	if json.Unmarshal([]byte(a), &va) != nil || json.Unmarshal([]byte(b), &vb) != nil {
		return false
	}
	return reflect.DeepEqual(va, vb)
}

func rcInt64Ptr(v types.Int64) *int64 {
	if !framework.IsKnown(v) {
		return nil
	}
	n := v.ValueInt64()
	return &n
}
