package merchant

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/client"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/framework"
)

var _ datasource.DataSourceWithConfigure = (*merchantDataSource)(nil)

// NewMerchantDataSource is the affinipay_merchant data source.
func NewMerchantDataSource() datasource.DataSource { return &merchantDataSource{} }

type merchantDataSource struct{ framework.DataSourceBase }

type merchantDataModel struct {
	ID                        string                 `tfsdk:"id"`
	Created                   string                 `tfsdk:"created"`
	Modified                  string                 `tfsdk:"modified"`
	Name                      string                 `tfsdk:"name"`
	PublicKey                 string                 `tfsdk:"public_key"`
	ContactName               string                 `tfsdk:"contact_name"`
	ContactEmail              string                 `tfsdk:"contact_email"`
	ContactPhone              string                 `tfsdk:"contact_phone"`
	Address1                  string                 `tfsdk:"address1"`
	Address2                  string                 `tfsdk:"address2"`
	City                      string                 `tfsdk:"city"`
	State                     string                 `tfsdk:"state"`
	PostalCode                string                 `tfsdk:"postal_code"`
	Country                   string                 `tfsdk:"country"`
	Timezone                  string                 `tfsdk:"timezone"`
	APIAllowedIPAddressRanges []string               `tfsdk:"api_allowed_ip_address_ranges"`
	LiveEventsURLs            []string               `tfsdk:"live_events_urls"`
	TestEventsURLs            []string               `tfsdk:"test_events_urls"`
	MerchantAccounts          []merchantAccountModel `tfsdk:"merchant_accounts"`
	AchAccounts               []achAccountDataModel  `tfsdk:"ach_accounts"`
	Timeouts                  timeouts.Value         `tfsdk:"timeouts"`
}

type merchantAccountModel struct {
	ID                              string     `tfsdk:"id"`
	Created                         string     `tfsdk:"created"`
	Modified                        string     `tfsdk:"modified"`
	Status                          string     `tfsdk:"status"`
	TrustAccount                    types.Bool `tfsdk:"trust_account"`
	Name                            string     `tfsdk:"name"`
	Primary                         bool       `tfsdk:"primary"`
	Currency                        string     `tfsdk:"currency"`
	AcceptedCardTypes               []string   `tfsdk:"accepted_card_types"`
	CVVPolicy                       string     `tfsdk:"cvv_policy"`
	AVSPolicy                       string     `tfsdk:"avs_policy"`
	IgnoreAVSFailureIfCVVMatch      bool       `tfsdk:"ignore_avs_failure_if_cvv_match"`
	RequiredPaymentFields           []string   `tfsdk:"required_payment_fields"`
	SwipeCVVPolicy                  string     `tfsdk:"swipe_cvv_policy"`
	SwipeAVSPolicy                  string     `tfsdk:"swipe_avs_policy"`
	SwipeIgnoreAVSFailureIfCVVMatch bool       `tfsdk:"swipe_ignore_avs_failure_if_cvv_match"`
	SwipeRequiredPaymentFields      []string   `tfsdk:"swipe_required_payment_fields"`
	TransactionAllowedCountries     []string   `tfsdk:"transaction_allowed_countries"`
}

type achAccountDataModel struct {
	ID                          string     `tfsdk:"id"`
	Created                     string     `tfsdk:"created"`
	Modified                    string     `tfsdk:"modified"`
	Status                      string     `tfsdk:"status"`
	TrustAccount                types.Bool `tfsdk:"trust_account"`
	Name                        string     `tfsdk:"name"`
	Primary                     bool       `tfsdk:"primary"`
	Currency                    string     `tfsdk:"currency"`
	RoutingNumber               string     `tfsdk:"routing_number"`
	AccountNumber               string     `tfsdk:"account_number"`
	AccountType                 string     `tfsdk:"account_type"`
	BankName                    string     `tfsdk:"bank_name"`
	RequiredPaymentFields       []string   `tfsdk:"required_payment_fields"`
	TransactionAllowedCountries []string   `tfsdk:"transaction_allowed_countries"`
}

func (d *merchantDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_merchant"
}

const (
	cvvPolicyDoc = "CVV matching policy: `DISABLED`, `OPTIONAL`, `REQUIRE_MATCH_LENIENT` or `REQUIRE_MATCH_STRICT`."
	avsPolicyDoc = "Address verification policy: `DISABLED`, `SUBMIT_IGNORE_RESULT`, `ADDR_OR_POSTAL_CODE_LENIENT`, `ADDR_OR_POSTAL_CODE_STRICT`, " +
		"`ADDR_STRICT`, `POSTAL_CODE_STRICT`, `EXACT_ADDR_AND_POSTAL_CODE_LENIENT` or `EXACT_ADDR_AND_POSTAL_CODE_STRICT`."
	accountStatusDoc  = "Account status: `ACTIVE`, `INACTIVE` or `DELETED`."
	trustAccountDoc   = "Whether this is a trust account; null when the API does not say."
	countriesDoc      = "2-letter ISO 3166 country codes from which client IPs may perform transaction operations on this account (empty: the tenant's default)."
	timestampDoc      = " (ISO-8601 UTC timestamp)."
	cardPolicyReadDoc = " Card-processing account policies have no documented update endpoint in the AffiniPay API, so they are read-only here."
)

