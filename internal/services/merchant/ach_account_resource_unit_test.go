package merchant

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/client"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/testutil"
)

func TestExpandAchAccountUpdate(t *testing.T) {
	ctx := context.Background()
	cfg := ACHAccountResourceModel{
		AccountID:                   types.StringValue("a1"),
		Name:                        types.StringNull(),
		Primary:                     types.BoolValue(true),
		RequiredPaymentFields:       testutil.MerchantTestSet("phone", "email", "name"),
		TransactionAllowedCountries: types.SetNull(types.StringType),
	}
	u, _ := expandAchAccountUpdate(ctx, cfg, nil)
	if got, want := testutil.TestJSON(t, u.AchAccountUpdate), `{"primary":true,"required_payment_fields":"email,name,phone"}`; got != want {
		t.Errorf("create body = %s, want %s", got, want)
	}

	prior := ACHAccountResourceModel{
		Name: types.StringValue("Trust"), Primary: types.BoolValue(false),
		RequiredPaymentFields: testutil.MerchantTestSet("name"), TransactionAllowedCountries: testutil.MerchantTestSet("US", "CA"),
	}
	plan := prior
	plan.Primary = types.BoolUnknown() // not configured, resource updated: never sent
	plan.TransactionAllowedCountries = testutil.MerchantTestSet()
	u, _ = expandAchAccountUpdate(ctx, plan, &prior)
	if got, want := testutil.TestJSON(t, u.AchAccountUpdate), `{"transaction_allowed_countries":""}`; got != want {
		t.Errorf("update body = %s, want %s", got, want)
	}
	if u, _ := expandAchAccountUpdate(ctx, prior, &prior); !u.IsEmpty() {
		t.Errorf("no change: %+v", u)
	}
}

func TestFlattenAchAccount(t *testing.T) {
	trust := client.FlexBool(true)
	full := client.AchAccount{
		ID: "a1", Status: "ACTIVE", TrustAccount: &trust, Name: "Trust", Primary: true, Currency: "USD",
		RoutingNumber: "******013", AccountNumber: "*****8932", AccountType: "CHECKING", BankName: "FIRST BANK OF TESTING",
		RequiredPaymentFields: "name,address1", TransactionAllowedCountries: "",
	}
	base, diags := flattenAchAccount(context.Background(), full)
	if diags.HasError() {
		t.Fatal(diags)
	}
	if base.ID.ValueString() != "a1" || base.AccountID.ValueString() != "a1" || !base.TrustAccount.ValueBool() ||
		!base.RequiredPaymentFields.Equal(testutil.MerchantTestSet("address1", "name")) ||
		base.TransactionAllowedCountries.IsNull() || len(base.TransactionAllowedCountries.Elements()) != 0 {
		t.Errorf("flatten: %+v", base)
	}

	// A PATCH response shaped like the reference's example (no currency,
	// no trust_account) keeps the read-only values already known.
	patched, _ := flattenAchAccount(context.Background(), client.AchAccount{
		ID: "a1", Status: "ACTIVE", Name: "Renamed", Primary: true, RoutingNumber: "******013",
		AccountNumber: "*****8932", AccountType: "CHECKING", BankName: "FIRST BANK OF TESTING",
	})
	if !patched.TrustAccount.IsNull() || patched.Currency.ValueString() != "" {
		t.Fatalf("precondition: %+v", patched)
	}
	patched.fillReadOnlyFrom(base)
	if patched.Currency.ValueString() != "USD" || !patched.TrustAccount.ValueBool() || patched.Name.ValueString() != "Renamed" {
		t.Errorf("fillReadOnlyFrom: %+v", patched)
	}
	if patched.RequiredPaymentFields.Equal(base.RequiredPaymentFields) {
		t.Error("fillReadOnlyFrom must not restore the policy lists")
	}
}

// Routing and account numbers go to state through maskPaymentNumber, like
// the other resources' numbers: even an unmasked number from the API keeps
// only its last four digits, and the API's masked form is kept as it is.
func TestAchAccountNumbersMasked(t *testing.T) {
	full := client.AchAccount{ID: "a1", RoutingNumber: "110000000", AccountNumber: "000123456789"}
	m, _ := flattenAchAccount(context.Background(), full)
	d := flattenAchAccountData(full)
	for name, got := range map[string]string{
		"resource routing_number": m.RoutingNumber.ValueString(), "data source routing_number": d.RoutingNumber,
	} {
		if got != "*****0000" {
			t.Errorf("%s = %q, want *****0000", name, got)
		}
	}
	for name, got := range map[string]string{
		"resource account_number": m.AccountNumber.ValueString(), "data source account_number": d.AccountNumber,
	} {
		if got != "********6789" {
			t.Errorf("%s = %q, want ********6789", name, got)
		}
	}
	masked := client.AchAccount{ID: "a1", RoutingNumber: "******013", AccountNumber: "*****8932"}
	if m, _ := flattenAchAccount(context.Background(), masked); m.RoutingNumber.ValueString() != "******013" || m.AccountNumber.ValueString() != "*****8932" {
		t.Errorf("masked numbers changed: %q %q", m.RoutingNumber.ValueString(), m.AccountNumber.ValueString())
	}
}
