package recurringcharges

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/client"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/framework"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/framework/write"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/validators"
)

var (
	_ resource.Resource                   = (*RecurringChargeResource)(nil)
	_ resource.ResourceWithConfigure      = (*RecurringChargeResource)(nil)
	_ resource.ResourceWithImportState    = (*RecurringChargeResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*RecurringChargeResource)(nil)
	_ resource.ResourceWithValidateConfig = (*RecurringChargeResource)(nil)
)

// on_destroy values.
const (
	onDestroyCancel = "cancel"
	onDestroyDelete = "delete"
)

// NewRecurringChargeResource is the affinipay_recurring_charge factory.
func NewRecurringChargeResource() resource.Resource {
	return &RecurringChargeResource{now: time.Now}
}

type RecurringChargeResource struct {
	data *framework.ProviderData
	now  func() time.Time
}

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

func (r *RecurringChargeResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_recurring_charge"
	// The identity's optional `method` follows the managed method, which
	// an update may change.
	resp.ResourceBehavior.MutableIdentity = true
}

const recurringChargeDescription = "A recurring charge: AffiniPay collects `amount` from a saved payment method on the dates of a `schedule` " +
	"(retainers, installment plans, donations). See [Recurring Charges](https://developers.affinipay.com/reference/api.html#recurring-charges).\n\n" +
	"**This resource moves money.** Review every plan. To see the exact dates and amounts a schedule will collect before applying, " +
	"use the `affinipay_recurring_charge_schedule` data source with the same `amount`, `schedule`, `max_occurrences` and `max_amount`.\n\n" +
	"* **Start date:** a new charge must start after today. The API rejects a first payment due on the day the charge is created " +
	"(`first_occurrence_due_immediately`); the provider checks this at plan time against today's date in **UTC**. The gateway decides " +
	"\"today\" itself: in the hours when the UTC date and the gateway's date differ, a start of tomorrow (UTC) can still be refused by the API " +
	"with that error, which is reported on `schedule.start`. The check applies only when creating: an existing charge's `start` may be in the past.\n" +
	"* **No duplicate charges:** every create sends a `source_id` (generated as `terraform:<uuid>` unless you set one). If the response to a " +
	"create is lost, the provider retries it; the API answers the repeat with `409 resource_exists` instead of creating a second charge, and " +
	"the provider then finds the charge the first attempt created (by its `source_id` where the API returns it, otherwise the one active charge " +
	"whose every attribute matches the request) and adopts it. If it cannot identify exactly one, it stops with an error rather than guess.\n" +
	"* **Updates** send only the attributes that changed, with `PATCH` (a changed `schedule` is sent whole). `account_id`, `currency` and " +
	"`source_id` cannot change: changing them replaces the charge. An update that would leave no further payments is refused by the API " +
	"(`update_results_in_no_occurrences`); cancel the charge instead.\n" +
	"* **Destroy** depends on `on_destroy`: `cancel` (default) calls `POST /v1/recurring/charges/{id}/cancel`, so no further payments are " +
	"collected and the charge stays on record as `COMPLETED` with `status_reason = \"user_canceled\"`; `delete` calls `DELETE`, which also stops " +
	"payments and removes the charge from listings. Payments already collected are never refunded.\n" +
	"* **Drift:** a charge deleted outside Terraform is removed from state (the next plan creates a new one). A charge cancelled outside " +
	"Terraform (or whose schedule completed) shows `status = \"COMPLETED\"`; Terraform cannot reactivate it, and the plan warns: replace it " +
	"(`terraform apply -replace=...`) to collect payments again. A changed `amount`, `schedule`, limit, `description`, `reference` or `data` " +
	"is set back by the next apply. The API never returns the payment method's ID, only its masked details, which `method_details` shows: " +
	"a payment method changed outside Terraform shows as a change of `method_details` when the charge is refreshed.\n\n" +
	"## Import\n\nImport with the charge ID (`<id>`) to adopt a charge without managing its payment method: `method` stays unset (leave it out of " +
	"the configuration) and the charge keeps collecting from whatever method it has. To have Terraform own the method, import with " +
	"`<id>/<method_id>` (or the identity's `method`): the provider reads the named saved card, saved bank or contact payment method and " +
	"refuses the import unless its type, last four digits and expiry (cards) or bank name (banks) match the charge's masked method, so " +
	"a wrong ID can never re-point a client's charge to another card.\n\n" +
	"An imported charge has `on_destroy = \"cancel\"` and no `source_id` in state (the API never returns it). The plan after the import " +
	"is empty when the configuration matches the charge and sets neither `source_id` nor `on_destroy = \"delete\"`; setting either plans " +
	"an in-place update that only records the value in state and sends nothing to AffiniPay (a configured `source_id` never replaces an " +
	"imported charge)."

