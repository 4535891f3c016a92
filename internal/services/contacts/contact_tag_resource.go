package contacts

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/client"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/framework"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/framework/write"
)

var (
	_ resource.Resource                = (*ContactTagResource)(nil)
	_ resource.ResourceWithConfigure   = (*ContactTagResource)(nil)
	_ resource.ResourceWithImportState = (*ContactTagResource)(nil)
)

// NewContactTagResource is the affinipay_contact_tag factory.
func NewContactTagResource() resource.Resource { return &ContactTagResource{} }

type ContactTagResource struct{ framework.ResourceBase }

type ContactTagModel struct {
	ID        types.String   `tfsdk:"id"`
	ContactID types.String   `tfsdk:"contact_id"`
	Tag       types.String   `tfsdk:"tag"`
	Timeouts  timeouts.Value `tfsdk:"timeouts"`
}

// contactLockKey serialises the read-modify-write cycles of one contact's
// tag list within the provider process.
func contactLockKey(id string) string { return "contact:" + id }

func ContactTagID(contactID, tag string) string { return contactID + "/" + tag }

const contactTagDescription = "One tag on one contact, managed on its own (for example `default`, which shows the contact in AffiniPay's Card Vault).\n\n" +
	"The resource is non-authoritative: create adds only its tag to the contact's tag list (adopting it if it is already there) and destroy " +
	"removes only its tag, leaving every other tag as it is. Because the API stores the tags as one list that is replaced with `PATCH`, " +
	"the provider serialises these read-modify-write cycles per contact, so any number of tags on one contact can be created or destroyed " +
	"in one apply. Changes made at the same moment by something else (another Terraform run, the dashboard) are not serialised with them.\n\n" +
	"If the tag or the contact disappears outside Terraform, the next plan creates the tag again (or drops it, when the contact is gone).\n\n" +
	contactTagsConflictNote + "\n\n" +
	"Import with the ID `<contact_id>/<tag>`, for example `p_tup7e7S0e7LIE55qvgXAR/default` (split at the first `/`)."

func (r *ContactTagResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_contact_tag"
}

func (r *ContactTagResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: contactTagDescription,
		Attributes: map[string]schema.Attribute{
			"id": framework.KeptString("`<contact_id>/<tag>`."),
			"contact_id": schema.StringAttribute{
				MarkdownDescription: "The ID of the contact (`p_...` or `org_...`). Changing it replaces the tag.",
				Required:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
				Validators: []validator.String{stringvalidator.RegexMatches(framework.ContactIDPattern,
					"must be a contact ID: p_ (person) or org_ (organization) followed by 21 letters or digits")},
			},
			"tag": schema.StringAttribute{
				MarkdownDescription: "The tag, not blank and without leading or trailing whitespace; compared exactly (case-sensitive). " +
					"Changing it replaces the resource.",
				Required:      true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
				Validators: []validator.String{stringvalidator.LengthAtLeast(1),
					stringvalidator.RegexMatches(contactTagPattern, "must not have leading or trailing whitespace")},
			},
			"timeouts": framework.TimeoutsAttribute(ctx),
		},
	}
}

func TagsContain(tags []string, tag string) bool {
	for _, t := range tags {
		if t == tag {
			return true
		}
	}
	return false
}

// changeTag adds (add) or removes the tag on the contact under the
// contact's lock, sending only the tags in the PATCH. gone reports that
// the contact does not exist.
func (r *ContactTagResource) changeTag(ctx context.Context, contactID, tag string, add bool, diags *diag.Diagnostics) (gone bool) {
	unlock := r.Data.Locks.Lock(contactLockKey(contactID))
	defer unlock()
	c, err := r.Data.Client.GetContact(ctx, contactID)
	if client.IsNotFound(err) {
		return true
	}
	if err != nil {
		framework.AddAPIError(diags, "Unable to read the contact's tags", err, framework.ContextPaths{"id": path.Root("contact_id")})
		return false
	}
	has := TagsContain(c.Tags, tag)
	if has == add {
		tflog.Debug(ctx, "Contact tag already as wanted", map[string]any{"contact_id": contactID, "tag": tag, "present": has})
		return false
	}
	next := make([]string, 0, len(c.Tags)+1)
	for _, t := range c.Tags {
		if t != tag {
			next = append(next, t)
		}
	}
	if add {
		next = append(next, tag)
	}
	res := write.Change(ctx, write.ChangeSpec[client.Contact]{
		What: "update the contact's tags",
		Send: func(ctx context.Context) (*client.Contact, error) {
			return r.Data.Client.PatchContact(ctx, contactID, &client.ContactPatch{Tags: &next})
		},
		ReadBack: func(ctx context.Context) (*client.Contact, error) { return r.Data.Client.GetContact(ctx, contactID) },
		Applied:  func(c *client.Contact) bool { return TagsContain(c.Tags, tag) == add },
		Refused:  framework.ReportAPIError(framework.ContextPaths{"tags": path.Root("tag")}),
	}, diags)
	if res.Object == nil || res.ReadBack {
		return false
	}
	updated := res.Object
	if TagsContain(updated.Tags, tag) != add {
		diags.AddAttributeError(path.Root("tag"), "Tag not changed",
			fmt.Sprintf("PATCH /contacts/%s succeeded but the returned tags %q still do not reflect the change of %q.", contactID, updated.Tags, tag))
	}
	return false
}

