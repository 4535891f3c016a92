package framework

import (
	"context"
	"fmt"
	"sync"
	"time"

	dstimeouts "github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/client"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/validators"
)

// defaultTimeout bounds every resource's create, read, update and delete
// (with all their retries, Retry-After waits and follow-up lookups) unless
// the resource's `timeouts` block says otherwise.
const DefaultTimeout = 10 * time.Minute

// dataSourceDefaultTimeout bounds every data source's read (with all its
// requests, retries, Retry-After waits and pages) unless the data source's
// `timeouts` attribute says otherwise: the client's own bound for a call
// with no deadline, so a data source without `timeouts` behaves as before.
const dataSourceDefaultTimeout = client.DefaultOperationTimeout

// minTimeout and maxTimeout bound a configured timeout.
const (
	minTimeout = time.Second
	maxTimeout = 24 * time.Hour
)

// stopGrace is how long a create, update or delete may go on after
// Terraform is interrupted (SIGINT, SIGTERM), so that a request that may
// already have reached the API is settled (its answer read, or the object
// looked up) and recorded in state instead of forgotten.
const StopGrace = 30 * time.Second

// withTimeout returns the context of a create, update or delete, bounded by
// the operation's timeout. get is the matching method of the resource's
// timeouts value (Create, Update or Delete). When ok is false the
// diagnostics say why and the operation must stop; otherwise the caller
// defers cancel.
//
// The context is detached from Terraform's cancellation: when Terraform is
// stopping, the client sends no new write (client.ErrNotSent) but a write
// already sent is completed, and its outcome looked up, for at most
// stopGrace longer (and never past the timeout), so that state records
// what was done.
func WithTimeout(ctx context.Context, get func(context.Context, time.Duration) (time.Duration, diag.Diagnostics), diags *diag.Diagnostics) (_ context.Context, cancel context.CancelFunc, ok bool) {
	timeout, ok := resolveTimeout(ctx, get, DefaultTimeout, diags)
	if !ok {
		return ctx, func() {}, false
	}
	return settleContext(ctx, timeout, StopGrace)
}

// resolveTimeout reads the configured timeout (def when unset) through the
// timeouts value's getter, adding its diagnostics to diags.
func resolveTimeout(ctx context.Context, get func(context.Context, time.Duration) (time.Duration, diag.Diagnostics), def time.Duration, diags *diag.Diagnostics) (time.Duration, bool) {
	timeout, d := get(ctx, def)
	diags.Append(d...)
	return timeout, !diags.HasError()
}

// settleContext implements withTimeout for a given timeout and grace.
func settleContext(ctx context.Context, timeout, grace time.Duration) (_ context.Context, cancel context.CancelFunc, ok bool) {
	opCtx, cancelOp := context.WithTimeout(context.WithoutCancel(ctx), timeout)
	stop := make(chan struct{})
	opCtx = client.WithInterrupt(opCtx, stop)
	var mu sync.Mutex
	var graceTimer *time.Timer
	unregister := context.AfterFunc(ctx, func() {
		close(stop)
		tflog.Warn(opCtx, fmt.Sprintf("Terraform is stopping: no new request is sent; a request already sent is settled for at most %s", grace))
		mu.Lock()
		graceTimer = time.AfterFunc(grace, cancelOp)
		mu.Unlock()
	})
	return opCtx, func() {
		unregister()
		mu.Lock()
		if graceTimer != nil {
			graceTimer.Stop()
		}
		mu.Unlock()
		cancelOp()
	}, true
}

// withReadTimeout bounds a read by `timeouts.read` (def when unset): get is
// the Read method of a resource's or data source's timeouts value. Unlike
// writes, a read stops as soon as Terraform is interrupted. When ok is
// false the diagnostics say why and the read must stop; otherwise the
// caller defers cancel.
func WithReadTimeout(ctx context.Context, get func(context.Context, time.Duration) (time.Duration, diag.Diagnostics), def time.Duration, diags *diag.Diagnostics) (_ context.Context, cancel context.CancelFunc, ok bool) {
	timeout, ok := resolveTimeout(ctx, get, def, diags)
	if !ok {
		return ctx, func() {}, false
	}
	ctx, cancel = context.WithTimeout(ctx, timeout)
	return ctx, cancel, true
}

