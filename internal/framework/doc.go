// Package framework is the provider's plumbing on terraform-plugin-framework,
// shared by every object package under internal/services: provider data and
// its Configure helpers, timeouts, identity and import helpers, diagnostics
// (API messages[] on the attribute their context names), state decoding,
// per-object locks, the list resource and action bases, the cents type,
// computed-attribute builders, and references to payment methods that more
// than one object reads. The one write protocol is its sub-package
// internal/framework/write.
//
// It imports the client and the validators, never an object package or the
// provider (internal/architecture's test enforces this).
package framework
