package merchant

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/client"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/framework"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/validators"
)

var (
	_ resource.Resource                = (*WebhookEndpointResource)(nil)
	_ resource.ResourceWithConfigure   = (*WebhookEndpointResource)(nil)
	_ resource.ResourceWithImportState = (*WebhookEndpointResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*WebhookEndpointResource)(nil)
)

// webhookEventsLockKey serialises every read-modify-write of the merchant's
// event URL lists within one provider configuration (one configuration
// authenticates as one merchant).
const webhookEventsLockKey = "merchant-events"

// NewWebhookEndpointResource is the affinipay_webhook_endpoint factory.
func NewWebhookEndpointResource() resource.Resource { return &WebhookEndpointResource{} }

type WebhookEndpointResource struct {
	framework.ResourceBase
}

type WebhookEndpointModel struct {
	ID        types.String   `tfsdk:"id"`
	URL       types.String   `tfsdk:"url"`
	Mode      types.String   `tfsdk:"mode"`
	AllowHTTP types.Bool     `tfsdk:"allow_http"`
	Timeouts  timeouts.Value `tfsdk:"timeouts"`
}

func (r *WebhookEndpointResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_webhook_endpoint"
}

const webhookEndpointDescription = "One URL to which AffiniPay POSTs the merchant's events: an entry in the merchant's `test_events_urls` " +
	"or `live_events_urls` (see [Webhooks](https://developers.affinipay.com/reference/api.html#webhooks)).\n\n" +
	"The API stores each mode's event URLs as one comma-delimited string on the merchant. This resource owns only its own entry: " +
	"create reads the merchant, appends its URL to the list of its `mode` and writes back only that list; destroy removes only its URL " +
	"and leaves every other URL (whether managed by another `affinipay_webhook_endpoint`, in any module, or added outside Terraform) as it was. " +
	"The provider serialises these read-modify-write cycles within one provider configuration, so many endpoints can be created or destroyed " +
	"in one apply at any parallelism. Changes made at the same moment by something else (another Terraform run, a person in the dashboard) " +
	"are not serialised with them, because the API offers no conditional update.\n\n" +
	"* **Adoption:** creating an endpoint whose URL is already in the list adopts it without changing anything; destroying it then removes the URL.\n" +
	"* **Matching is exact:** URLs are compared as exact strings, without normalisation: `https://hooks.example.com/a` and `https://hooks.example.com/a/` " +
	"(or a different letter case) are different endpoints. Write the URL the way it appears in the list.\n" +
	"* **Drift:** if the URL disappears from the list (removed outside Terraform), the next plan creates it again.\n" +
	"* **Length limit:** the API limits each list to 1,024 characters, commas included. A create that would exceed it fails with an error " +
	"giving the limit, the list's current length and the length it would have.\n" +
	"* **https:** events contain personally identifiable information (customer names and addresses), so `url` must use `https://` unless " +
	"`allow_http = true`, which accepts `http://` with a warning.\n\n" +
	"Changing `url` or `mode` replaces the endpoint (the new URL is added before the old one is removed only with `create_before_destroy`).\n\n" +
	"Import with the ID `<mode>:<url>`, for example `test:https://hooks.example.com/affinipay`; the ID is split at the first colon. " +
	"An imported `http://` URL gets `allow_http = true`."

func (r *WebhookEndpointResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: webhookEndpointDescription,
		Attributes: map[string]schema.Attribute{
			"id": framework.KeptString("`<mode>:<url>`, for example `test:https://hooks.example.com/affinipay`."),
			"url": schema.StringAttribute{
				MarkdownDescription: "The absolute URL events are POSTed to. Must use `https://` (or `http://` with `allow_http = true`), " +
					"must not contain a comma (the list delimiter; percent-encode it as `%2C`) or whitespace, and must be at most 1,024 characters. " +
					"Compared with the merchant's list as an exact string. Changing it replaces the endpoint.",
				Required:      true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
				Validators: []validator.String{
					validators.WebhookURL(path.MatchRelative().AtParent().AtName("allow_http")),
				},
			},
			"mode": schema.StringAttribute{
				MarkdownDescription: "`test` (the URL goes into the merchant's `test_events_urls` and receives test-mode events) or `live` " +
					"(`live_events_urls`, live-mode events). Events without a mode are sent to both lists. Changing it replaces the endpoint.",
				Required:      true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
				Validators:    []validator.String{stringvalidator.OneOf(client.ModeTest, client.ModeLive)},
			},
			"allow_http": schema.BoolAttribute{
				MarkdownDescription: "Accept an `http://` URL (with a plan-time warning). Default `false`: only `https://` is accepted, " +
					"because events contain personally identifiable information. Changing it changes nothing at AffiniPay.",
				Optional: true,
				Computed: true,
				Default:  booldefault.StaticBool(false),
			},
			"timeouts": framework.TimeoutsAttribute(ctx),
		},
	}
}

