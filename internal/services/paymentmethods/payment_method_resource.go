package paymentmethods

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/resourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/objectplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/client"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/framework"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/framework/write"
)

var (
	_ resource.ResourceWithConfigure        = (*PaymentMethodResource)(nil)
	_ resource.ResourceWithImportState      = (*PaymentMethodResource)(nil)
	_ resource.ResourceWithConfigValidators = (*PaymentMethodResource)(nil)
	_ resource.ResourceWithModifyPlan       = (*PaymentMethodResource)(nil)
	_ resource.ResourceWithValidateConfig   = (*PaymentMethodResource)(nil)
)

var paymentMethodAuthorizedUses = []string{"all", "client", "merchant"}

// NewPaymentMethodResource is the affinipay_payment_method resource.
func NewPaymentMethodResource() resource.Resource { return &PaymentMethodResource{} }

type PaymentMethodResource struct{ framework.ResourceBase }

type PaymentMethodResourceModel struct {
	ID                      types.String   `tfsdk:"id"`
	ContactID               types.String   `tfsdk:"contact_id"`
	PaymentType             types.String   `tfsdk:"payment_type"`
	OneTimeTokenWO          types.String   `tfsdk:"one_time_token_wo"`
	OneTimeTokenWOVersion   types.Int64    `tfsdk:"one_time_token_wo_version"`
	CardWO                  types.Object   `tfsdk:"card_wo"`
	BankAccountWO           types.Object   `tfsdk:"bank_account_wo"`
	PaymentDetailsWOVersion types.Int64    `tfsdk:"payment_details_wo_version"`
	SavedPaymentToken       types.String   `tfsdk:"saved_payment_token"`
	AuthorizedUses          types.Set      `tfsdk:"authorized_uses"`
	Preferred               types.Bool     `tfsdk:"preferred"`
	Nickname                types.String   `tfsdk:"nickname"`
	Reference               types.String   `tfsdk:"reference"`
	TestMode                types.Bool     `tfsdk:"test_mode"`
	Name                    types.String   `tfsdk:"name"`
	AccountNumber           types.String   `tfsdk:"account_number"`
	CardType                types.String   `tfsdk:"card_type"`
	ExpirationMonth         types.Int64    `tfsdk:"expiration_month"`
	ExpirationYear          types.Int64    `tfsdk:"expiration_year"`
	BankName                types.String   `tfsdk:"bank_name"`
	BankAccountType         types.String   `tfsdk:"bank_account_type"`
	AccountHolderType       types.String   `tfsdk:"account_holder_type"`
	PayeeID                 types.String   `tfsdk:"payee_id"`
	Address                 types.Object   `tfsdk:"address"`
	Timeouts                timeouts.Value `tfsdk:"timeouts"`
}

// paymentMethodAddressTypes are the attributes of the computed `address`.
var paymentMethodAddressTypes = map[string]attr.Type{
	"line1":             types.StringType,
	"line2":             types.StringType,
	"city":              types.StringType,
	"state_or_province": types.StringType,
	"postal_code":       types.StringType,
	"country_code":      types.StringType,
}

// paymentMethodMaskedAttrs are the computed details of the stored card or
// bank account: they change when a new token replaces it.
var paymentMethodMaskedAttrs = []string{
	"name", "account_number", "card_type", "expiration_month", "expiration_year",
	"bank_name", "bank_account_type", "account_holder_type", "address",
}

var paymentMethodContextPaths = framework.ContextPaths{
	"contact_id":          path.Root("contact_id"),
	"payment_type":        path.Root("payment_type"),
	"one_time_token":      path.Root("one_time_token_wo"),
	"card":                path.Root("card_wo"),
	"bank":                path.Root("bank_account_wo"),
	"saved_payment_token": path.Root("saved_payment_token"),
	"authorized_uses":     path.Root("authorized_uses"),
	"preferred":           path.Root("preferred"),
	"nickname":            path.Root("nickname"),
	"reference":           path.Root("reference"),
	"test_mode":           path.Root("test_mode"),
}

func (r *PaymentMethodResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_payment_method"
	// A create whose outcome stays unknown is recorded under an unsettled
	// ID (internal/framework/write), and its identity changes once, to the
	// real ID, when a refresh settles it.
	resp.ResourceBehavior.MutableIdentity = true
}

