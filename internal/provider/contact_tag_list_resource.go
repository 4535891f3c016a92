package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/client"
)

var (
	_ list.ListResource              = (*contactTagListResource)(nil)
	_ list.ListResourceWithConfigure = (*contactTagListResource)(nil)
)

// NewContactTagListResource is the affinipay_contact_tag list resource factory.
func NewContactTagListResource() list.ListResource { return &contactTagListResource{} }

type contactTagListResource struct{ listResourceBase }

func (l *contactTagListResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_contact_tag"
}

func (l *contactTagListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the tags of one contact (`GET /contacts/{contact_id}`) for `terraform query`, one result per tag, named " +
			"`<tag> on <contact>`. Adopt either the tags one by one (`affinipay_contact_tag`, from this list) or the whole list through " +
			"`affinipay_contact`'s `tags`, not both.",
		Attributes: map[string]schema.Attribute{
			"contact_id": contactIDListAttribute("tags"),
		},
	}
}

func (l *contactTagListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var diags diag.Diagnostics
	var cfg contactIDListModel
	diags.Append(req.Config.Get(ctx, &cfg)...)
	if diags.HasError() || !l.configured(&diags) {
		stream.Results = listError(diags)
		return
	}
	contactID := cfg.ContactID.ValueString()
	c, err := l.data.Client.GetContact(ctx, contactID)
	if client.IsNotFound(err) || (err == nil && c.Deleted) {
		diags.AddAttributeError(path.Root("contact_id"), "Contact not found", "There is no contact "+contactID+".")
	} else if err != nil {
		addAPIError(&diags, "Error reading contact "+contactID, err, contextPaths{"contact_id": path.Root("contact_id")})
	}
	if diags.HasError() {
		stream.Results = listError(diags)
		return
	}
	who := contactDisplayName(c)
	items := make([]listItem, 0, len(c.Tags))
	for _, tag := range c.Tags {
		items = append(items, listItem{
			display:  tag + " on " + who,
			identity: map[string]string{"contact_id": contactID, "tag": tag},
			fill: func(ctx context.Context, res *tfsdk.Resource) diag.Diagnostics {
				return res.SetAttribute(ctx, path.Root("id"), types.StringValue(contactTagID(contactID, tag)))
			},
		})
	}
	stream.Results = streamList(ctx, req, items)
}
