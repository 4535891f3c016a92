// Package acctest holds what the acceptance tests of every package share
// (as internal/acctest does in the AWS provider): Main, which starts the
// in-process sandbox for a test binary; the per-test sandbox factories
// (Parallel, Factories, SandboxFor); CLI workspaces that drive a real
// Terraform or OpenTofu binary, including interrupts; request counters on
// the sandbox's metrics; the card-data scanner; and stub API servers.
//
// It imports the provider, so only external test packages (package x_test)
// may import it; unit tests inside an object package use internal/testutil.
package acctest