// ModifyPlan fills in the ID, which follows from url and mode, so the plan
// shows it.
func (r *WebhookEndpointResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	var plan WebhookEndpointModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if plan.URL.IsUnknown() || plan.Mode.IsUnknown() || !plan.ID.IsUnknown() {
		return
	}
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("id"), webhookEndpointID(plan.Mode.ValueString(), plan.URL.ValueString()))...)
}

func webhookEndpointID(mode, url string) string { return mode + ":" + url }

// eventsURLsField is the merchant field holding the event URLs of mode.
func EventsURLsField(mode string) string {
	if mode == client.ModeLive {
		return "live_events_urls"
	}
	return "test_events_urls"
}

func EventsURLs(m *client.Merchant, mode string) string {
	if mode == client.ModeLive {
		return m.LiveEventsURLs
	}
	return m.TestEventsURLs
}

// eventsURLsUpdate is a PATCH body that sets only the list of mode.
func EventsURLsUpdate(mode, list string) client.MerchantUpdate {
	if mode == client.ModeLive {
		return client.MerchantUpdate{LiveEventsURLs: client.String(list)}
	}
	return client.MerchantUpdate{TestEventsURLs: client.String(list)}
}

// splitEventsURLs splits a comma-delimited list into its entries exactly as
// written, dropping only empty ones, so rewriting the list leaves other
// entries byte-for-byte as they were.
func SplitEventsURLs(list string) []string {
	out := []string{}
	for _, item := range strings.Split(list, ",") {
		if strings.TrimSpace(item) != "" {
			out = append(out, item)
		}
	}
	return out
}

// eventsURLsContain reports whether url is an entry of list. Comparison is
// an exact string match after trimming blanks around the entry (the
// delimiter may be followed by a space); url itself never has whitespace.
func EventsURLsContain(list, url string) bool {
	for _, item := range SplitEventsURLs(list) {
		if strings.TrimSpace(item) == url {
			return true
		}
	}
	return false
}

// addEventsURL returns list with url appended, and whether it changed.
func AddEventsURL(list, url string) (string, bool) {
	if EventsURLsContain(list, url) {
		return list, false
	}
	return client.JoinList(append(SplitEventsURLs(list), url)), true
}

// removeEventsURL returns list without url (every occurrence), and whether
// it changed.
func RemoveEventsURL(list, url string) (string, bool) {
	items := SplitEventsURLs(list)
	kept := make([]string, 0, len(items))
	for _, item := range items {
		if strings.TrimSpace(item) != url {
			kept = append(kept, item)
		}
	}
	if len(kept) == len(items) {
		return list, false
	}
	return client.JoinList(kept), true
}

func (r *WebhookEndpointResource) contextPaths() framework.ContextPaths {
	return framework.ContextPaths{"live_events_urls": path.Root("url"), "test_events_urls": path.Root("url")}
}