func (r *RecurringChargeResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	stable := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	resp.Schema = schema.Schema{
		MarkdownDescription: recurringChargeDescription,
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The recurring charge ID.",
				Computed:            true,
				PlanModifiers:       stable,
			},
			"account_id": schema.StringAttribute{
				MarkdownDescription: "The ID of the merchant account (card) or eCheck account that receives the payments. When omitted, " +
					"the API uses the merchant's primary account and the provider records it. Changing it replaces the charge.",
				Optional: true,
				Computed: true,
				PlanModifiers: []planmodifier.String{
					stringplanmodifier.UseStateForUnknown(),
					stringplanmodifier.RequiresReplace(),
				},
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"method": schema.StringAttribute{
				MarkdownDescription: "The ID of the payment method charged: a saved card (`/v1/cards`), saved bank (`/v1/banks`), one-time token, " +
					"or a contact's PaymentMethod. **Required to create a charge** (checked at plan time). A one-time token is spent by the create; " +
					"changing `method` later sends the new ID with `PATCH`. For an imported charge it may be left out: the charge keeps its " +
					"payment method and Terraform does not manage it (`method_details` shows what it is). Removing it from the configuration " +
					"stops managing it and sends nothing. The API never returns this ID; see `method_details` for what is actually charged.",
				Optional:   true,
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"method_details": methodDetailsSchema(),
			"amount": schema.Int64Attribute{
				MarkdownDescription: "The amount of each payment in the currency's smallest unit (cents for USD): a whole number from 1 to 10^14 - 1. " +
					"The final payment may be smaller when `max_amount` is set.",
				CustomType: framework.CentsType{},
				Required:   true,
				Validators: []validator.Int64{int64validator.Between(1, framework.RecurringMaxAmount)},
			},
			"currency": schema.StringAttribute{
				MarkdownDescription: "3-letter ISO 4217 currency code, uppercase. Default `USD`. Changing it replaces the charge.",
				Optional:            true,
				Computed:            true,
				Default:             stringdefault.StaticString("USD"),
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
				Validators:          []validator.String{validators.CurrencyCode()},
			},
			"description": schema.StringAttribute{
				MarkdownDescription: "Description of the recurring charge. Removing it clears it.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"reference": schema.StringAttribute{
				MarkdownDescription: "A reference set on each charge created to collect a payment; the `affinipay_recurring_charges` data source can filter by it.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"schedule": schema.SingleNestedAttribute{
				MarkdownDescription: "When payments are due. Changing it updates the charge in place (the whole schedule is sent).",
				Required:            true,
				Attributes:          resourceScheduleAttributes(),
			},
			"max_occurrences": schema.Int64Attribute{
				MarkdownDescription: "The most payments that will be scheduled, at least 1; the charge completes after that many. Omit for no limit.",
				Optional:            true,
				Validators:          []validator.Int64{int64validator.AtLeast(1)},
			},
			"max_amount": schema.Int64Attribute{
				MarkdownDescription: "The most the charge collects in total, at least `amount`; the final payment is the lesser of `amount` and " +
					"what remains (for example `amount` 10000 and `max_amount` 15000 give 10000 then 5000). Omit for no limit.",
				CustomType: framework.CentsType{},
				Optional:   true,
				Validators: []validator.Int64{int64validator.AtLeast(1)},
			},
			"data": schema.StringAttribute{
				MarkdownDescription: "A JSON object (use `jsonencode`) included on each charge created to collect a payment. Compared as JSON: " +
					"formatting and key order in what the API returns are never a difference, and a configuration change that only " +
					"reformats the JSON plans an in-place update that sends nothing. Storage charges may apply.",
				Optional:   true,
				CustomType: jsontypes.NormalizedType{},
				Validators: []validator.String{jsonObjectValidator()},
			},
			"source_id": schema.StringAttribute{
				MarkdownDescription: "A unique ID for the charge in your systems (at most 255 characters, unique among all of the merchant's " +
					"transactions). Generated as `terraform:<uuid>` when omitted; it makes a create safe to retry. Write-only at the API, so it is " +
					"known only for charges Terraform created. Changing it replaces the charge.",
				Optional:      true,
				Computed:      true,
				PlanModifiers: []planmodifier.String{sourceIDPlanModifier{}},
				Validators:    []validator.String{stringvalidator.LengthBetween(1, 255)},
			},
			"on_destroy": schema.StringAttribute{
				MarkdownDescription: "What destroying does: `cancel` (default; `POST .../cancel`, the charge stays on record as `COMPLETED` with " +
					"`status_reason = \"user_canceled\"`) or `delete` (`DELETE`; the charge no longer appears in listings). Either way no further " +
					"payments are collected. Changing it changes nothing at AffiniPay.",
				Optional:   true,
				Computed:   true,
				Default:    stringdefault.StaticString(onDestroyCancel),
				Validators: []validator.String{stringvalidator.OneOf(onDestroyCancel, onDestroyDelete)},
			},
			"status":            framework.ComputedResourceString("`ACTIVE` (payments remain to be collected) or `COMPLETED` (all scheduled payments attempted, or cancelled)."),
			"status_reason":     framework.ComputedResourceString("Why the charge is `COMPLETED`: `schedule_complete` or `user_canceled`; null while `ACTIVE`."),
			"total_occurrences": framework.ComputedResourceInt64("How many payments the gateway has attempted to collect (not counting the next pending one)."),
			"total_amount":      framework.ComputedResourceInt64("The total the gateway has attempted to collect (not counting the next pending payment)."),
			"next_payment":      framework.ComputedResourceString("The date (`yyyy-mm-dd`) of the next payment; null when none remain."),
			"created": schema.StringAttribute{
				MarkdownDescription: "When the charge was created (RFC 3339), when the API reports it.",
				Computed:            true,
				PlanModifiers:       stable,
			},
			"timeouts": framework.TimeoutsAttribute(ctx),
		},
	}
}

