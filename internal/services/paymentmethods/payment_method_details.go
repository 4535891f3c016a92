package paymentmethods

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/client"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/framework"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/validators"
)

// The write-only card and bank input of affinipay_payment_method: card_wo
// and bank_account_wo hold the details the one-time token endpoint takes
// (POST /v1/tokens, API reference "One-Time Tokens" and the token object),
// with the same attribute names as the affinipay_payment_token ephemeral
// resource. The provider exchanges them for a one-time token with the
// public key only when the payment method is created and when
// payment_details_wo_version changes, so plans, refreshes, imports and
// destroys never send card data anywhere.

const (
	pmCardWO         = "card_wo"
	pmBankWO         = "bank_account_wo"
	pmDetailsVersion = "payment_details_wo_version"
)

// paymentMethodBillingTypes are the holder and billing attributes shared
// by card_wo and bank_account_wo.
var paymentMethodBillingTypes = map[string]attr.Type{
	"name": types.StringType, "address1": types.StringType, "address2": types.StringType, "city": types.StringType,
	"state": types.StringType, "postal_code": types.StringType, "country": types.StringType, "email": types.StringType,
	"phone": types.StringType,
}

func withBillingTypes(extra map[string]attr.Type) map[string]attr.Type {
	out := make(map[string]attr.Type, len(paymentMethodBillingTypes)+len(extra))
	for k, v := range paymentMethodBillingTypes {
		out[k] = v
	}
	for k, v := range extra {
		out[k] = v
	}
	return out
}

// paymentMethodCardWOTypes and paymentMethodBankWOTypes are the object
// types of card_wo and bank_account_wo (always null in plan and state).
var (
	paymentMethodCardWOTypes = withBillingTypes(map[string]attr.Type{
		"number": types.StringType, "exp_month": types.Int64Type, "exp_year": types.Int64Type, "cvv": types.StringType,
	})
	paymentMethodBankWOTypes = withBillingTypes(map[string]attr.Type{
		"routing_number": types.StringType, "account_number": types.StringType, "account_type": types.StringType,
		"account_holder_type": types.StringType, "given_name": types.StringType, "surname": types.StringType,
	})
)

// writeOnlyString is an optional write-only string attribute.
func writeOnlyString(desc string, v ...validator.String) schema.StringAttribute {
	return schema.StringAttribute{MarkdownDescription: desc, Optional: true, WriteOnly: true, Validators: v}
}

// paymentMethodBillingWOAttributes are the billing attributes of card_wo
// or bank_account_wo (attr), with the token endpoint's rules.
func paymentMethodBillingWOAttributes(attr, holder string) map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"name":        writeOnlyString(holder, stringvalidator.LengthBetween(1, 256)),
		"address1":    writeOnlyString("Billing address line.", stringvalidator.LengthBetween(1, 256)),
		"address2":    writeOnlyString("Additional billing address line.", stringvalidator.LengthBetween(1, 256)),
		"city":        writeOnlyString("Billing city.", stringvalidator.LengthBetween(1, 256)),
		"state":       writeOnlyString("Billing state. For the US and Canada, the 2-letter state or province code.", validators.StateForCountry(path.Root(attr).AtName("country"))),
		"postal_code": writeOnlyString("Billing zip or postal code: 3 to 9 letters or digits, plus spaces and dashes, at most 10 characters.", validators.PostalCode()),
		"country":     writeOnlyString("Billing 2-letter ISO 3166 country code, such as `US`.", validators.CountryCode()),
		"email":       writeOnlyString("Customer email address.", validators.Email()),
		"phone":       writeOnlyString("Customer phone number, in any format, at most 22 characters.", stringvalidator.LengthBetween(1, 22)),
	}
}

