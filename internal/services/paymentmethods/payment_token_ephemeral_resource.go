package paymentmethods

import (
	"context"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/ephemeralvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/client"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/framework"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/validators"
)

var (
	_ ephemeral.EphemeralResourceWithConfigure        = (*paymentTokenEphemeralResource)(nil)
	_ ephemeral.EphemeralResourceWithConfigValidators = (*paymentTokenEphemeralResource)(nil)
	_ ephemeral.EphemeralResourceWithValidateConfig   = (*paymentTokenEphemeralResource)(nil)
)

// NewPaymentTokenEphemeralResource is the affinipay_payment_token ephemeral resource.
func NewPaymentTokenEphemeralResource() ephemeral.EphemeralResource {
	return &paymentTokenEphemeralResource{}
}

type paymentTokenEphemeralResource struct{ framework.EphemeralBase }

// Account holder types and bank account types of a bank token (API
// reference, token: account_holder_type, account_type).
const (
	paymentTokenHolderIndividual = "individual"
	paymentTokenHolderBusiness   = "business"
)

var paymentTokenAccountTypes = []string{"CHECKING", "SAVINGS"}

// paymentTokenTwoLetters: "Must be 2 or more letters" (token given_name, surname).
var paymentTokenTwoLetters = regexp.MustCompile(`\pL.*\pL`)

type paymentTokenModel struct {
	Card        *paymentTokenCardModel `tfsdk:"card"`
	Bank        *paymentTokenBankModel `tfsdk:"bank"`
	Reference   types.String           `tfsdk:"reference"`
	Description types.String           `tfsdk:"description"`

	ID                  types.String `tfsdk:"id"`
	Type                types.String `tfsdk:"type"`
	CardType            types.String `tfsdk:"card_type"`
	Fingerprint         types.String `tfsdk:"fingerprint"`
	MaskedNumber        types.String `tfsdk:"masked_number"`
	ExpMonth            types.Int64  `tfsdk:"exp_month"`
	ExpYear             types.Int64  `tfsdk:"exp_year"`
	MaskedRoutingNumber types.String `tfsdk:"masked_routing_number"`
	MaskedAccountNumber types.String `tfsdk:"masked_account_number"`
	AccountType         types.String `tfsdk:"account_type"`
	AccountHolderType   types.String `tfsdk:"account_holder_type"`
	BankName            types.String `tfsdk:"bank_name"`
}

// paymentTokenBilling holds the holder and billing fields common to card
// and bank tokens.
type paymentTokenBilling struct {
	Name       types.String `tfsdk:"name"`
	Address1   types.String `tfsdk:"address1"`
	Address2   types.String `tfsdk:"address2"`
	City       types.String `tfsdk:"city"`
	State      types.String `tfsdk:"state"`
	PostalCode types.String `tfsdk:"postal_code"`
	Country    types.String `tfsdk:"country"`
	Email      types.String `tfsdk:"email"`
	Phone      types.String `tfsdk:"phone"`
}

type paymentTokenCardModel struct {
	Number   types.String `tfsdk:"number"`
	ExpMonth types.Int64  `tfsdk:"exp_month"`
	ExpYear  types.Int64  `tfsdk:"exp_year"`
	CVV      types.String `tfsdk:"cvv"`
	paymentTokenBilling
}

type paymentTokenBankModel struct {
	RoutingNumber     types.String `tfsdk:"routing_number"`
	AccountNumber     types.String `tfsdk:"account_number"`
	AccountType       types.String `tfsdk:"account_type"`
	AccountHolderType types.String `tfsdk:"account_holder_type"`
	GivenName         types.String `tfsdk:"given_name"`
	Surname           types.String `tfsdk:"surname"`
	paymentTokenBilling
}

func (e *paymentTokenEphemeralResource) Metadata(_ context.Context, req ephemeral.MetadataRequest, resp *ephemeral.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_payment_token"
}

