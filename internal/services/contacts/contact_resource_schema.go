package contacts

import (
	"context"
	"fmt"

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

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/client"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/framework"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/validators"
)

// The affinipay_contact schema and its configuration checks.

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

func (r *ContactResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_contact"
	// A create whose outcome stays unknown is recorded under an unsettled
	// ID (internal/framework/write), and its identity changes once, to the
	// real ID, when a refresh settles it.
	resp.ResourceBehavior.MutableIdentity = true
}

// optLen validates an optional string: when set, it is not empty and has at
// most maxLen characters.
func optLen(maxLen int) []validator.String {
	return []validator.String{stringvalidator.LengthBetween(1, maxLen)}
}

func (r *ContactResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
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
			"id": framework.KeptString("The contact ID (`p_...` for a person, `org_...` for an organization)."),
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
			"display_name":    framework.ComputedResourceString("Generated by the API: the name if there is one, else the preferred (or any) email address, else the ID."),
			"sort_name":       framework.ComputedResourceString("Generated by the API for sorting: `{last_name} {first_name} {middle_name} {name_suffix}` for a person, the name for an organization."),
			"preferred_email": framework.ComputedResourceString("The preferred email address, or one chosen by the API when none is preferred (where InfoRequests are sent)."),
			"owner_id":        framework.KeptString("The ID of the merchant that owns the contact."),
			"timeouts":        framework.TimeoutsAttribute(ctx),
		},
	}
}

func (r *ContactResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var cfg ContactResourceModel
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
	hasEmail := framework.IsKnown(emails) && len(emails.Elements()) > 0
	if framework.IsKnown(cfg.Type) {
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
			if framework.IsKnown(p) && p.ValueBool() {
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
		if !framework.IsKnown(a.CountryCode) || !framework.IsKnown(a.StateOrProvince) {
			continue
		}
		if problem := validators.CheckState(a.CountryCode.ValueString(), a.StateOrProvince.ValueString()); problem != "" {
			diags.AddAttributeError(path.Root("addresses").AtListIndex(i).AtName("state_or_province"), "Invalid state_or_province", problem)
		}
	}
	checkOnePreferred("addresses", prefs)
}
