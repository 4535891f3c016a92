// Command floor-provider serves internal/bench/floorprovider under the real
// provider's address, for `make bench` (bench-only; never released).
package main

import (
	"context"
	"log"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/bench/floorprovider"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/plugindefaults"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/profiling"
)

// main serves like the real provider's main (same plugin defaults and
// profiling switch), so that only the CRUD differs.
func main() {
	plugindefaults.Apply()
	stop := profiling.Start()
	err := providerserver.Serve(context.Background(), floorprovider.New("floor"), providerserver.ServeOpts{
		Address:         "registry.terraform.io/affinipay-terraform/affinipay",
		ProtocolVersion: 6,
	})
	stop()
	if err != nil {
		log.Fatal(err)
	}
}
