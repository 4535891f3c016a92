package contacts

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/client"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/framework"
)

var _ datasource.DataSourceWithConfigure = (*contactsDataSource)(nil)

// NewContactsDataSource is the affinipay_contacts data source.
func NewContactsDataSource() datasource.DataSource { return &contactsDataSource{} }

type contactsDataSource struct{ framework.DataSourceBase }

type contactsDataModel struct {
	Q        types.String   `tfsdk:"q"`
	QF       types.String   `tfsdk:"qf"`
	OrderBy  types.List     `tfsdk:"order_by"`
	Contacts []ContactData  `tfsdk:"contacts"`
	Timeouts timeouts.Value `tfsdk:"timeouts"`
}

func (d *contactsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_contacts"
}

func (d *contactsDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	item := contactDataAttributes()
	item["id"] = framework.ComputedString("The contact ID (`p_...` or `org_...`).")
	item["source_id"] = framework.ComputedString("The contact's source_id, when the API returns it.")
	resp.Schema = schema.Schema{
		MarkdownDescription: "Searches the contacts of the Contact API (`GET /contacts`, Bearer auth) and returns every match: the provider " +
			fmt.Sprintf("follows all pages, asking for %d contacts per page (the largest page size the platform documents).", client.ContactSearchPageSize),
		Attributes: map[string]schema.Attribute{
			"q": schema.StringAttribute{
				MarkdownDescription: "A text filter applied across all text fields.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"qf": schema.StringAttribute{
				MarkdownDescription: "Filters on specific fields, `field:value` pairs separated by commas (`type:person,tags:default`); nested fields " +
					"by their dot-separated path (`created.timestamp>2018-06-25T15:45:57.838Z`, with `>`, `>=`, `<`, `<=` for ranges).",
				Optional:   true,
				Validators: []validator.String{stringvalidator.RegexMatches(framework.ContactFilterPattern, framework.ContactFilterHint)},
			},
			"order_by": schema.ListAttribute{
				MarkdownDescription: "Fields to sort by, in order; prefix a field with `-` for descending, such as `[\"last_name\", \"-created.timestamp\"]`.",
				ElementType:         types.StringType,
				Optional:            true,
				Validators: []validator.List{listvalidator.ValueStringsAre(stringvalidator.RegexMatches(framework.OrderByPattern,
					"must be a field name or dot-separated path, optionally prefixed with - for descending"))},
			},
			"contacts": schema.ListNestedAttribute{
				MarkdownDescription: "The matching contacts, in the API's order.",
				Computed:            true,
				NestedObject:        schema.NestedAttributeObject{Attributes: item},
			},
			"timeouts": framework.DataSourceTimeoutsAttribute(ctx),
		},
	}
}

func (d *contactsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg contactsDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := framework.WithDataSourceTimeout(ctx, cfg.Timeouts, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	search := client.ContactSearch{Q: cfg.Q.ValueString(), QF: cfg.QF.ValueString()}
	if !cfg.OrderBy.IsNull() {
		resp.Diagnostics.Append(cfg.OrderBy.ElementsAs(ctx, &search.OrderBy, false)...)
	}
	found, err := d.Data.Client.SearchContacts(ctx, search)
	if err != nil {
		framework.AddAPIError(&resp.Diagnostics, "Unable to search contacts", err,
			framework.ContextPaths{"q": path.Root("q"), "qf": path.Root("qf"), "order_by": path.Root("order_by")})
		return
	}
	cfg.Contacts = make([]ContactData, len(found))
	for i := range found {
		setContactFromAPI(ctx, &cfg.Contacts[i], &found[i], nil, &resp.Diagnostics)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &cfg)...)
}
