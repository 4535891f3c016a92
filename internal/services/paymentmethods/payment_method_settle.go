package paymentmethods

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/client"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/framework"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/framework/write"
)

// Settling a payment method create whose outcome is unknown (the write
// protocol's lookup). The API has no source_id for payment methods, so the
// stored method is found on its contact by what the token the create sent
// says of the card or bank (masked): its type, the last four digits, the
// expiry of a card, the nickname and reference sent, and, for a one-time
// token, a creation time no earlier than the token's (a method stored
// before the token existed is not this create's). Without this, the next
// apply would store the card a second time.

// findCreated returns the payment method of contactID that a create from
// source made: nil when there is none, an error when several match.
func (r *PaymentMethodResource) findCreated(ctx context.Context, contactID string, source *framework.NamedMethod, nickname, reference string) (*client.PaymentMethod, error) {
	methods, err := r.Data.Client.ListPaymentMethods(ctx, contactID)
	if client.IsNotFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("listing the payment methods of contact %s: %w", contactID, err)
	}
	var found []client.PaymentMethod
	for _, pm := range methods {
		if paymentMethodFrom(pm, source, nickname, reference) {
			found = append(found, pm)
		}
	}
	switch len(found) {
	case 0:
		return nil, nil
	case 1:
		return &found[0], nil
	}
	ids := make([]string, len(found))
	for i, pm := range found {
		ids[i] = pm.ID
	}
	return nil, fmt.Errorf("%d payment methods of contact %s match the create (%s), so the provider cannot tell which one it stored. "+
		"To resolve it: keep one (terraform state rm on this resource's address, then terraform import <address> %s/%s) and delete the "+
		"duplicates from the contact", len(found), contactID, strings.Join(ids, ", "), contactID, ids[0])
}

// paymentMethodFrom reports whether pm can be the method a create from
// source stored.
func paymentMethodFrom(pm client.PaymentMethod, source *framework.NamedMethod, nickname, reference string) bool {
	card := pm.PaymentType == client.PaymentTypeCreditCard
	if (source.Typ == "card") != card || framework.LastFour(pm.AccountNumber) != framework.LastFour(source.Number) {
		return false
	}
	if card && source.ExpMonth != 0 && (pm.ExpirationMonth != source.ExpMonth || pm.ExpirationYear != source.ExpYear) {
		return false
	}
	if pm.Nickname != nickname || pm.Reference != reference {
		return false
	}
	if source.Created != "" && pm.Created != nil && pm.Created.Timestamp != "" {
		tokenAt, err1 := time.Parse(time.RFC3339Nano, source.Created)
		storedAt, err2 := time.Parse(time.RFC3339Nano, pm.Created.Timestamp)
		if err1 == nil && err2 == nil && storedAt.Before(tokenAt) {
			return false
		}
	}
	return true
}

// recordUnsettled records a payment method create whose outcome stays
// unknown: the unsettled ID carries the token's creation time, and the
// masked details the lookup needs go into their computed attributes.
func (r *PaymentMethodResource) recordUnsettled(ctx context.Context, plan tfsdk.Plan, resp *resource.CreateResponse, source *framework.NamedMethod) {
	set := map[string]any{}
	created := ""
	if source != nil {
		created = source.Created
		set["account_number"] = framework.MaskPaymentNumber(source.Number)
		if source.Typ == "card" && source.ExpMonth != 0 {
			set["expiration_month"] = source.ExpMonth
			set["expiration_year"] = source.ExpYear
		}
	}
	resp.Diagnostics.Append(write.RecordUnsettled(ctx, plan, &resp.State, created, set)...)
	resp.Diagnostics.Append(framework.IdentityFromState(ctx, resp.State, resp.Identity)...)
}

// unsettledSource is the lookup source an unsettled record carries.
func unsettledSource(m PaymentMethodResourceModel, created string) *framework.NamedMethod {
	src := &framework.NamedMethod{Typ: "bank", Number: m.AccountNumber.ValueString(), Created: created}
	if m.PaymentType.ValueString() == client.PaymentTypeCreditCard {
		src.Typ, src.ExpMonth, src.ExpYear = "card", m.ExpirationMonth.ValueInt64(), m.ExpirationYear.ValueInt64()
	}
	return src
}

// errOrGone is err, or an error saying the object is gone when err is nil.
func errOrGone(err error) error {
	if err != nil {
		return err
	}
	return errors.New("it can no longer be read")
}
