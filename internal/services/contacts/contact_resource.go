package contacts

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
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/framework"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/framework/write"
)

// lookupCreated finds the contact a create with sourceID made: the contact
// with that source_id, if it is of the type and mode the create asked for
// (another contact holding the source_id is not this create's).
func (r *ContactResource) lookupCreated(ctx context.Context, sourceID, typ string, testMode bool) (*client.Contact, error) {
	c, err := r.Data.Client.GetContactBySourceID(ctx, sourceID)
	if client.IsNotFound(err) || (err == nil && (c.Deleted || c.Type != typ || c.TestMode != testMode)) {
		return nil, nil
	}
	return c, err
}

var (
	_ resource.Resource                   = (*ContactResource)(nil)
	_ resource.ResourceWithConfigure      = (*ContactResource)(nil)
	_ resource.ResourceWithImportState    = (*ContactResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*ContactResource)(nil)
	_ resource.ResourceWithValidateConfig = (*ContactResource)(nil)
)

// NewContactResource is the affinipay_contact factory.
func NewContactResource() resource.Resource { return &ContactResource{} }

type ContactResource struct{ framework.ResourceBase }

type ContactResourceModel struct {
	ContactData
	Timeouts timeouts.Value `tfsdk:"timeouts"`
}

// ModifyPlan gives each planned email address, phone number and address
// the ID of the existing item it corresponds to (see matchItemIDs), so the
// plan shows which items are updated in place and a re-plan is empty.
func (r *ContactResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() || req.State.Raw.IsNull() {
		return
	}
	var plan, state ContactResourceModel
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

func (r *ContactResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan, cfg ContactResourceModel
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

	sourceID := strVal(plan.SourceID)
	if sourceID == "" {
		sourceID = framework.SourceIDPrefix + uuid.NewString()
	}
	body := contactCreateBody(ctx, &plan.ContactData, sourceID, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	res := write.Create(ctx, write.CreateSpec[client.Contact]{
		Kind: "contact",
		Key:  fmt.Sprintf("source_id %q", sourceID),
		Send: func(ctx context.Context) (*client.Contact, error) { return r.Data.Client.CreateContact(ctx, body) },
		Lookup: func(ctx context.Context) (*client.Contact, error) {
			return r.lookupCreated(ctx, sourceID, body.Type, body.TestMode)
		},
		Refused: framework.ReportAPIError(contactContextPaths()),
	}, &resp.Diagnostics)
	if res.Failed {
		return
	}
	if res.Unsettled {
		resp.Diagnostics.Append(write.RecordUnsettled(ctx, req.Plan, &resp.State, sourceID, map[string]any{"source_id": sourceID})...)
		resp.Diagnostics.Append(framework.IdentityFromState(ctx, resp.State, resp.Identity)...)
		return
	}
	created, adopted := res.Object, res.Adopted
	if created.SourceID == "" {
		created.SourceID = sourceID
	}
	planned := plan.ContactData
	planned.SourceID = types.StringValue(sourceID)
	if adopted {
		created = r.converge(ctx, created, &planned, !cfg.Tags.IsNull(), &resp.Diagnostics)
		if created == nil {
			return
		}
	}
	var state ContactResourceModel
	state.Timeouts = plan.Timeouts
	setContactFromAPI(ctx, &state.ContactData, created, &planned, &resp.Diagnostics)
	resp.Diagnostics.Append(framework.SetStateAndIdentity(ctx, &resp.State, resp.Identity, &state)...)
}

// converge updates an adopted contact to match the plan and returns the
// contact as the API has it afterwards. The adopted contact is real, so it
// is always recorded: when the update fails, the contact is returned as it
// is (read back where the outcome is unknown) and the failure becomes a
// warning, so that the record is not tainted (a tainted record would be
// deleted and created again) and the next plan shows what remains.
func (r *ContactResource) converge(ctx context.Context, existing *client.Contact, planned *ContactData, tagsConfigured bool, diags *diag.Diagnostics) *client.Contact {
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
	var patchDiags diag.Diagnostics
	res := write.Change(ctx, write.ChangeSpec[client.Contact]{
		What: "update the adopted contact " + existing.ID + " to match the configuration",
		Send: func(ctx context.Context) (*client.Contact, error) {
			return r.Data.Client.PatchContact(ctx, existing.ID, patch)
		},
		ReadBack: func(ctx context.Context) (*client.Contact, error) {
			return r.Data.Client.GetContact(ctx, existing.ID)
		},
		Refused: framework.ReportAPIError(contactContextPaths()),
	}, &patchDiags)
	diags.Append(framework.WarningsOf(patchDiags)...)
	if res.Object != nil {
		return res.Object
	}
	return existing
}

func (r *ContactResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state ContactResourceModel
	resp.Diagnostics.Append(framework.GetStateModel(ctx, req.State, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := framework.WithReadTimeout(ctx, state.Timeouts.Read, framework.DefaultTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	var c *client.Contact
	var err error
	if sourceID, unsettled := write.UnsettledKey(state.ID.ValueString()); unsettled {
		// A create whose outcome was unknown: settle it by source_id.
		c, err = r.lookupCreated(ctx, sourceID, state.Type.ValueString(), state.TestMode.ValueBool())
		if err == nil && c == nil {
			resp.Diagnostics.AddWarning("The unsettled contact create made no contact",
				fmt.Sprintf("No contact with source_id %q exists: the create recorded as unsettled did not commit. The record is removed "+
					"from state, and the next apply creates the contact.", sourceID))
			framework.RemoveResourceKeepIdentity(ctx, req.State, resp)
			return
		}
	} else {
		c, err = r.Data.Client.RefreshContact(ctx, state.ID.ValueString())
	}
	if client.IsNotFound(err) || (err == nil && c.Deleted) {
		tflog.Warn(ctx, "Contact no longer exists; removing it from state", map[string]any{"id": state.ID.ValueString()})
		framework.RemoveResourceKeepIdentity(ctx, req.State, resp)
		return
	}
	if err != nil {
		framework.AddAPIError(&resp.Diagnostics, "Unable to read the contact", err, nil)
		return
	}
	before := state
	setContactFromAPI(ctx, &state.ContactData, c, &before.ContactData, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(framework.SetReadState(ctx, resp, &before, &state)...)
}

func (r *ContactResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state, cfg ContactResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := framework.WithTimeout(ctx, plan.Timeouts.Update, &resp.Diagnostics)
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
	if patch.IsEmpty() {
		var err error
		if c, err = r.Data.Client.GetContact(ctx, id); err != nil {
			framework.AddAPIError(&resp.Diagnostics, "Unable to read the contact", err, nil)
			return
		}
	} else {
		res := write.Change(ctx, write.ChangeSpec[client.Contact]{
			What:     "update the contact",
			Send:     func(ctx context.Context) (*client.Contact, error) { return r.Data.Client.PatchContact(ctx, id, patch) },
			ReadBack: func(ctx context.Context) (*client.Contact, error) { return r.Data.Client.GetContact(ctx, id) },
			Refused:  framework.ReportAPIError(contactContextPaths()),
		}, &resp.Diagnostics)
		if res.ReadBack {
			// Save what is true: the PATCH may have been applied.
			prior := state.ContactData
			setContactFromAPI(ctx, &state.ContactData, res.Object, &prior, &resp.Diagnostics)
			resp.Diagnostics.Append(framework.SetStateAndIdentity(ctx, &resp.State, resp.Identity, &state)...)
		}
		if res.Object == nil || res.ReadBack {
			return
		}
		c = res.Object
	}
	planned := plan.ContactData
	var out ContactResourceModel
	out.Timeouts = plan.Timeouts
	setContactFromAPI(ctx, &out.ContactData, c, &planned, &resp.Diagnostics)
	if !tagsConfigured && !plan.Tags.IsUnknown() {
		// Tags are not this resource's when unconfigured: keep the planned
		// (prior) value; the next refresh reads whatever
		// affinipay_contact_tag resources have done meanwhile.
		out.Tags = plan.Tags
	}
	resp.Diagnostics.Append(framework.SetStateAndIdentity(ctx, &resp.State, resp.Identity, &out)...)
}

func (r *ContactResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state ContactResourceModel
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
		// Never settled (refresh skipped): delete the contact its create
		// may have made, if there is one.
		c, err := r.lookupCreated(ctx, sourceID, state.Type.ValueString(), state.TestMode.ValueBool())
		if err == nil && c == nil {
			return
		}
		if err != nil {
			framework.AddAPIError(&resp.Diagnostics, "Unable to look up the contact with source_id "+sourceID, err, nil)
			return
		}
		id = c.ID
	}
	write.Delete(ctx, write.DeleteSpec{
		What: "delete the contact",
		Send: func(ctx context.Context) error { return r.Data.Client.DeleteContact(ctx, id) },
		Gone: func(ctx context.Context) (bool, error) {
			c, err := r.Data.Client.GetContact(ctx, id)
			if client.IsNotFound(err) {
				return true, nil
			}
			return err == nil && c.Deleted, err
		},
		Refused: framework.ReportAPIError(nil),
	}, &resp.Diagnostics)
}

func (r *ContactResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	id := strings.TrimSpace(framework.ImportIDFromRequest(ctx, req, &resp.Diagnostics, framework.JoinID))
	if !framework.ContactIDPattern.MatchString(id) {
		resp.Diagnostics.AddError("Invalid import ID",
			fmt.Sprintf("%q is not a contact ID: use the ID of a person (`p_` followed by 21 letters or digits) or an organization (`org_...`), "+
				"for example `p_tup7e7S0e7LIE55qvgXAR`.", id))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
}

var _ resource.ResourceWithIdentity = (*ContactResource)(nil)

func (r *ContactResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = framework.IDIdentity("contact (`p_...` or `org_...`)")
}
