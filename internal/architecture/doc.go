// Package architecture has no code: its test enforces the import rules of
// the house described in README.md ("Architecture").
package architecture
