package paymentmethods

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/testutil"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// pmTestCardObject is a card_wo value; overrides replace attributes.
func pmTestCardObject(t *testing.T, overrides map[string]attr.Value) types.Object {
	t.Helper()
	vals := map[string]attr.Value{}
	for k, typ := range paymentMethodCardWOTypes {
		if typ == types.Int64Type {
			vals[k] = types.Int64Null()
		} else {
			vals[k] = types.StringNull()
		}
	}
	vals["number"] = types.StringValue("4242424242424242")
	vals["exp_month"] = types.Int64Value(10)
	vals["exp_year"] = types.Int64Value(2030)
	vals["cvv"] = types.StringValue("123")
	for k, v := range overrides {
		vals[k] = v
	}
	o, diags := types.ObjectValue(paymentMethodCardWOTypes, vals)
	if diags.HasError() {
		t.Fatal(diags)
	}
	return o
}

func TestPaymentDetailsVersionChanged(t *testing.T) {
	prior := pmTestModel()
	plan := prior
	if paymentDetailsVersionChanged(plan, prior) {
		t.Error("both null: no change")
	}
	plan.PaymentDetailsWOVersion = types.Int64Value(1)
	if paymentDetailsVersionChanged(plan, prior) || paymentMethodTokenChanges(plan, prior) {
		t.Error("null -> 1 on an existing payment method (after import) sends nothing")
	}
	if !paymentDetailsVersionAdopted(plan, prior) {
		t.Error("null -> 1 on an existing payment method is recorded")
	}
	prior.PaymentDetailsWOVersion = types.Int64Value(1)
	if paymentDetailsVersionChanged(plan, prior) {
		t.Error("unchanged version sends nothing")
	}
	plan.PaymentDetailsWOVersion = types.Int64Null()
	if paymentDetailsVersionChanged(plan, prior) {
		t.Error("removing the version sends nothing")
	}
	plan.PaymentDetailsWOVersion = types.Int64Value(2)
	if !paymentDetailsVersionChanged(plan, prior) || !paymentMethodTokenChanges(plan, prior) || paymentDetailsVersionAdopted(plan, prior) {
		t.Error("a bump sends the details and marks the card details unknown")
	}
}

func TestCheckPaymentDetailsSendable(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2031, 3, 15, 12, 0, 0, 0, time.UTC)
	bankNull := types.ObjectNull(paymentMethodBankWOTypes)
	cases := map[string]struct {
		card types.Object
		want string
	}{
		"missing":            {types.ObjectNull(paymentMethodCardWOTypes), "neither card_wo nor bank_account_wo is set"},
		"valid":              {pmTestCardObject(t, map[string]attr.Value{"exp_year": types.Int64Value(2031), "exp_month": types.Int64Value(3)}), ""},
		"expired last month": {pmTestCardObject(t, map[string]attr.Value{"exp_year": types.Int64Value(2031), "exp_month": types.Int64Value(2)}), "expired at the end of 02/2031"},
		"expired 2-digit":    {pmTestCardObject(t, map[string]attr.Value{"exp_year": types.Int64Value(30)}), "expired at the end of 10/2030"},
		"valid 2-digit":      {pmTestCardObject(t, map[string]attr.Value{"exp_year": types.Int64Value(35)}), ""},
		"unknown year":       {pmTestCardObject(t, map[string]attr.Value{"exp_year": types.Int64Unknown()}), ""},
		"unknown card":       {types.ObjectUnknown(paymentMethodCardWOTypes), ""},
	}
	for name, tc := range cases {
		diags := checkPaymentDetailsSendable(ctx, paymentMethodDetails{card: tc.card, bank: bankNull}, now)
		switch {
		case tc.want == "" && diags.HasError():
			t.Errorf("%s: %v", name, diags)
		case tc.want != "" && (!diags.HasError() || !strings.Contains(diags[0].Detail(), tc.want)):
			t.Errorf("%s: %v, want %q", name, diags, tc.want)
		}
		for _, d := range diags {
			if strings.Contains(d.Detail(), "4242") {
				t.Errorf("%s: the diagnostic shows the card number", name)
			}
		}
	}
}

func TestExpandPaymentMethodUpdate_details(t *testing.T) {
	ctx := context.Background()
	prior := pmTestModel()
	prior.OneTimeTokenWOVersion = types.Int64Null()
	prior.PaymentDetailsWOVersion = types.Int64Value(1)
	plan := prior
	// Unchanged version: the details token (never made then) is not sent.
	u, n, diags := expandPaymentMethodUpdate(ctx, plan, prior, types.StringNull(), types.StringNull())
	if diags.HasError() || n != 0 || testutil.TestJSON(t, u) != `{}` {
		t.Errorf("unchanged: %s n=%d %v", testutil.TestJSON(t, u), n, diags)
	}
	plan.PaymentDetailsWOVersion = types.Int64Value(2)
	u, n, diags = expandPaymentMethodUpdate(ctx, plan, prior, types.StringNull(), types.StringValue("tok_details"))
	if diags.HasError() || n != 1 || testutil.TestJSON(t, u) != `{"one_time_token":"tok_details"}` {
		t.Errorf("bump: %s n=%d %v", testutil.TestJSON(t, u), n, diags)
	}
	if _, _, diags := expandPaymentMethodUpdate(ctx, plan, prior, types.StringNull(), types.StringNull()); !diags.HasError() ||
		!strings.Contains(diags[0].Detail(), "card_wo") {
		t.Errorf("a bump without details: %v", diags)
	}
}

// card_wo converts to the same POST /v1/tokens body as the ephemeral
// resource's card, with API message contexts mapped onto card_wo.
func TestPaymentMethodDetailsTokenBody(t *testing.T) {
	ctx := context.Background()
	d := paymentMethodDetails{
		card: pmTestCardObject(t, map[string]attr.Value{"postal_code": types.StringValue("78701"), "name": types.StringValue("Lu Harper")}),
		bank: types.ObjectNull(paymentMethodBankWOTypes),
	}
	m, diags := d.tokenModel(ctx)
	if diags.HasError() {
		t.Fatal(diags)
	}
	body, paths := expandPaymentTokenAt(m, pmCardWO, pmBankWO)
	want := `{"type":"card","number":"4242424242424242","exp_month":10,"exp_year":2030,"cvv":"123","name":"Lu Harper","postal_code":"78701"}`
	if got := testutil.TestJSON(t, body); got != want {
		t.Errorf("body %s, want %s", got, want)
	}
	if p, ok := paths.Lookup("number"); !ok || p.String() != "card_wo.number" {
		t.Errorf("context number maps to %v", p)
	}
	if p, ok := paths.Lookup("`card`.postal_code"); !ok || p.String() != "card_wo.postal_code" {
		t.Errorf("context card.postal_code maps to %v", p)
	}
}
