package merchant

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
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
	_ resource.ResourceWithConfigure   = (*MerchantResource)(nil)
	_ resource.ResourceWithImportState = (*MerchantResource)(nil)
)

// NewMerchantResource is the affinipay_merchant resource.
func NewMerchantResource() resource.Resource { return &MerchantResource{} }

type MerchantResource struct{ framework.ResourceBase }

type MerchantResourceModel struct {
	ID                        types.String   `tfsdk:"id"`
	PublicKey                 types.String   `tfsdk:"public_key"`
	Name                      types.String   `tfsdk:"name"`
	ContactName               types.String   `tfsdk:"contact_name"`
	ContactEmail              types.String   `tfsdk:"contact_email"`
	ContactPhone              types.String   `tfsdk:"contact_phone"`
	Address1                  types.String   `tfsdk:"address1"`
	Address2                  types.String   `tfsdk:"address2"`
	City                      types.String   `tfsdk:"city"`
	State                     types.String   `tfsdk:"state"`
	PostalCode                types.String   `tfsdk:"postal_code"`
	Country                   types.String   `tfsdk:"country"`
	Timezone                  types.String   `tfsdk:"timezone"`
	APIAllowedIPAddressRanges types.Set      `tfsdk:"api_allowed_ip_address_ranges"`
	Timeouts                  timeouts.Value `tfsdk:"timeouts"`
}

// merchantContextPaths places the API's messages (context = JSON field) on
// the attribute of the same name.
var merchantContextPaths = framework.ContextPaths{
	"name":                          path.Root("name"),
	"contact_name":                  path.Root("contact_name"),
	"contact_email":                 path.Root("contact_email"),
	"contact_phone":                 path.Root("contact_phone"),
	"address1":                      path.Root("address1"),
	"address2":                      path.Root("address2"),
	"city":                          path.Root("city"),
	"state":                         path.Root("state"),
	"postal_code":                   path.Root("postal_code"),
	"country":                       path.Root("country"),
	"timezone":                      path.Root("timezone"),
	"api_allowed_ip_address_ranges": path.Root("api_allowed_ip_address_ranges"),
}

func (r *MerchantResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_merchant"
}

const merchantResourceDoc = "Manages the settings of the merchant the provider's secret key authenticates as (`PATCH /v1/merchant`): " +
	"its name, contact details, address, settlement time zone and the IP ranges allowed to call the API.\n\n" +
	"This is a **singleton**: there is exactly one merchant per set of credentials, so declare at most one `affinipay_merchant` per provider configuration.\n\n" +
	"* **Create** adopts the existing merchant and sends only the attributes you configured. " +
	"An optional attribute you leave out of the configuration is read from AffiniPay and **never changed or blanked**; " +
	"removing an attribute from the configuration later also leaves its current value in place. " +
	"To clear an optional text value, set it to `\"\"` (`name` and `country` cannot be cleared).\n" +
	"* **Update** sends only the attributes whose value changed.\n" +
	"* **Destroy changes nothing at AffiniPay**: the merchant and all its settings stay exactly as they are; the resource is only removed from the Terraform state.\n" +
	"* The webhook URL lists (`live_events_urls`, `test_events_urls`) are never read or written by this resource: manage them with `affinipay_webhook_endpoint`.\n\n" +
	"## Lock-out\n\n" +
	"~> **Warning:** `api_allowed_ip_address_ranges` restricts which source IPs AffiniPay accepts API requests from. " +
	"If you set ranges that do not include the public IP address of the machine running Terraform (your laptop, the CI runner, its NAT gateway), " +
	"that machine is **locked out**: every later plan, apply and destroy fails until the ranges are fixed from an allowed address or in the AffiniPay web application. " +
	"An empty set (`[]`) allows requests from any IP.\n\n" +
	"* The plan **warns** when the list is first set (any IP was allowed) or narrowed (a range is no longer fully allowed).\n" +
	"* If the apply locks this machine out, it fails with an error on `api_allowed_ip_address_ranges` saying so; the new value is recorded in the state.\n" +
	"* The way back: widen or clear the ranges in the AffiniPay web application, or run Terraform from an address inside the ranges " +
	"with a configuration that includes this machine's address (or `[]`).\n\n" +
	"## Import\n\n" +
	"Import with the merchant ID (the `id` of the `affinipay_merchant` data source). " +
	"The ID must be that of the merchant the provider's credentials authenticate as: `terraform import affinipay_merchant.this <merchant_id>`."

