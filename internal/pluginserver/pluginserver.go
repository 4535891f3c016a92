// Package pluginserver serves a terraform-plugin-framework provider over
// plugin protocol 6 as providerserver.Serve does, with one difference: the
// context of each request is let go when the request returns.
//
// # Why
//
// terraform-plugin-framework (v1.19.0, internal/proto6server) registers the
// context of every request it serves, keeping its cancel function in a
// slice that only StopProvider empties, so that StopProvider can cancel the
// requests in flight. Terraform sends StopProvider only when it is
// interrupted, so a provider process keeps every request's context until it
// exits, and with it everything that context holds: the request's logger
// contexts from terraform-plugin-go and its gRPC stream, about 11 KB a
// request. A plan sends three or four requests per resource instance, so
// the live heap grew by about 40 MB per 1,000 instances, and with Go's
// default GOGC=100 peak RSS by twice that (119 MiB for the minimal noop
// provider at N = 1,000, 198 MiB for this one). pluginserver_test.go
// measures it (and fails when the framework stops keeping them, so that
// this package can be retired).
//
// # How
//
// Each request gets a context of its own (requestContext) that stands for
// the request's context while the request runs (its values, deadline and
// cancellation) and, once the request returns, is cancelled and drops its
// reference to the request's context. The framework still keeps its cancel
// function, but that now holds a few hundred bytes, not the request.
//
// Nothing that works today changes: the request's context is cancelled by
// gRPC when the request returns anyway, and a provider may not use it after
// that. The two streaming requests, ListResource and InvokeAction, let go
// when Terraform has read the whole stream.
package pluginserver

import (
	"context"
	"iter"

	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"
)

// Serve is providerserver.Serve for protocol 6 with every request's context
// let go when the request returns (see the package comment). debug serves
// with tf6server.WithManagedDebug, like providerserver.ServeOpts.Debug.
func Serve(address string, providerFunc func() provider.Provider, debug bool) error {
	var opts []tf6server.ServeOpt
	if debug {
		opts = append(opts, tf6server.WithManagedDebug())
	}
	return tf6server.Serve(address, func() tfprotov6.ProviderServer {
		return Wrap(providerserver.NewProtocol6(providerFunc())())
	}, opts...)
}

// NewProtocol6WithError is providerserver.NewProtocol6WithError with the
// server wrapped (for terraform-plugin-testing's ProtoV6ProviderFactories).
func NewProtocol6WithError(p provider.Provider) func() (tfprotov6.ProviderServer, error) {
	return func() (tfprotov6.ProviderServer, error) {
		return Wrap(providerserver.NewProtocol6(p)()), nil
	}
}

// frameworkServer is what the framework's protocol 6 server implements of
// what this provider uses: the provider, resource, data source, function,
// ephemeral resource, list resource and action requests.
type frameworkServer interface {
	tfprotov6.ProviderServer
	tfprotov6.ListResourceServer
	tfprotov6.ActionServer
}

// Wrap returns s serving every request with a context that is let go when
// the request returns. s must be the framework's server
// (providerserver.NewProtocol6), which serves list resources and actions
// too; any other server is returned as it is.
func Wrap(s tfprotov6.ProviderServer) tfprotov6.ProviderServer {
	fs, ok := s.(frameworkServer)
	if !ok {
		return s
	}
	return &server{inner: fs}
}

// server forwards every request to the framework's server, with the
// request's context wrapped. It serves no state store requests (this
// provider has no state stores), so Terraform is told the provider has
// none, as the framework tells it.
type server struct {
	inner frameworkServer
}

var (
	_ tfprotov6.ProviderServerWithListResource = (*server)(nil)
	_ tfprotov6.ProviderServerWithActions      = (*server)(nil)
)

// call runs one request with its context wrapped, and lets the context go
// when it returns.
func call[Req, Resp any](ctx context.Context, req Req, fn func(context.Context, Req) (Resp, error)) (Resp, error) {
	rc := newRequestContext(ctx)
	defer rc.release()
	return fn(rc, req)
}

