package contacts

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/client"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/framework"
)

var (
	_ list.ListResource              = (*contactListResource)(nil)
	_ list.ListResourceWithConfigure = (*contactListResource)(nil)
)

// NewContactListResource is the affinipay_contact list resource factory.
func NewContactListResource() list.ListResource { return &contactListResource{} }

type contactListResource struct{ framework.ListResourceBase }

type contactListModel struct {
	Q       types.String `tfsdk:"q"`
	QF      types.String `tfsdk:"qf"`
	OrderBy types.List   `tfsdk:"order_by"`
}

func (l *contactListResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_contact"
}

func (l *contactListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the merchant's contacts (`GET /contacts`, every page at the largest page size) for `terraform query`. " +
			"Each result is named after the contact (its display name, else its name) with its ID and preferred email, and its identity " +
			"imports it as an `affinipay_contact`. With no argument every contact is listed.",
		Attributes: map[string]schema.Attribute{
			"q": schema.StringAttribute{
				MarkdownDescription: "A text filter applied across all text fields.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"qf": schema.StringAttribute{
				MarkdownDescription: "Filters on specific fields, `field:value` pairs separated by commas (`type:person,tags:default`).",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.RegexMatches(framework.ContactFilterPattern, framework.ContactFilterHint)},
			},
			"order_by": schema.ListAttribute{
				MarkdownDescription: "Fields to sort by, in order; prefix a field with `-` for descending, such as `[\"last_name\"]`.",
				ElementType:         types.StringType,
				Optional:            true,
				Validators: []validator.List{listvalidator.ValueStringsAre(stringvalidator.RegexMatches(framework.OrderByPattern,
					"must be a field name or dot-separated path, optionally prefixed with - for descending"))},
			},
		},
	}
}

func (l *contactListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var diags diag.Diagnostics
	var cfg contactListModel
	diags.Append(req.Config.Get(ctx, &cfg)...)
	if diags.HasError() || !l.Configured(&diags) {
		stream.Results = framework.ListError(diags)
		return
	}
	search := client.ContactSearch{Q: cfg.Q.ValueString(), QF: cfg.QF.ValueString()}
	if !cfg.OrderBy.IsNull() {
		diags.Append(cfg.OrderBy.ElementsAs(ctx, &search.OrderBy, false)...)
	}
	found, err := l.Data.Client.SearchContacts(ctx, search)
	if err != nil {
		framework.AddAPIError(&diags, "Unable to list contacts", err, framework.ContextPaths{"q": path.Root("q"), "qf": path.Root("qf"), "order_by": path.Root("order_by")})
	}
	if diags.HasError() {
		stream.Results = framework.ListError(diags)
		return
	}
	items := make([]framework.ListItem, 0, len(found))
	for i := range found {
		c := &found[i]
		if c.Deleted {
			continue
		}
		items = append(items, framework.ListItem{
			Display:  contactDisplayName(c),
			Identity: map[string]string{"id": c.ID},
			Fill: func(ctx context.Context, res *tfsdk.Resource) diag.Diagnostics {
				var m ContactResourceModel
				d := res.Get(ctx, &m)
				if d.HasError() {
					return d
				}
				prior := m.ContactData
				setContactFromAPI(ctx, &m.ContactData, c, &prior, &d)
				d.Append(res.Set(ctx, &m)...)
				return d
			},
		})
	}
	stream.Results = framework.StreamList(ctx, req, items)
}

// contactDisplayName is "<name> <email> (<id>)".
func contactDisplayName(c *client.Contact) string {
	name := strings.TrimSpace(c.DisplayName)
	if name == "" {
		name = strings.TrimSpace(c.Name)
	}
	if name == "" {
		name = strings.TrimSpace(strings.Join([]string{c.FirstName, c.LastName}, " "))
	}
	s := framework.DisplayOr(name, "(unnamed contact)")
	if e := c.PreferredEmail; e != "" {
		s += " <" + e + ">"
	}
	return s + " (" + c.ID + ")"
}