func (r *MerchantResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	optText := func(desc string, vs ...validator.String) schema.StringAttribute {
		return schema.StringAttribute{
			MarkdownDescription: desc + " Left unchanged when not configured.",
			Optional:            true,
			Computed:            true,
			Validators:          vs,
			PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		}
	}
	clearDoc := " Set to `\"\"` to clear it."
	resp.Schema = schema.Schema{
		MarkdownDescription: merchantResourceDoc,
		Attributes: map[string]schema.Attribute{
			"id":         framework.KeptString("Merchant ID (read from AffiniPay)."),
			"public_key": framework.KeptString("Merchant public key (`m_...`), used to initialise hosted payment fields (read-only)."),
			"name": optText("Merchant (business) name. Cannot be blank.",
				stringvalidator.LengthAtLeast(1), stringvalidator.RegexMatches(framework.NotBlankRegexp, "must not be blank")),
			"contact_name":  optText("Name of the contact at the merchant." + clearDoc),
			"contact_email": optText("Email address used to contact the merchant, such as `billing@example.com`."+clearDoc, validators.EmptyOr(validators.Email())),
			"contact_phone": optText("Contact phone number in E.164 format, leading `+` optional and no punctuation, such as `+12075550123`."+clearDoc,
				validators.EmptyOr(validators.E164Phone())),
			"address1": optText("Mailing address." + clearDoc),
			"address2": optText("Additional address line." + clearDoc),
			"city":     optText("City." + clearDoc),
			"state": optText("State or province. When `country` is `US` or `CA` this must be the 2-letter state or province code, such as `ME` or `ON`."+clearDoc,
				validators.EmptyOr(validators.StateForCountry(path.Root("country")))),
			"postal_code": optText("Zip or postal code: 3 to 9 letters or digits, plus spaces and dashes, at most 10 characters; "+
				"a US ZIP code when `country` is `US`, a Canadian postal code when it is `CA`."+clearDoc,
				validators.EmptyOr(validators.PostalCode()), validators.EmptyOr(validators.PostalCodeForCountry("country"))),
			"country": optText("2-letter ISO 3166-1 alpha-2 country code in which the business is located, such as `US`. Cannot be blank.",
				validators.CountryCode()),
			"timezone": optText("IANA time zone ID used for settlement, such as `America/New_York`."+clearDoc,
				validators.EmptyOr(validators.IANATimezone())),
			"api_allowed_ip_address_ranges": schema.SetAttribute{
				MarkdownDescription: "CIDR ranges from which the merchant's API requests are accepted, such as `[\"203.0.113.0/24\", \"2001:db8::/32\"]`. " +
					"Every range the API accepts is accepted, host bits included (`198.51.100.1/24` admits the whole `198.51.100.0/24`; a warning says so); " +
					"ranges are compared by meaning, so `198.51.100.1/24` and `198.51.100.0/24` never show a difference. A single address is written `/32` or `/128`. " +
					"Order does not matter. An empty set allows requests from **any** IP. Left unchanged when not configured. " +
					"**Warning:** ranges that exclude the machine running Terraform lock it out of the API; the plan warns when the list is first set or narrowed.",
				Optional:      true,
				Computed:      true,
				ElementType:   types.StringType,
				Validators:    []validator.Set{setvalidator.ValueStringsAre(validators.CIDR())},
				PlanModifiers: []planmodifier.Set{setplanmodifier.UseStateForUnknown(), IPRangesPlanModifier{}},
			},
			"timeouts": framework.TimeoutsAttribute(ctx),
		},
	}
}

func (r *MerchantResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan, cfg MerchantResourceModel
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

	// Only what the configuration sets is sent; everything else is adopted.
	update, diags := expandMerchantUpdate(ctx, cfg, nil)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	m := r.write(ctx, update, "apply the AffiniPay merchant settings", req.Plan, &plan, &resp.Diagnostics)
	if m == nil || resp.Diagnostics.HasError() {
		// Nothing applied, or an unknown outcome that the merchant read
		// back does not show applied: nothing is recorded, and the next
		// apply sends the same (idempotent) PATCH again.
		return
	}
	state, diags := flattenMerchant(ctx, m, &plan)
	resp.Diagnostics.Append(diags...)
	state.Timeouts = plan.Timeouts
	resp.Diagnostics.Append(framework.SetStateAndIdentity(ctx, &resp.State, resp.Identity, state)...)
	if update.APIAllowedIPAddressRanges != nil && *update.APIAllowedIPAddressRanges != "" {
		checkLockedOut(ctx, r.Data.Client, client.SplitList(*update.APIAllowedIPAddressRanges), &resp.Diagnostics)
	}
}