func (r *WebhookEndpointResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan WebhookEndpointModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := framework.WithTimeout(ctx, plan.Timeouts.Create, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()

	mode, url := plan.Mode.ValueString(), plan.URL.ValueString()
	// The values are known now; repeat the plan-time check in case
	// allow_http was unknown during validation.
	if problem := validators.CheckWebhookURL(url, plan.AllowHTTP.ValueBool()); problem != "" {
		resp.Diagnostics.AddAttributeError(path.Root("url"), "Invalid url", problem)
		return
	}
	resp.Diagnostics.Append(r.changeEventsURL(ctx, mode, url, true)...)
	if resp.Diagnostics.HasError() {
		return
	}
	plan.ID = types.StringValue(webhookEndpointID(mode, url))
	resp.Diagnostics.Append(framework.SetStateAndIdentity(ctx, &resp.State, resp.Identity, &plan)...)
}

func (r *WebhookEndpointResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state WebhookEndpointModel
	resp.Diagnostics.Append(framework.GetStateModel(ctx, req.State, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := framework.WithReadTimeout(ctx, state.Timeouts.Read, framework.DefaultTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	m, err := r.Data.Client.SharedMerchant(ctx)
	if err != nil {
		framework.AddAPIError(&resp.Diagnostics, "Unable to read the merchant's event URLs", err, nil)
		return
	}
	mode, url := state.Mode.ValueString(), state.URL.ValueString()
	if !EventsURLsContain(EventsURLs(m, mode), url) {
		tflog.Warn(ctx, "Webhook URL no longer in the merchant's list; removing it from state", map[string]any{"field": EventsURLsField(mode), "url": url})
		framework.RemoveResourceKeepIdentity(ctx, req.State, resp)
		return
	}
	before := state
	state.ID = types.StringValue(webhookEndpointID(mode, url))
	if state.AllowHTTP.IsNull() {
		state.AllowHTTP = types.BoolValue(validators.IsHTTPURL(url))
	}
	resp.Diagnostics.Append(framework.SetReadState(ctx, resp, &before, &state)...)
}

// Update changes only allow_http or timeouts, which live in state alone
// (url and mode force replacement).
func (r *WebhookEndpointResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan WebhookEndpointModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	plan.ID = types.StringValue(webhookEndpointID(plan.Mode.ValueString(), plan.URL.ValueString()))
	resp.Diagnostics.Append(framework.SetStateAndIdentity(ctx, &resp.State, resp.Identity, &plan)...)
}

func (r *WebhookEndpointResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state WebhookEndpointModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := framework.WithTimeout(ctx, state.Timeouts.Delete, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()

	// The read-modify-write of the list, under the merchant lock and
	// batched with the other endpoints' changes (webhook_endpoint_batch.go).
	resp.Diagnostics.Append(r.changeEventsURL(ctx, state.Mode.ValueString(), state.URL.ValueString(), false)...)
}

// ImportState accepts `<mode>:<url>`, split at the first colon.
func (r *WebhookEndpointResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importID := framework.ImportIDFromRequest(ctx, req, &resp.Diagnostics, func(a map[string]string) string { return webhookEndpointID(a["mode"], a["url"]) })
	mode, url, ok := strings.Cut(importID, ":")
	const format = "The import ID must be `<mode>:<url>`, where mode is `test` or `live`, for example `test:https://hooks.example.com/affinipay`."
	if !ok || url == "" {
		resp.Diagnostics.AddError("Invalid import ID", fmt.Sprintf("%q has no URL after the mode. %s", importID, format))
		return
	}
	if mode != client.ModeTest && mode != client.ModeLive {
		resp.Diagnostics.AddError("Invalid import ID", fmt.Sprintf("%q: mode %q is neither `test` nor `live`. %s", importID, mode, format))
		return
	}
	// An imported http:// URL is accepted; allow_http records that.
	if problem := validators.CheckWebhookURL(url, true); problem != "" {
		resp.Diagnostics.AddError("Invalid import ID", fmt.Sprintf("%q: %s. %s", importID, problem, format))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), webhookEndpointID(mode, url))...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("mode"), mode)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("url"), url)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("allow_http"), validators.IsHTTPURL(url))...)
}

var _ resource.ResourceWithIdentity = (*WebhookEndpointResource)(nil)

func (r *WebhookEndpointResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = framework.IdentitySchema(
		framework.IdentityAttr{Name: "mode", Description: "`test` or `live`: which of the merchant's event URL lists holds the URL."},
		framework.IdentityAttr{Name: "url", Description: "The webhook URL, exactly as listed."},
	)
}
