package framework

import (
	"context"
	"fmt"
	"strings"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/client"
)

// The API returns a recurring charge's payment method only as masked
// details, never its ID. method_details shows them (so a method changed
// outside Terraform shows as a change of method_details on refresh), and
// an import that names the method (`<charge_id>/<method_id>`, or the
// identity's `method`) is checked against them before `method` is set.

// lastFour returns the last four characters of a masked number.
func LastFour(s string) string {
	s = strings.TrimSpace(s)
	if len(s) < 4 {
		return s
	}
	return s[len(s)-4:]
}

// namedMethod is what the provider reads about the payment method an
// import names, normalised for comparison with the charge's method.
type NamedMethod struct {
	Kind        string // "saved card", "saved bank", "contact payment method"
	Typ         string // card | bank
	Number      string
	ExpMonth    int64
	ExpYear     int64
	bankName    string
	fingerprint string
	Created     string // a one-time token's creation time
}

// readNamedMethod reads the saved card, saved bank or contact payment
// method with ID id. A contact payment method (`pmtd_...`) is found by
// listing the payment methods of the merchant's contacts, since the API
// reads one only under its contact.
func ReadNamedMethod(ctx context.Context, c *client.Client, id string) (*NamedMethod, error) {
	if strings.HasPrefix(id, "pmtd_") {
		contacts, err := c.SearchContacts(ctx, client.ContactSearch{})
		if err != nil {
			return nil, fmt.Errorf("listing contacts to find payment method %s: %w", id, err)
		}
		for _, ct := range contacts {
			pms, err := c.ListPaymentMethods(ctx, ct.ID)
			if client.IsNotFound(err) {
				continue
			}
			if err != nil {
				return nil, fmt.Errorf("listing payment methods of contact %s: %w", ct.ID, err)
			}
			for _, pm := range pms {
				if pm.ID != id {
					continue
				}
				m := &NamedMethod{Kind: "contact payment method (contact " + ct.ID + ")", Number: pm.AccountNumber, bankName: pm.BankName}
				if pm.PaymentType == "credit_card" {
					m.Typ, m.ExpMonth, m.ExpYear = "card", pm.ExpirationMonth, pm.ExpirationYear
				} else {
					m.Typ = "bank"
				}
				return m, nil
			}
		}
		return nil, nil
	}
	card, err := c.GetSavedCard(ctx, id)
	if err == nil {
		return &NamedMethod{Kind: "saved card", Typ: "card", Number: card.Number, ExpMonth: int64(card.ExpMonth),
			ExpYear: int64(card.ExpYear), fingerprint: card.Fingerprint}, nil
	}
	if !client.IsNotFound(err) {
		return nil, fmt.Errorf("reading saved card %s: %w", id, err)
	}
	bank, err := c.GetSavedBank(ctx, id)
	if err == nil {
		return &NamedMethod{Kind: "saved bank", Typ: "bank", Number: bank.AccountNumber, bankName: bank.BankName,
			fingerprint: bank.Fingerprint}, nil
	}
	if !client.IsNotFound(err) {
		return nil, fmt.Errorf("reading saved bank %s: %w", id, err)
	}
	// A one-time token (a charge's method may be one).
	return ReadTokenMethod(ctx, c, id)
}

// readTokenMethod reads a one-time token, masked: nil when there is none.
func ReadTokenMethod(ctx context.Context, c *client.Client, id string) (*NamedMethod, error) {
	tok, err := c.GetToken(ctx, id)
	if client.IsNotFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading one-time token: %w", err)
	}
	return TokenMethod(tok), nil
}

// tokenMethod is a one-time token's masked details as a namedMethod.
func TokenMethod(tok *client.Token) *NamedMethod {
	m := &NamedMethod{Kind: "one-time token", Typ: tok.Type, Number: tok.Number, ExpMonth: tok.ExpMonth, ExpYear: tok.ExpYear,
		bankName: tok.BankName, fingerprint: tok.Fingerprint, Created: tok.Created}
	if tok.Type == client.TokenTypeBank {
		m.Number = tok.AccountNumber
	}
	return m
}

// methodMismatch compares a named method with the charge's masked method
// and returns what differs ("" when they match): type, last four digits,
// and expiry (cards) or bank name (banks); and the fingerprint when both
// have one.
func MethodMismatch(m *NamedMethod, d *client.PaymentMethodDetails) string {
	if d == nil || d.Type == "" {
		return "the API returned no payment details for the charge"
	}
	var diffs []string
	if m.Typ != d.Type {
		diffs = append(diffs, fmt.Sprintf("type: the %s is a %s, the charge uses a %s", m.Kind, m.Typ, d.Type))
	}
	if a, b := LastFour(m.Number), LastFour(MethodNumber(d)); a != b {
		diffs = append(diffs, fmt.Sprintf("last four digits: %q, the charge's %q", a, b))
	}
	if m.Typ == d.Type && d.Type == "card" && (m.ExpMonth != int64(d.ExpMonth) || m.ExpYear != int64(d.ExpYear)) {
		diffs = append(diffs, fmt.Sprintf("expiry: %02d/%d, the charge's %02d/%d", m.ExpMonth, m.ExpYear, int64(d.ExpMonth), int64(d.ExpYear)))
	}
	if m.Typ == d.Type && d.Type == "bank" && !strings.EqualFold(strings.TrimSpace(m.bankName), strings.TrimSpace(d.BankName)) {
		diffs = append(diffs, fmt.Sprintf("bank name: %q, the charge's %q", m.bankName, d.BankName))
	}
	if m.fingerprint != "" && d.Fingerprint != "" && m.fingerprint != d.Fingerprint {
		diffs = append(diffs, "fingerprint differs")
	}
	return strings.Join(diffs, "; ")
}

// methodNumber is the masked number of a card, or the masked account
// number of a bank.
func MethodNumber(d *client.PaymentMethodDetails) string {
	if d.Type == "bank" {
		return d.AccountNumber
	}
	return d.Number
}