func (r *MerchantResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var prior MerchantResourceModel
	resp.Diagnostics.Append(framework.GetStateModel(ctx, req.State, &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := framework.WithReadTimeout(ctx, prior.Timeouts.Read, framework.DefaultTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	m, err := r.Data.Client.SharedMerchant(ctx)
	if err != nil {
		if !lockedOutReadError(ctx, prior.APIAllowedIPAddressRanges, err, &resp.Diagnostics) {
			framework.AddAPIError(&resp.Diagnostics, "Unable to read the AffiniPay merchant", err, nil)
		}
		return
	}
	// The merchant cannot disappear, but the credentials can change. Managing
	// whichever merchant they now point at would silently retarget the
	// resource, so this is an error rather than a removal from state.
	if id := prior.ID.ValueString(); id != "" && id != m.ID {
		resp.Diagnostics.AddAttributeError(path.Root("id"), "AffiniPay credentials authenticate as a different merchant",
			fmt.Sprintf("This affinipay_merchant manages merchant %q, but the provider's secret key now authenticates as merchant %q. "+
				"Use the credentials of merchant %q, or remove the resource from the state (terraform state rm) and adopt the other merchant deliberately.",
				id, m.ID, id))
		return
	}
	state, diags := flattenMerchant(ctx, m, &prior)
	resp.Diagnostics.Append(diags...)
	state.Timeouts = prior.Timeouts
	resp.Diagnostics.Append(framework.SetStateAndIdentity(ctx, &resp.State, resp.Identity, state)...)
}

func (r *MerchantResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, prior MerchantResourceModel
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

	update, diags := expandMerchantUpdate(ctx, plan, &prior)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	m := r.write(ctx, update, "update the AffiniPay merchant settings", req.Plan, &plan, &resp.Diagnostics)
	if m == nil {
		return
	}
	if resp.Diagnostics.HasError() {
		// An unknown outcome, read back and not applied: record the
		// merchant as it is, so the next plan shows what remains.
		state, diags := flattenMerchant(ctx, m, &prior)
		resp.Diagnostics.Append(diags...)
		state.Timeouts = prior.Timeouts
		resp.Diagnostics.Append(framework.SetStateAndIdentity(ctx, &resp.State, resp.Identity, state)...)
		return
	}
	state, diags := flattenMerchant(ctx, m, &plan)
	resp.Diagnostics.Append(diags...)
	state.Timeouts = plan.Timeouts
	resp.Diagnostics.Append(framework.SetStateAndIdentity(ctx, &resp.State, resp.Identity, state)...)
	if update.APIAllowedIPAddressRanges != nil && *update.APIAllowedIPAddressRanges != "" {
		checkLockedOut(ctx, r.Data.Client, client.SplitList(*update.APIAllowedIPAddressRanges), &resp.Diagnostics)
	}
}

// write sends update through the write protocol (or reads the merchant when
// there is nothing to send) and returns the merchant as the API has it:
// the reply, or after an unknown outcome the merchant read back (settled
// without an error when it shows everything planned; otherwise with an
// error in diags). nil: nothing to record (diags say why).
func (r *MerchantResource) write(ctx context.Context, update merchantUpdate, what string, plan tfsdk.Plan, planned *MerchantResourceModel, diags *diag.Diagnostics) *client.Merchant {
	if update.IsEmpty() {
		m, err := r.Data.Client.GetMerchant(ctx)
		if err != nil {
			framework.AddAPIError(diags, "Unable to read the AffiniPay merchant", err, nil)
			return nil
		}
		return m
	}
	res := write.Change(ctx, write.ChangeSpec[client.Merchant]{
		What: what,
		Send: func(ctx context.Context) (*client.Merchant, error) {
			return r.Data.Client.UpdateMerchant(ctx, update.MerchantUpdate)
		},
		ReadBack: func(ctx context.Context) (*client.Merchant, error) { return r.Data.Client.GetMerchant(ctx) },
		Applied: func(m *client.Merchant) bool {
			state, d := flattenMerchant(ctx, m, planned)
			state.Timeouts = planned.Timeouts
			return !d.HasError() && framework.PlanSatisfiedBy(ctx, plan, state)
		},
		Refused: framework.ReportAPIError(merchantContextPaths),
	}, diags)
	return res.Object
}

// Delete changes nothing at AffiniPay: the merchant cannot be deleted, and
// resetting its settings to some guess of "defaults" would be destructive.
// The framework removes the resource from state.
func (r *MerchantResource) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {
}

func (r *MerchantResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	id := strings.TrimSpace(framework.ImportIDFromRequest(ctx, req, &resp.Diagnostics, framework.JoinID))
	if id == "" {
		resp.Diagnostics.AddError("Invalid import ID", "Import affinipay_merchant with the merchant ID, for example: terraform import affinipay_merchant.this wKgFeDz5HF-BPPl08dcACw")
		return
	}
	m, err := r.Data.Client.GetMerchant(ctx)
	if err != nil {
		framework.AddAPIError(&resp.Diagnostics, "Unable to read the AffiniPay merchant", err, nil)
		return
	}
	if m.ID != id {
		resp.Diagnostics.AddError("Merchant ID does not match the credentials",
			fmt.Sprintf("The import ID %q is not the merchant the provider's secret key authenticates as (%q). "+
				"affinipay_merchant manages the authenticated merchant only: import it with ID %q, or configure the provider with the credentials of merchant %q.",
				id, m.ID, m.ID, id))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), m.ID)...)
}

// merchantUpdate is a PATCH body plus whether anything was set.
type merchantUpdate struct {
	client.MerchantUpdate
	framework.Changes
}

// expandMerchantUpdate builds the PATCH body. With prior == nil (create),
// every known non-null attribute of want is sent; otherwise only those whose
// value differs from prior. live_events_urls and test_events_urls are never
// set.
func expandMerchantUpdate(ctx context.Context, want MerchantResourceModel, prior *MerchantResourceModel) (merchantUpdate, diag.Diagnostics) {
	u := merchantUpdate{Changes: framework.Changes{Create: prior == nil}}
	var p MerchantResourceModel
	if prior != nil {
		p = *prior
	}
	var diags diag.Diagnostics
	u.String(&u.Name, want.Name, p.Name)
	u.String(&u.ContactName, want.ContactName, p.ContactName)
	u.String(&u.ContactEmail, want.ContactEmail, p.ContactEmail)
	u.String(&u.ContactPhone, want.ContactPhone, p.ContactPhone)
	u.String(&u.Address1, want.Address1, p.Address1)
	u.String(&u.Address2, want.Address2, p.Address2)
	u.String(&u.City, want.City, p.City)
	u.String(&u.State, want.State, p.State)
	u.String(&u.PostalCode, want.PostalCode, p.PostalCode)
	u.String(&u.Country, want.Country, p.Country)
	u.String(&u.Timezone, want.Timezone, p.Timezone)
	u.SortedList(ctx, &u.APIAllowedIPAddressRanges, want.APIAllowedIPAddressRanges, p.APIAllowedIPAddressRanges, &diags)
	return u, diags
}

// flattenMerchant builds the state from the API's merchant. like is the plan
// or prior state: where the API returns a value equal to like's in meaning
// but not in spelling, like's spelling is kept so that no diff appears.
func flattenMerchant(ctx context.Context, m *client.Merchant, like *MerchantResourceModel) (MerchantResourceModel, diag.Diagnostics) {
	out := MerchantResourceModel{
		ID:           types.StringValue(m.ID),
		PublicKey:    types.StringValue(m.PublicKey),
		Name:         types.StringValue(m.Name),
		ContactName:  types.StringValue(m.ContactName),
		ContactEmail: types.StringValue(m.ContactEmail),
		ContactPhone: types.StringValue(m.ContactPhone),
		Address1:     types.StringValue(m.Address1),
		Address2:     types.StringValue(m.Address2),
		City:         types.StringValue(m.City),
		State:        types.StringValue(m.State),
		PostalCode:   types.StringValue(m.PostalCode),
		Country:      types.StringValue(m.Country),
		Timezone:     types.StringValue(m.Timezone),
	}
	// "Leading '+' is optional" (reference): should the API store the number
	// with or without it, "+12075550123" and "12075550123" are the same
	// number and the configured spelling is kept.
	if like != nil && framework.IsKnown(like.ContactPhone) &&
		strings.TrimPrefix(like.ContactPhone.ValueString(), "+") == strings.TrimPrefix(m.ContactPhone, "+") {
		out.ContactPhone = like.ContactPhone
	}
	ranges, diags := types.SetValueFrom(ctx, types.StringType, client.SplitList(m.APIAllowedIPAddressRanges))
	out.APIAllowedIPAddressRanges = ranges
	if like != nil {
		out.APIAllowedIPAddressRanges = keepIPRangesSpelling(ctx, ranges, like.APIAllowedIPAddressRanges)
	}
	return out, diags
}

var _ resource.ResourceWithIdentity = (*MerchantResource)(nil)

func (r *MerchantResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = framework.IDIdentity("merchant (the one the provider's credentials authenticate as)")
}
