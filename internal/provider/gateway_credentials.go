package provider

import (
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/client"
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

func gatewayAccountSpec(mode string) computedSpec {
	return computedSpec{kind: specObjectList, desc: "The merchant's " + mode + "-mode accounts with their keys.", nested: map[string]computedSpec{
		"id":                        {desc: "Account ID."},
		"name":                      {desc: "Display name, such as `Operating`, `Trust` or `eCheck`."},
		"type":                      {desc: "`MerchantAccount` (card processing) or `AchAccount` (eCheck)."},
		"currency":                  {desc: "3-letter ISO currency code."},
		"recurring_charges_enabled": {kind: specBool, desc: "Whether recurring charges are enabled on the account."},
		"public_key":                {desc: "Merchant public key (`m_...`)."},
		"secret_key": {desc: "Gateway secret key of this mode. Sensitive. In the data source, null unless " +
			"`include_secret_keys = true`.", sensitive: true},
		"trust_account": {kind: specBool, desc: "Whether this is a trust account."},
	}}
}

var gatewayCredentialsSpec = map[string]computedSpec{
	"application": {desc: "Name of the partner OAuth application the bearer token belongs to."},
	"user": {kind: specObject, desc: "The user the bearer token acts for.", nested: map[string]computedSpec{
		"first_name": {desc: "First name."},
		"last_name":  {desc: "Last name."},
		"email":      {desc: "Email address."},
		"owner":      {kind: specBool, desc: "Whether the user owns the merchant account."},
		"abilities":  {kind: specStringList, desc: "What the user may do, such as `admin`, `charge`, `refund`."},
	}},
	"merchant": {kind: specObject, desc: "The merchant's business details.", nested: map[string]computedSpec{
		"name":               {desc: "Business name."},
		"address":            {desc: "Street address."},
		"additional_address": {desc: "Additional address line."},
		"city":               {desc: "City."},
		"state":              {desc: "State or province."},
		"postal_code":        {desc: "Postal code."},
		"country":            {desc: "2-letter ISO 3166 country code."},
		"phone":              {desc: "Phone number."},
		"timezone":           {desc: "Time zone."},
		"website":            {desc: "Website."},
		"support_email":      {desc: "Support email address."},
		"support_phone":      {desc: "Support phone number."},
		"email_success_to":   {desc: "Where successful-payment emails go."},
		"email_failure_to":   {desc: "Where failed-payment emails go."},
		"reference_required": {kind: specBool, desc: "Whether a reference is required on payments."},
		"reference_label":    {desc: "Label of the reference field."},
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
