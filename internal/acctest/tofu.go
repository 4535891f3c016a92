package acctest

import (
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
)

// OpenTofu resolves a provider source without a hostname, such as
// "affinipay-terraform/affinipay", against registry.opentofu.org, Terraform
// against registry.terraform.io. A dev_overrides key must name the address
// the CLI resolves, or the CLI tries to install the provider from a registry.

var cliHosts sync.Map // CLI path -> registry host

// cliProviderHost returns TF_ACC_PROVIDER_HOST when set (the variable
// terraform-plugin-testing reads for the same purpose), otherwise
// registry.opentofu.org for an OpenTofu binary and registry.terraform.io for
// anything else.
func CLIProviderHost(t *testing.T, tf string) string {
	t.Helper()
	if h := os.Getenv("TF_ACC_PROVIDER_HOST"); h != "" {
		return h
	}
	if h, ok := cliHosts.Load(tf); ok {
		return h.(string) //nolint:forcetypeassert // only strings are stored
	}
	host := "registry.terraform.io"
	out, err := exec.Command(tf, "version").Output()
	if err != nil {
		t.Fatalf("%s version: %v", tf, err)
	}
	if strings.Contains(string(out), "OpenTofu") {
		host = "registry.opentofu.org"
	}
	cliHosts.Store(tf, host)
	return host
}
