package main

import (
	"context"
	"flag"
	"log"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/plugindefaults"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/profiling"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/provider"
)

// Docs are generated with `make docs`, which runs tfplugindocs offline
// against a local Terraform (see GNUmakefile); there is no go:generate.

// version is set by goreleaser (-ldflags "-X main.version=...").
var version = "dev"

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "set to true to run the provider with support for debuggers like delve")
	flag.Parse()

	// Log levels OFF unless Terraform will show the logs (TF_LOG...), and a
	// soft memory limit unless GOMEMLIMIT is set (see the package). Not in
	// debug mode, where the logs go to the developer's terminal.
	if !debug {
		plugindefaults.Apply()
	}
	// CPU and heap profiles, only when AFFINIPAY_PROVIDER_PPROF_DIR is set.
	stopProfiling := profiling.Start()

	opts := providerserver.ServeOpts{
		Address:         "registry.terraform.io/affinipay-terraform/affinipay",
		Debug:           debug,
		ProtocolVersion: 6,
	}
	err := providerserver.Serve(context.Background(), provider.New(version), opts)
	stopProfiling()
	if err != nil {
		log.Fatal(err.Error())
	}
}