// paymentMethodDetailsAttributes are card_wo, bank_account_wo and
// payment_details_wo_version.
func paymentMethodDetailsAttributes() map[string]schema.Attribute {
	card := paymentMethodBillingWOAttributes(pmCardWO, "Cardholder name.")
	card["number"] = schema.StringAttribute{
		MarkdownDescription: "Card number: 12 to 19 digits with no spaces or dashes, with a valid Luhn check digit (checked at plan " +
			"time, without ever printing the number). Test numbers are listed in the API reference (for example `4242424242424242`, Visa).",
		Required: true, WriteOnly: true, Sensitive: true,
		Validators: []validator.String{validators.CardNumber()},
	}
	card["exp_month"] = schema.Int64Attribute{
		MarkdownDescription: "Expiration month, 1 to 12.",
		Required:            true, WriteOnly: true,
		Validators: []validator.Int64{int64validator.Between(1, 12)},
	}
	card["exp_year"] = schema.Int64Attribute{
		MarkdownDescription: "Expiration year, with 2 or 4 digits (`30` or `2030`). A card that has expired is refused at plan time " +
			"when it is about to be sent.",
		Required: true, WriteOnly: true,
		Validators: []validator.Int64{int64validator.Any(int64validator.Between(10, 99), int64validator.Between(1000, 9999))},
	}
	card["cvv"] = schema.StringAttribute{
		MarkdownDescription: "Card verification value: 3 or 4 digits. Sent to AffiniPay's token endpoint and never stored anywhere.",
		Required:            true, WriteOnly: true, Sensitive: true,
		Validators: []validator.String{validators.SecretDigits(3, 4)},
	}

	bank := paymentMethodBillingWOAttributes(pmBankWO, "Business name: required when `account_holder_type` is `business`, ignored for `individual`.")
	bank["routing_number"] = schema.StringAttribute{
		MarkdownDescription: "9-digit ABA routing number of the customer's bank, with a valid check digit (checked at plan time). " +
			"Test routing numbers: `000000000` and `000000013`.",
		Required: true, WriteOnly: true, Sensitive: true,
		Validators: []validator.String{validators.RoutingNumber()},
	}
	bank["account_number"] = schema.StringAttribute{
		MarkdownDescription: "Customer's bank account number: 4 to 17 digits, with no punctuation or other characters.",
		Required:            true, WriteOnly: true, Sensitive: true,
		Validators: []validator.String{validators.SecretDigits(4, 17)},
	}
	bank["account_type"] = schema.StringAttribute{
		MarkdownDescription: "`CHECKING` or `SAVINGS`.",
		Required:            true, WriteOnly: true,
		Validators: []validator.String{stringvalidator.OneOf(paymentTokenAccountTypes...)},
	}
	bank["account_holder_type"] = schema.StringAttribute{
		MarkdownDescription: "`individual` (then `given_name` is required) or `business` (then `name` is required).",
		Required:            true, WriteOnly: true,
		Validators: []validator.String{stringvalidator.OneOf(paymentTokenHolderIndividual, paymentTokenHolderBusiness)},
	}
	bank["given_name"] = writeOnlyString("First name of the account holder, 2 or more letters: required when `account_holder_type` is `individual`.",
		stringvalidator.RegexMatches(paymentTokenTwoLetters, "must contain 2 or more letters"))
	bank["surname"] = writeOnlyString("Last name of the account holder, 2 or more letters (individual account holders).",
		stringvalidator.RegexMatches(paymentTokenTwoLetters, "must contain 2 or more letters"))

	return map[string]schema.Attribute{
		pmCardWO: schema.SingleNestedAttribute{
			MarkdownDescription: "**Write-only** (Terraform 1.11 or later): the card to store, as the one-time token endpoint takes it. " +
				"Never written to the plan, the state or a saved plan file when its values come from `ephemeral = true` variables " +
				"(or another ephemeral source). The provider exchanges it for a one-time token with the provider's `public_key` " +
				"when the payment method is created, and again only when `payment_details_wo_version` changes (replacing the card " +
				"in place). Requires `payment_type = \"credit_card\"`. Conflicts with `bank_account_wo`, `one_time_token_wo` and " +
				"`saved_payment_token`. May be left out (null) after creation.",
			Optional:  true,
			WriteOnly: true,
			// Not Sensitive as a whole (its secret parts are): Terraform's
			// -generate-config-out writes a sensitive nested attribute as
			// `{}`, which is invalid here, and a null one as `null`.
			Attributes: card,
		},
		pmBankWO: schema.SingleNestedAttribute{
			MarkdownDescription: "**Write-only** (Terraform 1.11 or later): the bank account to store for eCheck payments, as the " +
				"one-time token endpoint takes it. Sent, like `card_wo`, only at creation and when `payment_details_wo_version` " +
				"changes. Requires `payment_type = \"bank_account\"`. Conflicts with `card_wo`, `one_time_token_wo` and " +
				"`saved_payment_token`. May be left out (null) after creation.",
			Optional:  true,
			WriteOnly: true,
			// Not Sensitive as a whole: see card_wo.
			Attributes: bank,
		},
		pmDetailsVersion: schema.Int64Attribute{
			MarkdownDescription: "Any number you change (for example increment) to send `card_wo` or `bank_account_wo` again: the " +
				"provider makes a new one-time token from them and replaces the card or bank account in place with a `PATCH`, " +
				"keeping the payment method's ID. Terraform cannot see a change of a write-only value, so changing the card " +
				"details without changing this number sends nothing. While it stays the same, `card_wo` and `bank_account_wo` " +
				"may be left out. Set for the first time on an existing payment method (after an import, or when moving over " +
				"from `one_time_token_wo`), it is only recorded, with a warning: nothing is sent until it changes again.",
			Optional: true,
		},
	}
}