func (r *ContactTagResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan ContactTagModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := framework.WithTimeout(ctx, plan.Timeouts.Create, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	contactID, tag := plan.ContactID.ValueString(), plan.Tag.ValueString()
	if gone := r.changeTag(ctx, contactID, tag, true, &resp.Diagnostics); gone {
		resp.Diagnostics.AddAttributeError(path.Root("contact_id"), "Contact not found", "There is no contact "+contactID+".")
	}
	if resp.Diagnostics.HasError() {
		return
	}
	plan.ID = types.StringValue(ContactTagID(contactID, tag))
	resp.Diagnostics.Append(framework.SetStateAndIdentity(ctx, &resp.State, resp.Identity, &plan)...)
}

func (r *ContactTagResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state ContactTagModel
	resp.Diagnostics.Append(framework.GetStateModel(ctx, req.State, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := framework.WithReadTimeout(ctx, state.Timeouts.Read, framework.DefaultTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	contactID, tag := state.ContactID.ValueString(), state.Tag.ValueString()
	c, err := r.Data.Client.GetContact(ctx, contactID)
	if client.IsNotFound(err) || (err == nil && (c.Deleted || !TagsContain(c.Tags, tag))) {
		tflog.Warn(ctx, "Contact tag no longer exists; removing it from state", map[string]any{"contact_id": contactID, "tag": tag})
		framework.RemoveResourceKeepIdentity(ctx, req.State, resp)
		return
	}
	if err != nil {
		framework.AddAPIError(&resp.Diagnostics, "Unable to read the contact's tags", err, nil)
		return
	}
	before := state
	state.ID = types.StringValue(ContactTagID(contactID, tag))
	resp.Diagnostics.Append(framework.SetReadState(ctx, resp, &before, &state)...)
}

// Update changes only timeouts (contact_id and tag force replacement).
func (r *ContactTagResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan ContactTagModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	plan.ID = types.StringValue(ContactTagID(plan.ContactID.ValueString(), plan.Tag.ValueString()))
	resp.Diagnostics.Append(framework.SetStateAndIdentity(ctx, &resp.State, resp.Identity, &plan)...)
}

func (r *ContactTagResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state ContactTagModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := framework.WithTimeout(ctx, state.Timeouts.Delete, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	// A contact that is gone has no tags left to remove.
	r.changeTag(ctx, state.ContactID.ValueString(), state.Tag.ValueString(), false, &resp.Diagnostics)
}

// ImportState accepts `<contact_id>/<tag>`, split at the first slash
// (contact IDs have none; a tag may).
func (r *ContactTagResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importID := framework.ImportIDFromRequest(ctx, req, &resp.Diagnostics, func(a map[string]string) string { return ContactTagID(a["contact_id"], a["tag"]) })
	contactID, tag, ok := strings.Cut(importID, "/")
	const format = "The import ID must be `<contact_id>/<tag>`, for example `p_tup7e7S0e7LIE55qvgXAR/default`."
	if !ok || tag == "" || !framework.ContactIDPattern.MatchString(contactID) {
		resp.Diagnostics.AddError("Invalid import ID", fmt.Sprintf("%q: %s", importID, format))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), ContactTagID(contactID, tag))...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("contact_id"), contactID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("tag"), tag)...)
}

var _ resource.ResourceWithIdentity = (*ContactTagResource)(nil)

func (r *ContactTagResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = framework.IdentitySchema(
		framework.IdentityAttr{Name: "contact_id", Description: "The contact ID (`p_...` or `org_...`)."},
		framework.IdentityAttr{Name: "tag", Description: "The tag."},
	)
}
