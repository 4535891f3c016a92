package merchant

import (
	"context"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/client"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/framework"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/framework/write"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/validators"
)

var (
	_ resource.ResourceWithConfigure   = (*ACHAccountResource)(nil)
	_ resource.ResourceWithImportState = (*ACHAccountResource)(nil)
)

// achRequiredPaymentFields: the bank properties the reference allows in an
// ach_account's required_payment_fields.
var achRequiredPaymentFields = []string{"name", "address1", "city", "state", "postal_code", "country", "email", "phone"}

// NewAchAccountResource is the affinipay_ach_account resource.
func NewAchAccountResource() resource.Resource { return &ACHAccountResource{} }

type ACHAccountResource struct{ framework.ResourceBase }

type ACHAccountResourceModel struct {
	ID                          types.String   `tfsdk:"id"`
	AccountID                   types.String   `tfsdk:"account_id"`
	Name                        types.String   `tfsdk:"name"`
	Primary                     types.Bool     `tfsdk:"primary"`
	RequiredPaymentFields       types.Set      `tfsdk:"required_payment_fields"`
	TransactionAllowedCountries types.Set      `tfsdk:"transaction_allowed_countries"`
	Status                      types.String   `tfsdk:"status"`
	TrustAccount                types.Bool     `tfsdk:"trust_account"`
	Currency                    types.String   `tfsdk:"currency"`
	BankName                    types.String   `tfsdk:"bank_name"`
	AccountType                 types.String   `tfsdk:"account_type"`
	RoutingNumber               types.String   `tfsdk:"routing_number"`
	AccountNumber               types.String   `tfsdk:"account_number"`
	Timeouts                    timeouts.Value `tfsdk:"timeouts"`
}

var achAccountContextPaths = framework.ContextPaths{
	"id":                            path.Root("account_id"),
	"name":                          path.Root("name"),
	"primary":                       path.Root("primary"),
	"required_payment_fields":       path.Root("required_payment_fields"),
	"transaction_allowed_countries": path.Root("transaction_allowed_countries"),
}

func (r *ACHAccountResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_ach_account"
}

const achAccountResourceDoc = "Manages the policy of an existing eCheck (ACH) account of the authenticated merchant " +
	"(`PATCH /v1/ach-accounts/{id}`): its display name, whether it is the primary eCheck account, the bank fields required on eCheck " +
	"transactions, and the countries client IPs may transact from.\n\n" +
	"eCheck accounts are opened through AffiniPay, not through the API, so this resource **adopts** an existing account:\n\n" +
	"* **Create** checks that the account exists among the merchant's `ach_accounts` and sends only the attributes you configured. " +
	"An optional attribute left out of the configuration is read from AffiniPay and never changed.\n" +
	"* **Update** sends only the attributes whose value changed.\n" +
	"* **Destroy leaves the account exactly as it is** at AffiniPay; the resource is only removed from the Terraform state.\n" +
	"* A test-mode secret key only sees test-mode accounts and a live-mode key only live-mode accounts.\n\n" +
	"**Primary account.** Exactly one eCheck account is always primary (it receives bank transactions that name no account). " +
	"Setting `primary = true` here makes the previously primary account non-primary at AffiniPay; if another `affinipay_ach_account` " +
	"declares `primary = true` for that account, its next plan shows the difference, so declare `primary = true` on one account only. " +
	"Setting `primary = false` on the current primary account is refused by the API: make another account primary instead.\n\n" +
	"## Import\n\n" +
	"Import with the eCheck account ID (see the `ach_accounts` of the `affinipay_merchant` data source): " +
	"`terraform import affinipay_ach_account.operating <account_id>`."

