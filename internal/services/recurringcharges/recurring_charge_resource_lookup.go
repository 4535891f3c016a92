package recurringcharges

import (
	"context"
	"fmt"
	"strings"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/client"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/framework"
	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// findUnsettled looks for the charge of an unsettled create (state holds
// the planned values and the source_id it was sent with).
func (r *RecurringChargeResource) findUnsettled(ctx context.Context, state *RecurringChargeModel, sourceID string, diags *diag.Diagnostics) (*client.RecurringCharge, error) {
	sched := scheduleFromObject(ctx, state.Schedule, diags)
	if sched == nil {
		return nil, fmt.Errorf("the state of the unsettled charge with source_id %q has no schedule", sourceID)
	}
	return r.findCreated(ctx, rcCreateBody(state, sched, sourceID))
}

// findCreated finds the recurring charge created by body after the API
// answered a repeated create with 409 resource_exists (or a create's
// outcome is unknown). The reference documents source_id as write-only, so
// a charge is identified by its source_id when the API returns it, and
// otherwise as the single ACTIVE charge equal to the request in every
// attribute the API returns AND collecting from the same payment method
// (the method is read by its ID and compared with the charge's masked
// method: a charge identical in every other way on another client's card is
// never this one). It returns nil without error when there is no such
// charge, and an error when it cannot tell: several match (it never
// guesses), or the payment method cannot be read.
func (r *RecurringChargeResource) findCreated(ctx context.Context, body client.RecurringChargeCreate) (*client.RecurringCharge, error) {
	charges, err := r.Data.Client.ListRecurringCharges(ctx, client.RecurringChargeFilter{
		AccountID: body.AccountID,
		Status:    client.RecurringStatusActive,
		Reference: body.Reference,
	})
	if err != nil {
		return nil, fmt.Errorf("listing recurring charges: %w", err)
	}
	var bySource, byContent []client.RecurringCharge
	for _, c := range charges {
		if c.SourceID != "" && c.SourceID == body.SourceID {
			bySource = append(bySource, c)
		}
		if c.SourceID == "" && chargeMatches(c, body) {
			byContent = append(byContent, c)
		}
	}
	candidates := byContent
	if len(bySource) > 0 {
		candidates = bySource
	}
	if len(candidates) == 0 {
		return nil, nil
	}
	named, err := framework.ReadNamedMethod(ctx, r.Data.Client, body.Method)
	if err != nil {
		return nil, fmt.Errorf("reading the payment method the create named, to compare it with the matching charges: %w", err)
	}
	if named == nil {
		return nil, fmt.Errorf("the payment method the create named can no longer be read (a one-time token is used up), so the "+
			"matching charges (%s) cannot be told apart from another client's identical charge", chargeIDs(candidates))
	}
	sameMethod := candidates[:0:0]
	for _, c := range candidates {
		if framework.MethodMismatch(named, c.Method) == "" {
			sameMethod = append(sameMethod, c)
		}
	}
	candidates = sameMethod
	switch {
	case len(candidates) == 0:
		return nil, nil
	case len(candidates) > 1:
		return nil, fmt.Errorf("%d active recurring charges match the request, payment method included (%s); the API does not return "+
			"source_id, so the provider cannot tell which one this apply created. To resolve it: keep one (terraform state rm on this "+
			"resource's address, then terraform import <address> %s), and cancel the others if they are duplicates (a separate "+
			"affinipay_recurring_charge imported with its ID and removed with terraform destroy -target, or the AffiniPay dashboard)",
			len(candidates), chargeIDs(candidates), candidates[0].ID)
	}
	c := candidates[0]
	if !chargeMatches(c, body) {
		return nil, fmt.Errorf("recurring charge %s has source_id %q but differs from this configuration; import it, or choose another source_id", c.ID, body.SourceID)
	}
	// The list may abbreviate; read the full charge.
	full, err := r.Data.Client.GetRecurringCharge(ctx, c.ID)
	if err != nil {
		return nil, fmt.Errorf("reading recurring charge %s: %w", c.ID, err)
	}
	return full, nil
}

// chargeIDs lists the IDs of charges, comma-separated.
func chargeIDs(charges []client.RecurringCharge) string {
	ids := make([]string, len(charges))
	for i, c := range charges {
		ids[i] = c.ID
	}
	return strings.Join(ids, ", ")
}

// chargeMatches reports whether a charge returned by the API is what body
// asked for.
func chargeMatches(c client.RecurringCharge, body client.RecurringChargeCreate) bool {
	eqPtr := func(a *client.FlexInt64, b *int64) bool {
		if a == nil || b == nil {
			return a == nil && b == nil
		}
		return int64(*a) == *b
	}
	return int64(c.Amount) == body.Amount &&
		(body.AccountID == "" || c.AccountID == body.AccountID) &&
		(body.Currency == "" || strings.EqualFold(c.Currency, body.Currency)) &&
		c.Description == body.Description && c.Reference == body.Reference &&
		schedulesEqual(c.Schedule, body.Schedule) &&
		eqPtr(c.MaxOccurrences, body.MaxOccurrences) && eqPtr(c.MaxAmount, body.MaxAmount) &&
		RcJsonEqual(c.DataJSON(), string(body.Data))
}
