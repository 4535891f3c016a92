package floorprovider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/bench/readbench"
)

// BenchmarkFloorContactRead is internal/provider's BenchmarkContactRead on
// the floor provider: the same contact, the same protocol calls, and a
// Read that returns the prior state. The difference between the two is
// the provider's own share of a refresh (the request included).
func BenchmarkFloorContactRead(b *testing.B) {
	server, err := providerserver.NewProtocol6WithError(New("floor")())()
	if err != nil {
		b.Fatal(err)
	}
	readbench.Refresh(b, server, readbench.Contact(b, server))
}
