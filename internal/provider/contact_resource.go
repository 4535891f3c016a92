package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/google/uuid"
	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/client"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/validators"
)

var (
	_ resource.Resource                   = (*contactResource)(nil)
	_ resource.ResourceWithConfigure      = (*contactResource)(nil)
	_ resource.ResourceWithImportState    = (*contactResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*contactResource)(nil)
	_ resource.ResourceWithValidateConfig = (*contactResource)(nil)
)

// NewContactResource is the affinipay_contact factory.
func NewContactResource() resource.Resource { return &contactResource{} }

type contactResource struct{ data *ProviderData }

type contactResourceModel struct {
	ContactData
	Timeouts timeouts.Value `tfsdk:"timeouts"`
}

// contactPersonOnly are the attributes an organization cannot have.
var contactPersonOnly = []string{"first_name", "middle_name", "last_name", "name_prefix", "name_suffix"}

const contactTagsConflictNote = "**Tags and `affinipay_contact_tag`:** `tags` on `affinipay_contact` and `affinipay_contact_tag` resources for the " +
	"same contact conflict: when `tags` is set the contact owns the whole tag list and removes any tag added by an `affinipay_contact_tag` " +
	"(which then recreates it, forever). Use one or the other for a given contact: leave `tags` out of the contact and use " +
	"`affinipay_contact_tag` for each tag, or set `tags` and use no `affinipay_contact_tag` on that contact."

const contactDescription = "A contact of the Contact API (Bearer auth): a person (`p_...`) or an organization (`org_...`) that the firm bills, " +
	"with email addresses, phone numbers and postal addresses. Tag it `default` to show it in AffiniPay's Card Vault.\n\n" +
	"* **Nested lists:** `email_addresses`, `phone_numbers` and `addresses` (at most 5 each) are lists whose items get a computed `id`. " +
	"Updates use `PATCH` with the API's nested-list semantics: an edited item is updated in place by its ID, a removed item is deleted by " +
	"its ID, a new item is added, and items you did not change keep their IDs. Items are matched to the existing ones by content " +
	"(same value, then same email address / phone number / street and city), then by position.\n" +
	"* **Tags:** `tags` is optional. Left out, the provider never touches the contact's tags (they are still read into state), " +
	"so `affinipay_contact_tag` can manage them. Set (even to `[]`), it is the authoritative list.\n" +
	"* **source_id:** an external URI-based identifier. When not set the provider generates `terraform:<uuid>` at create, so that a create " +
	"whose response was lost can be retried safely: the API answers the repeated request with `409 resource_exists`, and the provider " +
	"looks the contact up with `GET /contacts/source-id` and adopts it instead of creating a duplicate. If a contact with a configured " +
	"`source_id` already exists, it is adopted the same way and then updated to match the configuration. Changing `source_id` replaces the contact.\n" +
	"* **Replacement:** changing `type`, `source_id` or `test_mode` replaces the contact.\n" +
	"* **Unset optional values:** `contact_code`, `time_zone` and `preferred_currency` keep the API's value when left out " +
	"(the API may assign a `contact_code`); the other optional attributes are cleared when removed from the configuration.\n" +
	"* **Destroy** deletes the contact with `DELETE /contacts/{id}`.\n\n" +
	contactTagsConflictNote + "\n\n" +
	"Import with the contact ID: `terraform import affinipay_contact.example p_tup7e7S0e7LIE55qvgXAR`."

func (r *contactResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_contact"
}

// optLen validates an optional string: when set, it is not empty and has at
// most maxLen characters.
func optLen(maxLen int) []validator.String {
	return []validator.String{stringvalidator.LengthBetween(1, maxLen)}
}