const paymentMethodDoc = "A stored credit card or bank account of a contact (`/contacts/{contact_id}/payment-methods`, bearer token). " +
	"The state holds only the masked details AffiniPay returns (`************4242`), never a card or bank number.\n\n" +
	"Give the card or bank account with exactly one of:\n\n" +
	"* `card_wo` or `bank_account_wo` (**the recommended way**): the card or bank details themselves, in **write-only** attributes " +
	"(Terraform 1.11 or later). The provider exchanges them for a one-time token (`POST /v1/tokens`, with the provider's `public_key`) " +
	"only when the payment method is created and when `payment_details_wo_version` changes, which replaces the card in place. " +
	"Plans, refreshes, imports and destroys send no card data anywhere, and once the payment method exists `card_wo` may be " +
	"left out altogether, so the card data need not even be present on the machine that runs Terraform.\n" +
	"* `one_time_token_wo`: a one-time token made elsewhere, such as by a payment page, or by the `affinipay_payment_token` " +
	"ephemeral resource opened only when it is needed (see the guide). **Write-only**: sent at creation and whenever " +
	"`one_time_token_wo_version` changes.\n" +
	"* `saved_payment_token`: the ID of a saved payment token (sensitive; kept in the state). Changing it replaces the card in place.\n\n" +
	"Because Terraform cannot see a change of a write-only value, new card details (new number, new expiry) are sent only " +
	"together with a new `payment_details_wo_version` (or `one_time_token_wo_version`).\n\n" +
	"## Keeping card data out of every file Terraform writes\n\n" +
	"**Safe**: card and bank details that come from `ephemeral = true` input variables (Terraform 1.10 or later), or from " +
	"another ephemeral source, and go only into write-only attributes (`card_wo`, `bank_account_wo`) or ephemeral resources. " +
	"Terraform writes them to no file: not the state or its backup, not a saved plan (`terraform plan -out`), not " +
	"`terraform show -json`.\n\n" +
	"**Not safe**:\n\n" +
	"* `sensitive = true` variables. `sensitive` only hides a value from the CLI's output: Terraform still writes the variable's " +
	"value into every saved plan file, where `terraform show -json` prints it (`\"card_number\":{\"value\":\"4242424242424242\"}`).\n" +
	"* Literals in `.tf` files, and `default` values of variables: the configuration is copied into every saved plan file, and " +
	"usually into version control.\n" +
	"* Outputs of card details (an output cannot be ephemeral at the root module).\n\n" +
	"An ephemeral variable must be given again when a saved plan is applied (`TF_VAR_...` or `-var`), since the plan does not " +
	"hold it. The guide *Keeping card data out of state and plans* walks through this with complete configurations.\n\n" +
	"Things to know:\n\n" +
	"* `contact_id`, `payment_type` and `test_mode` cannot change: changing them replaces the payment method.\n" +
	"* For the payment method to appear in AffiniPay's Card Vault, the contact needs the tag `default` (for example with `affinipay_contact_tag`).\n" +
	"* A test-mode payment method (`test_mode = true`) takes the reference's test card and bank numbers.\n" +
	"* Creating a payment method is not idempotent and the token is single use, so a create whose response is lost is not retried; " +
	"if that happens, check the contact's payment methods before applying again.\n" +
	"* **Destroy** deletes the payment method at AffiniPay.\n\n" +
	"## Import\n\n" +
	"Import with `contact_id/payment_method_id`: `terraform import affinipay_payment_method.card p_E3ZUY3x1R87RISuzJ3vDm/pmtd_UlrciejZ4ZWpmOv8ldzM9`. " +
	"Card details and tokens are never read back, so an imported payment method has no `payment_details_wo_version`, " +
	"`one_time_token_wo_version` or `saved_payment_token`. A `payment_details_wo_version` in the configuration is then recorded " +
	"by the next apply, with a warning, without sending any card data; `card_wo` may be left out."