// timeoutsAttribute is the `timeouts` attribute of every resource: create,
// read, update and delete, each defaulting to defaultTimeout.
func TimeoutsAttribute(ctx context.Context) schema.Attribute {
	a := timeouts.Attributes(ctx, timeouts.Opts{Create: true, Read: true, Update: true, Delete: true})
	if nested, ok := a.(schema.SingleNestedAttribute); ok {
		// Each duration is checked at plan time on its own attribute path
		// (timeouts.create, ...), with the range the operation can use: a
		// zero or negative timeout would fail every apply without naming
		// the attribute.
		for name, at := range nested.Attributes {
			if sa, ok := at.(schema.StringAttribute); ok {
				sa.Validators = []validator.String{validators.Duration(minTimeout, maxTimeout)}
				sa.MarkdownDescription = fmt.Sprintf("How long %s may take, a Go duration from `%s` to `%s` such as `5m`.", name, minTimeout, maxTimeout)
				nested.Attributes[name] = sa
			}
		}
		nested.MarkdownDescription = "How long create, read, update and delete may take, as Go durations such as `30s` or `5m`: " +
			"every retry, backoff, `Retry-After` wait and follow-up lookup counts. " +
			"Each defaults to `" + durationDoc(DefaultTimeout) + "`. When a timeout passes, the operation stops and fails " +
			"(at once when the API asks to wait longer than what remains); the next apply reconciles what was done. " +
			"When Terraform is interrupted, a create, update or delete already sent is settled and recorded for at most " +
			fmt.Sprintf("%ds", int(StopGrace.Seconds())) + " more."
		return nested
	}
	return a
}

// withDataSourceTimeout bounds a data source's Read by the `timeouts.read`
// of its configuration (dataSourceDefaultTimeout when unset). When ok is
// false the diagnostics say why and the read must stop; otherwise the
// caller defers cancel.
func WithDataSourceTimeout(ctx context.Context, t dstimeouts.Value, diags *diag.Diagnostics) (_ context.Context, cancel context.CancelFunc, ok bool) {
	return WithReadTimeout(ctx, t.Read, dataSourceDefaultTimeout, diags)
}

// withDataSourceConfigTimeout is withDataSourceTimeout for a data source
// that does not read its configuration into a model: it reads the
// configuration's `timeouts` itself and returns it, to be written back to
// state. It stops (ok false) on any error already in diags.
func WithDataSourceConfigTimeout(ctx context.Context, cfg tfsdk.Config, diags *diag.Diagnostics) (_ context.Context, cancel context.CancelFunc, t dstimeouts.Value, ok bool) {
	diags.Append(cfg.GetAttribute(ctx, path.Root("timeouts"), &t)...)
	if diags.HasError() {
		return ctx, func() {}, t, false
	}
	ctx, cancel, ok = WithDataSourceTimeout(ctx, t, diags)
	return ctx, cancel, t, ok
}

// dataSourceTimeoutsAttribute is the `timeouts` attribute of every data
// source: read, defaulting to dataSourceDefaultTimeout.
func DataSourceTimeoutsAttribute(ctx context.Context) dsschema.Attribute {
	a := dstimeouts.Attributes(ctx)
	if nested, ok := a.(dsschema.SingleNestedAttribute); ok {
		// As for resources: checked at plan time on timeouts.read, with
		// the range a read can use.
		for name, at := range nested.Attributes {
			if sa, ok := at.(dsschema.StringAttribute); ok {
				sa.Validators = []validator.String{validators.Duration(minTimeout, maxTimeout)}
				sa.MarkdownDescription = fmt.Sprintf("How long the %s may take, a Go duration from `%s` to `%s` such as `30s`. Default `%s`.",
					name, minTimeout, maxTimeout, durationDoc(dataSourceDefaultTimeout))
				nested.Attributes[name] = sa
			}
		}
		nested.MarkdownDescription = "How long reading this data source may take, as a Go duration such as `30s` or `2m`: " +
			"every request, retry, backoff, `Retry-After` wait and page of the read counts. " +
			"`read` defaults to `" + durationDoc(dataSourceDefaultTimeout) + "`. When it passes, the read stops and fails " +
			"(at once when the API asks to wait longer than what remains)."
		return nested
	}
	return a
}

// durationDoc writes d for the docs: whole minutes as `5m`, else as Go does.
func durationDoc(d time.Duration) string {
	if d >= time.Minute && d%time.Minute == 0 {
		return fmt.Sprintf("%dm", int(d.Minutes()))
	}
	return d.String()
}