// jsonObjectValidator accepts a JSON object (the API's "JSON hash").
func jsonObjectValidator() validator.String {
	return validators.NewString("a JSON object", func(s string) string {
		var m map[string]any
		if err := json.Unmarshal([]byte(s), &m); err != nil || m == nil {
			return fmt.Sprintf("must be a JSON object such as jsonencode({ matter = \"M-1\" }), got %.60q", s)
		}
		return ""
	})
}

// sourceIDPlanModifier keeps source_id stable: unknown (generated at create)
// for a new charge without one, the state value when the configuration
// leaves it out, and a replacement only when a configured value differs
// from a known one. An imported charge has no source_id in state (the API
// never returns it): configuring one records it without replacing the
// charge, with a warning, rather than cancelling and re-creating a charge
// that moves money.
type sourceIDPlanModifier struct{}

func (sourceIDPlanModifier) Description(context.Context) string {
	return "generated at create when omitted; replaces the charge when changed"
}
func (m sourceIDPlanModifier) MarkdownDescription(ctx context.Context) string {
	return m.Description(ctx)
}

func (sourceIDPlanModifier) PlanModifyString(_ context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if req.State.Raw.IsNull() || req.Plan.Raw.IsNull() {
		return // create (unknown unless configured) or destroy
	}
	if req.ConfigValue.IsNull() {
		resp.PlanValue = req.StateValue
		return
	}
	if req.ConfigValue.IsUnknown() || req.ConfigValue.Equal(req.StateValue) {
		return
	}
	if req.StateValue.IsNull() {
		resp.Diagnostics.AddAttributeWarning(req.Path, "source_id of an imported recurring charge",
			"The API never returns a recurring charge's source_id, so the source_id this charge was created with is unknown. "+
				"The configured value is recorded in state only; it is not sent to the API and does not replace the charge.")
		return
	}
	resp.RequiresReplace = true
}

