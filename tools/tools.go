//go:build tools

// Package tools pins the versions of the Go tools the build uses
// (tfplugindocs for docs/, gotestsum for the test runs) in their own module,
// tools/go.mod, so that their dependencies stay out of the provider's go.mod
// and its release binary. `make docs` runs tfplugindocs with
// `go -C tools run ...`; the test targets build gotestsum into .bin/.
package tools

import (
	// Documentation generation and validation (make docs, make docs-validate)
	_ "github.com/hashicorp/terraform-plugin-docs/cmd/tfplugindocs"
	// Test runner with per-package progress and a summary (make test, race,
	// test-latest, test-tofu)
	_ "gotest.tools/gotestsum"
)
