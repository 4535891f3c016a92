//go:build tools

// Package tools pins the versions of the Go tools the build uses
// (tfplugindocs for docs/), so `go run` finds them in go.mod.
package tools

import (
	// Documentation generation
	_ "github.com/hashicorp/terraform-plugin-docs/cmd/tfplugindocs"
)