func (r *contactResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	preferredAttr := func(what string) schema.BoolAttribute {
		return schema.BoolAttribute{
			MarkdownDescription: "Whether " + what + " is the preferred method of contact. Default `false`. At most one item of the list may be preferred.",
			Optional:            true, Computed: true, Default: booldefault.StaticBool(false),
		}
	}
	itemID := func(prefix string) schema.StringAttribute {
		return schema.StringAttribute{
			MarkdownDescription: "The item's ID (`" + prefix + "...`), assigned by the API and kept across updates of the item.",
			Computed:            true,
		}
	}
	personAttr := func(desc string, maxLen int) schema.StringAttribute {
		return schema.StringAttribute{
			MarkdownDescription: desc + fmt.Sprintf(" Person only; 1-%d characters.", maxLen),
			Optional:            true,
			Validators:          optLen(maxLen),
		}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: contactDescription,
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The contact ID (`p_...` for a person, `org_...` for an organization).",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"type": schema.StringAttribute{
				MarkdownDescription: "`person` or `organization`. A person needs `first_name`, `last_name` or an email address; an organization " +
					"needs `name` or an email address. Changing it replaces the contact.",
				Required:      true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
				Validators:    []validator.String{stringvalidator.OneOf(client.ContactTypePerson, client.ContactTypeOrganization)},
			},
			"source_id": schema.StringAttribute{
				MarkdownDescription: "An external system's URI-based identifier, unique among the merchant's contacts, such as `MyPartner:contact-12345` " +
					"(also a `tag:` URI, a `urn:` or a UUID; at most 255 characters). When not set, the provider generates `terraform:<uuid>` at create. " +
					"Changing it replaces the contact.",
				Optional: true,
				Computed: true,
				PlanModifiers: []planmodifier.String{
					// Unconfigured, it keeps the value generated at create.
					stringplanmodifier.UseStateForUnknown(),
					stringplanmodifier.RequiresReplace(),
				},
				Validators: []validator.String{validators.SourceID()},
			},
			"test_mode": schema.BoolAttribute{
				MarkdownDescription: "Whether the contact is for testing only (test contacts go with test bank accounts and invoices). " +
					"Default `false`. The API cannot change it: changing it replaces the contact.",
				Optional:      true,
				Computed:      true,
				Default:       booldefault.StaticBool(false),
				PlanModifiers: []planmodifier.Bool{boolplanmodifier.RequiresReplace()},
			},
			"name": schema.StringAttribute{
				MarkdownDescription: "The organization's name. Organization only: a person's name is derived by the API from its name parts " +
					"and is available as `display_name`.",
				Optional:   true,
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"first_name":  personAttr("The person's first name.", 64),
			"middle_name": personAttr("The person's middle name.", 64),
			"last_name":   personAttr("The person's last name.", 64),
			"name_prefix": personAttr("The prefix of the person's name, such as `Dr.`.", 20),
			"name_suffix": personAttr("The suffix of the person's name, such as `Jr.`.", 20),
			"contact_code": schema.StringAttribute{
				MarkdownDescription: "An identifier of the contact for the merchant's use, 1-10 characters. When not set, the API's value is kept " +
					"(the API may assign one).",
				Optional:      true,
				Computed:      true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
				Validators:    optLen(10),
			},
			"time_zone": schema.StringAttribute{
				MarkdownDescription: "The contact's time zone in Time Zone Database format, such as `America/New_York`. When not set, the API's value is kept.",
				Optional:            true,
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
				Validators:          []validator.String{stringvalidator.LengthAtMost(64), validators.IANATimezone()},
			},
			"preferred_currency": schema.StringAttribute{
				MarkdownDescription: "The ISO 4217 code of the currency of the contact's invoices, such as `USD`. When not set, the API's value is kept.",
				Optional:            true,
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
				Validators:          []validator.String{validators.CurrencyCode()},
			},
			"notes": schema.StringAttribute{
				MarkdownDescription: "Extra details about the contact, 1-1,024 characters.",
				Optional:            true,
				Validators:          optLen(1024),
			},
			"email_addresses": schema.ListNestedAttribute{
				MarkdownDescription: "The contact's email addresses, at most 5.",
				Optional:            true,
				Validators:          []validator.List{listvalidator.SizeAtMost(client.MaxContactEmailAddresses)},
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id": itemID("eml_"),
					"address": schema.StringAttribute{
						MarkdownDescription: "The email address, such as `eripley@example.com`; at most 254 characters.",
						Required:            true,
						Validators:          []validator.String{stringvalidator.LengthBetween(1, 254), validators.Email()},
					},
					"preferred": preferredAttr("an email to this address"),
				}},
			},
			"phone_numbers": schema.ListNestedAttribute{
				MarkdownDescription: "The contact's phone numbers, at most 5.",
				Optional:            true,
				Validators:          []validator.List{listvalidator.SizeAtMost(client.MaxContactPhoneNumbers)},
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id": itemID("phn_"),
					"number": schema.StringAttribute{
						MarkdownDescription: "The phone number: 5 to 15 digits, no spaces, dashes, parentheses or `+`, such as `5125550100`.",
						Required:            true,
						Validators:          []validator.String{validators.ContactPhoneNumber()},
					},
					"extension": schema.StringAttribute{
						MarkdownDescription: "The extension, 1-5 characters.",
						Optional:            true,
						Validators:          optLen(5),
					},
					"preferred": preferredAttr("a phone call"),
				}},
			},
			"addresses": schema.ListNestedAttribute{
				MarkdownDescription: "The contact's postal addresses, at most 5.",
				Optional:            true,
				Validators:          []validator.List{listvalidator.SizeAtMost(client.MaxContactAddresses)},
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id": itemID("addr_"),
					"line1": schema.StringAttribute{
						MarkdownDescription: "The street address, 1-64 characters.",
						Required:            true,
						Validators:          optLen(64),
					},
					"line2": schema.StringAttribute{
						MarkdownDescription: "An additional address line, 1-64 characters.",
						Optional:            true,
						Validators:          optLen(64),
					},
					"city": schema.StringAttribute{
						MarkdownDescription: "The city, 1-64 characters.",
						Required:            true,
						Validators:          optLen(64),
					},
					"state_or_province": schema.StringAttribute{
						MarkdownDescription: "The state or province, at most 64 characters; for `US` and `CA` the 2-letter state or province code such as `TX`.",
						Optional:            true,
						Validators:          optLen(64),
					},
					"postal_code": schema.StringAttribute{
						MarkdownDescription: "The zip or postal code: 1-10 letters, digits, spaces and dashes; a US ZIP code (`78756`, `78756-1234`) when `country_code` is `US`, a Canadian postal code (`M5X 1C9`) when it is `CA`.",
						Optional:            true,
						Validators: []validator.String{
							stringvalidator.LengthBetween(1, 10),
							stringvalidator.RegexMatches(contactPostalCodePattern, "must contain only letters, digits, spaces and dashes"),
							validators.PostalCodeForCountry("country_code"),
						},
					},
					"country_code": schema.StringAttribute{
						MarkdownDescription: "The 2-letter ISO 3166 country code, such as `US`.",
						Required:            true,
						Validators:          []validator.String{validators.CountryCode()},
					},
					"preferred": preferredAttr("postal mail"),
				}},
			},
			"tags": schema.SetAttribute{
				MarkdownDescription: "The contact's tags (`default` shows the contact in AffiniPay's Card Vault). When left out, the provider " +
					"does not change the contact's tags (it only reads them); when set, it is the complete list. " + contactTagsConflictNote,
				ElementType:   types.StringType,
				Optional:      true,
				Computed:      true,
				PlanModifiers: []planmodifier.Set{setplanmodifier.UseStateForUnknown()},
				Validators: []validator.Set{setvalidator.ValueStringsAre(
					stringvalidator.LengthAtLeast(1), stringvalidator.RegexMatches(contactTagPattern, "must not have leading or trailing whitespace"),
				)},
			},
			"display_name": schema.StringAttribute{
				MarkdownDescription: "Generated by the API: the name if there is one, else the preferred (or any) email address, else the ID.",
				Computed:            true,
			},
			"sort_name": schema.StringAttribute{
				MarkdownDescription: "Generated by the API for sorting: `{last_name} {first_name} {middle_name} {name_suffix}` for a person, the name for an organization.",
				Computed:            true,
			},
			"preferred_email": schema.StringAttribute{
				MarkdownDescription: "The preferred email address, or one chosen by the API when none is preferred (where InfoRequests are sent).",
				Computed:            true,
			},
			"owner_id": schema.StringAttribute{
				MarkdownDescription: "The ID of the merchant that owns the contact.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"timeouts": timeoutsAttribute(ctx),
		},
	}
}

