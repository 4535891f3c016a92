package paymentmethods

// Plan-time agreement of a new payment method with what it is made from:
// its test_mode with the contact's, and its payment_type with the one-time
// token's type. Both are checked only when the values are known at plan
// (the contact exists; the token ID is known), with reads (GET), never a
// write, so a mismatch fails the plan instead of the middle of an apply.

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/client"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/framework"
)

// paymentTypeOfToken maps a gateway token type to a contact payment_type.
func paymentTypeOfToken(t string) string {
	if t == "bank" {
		return client.PaymentTypeBankAccount
	}
	return client.PaymentTypeCreditCard
}

func knownString(v types.String) bool { return framework.IsKnown(v) && v.ValueString() != "" }

// checkPaymentMethodAgreement reads the contact and the one-time token of a
// payment method about to be created. Lookup failures are left to the
// apply (which reports them on the attribute): only a definite mismatch is
// an error here.
func checkPaymentMethodAgreement(ctx context.Context, c *client.Client, cfg tfsdk.Config) diag.Diagnostics {
	var diags diag.Diagnostics
	if c == nil {
		return diags
	}
	var contactID, paymentType, oneTime types.String
	var testMode types.Bool
	diags.Append(cfg.GetAttribute(ctx, path.Root("contact_id"), &contactID)...)
	diags.Append(cfg.GetAttribute(ctx, path.Root("payment_type"), &paymentType)...)
	diags.Append(cfg.GetAttribute(ctx, path.Root("one_time_token_wo"), &oneTime)...)
	diags.Append(cfg.GetAttribute(ctx, path.Root("test_mode"), &testMode)...)
	if diags.HasError() {
		return diags
	}
	if framework.IsKnown(testMode) && knownString(contactID) {
		if ct, err := c.GetContact(ctx, contactID.ValueString()); err == nil && ct.TestMode != testMode.ValueBool() {
			diags.AddAttributeError(path.Root("test_mode"), "test_mode does not match the contact",
				fmt.Sprintf("test_mode is %t, but contact %s has test_mode = %t, and a payment method must have its contact's mode. "+
					"Set test_mode = %t, or leave it out to take the contact's.", testMode.ValueBool(), contactID.ValueString(), ct.TestMode, ct.TestMode))
		}
	}
	if knownString(paymentType) && knownString(oneTime) {
		if tok, err := c.GetToken(ctx, oneTime.ValueString()); err == nil && tok.Type != "" && paymentTypeOfToken(tok.Type) != paymentType.ValueString() {
			diags.AddAttributeError(path.Root("payment_type"), "payment_type does not match the payment token",
				fmt.Sprintf("payment_type is %q, but one_time_token_wo holds a %s token, which makes a %q payment method. "+
					"Set payment_type = %q, or use a %s token.", paymentType.ValueString(), tok.Type, paymentTypeOfToken(tok.Type),
					paymentTypeOfToken(tok.Type), map[string]string{client.PaymentTypeCreditCard: "card", client.PaymentTypeBankAccount: "bank"}[paymentType.ValueString()]))
		}
	}
	return diags
}