func (r *ACHAccountResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: achAccountResourceDoc,
		Attributes: map[string]schema.Attribute{
			"id": framework.KeptString("The eCheck account ID (same as `account_id`)."),
			"account_id": schema.StringAttribute{
				MarkdownDescription: "ID of the existing eCheck account to manage, from the `ach_accounts` of the `affinipay_merchant` data source. " +
					"Changing it makes Terraform stop managing this account (left as it is) and adopt the other one.",
				Required:      true,
				Validators:    []validator.String{stringvalidator.LengthAtLeast(1), stringvalidator.RegexMatches(framework.NotBlankRegexp, "must not be blank")},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"name": schema.StringAttribute{
				MarkdownDescription: "Descriptive name of the account, for display only. Cannot be blank. Left unchanged when not configured.",
				Optional:            true,
				Computed:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1), stringvalidator.RegexMatches(framework.NotBlankRegexp, "must not be blank")},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			// No UseStateForUnknown: making another account primary (possibly
			// in the same apply) changes this value, so when this resource
			// is updated without configuring primary, it is unknown.
			"primary": schema.BoolAttribute{
				MarkdownDescription: "Whether this is the merchant's primary eCheck account. `true` makes this account primary and the previous " +
					"primary account non-primary. `false` is refused by the API for the current primary account (exactly one account is always primary). " +
					"Left unchanged when not configured.",
				Optional: true,
				Computed: true,
			},
			"required_payment_fields": schema.SetAttribute{
				MarkdownDescription: "Bank properties that must be present on an eCheck transaction: any of `name`, `address1`, `city`, `state`, " +
					"`postal_code`, `country`, `email`, `phone`. An empty set requires none. Left unchanged when not configured.",
				Optional:      true,
				Computed:      true,
				ElementType:   types.StringType,
				Validators:    []validator.Set{setvalidator.ValueStringsAre(stringvalidator.OneOf(achRequiredPaymentFields...))},
				PlanModifiers: []planmodifier.Set{setplanmodifier.UseStateForUnknown()},
			},
			// The reference's ach_account table marks this read-only, but its
			// "Update eCheck Account" section documents policy updates and its
			// PUT and PATCH examples send it, so it is managed here.
			"transaction_allowed_countries": schema.SetAttribute{
				MarkdownDescription: "2-letter ISO 3166-1 alpha-2 country codes (such as `US`) from which client IPs may charge, void, capture " +
					"and refund on this account, by geographic IP lookup. An empty set defines none, in which case the merchant's tenant may apply a default list. " +
					"Left unchanged when not configured.",
				Optional:      true,
				Computed:      true,
				ElementType:   types.StringType,
				Validators:    []validator.Set{setvalidator.ValueStringsAre(validators.CountryCode())},
				PlanModifiers: []planmodifier.Set{setplanmodifier.UseStateForUnknown()},
			},
			"status": framework.KeptString("Account status: `ACTIVE`, `INACTIVE` or `DELETED`."),
			"trust_account": schema.BoolAttribute{
				MarkdownDescription: "Whether this is a trust account; null when the API does not say.",
				Computed:            true,
				PlanModifiers:       []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()},
			},
			"currency":       framework.KeptString(framework.DescCurrency + " of the account."),
			"bank_name":      framework.KeptString(framework.DescBankName + "."),
			"account_type":   framework.KeptString(framework.DescBankAccountType + "."),
			"routing_number": framework.KeptString(framework.DescRoutingNumberMasked + " (`******013`)."),
			"account_number": framework.KeptString(framework.DescAccountNumberMasked + " (`*****8932`)."),
			"timeouts":       framework.TimeoutsAttribute(ctx),
		},
	}
}