func (r *contactResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (r *contactResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var cfg contactResourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	validateContactConfig(ctx, &cfg.ContactData, &resp.Diagnostics)
}

// validateContactConfig applies the reference's cross-attribute rules.
func validateContactConfig(ctx context.Context, cfg *ContactData, diags *diag.Diagnostics) {
	set := func(v types.String) bool { return !v.IsNull() }
	emails := cfg.EmailAddresses
	emailsUnknown := emails.IsUnknown()
	hasEmail := isKnown(emails) && len(emails.Elements()) > 0
	if isKnown(cfg.Type) {
		switch cfg.Type.ValueString() {
		case client.ContactTypePerson:
			if set(cfg.Name) {
				diags.AddAttributeError(path.Root("name"), "name is for organizations",
					"A person's name comes from first_name, middle_name, last_name, name_prefix and name_suffix; the API derives the full name "+
						"(available as display_name). Use those attributes instead of name for a person.")
			}
			anyUnknown := cfg.FirstName.IsUnknown() || cfg.LastName.IsUnknown() || emailsUnknown
			if !anyUnknown && !set(cfg.FirstName) && !set(cfg.LastName) && !hasEmail {
				diags.AddAttributeError(path.Root("type"), "A person needs a name or an email address",
					"The API creates a person only with at least one of first_name, last_name or an email address (email_addresses).")
			}
		case client.ContactTypeOrganization:
			attrs := map[string]types.String{"first_name": cfg.FirstName, "middle_name": cfg.MiddleName, "last_name": cfg.LastName,
				"name_prefix": cfg.NamePrefix, "name_suffix": cfg.NameSuffix}
			for _, name := range contactPersonOnly {
				if set(attrs[name]) {
					diags.AddAttributeError(path.Root(name), name+" is for persons",
						name+" is an attribute of a person; an organization has only name. Remove it, or use type = \"person\".")
				}
			}
			if !cfg.Name.IsUnknown() && !emailsUnknown && !set(cfg.Name) && !hasEmail {
				diags.AddAttributeError(path.Root("type"), "An organization needs a name or an email address",
					"The API creates an organization only with name or an email address (email_addresses).")
			}
		}
	}
	checkOnePreferred := func(attrName string, prefs []types.Bool) {
		n := 0
		for _, p := range prefs {
			if isKnown(p) && p.ValueBool() {
				n++
			}
		}
		// The reference defines preferred as "the preferred method of
		// contact" and preferred_email as the one preferred address: two
		// preferred items of one list contradict each other (and the API
		// would have to pick one, leaving a permanent diff).
		if n > 1 {
			diags.AddAttributeError(path.Root(attrName), "More than one preferred item",
				fmt.Sprintf("%d items of %s have preferred = true; at most one may be preferred.", n, attrName))
		}
	}
	var prefs []types.Bool
	for _, e := range listItems[contactEmailModel](ctx, cfg.EmailAddresses, diags) {
		prefs = append(prefs, e.Preferred)
	}
	checkOnePreferred("email_addresses", prefs)
	prefs = nil
	for _, p := range listItems[contactPhoneModel](ctx, cfg.PhoneNumbers, diags) {
		prefs = append(prefs, p.Preferred)
	}
	checkOnePreferred("phone_numbers", prefs)
	prefs = nil
	for i, a := range listItems[contactAddressModel](ctx, cfg.Addresses, diags) {
		prefs = append(prefs, a.Preferred)
		if !isKnown(a.CountryCode) || !isKnown(a.StateOrProvince) {
			continue
		}
		if problem := validators.CheckState(a.CountryCode.ValueString(), a.StateOrProvince.ValueString()); problem != "" {
			diags.AddAttributeError(path.Root("addresses").AtListIndex(i).AtName("state_or_province"), "Invalid state_or_province", problem)
		}
	}
	checkOnePreferred("addresses", prefs)
}

// ModifyPlan gives each planned email address, phone number and address
// the ID of the existing item it corresponds to (see matchItemIDs), so the
// plan shows which items are updated in place and a re-plan is empty.
func (r *contactResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() || req.State.Raw.IsNull() {
		return
	}
	var plan, state contactResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	matchPlannedIDs(ctx, &plan.ContactData, &state.ContactData, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("email_addresses"), plan.EmailAddresses)...)
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("phone_numbers"), plan.PhoneNumbers)...)
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("addresses"), plan.Addresses)...)
}

