package paymentmethods

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/client"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/framework"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/testutil"
)

func TestPaymentMethodSchema(t *testing.T) {
	ctx := context.Background()
	var resp resource.SchemaResponse
	NewPaymentMethodResource().Schema(ctx, resource.SchemaRequest{}, &resp)
	if resp.Diagnostics.HasError() {
		t.Fatal(resp.Diagnostics)
	}
	if diags := resp.Schema.ValidateImplementation(ctx); diags.HasError() {
		t.Fatal(diags)
	}
	wo := resp.Schema.Attributes["one_time_token_wo"].(schema.StringAttribute)
	if !wo.WriteOnly || !wo.Sensitive || wo.Computed {
		t.Errorf("one_time_token_wo: write-only %v sensitive %v computed %v", wo.WriteOnly, wo.Sensitive, wo.Computed)
	}
	if !resp.Schema.Attributes["saved_payment_token"].IsSensitive() {
		t.Error("saved_payment_token is not sensitive")
	}
	for _, name := range paymentMethodMaskedAttrs {
		a, ok := resp.Schema.Attributes[name]
		if !ok || !a.IsComputed() || a.IsOptional() || a.IsRequired() {
			t.Errorf("%s must be computed only", name)
		}
	}
	// No attribute that is stored can take a card, CVV, routing or account
	// number: only the write-only card_wo and bank_account_wo take them.
	for name, a := range resp.Schema.Attributes {
		if (a.IsOptional() || a.IsRequired()) && strings.Contains(name, "number") {
			t.Errorf("%s is configurable", name)
		}
	}
	for _, name := range []string{"card_wo", "bank_account_wo"} {
		a := resp.Schema.Attributes[name].(schema.SingleNestedAttribute)
		// Not sensitive as a whole (its secret children are, below):
		// `terraform plan -generate-config-out` writes a sensitive nested
		// attribute as `{}`, an invalid configuration.
		if !a.WriteOnly || a.Sensitive || a.Computed || a.Required {
			t.Errorf("%s: write-only %v sensitive %v computed %v required %v", name, a.WriteOnly, a.Sensitive, a.Computed, a.Required)
		}
		for child, c := range a.Attributes {
			if !c.IsWriteOnly() {
				t.Errorf("%s.%s is not write-only", name, child)
			}
			if (strings.Contains(child, "number") || child == "cvv") && !c.IsSensitive() {
				t.Errorf("%s.%s is not sensitive", name, child)
			}
		}
	}
	if v, ok := resp.Schema.Attributes["payment_details_wo_version"]; !ok || !v.IsOptional() || v.IsWriteOnly() {
		t.Error("payment_details_wo_version must be an optional, stored attribute")
	}
	if !strings.Contains(resp.Schema.MarkdownDescription, "contact_id/payment_method_id") {
		t.Error("the description lacks the import ID format")
	}
}

func pmTestModel() PaymentMethodResourceModel {
	return PaymentMethodResourceModel{
		ID: types.StringValue("pmtd_WesqHDqMXBn1RoI6qDTOu"), ContactID: types.StringValue("p_E3ZUY3x1R87RISuzJ3vDm"),
		PaymentType: types.StringValue("credit_card"), OneTimeTokenWO: types.StringNull(),
		OneTimeTokenWOVersion: types.Int64Value(1), SavedPaymentToken: types.StringNull(),
		AuthorizedUses: testutil.MerchantTestSet("all"), Preferred: types.BoolValue(false),
		Nickname: types.StringValue("Visa"), Reference: types.StringNull(), TestMode: types.BoolValue(true),
		CardWO: types.ObjectNull(paymentMethodCardWOTypes), BankAccountWO: types.ObjectNull(paymentMethodBankWOTypes),
		PaymentDetailsWOVersion: types.Int64Null(),
	}
}

