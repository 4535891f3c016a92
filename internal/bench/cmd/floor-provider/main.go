// Command floor-provider serves internal/bench/floorprovider under the real
// provider's address, for `make bench` (bench-only; never released).
package main

import (
	"log"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/bench/floorprovider"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/plugindefaults"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/pluginserver"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/profiling"
)

// main serves like the real provider's main (same plugin defaults and
// profiling switch), so that only the CRUD differs.
func main() {
	plugindefaults.Apply()
	stop := profiling.Start()
	err := pluginserver.Serve("registry.terraform.io/affinipay-terraform/affinipay", floorprovider.New("floor"), false)
	stop()
	if err != nil {
		log.Fatal(err)
	}
}
