package pluginserver

import (
	"context"
	"errors"
	"iter"
	"runtime"
	"testing"
	"time"

	"github.com/hashicorp/go-plugin"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/protobuf/types/known/emptypb"
)

type emptyProvider struct{}

func (emptyProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "empty"
}
func (emptyProvider) Schema(context.Context, provider.SchemaRequest, *provider.SchemaResponse) {}
func (emptyProvider) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {
}
func (emptyProvider) DataSources(context.Context) []func() datasource.DataSource { return nil }
func (emptyProvider) Resources(context.Context) []func() resource.Resource       { return nil }

// serveOverGRPC serves factory's server in this process, over gRPC on a
// Unix socket as Terraform talks to a provider, and returns a function
// that sends n GetMetadata requests to it.
func serveOverGRPC(t *testing.T, factory func() tfprotov6.ProviderServer) func(n int) {
	t.Helper()
	for _, name := range []string{"TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK"} {
		t.Setenv(name, "OFF")
	}
	ctx, cancel := context.WithCancel(context.Background())
	reattach := make(chan *plugin.ReattachConfig, 1)
	closed := make(chan struct{})
	go func() {
		if err := tf6server.Serve("registry.terraform.io/test/empty", factory, tf6server.WithDebug(ctx, reattach, closed)); err != nil {
			t.Error(err)
		}
	}()
	var rc *plugin.ReattachConfig
	select {
	case rc = <-reattach:
	case <-time.After(10 * time.Second):
		t.Fatal("the provider did not start")
	}
	conn, err := grpc.NewClient("unix:"+rc.Addr.String(), grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = conn.Close()
		cancel()
		<-closed
	})
	return func(n int) {
		for range n {
			// GetMetadata's request and reply are empty messages on the wire
			// as far as this test reads them.
			if err := conn.Invoke(ctx, "/tfplugin6.Provider/GetMetadata", &emptypb.Empty{}, &emptypb.Empty{}); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// retainedPerRequest is how many bytes of heap are still live, per
// request, after n more requests are served (the heap is measured after
// two collections).
func retainedPerRequest(send func(int), n int) float64 {
	heap := func() int64 {
		runtime.GC()
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return int64(m.HeapAlloc)
	}
	send(100) // warm up: schemas, gRPC buffers
	before := heap()
	send(n)
	return float64(heap()-before) / float64(n)
}

// The framework alone keeps every request's context until the provider
// stops, about 11 KB a request; served through Wrap, a request keeps a few
// hundred bytes at most. If the unwrapped figure ever drops, the framework
// has stopped keeping them: then this package can be retired.
func TestRequestsAreLetGo(t *testing.T) {
	const n = 2000
	bare := retainedPerRequest(serveOverGRPC(t, providerserver.NewProtocol6(emptyProvider{})), n)
	wrapped := retainedPerRequest(serveOverGRPC(t, func() tfprotov6.ProviderServer {
		return Wrap(providerserver.NewProtocol6(emptyProvider{})())
	}), n)
	t.Logf("heap kept per GetMetadata request: framework alone %.0f bytes, wrapped %.0f bytes", bare, wrapped)
	if wrapped > 1024 {
		t.Errorf("served through Wrap, each request still keeps %.0f bytes of heap, want at most 1 KiB", wrapped)
	}
	if bare < 4096 {
		t.Errorf("the framework alone keeps %.0f bytes per request, less than 4 KiB: it no longer keeps every request's context "+
			"(terraform-plugin-framework internal/proto6server registerContext); retire internal/pluginserver", bare)
	}
}

type ctxKey struct{}

// While a request runs its context has the request's values, deadline and
// cancellation; after it returns the context is cancelled and has none of
// its values; a context the framework derives from it (registerContext's
// WithCancel) is cancelled with it.
func TestRequestContext(t *testing.T) {
	deadline := time.Now().Add(time.Hour)
	parent, cancelParent := context.WithDeadline(context.WithValue(context.Background(), ctxKey{}, "logger"), deadline)
	defer cancelParent()
	rc := newRequestContext(parent)
	derived, cancelDerived := context.WithCancel(rc)
	defer cancelDerived()

	if got := derived.Value(ctxKey{}); got != "logger" {
		t.Errorf("during the request Value = %v, want the request's value", got)
	}
	if d, ok := derived.Deadline(); !ok || !d.Equal(deadline) {
		t.Errorf("Deadline = %v, %v, want the request's %v", d, ok, deadline)
	}
	if derived.Err() != nil {
		t.Fatal("cancelled before anything cancelled it")
	}

	cancelParent() // Terraform cancels the request
	select {
	case <-derived.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("the request's cancellation did not reach the derived context")
	}
	if got := derived.Value(ctxKey{}); got != "logger" {
		t.Errorf("a cancelled request still running lost its values: Value = %v", got)
	}

	rc.release()
	if rc.Value(ctxKey{}) != nil || derived.Value(ctxKey{}) != nil {
		t.Error("after the request returned its context still holds the request's values")
	}
	if rc.Err() == nil {
		t.Error("after the request returned its context is not cancelled")
	}
}

// A request that returns without anyone cancelling it: release cancels
// the context and what derives from it.
func TestRequestContextReleaseCancels(t *testing.T) {
	rc := newRequestContext(context.WithValue(context.Background(), ctxKey{}, "v"))
	derived, cancel := context.WithCancel(rc)
	defer cancel()
	rc.release()
	select {
	case <-derived.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("release did not cancel the context derived from the request's")
	}
	if rc.parent != nil {
		t.Error("release kept the request's context")
	}
}

// A streamed reply (ListResource, InvokeAction) is read after the request
// method returned: its context keeps the request's values until the stream
// is read to its end, and lets them go then.
func TestStreamReleasesAfterTheStream(t *testing.T) {
	parent := context.WithValue(context.Background(), ctxKey{}, "v")
	var seen []any
	var requestCtx context.Context
	resp, err := stream(parent, "req", func(ctx context.Context, _ string) (*tfprotov6.ListResourceServerStream, error) {
		requestCtx = ctx
		return &tfprotov6.ListResourceServerStream{Results: func(yield func(tfprotov6.ListResourceResult) bool) {
			for range 3 {
				seen = append(seen, ctx.Value(ctxKey{}))
				if !yield(tfprotov6.ListResourceResult{DisplayName: "x"}) {
					return
				}
			}
		}}, nil
	}, func(r *tfprotov6.ListResourceServerStream) *iter.Seq[tfprotov6.ListResourceResult] { return &r.Results })
	if err != nil {
		t.Fatal(err)
	}
	if requestCtx.Value(ctxKey{}) != "v" {
		t.Fatal("the context was let go before the stream was read")
	}
	n := 0
	for range resp.Results {
		n++
	}
	if n != 3 || len(seen) != 3 || seen[2] != "v" {
		t.Fatalf("read %d results, values seen while streaming %v", n, seen)
	}
	if requestCtx.Value(ctxKey{}) != nil || requestCtx.Err() == nil {
		t.Error("after the stream was read the request's context was not let go")
	}

	// No stream: let go at once.
	resp, _ = stream(parent, "req", func(ctx context.Context, _ string) (*tfprotov6.ListResourceServerStream, error) {
		requestCtx = ctx
		return nil, nil
	}, func(r *tfprotov6.ListResourceServerStream) *iter.Seq[tfprotov6.ListResourceResult] { return &r.Results })
	if resp != nil || requestCtx.Err() == nil {
		t.Error("a request without a stream did not let its context go")
	}

	// An error: Terraform reads no stream, so let go at once.
	_, err = stream(parent, "req", func(ctx context.Context, _ string) (*tfprotov6.ListResourceServerStream, error) {
		requestCtx = ctx
		return &tfprotov6.ListResourceServerStream{Results: tfprotov6.NoListResults}, errors.New("failed")
	}, func(r *tfprotov6.ListResourceServerStream) *iter.Seq[tfprotov6.ListResourceResult] { return &r.Results })
	if err == nil || requestCtx.Err() == nil || requestCtx.Value(ctxKey{}) != nil {
		t.Error("a request that failed did not let its context go")
	}
}