func TestExpandPaymentMethodCreate(t *testing.T) {
	ctx := context.Background()
	plan := pmTestModel()
	body, diags := expandPaymentMethodCreate(ctx, plan, types.StringValue("tok_123"))
	if diags.HasError() {
		t.Fatal(diags)
	}
	want := `{"payment_type":"credit_card","one_time_token":"tok_123","authorized_uses":["all"],"preferred":false,"nickname":"Visa","test_mode":true}`
	if got := testutil.TestJSON(t, body); got != want {
		t.Errorf("body = %s, want %s", got, want)
	}
	// Unconfigured Optional+Computed values are unknown at create: not sent.
	plan.AuthorizedUses = types.SetUnknown(types.StringType)
	plan.Preferred = types.BoolUnknown()
	plan.Nickname = types.StringNull()
	plan.SavedPaymentToken = types.StringValue("saved_1")
	body, _ = expandPaymentMethodCreate(ctx, plan, types.StringNull())
	if got, want := testutil.TestJSON(t, body), `{"payment_type":"credit_card","saved_payment_token":"saved_1","test_mode":true}`; got != want {
		t.Errorf("body = %s, want %s", got, want)
	}
	plan.SavedPaymentToken = types.StringNull()
	if _, diags := expandPaymentMethodCreate(ctx, plan, types.StringNull()); !diags.HasError() {
		t.Error("no token accepted")
	}
}

func TestExpandPaymentMethodUpdate(t *testing.T) {
	ctx := context.Background()
	prior := pmTestModel()
	tok := types.StringValue("tok_new")
	cases := map[string]struct {
		change func(*PaymentMethodResourceModel)
		token  types.String
		want   string
		n      int
	}{
		"nothing":               {func(*PaymentMethodResourceModel) {}, tok, `{}`, 0},
		"token without version": {func(*PaymentMethodResourceModel) {}, types.StringValue("other"), `{}`, 0},
		"version bump":          {func(m *PaymentMethodResourceModel) { m.OneTimeTokenWOVersion = types.Int64Value(2) }, tok, `{"one_time_token":"tok_new"}`, 1},
		"version removed":       {func(m *PaymentMethodResourceModel) { m.OneTimeTokenWOVersion = types.Int64Null() }, types.StringNull(), `{}`, 0},
		"saved token":           {func(m *PaymentMethodResourceModel) { m.SavedPaymentToken = types.StringValue("s2") }, types.StringNull(), `{"saved_payment_token":"s2"}`, 1},
		"nickname cleared":      {func(m *PaymentMethodResourceModel) { m.Nickname = types.StringNull() }, tok, `{"nickname":""}`, 1},
		"reference set":         {func(m *PaymentMethodResourceModel) { m.Reference = types.StringValue("crm-1") }, tok, `{"reference":"crm-1"}`, 1},
		"preferred unknown":     {func(m *PaymentMethodResourceModel) { m.Preferred = types.BoolUnknown() }, tok, `{}`, 0},
		"preferred true":        {func(m *PaymentMethodResourceModel) { m.Preferred = types.BoolValue(true) }, tok, `{"preferred":true}`, 1},
		"uses": {func(m *PaymentMethodResourceModel) { m.AuthorizedUses = testutil.MerchantTestSet("merchant", "client") }, tok,
			`{"authorized_uses":["client","merchant"]}`, 1},
	}
	for name, tc := range cases {
		plan := prior
		tc.change(&plan)
		u, n, diags := expandPaymentMethodUpdate(ctx, plan, prior, tc.token, types.StringNull())
		if diags.HasError() {
			t.Errorf("%s: %v", name, diags)
			continue
		}
		if got := testutil.TestJSON(t, u); got != tc.want || n != tc.n {
			t.Errorf("%s: body %s (n=%d), want %s (n=%d)", name, got, n, tc.want, tc.n)
		}
	}
	plan := prior
	plan.OneTimeTokenWOVersion = types.Int64Value(3)
	if _, _, diags := expandPaymentMethodUpdate(ctx, plan, prior, types.StringNull(), types.StringNull()); !diags.HasError() ||
		!strings.Contains(diags[0].Detail(), "one_time_token_wo") {
		t.Errorf("a version bump without a token: %v", diags)
	}
}

