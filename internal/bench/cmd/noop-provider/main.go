// Command noop-provider serves internal/bench/noopprovider under the real
// provider's address, for `make bench` (bench-only; never released). It
// quiets the logs like the real provider but keeps Go's default runtime
// settings (no memory limit, GOGC=100) and the framework's own
// providerserver.Serve, which keeps every request's context until the
// process ends (see internal/pluginserver): the bench's reference, a stock
// framework provider that does nothing.
package main

import (
	"context"
	"log"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/bench/noopprovider"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/plugindefaults"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/profiling"
)

func main() {
	plugindefaults.QuietLogs()
	stop := profiling.Start()
	err := providerserver.Serve(context.Background(), noopprovider.New, providerserver.ServeOpts{
		Address:         "registry.terraform.io/affinipay-terraform/affinipay",
		ProtocolVersion: 6,
	})
	stop()
	if err != nil {
		log.Fatal(err)
	}
}