// paymentMethodDetails are the configured card_wo and bank_account_wo.
type paymentMethodDetails struct {
	card, bank types.Object
}

func (d paymentMethodDetails) configured() bool { return !d.card.IsNull() || !d.bank.IsNull() }

// readPaymentMethodDetails reads card_wo and bank_account_wo from a
// configuration (write-only values are only ever in the configuration).
func readPaymentMethodDetails(ctx context.Context, cfg tfsdk.Config) (paymentMethodDetails, diag.Diagnostics) {
	var d paymentMethodDetails
	var diags diag.Diagnostics
	diags.Append(cfg.GetAttribute(ctx, path.Root(pmCardWO), &d.card)...)
	diags.Append(cfg.GetAttribute(ctx, path.Root(pmBankWO), &d.bank)...)
	return d, diags
}

// tokenModel converts known details into the ephemeral resource's model,
// whose conversion to a POST /v1/tokens body it shares.
func (d paymentMethodDetails) tokenModel(ctx context.Context) (paymentTokenModel, diag.Diagnostics) {
	var m paymentTokenModel
	var diags diag.Diagnostics
	opts := basetypes.ObjectAsOptions{}
	if framework.IsKnown(d.card) {
		m.Card = &paymentTokenCardModel{}
		diags.Append(d.card.As(ctx, m.Card, opts)...)
	}
	if framework.IsKnown(d.bank) {
		m.Bank = &paymentTokenBankModel{}
		diags.Append(d.bank.As(ctx, m.Bank, opts)...)
	}
	return m, diags
}

// validatePaymentMethodDetails checks what the configuration alone can
// tell: the input matches payment_type, and a bank account has the holder
// fields its holder type needs.
func validatePaymentMethodDetails(ctx context.Context, cfg tfsdk.Config) diag.Diagnostics {
	d, diags := readPaymentMethodDetails(ctx, cfg)
	var paymentType types.String
	diags.Append(cfg.GetAttribute(ctx, path.Root("payment_type"), &paymentType)...)
	if diags.HasError() {
		return diags
	}
	typeIs := func(want string) bool {
		return !framework.IsKnown(paymentType) || paymentType.ValueString() == want
	}
	if !d.card.IsNull() && !typeIs(client.PaymentTypeCreditCard) {
		diags.AddAttributeError(path.Root("payment_type"), "payment_type does not match card_wo",
			"card_wo stores a card: payment_type must be \"credit_card\", not \""+paymentType.ValueString()+"\".")
	}
	if !d.bank.IsNull() && !typeIs(client.PaymentTypeBankAccount) {
		diags.AddAttributeError(path.Root("payment_type"), "payment_type does not match bank_account_wo",
			"bank_account_wo stores a bank account: payment_type must be \"bank_account\", not \""+paymentType.ValueString()+"\".")
	}
	if framework.IsKnown(d.bank) {
		m, dd := d.tokenModel(ctx)
		diags.Append(dd...)
		if m.Bank != nil {
			diags.Append(validatePaymentTokenBankAt(*m.Bank, pmBankWO)...)
		}
	}
	return diags
}