const paymentTokenDoc = "Exchanges card or bank account details for a **one-time payment token** (`POST /v1/tokens`, authenticated " +
	"with the merchant public key: the provider's `public_key`), without writing the details or the token to the plan or the state. " +
	"Requires Terraform 1.10 or later.\n\n" +
	"**To store a card or bank account, prefer `card_wo` or `bank_account_wo` of `affinipay_payment_method`**, which send the " +
	"details only when the payment method is created or its `payment_details_wo_version` changes. Use this ephemeral resource when " +
	"you need a token itself, for example for the write-only `one_time_token_wo` of `affinipay_payment_method`, and open it only on " +
	"the run that uses it (see the example: `count` keeps it closed unless a variable says the card is being added or replaced).\n\n" +
	"Things to know:\n\n" +
	"* Terraform opens an ephemeral resource in **every** plan and apply (and refresh, import and destroy) that has it, so each of " +
	"those runs sends the card details to AffiniPay and creates a new token. A token is single use and expires five minutes after " +
	"creation; the ones a run does not use simply expire. With `count = 0` nothing is sent.\n" +
	"* Creating a token is not idempotent, so the provider never retries the request once it may have reached AffiniPay: " +
	"a network failure fails the run instead of making a second token.\n" +
	"* Every input is sensitive. Pass the values in through **`ephemeral = true` variables** (`TF_VAR_...`) or another ephemeral " +
	"source, never `sensitive = true` variables or literals: Terraform writes the values of non-ephemeral variables into saved plan " +
	"files (`terraform plan -out`) and `terraform show -json`, and the configuration itself into every saved plan. See the guide " +
	"*Keeping card data out of state and plans*. Validation errors never repeat card, CVV, routing or account numbers.\n" +
	"* Exactly one of `card` and `bank` must be set."

// paymentTokenBillingAttributes returns the billing attributes shared by
// `card` and `bank`; block names the enclosing attribute, whose `country`
// the `state` check reads.
func paymentTokenBillingAttributes(block, holder string) map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"name": schema.StringAttribute{
			MarkdownDescription: holder,
			Optional:            true,
			Validators:          []validator.String{stringvalidator.LengthBetween(1, 256)},
		},
		"address1": schema.StringAttribute{MarkdownDescription: "Billing address line.", Optional: true,
			Validators: []validator.String{stringvalidator.LengthAtLeast(1)}},
		"address2": schema.StringAttribute{MarkdownDescription: "Additional billing address line.", Optional: true,
			Validators: []validator.String{stringvalidator.LengthAtLeast(1)}},
		"city": schema.StringAttribute{MarkdownDescription: "Billing city.", Optional: true,
			Validators: []validator.String{stringvalidator.LengthAtLeast(1)}},
		"state": schema.StringAttribute{
			MarkdownDescription: "Billing state. For the US and Canada, the 2-letter state or province code.",
			Optional:            true,
			// The US/CA state-code check against the country of the same block.
			Validators: []validator.String{validators.StateForCountry(path.Root(block).AtName("country"))},
		},
		"postal_code": schema.StringAttribute{
			MarkdownDescription: "Billing zip or postal code: 3 to 9 letters or digits, plus spaces and dashes, at most 10 characters.",
			Optional:            true,
			Validators:          []validator.String{validators.PostalCode()},
		},
		"country": schema.StringAttribute{
			MarkdownDescription: "Billing 2-letter ISO 3166 country code, such as `US`.",
			Optional:            true,
			Validators:          []validator.String{validators.CountryCode()},
		},
		"email": schema.StringAttribute{
			MarkdownDescription: "Customer email address.",
			Optional:            true,
			Validators:          []validator.String{validators.Email()},
		},
		"phone": schema.StringAttribute{
			MarkdownDescription: "Customer phone number, in any format, at most 22 characters.",
			Optional:            true,
			Validators:          []validator.String{stringvalidator.LengthBetween(1, 22)},
		},
	}
}