// matchPlannedIDs sets the id of every item of plan's nested lists to the
// ID of the item of prior it corresponds to, or unknown for a new item.
func matchPlannedIDs(ctx context.Context, plan, prior *ContactData, diags *diag.Diagnostics) {
	plan.EmailAddresses = matchListIDs[contactEmailModel](ctx, plan.EmailAddresses, prior.EmailAddresses, contactEmailType, diags)
	plan.PhoneNumbers = matchListIDs[contactPhoneModel](ctx, plan.PhoneNumbers, prior.PhoneNumbers, contactPhoneType, diags)
	plan.Addresses = matchListIDs[contactAddressModel](ctx, plan.Addresses, prior.Addresses, contactAddressType, diags)
}

func idOrUnknown(id string) types.String {
	if id == "" {
		return types.StringUnknown()
	}
	return types.StringValue(id)
}

// contactContextPaths maps the API's message contexts to attributes.
func contactContextPaths() contextPaths {
	p := contextPaths{}
	for _, name := range []string{"type", "source_id", "test_mode", "name", "first_name", "middle_name", "last_name", "name_prefix",
		"name_suffix", "contact_code", "time_zone", "preferred_currency", "notes", "email_addresses", "phone_numbers", "addresses", "tags"} {
		p[name] = path.Root(name)
	}
	// Contexts for fields of the nested items without an index.
	p["email_address"] = path.Root("email_addresses")
	p["phone_number"] = path.Root("phone_numbers")
	p["address"] = path.Root("addresses")
	// Contexts of one item ("email_addresses[1].address", "tags[0]"): the
	// index is the request's, not the configuration's, so the diagnostic is
	// placed on the whole list.
	for i := 0; i < 10; i++ {
		for _, name := range []string{"email_addresses", "phone_numbers", "addresses", "tags"} {
			p[fmt.Sprintf("%s[%d]", name, i)] = path.Root(name)
		}
	}
	return p
}