func (r *ACHAccountResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan, cfg ACHAccountResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := framework.WithTimeout(ctx, plan.Timeouts.Create, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()

	id := plan.AccountID.ValueString()
	current, err := r.Data.Client.GetAchAccount(ctx, id)
	if err != nil {
		if client.IsNotFound(err) {
			resp.Diagnostics.AddAttributeError(path.Root("account_id"), "eCheck account not found",
				"The authenticated merchant has no eCheck account with ID "+strconv.Quote(id)+". List the IDs with the affinipay_merchant data source "+
					"(ach_accounts); note that a test-mode secret key only sees test-mode accounts and a live-mode key only live-mode accounts.")
			return
		}
		framework.AddAPIError(&resp.Diagnostics, "Unable to read the AffiniPay eCheck account", err, achAccountContextPaths)
		return
	}
	base, diags := flattenAchAccount(ctx, *current)
	resp.Diagnostics.Append(diags...)

	update, diags := expandAchAccountUpdate(ctx, cfg, nil)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	state := base
	if !update.IsEmpty() {
		patched := r.write(ctx, id, update, "apply the AffiniPay eCheck account policy", req.Plan, plan, base, &resp.Diagnostics)
		if patched == nil || resp.Diagnostics.HasError() {
			// Nothing applied, or an unknown outcome the account read back
			// does not show applied: nothing is recorded, and the next
			// apply sends the same (idempotent) PATCH again.
			return
		}
		state, diags = flattenAchAccount(ctx, *patched)
		resp.Diagnostics.Append(diags...)
		state.fillReadOnlyFrom(base)
	}
	state.ID, state.AccountID = types.StringValue(id), types.StringValue(id)
	state.Timeouts = plan.Timeouts
	resp.Diagnostics.Append(framework.SetStateAndIdentity(ctx, &resp.State, resp.Identity, state)...)
}

func (r *ACHAccountResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var prior ACHAccountResourceModel
	resp.Diagnostics.Append(framework.GetStateModel(ctx, req.State, &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := framework.WithReadTimeout(ctx, prior.Timeouts.Read, framework.DefaultTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	id := prior.AccountID.ValueString()
	if id == "" {
		id = prior.ID.ValueString()
	}
	a, err := r.Data.Client.RefreshAchAccount(ctx, id)
	if client.IsNotFound(err) {
		framework.RemoveResourceKeepIdentity(ctx, req.State, resp)
		return
	}
	if err != nil {
		framework.AddAPIError(&resp.Diagnostics, "Unable to read the AffiniPay eCheck account", err, nil)
		return
	}
	state, diags := flattenAchAccount(ctx, *a)
	resp.Diagnostics.Append(diags...)
	state.Timeouts = prior.Timeouts
	resp.Diagnostics.Append(framework.SetStateAndIdentity(ctx, &resp.State, resp.Identity, state)...)
}

func (r *ACHAccountResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, prior ACHAccountResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := framework.WithTimeout(ctx, plan.Timeouts.Update, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()

	id := prior.AccountID.ValueString()
	update, diags := expandAchAccountUpdate(ctx, plan, &prior)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	var a *client.AchAccount
	if update.IsEmpty() {
		// Only timeouts changed (or primary became unknown): re-read.
		var err error
		if a, err = r.Data.Client.GetAchAccount(ctx, id); err != nil {
			framework.AddAPIError(&resp.Diagnostics, "Unable to read the AffiniPay eCheck account", err, nil)
			return
		}
	} else if a = r.write(ctx, id, update, "update the AffiniPay eCheck account policy", req.Plan, plan, prior, &resp.Diagnostics); a == nil {
		return
	}
	if resp.Diagnostics.HasError() {
		// An unknown outcome, read back and not applied: record the
		// account as it is, so the next plan shows what remains.
		plan = prior
	}
	state, diags := flattenAchAccount(ctx, *a)
	resp.Diagnostics.Append(diags...)
	state.fillReadOnlyFrom(prior)
	state.ID, state.AccountID = types.StringValue(id), types.StringValue(id)
	state.Timeouts = plan.Timeouts
	resp.Diagnostics.Append(framework.SetStateAndIdentity(ctx, &resp.State, resp.Identity, state)...)
}

// write sends update through the write protocol and returns the account
// as the API has it: the reply, or after an unknown outcome the account
// read back (settled without an error when it shows everything planned;
// otherwise with an error in diags). nil: nothing to record.
func (r *ACHAccountResource) write(ctx context.Context, id string, update achAccountUpdate, what string, plan tfsdk.Plan, planned, readOnly ACHAccountResourceModel, diags *diag.Diagnostics) *client.AchAccount {
	res := write.Change(ctx, write.ChangeSpec[client.AchAccount]{
		What: what,
		Send: func(ctx context.Context) (*client.AchAccount, error) {
			return r.Data.Client.UpdateAchAccount(ctx, id, update.AchAccountUpdate)
		},
		ReadBack: func(ctx context.Context) (*client.AchAccount, error) { return r.Data.Client.GetAchAccount(ctx, id) },
		Applied: func(a *client.AchAccount) bool {
			state, d := flattenAchAccount(ctx, *a)
			state.fillReadOnlyFrom(readOnly)
			state.ID, state.AccountID, state.Timeouts = types.StringValue(id), types.StringValue(id), planned.Timeouts
			return !d.HasError() && framework.PlanSatisfiedBy(ctx, plan, state)
		},
		Refused: framework.ReportAPIError(achAccountContextPaths),
	}, diags)
	return res.Object
}

// Delete leaves the eCheck account as it is: the API cannot close accounts,
// and there is no "default policy" to restore. The framework removes the
// resource from state.
func (r *ACHAccountResource) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {
}

func (r *ACHAccountResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	id := strings.TrimSpace(framework.ImportIDFromRequest(ctx, req, &resp.Diagnostics, framework.JoinID))
	if id == "" {
		resp.Diagnostics.AddError("Invalid import ID", "Import affinipay_ach_account with the eCheck account ID, for example: terraform import affinipay_ach_account.operating 5A299P9oEeKcOfUBJK8FBw")
		return
	}
	// Read then fills everything, or removes the resource when the account
	// does not exist (Terraform reports "Cannot import non-existent remote object").
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("account_id"), id)...)
}

// achAccountUpdate is a PATCH body plus whether anything was set.
type achAccountUpdate struct {
	client.AchAccountUpdate
	framework.Changes
}

// expandAchAccountUpdate builds the PATCH body: with prior == nil (create)
// every known, non-null attribute of want; otherwise those that differ from
// prior.
func expandAchAccountUpdate(ctx context.Context, want ACHAccountResourceModel, prior *ACHAccountResourceModel) (achAccountUpdate, diag.Diagnostics) {
	u := achAccountUpdate{Changes: framework.Changes{Create: prior == nil}}
	var p ACHAccountResourceModel
	if prior != nil {
		p = *prior
	}
	var diags diag.Diagnostics
	u.String(&u.Name, want.Name, p.Name)
	u.Bool(&u.Primary, want.Primary, p.Primary)
	u.SortedList(ctx, &u.RequiredPaymentFields, want.RequiredPaymentFields, p.RequiredPaymentFields, &diags)
	u.SortedList(ctx, &u.TransactionAllowedCountries, want.TransactionAllowedCountries, p.TransactionAllowedCountries, &diags)
	return u, diags
}

// flattenAchAccount builds the state from the API's ach_account.
func flattenAchAccount(ctx context.Context, a client.AchAccount) (ACHAccountResourceModel, diag.Diagnostics) {
	var diags diag.Diagnostics
	fields, d := types.SetValueFrom(ctx, types.StringType, client.SplitList(a.RequiredPaymentFields))
	diags.Append(d...)
	countries, d := types.SetValueFrom(ctx, types.StringType, client.SplitList(a.TransactionAllowedCountries))
	diags.Append(d...)
	return ACHAccountResourceModel{
		ID:                          types.StringValue(a.ID),
		AccountID:                   types.StringValue(a.ID),
		Name:                        types.StringValue(a.Name),
		Primary:                     types.BoolValue(a.Primary),
		RequiredPaymentFields:       fields,
		TransactionAllowedCountries: countries,
		Status:                      types.StringValue(a.Status),
		TrustAccount:                framework.FlexBoolValue(a.TrustAccount),
		Currency:                    types.StringValue(a.Currency),
		BankName:                    types.StringValue(a.BankName),
		AccountType:                 types.StringValue(a.AccountType),
		RoutingNumber:               types.StringValue(framework.MaskPaymentNumber(a.RoutingNumber)),
		AccountNumber:               types.StringValue(framework.MaskPaymentNumber(a.AccountNumber)),
	}, diags
}

// fillReadOnlyFrom keeps base's read-only values where the PATCH response
// left them out: the reference's update examples return no created,
// trust_account or currency, and a later GET would then "change" them.
func (m *ACHAccountResourceModel) fillReadOnlyFrom(base ACHAccountResourceModel) {
	keep := func(dst *types.String, b types.String) {
		if dst.ValueString() == "" && framework.IsKnown(b) {
			*dst = b
		}
	}
	keep(&m.Status, base.Status)
	keep(&m.Currency, base.Currency)
	keep(&m.BankName, base.BankName)
	keep(&m.AccountType, base.AccountType)
	keep(&m.RoutingNumber, base.RoutingNumber)
	keep(&m.AccountNumber, base.AccountNumber)
	if m.TrustAccount.IsNull() && !base.TrustAccount.IsUnknown() {
		m.TrustAccount = base.TrustAccount
	}
}

var _ resource.ResourceWithIdentity = (*ACHAccountResource)(nil)

func (r *ACHAccountResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = framework.IDIdentity("eCheck account")
}