func (r *PaymentMethodResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: paymentMethodDoc,
		Attributes: map[string]schema.Attribute{
			"id": framework.KeptString("The payment method ID (`pmtd_...`)."),
			"contact_id": schema.StringAttribute{
				MarkdownDescription: "ID of the contact the payment method belongs to (`p_...` for a person, `org_...` for an organization). " +
					"Changing it replaces the payment method.",
				Required: true,
				Validators: []validator.String{stringvalidator.RegexMatches(framework.ContactIDPattern,
					"must be a contact ID: p_ or org_ followed by 21 letters or digits")},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"payment_type": schema.StringAttribute{
				MarkdownDescription: "`credit_card` or `bank_account`; must match the token. Changing it replaces the payment method.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.OneOf(client.PaymentTypeCreditCard, client.PaymentTypeBankAccount)},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"one_time_token_wo": schema.StringAttribute{
				MarkdownDescription: "**Write-only** (Terraform 1.11 or later): a one-time payment token ID, such as the `id` of the " +
					"`affinipay_payment_token` ephemeral resource. Never stored in the plan or state. Sent at creation and whenever " +
					"`one_time_token_wo_version` changes. Conflicts with `saved_payment_token`.",
				Optional:   true,
				WriteOnly:  true,
				Sensitive:  true,
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"one_time_token_wo_version": schema.Int64Attribute{
				MarkdownDescription: "Any number you change (for example increment) to send `one_time_token_wo` again and replace the " +
					"card or bank account in place with a `PATCH`. When it is set at creation or changes, `one_time_token_wo` is " +
					"required; while it stays the same, `one_time_token_wo` may be left out (so the token need not be made).",
				Optional: true,
			},
			"saved_payment_token": schema.StringAttribute{
				MarkdownDescription: "ID of a saved payment token to create the payment method from, instead of `one_time_token_wo`. " +
					"Sensitive; kept in the state, since AffiniPay does not return it. Changing it replaces the card or bank account in place.",
				Optional:   true,
				Sensitive:  true,
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"authorized_uses": schema.SetAttribute{
				MarkdownDescription: "Who may use the payment method: `all` (the merchant, such as in the Card Vault, and the client, " +
					"such as in the payment portal), `client` or `merchant`. Left as AffiniPay sets it when not configured.",
				Optional:    true,
				Computed:    true,
				ElementType: types.StringType,
				Validators: []validator.Set{
					// An empty set would leave the payment method usable by no one,
					// and the API may fill in a default instead: refuse it.
					setvalidator.SizeAtLeast(1),
					setvalidator.ValueStringsAre(stringvalidator.OneOf(paymentMethodAuthorizedUses...)),
				},
				PlanModifiers: []planmodifier.Set{setplanmodifier.UseStateForUnknown()},
			},
			// No UseStateForUnknown: making another payment method of the
			// contact preferred may change this one.
			"preferred": schema.BoolAttribute{
				MarkdownDescription: "Whether this is the contact's preferred payment method. Left as AffiniPay sets it when not configured.",
				Optional:            true,
				Computed:            true,
			},
			"nickname": schema.StringAttribute{
				MarkdownDescription: "A nickname to identify the payment method, at most 256 characters.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.LengthBetween(1, 256)},
			},
			"reference": schema.StringAttribute{
				MarkdownDescription: "A reference for partner use to identify the payment method, at most 255 characters.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.LengthBetween(1, 255)},
			},
			"test_mode": schema.BoolAttribute{
				MarkdownDescription: "Whether this is a test payment method, made from a token of a test card or bank number. " +
					"It must match the contact's `test_mode`. When not set, it is not sent and AffiniPay decides (the reference " +
					"documents the default `false`; a contact's payment methods share its mode). Changing it replaces the payment method.",
				Optional: true,
				Computed: true,
				// UseStateForUnknown first: an unconfigured value keeps the
				// state's, so RequiresReplace sees no change.
				PlanModifiers: []planmodifier.Bool{boolplanmodifier.UseStateForUnknown(), boolplanmodifier.RequiresReplace()},
			},
			"name":                framework.KeptString("Cardholder name, or the bank account holder's name (business name or given name and surname)."),
			"account_number":      framework.KeptString("Card or bank account number, **masked** as AffiniPay returns it (`************4242`)."),
			"card_type":           framework.KeptString(framework.DescCardBrand + "; null for bank accounts."),
			"expiration_month":    framework.KeptInt64(framework.DescCardExpMonth + "; null for bank accounts."),
			"expiration_year":     framework.KeptInt64(framework.DescCardExpYear + "; null for bank accounts."),
			"bank_name":           framework.KeptString(framework.DescBankName + "; null for cards."),
			"bank_account_type":   framework.KeptString("`checking` or `savings`; null for cards."),
			"account_holder_type": framework.KeptString("`individual` or `business`; null for cards."),
			"payee_id":            framework.KeptString("ID of the merchant contact being paid with this payment method."),
			"address": schema.SingleNestedAttribute{
				MarkdownDescription: "Billing address of the card or bank account, as AffiniPay returns it; null when it has none.",
				Computed:            true,
				PlanModifiers:       []planmodifier.Object{objectplanmodifier.UseStateForUnknown()},
				Attributes: map[string]schema.Attribute{
					"line1":             framework.ComputedResourceString("Address line."),
					"line2":             framework.ComputedResourceString("Additional address line."),
					"city":              framework.ComputedResourceString("City."),
					"state_or_province": framework.ComputedResourceString("State or province."),
					"postal_code":       framework.ComputedResourceString("Zip or postal code."),
					"country_code":      framework.ComputedResourceString("2-letter ISO 3166 country code."),
				},
			},
			"timeouts": framework.TimeoutsAttribute(ctx),
		},
	}
	for name, a := range paymentMethodDetailsAttributes() {
		resp.Schema.Attributes[name] = a
	}
}

func (r *PaymentMethodResource) ConfigValidators(context.Context) []resource.ConfigValidator {
	return []resource.ConfigValidator{
		resourcevalidator.Conflicting(path.MatchRoot("one_time_token_wo"), path.MatchRoot("saved_payment_token"),
			path.MatchRoot(pmCardWO), path.MatchRoot(pmBankWO)),
	}
}

// ValidateConfig checks the write-only card and bank input against
// payment_type and the token endpoint's holder rules.
func (r *PaymentMethodResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	resp.Diagnostics.Append(validatePaymentMethodDetails(ctx, req.Config)...)
}

// ModifyPlan requires a token at creation (not after: imported payment
// methods have none, and a used token is worth nothing), and marks the
// card details unknown when a new token is about to replace them.
func (r *PaymentMethodResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return // destroy
	}
	var oneTime, saved types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("one_time_token_wo"), &oneTime)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("saved_payment_token"), &saved)...)
	details, diags := readPaymentMethodDetails(ctx, req.Config)
	resp.Diagnostics.Append(diags...)
	var plan, state PaymentMethodResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if !req.State.Raw.IsNull() {
		resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	}
	if resp.Diagnostics.HasError() {
		return
	}
	// A version set at creation, or changed, sends its input: it must be there.
	if paymentOneTimeVersionChanged(plan, state) && oneTime.IsNull() {
		resp.Diagnostics.AddAttributeError(path.Root("one_time_token_wo_version"), "Missing one_time_token_wo",
			"one_time_token_wo_version is new or changed, which sends one_time_token_wo, but one_time_token_wo is not set. "+
				"Set it (for example to ephemeral.affinipay_payment_token.<name>.id), or keep one_time_token_wo_version as it was.")
	}
	switch {
	case req.State.Raw.IsNull() && (details.configured() || !plan.PaymentDetailsWOVersion.IsNull()):
		// Creation sends card_wo or bank_account_wo; a version without them
		// would track nothing.
		if details.configured() || (oneTime.IsNull() && saved.IsNull()) {
			resp.Diagnostics.Append(checkPaymentDetailsSendable(ctx, details, time.Now())...)
		} else {
			resp.Diagnostics.AddAttributeError(path.Root(pmDetailsVersion), "payment_details_wo_version without card_wo or bank_account_wo",
				"payment_details_wo_version tracks the card or bank account given in card_wo or bank_account_wo; this payment method "+
					"is created from a token instead. Remove payment_details_wo_version (one_time_token_wo has one_time_token_wo_version).")
		}
	case req.State.Raw.IsNull():
	case paymentDetailsVersionChanged(plan, state):
		resp.Diagnostics.Append(checkPaymentDetailsSendable(ctx, details, time.Now())...)
	case paymentDetailsVersionAdopted(plan, state):
		resp.Diagnostics.AddAttributeWarning(path.Root(pmDetailsVersion), "payment_details_wo_version recorded, nothing sent",
			"This payment method exists (imported, or created from a token) and gets its first payment_details_wo_version. "+
				"The version is recorded and no card or bank details are sent: the payment method keeps its card. To replace the "+
				"card, give card_wo or bank_account_wo and change payment_details_wo_version again.")
	}
	if req.State.Raw.IsNull() {
		if r.Data != nil {
			resp.Diagnostics.Append(checkPaymentMethodAgreement(ctx, r.Data.Client, req.Config)...)
		}
		if oneTime.IsNull() && saved.IsNull() && !details.configured() {
			resp.Diagnostics.AddAttributeError(path.Root("one_time_token_wo"), "Missing payment token",
				"Creating an affinipay_payment_method needs exactly one of one_time_token_wo (for example "+
					"ephemeral.affinipay_payment_token.<name>.id), card_wo, bank_account_wo or saved_payment_token.")
		}
		return
	}
	if !paymentMethodTokenChanges(plan, state) {
		return
	}
	for _, name := range paymentMethodMaskedAttrs {
		var unknown attr.Value
		switch name {
		case "expiration_month", "expiration_year":
			unknown = types.Int64Unknown()
		case "address":
			unknown = types.ObjectUnknown(paymentMethodAddressTypes)
		default:
			unknown = types.StringUnknown()
		}
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root(name), unknown)...)
	}
}

