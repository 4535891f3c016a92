package paymentmethods

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/client"
)

func TestPaymentTokenSchema(t *testing.T) {
	ctx := context.Background()
	var resp ephemeral.SchemaResponse
	NewPaymentTokenEphemeralResource().Schema(ctx, ephemeral.SchemaRequest{}, &resp)
	if diags := resp.Schema.ValidateImplementation(ctx); diags.HasError() {
		t.Fatal(diags)
	}
	for _, block := range []string{"card", "bank"} {
		a := resp.Schema.Attributes[block].(schema.SingleNestedAttribute)
		if !a.Sensitive {
			t.Errorf("%s is not sensitive", block)
		}
	}
	card := resp.Schema.Attributes["card"].(schema.SingleNestedAttribute).Attributes
	bank := resp.Schema.Attributes["bank"].(schema.SingleNestedAttribute).Attributes
	for name, a := range map[string]schema.Attribute{"card.number": card["number"], "card.cvv": card["cvv"],
		"bank.routing_number": bank["routing_number"], "bank.account_number": bank["account_number"], "id": resp.Schema.Attributes["id"]} {
		if !a.IsSensitive() {
			t.Errorf("%s is not sensitive", name)
		}
	}
}

func paymentTokenTestBilling() paymentTokenBilling {
	return paymentTokenBilling{
		Name: types.StringValue("Lu Harper"), Address1: types.StringNull(), Address2: types.StringNull(), City: types.StringNull(),
		State: types.StringNull(), PostalCode: types.StringValue("78701"), Country: types.StringValue("US"),
		Email: types.StringNull(), Phone: types.StringNull(),
	}
}

func TestExpandPaymentToken(t *testing.T) {
	card := paymentTokenModel{
		Card: &paymentTokenCardModel{
			Number: types.StringValue("4242424242424242"), ExpMonth: types.Int64Value(10), ExpYear: types.Int64Value(2030),
			CVV: types.StringValue("123"), paymentTokenBilling: paymentTokenTestBilling(),
		},
		Reference: types.StringValue("crm-1"), Description: types.StringNull(),
	}
	body, paths := expandPaymentToken(card)
	want := client.TokenCreate{Type: "card", Number: "4242424242424242", ExpMonth: 10, ExpYear: 2030, CVV: "123",
		Name: "Lu Harper", PostalCode: "78701", Country: "US", Reference: "crm-1"}
	if body != want {
		t.Errorf("card body differs")
	}
	if p, ok := paths.Lookup("number"); !ok || !p.Equal(path.Root("card").AtName("number")) {
		t.Errorf("number maps to %v", p)
	}
	if p, ok := paths.Lookup("`card`.postal_code"); !ok || !p.Equal(path.Root("card").AtName("postal_code")) {
		t.Errorf("card.postal_code maps to %v", p)
	}

	bank := paymentTokenModel{
		Bank: &paymentTokenBankModel{
			RoutingNumber: types.StringValue("000000013"), AccountNumber: types.StringValue("1234567890"),
			AccountType: types.StringValue("CHECKING"), AccountHolderType: types.StringValue("individual"),
			GivenName: types.StringValue("Lu"), Surname: types.StringValue("Harper"), paymentTokenBilling: paymentTokenTestBilling(),
		},
	}
	body, paths = expandPaymentToken(bank)
	if body.Type != "bank" || body.RoutingNumber != "000000013" || body.AccountNumber != "1234567890" || body.AccountType != "CHECKING" ||
		body.AccountHolderType != "individual" || body.GivenName != "Lu" || body.Number != "" || body.CVV != "" {
		t.Errorf("bank body wrong")
	}
	if p, ok := paths.Lookup("account_number"); !ok || !p.Equal(path.Root("bank").AtName("account_number")) {
		t.Errorf("account_number maps to %v", p)
	}
	if _, ok := paths.Lookup("cvv"); ok {
		t.Error("a bank token maps cvv")
	}
}

func TestValidatePaymentTokenBank(t *testing.T) {
	b := paymentTokenBankModel{AccountHolderType: types.StringValue("business"), GivenName: types.StringValue("Lu"), paymentTokenBilling: paymentTokenBilling{Name: types.StringNull()}}
	diags := validatePaymentTokenBank(b)
	if len(diags) != 1 || !strings.Contains(diags[0].Detail(), "bank.name") {
		t.Errorf("business without name: %v", diags)
	}
	b = paymentTokenBankModel{AccountHolderType: types.StringValue("individual"), GivenName: types.StringNull(), paymentTokenBilling: paymentTokenBilling{Name: types.StringValue("Acme")}}
	if diags := validatePaymentTokenBank(b); len(diags) != 1 || !strings.Contains(diags[0].Detail(), "bank.given_name") {
		t.Errorf("individual without given_name: %v", diags)
	}
	b.GivenName = types.StringValue("Lu")
	if diags := validatePaymentTokenBank(b); diags.HasError() {
		t.Errorf("valid individual: %v", diags)
	}
	b.AccountHolderType = types.StringUnknown()
	b.GivenName = types.StringNull()
	if diags := validatePaymentTokenBank(b); diags.HasError() {
		t.Errorf("unknown holder type: %v", diags)
	}
}

func TestFlattenPaymentTokenMasks(t *testing.T) {
	var m paymentTokenModel
	flattenPaymentToken(&m, &client.Token{ID: "wKgFaj72F3aBPvZneEsBew", Type: "bank", RoutingNumber: "000000013", AccountNumber: "1234567890"})
	if m.MaskedRoutingNumber.ValueString() != "*****0013" || m.MaskedAccountNumber.ValueString() != "******7890" ||
		m.ID.ValueString() != "wKgFaj72F3aBPvZneEsBew" || !m.ExpMonth.IsNull() || !m.MaskedNumber.IsNull() {
		t.Errorf("flatten: %+v", m)
	}
}
