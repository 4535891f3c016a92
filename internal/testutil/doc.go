// Package testutil holds the few pure helpers that unit tests inside object
// packages share (JSON of a value, string sets, error and regexp shorthands).
// It imports nothing of the provider, so any test may import it.
package testutil