// paymentMethodTokenChanges reports whether applying plan over state sends
// a token: a new (or first) one_time_token_wo_version, or a new
// saved_payment_token. Removing either sends nothing.
func paymentMethodTokenChanges(plan, state PaymentMethodResourceModel) bool {
	saved := !plan.SavedPaymentToken.IsNull() && !plan.SavedPaymentToken.Equal(state.SavedPaymentToken)
	return paymentOneTimeVersionChanged(plan, state) || paymentDetailsVersionChanged(plan, state) || saved
}

// paymentOneTimeVersionChanged reports whether applying plan over state
// sends one_time_token_wo: its version is set and new.
func paymentOneTimeVersionChanged(plan, state PaymentMethodResourceModel) bool {
	return !plan.OneTimeTokenWOVersion.IsNull() && !plan.OneTimeTokenWOVersion.Equal(state.OneTimeTokenWOVersion)
}

func (r *PaymentMethodResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan PaymentMethodResourceModel
	var oneTime types.String
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("one_time_token_wo"), &oneTime)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := framework.WithTimeout(ctx, plan.Timeouts.Create, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()

	var created *framework.NamedMethod // the masked details of a one-time token the create sends
	if oneTime.IsNull() {
		// card_wo or bank_account_wo: exchanged for a one-time token now,
		// the only time besides a payment_details_wo_version change.
		token, diags := r.paymentDetailsToken(ctx, req.Config)
		resp.Diagnostics.Append(diags...)
		if resp.Diagnostics.HasError() {
			return
		}
		if token != nil {
			oneTime = types.StringValue(token.ID)
			created = framework.TokenMethod(token)
		}
	}
	body, diags := expandPaymentMethodCreate(ctx, plan, oneTime)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	contactID := plan.ContactID.ValueString()
	token := body.OneTimeToken
	if token == "" {
		token = body.SavedPaymentToken
	}
	// The lookup that settles an unknown outcome needs the token's masked
	// details, and a one-time token can no longer be read once the create
	// has used it: read it now (one GET, unless the provider made it).
	source := created
	if source == nil && body.OneTimeToken != "" {
		var err error
		if source, err = framework.ReadTokenMethod(ctx, r.Data.Client, body.OneTimeToken); err != nil {
			framework.AddAPIError(&resp.Diagnostics, "Unable to read the one-time token before storing it; nothing was stored", err, nil)
			return
		}
	}
	res := write.Create(ctx, write.CreateSpec[client.PaymentMethod]{
		Kind: "payment method",
		Key:  "the " + plan.PaymentType.ValueString() + " stored on contact " + contactID,
		Send: func(ctx context.Context) (*client.PaymentMethod, error) {
			return r.Data.Client.CreatePaymentMethod(ctx, contactID, body)
		},
		Lookup: func(ctx context.Context) (*client.PaymentMethod, error) {
			var err error
			if source == nil && body.SavedPaymentToken != "" {
				source, err = framework.ReadNamedMethod(ctx, r.Data.Client, token)
			}
			if err != nil || source == nil {
				return nil, fmt.Errorf("reading the masked details of the token the create sent: %w", errOrGone(err))
			}
			return r.findCreated(ctx, contactID, source, body.Nickname, body.Reference)
		},
		Refused: func(diags *diag.Diagnostics, summary string, err error) {
			if client.IsNotFound(err) {
				diags.AddAttributeError(path.Root("contact_id"), "Contact not found",
					"AffiniPay has no contact "+contactID+" (or it was deleted): "+err.Error())
				return
			}
			framework.AddAPIError(diags, summary, err, paymentMethodContextPaths)
		},
	}, &resp.Diagnostics)
	if res.Failed {
		return
	}
	if res.Unsettled {
		r.recordUnsettled(ctx, req.Plan, resp, source)
		return
	}
	pm := res.Object
	state, diags := flattenPaymentMethod(ctx, contactID, pm, plan)
	resp.Diagnostics.Append(diags...)
	resp.Diagnostics.Append(framework.SetStateAndIdentity(ctx, &resp.State, resp.Identity, state)...)
}

