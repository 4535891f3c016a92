package provider

import (
	"net/http/httptest"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/bench/readbench"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/client"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/sandbox"
)

// BenchmarkContactRead is the refresh of one affinipay_contact (tags, an
// email address) through the provider's protocol server, as Terraform
// drives it, against an in-process sandbox: ReadResource, with the
// framework's conversions, the model, the GET and the identity. `make
// bench` runs it next to the floor provider's BenchmarkFloorContactRead;
// the difference is the provider's share of a refresh per contact.
func BenchmarkContactRead(b *testing.B) {
	sb := sandbox.New(sandbox.Options{})
	srv := httptest.NewServer(sb)
	b.Cleanup(srv.Close)
	creds := sandbox.DefaultCredentials()
	env := map[string]string{
		client.EnvBaseURL: srv.URL, client.EnvSecretKey: creds.TestSecretKey, client.EnvAccessToken: creds.AccessToken,
		client.EnvPublicKey: creds.PublicKey, client.EnvMode: client.ModeTest,
	}
	server, err := providerserver.NewProtocol6WithError(&AffinipayProvider{Version: "bench", Getenv: func(k string) string { return env[k] }})()
	if err != nil {
		b.Fatal(err)
	}
	readbench.Refresh(b, server, readbench.Contact(b, server))
}
