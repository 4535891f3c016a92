package merchant

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/client"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/framework"
)

var _ datasource.DataSourceWithConfigure = (*bankAccountsDataSource)(nil)

// NewBankAccountsDataSource is the affinipay_bank_accounts data source.
func NewBankAccountsDataSource() datasource.DataSource { return &bankAccountsDataSource{} }

type bankAccountsDataSource struct{ framework.DataSourceBase }

type bankAccountsModel struct {
	BankAccounts []bankAccountModel `tfsdk:"bank_accounts"`
	Timeouts     timeouts.Value     `tfsdk:"timeouts"`
}

type bankAccountModel struct {
	ID                 string                   `tfsdk:"id"`
	Name               string                   `tfsdk:"name"`
	BankName           string                   `tfsdk:"bank_name"`
	Trust              bool                     `tfsdk:"trust"`
	AccountID          string                   `tfsdk:"account_id"`
	Currency           string                   `tfsdk:"currency"`
	ProcessingAccounts []processingAccountModel `tfsdk:"processing_accounts"`
}

type processingAccountModel struct {
	ID                         string   `tfsdk:"id"`
	Name                       string   `tfsdk:"name"`
	Type                       string   `tfsdk:"type"`
	RequiredPaymentFields      []string `tfsdk:"required_payment_fields"`
	AcceptedCardTypes          []string `tfsdk:"accepted_card_types"`
	CVVPolicy                  string   `tfsdk:"cvv_policy"`
	AVSPolicy                  string   `tfsdk:"avs_policy"`
	SwipeCVVPolicy             string   `tfsdk:"swipe_cvv_policy"`
	SwipeAVSPolicy             string   `tfsdk:"swipe_avs_policy"`
	SwipeRequiredPaymentFields []string `tfsdk:"swipe_required_payment_fields"`
}

func (d *bankAccountsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_bank_accounts"
}

func (d *bankAccountsDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The bank accounts of the current user's organisation (`GET /bank-accounts`, bearer token), each with the " +
			"processing accounts that settle into it and their policies. Bank account numbers are masked as the API returns them.",
		Attributes: map[string]schema.Attribute{
			"bank_accounts": schema.ListNestedAttribute{
				MarkdownDescription: "Bank accounts, in API order.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":         framework.ComputedString("Bank account ID (`bank_...`)."),
					"name":       framework.ComputedString("Display name."),
					"bank_name":  framework.ComputedString(framework.DescBankName + "."),
					"trust":      framework.ComputedBool("Whether this is a trust account."),
					"account_id": framework.ComputedString("Bank account number, masked (`*****1234`)."),
					"currency":   framework.ComputedString(framework.DescCurrency + "."),
					"processing_accounts": schema.ListNestedAttribute{
						MarkdownDescription: "Processing accounts settling into this bank account." + cardPolicyReadDoc,
						Computed:            true,
						NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
							"id":                            framework.ComputedString("Processing account ID."),
							"name":                          framework.ComputedString("Display name."),
							"type":                          framework.ComputedString("`card` or `ach`."),
							"required_payment_fields":       framework.ComputedStringList("Fields required on non-swiped payments."),
							"accepted_card_types":           framework.ComputedStringList("Accepted card types."),
							"cvv_policy":                    framework.ComputedString(cvvPolicyDoc),
							"avs_policy":                    framework.ComputedString(avsPolicyDoc),
							"swipe_cvv_policy":              framework.ComputedString(cvvPolicyDoc + " Applies to swiped charges."),
							"swipe_avs_policy":              framework.ComputedString(avsPolicyDoc + " Applies to swiped charges."),
							"swipe_required_payment_fields": framework.ComputedStringList("Fields required on swiped payments."),
						}},
					},
				}},
			},
			"timeouts": framework.DataSourceTimeoutsAttribute(ctx),
		},
	}
}

func (d *bankAccountsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	ctx, cancel, t, ok := framework.WithDataSourceConfigTimeout(ctx, req.Config, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	banks, err := d.Data.Client.ListBankAccounts(ctx)
	if err != nil {
		framework.AddAPIError(&resp.Diagnostics, "Unable to list AffiniPay bank accounts", err, nil)
		return
	}
	out := flattenBankAccounts(banks)
	out.Timeouts = t
	resp.Diagnostics.Append(resp.State.Set(ctx, out)...)
}

func flattenBankAccounts(banks []client.BankAccount) *bankAccountsModel {
	out := &bankAccountsModel{BankAccounts: make([]bankAccountModel, 0, len(banks))}
	for _, b := range banks {
		m := bankAccountModel{
			ID: b.ID, Name: b.Name, BankName: b.BankName, Trust: b.Trust, AccountID: b.AccountID, Currency: b.Currency,
			ProcessingAccounts: make([]processingAccountModel, 0, len(b.ProcessingAccounts)),
		}
		for _, p := range b.ProcessingAccounts {
			m.ProcessingAccounts = append(m.ProcessingAccounts, processingAccountModel{
				ID: p.ID, Name: p.Name, Type: p.Type,
				RequiredPaymentFields: client.SplitList(p.RequiredPaymentFields),
				AcceptedCardTypes:     client.SplitList(p.AcceptedCardTypes),
				CVVPolicy:             p.CVVPolicy, AVSPolicy: p.AVSPolicy,
				SwipeCVVPolicy: p.SwipeCVVPolicy, SwipeAVSPolicy: p.SwipeAVSPolicy,
				SwipeRequiredPaymentFields: client.SplitList(p.SwipeRequiredPaymentFields),
			})
		}
		out.BankAccounts = append(out.BankAccounts, m)
	}
	return out
}
