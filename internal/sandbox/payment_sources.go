package sandbox

// chargeableMethod is a payment method that a charge or recurring charge can
// use, as the gateway shows it in responses: masked, without CVV.
type chargeableMethod struct {
	Mode   mode           // test or live; a charge must use a method of its own mode
	Type   string         // "card" or "bank"
	Masked map[string]any // the `method` object of responses (number masked, no CVV)
}

// methodResolver finds a chargeable method by ID. consume is true when the
// caller uses the method for real, so that single-use sources (one-time
// tokens) are spent; false only looks. Called with s.mu held.
type methodResolver func(id string, consume bool) (chargeableMethod, bool)

// addMethodResolver registers a resolver; call it from an area's routes
// function (saved cards/banks, tokens, contact payment methods).
func (s *Server) addMethodResolver(r methodResolver) {
	s.methodResolvers = append(s.methodResolvers, r)
}

// resolveMethodLocked asks every registered resolver for id. s.mu must be held.
func (s *Server) resolveMethodLocked(id string, consume bool) (chargeableMethod, bool) {
	for _, r := range s.methodResolvers {
		if m, ok := r(id, consume); ok {
			return m, true
		}
	}
	return chargeableMethod{}, false
}
