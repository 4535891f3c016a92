package schemacopy

import (
	"context"
	"fmt"
	"runtime"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// sizes are the schemas measured: 8 attributes, 32 (affinipay_contact has
// 23 top-level attributes, several of them nested), and 128.
var sizes = []int{8, 32, 128}

// testSchema has n optional and computed string attributes, a0 ... a(n-1),
// the shape most provider attributes have.
func testSchema(n int) schema.Schema {
	attrs := make(map[string]schema.Attribute, n)
	for i := range n {
		attrs[fmt.Sprintf("a%d", i)] = schema.StringAttribute{Optional: true, Computed: true}
	}
	return schema.Schema{Attributes: attrs}
}

func testValue(n int) tftypes.Value {
	types := make(map[string]tftypes.Type, n)
	vals := make(map[string]tftypes.Value, n)
	for i := range n {
		name := fmt.Sprintf("a%d", i)
		types[name] = tftypes.String
		vals[name] = tftypes.NewValue(tftypes.String, "value")
	}
	return tftypes.NewValue(tftypes.Object{AttributeTypes: types}, vals)
}

// bytesPerCall is what fn allocates per call, averaged over 200 calls on
// this goroutine (runtime.MemStats.TotalAlloc counts every allocation,
// collected or not, so the garbage collector does not disturb it).
func bytesPerCall(fn func()) float64 {
	const calls = 200
	fn() // warm up lazily built state
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for range calls {
		fn()
	}
	runtime.ReadMemStats(&after)
	return float64(after.TotalAlloc-before.TotalAlloc) / calls
}

// TestAttributeLookupCopiesTheSchema is the reproducer as a test: looking
// up one attribute by path allocates in proportion to the schema's size
// (a lookup that indexed the map in place would allocate the same few
// bytes at any size). It fails once the framework stops copying: then
// retire this package and its note in internal/bench/upstream/README.md.
func TestAttributeLookupCopiesTheSchema(t *testing.T) {
	ctx := context.Background()
	per := map[int]float64{}
	for _, n := range []int{8, 128} {
		s := testSchema(n)
		per[n] = bytesPerCall(func() {
			if _, diags := s.AttributeAtPath(ctx, path.Root("a0")); diags.HasError() {
				t.Fatal(diags)
			}
		})
		t.Logf("AttributeAtPath on a schema of %d attributes: %.0f bytes per lookup", n, per[n])
	}
	if per[128] < 8*per[8] {
		t.Fatalf("looking up one attribute allocates %.0f bytes with 128 attributes and %.0f with 8, less than 8x: the framework "+
			"no longer copies the attribute map per lookup; retire internal/bench/upstream/schemacopy and its note in internal/bench/upstream/README.md", per[128], per[8])
	}
}

func BenchmarkAttributeAtPath(b *testing.B) {
	ctx := context.Background()
	for _, n := range sizes {
		s := testSchema(n)
		b.Run(fmt.Sprintf("attributes=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, diags := s.AttributeAtPath(ctx, path.Root("a0")); diags.HasError() {
					b.Fatal(diags)
				}
			}
		})
	}
}

// BenchmarkStateGetAttribute is what a provider's Read or ModifyPlan does
// for one attribute: tfsdk.State.GetAttribute.
func BenchmarkStateGetAttribute(b *testing.B) {
	ctx := context.Background()
	for _, n := range sizes {
		st := tfsdk.State{Schema: testSchema(n), Raw: testValue(n)}
		b.Run(fmt.Sprintf("attributes=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			var v types.String
			for b.Loop() {
				if diags := st.GetAttribute(ctx, path.Root("a0"), &v); diags.HasError() {
					b.Fatal(diags)
				}
			}
		})
	}
}

// BenchmarkPlanResourceChange is one no-change PlanResourceChange through
// the framework's protocol server, for a resource with no plan modifiers,
// validators or defaults: all of it is the framework's own work, and its
// bytes per call grow with the square of the attributes.
func BenchmarkPlanResourceChange(b *testing.B) {
	ctx := context.Background()
	for _, n := range sizes {
		b.Run(fmt.Sprintf("attributes=%d", n), func(b *testing.B) {
			srv, req := planRequest(b, n)
			b.ReportAllocs()
			for b.Loop() {
				resp, err := srv.PlanResourceChange(ctx, req)
				if err != nil || len(resp.Diagnostics) > 0 {
					b.Fatal(err, resp.Diagnostics)
				}
			}
		})
	}
}

func planRequest(tb testing.TB, n int) (tfprotov6.ProviderServer, *tfprotov6.PlanResourceChangeRequest) {
	tb.Helper()
	ctx := context.Background()
	srv := providerserver.NewProtocol6(&reproProvider{attributes: n})()
	if _, err := srv.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{}); err != nil {
		tb.Fatal(err)
	}
	cfg, err := tfprotov6.NewDynamicValue(tftypes.Object{}, tftypes.NewValue(tftypes.Object{}, map[string]tftypes.Value{}))
	if err != nil {
		tb.Fatal(err)
	}
	if resp, err := srv.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{Config: &cfg}); err != nil || len(resp.Diagnostics) > 0 {
		tb.Fatal(err, resp.Diagnostics)
	}
	v := testValue(n)
	dv, err := tfprotov6.NewDynamicValue(v.Type(), v)
	if err != nil {
		tb.Fatal(err)
	}
	return srv, &tfprotov6.PlanResourceChangeRequest{TypeName: "repro_thing", PriorState: &dv, ProposedNewState: &dv, Config: &dv}
}

type reproProvider struct{ attributes int }

func (p *reproProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "repro"
}
func (p *reproProvider) Schema(context.Context, provider.SchemaRequest, *provider.SchemaResponse) {}
func (p *reproProvider) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {
}
func (p *reproProvider) DataSources(context.Context) []func() datasource.DataSource { return nil }
func (p *reproProvider) Resources(context.Context) []func() resource.Resource {
	return []func() resource.Resource{func() resource.Resource { return &reproResource{attributes: p.attributes} }}
}

type reproResource struct{ attributes int }

func (r *reproResource) Metadata(_ context.Context, _ resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = "repro_thing"
}
func (r *reproResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = testSchema(r.attributes)
}
func (r *reproResource) Create(context.Context, resource.CreateRequest, *resource.CreateResponse) {}
func (r *reproResource) Read(context.Context, resource.ReadRequest, *resource.ReadResponse)       {}
func (r *reproResource) Update(context.Context, resource.UpdateRequest, *resource.UpdateResponse) {}
func (r *reproResource) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {}
