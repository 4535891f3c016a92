package merchant

import (
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/client"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/framework"
)

// The model, schema and conversion shared by the affinipay_gateway_credentials
// data source and ephemeral resource.

type gatewayCredentialsModel struct {
	Application  string                `tfsdk:"application"`
	User         gatewayUserModel      `tfsdk:"user"`
	Merchant     gatewayMerchantModel  `tfsdk:"merchant"`
	TestAccounts []gatewayAccountModel `tfsdk:"test_accounts"`
	LiveAccounts []gatewayAccountModel `tfsdk:"live_accounts"`
}

type gatewayUserModel struct {
	FirstName string   `tfsdk:"first_name"`
	LastName  string   `tfsdk:"last_name"`
	Email     string   `tfsdk:"email"`
	Owner     bool     `tfsdk:"owner"`
	Abilities []string `tfsdk:"abilities"`
}

type gatewayMerchantModel struct {
	Name              string `tfsdk:"name"`
	Address           string `tfsdk:"address"`
	AdditionalAddress string `tfsdk:"additional_address"`
	City              string `tfsdk:"city"`
	State             string `tfsdk:"state"`
	PostalCode        string `tfsdk:"postal_code"`
	Country           string `tfsdk:"country"`
	Phone             string `tfsdk:"phone"`
	Timezone          string `tfsdk:"timezone"`
	Website           string `tfsdk:"website"`
	SupportEmail      string `tfsdk:"support_email"`
	SupportPhone      string `tfsdk:"support_phone"`
	EmailSuccessTo    string `tfsdk:"email_success_to"`
	EmailFailureTo    string `tfsdk:"email_failure_to"`
	ReferenceRequired bool   `tfsdk:"reference_required"`
	ReferenceLabel    string `tfsdk:"reference_label"`
}

type gatewayAccountModel struct {
	ID                      string  `tfsdk:"id"`
	Name                    string  `tfsdk:"name"`
	Type                    string  `tfsdk:"type"`
	Currency                string  `tfsdk:"currency"`
	RecurringChargesEnabled bool    `tfsdk:"recurring_charges_enabled"`
	PublicKey               string  `tfsdk:"public_key"`
	SecretKey               *string `tfsdk:"secret_key"` // nil (null) in the data source unless include_secret_keys
	TrustAccount            bool    `tfsdk:"trust_account"`
}

// withoutSecretKeys returns m with every account's secret key null.
func (m *gatewayCredentialsModel) withoutSecretKeys() *gatewayCredentialsModel {
	out := *m
	strip := func(accts []gatewayAccountModel) []gatewayAccountModel {
		c := make([]gatewayAccountModel, len(accts))
		for i, a := range accts {
			a.SecretKey = nil
			c[i] = a
		}
		return c
	}
	out.TestAccounts, out.LiveAccounts = strip(m.TestAccounts), strip(m.LiveAccounts)
	return &out
}

func gatewayAccountSpec(mode string) framework.ComputedSpec {
	return framework.ComputedSpec{Kind: framework.SpecObjectList, Desc: "The merchant's " + mode + "-mode accounts with their keys.", Nested: map[string]framework.ComputedSpec{
		"id":                        {Desc: "Account ID."},
		"name":                      {Desc: "Display name, such as `Operating`, `Trust` or `eCheck`."},
		"type":                      {Desc: "`MerchantAccount` (card processing) or `AchAccount` (eCheck)."},
		"currency":                  {Desc: framework.DescCurrency + "."},
		"recurring_charges_enabled": {Kind: framework.SpecBool, Desc: "Whether recurring charges are enabled on the account."},
		"public_key":                {Desc: "Merchant public key (`m_...`)."},
		"secret_key": {Desc: "Gateway secret key of this mode. Sensitive. In the data source, null unless " +
			"`include_secret_keys = true`.", Sensitive: true},
		"trust_account": {Kind: framework.SpecBool, Desc: "Whether this is a trust account."},
	}}
}

var gatewayCredentialsSpec = map[string]framework.ComputedSpec{
	"application": {Desc: "Name of the partner OAuth application the bearer token belongs to."},
	"user": {Kind: framework.SpecObject, Desc: "The user the bearer token acts for.", Nested: map[string]framework.ComputedSpec{
		"first_name": {Desc: "First name."},
		"last_name":  {Desc: "Last name."},
		"email":      {Desc: "Email address."},
		"owner":      {Kind: framework.SpecBool, Desc: "Whether the user owns the merchant account."},
		"abilities":  {Kind: framework.SpecStringList, Desc: "What the user may do, such as `admin`, `charge`, `refund`."},
	}},
	"merchant": {Kind: framework.SpecObject, Desc: "The merchant's business details.", Nested: map[string]framework.ComputedSpec{
		"name":               {Desc: "Business name."},
		"address":            {Desc: "Street address."},
		"additional_address": {Desc: "Additional address line."},
		"city":               {Desc: "City."},
		"state":              {Desc: "State or province."},
		"postal_code":        {Desc: "Postal code."},
		"country":            {Desc: "2-letter ISO 3166 country code."},
		"phone":              {Desc: "Phone number."},
		"timezone":           {Desc: "Time zone."},
		"website":            {Desc: "Website."},
		"support_email":      {Desc: "Support email address."},
		"support_phone":      {Desc: "Support phone number."},
		"email_success_to":   {Desc: "Where successful-payment emails go."},
		"email_failure_to":   {Desc: "Where failed-payment emails go."},
		"reference_required": {Kind: framework.SpecBool, Desc: "Whether a reference is required on payments."},
		"reference_label":    {Desc: "Label of the reference field."},
	}},
	"test_accounts": gatewayAccountSpec("test"),
	"live_accounts": gatewayAccountSpec("live"),
}

func flattenGatewayCredentials(c *client.GatewayCredentials) *gatewayCredentialsModel {
	m := c.Merchant
	abilities := c.User.Abilities
	if abilities == nil {
		abilities = []string{}
	}
	return &gatewayCredentialsModel{
		Application: c.Application,
		User: gatewayUserModel{
			FirstName: c.User.FirstName, LastName: c.User.LastName, Email: c.User.Email, Owner: c.User.Owner, Abilities: abilities,
		},
		Merchant: gatewayMerchantModel{
			Name: m.Name, Address: m.Address, AdditionalAddress: m.AdditionalAddress, City: m.City, State: m.State,
			PostalCode: m.PostalCode, Country: m.Country, Phone: m.Phone, Timezone: m.Timezone, Website: m.Website,
			SupportEmail: m.SupportEmail, SupportPhone: m.SupportPhone, EmailSuccessTo: m.EmailSuccessTo,
			EmailFailureTo: m.EmailFailureTo, ReferenceRequired: bool(m.ReferenceRequired), ReferenceLabel: m.ReferenceLabel,
		},
		TestAccounts: flattenGatewayAccounts(c.TestAccounts),
		LiveAccounts: flattenGatewayAccounts(c.LiveAccounts),
	}
}

func flattenGatewayAccounts(accts []client.GatewayAccount) []gatewayAccountModel {
	out := make([]gatewayAccountModel, 0, len(accts))
	for _, a := range accts {
		out = append(out, gatewayAccountModel{
			ID: a.ID, Name: a.Name, Type: a.Type, Currency: a.Currency, RecurringChargesEnabled: bool(a.RecurringChargesEnabled),
			PublicKey: a.PublicKey, SecretKey: &a.SecretKey, TrustAccount: bool(a.TrustAccount),
		})
	}
	return out
}
