// Package sandbox is a stateful, in-memory imitation of the AffiniPay API
// (Payment Gateway, Authentication and Contact/partner APIs) served as an
// http.Handler. It is used in-process by acceptance tests and by the
// affinipay-sandbox command.
//
// Layout: one file per API area. sandbox.go holds the server, routing and the
// request pipeline; messages.go the error shapes; auth.go the auth
// middlewares; body.go JSON body decoding; validate.go field validators;
// ids.go ID generators; state.go the seeded state. To add an API area, write
// a file with a `func (s *Server) xxxRoutes()` that registers handlers with
// s.handle, add its state to the state struct (state.go) and its seed data to
// seedState, then call the routes function from (*Server).routes below.
//
// Every handler that reads or writes state must hold s.mu.
//
// # Independence
//
// The sandbox is an oracle for the provider, so it is written from its own
// reading of the API reference (../shared/reference, beside the repository;
// cited below as ":line" of affinipay-api-reference.txt) and shares no
// validation code or patterns with internal/validators or internal/client.
// Only the ISO code tables of internal/iso (countries, US/CA subdivisions,
// ISO 4217 currencies) are shared, as data. Its own tests talk raw HTTP.
//
// # Choices where the reference contradicts itself
//
//   - One-time tokens, table vs examples. The token table (:4246-4269) marks
//     cvv "(required for card)" and account_holder_type "(required for
//     eCheck)"; the documented examples send a bank token without
//     account_holder_type (:3534) and show card tokens without card_type
//     (:3492-3503). Chosen: cvv is required for card tokens (table);
//     account_holder_type defaults to business (the bank object's
//     default) rather than being required; token responses carry
//     card_type (the table lists it; the examples are abridged).
//   - transaction_allowed_countries is "(read-only)" on the ach_account
//     type (:3801) but the Update eCheck Account example sends it
//     (:922-947). Chosen: accepted on PUT/PATCH /v1/ach-accounts/{id}
//     (the example is a concrete request; ach_accounts.go).
//   - Merchant responses list eCheck accounts as "ach_accounts" in the Get
//     Merchant example (:828) but "bank_accounts" in the Update Merchant
//     examples (:888, :917). Chosen: "ach_accounts" everywhere (it matches
//     the ach_account type name and the 8am example of the same response).
//   - Contact lookup by source ID: the parameter table names it source_id
//     (:7199) while the path and the example use ?id= (:7193, :7201).
//     Chosen: both are accepted; ?id= is what the example sends.
//   - Recurring charge preview: start_date (query, default the next day,
//     :2657) vs the example's body schedule.start (:2660-2669). Chosen: the
//     first occurrence is start_date; schedule.start is optional in a
//     preview and defaults to start_date (recurring_preview.go).
//   - Ignore Occurrence: the text only says the occurrence is not collected
//     (:2813-2815); the List Occurrences example (:2858-2874) shows the
//     next occurrence PENDING after an IGNORED one. Chosen: ignoring the
//     pending occurrence schedules the next and moves next_payment.
//   - Masking: saved banks mask the account number to its own length
//     ("**********2394" for 14 digits, :3240) while other examples show
//     "*****8932" or "******0002". Chosen: every masked card or account
//     number keeps its length with the last 4 digits visible, tokens
//     included, so a saved bank made from a token looks like one made
//     from the number.
//   - The IP allow-list error is not given its own code; chosen: the
//     documented general not_authorized 401 (:4355) (ip_allowlist.go).
//   - Postal codes: the gateway documents only "3 to 9 alphanumeric
//     characters, as well as spaces and dashes" (:3829) and the Contact
//     API ^[0-9A-Za-z -]+$ (:9235), with no per-country rule; the sandbox
//     therefore does not reject a UK code with country US. The provider's
//     plan-time check is stricter on purpose (it catches a mistake, not an
//     API rule).
//   - Several merchants (merchants.go): an object ID of another merchant
//     answers 404 resource_not_found ("An item referred to in the request
//     ... was not found", :670), not 401, so that a merchant never learns
//     that an ID exists elsewhere; a credential of no merchant answers 401
//     not_authorized (:4355).
package sandbox