// stream is call for a streaming request: the context is let go when the
// stream has been read to its end or abandoned (or at once when there is
// no stream, or an error, after which Terraform reads no stream).
func stream[Req, Resp, Item any](ctx context.Context, req Req, fn func(context.Context, Req) (*Resp, error), items func(*Resp) *iter.Seq[Item]) (*Resp, error) {
	rc := newRequestContext(ctx)
	resp, err := fn(rc, req)
	if err == nil && resp != nil {
		if seq := items(resp); *seq != nil {
			inner := *seq
			*seq = func(yield func(Item) bool) {
				defer rc.release()
				inner(yield)
			}
			return resp, nil
		}
	}
	rc.release()
	return resp, err
}

func (s *server) GetMetadata(ctx context.Context, req *tfprotov6.GetMetadataRequest) (*tfprotov6.GetMetadataResponse, error) {
	return call(ctx, req, s.inner.GetMetadata)
}

func (s *server) GetProviderSchema(ctx context.Context, req *tfprotov6.GetProviderSchemaRequest) (*tfprotov6.GetProviderSchemaResponse, error) {
	return call(ctx, req, s.inner.GetProviderSchema)
}

func (s *server) GetResourceIdentitySchemas(ctx context.Context, req *tfprotov6.GetResourceIdentitySchemasRequest) (*tfprotov6.GetResourceIdentitySchemasResponse, error) {
	return call(ctx, req, s.inner.GetResourceIdentitySchemas)
}

func (s *server) ValidateProviderConfig(ctx context.Context, req *tfprotov6.ValidateProviderConfigRequest) (*tfprotov6.ValidateProviderConfigResponse, error) {
	return call(ctx, req, s.inner.ValidateProviderConfig)
}

func (s *server) ConfigureProvider(ctx context.Context, req *tfprotov6.ConfigureProviderRequest) (*tfprotov6.ConfigureProviderResponse, error) {
	return call(ctx, req, s.inner.ConfigureProvider)
}

// StopProvider is not wrapped: it returns at once, and it is what cancels
// the requests in flight.
func (s *server) StopProvider(ctx context.Context, req *tfprotov6.StopProviderRequest) (*tfprotov6.StopProviderResponse, error) {
	return s.inner.StopProvider(ctx, req)
}

func (s *server) ValidateResourceConfig(ctx context.Context, req *tfprotov6.ValidateResourceConfigRequest) (*tfprotov6.ValidateResourceConfigResponse, error) {
	return call(ctx, req, s.inner.ValidateResourceConfig)
}

func (s *server) UpgradeResourceState(ctx context.Context, req *tfprotov6.UpgradeResourceStateRequest) (*tfprotov6.UpgradeResourceStateResponse, error) {
	return call(ctx, req, s.inner.UpgradeResourceState)
}

func (s *server) ReadResource(ctx context.Context, req *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	return call(ctx, req, s.inner.ReadResource)
}

func (s *server) PlanResourceChange(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	return call(ctx, req, s.inner.PlanResourceChange)
}

func (s *server) ApplyResourceChange(ctx context.Context, req *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error) {
	return call(ctx, req, s.inner.ApplyResourceChange)
}

func (s *server) ImportResourceState(ctx context.Context, req *tfprotov6.ImportResourceStateRequest) (*tfprotov6.ImportResourceStateResponse, error) {
	return call(ctx, req, s.inner.ImportResourceState)
}

func (s *server) MoveResourceState(ctx context.Context, req *tfprotov6.MoveResourceStateRequest) (*tfprotov6.MoveResourceStateResponse, error) {
	return call(ctx, req, s.inner.MoveResourceState)
}

func (s *server) UpgradeResourceIdentity(ctx context.Context, req *tfprotov6.UpgradeResourceIdentityRequest) (*tfprotov6.UpgradeResourceIdentityResponse, error) {
	return call(ctx, req, s.inner.UpgradeResourceIdentity)
}