func TestPaymentMethodTokenChanges(t *testing.T) {
	state := pmTestModel()
	plan := state
	if paymentMethodTokenChanges(plan, state) {
		t.Error("no change")
	}
	plan.OneTimeTokenWOVersion = types.Int64Value(2)
	if !paymentMethodTokenChanges(plan, state) {
		t.Error("version bump")
	}
	plan.OneTimeTokenWOVersion = types.Int64Null()
	if paymentMethodTokenChanges(plan, state) {
		t.Error("removing the version sends nothing")
	}
	state.OneTimeTokenWOVersion = types.Int64Null()
	plan.OneTimeTokenWOVersion = types.Int64Value(1)
	if !paymentMethodTokenChanges(plan, state) {
		t.Error("first version after import")
	}
	plan = state
	plan.SavedPaymentToken = types.StringValue("s")
	if !paymentMethodTokenChanges(plan, state) {
		t.Error("saved token")
	}
}

func TestFlattenPaymentMethod(t *testing.T) {
	ctx := context.Background()
	like := pmTestModel()
	like.SavedPaymentToken = types.StringValue("saved_1")
	pm := &client.PaymentMethod{
		ID: "pmtd_WesqHDqMXBn1RoI6qDTOu", PayeeID: "org_Y2eJHCXVqjMlXL9EfmBfc", PaymentType: "credit_card",
		Name: "Some Customer", AccountNumber: "4242424242424242", CardType: "VISA", ExpirationMonth: 4, ExpirationYear: 2030,
		Preferred: true, TestMode: true, Address: &client.PaymentMethodAddress{Line1: "123 Street St", PostalCode: "78701"},
	}
	m, diags := flattenPaymentMethod(ctx, "p_E3ZUY3x1R87RISuzJ3vDm", pm, like)
	if diags.HasError() {
		t.Fatal(diags)
	}
	if got := m.AccountNumber.ValueString(); got != "************4242" {
		t.Errorf("an unmasked account number reached the state as %q", got)
	}
	if !m.OneTimeTokenWO.IsNull() || !m.OneTimeTokenWOVersion.Equal(types.Int64Value(1)) || m.SavedPaymentToken.ValueString() != "saved_1" {
		t.Errorf("token attributes: %v %v %v", m.OneTimeTokenWO, m.OneTimeTokenWOVersion, m.SavedPaymentToken)
	}
	if m.AuthorizedUses.IsNull() || len(m.AuthorizedUses.Elements()) != 0 {
		t.Errorf("authorized_uses missing from the response must be an empty set, got %v", m.AuthorizedUses)
	}
	if !m.Nickname.IsNull() || !m.BankName.IsNull() || !m.Preferred.ValueBool() || m.ExpirationMonth.ValueInt64() != 4 {
		t.Errorf("flatten: %+v", m)
	}
	addr := m.Address.Attributes()
	if addr["line1"].(types.String).ValueString() != "123 Street St" || !addr["city"].IsNull() {
		t.Errorf("address: %v", addr)
	}

	bank, _ := flattenPaymentMethod(ctx, "p_x", &client.PaymentMethod{ID: "pmtd_b", PaymentType: "bank_account",
		AccountNumber: "******7890", BankName: "FIRST BANK", BankAccountType: "checking", AccountHolderType: "individual"}, like)
	if !bank.Address.IsNull() || !bank.ExpirationMonth.IsNull() || !bank.CardType.IsNull() || bank.AccountNumber.ValueString() != "******7890" {
		t.Errorf("bank: %+v", bank)
	}
}

func TestParsePaymentMethodImportID(t *testing.T) {
	if c, id, ok := parsePaymentMethodImportID(" p_E3ZUY3x1R87RISuzJ3vDm/pmtd_UlrciejZ4ZWpmOv8ldzM9 "); !ok || c != "p_E3ZUY3x1R87RISuzJ3vDm" || id != "pmtd_UlrciejZ4ZWpmOv8ldzM9" {
		t.Errorf("got %q %q %v", c, id, ok)
	}
	for _, bad := range []string{"", "pmtd_x", "/pmtd_x", "p_x/", "p_x/pmtd_x/y"} {
		if _, _, ok := parsePaymentMethodImportID(bad); ok {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestMaskPaymentNumber(t *testing.T) {
	for in, want := range map[string]string{
		"4242424242424242": "************4242",
		"************4242": "************4242",
		"000000013":        "*****0013",
		"1234":             "1234",
		"":                 "",
		"4242-4242-4242":   "****-****-4242",
	} {
		if got := framework.MaskPaymentNumber(in); got != want {
			t.Errorf("maskPaymentNumber(%q) = %q, want %q", in, got, want)
		}
	}
}
