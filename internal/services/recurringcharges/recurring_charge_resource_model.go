package recurringcharges

import (
	"context"
	"encoding/json"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/client"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/framework"
	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

type RecurringChargeModel struct {
	ID               types.String         `tfsdk:"id"`
	AccountID        types.String         `tfsdk:"account_id"`
	Method           types.String         `tfsdk:"method"`
	MethodDetails    types.Object         `tfsdk:"method_details"`
	Amount           framework.CentsValue `tfsdk:"amount"`
	Currency         types.String         `tfsdk:"currency"`
	Description      types.String         `tfsdk:"description"`
	Reference        types.String         `tfsdk:"reference"`
	Schedule         types.Object         `tfsdk:"schedule"`
	MaxOccurrences   types.Int64          `tfsdk:"max_occurrences"`
	MaxAmount        framework.CentsValue `tfsdk:"max_amount"`
	Data             jsontypes.Normalized `tfsdk:"data"`
	SourceID         types.String         `tfsdk:"source_id"`
	OnDestroy        types.String         `tfsdk:"on_destroy"`
	Status           types.String         `tfsdk:"status"`
	StatusReason     types.String         `tfsdk:"status_reason"`
	TotalOccurrences types.Int64          `tfsdk:"total_occurrences"`
	TotalAmount      types.Int64          `tfsdk:"total_amount"`
	NextPayment      types.String         `tfsdk:"next_payment"`
	Created          types.String         `tfsdk:"created"`
	Timeouts         timeouts.Value       `tfsdk:"timeouts"`
}

// recurringChargeAPIChanged reports whether plan differs from state in an
// attribute that is sent to the API on update.
func recurringChargeAPIChanged(ctx context.Context, plan, state RecurringChargeModel, diags *diag.Diagnostics) bool {
	u, unknown := recurringChargeUpdate(ctx, plan, state, diags)
	return unknown || len(u.Body()) > 0
}

// recurringChargeUpdate builds the PATCH for plan over state. unknown is
// true when a compared value is not known yet (plan time).
func recurringChargeUpdate(ctx context.Context, plan, state RecurringChargeModel, diags *diag.Diagnostics) (u client.RecurringChargeUpdate, unknown bool) {
	if plan.Method.IsUnknown() || plan.Amount.IsUnknown() || plan.Description.IsUnknown() || plan.Reference.IsUnknown() ||
		plan.Schedule.IsUnknown() || plan.MaxOccurrences.IsUnknown() || plan.MaxAmount.IsUnknown() || plan.Data.IsUnknown() {
		return u, true
	}
	// A method removed from the configuration (or never set on an
	// imported charge) is left as it is at the API.
	if !plan.Method.IsNull() && !plan.Method.Equal(state.Method) {
		u.Method = client.String(plan.Method.ValueString())
	}
	if !plan.Amount.Equal(state.Amount) {
		u.Amount = rcInt64Ptr(plan.Amount.Int64Value)
	}
	switch {
	case plan.Description.Equal(state.Description):
	case plan.Description.IsNull():
		u.ClearDescription = true
	default:
		u.Description = client.String(plan.Description.ValueString())
	}
	switch {
	case plan.Reference.Equal(state.Reference):
	case plan.Reference.IsNull():
		u.ClearReference = true
	default:
		u.Reference = client.String(plan.Reference.ValueString())
	}
	switch {
	case plan.MaxOccurrences.Equal(state.MaxOccurrences):
	case plan.MaxOccurrences.IsNull():
		u.ClearMaxOccurrences = true
	default:
		u.MaxOccurrences = rcInt64Ptr(plan.MaxOccurrences)
	}
	switch {
	case plan.MaxAmount.Equal(state.MaxAmount):
	case plan.MaxAmount.IsNull():
		u.ClearMaxAmount = true
	default:
		u.MaxAmount = rcInt64Ptr(plan.MaxAmount.Int64Value)
	}
	switch {
	case plan.Data.IsNull() && state.Data.IsNull():
	case plan.Data.IsNull():
		u.ClearData = true
	case state.Data.IsNull() || !RcJsonEqual(plan.Data.ValueString(), state.Data.ValueString()):
		u.Data = json.RawMessage(plan.Data.ValueString())
	}
	ps, ss := scheduleFromObject(ctx, plan.Schedule, diags), scheduleFromObject(ctx, state.Schedule, diags)
	if ps != nil {
		if !scheduleKnown(ps) {
			return u, true
		}
		p := scheduleToAPI(ps)
		if ss == nil || !schedulesEqual(p, scheduleToAPI(ss)) {
			u.Schedule = &p
		}
	}
	return u, false
}

func scheduleKnown(s *scheduleModel) bool {
	_, daysOK := rcDaysOf(s.Days)
	return !s.Start.IsUnknown() && !s.End.IsUnknown() && !s.IntervalUnit.IsUnknown() && !s.IntervalDelay.IsUnknown() && daysOK
}

// applyCharge copies what the API returned into m. method and source_id
// are not returned by the API and are left as they are.
func applyCharge(m *RecurringChargeModel, c *client.RecurringCharge) diag.Diagnostics {
	var diags diag.Diagnostics
	m.ID = types.StringValue(c.ID)
	m.AccountID = framework.StringOrNull(c.AccountID)
	m.Amount = framework.CentsOf(types.Int64Value(int64(c.Amount)))
	m.Currency = framework.StringOrNull(c.Currency)
	m.Description = framework.StringOrNull(c.Description)
	m.Reference = framework.StringOrNull(c.Reference)
	md, d := methodDetailsObject(c.Method)
	diags.Append(d...)
	m.MethodDetails = md
	sched, d := scheduleObject(c.Schedule)
	diags.Append(d...)
	m.Schedule = sched
	m.MaxOccurrences = framework.RcInt64PtrOrNull(c.MaxOccurrences)
	m.MaxAmount = framework.CentsOf(framework.RcInt64PtrOrNull(c.MaxAmount))
	if data := c.DataJSON(); data == "" {
		m.Data = jsontypes.NewNormalizedNull()
	} else if !framework.IsKnown(m.Data) || !RcJsonEqual(m.Data.ValueString(), data) {
		m.Data = jsontypes.NewNormalizedValue(data)
	}
	m.Status = types.StringValue(c.Status)
	m.StatusReason = framework.StringOrNull(c.StatusReason)
	m.TotalOccurrences = types.Int64Value(int64(c.TotalOccurrences))
	m.TotalAmount = types.Int64Value(int64(c.TotalAmount))
	m.NextPayment = framework.StringOrNull(c.NextPayment)
	if c.Created != "" {
		m.Created = types.StringValue(c.Created)
	} else if m.Created.IsUnknown() {
		m.Created = types.StringNull()
	}
	return diags
}

// rcCreateBody is the POST body of a charge with the values of m.
func rcCreateBody(m *RecurringChargeModel, sched *scheduleModel, sourceID string) client.RecurringChargeCreate {
	body := client.RecurringChargeCreate{
		SourceID:       sourceID,
		AccountID:      m.AccountID.ValueString(),
		Method:         m.Method.ValueString(),
		Amount:         m.Amount.ValueInt64(),
		Currency:       m.Currency.ValueString(),
		Description:    m.Description.ValueString(),
		Reference:      m.Reference.ValueString(),
		Schedule:       scheduleToAPI(sched),
		MaxOccurrences: rcInt64Ptr(m.MaxOccurrences),
		MaxAmount:      rcInt64Ptr(m.MaxAmount.Int64Value),
	}
	if framework.IsKnown(m.Data) {
		body.Data = json.RawMessage(m.Data.ValueString())
	}

	return body
}