func (s *server) GenerateResourceConfig(ctx context.Context, req *tfprotov6.GenerateResourceConfigRequest) (*tfprotov6.GenerateResourceConfigResponse, error) {
	return call(ctx, req, s.inner.GenerateResourceConfig)
}

func (s *server) ValidateDataResourceConfig(ctx context.Context, req *tfprotov6.ValidateDataResourceConfigRequest) (*tfprotov6.ValidateDataResourceConfigResponse, error) {
	return call(ctx, req, s.inner.ValidateDataResourceConfig)
}

func (s *server) ReadDataSource(ctx context.Context, req *tfprotov6.ReadDataSourceRequest) (*tfprotov6.ReadDataSourceResponse, error) {
	return call(ctx, req, s.inner.ReadDataSource)
}

func (s *server) GetFunctions(ctx context.Context, req *tfprotov6.GetFunctionsRequest) (*tfprotov6.GetFunctionsResponse, error) {
	return call(ctx, req, s.inner.GetFunctions)
}

func (s *server) CallFunction(ctx context.Context, req *tfprotov6.CallFunctionRequest) (*tfprotov6.CallFunctionResponse, error) {
	return call(ctx, req, s.inner.CallFunction)
}

func (s *server) ValidateEphemeralResourceConfig(ctx context.Context, req *tfprotov6.ValidateEphemeralResourceConfigRequest) (*tfprotov6.ValidateEphemeralResourceConfigResponse, error) {
	return call(ctx, req, s.inner.ValidateEphemeralResourceConfig)
}

func (s *server) OpenEphemeralResource(ctx context.Context, req *tfprotov6.OpenEphemeralResourceRequest) (*tfprotov6.OpenEphemeralResourceResponse, error) {
	return call(ctx, req, s.inner.OpenEphemeralResource)
}

func (s *server) RenewEphemeralResource(ctx context.Context, req *tfprotov6.RenewEphemeralResourceRequest) (*tfprotov6.RenewEphemeralResourceResponse, error) {
	return call(ctx, req, s.inner.RenewEphemeralResource)
}

func (s *server) CloseEphemeralResource(ctx context.Context, req *tfprotov6.CloseEphemeralResourceRequest) (*tfprotov6.CloseEphemeralResourceResponse, error) {
	return call(ctx, req, s.inner.CloseEphemeralResource)
}

func (s *server) ValidateListResourceConfig(ctx context.Context, req *tfprotov6.ValidateListResourceConfigRequest) (*tfprotov6.ValidateListResourceConfigResponse, error) {
	return call(ctx, req, s.inner.ValidateListResourceConfig)
}

func (s *server) ListResource(ctx context.Context, req *tfprotov6.ListResourceRequest) (*tfprotov6.ListResourceServerStream, error) {
	return stream(ctx, req, s.inner.ListResource, func(r *tfprotov6.ListResourceServerStream) *iter.Seq[tfprotov6.ListResourceResult] {
		return &r.Results
	})
}

func (s *server) ValidateActionConfig(ctx context.Context, req *tfprotov6.ValidateActionConfigRequest) (*tfprotov6.ValidateActionConfigResponse, error) {
	return call(ctx, req, s.inner.ValidateActionConfig)
}

func (s *server) PlanAction(ctx context.Context, req *tfprotov6.PlanActionRequest) (*tfprotov6.PlanActionResponse, error) {
	return call(ctx, req, s.inner.PlanAction)
}

func (s *server) InvokeAction(ctx context.Context, req *tfprotov6.InvokeActionRequest) (*tfprotov6.InvokeActionServerStream, error) {
	return stream(ctx, req, s.inner.InvokeAction, func(r *tfprotov6.InvokeActionServerStream) *iter.Seq[tfprotov6.InvokeActionEvent] {
		return &r.Events
	})
}