// paymentDetailsVersionChanged reports whether applying plan over the
// prior state of an existing payment method sends card_wo or
// bank_account_wo: payment_details_wo_version changes from one number to
// another. A version set for the first time on an existing payment method
// (after an import, or when moving over from one_time_token_wo) is only
// recorded: the payment method already holds a card, and card data leaves
// the machine only when a card is added or replaced (see
// paymentDetailsVersionAdopted).
func paymentDetailsVersionChanged(plan, prior PaymentMethodResourceModel) bool {
	return !plan.PaymentDetailsWOVersion.IsNull() && !prior.PaymentDetailsWOVersion.IsNull() &&
		!plan.PaymentDetailsWOVersion.Equal(prior.PaymentDetailsWOVersion)
}

// paymentDetailsVersionAdopted reports whether an existing payment method
// gets its first payment_details_wo_version, which is recorded without
// sending anything.
func paymentDetailsVersionAdopted(plan, prior PaymentMethodResourceModel) bool {
	return !plan.PaymentDetailsWOVersion.IsNull() && prior.PaymentDetailsWOVersion.IsNull()
}

// checkPaymentDetailsSendable is the plan-time check of details about to
// be sent: they are configured (when known) and the card has not expired.
// now is the current time, a parameter for tests.
func checkPaymentDetailsSendable(ctx context.Context, d paymentMethodDetails, now time.Time) diag.Diagnostics {
	var diags diag.Diagnostics
	if d.card.IsNull() && d.bank.IsNull() {
		diags.AddAttributeError(path.Root(pmDetailsVersion), "Missing card_wo or bank_account_wo",
			"payment_details_wo_version is set at creation or changed, which sends the card or bank account details, but neither "+
				"card_wo nor bank_account_wo is set. Set the one the payment method holds (for example from ephemeral variables), "+
				"or keep payment_details_wo_version as it was.")
		return diags
	}
	m, dd := d.tokenModel(ctx)
	diags.Append(dd...)
	if m.Card == nil || m.Card.ExpMonth.IsUnknown() || m.Card.ExpYear.IsUnknown() || m.Card.ExpMonth.IsNull() || m.Card.ExpYear.IsNull() {
		return diags
	}
	month, year := m.Card.ExpMonth.ValueInt64(), m.Card.ExpYear.ValueInt64()
	if month < 1 || month > 12 {
		return diags // the attribute validator reports it
	}
	fullYear := year
	if year < 100 {
		fullYear += 2000
	}
	// A card is valid through the last day of its expiration month.
	end := time.Date(int(fullYear), time.Month(month)+1, 1, 0, 0, 0, 0, time.UTC)
	if !now.UTC().Before(end) {
		diags.AddAttributeError(path.Root(pmCardWO).AtName("exp_year"), "Expired card",
			fmt.Sprintf("card_wo expired at the end of %02d/%d: AffiniPay would refuse it (card_expired). Give a card that has not expired.",
				month, fullYear))
	}
	return diags
}

// paymentDetailsToken exchanges the configured card_wo or bank_account_wo
// for a one-time token (POST /v1/tokens with the public key). It returns
// "" without a request when neither is configured.
func (r *PaymentMethodResource) paymentDetailsToken(ctx context.Context, cfg tfsdk.Config) (*client.Token, diag.Diagnostics) {
	d, diags := readPaymentMethodDetails(ctx, cfg)
	if diags.HasError() || !d.configured() {
		return nil, diags
	}
	if d.card.IsUnknown() || d.bank.IsUnknown() {
		diags.AddError("Unknown payment details", "card_wo or bank_account_wo is still unknown during apply.")
		return nil, diags
	}
	m, dd := d.tokenModel(ctx)
	diags.Append(dd...)
	if diags.HasError() {
		return nil, diags
	}
	body, paths := expandPaymentTokenAt(m, pmCardWO, pmBankWO)
	which := pmCardWO
	if m.Bank != nil {
		which = pmBankWO
	}
	tok, err := r.Data.Client.CreateToken(ctx, body)
	if err != nil {
		framework.AddAPIError(&diags, "Unable to create a one-time payment token from "+which, err, paths)
		return nil, diags
	}
	if tok.ID == "" {
		diags.AddAttributeError(path.Root(which), "Unable to create a one-time payment token from "+which,
			"AffiniPay answered POST /v1/tokens without a token ID; nothing was stored. Apply again.")
		return nil, diags
	}
	return tok, diags
}
