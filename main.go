package main

import (
	"flag"
	"fmt"
	"log"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/plugindefaults"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/pluginserver"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/profiling"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/provider"
)

// Docs are generated with `make docs`, which runs tfplugindocs offline
// against a local Terraform (see GNUmakefile); there is no go:generate.

// version and commit are stamped at build time, by goreleaser for releases
// and by the GNUmakefile (`make build`, `make install`) for local builds:
// -ldflags "-X main.version=... -X main.commit=...".
var (
	version = "dev"
	commit  = "none"
)

func main() {
	var debug, showVersion bool
	flag.BoolVar(&debug, "debug", false, "set to true to run the provider with support for debuggers like delve")
	flag.BoolVar(&showVersion, "version", false, "print the provider's version and commit, then exit")
	flag.Parse()

	if showVersion {
		fmt.Printf("terraform-provider-affinipay %s (commit %s)\n", version, commit)
		return
	}

	// Log levels OFF unless Terraform will show the logs (TF_LOG...), and
	// Go's default collector settings (GOGC=100, no memory limit) unless
	// GOGC or GOMEMLIMIT is set (see the package). Not in debug mode, where
	// the logs go to the developer's terminal.
	if !debug {
		plugindefaults.Apply()
	}
	// CPU and heap profiles, only when AFFINIPAY_PROVIDER_PPROF_DIR is set.
	stopProfiling := profiling.Start()

	// providerserver.Serve, except that each request's context is let go
	// when the request returns (see internal/pluginserver).
	err := pluginserver.Serve("registry.terraform.io/affinipay-terraform/affinipay", provider.New(version), debug)
	stopProfiling()
	if err != nil {
		log.Fatal(err.Error())
	}
}
