package recurringcharges

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/client"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/framework"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/testutil"
)

func rcTestSchedule(t *testing.T, start, end, unit string, delay int64, days ...string) types.Object {
	t.Helper()
	s := client.RecurringSchedule{Start: start, End: end, IntervalUnit: unit, IntervalDelay: client.FlexInt64(delay), Days: days}
	obj, diags := scheduleObject(s)
	if diags.HasError() {
		t.Fatal(diags)
	}
	return obj
}

func rcTestModel(t *testing.T) RecurringChargeModel {
	return RecurringChargeModel{
		ID: types.StringValue("rc1"), Method: types.StringValue("card1"), Amount: framework.CentsOf(types.Int64Value(1250)),
		Description: types.StringValue("Retainer"), Reference: types.StringNull(),
		Schedule:       rcTestSchedule(t, "2099-01-01", "", "MONTH", 1),
		MaxOccurrences: types.Int64Null(), MaxAmount: framework.CentsOf(types.Int64Value(10000)),
		Data:          jsontypes.NewNormalizedValue(`{"a":1,"b":[1,2]}`),
		MethodDetails: types.ObjectNull(methodDetailsAttrTypes),
	}
}

// An update sends only what changed; a removed optional value is sent as
// null; a changed schedule is sent whole.
func TestRecurringChargeUpdateBody(t *testing.T) {
	ctx := t.Context()
	state := rcTestModel(t)
	var diags diag.Diagnostics
	t.Cleanup(func() {
		if diags.HasError() {
			t.Error(diags)
		}
	})

	if u, unknown := recurringChargeUpdate(ctx, state, state, &diags); unknown || len(u.Body()) != 0 {
		t.Errorf("no change: unknown=%v body=%s", unknown, testutil.TestJSON(t, u.Body()))
	}

	plan := state
	plan.Amount = framework.CentsOf(types.Int64Value(5000))
	plan.Data = jsontypes.NewNormalizedValue("{\"b\": [1, 2], \"a\": 1}") // same JSON, other formatting
	if u, _ := recurringChargeUpdate(ctx, plan, state, &diags); testutil.TestJSON(t, u.Body()) != `{"amount":5000}` {
		t.Errorf("amount: %s", testutil.TestJSON(t, u.Body()))
	}

	plan = state
	plan.Description = types.StringNull()
	plan.MaxAmount = framework.CentsOf(types.Int64Null())
	plan.MaxOccurrences = types.Int64Value(12)
	plan.Data = jsontypes.NewNormalizedNull()
	if got, want := testutil.TestJSON(t, mustUpdate(t, ctx, plan, state).Body()), `{"data":null,"description":null,"max_amount":null,"max_occurrences":12}`; got != want {
		t.Errorf("clears: %s, want %s", got, want)
	}

	plan = state
	plan.Schedule = rcTestSchedule(t, "2099-01-01", "2100-01-01", "MONTH", 1, "LAST", "15")
	if got, want := testutil.TestJSON(t, mustUpdate(t, ctx, plan, state).Body()),
		`{"schedule":{"interval_unit":"MONTH","interval_delay":1,"start":"2099-01-01","end":"2100-01-01","days":["15","LAST"]}}`; got != want {
		t.Errorf("schedule: %s, want %s", got, want)
	}
	// Removing end and days sends them as null.
	if got, want := testutil.TestJSON(t, mustUpdate(t, ctx, state, plan).Body()),
		`{"schedule":{"interval_unit":"MONTH","interval_delay":1,"start":"2099-01-01","end":null,"days":null}}`; got != want {
		t.Errorf("schedule clear: %s, want %s", got, want)
	}

	plan = state
	plan.Method = types.StringValue("bank1")
	plan.Reference = types.StringValue("R-1")
	if got, want := testutil.TestJSON(t, mustUpdate(t, ctx, plan, state).Body()), `{"method":"bank1","reference":"R-1"}`; got != want {
		t.Errorf("method: %s, want %s", got, want)
	}

	plan = state
	plan.Amount = framework.CentsOf(types.Int64Unknown())
	if _, unknown := recurringChargeUpdate(ctx, plan, state, &diags); !unknown {
		t.Error("unknown amount not reported")
	}
}

func mustUpdate(t *testing.T, ctx context.Context, plan, state RecurringChargeModel) client.RecurringChargeUpdate {
	t.Helper()
	var diags diag.Diagnostics
	u, _ := recurringChargeUpdate(ctx, plan, state, &diags)
	if diags.HasError() {
		t.Fatal(diags)
	}
	return u
}