func (r *RecurringChargeResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = framework.ProviderDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (r *RecurringChargeResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var cfg RecurringChargeModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	sched := scheduleFromObject(ctx, cfg.Schedule, &resp.Diagnostics)
	validateScheduleConfig(sched, path.Root("schedule"), cfg.Amount.Int64Value, cfg.MaxAmount.Int64Value, &resp.Diagnostics)
}

// ModifyPlan checks a new charge's start date, warns about a charge that
// is no longer active, and marks the values the API recomputes as unknown
// only when a request will be sent.
func (r *RecurringChargeResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	var plan RecurringChargeModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if req.State.Raw.IsNull() {
		if plan.Method.IsNull() {
			resp.Diagnostics.AddAttributeError(path.Root("method"), "Missing method: required to create a recurring charge",
				"A new recurring charge needs the ID of the payment method to collect from (a saved card, saved bank, one-time token or "+
					"contact payment method). method may be left out only for a charge that already exists and was imported.")
		}
		if s := scheduleFromObject(ctx, plan.Schedule, &resp.Diagnostics); s != nil && framework.IsKnown(s.Start) {
			if p := validators.CheckStartAfterToday(s.Start.ValueString(), r.now()); p != "" {
				resp.Diagnostics.AddAttributeError(path.Root("schedule").AtName("start"), "Invalid schedule.start: a recurring charge cannot start today or earlier", p)
			}
		}
		return
	}
	var state RecurringChargeModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if state.Status.ValueString() == client.RecurringStatusCompleted {
		resp.Diagnostics.AddWarning("Recurring charge "+state.ID.ValueString()+" is COMPLETED", completedWarning(state))
	}
	if recurringChargeAPIChanged(ctx, plan, state, &resp.Diagnostics) {
		plan.Status = types.StringUnknown()
		plan.StatusReason = types.StringUnknown()
		plan.TotalOccurrences = types.Int64Unknown()
		plan.TotalAmount = types.Int64Unknown()
		plan.NextPayment = types.StringUnknown()
		if !plan.Method.IsNull() && !plan.Method.Equal(state.Method) {
			plan.MethodDetails = types.ObjectUnknown(methodDetailsAttrTypes)
		} else {
			plan.MethodDetails = state.MethodDetails
		}
	} else {
		plan.MethodDetails = state.MethodDetails
		plan.Status, plan.StatusReason = state.Status, state.StatusReason
		plan.TotalOccurrences, plan.TotalAmount = state.TotalOccurrences, state.TotalAmount
		plan.NextPayment = state.NextPayment
	}
	resp.Diagnostics.Append(resp.Plan.Set(ctx, &plan)...)
}

func completedWarning(state RecurringChargeModel) string {
	why := "Its status_reason is " + state.StatusReason.ValueString() + "."
	switch state.StatusReason.ValueString() {
	case client.RecurringReasonUserCanceled:
		why = "It was cancelled (status_reason user_canceled), outside Terraform or by an earlier destroy."
	case client.RecurringReasonScheduleComplete:
		why = "Its schedule is complete (status_reason schedule_complete): every scheduled payment has been attempted."
	}
	return why + " No further payments will be collected, and this apply will not restart it: Terraform cannot reactivate a completed " +
		"recurring charge, and changes to its attributes are unlikely to be accepted by the API. To collect payments again, replace it " +
		"with `terraform apply -replace=<address of this resource>`, which creates a new recurring charge (starting on a future " +
		"schedule.start) and removes this one according to on_destroy. To stop managing it, remove it from the configuration."
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

func (r *RecurringChargeResource) contextPaths() framework.ContextPaths {
	sched := path.Root("schedule")
	return framework.ContextPaths{
		"account_id":              path.Root("account_id"),
		"method":                  path.Root("method"),
		"amount":                  path.Root("amount"),
		"currency":                path.Root("currency"),
		"description":             path.Root("description"),
		"reference":               path.Root("reference"),
		"schedule":                sched,
		"schedule.start":          sched.AtName("start"),
		"schedule.end":            sched.AtName("end"),
		"schedule.interval_unit":  sched.AtName("interval_unit"),
		"schedule.interval_delay": sched.AtName("interval_delay"),
		"schedule.days":           sched.AtName("days"),
		"max_occurrences":         path.Root("max_occurrences"),
		"max_amount":              path.Root("max_amount"),
		"data":                    path.Root("data"),
		"source_id":               path.Root("source_id"),
		// Unknown IDs: 404 resource_not_found with the context
		// "Account[<id>]" (reference, error example) or
		// "PaymentMethod[<id>]".
		"Account":       path.Root("account_id"),
		"PaymentMethod": path.Root("method"),
	}
}

// addAPIError adds err like framework.AddAPIError, and explains the codes
// specific to recurring charges on the attribute they concern.
func (r *RecurringChargeResource) addAPIError(diags *diag.Diagnostics, summary string, err error) {
	sched := path.Root("schedule")
	switch {
	case client.HasCode(err, client.CodeFirstOccurrenceDueImmediately):
		diags.AddAttributeError(sched.AtName("start"), summary+": schedule.start",
			"The API refused the charge because its first payment would be due today (first_occurrence_due_immediately): a recurring "+
				"charge must start no sooner than the day after it is created, in the gateway's own sense of \"today\". Move schedule.start "+
				"later.\n\n"+err.Error())
	case client.HasCode(err, client.CodeNoOccurrencesForSchedule):
		diags.AddAttributeError(sched, summary+": schedule",
			"The schedule gives no payment dates at all (no_occurrences_for_schedule): check schedule.end, days and the limits. "+
				"Preview it with the affinipay_recurring_charge_schedule data source.\n\n"+err.Error())
	case client.HasCode(err, client.CodeUpdateResultsInNoOccurrences):
		diags.AddAttributeError(sched, summary+": schedule",
			"The API refused the update because it would leave no further payments (update_results_in_no_occurrences). To stop "+
				"collecting payments, cancel the charge instead: remove the resource from the configuration (with on_destroy = \"cancel\", "+
				"the default, destroy cancels it) or run terraform destroy -target on it.\n\n"+err.Error())
	default:
		framework.AddAPIError(diags, summary, err, r.contextPaths())
	}
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

func (r *RecurringChargeResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan RecurringChargeModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := framework.WithTimeout(ctx, plan.Timeouts.Create, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()

	sched := scheduleFromObject(ctx, plan.Schedule, &resp.Diagnostics)
	if resp.Diagnostics.HasError() || sched == nil {
		resp.Diagnostics.AddAttributeError(path.Root("schedule"), "Missing schedule", "schedule must be known when creating a recurring charge.")
		return
	}
	// Values unknown at plan time are known now: check them again.
	validateScheduleConfig(sched, path.Root("schedule"), plan.Amount.Int64Value, plan.MaxAmount.Int64Value, &resp.Diagnostics)
	if p := validators.CheckStartAfterToday(sched.Start.ValueString(), r.now()); p != "" {
		resp.Diagnostics.AddAttributeError(path.Root("schedule").AtName("start"), "Invalid schedule.start: a recurring charge cannot start today or earlier", p)
	}
	if resp.Diagnostics.HasError() {
		return
	}

	sourceID := plan.SourceID.ValueString()
	if !framework.IsKnown(plan.SourceID) {
		sourceID = framework.SourceIDPrefix + uuid.NewString()
	}
	body := rcCreateBody(&plan, sched, sourceID)

	res := write.Create(ctx, write.CreateSpec[client.RecurringCharge]{
		Kind: "recurring charge",
		Key:  fmt.Sprintf("source_id %q", sourceID),
		Send: func(ctx context.Context) (*client.RecurringCharge, error) {
			return r.data.Client.CreateRecurringCharge(ctx, body)
		},
		Lookup:  func(ctx context.Context) (*client.RecurringCharge, error) { return r.findCreated(ctx, body) },
		Refused: r.addAPIError,
	}, &resp.Diagnostics)
	if res.Failed {
		return
	}
	if res.Unsettled {
		resp.Diagnostics.Append(write.RecordUnsettled(ctx, req.Plan, &resp.State, sourceID, map[string]any{"source_id": sourceID})...)
		resp.Diagnostics.Append(framework.IdentityFromState(ctx, resp.State, resp.Identity)...)
		return
	}
	charge := res.Object
	if res.Adopted {
		tflog.Info(ctx, "Adopted the recurring charge created by an earlier attempt", map[string]any{"id": charge.ID, "source_id": sourceID})
	}

	plan.SourceID = types.StringValue(sourceID)
	resp.Diagnostics.Append(applyCharge(&plan, charge)...)
	resp.Diagnostics.Append(framework.SetStateAndIdentity(ctx, &resp.State, resp.Identity, &plan)...)
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

// findUnsettled looks for the charge of an unsettled create (state holds
// the planned values and the source_id it was sent with).
func (r *RecurringChargeResource) findUnsettled(ctx context.Context, state *RecurringChargeModel, sourceID string, diags *diag.Diagnostics) (*client.RecurringCharge, error) {
	sched := scheduleFromObject(ctx, state.Schedule, diags)
	if sched == nil {
		return nil, fmt.Errorf("the state of the unsettled charge with source_id %q has no schedule", sourceID)
	}
	return r.findCreated(ctx, rcCreateBody(state, sched, sourceID))
}

// findCreated finds the recurring charge created by body after the API
// answered a repeated create with 409 resource_exists (or a create's
// outcome is unknown). The reference documents source_id as write-only, so
// a charge is identified by its source_id when the API returns it, and
// otherwise as the single ACTIVE charge equal to the request in every
// attribute the API returns AND collecting from the same payment method
// (the method is read by its ID and compared with the charge's masked
// method: a charge identical in every other way on another client's card is
// never this one). It returns nil without error when there is no such
// charge, and an error when it cannot tell: several match (it never
// guesses), or the payment method cannot be read.
func (r *RecurringChargeResource) findCreated(ctx context.Context, body client.RecurringChargeCreate) (*client.RecurringCharge, error) {
	charges, err := r.data.Client.ListRecurringCharges(ctx, client.RecurringChargeFilter{
		AccountID: body.AccountID,
		Status:    client.RecurringStatusActive,
		Reference: body.Reference,
	})
	if err != nil {
		return nil, fmt.Errorf("listing recurring charges: %w", err)
	}
	var bySource, byContent []client.RecurringCharge
	for _, c := range charges {
		if c.SourceID != "" && c.SourceID == body.SourceID {
			bySource = append(bySource, c)
		}
		if c.SourceID == "" && chargeMatches(c, body) {
			byContent = append(byContent, c)
		}
	}
	candidates := byContent
	if len(bySource) > 0 {
		candidates = bySource
	}
	if len(candidates) == 0 {
		return nil, nil
	}
	named, err := framework.ReadNamedMethod(ctx, r.data.Client, body.Method)
	if err != nil {
		return nil, fmt.Errorf("reading the payment method the create named, to compare it with the matching charges: %w", err)
	}
	if named == nil {
		return nil, fmt.Errorf("the payment method the create named can no longer be read (a one-time token is used up), so the "+
			"matching charges (%s) cannot be told apart from another client's identical charge", chargeIDs(candidates))
	}
	sameMethod := candidates[:0:0]
	for _, c := range candidates {
		if framework.MethodMismatch(named, c.Method) == "" {
			sameMethod = append(sameMethod, c)
		}
	}
	candidates = sameMethod
	switch {
	case len(candidates) == 0:
		return nil, nil
	case len(candidates) > 1:
		return nil, fmt.Errorf("%d active recurring charges match the request, payment method included (%s); the API does not return "+
			"source_id, so the provider cannot tell which one this apply created. To resolve it: keep one (terraform state rm on this "+
			"resource's address, then terraform import <address> %s), and cancel the others if they are duplicates (a separate "+
			"affinipay_recurring_charge imported with its ID and removed with terraform destroy -target, or the AffiniPay dashboard)",
			len(candidates), chargeIDs(candidates), candidates[0].ID)
	}
	c := candidates[0]
	if !chargeMatches(c, body) {
		return nil, fmt.Errorf("recurring charge %s has source_id %q but differs from this configuration; import it, or choose another source_id", c.ID, body.SourceID)
	}
	// The list may abbreviate; read the full charge.
	full, err := r.data.Client.GetRecurringCharge(ctx, c.ID)
	if err != nil {
		return nil, fmt.Errorf("reading recurring charge %s: %w", c.ID, err)
	}
	return full, nil
}

// chargeIDs lists the IDs of charges, comma-separated.
func chargeIDs(charges []client.RecurringCharge) string {
	ids := make([]string, len(charges))
	for i, c := range charges {
		ids[i] = c.ID
	}
	return strings.Join(ids, ", ")
}

// chargeMatches reports whether a charge returned by the API is what body
// asked for.
func chargeMatches(c client.RecurringCharge, body client.RecurringChargeCreate) bool {
	eqPtr := func(a *client.FlexInt64, b *int64) bool {
		if a == nil || b == nil {
			return a == nil && b == nil
		}
		return int64(*a) == *b
	}
	return int64(c.Amount) == body.Amount &&
		(body.AccountID == "" || c.AccountID == body.AccountID) &&
		(body.Currency == "" || strings.EqualFold(c.Currency, body.Currency)) &&
		c.Description == body.Description && c.Reference == body.Reference &&
		schedulesEqual(c.Schedule, body.Schedule) &&
		eqPtr(c.MaxOccurrences, body.MaxOccurrences) && eqPtr(c.MaxAmount, body.MaxAmount) &&
		RcJsonEqual(c.DataJSON(), string(body.Data))
}

func (r *RecurringChargeResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state RecurringChargeModel
	resp.Diagnostics.Append(framework.GetStateModel(ctx, req.State, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := framework.WithReadTimeout(ctx, state.Timeouts.Read, framework.DefaultTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	var charge *client.RecurringCharge
	var err error
	if sourceID, unsettled := write.UnsettledKey(state.ID.ValueString()); unsettled {
		// A create whose outcome was unknown: settle it.
		charge, err = r.findUnsettled(ctx, &state, sourceID, &resp.Diagnostics)
		if err == nil && charge == nil {
			resp.Diagnostics.AddWarning("The unsettled recurring charge create made no charge",
				fmt.Sprintf("No active recurring charge matches the create recorded as unsettled (source_id %q): it did not commit. "+
					"The record is removed from state, and the next apply creates the charge.", sourceID))
			framework.RemoveResourceKeepIdentity(ctx, req.State, resp)
			return
		}
	} else {
		charge, err = r.data.Client.RefreshRecurringCharge(ctx, state.ID.ValueString())
	}
	if client.IsNotFound(err) || (err == nil && charge.Status == client.RecurringStatusDeleted) {
		tflog.Warn(ctx, "Recurring charge deleted outside Terraform; removing it from state", map[string]any{"id": state.ID.ValueString()})
		framework.RemoveResourceKeepIdentity(ctx, req.State, resp)
		return
	}
	if err != nil {
		framework.AddAPIError(&resp.Diagnostics, "Unable to read recurring charge "+state.ID.ValueString(), err, nil)
		return
	}
	resp.Diagnostics.Append(applyCharge(&state, charge)...)
	if state.OnDestroy.IsNull() {
		state.OnDestroy = types.StringValue(onDestroyCancel)
	}
	resp.Diagnostics.Append(framework.SetStateAndIdentity(ctx, &resp.State, resp.Identity, &state)...)
}

func (r *RecurringChargeResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state RecurringChargeModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := framework.WithTimeout(ctx, plan.Timeouts.Update, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()

	sched := scheduleFromObject(ctx, plan.Schedule, &resp.Diagnostics)
	validateScheduleConfig(sched, path.Root("schedule"), plan.Amount.Int64Value, plan.MaxAmount.Int64Value, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	u, _ := recurringChargeUpdate(ctx, plan, state, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	if len(u.Body()) == 0 {
		// Only on_destroy, source_id (imported charge) or timeouts changed:
		// nothing to send.
		plan.ID = state.ID
		plan.Status, plan.StatusReason = state.Status, state.StatusReason
		plan.TotalOccurrences, plan.TotalAmount, plan.NextPayment = state.TotalOccurrences, state.TotalAmount, state.NextPayment
		plan.MethodDetails = state.MethodDetails
		resp.Diagnostics.Append(framework.SetStateAndIdentity(ctx, &resp.State, resp.Identity, &plan)...)
		return
	}
	id := state.ID.ValueString()
	summary := "Unable to update recurring charge " + id
	res := write.Change(ctx, write.ChangeSpec[client.RecurringCharge]{
		What: "update recurring charge " + id,
		Send: func(ctx context.Context) (*client.RecurringCharge, error) {
			return r.data.Client.UpdateRecurringCharge(ctx, id, u)
		},
		ReadBack: func(ctx context.Context) (*client.RecurringCharge, error) {
			return r.data.Client.GetRecurringCharge(ctx, id)
		},
		Refused: func(diags *diag.Diagnostics, _ string, err error) {
			if state.Status.ValueString() == client.RecurringStatusCompleted {
				diags.AddError(summary, "The charge is COMPLETED and cannot be changed. "+completedWarning(state)+"\n\n"+err.Error())
				return
			}
			r.addAPIError(diags, summary, err)
		},
	}, &resp.Diagnostics)
	if res.Object == nil {
		// Not sent, refused, or unknown and unreadable: the state stays as it was.
		return
	}
	if res.ReadBack {
		// The PATCH may have been applied: record the charge as it is.
		resp.Diagnostics.Append(applyCharge(&state, res.Object)...)
		resp.Diagnostics.Append(framework.SetStateAndIdentity(ctx, &resp.State, resp.Identity, &state)...)
		return
	}
	resp.Diagnostics.Append(applyCharge(&plan, res.Object)...)
	resp.Diagnostics.Append(framework.SetStateAndIdentity(ctx, &resp.State, resp.Identity, &plan)...)
}

func (r *RecurringChargeResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state RecurringChargeModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := framework.WithTimeout(ctx, state.Timeouts.Delete, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()

	id := state.ID.ValueString()
	if sourceID, unsettled := write.UnsettledKey(id); unsettled {
		// Never settled (refresh skipped): remove the charge its create
		// may have made, if there is one.
		found, err := r.findUnsettled(ctx, &state, sourceID, &resp.Diagnostics)
		if err != nil {
			framework.AddAPIError(&resp.Diagnostics, "Unable to look for the recurring charge with source_id "+sourceID, err, nil)
			return
		}
		if found == nil {
			return
		}
		id = found.ID
	}
	// Deleted, or (cancel) no longer active: nothing left to do. A delete
	// or cancel repeated after a lost reply, or racing one made elsewhere,
	// may be refused: it is done if the charge is gone or inactive.
	gone := func(deleted bool) func(ctx context.Context) (bool, error) {
		return func(ctx context.Context) (bool, error) {
			after, err := r.data.Client.GetRecurringCharge(ctx, id)
			if client.IsNotFound(err) {
				return true, nil
			}
			if err != nil {
				return false, err
			}
			if deleted {
				return after.Status == client.RecurringStatusDeleted, nil
			}
			if after.Status != client.RecurringStatusActive {
				tflog.Info(ctx, "Recurring charge no longer active; nothing to cancel", map[string]any{"id": id, "status": after.Status, "status_reason": after.StatusReason})
				return true, nil
			}
			return false, nil
		}
	}
	if state.OnDestroy.ValueString() == onDestroyDelete {
		write.Delete(ctx, write.DeleteSpec{
			What:    "delete recurring charge " + id,
			Send:    func(ctx context.Context) error { return r.data.Client.DeleteRecurringCharge(ctx, id) },
			Gone:    gone(true),
			Refused: framework.ReportAPIError(nil),
		}, &resp.Diagnostics)
		return
	}
	// Cancel straight away: the refresh before destroy has just read the
	// charge, so reading it again first would cost a request per charge for
	// nothing. Only when the cancel fails is the charge read, to tell
	// "nothing left to cancel" from a real error.
	write.Delete(ctx, write.DeleteSpec{
		What: "cancel recurring charge " + id,
		Send: func(ctx context.Context) error {
			_, err := r.data.Client.CancelRecurringCharge(ctx, id)
			return err
		},
		Gone:    gone(false),
		Refused: framework.ReportAPIError(nil),
	}, &resp.Diagnostics)
}

// ImportState takes `<charge_id>` or `<charge_id>/<method_id>` (or the
// identity's id and method). A named method is verified against the
// charge's masked method before it is recorded; source_id cannot be read
// back from the API; on_destroy starts as cancel.
func (r *RecurringChargeResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	raw := framework.ImportIDFromRequest(ctx, req, &resp.Diagnostics, func(a map[string]string) string {
		if a["method"] == "" {
			return a["id"]
		}
		return a["id"] + "/" + a["method"]
	})
	if resp.Diagnostics.HasError() {
		return
	}
	id, method, ok := parseRecurringChargeImportID(raw)
	if !ok || (strings.Contains(raw, "/") && method == "") {
		resp.Diagnostics.AddError("Invalid import ID", fmt.Sprintf("%q is not a recurring charge import ID: use the charge ID, for example "+
			"`xicilh0vTAeZiThRtHU2Ow`, or `<charge_id>/<method_id>` to also manage its payment method, for example "+
			"`xicilh0vTAeZiThRtHU2Ow/Aw3ZoeF8QUqbFeXAmH3RVA`.", raw))
		return
	}
	if method != "" {
		r.verifyImportMethod(ctx, id, method, &resp.Diagnostics)
		if resp.Diagnostics.HasError() {
			return
		}
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("method"), method)...)
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("on_destroy"), onDestroyCancel)...)
}

// verifyImportMethod refuses an import that names a payment method other
// than the one the charge uses.
func (r *RecurringChargeResource) verifyImportMethod(ctx context.Context, id, method string, diags *diag.Diagnostics) {
	summary := "Cannot import recurring charge " + id + " with payment method " + method
	charge, err := r.data.Client.GetRecurringCharge(ctx, id)
	if err != nil {
		framework.AddAPIError(diags, "Unable to read recurring charge "+id, err, nil)
		return
	}
	named, err := framework.ReadNamedMethod(ctx, r.data.Client, method)
	if err != nil {
		diags.AddError(summary, err.Error())
		return
	}
	if named == nil {
		diags.AddError(summary, fmt.Sprintf("No saved card, saved bank or contact payment method has the ID %q, so it cannot be checked "+
			"against the charge. Import with the charge ID alone (%q) to adopt the charge without managing its payment method.", method, id))
		return
	}
	if problem := framework.MethodMismatch(named, charge.Method); problem != "" {
		diags.AddError(summary, fmt.Sprintf("The %s %s is not the payment method the charge collects from (%s). Recording it would make the "+
			"next apply re-point the charge to it. Check the method ID against the charge's method_details, or import with the charge ID "+
			"alone (%q) to adopt the charge without managing its payment method.", named.Kind, method, problem, id))
	}
}

var _ resource.ResourceWithIdentity = (*RecurringChargeResource)(nil)

func (r *RecurringChargeResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = framework.IdentitySchema(
		framework.IdentityAttr{Name: "id", Description: "The recurring charge ID."},
		framework.IdentityAttr{Name: "method", Optional: true, Description: "The ID of the payment method the charge uses (a saved card, saved bank or " +
			"contact payment method), when Terraform manages it. On import it is checked against the charge's masked payment details."},
	)
}
