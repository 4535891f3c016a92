package sandbox

import (
	"net/http"
	"slices"
)

// Purge test data (reference: "Purge Test Data",
// POST /v1/merchant/purge-test-data): "discard all of your test data and
// return to a clean slate" — "payment methods, transactions, recurring
// charges, etc." — answering "204 No Content ... and an empty response
// body when successful"; "Live-mode data is never modified by this
// endpoint."
//
// The sandbox's reading:
//   - Secret-key (Basic) authentication like every Gateway endpoint.
//   - With the test-mode key it removes every test-mode object the sandbox
//     keeps for the Gateway: saved cards and banks, recurring charges
//     (with their occurrences and the transactions recorded in them) and
//     one-time tokens (sandbox tokens are test-mode, see tokens.go), plus
//     the Contact API payment methods with test_mode = true (they are
//     payment methods the Gateway charges in test mode). Contacts
//     themselves are Contact API records, not Gateway test data, and
//     stay. Merchant settings, accounts and live-mode objects are kept.
//   - With the live-mode key nothing is modified (live data is never
//     modified) and the answer is the same 204: the reference documents
//     no error for it.
//   - Sequence counters are not reset, so IDs are never reused.
func (s *Server) purgeRoutes() {
	s.handle("POST /v1/merchant/purge-test-data", s.secretKeyAuth(s.purgeTestData))
}

func (s *Server) purgeTestData(w http.ResponseWriter, r *http.Request) {
	if modeOf(r) != modeTest {
		w.WriteHeader(http.StatusNoContent)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.st
	st.savedMethods = slices.DeleteFunc(st.savedMethods, func(sm *savedMethod) bool { return sm.Mode == modeTest })
	st.recurringCharges = slices.DeleteFunc(st.recurringCharges, func(c *recurringCharge) bool { return c.Mode == modeTest })
	clear(st.oneTimeTokens)
	if st.contactAPI != nil {
		st.contactAPI.methods = slices.DeleteFunc(st.contactAPI.methods, func(pm *paymentMethod) bool { return pm.TestMode })
	}
	w.WriteHeader(http.StatusNoContent)
}
