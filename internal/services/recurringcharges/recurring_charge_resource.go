package recurringcharges

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
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

// NewRecurringChargeResource is the affinipay_recurring_charge factory.
func NewRecurringChargeResource() resource.Resource {
	return &RecurringChargeResource{now: time.Now}
}

type RecurringChargeResource struct {
	framework.ResourceBase
	now func() time.Time
}

func (r *RecurringChargeResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_recurring_charge"
	// The identity's optional `method` follows the managed method, which
	// an update may change.
	resp.ResourceBehavior.MutableIdentity = true
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
			return r.Data.Client.CreateRecurringCharge(ctx, body)
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
		charge, err = r.Data.Client.RefreshRecurringCharge(ctx, state.ID.ValueString())
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
			return r.Data.Client.UpdateRecurringCharge(ctx, id, u)
		},
		ReadBack: func(ctx context.Context) (*client.RecurringCharge, error) {
			return r.Data.Client.GetRecurringCharge(ctx, id)
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
			after, err := r.Data.Client.GetRecurringCharge(ctx, id)
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
			Send:    func(ctx context.Context) error { return r.Data.Client.DeleteRecurringCharge(ctx, id) },
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
			_, err := r.Data.Client.CancelRecurringCharge(ctx, id)
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
	charge, err := r.Data.Client.GetRecurringCharge(ctx, id)
	if err != nil {
		framework.AddAPIError(diags, "Unable to read recurring charge "+id, err, nil)
		return
	}
	named, err := framework.ReadNamedMethod(ctx, r.Data.Client, method)
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