func strVal(v types.String) string {
	if !isKnown(v) {
		return ""
	}
	return v.ValueString()
}

func strPtrVal(v types.String) *string {
	if !isKnown(v) {
		return nil
	}
	return client.String(v.ValueString())
}

func stringSet(ctx context.Context, s types.Set, diags *diag.Diagnostics) []string {
	if !isKnown(s) {
		return nil
	}
	out := []string{}
	diags.Append(s.ElementsAs(ctx, &out, false)...)
	return out
}

// contactCreateBody is the POST /contacts body for plan.
func contactCreateBody(ctx context.Context, plan *ContactData, sourceID string, diags *diag.Diagnostics) *client.ContactCreate {
	in := &client.ContactCreate{
		Type: plan.Type.ValueString(), TestMode: plan.TestMode.ValueBool(), SourceID: sourceID,
		Name: strVal(plan.Name), FirstName: strVal(plan.FirstName), MiddleName: strVal(plan.MiddleName), LastName: strVal(plan.LastName),
		NamePrefix: strVal(plan.NamePrefix), NameSuffix: strVal(plan.NameSuffix), ContactCode: strVal(plan.ContactCode),
		TimeZone: strVal(plan.TimeZone), PreferredCurrency: strVal(plan.PreferredCurrency), Notes: strVal(plan.Notes),
		Tags: stringSet(ctx, plan.Tags, diags),
	}
	for _, e := range listItems[contactEmailModel](ctx, plan.EmailAddresses, diags) {
		in.EmailAddresses = append(in.EmailAddresses, emailBody(e, ""))
	}
	for _, p := range listItems[contactPhoneModel](ctx, plan.PhoneNumbers, diags) {
		in.PhoneNumbers = append(in.PhoneNumbers, phoneBody(p, "", false))
	}
	for _, a := range listItems[contactAddressModel](ctx, plan.Addresses, diags) {
		in.Addresses = append(in.Addresses, addressBody(a, "", false))
	}
	return in
}

func emailBody(e contactEmailModel, id string) client.EmailAddress {
	return client.EmailAddress{ID: id, Address: e.Address.ValueString(), Preferred: client.Bool(e.Preferred.ValueBool())}
}

// phoneBody is a phone number to send; clearUnset sends "" for an unset
// extension (an update clearing it), else it is left out.
func phoneBody(p contactPhoneModel, id string, clearUnset bool) client.PhoneNumber {
	out := client.PhoneNumber{ID: id, Number: p.Number.ValueString(), Extension: strPtrVal(p.Extension), Preferred: client.Bool(p.Preferred.ValueBool())}
	if clearUnset && out.Extension == nil {
		out.Extension = client.String("")
	}
	return out
}

func addressBody(a contactAddressModel, id string, clearUnset bool) client.Address {
	out := client.Address{ID: id, Line1: a.Line1.ValueString(), Line2: strPtrVal(a.Line2), City: a.City.ValueString(),
		StateOrProvince: strPtrVal(a.StateOrProvince), PostalCode: strPtrVal(a.PostalCode), CountryCode: a.CountryCode.ValueString(),
		Preferred: client.Bool(a.Preferred.ValueBool())}
	if clearUnset {
		for _, f := range []**string{&out.Line2, &out.StateOrProvince, &out.PostalCode} {
			if *f == nil {
				*f = client.String("")
			}
		}
	}
	return out
}