func (e *paymentTokenEphemeralResource) Schema(_ context.Context, _ ephemeral.SchemaRequest, resp *ephemeral.SchemaResponse) {
	card := paymentTokenBillingAttributes("card", "Cardholder name.")
	card["number"] = schema.StringAttribute{
		MarkdownDescription: "Card number: 12 to 19 digits with no spaces or dashes. Test numbers are listed in the API reference " +
			"(for example `4242424242424242`, Visa). Never checked against the Luhn rule here, so that the reference's " +
			"`card_number_invalid` test card reaches the API.",
		Required:   true,
		Sensitive:  true,
		Validators: []validator.String{validators.SecretDigits(12, 19)},
	}
	card["exp_month"] = schema.Int64Attribute{
		MarkdownDescription: "Expiration month, 1 to 12.",
		Required:            true,
		Validators:          []validator.Int64{int64validator.Between(1, 12)},
	}
	card["exp_year"] = schema.Int64Attribute{
		MarkdownDescription: "Expiration year, with 2 or 4 digits (`30` or `2030`).",
		Required:            true,
		// "2 or 4-digit card expiration year": a number has no leading
		// zero, so 2 digits means 10-99 (years 2000-2009 are long expired).
		Validators: []validator.Int64{int64validator.Any(
			int64validator.Between(10, 99), int64validator.Between(1000, 9999))},
	}
	// The token object marks cvv "(required for card)"; the create-token
	// prose says "without the given CVV, if any". The object table is the
	// stricter, explicit rule, so the CVV is required.
	card["cvv"] = schema.StringAttribute{
		MarkdownDescription: "Card verification value: 3 or 4 digits. Sent to AffiniPay and never returned.",
		Required:            true,
		Sensitive:           true,
		Validators:          []validator.String{validators.SecretDigits(3, 4)},
	}

	bank := paymentTokenBillingAttributes("bank", "Business name: required when `account_holder_type` is `business`, ignored for `individual`.")
	bank["routing_number"] = schema.StringAttribute{
		MarkdownDescription: "9-digit routing number of the customer's bank. Test routing numbers: `000000000` and `000000013`.",
		Required:            true,
		Sensitive:           true,
		Validators:          []validator.String{validators.SecretDigits(9, 9)},
	}
	bank["account_number"] = schema.StringAttribute{
		MarkdownDescription: "Customer's bank account number: 4 to 17 digits, with no punctuation or other characters.",
		Required:            true,
		Sensitive:           true,
		Validators:          []validator.String{validators.SecretDigits(4, 17)},
	}
	bank["account_type"] = schema.StringAttribute{
		MarkdownDescription: "`CHECKING` or `SAVINGS`.",
		Required:            true,
		Validators:          []validator.String{stringvalidator.OneOf(paymentTokenAccountTypes...)},
	}
	bank["account_holder_type"] = schema.StringAttribute{
		MarkdownDescription: "`individual` (then `given_name` is required) or `business` (then `name` is required).",
		Required:            true,
		Validators:          []validator.String{stringvalidator.OneOf(paymentTokenHolderIndividual, paymentTokenHolderBusiness)},
	}
	bank["given_name"] = schema.StringAttribute{
		MarkdownDescription: "First name of the account holder, 2 or more letters: required when `account_holder_type` is `individual`.",
		Optional:            true,
		Validators:          []validator.String{stringvalidator.RegexMatches(paymentTokenTwoLetters, "must contain 2 or more letters")},
	}
	bank["surname"] = schema.StringAttribute{
		MarkdownDescription: "Last name of the account holder, 2 or more letters (individual account holders).",
		Optional:            true,
		Validators:          []validator.String{stringvalidator.RegexMatches(paymentTokenTwoLetters, "must contain 2 or more letters")},
	}

	resp.Schema = schema.Schema{
		MarkdownDescription: paymentTokenDoc,
		Attributes: map[string]schema.Attribute{
			"card": schema.SingleNestedAttribute{
				MarkdownDescription: "Credit card details (every value sensitive). Conflicts with `bank`.",
				Optional:            true,
				Sensitive:           true,
				Attributes:          card,
			},
			"bank": schema.SingleNestedAttribute{
				MarkdownDescription: "Bank account details for eCheck payments (every value sensitive). Conflicts with `card`.",
				Optional:            true,
				Sensitive:           true,
				Attributes:          bank,
			},
			"reference": schema.StringAttribute{
				MarkdownDescription: "An external reference for the payment details, such as a customer ID; at most 64 characters.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.LengthBetween(1, 64)},
			},
			"description": schema.StringAttribute{
				MarkdownDescription: "Description of the payment details; at most 64 characters.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.LengthBetween(1, 64)},
			},
			"id": schema.StringAttribute{
				MarkdownDescription: "The one-time token ID: pass it to `one_time_token_wo` of `affinipay_payment_method`. " +
					"Single use; expires five minutes after creation.",
				Computed:  true,
				Sensitive: true,
			},
			"type":                  framework.ComputedEphemeralString("`card` or `bank`."),
			"card_type":             framework.ComputedEphemeralString(framework.DescCardBrand + "."),
			"fingerprint":           framework.ComputedEphemeralString(framework.DescFingerprint + "."),
			"masked_number":         framework.ComputedEphemeralString("The card number, masked as AffiniPay returns it (`************4242`)."),
			"exp_month":             framework.ComputedEphemeralInt64(framework.DescCardExpMonth + "."),
			"exp_year":              framework.ComputedEphemeralInt64(framework.DescCardExpYear + "."),
			"masked_routing_number": framework.ComputedEphemeralString("The routing number, masked as AffiniPay returns it."),
			"masked_account_number": framework.ComputedEphemeralString("The bank account number, masked as AffiniPay returns it."),
			"account_type":          framework.ComputedEphemeralString(framework.DescBankAccountType + "."),
			"account_holder_type":   framework.ComputedEphemeralString("Bank account holder type: `individual` or `business`."),
			"bank_name":             framework.ComputedEphemeralString(framework.DescBankName + ", when AffiniPay found it from the routing number."),
		},
	}
}

