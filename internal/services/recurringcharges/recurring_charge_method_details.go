package recurringcharges

import (
	"strings"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/client"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/framework"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var methodDetailsAttrTypes = map[string]attr.Type{
	"type":           types.StringType,
	"number":         types.StringType,
	"card_type":      types.StringType,
	"exp_month":      types.Int64Type,
	"exp_year":       types.Int64Type,
	"routing_number": types.StringType,
	"account_type":   types.StringType,
	"bank_name":      types.StringType,
	"fingerprint":    types.StringType,
	"name":           types.StringType,
}

func methodDetailsSchema() schema.SingleNestedAttribute {
	return schema.SingleNestedAttribute{
		MarkdownDescription: "What the charge actually collects from, as the API returns it (masked): it changes when the payment method " +
			"is changed outside Terraform, which the API otherwise does not reveal (it never returns the method's ID).",
		Computed: true,
		Attributes: map[string]schema.Attribute{
			"type":           framework.ComputedResourceString("`card` or `bank`."),
			"number":         framework.ComputedResourceString("The masked card number, or the masked bank account number, for example `************4242`."),
			"card_type":      framework.ComputedResourceString(framework.DescCardBrand + " (cards)."),
			"exp_month":      framework.ComputedResourceInt64(framework.DescCardExpMonth + " (cards)."),
			"exp_year":       framework.ComputedResourceInt64(framework.DescCardExpYear + " (cards)."),
			"routing_number": framework.ComputedResourceString(framework.DescRoutingNumberMasked + " (banks)."),
			"account_type":   framework.ComputedResourceString(framework.DescBankAccountType + " (banks)."),
			"bank_name":      framework.ComputedResourceString(framework.DescBankName + " (banks), where returned."),
			"fingerprint":    framework.ComputedResourceString(framework.DescFingerprint + ", where returned."),
			"name":           framework.ComputedResourceString("The name on the card or bank account, where returned."),
		},
	}
}

// methodDetailsObject converts the charge's masked method.
func methodDetailsObject(d *client.PaymentMethodDetails) (types.Object, diag.Diagnostics) {
	if d == nil || d.Type == "" {
		return types.ObjectNull(methodDetailsAttrTypes), nil
	}
	i64 := func(v client.FlexInt64) types.Int64 {
		if v == 0 {
			return types.Int64Null()
		}
		return types.Int64Value(int64(v))
	}
	return types.ObjectValue(methodDetailsAttrTypes, map[string]attr.Value{
		"type":           types.StringValue(d.Type),
		"number":         framework.StringOrNull(framework.MethodNumber(d)),
		"card_type":      framework.StringOrNull(d.CardType),
		"exp_month":      i64(d.ExpMonth),
		"exp_year":       i64(d.ExpYear),
		"routing_number": framework.StringOrNull(d.RoutingNumber),
		"account_type":   framework.StringOrNull(d.AccountType),
		"bank_name":      framework.StringOrNull(d.BankName),
		"fingerprint":    framework.StringOrNull(d.Fingerprint),
		"name":           framework.StringOrNull(d.Name),
	})
}

// parseRecurringChargeImportID splits `<charge_id>` or
// `<charge_id>/<method_id>`.
func parseRecurringChargeImportID(raw string) (id, method string, ok bool) {
	id, method, _ = strings.Cut(strings.TrimSpace(raw), "/")
	if id == "" || strings.ContainsAny(id, " ") || strings.ContainsAny(method, "/ ") {
		return "", "", false
	}
	return id, method, true
}
