package provider_test

import (
	"context"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	tfresource "github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/acctest"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/provider"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/sandbox"
)

// Every resource has a `timeouts` attribute with create, update and delete.
func TestResourcesHaveTimeouts(t *testing.T) {
	ctx := context.Background()
	p := provider.New("test")()
	for _, factory := range p.Resources(ctx) {
		r := factory()
		var meta resource.MetadataResponse
		r.Metadata(ctx, resource.MetadataRequest{ProviderTypeName: "affinipay"}, &meta)
		var resp resource.SchemaResponse
		r.Schema(ctx, resource.SchemaRequest{}, &resp)
		attr, ok := resp.Schema.Attributes["timeouts"]
		if !ok {
			t.Errorf("%s has no timeouts attribute", meta.TypeName)
			continue
		}
		nested, ok := attr.(schema.SingleNestedAttribute)
		if !ok {
			t.Errorf("%s: timeouts is a %T, not a nested attribute", meta.TypeName, attr)
			continue
		}
		for _, op := range []string{"create", "update", "delete"} {
			if _, ok := nested.Attributes[op]; !ok {
				t.Errorf("%s: timeouts lacks %s", meta.TypeName, op)
			}
		}
	}
}

// Every data source has a `timeouts` nested attribute with an optional
// `read`, checked at plan time, and nothing else.
func TestDataSourcesHaveTimeouts(t *testing.T) {
	ctx := context.Background()
	p := provider.New("test")()
	factories := p.DataSources(ctx)
	if len(factories) == 0 {
		t.Fatal("the provider has no data sources")
	}
	for _, factory := range factories {
		d := factory()
		var meta datasource.MetadataResponse
		d.Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: "affinipay"}, &meta)
		var resp datasource.SchemaResponse
		d.Schema(ctx, datasource.SchemaRequest{}, &resp)
		attr, ok := resp.Schema.Attributes["timeouts"]
		if !ok {
			t.Errorf("%s has no timeouts attribute", meta.TypeName)
			continue
		}
		nested, ok := attr.(dsschema.SingleNestedAttribute)
		if !ok {
			t.Errorf("%s: timeouts is a %T, not a nested attribute", meta.TypeName, attr)
			continue
		}
		if !nested.Optional || nested.MarkdownDescription == "" {
			t.Errorf("%s: timeouts must be optional and documented", meta.TypeName)
		}
		read, ok := nested.Attributes["read"].(dsschema.StringAttribute)
		if !ok {
			t.Errorf("%s: timeouts lacks a string read", meta.TypeName)
			continue
		}
		if !read.Optional || len(read.Validators) == 0 || read.MarkdownDescription == "" {
			t.Errorf("%s: timeouts.read must be optional, validated and documented", meta.TypeName)
		}
		if len(nested.Attributes) != 1 {
			t.Errorf("%s: timeouts has %d attributes, want only read", meta.TypeName, len(nested.Attributes))
		}
	}
}

// Retries are bounded by the resource's timeout: against an API that
// answers every POST with 503, a create with timeouts.create = "3s" gives
// up within seconds, although max_retries = 20 would otherwise keep it
// retrying for minutes, and nothing is created (the unknown outcome is
// recorded as unsettled, then found to have created nothing).
func TestAccTimeoutsBoundRetries(t *testing.T) {
	acctest.Parallel(t)
	acctest.SandboxOnly(t)
	if err := acctest.SandboxFor(t).SetFaults(sandbox.Faults{ErrorRate503: 1, Methods: []string{"POST"}}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = acctest.SandboxFor(t).SetFaults(sandbox.Faults{}) })
	const sourceID = "timeouts:bounded-retries"
	start := time.Now()
	tfresource.Test(t, tfresource.TestCase{
		ProtoV6ProviderFactories: acctest.Factories(t),
		Steps: []tfresource.TestStep{{
			Config: `
provider "affinipay" {
  max_retries = 20
}
resource "affinipay_contact" "this" {
  type       = "person"
  first_name = "Tim"
  last_name  = "Eout"
  source_id  = "` + sourceID + `"
  timeouts = {
    create = "3s"
  }
}`,
			// The outcome of a create answered 503 is unknown (a 503 may
			// follow a commit): it is recorded as unsettled, with a
			// warning; the refresh after the apply finds no contact and
			// removes the record, so a create is planned again.
			ExpectNonEmptyPlan: true,
		}},
	})
	if took := time.Since(start); took > 20*time.Second {
		t.Errorf("the create took %v: retries were not bounded by the 3s timeout", took)
	}
	if n := acctest.SandboxFor(t).ContactsBySourceID(sourceID); n != 0 {
		t.Errorf("%d contacts were created", n)
	}
}
