package paymentmethods_test

import (
	"testing"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/acctest"
)

// TestMain starts the sandbox the acceptance tests of this package share.
func TestMain(m *testing.M) { acctest.Main(m) }