func TestRecurringChargeMatches(t *testing.T) {
	maxA := int64(10000)
	body := client.RecurringChargeCreate{
		SourceID: "terraform:x", Method: "card1", Amount: 1250, Currency: "USD", Description: "d",
		Schedule:  client.RecurringSchedule{Start: "2099-08-19", IntervalUnit: "WEEK", IntervalDelay: 1, Days: []string{"5", "1"}},
		MaxAmount: &maxA, Data: json.RawMessage(`{"k":"v"}`),
	}
	ma := client.FlexInt64(10000)
	c := client.RecurringCharge{
		ID: "rc1", Status: "ACTIVE", AccountID: "acct", Amount: 1250, Currency: "USD", Description: "d",
		Schedule:  client.RecurringSchedule{Start: "2099-08-19", IntervalUnit: "WEEK", IntervalDelay: 1, Days: []string{"1", "5"}},
		MaxAmount: &ma, Data: json.RawMessage(`{ "k" : "v" }`),
	}
	if !chargeMatches(c, body) {
		t.Fatal("identical charge not matched")
	}
	for name, mutate := range map[string]func(*client.RecurringCharge){
		"amount":      func(c *client.RecurringCharge) { c.Amount = 1251 },
		"days":        func(c *client.RecurringCharge) { c.Schedule.Days = []string{"1"} },
		"end":         func(c *client.RecurringCharge) { c.Schedule.End = "2100-01-01" },
		"max_amount":  func(c *client.RecurringCharge) { c.MaxAmount = nil },
		"data":        func(c *client.RecurringCharge) { c.Data = json.RawMessage(`{"k":"w"}`) },
		"description": func(c *client.RecurringCharge) { c.Description = "" },
	} {
		cc := c
		mutate(&cc)
		if chargeMatches(cc, body) {
			t.Errorf("%s: different charge matched", name)
		}
	}
}

func TestSourceIDPlanModifier(t *testing.T) {
	ctx := t.Context()
	run := func(state, config types.String, stateNull bool) *planmodifier.StringResponse {
		stateRaw := tftypes.NewValue(tftypes.Object{}, map[string]tftypes.Value{})
		if stateNull {
			stateRaw = tftypes.NewValue(tftypes.Object{}, nil)
		}
		req := planmodifier.StringRequest{
			Path: path.Root("source_id"), StateValue: state, ConfigValue: config, PlanValue: config,
			State: tfsdk.State{Raw: stateRaw}, Plan: tfsdk.Plan{Raw: tftypes.NewValue(tftypes.Object{}, map[string]tftypes.Value{})},
		}
		if config.IsNull() {
			req.PlanValue = types.StringUnknown()
		}
		resp := &planmodifier.StringResponse{PlanValue: req.PlanValue}
		sourceIDPlanModifier{}.PlanModifyString(ctx, req, resp)
		return resp
	}
	if r := run(types.StringNull(), types.StringNull(), true); !r.PlanValue.IsUnknown() || r.RequiresReplace {
		t.Errorf("create: %+v", r)
	}
	if r := run(types.StringValue("terraform:a"), types.StringNull(), false); r.PlanValue.ValueString() != "terraform:a" || r.RequiresReplace {
		t.Errorf("unconfigured: %+v", r)
	}
	if r := run(types.StringNull(), types.StringNull(), false); !r.PlanValue.IsNull() || r.RequiresReplace {
		t.Errorf("imported, unconfigured: %+v", r)
	}
	if r := run(types.StringValue("terraform:a"), types.StringValue("x:b"), false); !r.RequiresReplace {
		t.Errorf("changed: %+v", r)
	}
	if r := run(types.StringNull(), types.StringValue("x:b"), false); r.RequiresReplace || r.Diagnostics.WarningsCount() != 1 {
		t.Errorf("imported, configured: %+v", r)
	}
}

// The schema is valid and every attribute has a description.
func TestRecurringChargeResourceSchema(t *testing.T) {
	ctx := t.Context()
	r := NewRecurringChargeResource()
	resp := &resource.SchemaResponse{}
	r.Schema(ctx, resource.SchemaRequest{}, resp)
	if resp.Diagnostics.HasError() {
		t.Fatal(resp.Diagnostics)
	}
	if d := resp.Schema.ValidateImplementation(ctx); d.HasError() {
		t.Fatal(d)
	}
	for name, a := range resp.Schema.Attributes {
		if name != "timeouts" && strings.TrimSpace(a.GetMarkdownDescription()) == "" {
			t.Errorf("%s has no MarkdownDescription", name)
		}
	}
}

