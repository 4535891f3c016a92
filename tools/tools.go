//go:build tools

// Package tools pins the versions of the Go tools the build uses
// (tfplugindocs for docs/) in their own module, tools/go.mod, so that their
// dependencies stay out of the provider's go.mod and its release binary.
// `make docs` runs them with `go -C tools run ...`.
package tools

import (
	// Documentation generation and validation (make docs, make docs-validate)
	_ "github.com/hashicorp/terraform-plugin-docs/cmd/tfplugindocs"
)
