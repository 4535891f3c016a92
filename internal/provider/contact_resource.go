package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/google/uuid"
	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/client"
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

func (r *contactResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
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
	resp.Diagnostics.Append(getStateModel(ctx, req.State, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := withReadTimeout(ctx, state.Timeouts.Read, defaultTimeout, &resp.Diagnostics)
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
		c, err = r.data.Client.RefreshContact(ctx, state.ID.ValueString())
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
	before := state
	setContactFromAPI(ctx, &state.ContactData, c, &before.ContactData, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(setReadState(ctx, resp, &before, &state)...)
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
