package client

import "fmt"

// Fields every reply of a type carries (API reference, object types). A
// 2xx reply without them is a *MalformedResponseError, never an object with
// empty values (decodeReply).

func (c *Contact) check() error             { return requireFields("id", c.ID, "type", c.Type) }
func (r *RecurringCharge) check() error     { return requireFields("id", r.ID) }
func (p *PaymentMethod) check() error       { return requireFields("id", p.ID) }
func (m *Merchant) check() error            { return requireFields("id", m.ID) }
func (a *AchAccount) check() error          { return requireFields("id", a.ID) }
func (t *Token) check() error               { return requireFields("id", t.ID) }
func (s *SavedCard) check() error           { return requireFields("id", s.ID) }
func (s *SavedBank) check() error           { return requireFields("id", s.ID) }
func (s *Status) check() error              { return requireFields("status", s.Status) }
func (b *BankAccount) check() error         { return requireFields("id", b.ID) }
func (o *RecurringOccurrence) check() error { return requireFields("id", o.ID) }

// List pages: every result must be usable.
func (p *contactPage) check() error         { return checkAll(&p.Results) }
func (p *recurringChargePage) check() error { return checkAll(&p.Results) }
func (p *occurrencePage) check() error      { return checkAll(&p.Results) }

// check requires what GET /gateway-credentials is read for: at least one
// test or live account, each with its secret key.
func (g *GatewayCredentials) check() error {
	if len(g.TestAccounts)+len(g.LiveAccounts) == 0 {
		return requireFields("test_accounts or live_accounts", "")
	}
	for i, a := range append(append([]GatewayAccount(nil), g.TestAccounts...), g.LiveAccounts...) {
		if err := requireFields("secret_key", a.SecretKey); err != nil {
			return fmt.Errorf("account %d: %w", i, err)
		}
	}
	return nil
}

// check requires what a schedule preview is read for: at least one
// occurrence, each with its due date (an empty or `{}` reply is not a
// schedule with no payments).
func (p *RecurringProjection) check() error {
	if len(p.Occurrences) == 0 {
		return requireFields("occurrences", "")
	}
	for i, o := range p.Occurrences {
		if err := requireFields("due_date", o.DueDate); err != nil {
			return fmt.Errorf("occurrence %d: %w", i, err)
		}
	}
	return nil
}