// nestedPatch computes one nested list's PATCH items from the prior items
// (with IDs) and the planned ones (IDs from matchPlannedIDs, unknown for
// new items): removals (ID only) first, so that a list at its limit can
// take a new item in the same request, then updates by ID of the items
// that changed, then additions without ID.
func nestedPatch[T interface{ view() itemView }, B any](prior, planned []T, id func(T) types.String, body func(T, string) B, removal func(string) B) []B {
	keep := map[string]bool{}
	for _, p := range planned {
		if v := id(p); isKnown(v) {
			keep[v.ValueString()] = true
		}
	}
	var out []B
	priorContent := map[string]string{}
	for _, p := range prior {
		pid := id(p).ValueString()
		priorContent[pid] = p.view().content
		if !keep[pid] {
			out = append(out, removal(pid))
		}
	}
	var adds []B
	for _, p := range planned {
		v := id(p)
		if !isKnown(v) {
			adds = append(adds, body(p, ""))
			continue
		}
		if c, ok := priorContent[v.ValueString()]; ok && c == p.view().content {
			continue
		}
		out = append(out, body(p, v.ValueString()))
	}
	return append(out, adds...)
}

// contactPatchBody computes the PATCH that turns prior into plan (both
// with resolved item IDs). tagsConfigured says whether the configuration
// owns the tags.
func contactPatchBody(ctx context.Context, prior, plan *ContactData, tagsConfigured bool, diags *diag.Diagnostics) *client.ContactPatch {
	p := &client.ContactPatch{}
	// Optional attributes: a removed value is cleared with "".
	clearable := func(dst **string, planned, old types.String) {
		if planned.IsUnknown() || planned.Equal(old) {
			return
		}
		*dst = client.String(strVal(planned))
	}
	clearable(&p.Name, plan.Name, prior.Name)
	clearable(&p.FirstName, plan.FirstName, prior.FirstName)
	clearable(&p.MiddleName, plan.MiddleName, prior.MiddleName)
	clearable(&p.LastName, plan.LastName, prior.LastName)
	clearable(&p.NamePrefix, plan.NamePrefix, prior.NamePrefix)
	clearable(&p.NameSuffix, plan.NameSuffix, prior.NameSuffix)
	clearable(&p.Notes, plan.Notes, prior.Notes)
	// Optional+Computed attributes: sent only when configured and different.
	keepable := func(dst **string, planned, old types.String) {
		if planned.IsUnknown() || planned.IsNull() || planned.Equal(old) {
			return
		}
		*dst = client.String(planned.ValueString())
	}
	keepable(&p.ContactCode, plan.ContactCode, prior.ContactCode)
	keepable(&p.TimeZone, plan.TimeZone, prior.TimeZone)
	keepable(&p.PreferredCurrency, plan.PreferredCurrency, prior.PreferredCurrency)

	p.EmailAddresses = nestedPatch(listItems[contactEmailModel](ctx, prior.EmailAddresses, diags), listItems[contactEmailModel](ctx, plan.EmailAddresses, diags),
		func(m contactEmailModel) types.String { return m.ID }, emailBody,
		func(id string) client.EmailAddress { return client.EmailAddress{ID: id} })
	p.PhoneNumbers = nestedPatch(listItems[contactPhoneModel](ctx, prior.PhoneNumbers, diags), listItems[contactPhoneModel](ctx, plan.PhoneNumbers, diags),
		func(m contactPhoneModel) types.String { return m.ID },
		func(m contactPhoneModel, id string) client.PhoneNumber { return phoneBody(m, id, id != "") },
		func(id string) client.PhoneNumber { return client.PhoneNumber{ID: id} })
	p.Addresses = nestedPatch(listItems[contactAddressModel](ctx, prior.Addresses, diags), listItems[contactAddressModel](ctx, plan.Addresses, diags),
		func(m contactAddressModel) types.String { return m.ID },
		func(m contactAddressModel, id string) client.Address { return addressBody(m, id, id != "") },
		func(id string) client.Address { return client.Address{ID: id} })

	if tagsConfigured && !plan.Tags.IsUnknown() && !plan.Tags.Equal(prior.Tags) {
		tags := stringSet(ctx, plan.Tags, diags)
		p.Tags = &tags
	}
	return p
}

