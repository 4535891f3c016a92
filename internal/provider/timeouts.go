package provider

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
)

// defaultTimeout bounds every resource's create, update and delete (with all
// their retries) unless the resource's `timeouts` block says otherwise.
const defaultTimeout = 10 * time.Minute

// withTimeout bounds ctx by an operation's timeout. get is the matching
// method of the resource's timeouts value (Create, Update or Delete). When
// ok is false the diagnostics say why and the operation must stop;
// otherwise the caller defers cancel.
func withTimeout(ctx context.Context, get func(context.Context, time.Duration) (time.Duration, diag.Diagnostics), diags *diag.Diagnostics) (_ context.Context, cancel context.CancelFunc, ok bool) {
	timeout, d := get(ctx, defaultTimeout)
	diags.Append(d...)
	if diags.HasError() {
		return ctx, func() {}, false
	}
	ctx, cancel = context.WithTimeout(ctx, timeout)
	return ctx, cancel, true
}

// timeoutsAttribute is the `timeouts` attribute of every resource: create,
// update and delete, each defaulting to defaultTimeout.
func timeoutsAttribute(ctx context.Context) schema.Attribute {
	a := timeouts.Attributes(ctx, timeouts.Opts{Create: true, Update: true, Delete: true})
	if nested, ok := a.(schema.SingleNestedAttribute); ok {
		nested.MarkdownDescription = "How long create, update and delete may take, retries included, as Go durations such as `30s` or `5m`. " +
			"Each defaults to `" + fmt.Sprintf("%dm", int(defaultTimeout.Minutes())) + "`. When a timeout passes, the operation stops retrying and fails; " +
			"the next apply reconciles what was done."
		return nested
	}
	return a
}
