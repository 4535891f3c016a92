package contacts

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
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/framework"
)

var (
	_ list.ListResource              = (*contactTagListResource)(nil)
	_ list.ListResourceWithConfigure = (*contactTagListResource)(nil)
)

// NewContactTagListResource is the affinipay_contact_tag list resource factory.
func NewContactTagListResource() list.ListResource { return &contactTagListResource{} }

type contactTagListResource struct{ framework.ListResourceBase }

func (l *contactTagListResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_contact_tag"
}

func (l *contactTagListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the tags of one contact (`GET /contacts/{contact_id}`) for `terraform query`, one result per tag, named " +
			"`<tag> on <contact>`. Adopt either the tags one by one (`affinipay_contact_tag`, from this list) or the whole list through " +
			"`affinipay_contact`'s `tags`, not both.",
		Attributes: map[string]schema.Attribute{
			"contact_id": framework.ContactIDListAttribute("tags"),
		},
	}
}

func (l *contactTagListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var diags diag.Diagnostics
	var cfg framework.ContactIDListModel
	diags.Append(req.Config.Get(ctx, &cfg)...)
	if diags.HasError() || !l.Configured(&diags) {
		stream.Results = framework.ListError(diags)
		return
	}
	contactID := cfg.ContactID.ValueString()
	c, err := l.Data.Client.GetContact(ctx, contactID)
	if client.IsNotFound(err) || (err == nil && c.Deleted) {
		diags.AddAttributeError(path.Root("contact_id"), "Contact not found", "There is no contact "+contactID+".")
	} else if err != nil {
		framework.AddAPIError(&diags, "Unable to read contact "+contactID, err, framework.ContextPaths{"contact_id": path.Root("contact_id")})
	}
	if diags.HasError() {
		stream.Results = framework.ListError(diags)
		return
	}
	who := contactDisplayName(c)
	items := make([]framework.ListItem, 0, len(c.Tags))
	for _, tag := range c.Tags {
		items = append(items, framework.ListItem{
			Display:  tag + " on " + who,
			Identity: map[string]string{"contact_id": contactID, "tag": tag},
			Fill: func(ctx context.Context, res *tfsdk.Resource) diag.Diagnostics {
				return res.SetAttribute(ctx, path.Root("id"), types.StringValue(ContactTagID(contactID, tag)))
			},
		})
	}
	stream.Results = framework.StreamList(ctx, req, items)
}