func (e *paymentTokenEphemeralResource) ConfigValidators(context.Context) []ephemeral.ConfigValidator {
	return []ephemeral.ConfigValidator{
		ephemeralvalidator.ExactlyOneOf(path.MatchRoot("card"), path.MatchRoot("bank")),
	}
}

// ValidateConfig applies the bank token's holder rules (API reference,
// token): a business account needs `name`, an individual one `given_name`.
func (e *paymentTokenEphemeralResource) ValidateConfig(ctx context.Context, req ephemeral.ValidateConfigRequest, resp *ephemeral.ValidateConfigResponse) {
	var bank types.Object
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("bank"), &bank)...)
	if resp.Diagnostics.HasError() || !framework.IsKnown(bank) {
		return
	}
	var b paymentTokenBankModel
	resp.Diagnostics.Append(bank.As(ctx, &b, basetypes.ObjectAsOptions{})...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(validatePaymentTokenBank(b)...)
}

func validatePaymentTokenBank(b paymentTokenBankModel) diag.Diagnostics {
	return validatePaymentTokenBankAt(b, "bank")
}

// validatePaymentTokenBankAt applies the holder rules to the bank details
// configured in the attribute named attr.
func validatePaymentTokenBankAt(b paymentTokenBankModel, attr string) diag.Diagnostics {
	var diags diag.Diagnostics
	if b.AccountHolderType.IsUnknown() {
		return diags
	}
	switch b.AccountHolderType.ValueString() {
	case paymentTokenHolderBusiness:
		if b.Name.IsNull() {
			diags.AddAttributeError(path.Root(attr).AtName("name"), "Missing "+attr+".name",
				attr+".name (the business name) is required when "+attr+".account_holder_type is \"business\".")
		}
	case paymentTokenHolderIndividual:
		if b.GivenName.IsNull() {
			diags.AddAttributeError(path.Root(attr).AtName("given_name"), "Missing "+attr+".given_name",
				attr+".given_name (the account holder's first name) is required when "+attr+".account_holder_type is \"individual\".")
		}
	}
	return diags
}

func (e *paymentTokenEphemeralResource) Open(ctx context.Context, req ephemeral.OpenRequest, resp *ephemeral.OpenResponse) {
	var cfg paymentTokenModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	body, paths := expandPaymentToken(cfg)
	tok, err := e.Data.Client.CreateToken(ctx, body)
	if err != nil {
		framework.AddAPIError(&resp.Diagnostics, "Unable to create an AffiniPay one-time payment token", err, paths)
		return
	}
	flattenPaymentToken(&cfg, tok)
	resp.Diagnostics.Append(resp.Result.Set(ctx, cfg)...)
}