// A new charge must start after today (UTC); the plan-time check uses the
// resource's clock.
func TestRecurringChargeModifyPlanStart(t *testing.T) {
	ctx := t.Context()
	r := &RecurringChargeResource{now: func() time.Time { return time.Date(2030, 5, 10, 12, 0, 0, 0, time.UTC) }}
	sr := &resource.SchemaResponse{}
	r.Schema(ctx, resource.SchemaRequest{}, sr)
	for start, wantErr := range map[string]bool{"2030-05-10": true, "2030-05-09": true, "2030-05-11": false} {
		m := rcTestModel(t)
		m.ID, m.AccountID, m.Currency, m.SourceID = types.StringUnknown(), types.StringUnknown(), types.StringValue("USD"), types.StringUnknown()
		m.OnDestroy = types.StringValue("cancel")
		m.Schedule = rcTestSchedule(t, start, "", "MONTH", 1)
		m.Status, m.StatusReason, m.NextPayment, m.Created = types.StringUnknown(), types.StringUnknown(), types.StringUnknown(), types.StringUnknown()
		m.TotalAmount, m.TotalOccurrences = types.Int64Unknown(), types.Int64Unknown()
		m.Timeouts.Object = types.ObjectNull(map[string]attr.Type{"create": types.StringType, "read": types.StringType, "update": types.StringType, "delete": types.StringType})
		plan := tfsdk.Plan{Schema: sr.Schema}
		if d := plan.Set(ctx, &m); d.HasError() {
			t.Fatal(d)
		}
		req := resource.ModifyPlanRequest{Plan: plan, State: tfsdk.State{Schema: sr.Schema, Raw: tftypes.NewValue(sr.Schema.Type().TerraformType(ctx), nil)}}
		resp := &resource.ModifyPlanResponse{Plan: plan}
		r.ModifyPlan(ctx, req, resp)
		if got := resp.Diagnostics.HasError(); got != wantErr {
			t.Errorf("start %s: error=%v, want %v (%v)", start, got, wantErr, resp.Diagnostics)
		}
	}
}

// A charge cancelled outside Terraform: the plan keeps it (nothing to do)
// and warns that it will not be restarted and how to replace it.
func TestRecurringChargeModifyPlanCompletedWarning(t *testing.T) {
	ctx := t.Context()
	r := &RecurringChargeResource{now: time.Now}
	sr := &resource.SchemaResponse{}
	r.Schema(ctx, resource.SchemaRequest{}, sr)
	m := rcTestModel(t)
	m.AccountID, m.Currency, m.SourceID, m.OnDestroy = types.StringValue("acct"), types.StringValue("USD"), types.StringValue("terraform:x"), types.StringValue("cancel")
	m.Status, m.StatusReason, m.NextPayment, m.Created = types.StringValue("COMPLETED"), types.StringValue("user_canceled"), types.StringValue("2099-02-01"), types.StringNull()
	m.TotalAmount, m.TotalOccurrences = types.Int64Value(0), types.Int64Value(0)
	m.Timeouts.Object = types.ObjectNull(map[string]attr.Type{"create": types.StringType, "read": types.StringType, "update": types.StringType, "delete": types.StringType})
	state := tfsdk.State{Schema: sr.Schema}
	if d := state.Set(ctx, &m); d.HasError() {
		t.Fatal(d)
	}
	plan := tfsdk.Plan{Schema: sr.Schema, Raw: state.Raw}
	resp := &resource.ModifyPlanResponse{Plan: plan}
	r.ModifyPlan(ctx, resource.ModifyPlanRequest{Plan: plan, State: state}, resp)
	if resp.Diagnostics.HasError() || resp.Diagnostics.WarningsCount() != 1 {
		t.Fatalf("diagnostics %v", resp.Diagnostics)
	}
	w := resp.Diagnostics.Warnings()[0]
	for _, want := range []string{"rc1 is COMPLETED", "cancelled (status_reason user_canceled)", "will not restart it", "terraform apply -replace="} {
		if !strings.Contains(w.Summary()+" "+w.Detail(), want) {
			t.Errorf("warning %q / %q lacks %q", w.Summary(), w.Detail(), want)
		}
	}
	var got RecurringChargeModel
	resp.Plan.Get(ctx, &got)
	if got.NextPayment.ValueString() != "2099-02-01" || got.Status.ValueString() != "COMPLETED" {
		t.Errorf("computed values not kept: %+v", got)
	}
}
