package provider

import (
	"testing"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/sandbox"
)

// testAccSandboxFor is the sandbox test t runs against, nil against the
// real API.
func testAccSandboxFor(*testing.T) *sandbox.Server { return testSandbox }
