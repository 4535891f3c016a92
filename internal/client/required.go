package client

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