// expandPaymentToken builds the POST /v1/tokens body, and maps the API's
// message contexts to the attributes of the block in use.
func expandPaymentToken(cfg paymentTokenModel) (client.TokenCreate, framework.ContextPaths) {
	return expandPaymentTokenAt(cfg, "card", "bank")
}

// expandPaymentTokenAt is expandPaymentToken for a schema whose card and
// bank attributes are named cardAttr and bankAttr (the write-only card_wo
// and bank_account_wo of affinipay_payment_method).
func expandPaymentTokenAt(cfg paymentTokenModel, cardAttr, bankAttr string) (client.TokenCreate, framework.ContextPaths) {
	t := client.TokenCreate{Reference: cfg.Reference.ValueString(), Description: cfg.Description.ValueString()}
	var billing paymentTokenBilling
	var block string
	switch {
	case cfg.Card != nil:
		block, billing = "card", cfg.Card.paymentTokenBilling
		t.Type = client.TokenTypeCard
		t.Number = cfg.Card.Number.ValueString()
		t.ExpMonth = cfg.Card.ExpMonth.ValueInt64()
		t.ExpYear = cfg.Card.ExpYear.ValueInt64()
		t.CVV = cfg.Card.CVV.ValueString()
	case cfg.Bank != nil:
		block, billing = "bank", cfg.Bank.paymentTokenBilling
		t.Type = client.TokenTypeBank
		t.RoutingNumber = cfg.Bank.RoutingNumber.ValueString()
		t.AccountNumber = cfg.Bank.AccountNumber.ValueString()
		t.AccountType = cfg.Bank.AccountType.ValueString()
		t.AccountHolderType = cfg.Bank.AccountHolderType.ValueString()
		t.GivenName = cfg.Bank.GivenName.ValueString()
		t.Surname = cfg.Bank.Surname.ValueString()
	}
	t.Name = billing.Name.ValueString()
	t.Address1 = billing.Address1.ValueString()
	t.Address2 = billing.Address2.ValueString()
	t.City = billing.City.ValueString()
	t.State = billing.State.ValueString()
	t.PostalCode = billing.PostalCode.ValueString()
	t.Country = billing.Country.ValueString()
	t.Email = billing.Email.ValueString()
	t.Phone = billing.Phone.ValueString()

	paths := framework.ContextPaths{"reference": path.Root("reference"), "description": path.Root("description")}
	if block != "" {
		attr := cardAttr
		if block == "bank" {
			attr = bankAttr
		}
		fields := []string{"name", "address1", "address2", "city", "state", "postal_code", "country", "email", "phone"}
		if block == "card" {
			fields = append(fields, "number", "exp_month", "exp_year", "cvv")
		} else {
			fields = append(fields, "routing_number", "account_number", "account_type", "account_holder_type", "given_name", "surname")
		}
		// Contexts may name the field alone ("number") or qualified by the
		// object, as the reference's "`card`.postal_code".
		for _, f := range fields {
			paths[f] = path.Root(attr).AtName(f)
			paths[block+"."+f] = path.Root(attr).AtName(f)
		}
		paths["type"] = path.Root(attr)
		paths[block] = path.Root(attr)
	}
	return t, paths
}

// flattenPaymentToken copies the token's masked details into the result.
func flattenPaymentToken(m *paymentTokenModel, t *client.Token) {
	m.ID = types.StringValue(t.ID)
	m.Type = framework.StringOrNull(t.Type)
	m.CardType = framework.StringOrNull(t.CardType)
	m.Fingerprint = framework.StringOrNull(t.Fingerprint)
	m.MaskedNumber = framework.StringOrNull(framework.MaskPaymentNumber(t.Number))
	m.ExpMonth = framework.Int64OrNull(t.ExpMonth)
	m.ExpYear = framework.Int64OrNull(t.ExpYear)
	m.MaskedRoutingNumber = framework.StringOrNull(framework.MaskPaymentNumber(t.RoutingNumber))
	m.MaskedAccountNumber = framework.StringOrNull(framework.MaskPaymentNumber(t.AccountNumber))
	m.AccountType = framework.StringOrNull(t.AccountType)
	m.AccountHolderType = framework.StringOrNull(t.AccountHolderType)
	m.BankName = framework.StringOrNull(t.BankName)
}