func (d *merchantDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The merchant the provider's secret key authenticates as (`GET /v1/merchant`), with its card-processing accounts " +
			"(`merchant_accounts`) and eCheck accounts (`ach_accounts`) and all their policies. Only the accounts of the secret key's mode " +
			"(test or live) are returned." + cardPolicyReadDoc,
		Attributes: map[string]schema.Attribute{
			"id":                            framework.ComputedString("Merchant ID."),
			"created":                       framework.ComputedString("Creation time" + timestampDoc),
			"modified":                      framework.ComputedString("Last modification time" + timestampDoc),
			"name":                          framework.ComputedString("Merchant name."),
			"public_key":                    framework.ComputedString("Public key (`m_...`), used to initialise hosted payment fields and to create one-time tokens."),
			"contact_name":                  framework.ComputedString("Name of the contact at the merchant."),
			"contact_email":                 framework.ComputedString("Email address used to contact the merchant."),
			"contact_phone":                 framework.ComputedString("Contact phone number (E.164, leading `+` optional)."),
			"address1":                      framework.ComputedString("Mailing address."),
			"address2":                      framework.ComputedString("Additional address line."),
			"city":                          framework.ComputedString("City."),
			"state":                         framework.ComputedString("State or province (2-letter code for US and Canada)."),
			"postal_code":                   framework.ComputedString("Zip or postal code."),
			"country":                       framework.ComputedString("2-letter ISO 3166 country code."),
			"timezone":                      framework.ComputedString("IANA time zone used for settlement, such as `America/New_York`."),
			"api_allowed_ip_address_ranges": framework.ComputedStringList("CIDR ranges from which the merchant's API requests are accepted (empty: any)."),
			"live_events_urls":              framework.ComputedStringList("Webhook URLs receiving live-mode events."),
			"test_events_urls":              framework.ComputedStringList("Webhook URLs receiving test-mode events."),
			"merchant_accounts": schema.ListNestedAttribute{
				MarkdownDescription: "Card-processing accounts of the secret key's mode, with their policies." + cardPolicyReadDoc,
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":                                    framework.ComputedString("Account ID."),
					"created":                               framework.ComputedString("Creation time" + timestampDoc),
					"modified":                              framework.ComputedString("Last modification time" + timestampDoc),
					"status":                                framework.ComputedString(accountStatusDoc),
					"trust_account":                         framework.ComputedBool(trustAccountDoc),
					"name":                                  framework.ComputedString("Display name."),
					"primary":                               framework.ComputedBool("Whether this is the primary account, used by charges that name no account."),
					"currency":                              framework.ComputedString(framework.DescCurrency + "."),
					"accepted_card_types":                   framework.ComputedStringList("Accepted card types (`*` for any)."),
					"cvv_policy":                            framework.ComputedString(cvvPolicyDoc + " Applies to non-swiped charges."),
					"avs_policy":                            framework.ComputedString(avsPolicyDoc + " Applies to non-swiped charges."),
					"ignore_avs_failure_if_cvv_match":       framework.ComputedBool("Whether an AVS failure on a non-swiped charge is ignored when the CVV matched."),
					"required_payment_fields":               framework.ComputedStringList("Card fields required on non-swiped charges."),
					"swipe_cvv_policy":                      framework.ComputedString(cvvPolicyDoc + " Applies to swiped charges."),
					"swipe_avs_policy":                      framework.ComputedString(avsPolicyDoc + " Applies to swiped charges."),
					"swipe_ignore_avs_failure_if_cvv_match": framework.ComputedBool("Whether an AVS failure on a swiped charge is ignored when the CVV matched."),
					"swipe_required_payment_fields":         framework.ComputedStringList("Card fields required on swiped charges."),
					"transaction_allowed_countries":         framework.ComputedStringList(countriesDoc),
				}},
			},
			"ach_accounts": schema.ListNestedAttribute{
				MarkdownDescription: "eCheck accounts of the secret key's mode, with their policies (manage them with `affinipay_ach_account`).",
				Computed:            true,
				NestedObject:        schema.NestedAttributeObject{Attributes: achAccountDataAttributes()},
			},
			"timeouts": framework.DataSourceTimeoutsAttribute(ctx),
		},
	}
}

func achAccountDataAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"id":                            framework.ComputedString("eCheck account ID."),
		"created":                       framework.ComputedString("Creation time" + timestampDoc),
		"modified":                      framework.ComputedString("Last modification time" + timestampDoc),
		"status":                        framework.ComputedString(accountStatusDoc),
		"trust_account":                 framework.ComputedBool(trustAccountDoc),
		"name":                          framework.ComputedString("Display name."),
		"primary":                       framework.ComputedBool("Whether this is the primary eCheck account, used by bank transactions that name no account."),
		"currency":                      framework.ComputedString(framework.DescCurrency + "."),
		"routing_number":                framework.ComputedString(framework.DescRoutingNumberMasked + "."),
		"account_number":                framework.ComputedString(framework.DescAccountNumberMasked + "."),
		"account_type":                  framework.ComputedString(framework.DescBankAccountType + "."),
		"bank_name":                     framework.ComputedString(framework.DescBankName + "."),
		"required_payment_fields":       framework.ComputedStringList("Bank fields required on eCheck transactions (`name`, `address1`, `city`, `state`, `postal_code`, `country`, `email`, `phone`)."),
		"transaction_allowed_countries": framework.ComputedStringList(countriesDoc),
	}
}

func (d *merchantDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	ctx, cancel, t, ok := framework.WithDataSourceConfigTimeout(ctx, req.Config, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	m, err := d.Data.Client.SharedMerchant(ctx)
	if err != nil {
		framework.AddAPIError(&resp.Diagnostics, "Unable to read the AffiniPay merchant", err, nil)
		return
	}
	out := flattenMerchantData(m)
	out.Timeouts = t
	resp.Diagnostics.Append(resp.State.Set(ctx, out)...)
}

func flattenMerchantData(m *client.Merchant) *merchantDataModel {
	out := &merchantDataModel{
		ID: m.ID, Created: m.Created, Modified: m.Modified, Name: m.Name, PublicKey: m.PublicKey,
		ContactName: m.ContactName, ContactEmail: m.ContactEmail, ContactPhone: m.ContactPhone,
		Address1: m.Address1, Address2: m.Address2, City: m.City, State: m.State, PostalCode: m.PostalCode,
		Country: m.Country, Timezone: m.Timezone,
		APIAllowedIPAddressRanges: client.SplitList(m.APIAllowedIPAddressRanges),
		LiveEventsURLs:            client.SplitList(m.LiveEventsURLs),
		TestEventsURLs:            client.SplitList(m.TestEventsURLs),
		MerchantAccounts:          make([]merchantAccountModel, 0, len(m.MerchantAccounts)),
		AchAccounts:               make([]achAccountDataModel, 0, len(m.AchAccounts)),
	}
	for _, a := range m.MerchantAccounts {
		out.MerchantAccounts = append(out.MerchantAccounts, merchantAccountModel{
			ID: a.ID, Created: a.Created, Modified: a.Modified, Status: a.Status, TrustAccount: framework.FlexBoolValue(a.TrustAccount),
			Name: a.Name, Primary: a.Primary, Currency: a.Currency,
			AcceptedCardTypes: client.SplitList(a.AcceptedCardTypes), CVVPolicy: a.CVVPolicy, AVSPolicy: a.AVSPolicy,
			IgnoreAVSFailureIfCVVMatch: a.IgnoreAVSFailureIfCVVMatch, RequiredPaymentFields: client.SplitList(a.RequiredPaymentFields),
			SwipeCVVPolicy: a.SwipeCVVPolicy, SwipeAVSPolicy: a.SwipeAVSPolicy,
			SwipeIgnoreAVSFailureIfCVVMatch: a.SwipeIgnoreAVSFailureIfCVVMatch,
			SwipeRequiredPaymentFields:      client.SplitList(a.SwipeRequiredPaymentFields),
			TransactionAllowedCountries:     client.SplitList(a.TransactionAllowedCountries),
		})
	}
	for _, a := range m.AchAccounts {
		out.AchAccounts = append(out.AchAccounts, flattenAchAccountData(a))
	}
	return out
}

func flattenAchAccountData(a client.AchAccount) achAccountDataModel {
	return achAccountDataModel{
		ID: a.ID, Created: a.Created, Modified: a.Modified, Status: a.Status, TrustAccount: framework.FlexBoolValue(a.TrustAccount),
		Name: a.Name, Primary: a.Primary, Currency: a.Currency, RoutingNumber: framework.MaskPaymentNumber(a.RoutingNumber), AccountNumber: framework.MaskPaymentNumber(a.AccountNumber),
		AccountType: a.AccountType, BankName: a.BankName,
		RequiredPaymentFields:       client.SplitList(a.RequiredPaymentFields),
		TransactionAllowedCountries: client.SplitList(a.TransactionAllowedCountries),
	}
}
