package paymentmethods

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/client"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/framework"
)

var (
	_ list.ListResource              = (*paymentMethodListResource)(nil)
	_ list.ListResourceWithConfigure = (*paymentMethodListResource)(nil)
)

// NewPaymentMethodListResource is the affinipay_payment_method list resource factory.
func NewPaymentMethodListResource() list.ListResource { return &paymentMethodListResource{} }

type paymentMethodListResource struct{ framework.ListResourceBase }

func (l *paymentMethodListResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_payment_method"
}

func (l *paymentMethodListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists one contact's saved payment methods (`GET /contacts/{contact_id}/payment-methods`) for `terraform query`. " +
			"Each result is named after the card brand and masked number with its expiry, or the bank and masked account number, and the " +
			"name on it. To list the payment methods of many contacts, use one `list` block per contact (for example with `for_each` over " +
			"the results of an `affinipay_contact` query).",
		Attributes: map[string]schema.Attribute{
			"contact_id": framework.ContactIDListAttribute("payment methods"),
		},
	}
}

func (l *paymentMethodListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var diags diag.Diagnostics
	var cfg framework.ContactIDListModel
	diags.Append(req.Config.Get(ctx, &cfg)...)
	if diags.HasError() || !l.Configured(&diags) {
		stream.Results = framework.ListError(diags)
		return
	}
	contactID := cfg.ContactID.ValueString()
	pms, err := l.Data.Client.ListPaymentMethods(ctx, contactID)
	if err != nil {
		if client.IsNotFound(err) {
			diags.AddAttributeError(path.Root("contact_id"), "Contact not found", "There is no contact "+contactID+".")
		} else {
			framework.AddAPIError(&diags, "Unable to list the payment methods of contact "+contactID, err, framework.ContextPaths{"contact_id": path.Root("contact_id")})
		}
		stream.Results = framework.ListError(diags)
		return
	}
	items := make([]framework.ListItem, 0, len(pms))
	for i := range pms {
		pm := &pms[i]
		items = append(items, framework.ListItem{
			Display:  paymentMethodDisplayName(pm),
			Identity: map[string]string{"contact_id": contactID, "id": pm.ID},
			Fill: func(ctx context.Context, res *tfsdk.Resource) diag.Diagnostics {
				var m PaymentMethodResourceModel
				d := res.Get(ctx, &m)
				if d.HasError() {
					return d
				}
				state, fd := flattenPaymentMethod(ctx, contactID, pm, m)
				d.Append(fd...)
				d.Append(res.Set(ctx, state)...)
				return d
			},
		})
	}
	stream.Results = framework.StreamList(ctx, req, items)
}

// paymentMethodDisplayName is, for example, "VISA ************4242 exp
// 10/2030, Jane Doe (pmtd_...)" or "FIRST BANK OF TESTING checking
// ******6789, Jane Doe (pmtd_...)".
func paymentMethodDisplayName(pm *client.PaymentMethod) string {
	var s string
	if pm.PaymentType == "credit_card" {
		s = strings.TrimSpace(framework.DisplayOr(pm.CardType, "Card") + " " + pm.AccountNumber)
		if pm.ExpirationMonth > 0 {
			s += fmt.Sprintf(" exp %02d/%d", pm.ExpirationMonth, pm.ExpirationYear)
		}
	} else {
		s = strings.TrimSpace(framework.DisplayOr(pm.BankName, "Bank") + " " + strings.ToLower(pm.BankAccountType) + " " + pm.AccountNumber)
	}
	if pm.Nickname != "" {
		s += " \"" + pm.Nickname + "\""
	}
	if pm.Name != "" {
		s += ", " + pm.Name
	}
	return s + " (" + pm.ID + ")"
}
