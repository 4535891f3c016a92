package provider

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
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