func (r *contactResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan, cfg contactResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := withTimeout(ctx, plan.Timeouts.Create, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()

	sourceID := strVal(plan.SourceID)
	if sourceID == "" {
		sourceID = sourceIDPrefix + uuid.NewString()
	}
	body := contactCreateBody(ctx, &plan.ContactData, sourceID, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	// The create keeps a share of the timeout for the lookup below.
	createCtx, cancelCreate := withLookupReserve(ctx)
	created, err := r.data.Client.CreateContact(createCtx, body)
	cancelCreate()
	adopted := false
	if err != nil && client.IsConflict(err) && client.HasCode(err, "resource_exists") {
		// Either an earlier attempt of this very request committed and its
		// response was lost (the client retried the idempotent POST), or a
		// contact with this source_id already existed. Either way adopt it.
		tflog.Info(ctx, "A contact with this source_id exists; adopting it", map[string]any{"source_id": sourceID})
		created, err = r.data.Client.GetContactBySourceID(ctx, sourceID)
		adopted = err == nil
	} else if err != nil && createOutcomeUnknown(err) {
		// The POST may have committed (a lost response, then a 500 or no
		// answer on the retries). Without this lookup a generated
		// source_id would be forgotten, and the next apply would create a
		// second contact: adopt the contact if it exists.
		found, ferr := r.data.Client.GetContactBySourceID(ctx, sourceID)
		switch {
		case ferr == nil:
			tflog.Warn(ctx, "Contact create failed but the contact exists; adopting it", map[string]any{"source_id": sourceID, "error": err.Error()})
			created, err, adopted = found, nil, true
		case !client.IsNotFound(ferr):
			// Still unknown: record the source_id so that the next
			// refresh settles it (see unsettled.go) instead of the next
			// apply creating a second contact.
			addAPIError(&resp.Diagnostics, "Error creating the contact", err, contactContextPaths())
			resp.Diagnostics.AddError("Contact create outcome unknown",
				fmt.Sprintf("The provider could not find out whether the contact with source_id %q was created (%v). "+
					"It is recorded in state with the ID %q; the next plan or apply looks it up by source_id and adopts it, or creates it if it does not exist.",
					sourceID, ferr, unsettledID(sourceID)))
			resp.Diagnostics.Append(setUnsettledState(ctx, req.Plan, &resp.State, sourceID)...)
			return
		}
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, "Error creating the contact", err, contactContextPaths())
		return
	}
	if created.SourceID == "" {
		created.SourceID = sourceID
	}
	planned := plan.ContactData
	planned.SourceID = types.StringValue(sourceID)
	if adopted {
		if created.Type != body.Type || created.TestMode != body.TestMode {
			resp.Diagnostics.AddAttributeError(path.Root("source_id"), "source_id belongs to another contact",
				fmt.Sprintf("The contact %s already has the source_id %q, but it is a %s with test_mode = %t, which this configuration "+
					"(a %s with test_mode = %t) cannot change. Use another source_id, or import %s.",
					created.ID, sourceID, created.Type, created.TestMode, body.Type, body.TestMode, created.ID))
			return
		}
		created = r.converge(ctx, created, &planned, !cfg.Tags.IsNull(), &resp.Diagnostics)
		if created == nil {
			return
		}
	}
	var state contactResourceModel
	state.Timeouts = plan.Timeouts
	setContactFromAPI(ctx, &state.ContactData, created, &planned, &resp.Diagnostics)
	resp.Diagnostics.Append(setStateAndIdentity(ctx, &resp.State, resp.Identity, &state)...)
}

// converge updates an adopted contact to match the plan; it returns the
// contact as the API has it afterwards, or nil with diagnostics. On a
// failed PATCH, the adopted contact is saved to state as it is (its ID is
// real), so the next plan shows what remains to change.
func (r *contactResource) converge(ctx context.Context, existing *client.Contact, planned *ContactData, tagsConfigured bool, diags *diag.Diagnostics) *client.Contact {
	var current ContactData
	setContactFromAPI(ctx, &current, existing, nil, diags)
	target := *planned
	matchPlannedIDs(ctx, &target, &current, diags)
	if diags.HasError() {
		return nil
	}
	patch := contactPatchBody(ctx, &current, &target, tagsConfigured, diags)
	if diags.HasError() || patch.IsEmpty() {
		return existing
	}
	updated, err := r.data.Client.PatchContact(ctx, existing.ID, patch)
	if err != nil {
		addAPIError(diags, "Error updating the adopted contact "+existing.ID+" to match the configuration", err, contactContextPaths())
		return nil
	}
	return updated
}

func (r *contactResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state contactResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := withReadTimeout(ctx, state.Timeouts.Read, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	var c *client.Contact
	var err error
	if sourceID, unsettled := unsettledSourceID(state.ID.ValueString()); unsettled {
		// A create whose outcome was unknown: settle it by source_id.
		c, err = r.data.Client.GetContactBySourceID(ctx, sourceID)
	} else {
		c, err = r.data.Client.GetContact(ctx, state.ID.ValueString())
	}
	if client.IsNotFound(err) || (err == nil && c.Deleted) {
		tflog.Warn(ctx, "Contact no longer exists; removing it from state", map[string]any{"id": state.ID.ValueString()})
		removeResourceKeepIdentity(ctx, req.State, resp)
		return
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, "Error reading the contact", err, nil)
		return
	}
	prior := state.ContactData
	setContactFromAPI(ctx, &state.ContactData, c, &prior, &resp.Diagnostics)
	resp.Diagnostics.Append(setStateAndIdentity(ctx, &resp.State, resp.Identity, &state)...)
}

func (r *contactResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state, cfg contactResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := withTimeout(ctx, plan.Timeouts.Update, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()

	id := state.ID.ValueString()
	tagsConfigured := !cfg.Tags.IsNull()
	patch := contactPatchBody(ctx, &state.ContactData, &plan.ContactData, tagsConfigured, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	var c *client.Contact
	var err error
	if patch.IsEmpty() {
		c, err = r.data.Client.GetContact(ctx, id)
	} else {
		c, err = r.data.Client.PatchContact(ctx, id, patch)
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, "Error updating the contact", err, contactContextPaths())
		// Save what is true: the PATCH may have been applied before the
		// error (a lost response), so record the contact as it now is.
		if now, gerr := r.data.Client.GetContact(ctx, id); gerr == nil {
			prior := state.ContactData
			setContactFromAPI(ctx, &state.ContactData, now, &prior, &resp.Diagnostics)
			resp.Diagnostics.Append(setStateAndIdentity(ctx, &resp.State, resp.Identity, &state)...)
		}
		return
	}
	planned := plan.ContactData
	var out contactResourceModel
	out.Timeouts = plan.Timeouts
	setContactFromAPI(ctx, &out.ContactData, c, &planned, &resp.Diagnostics)
	if !tagsConfigured && !plan.Tags.IsUnknown() {
		// Tags are not this resource's when unconfigured: keep the planned
		// (prior) value; the next refresh reads whatever
		// affinipay_contact_tag resources have done meanwhile.
		out.Tags = plan.Tags
	}
	resp.Diagnostics.Append(setStateAndIdentity(ctx, &resp.State, resp.Identity, &out)...)
}

func (r *contactResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state contactResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := withTimeout(ctx, state.Timeouts.Delete, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	id := state.ID.ValueString()
	if sourceID, unsettled := unsettledSourceID(id); unsettled {
		// Never settled (refresh skipped): delete the contact its create
		// may have made, if there is one.
		c, err := r.data.Client.GetContactBySourceID(ctx, sourceID)
		if client.IsNotFound(err) {
			return
		}
		if err != nil {
			addAPIError(&resp.Diagnostics, "Error looking up the contact with source_id "+sourceID, err, nil)
			return
		}
		id = c.ID
	}
	err := r.data.Client.DeleteContact(ctx, id)
	if err != nil && !client.IsNotFound(err) {
		addAPIError(&resp.Diagnostics, "Error deleting the contact", err, nil)
	}
}

func (r *contactResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	id := strings.TrimSpace(importIDFromRequest(ctx, req, &resp.Diagnostics, joinID))
	if !contactIDPattern.MatchString(id) {
		resp.Diagnostics.AddError("Invalid import ID",
			fmt.Sprintf("%q is not a contact ID: use the ID of a person (`p_` followed by 21 letters or digits) or an organization (`org_...`), "+
				"for example `p_tup7e7S0e7LIE55qvgXAR`.", id))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
}
