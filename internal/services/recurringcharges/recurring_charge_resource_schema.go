package recurringcharges

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/framework"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/validators"
	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// on_destroy values.
const (
	onDestroyCancel = "cancel"
	onDestroyDelete = "delete"
)

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

var _ resource.ResourceWithIdentity = (*RecurringChargeResource)(nil)

func (r *RecurringChargeResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = framework.IdentitySchema(
		framework.IdentityAttr{Name: "id", Description: "The recurring charge ID."},
		framework.IdentityAttr{Name: "method", Optional: true, Description: "The ID of the payment method the charge uses (a saved card, saved bank or " +
			"contact payment method), when Terraform manages it. On import it is checked against the charge's masked payment details."},
	)
}