func (r *PaymentMethodResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var prior PaymentMethodResourceModel
	resp.Diagnostics.Append(framework.GetStateModel(ctx, req.State, &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := framework.WithReadTimeout(ctx, prior.Timeouts.Read, framework.DefaultTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	contactID := prior.ContactID.ValueString()
	var pm *client.PaymentMethod
	var err error
	if after, unsettled := write.UnsettledKey(prior.ID.ValueString()); unsettled {
		// A create whose outcome was unknown: settle it.
		if prior.AccountNumber.ValueString() == "" {
			resp.Diagnostics.AddError("Cannot settle the unsettled payment method create",
				"The payment method create recorded as unsettled could not read its token's masked details, so the provider cannot tell "+
					"which of contact "+contactID+"'s payment methods it stored, if any. Check them (affinipay_contact data source), then "+
					"either import the stored one (terraform state rm on this resource's address, then terraform import <address> "+
					contactID+"/<payment method ID>) or, if none was stored, terraform state rm this resource's address and apply again.")
			return
		}
		pm, err = r.findCreated(ctx, contactID, unsettledSource(prior, after), prior.Nickname.ValueString(), prior.Reference.ValueString())
		if err == nil && pm == nil {
			resp.Diagnostics.AddWarning("The unsettled payment method create stored nothing",
				"No payment method on contact "+contactID+" matches the create recorded as unsettled: it did not commit. The record is "+
					"removed from state, and the next apply stores the payment method.")
			framework.RemoveResourceKeepIdentity(ctx, req.State, resp)
			return
		}
	} else {
		pm, err = r.Data.Client.RefreshPaymentMethod(ctx, contactID, prior.ID.ValueString())
	}
	if client.IsNotFound(err) {
		// The payment method, or its contact, is gone.
		framework.RemoveResourceKeepIdentity(ctx, req.State, resp)
		return
	}
	if err != nil {
		framework.AddAPIError(&resp.Diagnostics, "Unable to read the AffiniPay payment method", err, nil)
		return
	}
	state, diags := flattenPaymentMethod(ctx, contactID, pm, prior)
	resp.Diagnostics.Append(diags...)
	resp.Diagnostics.Append(framework.SetStateAndIdentity(ctx, &resp.State, resp.Identity, state)...)
}

func (r *PaymentMethodResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, prior PaymentMethodResourceModel
	var oneTime types.String
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("one_time_token_wo"), &oneTime)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := framework.WithTimeout(ctx, plan.Timeouts.Update, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()

	detailsToken := types.StringNull()
	if paymentDetailsVersionChanged(plan, prior) {
		token, diags := r.paymentDetailsToken(ctx, req.Config)
		resp.Diagnostics.Append(diags...)
		if resp.Diagnostics.HasError() {
			return
		}
		if token != nil {
			detailsToken = types.StringValue(token.ID)
		}
	}
	update, n, diags := expandPaymentMethodUpdate(ctx, plan, prior, oneTime, detailsToken)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	contactID, id := prior.ContactID.ValueString(), prior.ID.ValueString()
	var pm *client.PaymentMethod
	if n == 0 {
		// Only timeouts, or a token attribute removed: nothing to send.
		var err error
		if pm, err = r.Data.Client.GetPaymentMethod(ctx, contactID, id); err != nil {
			framework.AddAPIError(&resp.Diagnostics, "Unable to read the AffiniPay payment method", err, nil)
			return
		}
	} else {
		res := write.Change(ctx, write.ChangeSpec[client.PaymentMethod]{
			What: "update the AffiniPay payment method",
			Send: func(ctx context.Context) (*client.PaymentMethod, error) {
				return r.Data.Client.UpdatePaymentMethod(ctx, contactID, id, update)
			},
			ReadBack: func(ctx context.Context) (*client.PaymentMethod, error) {
				return r.Data.Client.GetPaymentMethod(ctx, contactID, id)
			},
			Refused: framework.ReportAPIError(paymentMethodContextPaths),
		}, &resp.Diagnostics)
		if res.ReadBack {
			// The PATCH may have been applied: record the method as it is,
			// with the prior token versions (the next plan retries).
			state, diags := flattenPaymentMethod(ctx, contactID, res.Object, prior)
			resp.Diagnostics.Append(diags...)
			resp.Diagnostics.Append(framework.SetStateAndIdentity(ctx, &resp.State, resp.Identity, state)...)
		}
		if res.Object == nil || res.ReadBack {
			return
		}
		pm = res.Object
	}
	state, diags := flattenPaymentMethod(ctx, contactID, pm, plan)
	resp.Diagnostics.Append(diags...)
	resp.Diagnostics.Append(framework.SetStateAndIdentity(ctx, &resp.State, resp.Identity, state)...)
}

func (r *PaymentMethodResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state PaymentMethodResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := framework.WithTimeout(ctx, state.Timeouts.Delete, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	contactID, id := state.ContactID.ValueString(), state.ID.ValueString()
	if _, unsettled := write.UnsettledKey(id); unsettled {
		// Never settled (refresh skipped): delete what its create stored.
		pm, err := r.findCreated(ctx, contactID, unsettledSource(state, strings.TrimPrefix(id, write.UnsettledID(""))),
			state.Nickname.ValueString(), state.Reference.ValueString())
		if err != nil {
			resp.Diagnostics.AddError("Unable to look up the unsettled AffiniPay payment method", err.Error())
			return
		}
		if pm == nil {
			return
		}
		id = pm.ID
	}
	write.Delete(ctx, write.DeleteSpec{
		What: "delete the AffiniPay payment method",
		Send: func(ctx context.Context) error { return r.Data.Client.DeletePaymentMethod(ctx, contactID, id) },
		Gone: func(ctx context.Context) (bool, error) {
			_, err := r.Data.Client.GetPaymentMethod(ctx, contactID, id)
			return framework.GoneIfNotFound(err)
		},
		Refused: framework.ReportAPIError(nil),
	}, &resp.Diagnostics)
}

func (r *PaymentMethodResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importID := framework.ImportIDFromRequest(ctx, req, &resp.Diagnostics, func(a map[string]string) string { return a["contact_id"] + "/" + a["id"] })
	contactID, id, ok := parsePaymentMethodImportID(importID)
	if !ok {
		resp.Diagnostics.AddError("Invalid import ID",
			"Import affinipay_payment_method with contact_id/payment_method_id, for example: "+
				"terraform import affinipay_payment_method.card p_E3ZUY3x1R87RISuzJ3vDm/pmtd_UlrciejZ4ZWpmOv8ldzM9 (got "+importID+").")
		return
	}
	// Read fills in the rest, or removes the resource when it does not exist.
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("contact_id"), contactID)...)
}

func parsePaymentMethodImportID(raw string) (contactID, id string, ok bool) {
	contactID, id, found := strings.Cut(strings.TrimSpace(raw), "/")
	if !found || contactID == "" || id == "" || strings.Contains(id, "/") {
		return "", "", false
	}
	return contactID, id, true
}

// expandPaymentMethodCreate builds the POST body from the plan and the
// write-only token (read from the configuration).
func expandPaymentMethodCreate(ctx context.Context, plan PaymentMethodResourceModel, oneTime types.String) (client.PaymentMethodCreate, diag.Diagnostics) {
	var diags diag.Diagnostics
	body := client.PaymentMethodCreate{
		PaymentType:       plan.PaymentType.ValueString(),
		OneTimeToken:      oneTime.ValueString(),
		SavedPaymentToken: plan.SavedPaymentToken.ValueString(),
		Nickname:          plan.Nickname.ValueString(),
		Reference:         plan.Reference.ValueString(),
	}
	if framework.IsKnown(plan.TestMode) {
		body.TestMode = client.Bool(plan.TestMode.ValueBool())
	}
	if body.OneTimeToken == "" && body.SavedPaymentToken == "" {
		diags.AddAttributeError(path.Root("one_time_token_wo"), "Missing payment token",
			"Creating an affinipay_payment_method needs one_time_token_wo or saved_payment_token.")
	}
	if framework.IsKnown(plan.AuthorizedUses) {
		diags.Append(plan.AuthorizedUses.ElementsAs(ctx, &body.AuthorizedUses, false)...)
		sort.Strings(body.AuthorizedUses)
	}
	if framework.IsKnown(plan.Preferred) {
		body.Preferred = client.Bool(plan.Preferred.ValueBool())
	}
	return body, diags
}

// expandPaymentMethodUpdate builds the PATCH body from what differs
// between plan and prior state; n counts the fields set.
func expandPaymentMethodUpdate(ctx context.Context, plan, prior PaymentMethodResourceModel, oneTime, detailsToken types.String) (client.PaymentMethodUpdate, int, diag.Diagnostics) {
	var u client.PaymentMethodUpdate
	var diags diag.Diagnostics
	var c framework.Changes
	if paymentDetailsVersionChanged(plan, prior) {
		if detailsToken.IsNull() || detailsToken.ValueString() == "" {
			diags.AddAttributeError(path.Root(pmDetailsVersion), "Missing card_wo or bank_account_wo",
				"payment_details_wo_version changed, which sends the card or bank account again, but neither card_wo nor bank_account_wo is set.")
			return u, 0, diags
		}
		u.OneTimeToken = client.String(detailsToken.ValueString())
		c.N++
	} else if paymentOneTimeVersionChanged(plan, prior) {
		if oneTime.IsNull() || oneTime.ValueString() == "" {
			diags.AddAttributeError(path.Root("one_time_token_wo"), "Missing one_time_token_wo",
				"one_time_token_wo_version changed, which sends a new one_time_token_wo, but one_time_token_wo is not set.")
			return u, 0, diags
		}
		u.OneTimeToken = client.String(oneTime.ValueString())
		c.N++
	}
	c.String(&u.SavedPaymentToken, plan.SavedPaymentToken, prior.SavedPaymentToken)
	if c.Differs(plan.AuthorizedUses, prior.AuthorizedUses) {
		var uses []string
		diags.Append(plan.AuthorizedUses.ElementsAs(ctx, &uses, false)...)
		sort.Strings(uses)
		u.AuthorizedUses = &uses
	}
	c.Bool(&u.Preferred, plan.Preferred, prior.Preferred)
	// Optional text fields: null clears them, sent as "" (the reference
	// documents no other way to clear a field of a PATCH).
	if !plan.Nickname.Equal(prior.Nickname) {
		u.Nickname = client.String(plan.Nickname.ValueString())
		c.N++
	}
	if !plan.Reference.Equal(prior.Reference) {
		u.Reference = client.String(plan.Reference.ValueString())
		c.N++
	}
	return u, c.N, diags
}

// flattenPaymentMethod builds the state from the API's PaymentMethod.
// From like it keeps what the API never returns (the token attributes and
// timeouts); the write-only token is always null in state.
func flattenPaymentMethod(ctx context.Context, contactID string, pm *client.PaymentMethod, like PaymentMethodResourceModel) (PaymentMethodResourceModel, diag.Diagnostics) {
	var diags diag.Diagnostics
	uses := pm.AuthorizedUses
	if uses == nil {
		uses = []string{}
	}
	usesSet, d := types.SetValueFrom(ctx, types.StringType, uses)
	diags.Append(d...)
	address := types.ObjectNull(paymentMethodAddressTypes)
	if a := pm.Address; a != nil {
		address, d = types.ObjectValue(paymentMethodAddressTypes, map[string]attr.Value{
			"line1":             framework.StringOrNull(a.Line1),
			"line2":             framework.StringOrNull(a.Line2),
			"city":              framework.StringOrNull(a.City),
			"state_or_province": framework.StringOrNull(a.StateOrProvince),
			"postal_code":       framework.StringOrNull(a.PostalCode),
			"country_code":      framework.StringOrNull(a.CountryCode),
		})
		diags.Append(d...)
	}
	return PaymentMethodResourceModel{
		ID:                      types.StringValue(pm.ID),
		ContactID:               types.StringValue(contactID),
		PaymentType:             paymentMethodType(pm.PaymentType, like.PaymentType),
		OneTimeTokenWO:          types.StringNull(),
		OneTimeTokenWOVersion:   like.OneTimeTokenWOVersion,
		CardWO:                  types.ObjectNull(paymentMethodCardWOTypes),
		BankAccountWO:           types.ObjectNull(paymentMethodBankWOTypes),
		PaymentDetailsWOVersion: like.PaymentDetailsWOVersion,
		SavedPaymentToken:       like.SavedPaymentToken,
		AuthorizedUses:          usesSet,
		Preferred:               types.BoolValue(bool(pm.Preferred)),
		Nickname:                framework.StringOrNull(pm.Nickname),
		Reference:               framework.StringOrNull(pm.Reference),
		TestMode:                types.BoolValue(pm.TestMode),
		Name:                    framework.StringOrNull(pm.Name),
		AccountNumber:           framework.StringOrNull(framework.MaskPaymentNumber(pm.AccountNumber)),
		CardType:                framework.StringOrNull(pm.CardType),
		ExpirationMonth:         framework.Int64OrNull(pm.ExpirationMonth),
		ExpirationYear:          framework.Int64OrNull(pm.ExpirationYear),
		BankName:                framework.StringOrNull(pm.BankName),
		BankAccountType:         framework.StringOrNull(pm.BankAccountType),
		AccountHolderType:       framework.StringOrNull(pm.AccountHolderType),
		PayeeID:                 framework.StringOrNull(pm.PayeeID),
		Address:                 address,
		Timeouts:                like.Timeouts,
	}, diags
}

// paymentMethodType is the API's payment_type, or the known one when a
// response leaves it out.
func paymentMethodType(got string, like types.String) types.String {
	if got == "" && !like.IsUnknown() {
		return like
	}
	return types.StringValue(got)
}

var _ resource.ResourceWithIdentity = (*PaymentMethodResource)(nil)

func (r *PaymentMethodResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = framework.IdentitySchema(
		framework.IdentityAttr{Name: "contact_id", Description: "The ID of the contact the payment method belongs to."},
		framework.IdentityAttr{Name: "id", Description: "The payment method ID."},
	)
}
