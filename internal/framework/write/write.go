// Package write is the provider's one write protocol: every request that
// may change something at AffiniPay (a create, an update, a delete, an
// action) goes through Create or Change, which classify its failure the
// same way for every resource and settle what may have happened.
//
// The classes (Classify):
//
//   - NotSent: the request never reached the API (missing credentials, a
//     failed OAuth exchange or key look-up, a stop before sending, a
//     connection that could not be made). Nothing can have changed: a plain
//     error, nothing recorded.
//   - Refused: the API answered 4xx (other than 408) with its messages.
//     Nothing changed: an error on the attribute each message's context
//     names, nothing recorded.
//   - Exists: 409 resource_exists to a create carrying a source_id: an
//     object with that source_id is known to exist (an earlier attempt of
//     this very request committed, or the source_id was taken already).
//   - Unknown: the request was sent and the outcome is not known: a 5xx or
//     408, a transport error or timeout after sending, a 2xx reply that
//     cannot be used (empty, `null`, without an id). The write may have
//     committed, or may still commit later.
//
// Settling an Exists or Unknown create: the resource's Lookup finds the
// object the request would have made (by source_id where the API has one,
// otherwise by a match that includes the payment method, the contact and
// every field sent). Found: it is recorded (adopted). Not found, or the
// lookup fails too: the create is recorded as unsettled (see Unsettled), with
// a warning rather than an error, and never declared "safe to apply again":
// a commit may land after the lookup. Settling an Unknown change: the object
// is read back and recorded as it is, so the state stays true.
package write

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/client"
)

// Class is what a failed write may have done at the API.
type Class int

const (
	// Done: the write succeeded (no error).
	Done Class = iota
	// NotSent: the request never reached the API.
	NotSent
	// Refused: the API refused the request (4xx other than 408, and other
	// than 409 resource_exists to a create): nothing changed.
	Refused
	// Exists: 409 resource_exists: an object with the request's source_id
	// exists.
	Exists
	// Unknown: the request was sent and may have committed.
	Unknown
)

func (c Class) String() string {
	switch c {
	case Done:
		return "done"
	case NotSent:
		return "not sent"
	case Refused:
		return "refused"
	case Exists:
		return "exists"
	default:
		return "unknown"
	}
}

// Classify tells what a write's error means. It is the only place that
// decides it; resources never inspect write errors themselves.
func Classify(err error) Class {
	if err == nil {
		return Done
	}
	if errors.Is(err, client.ErrNotSent) {
		return NotSent
	}
	var apiErr *client.APIError
	if errors.As(err, &apiErr) {
		switch {
		case apiErr.StatusCode == http.StatusConflict && client.HasCode(err, client.CodeResourceExists):
			return Exists
		case apiErr.StatusCode == http.StatusRequestTimeout, apiErr.StatusCode >= 500:
			return Unknown
		case apiErr.StatusCode >= 400:
			return Refused
		}
		return Unknown
	}
	var retryAfter *client.RetryAfterError
	if errors.As(err, &retryAfter) {
		// A 429 whose Retry-After outlasts the time left: the API said it
		// did not process the request.
		return Refused
	}
	// A transport error or timeout after sending, a reply too large to
	// read, a malformed 2xx: the request reached the API.
	return Unknown
}

// Reporter turns a Refused error into diagnostics on the attributes the
// API's messages name (each resource's addAPIError with its context paths).
type Reporter func(diags *diag.Diagnostics, summary string, err error)

// CreateSpec is what a resource supplies for a create: the request and
// the lookup. Kind names the object in messages ("contact").
type CreateSpec[T any] struct {
	Kind string
	// Key describes what identifies the request, for messages, such as
	// `source_id "terraform:..."`.
	Key string
	// Send makes the create request.
	Send func(ctx context.Context) (*T, error)
	// Lookup finds the object the request may have created: (nil, nil)
	// when there is certainly none, an error when it cannot tell (it
	// fails, or several objects match). Lookup must not guess.
	Lookup func(ctx context.Context) (*T, error)
	// Refused reports a refused request.
	Refused Reporter
}

// CreateResult is what a create came to.
type CreateResult[T any] struct {
	// Object is the created or adopted object; nil when nothing is to be
	// recorded as an object (see Unsettled and Failed).
	Object *T
	// Class is the class of the create request's error (Done on success).
	Class Class
	// Adopted: Object was found by Lookup after Exists or Unknown.
	Adopted bool
	// Unsettled: the create may have committed and the object could not be
	// identified: the resource records it as unsettled (Record), and a
	// warning has been added.
	Unsettled bool
	// Failed: diagnostics hold an error and nothing is to be recorded.
	Failed bool
	// Err is the create request's error, if any.
	Err error
}

// Create runs a create through the protocol. Diagnostics: an error when
// nothing is recorded (NotSent, Refused, a source_id taken by an object
// that does not match); a warning when the create was settled by a lookup
// or is to be recorded as unsettled.
func Create[T any](ctx context.Context, spec CreateSpec[T], diags *diag.Diagnostics) CreateResult[T] {
	// The create keeps a share of the timeout for its lookup, so that its
	// own retries cannot use up the time the lookup needs.
	sendCtx, cancelSend := withLookupReserve(ctx)
	obj, err := spec.Send(sendCtx)
	cancelSend()
	class := Classify(err)
	res := CreateResult[T]{Class: class, Err: err}
	summary := "Unable to create the " + spec.Kind
	switch class {
	case Done:
		res.Object = obj
		return res
	case NotSent:
		diags.AddError(summary, fmt.Sprintf("%v\n\nThe request was not sent to AffiniPay, so nothing was created.", err))
		res.Failed = true
		return res
	case Refused:
		spec.Refused(diags, summary, err)
		res.Failed = true
		return res
	}
	found, lerr := spec.Lookup(ctx)
	switch {
	case lerr == nil && found != nil:
		res.Object, res.Adopted = found, true
		if class == Unknown {
			diags.AddWarning("The "+spec.Kind+" create was settled",
				fmt.Sprintf("The create request failed after it was sent (%v), so it may have committed. The provider looked for the %s "+
					"(%s) and found it: it is recorded in state, and no second one will be created.", err, spec.Kind, spec.Key))
		}
		return res
	case lerr == nil && class == Exists:
		// The API says the source_id is taken, and no object of this
		// kind matching the request has it: another object owns it.
		spec.Refused(diags, summary, fmt.Errorf("%w\n\nThe %s is already used by another object of this merchant that does not match "+
			"this configuration. Choose another source_id, or import the existing object", err, spec.Key))
		res.Failed = true
		return res
	}
	res.Unsettled = true
	why := "no matching " + spec.Kind + " was found yet"
	if lerr != nil {
		why = "the look-up failed: " + lerr.Error()
	}
	diags.AddWarning("The "+spec.Kind+" create is recorded as unsettled",
		fmt.Sprintf("The create request failed after it was sent (%v), so it may have committed, or may still commit; and %s.\n\n"+
			"It is recorded in state as unsettled (%s) instead of being forgotten: the next plan or apply looks it up again and adopts "+
			"the %s in place if it exists, or removes the record (and plans to create it) if it does not. Do not create it by hand: "+
			"run terraform plan to settle it.", err, why, spec.Key, spec.Kind))
	return res
}

// ChangeSpec is what a resource supplies for an update, a delete or an
// action: the request and how to read the object back.
type ChangeSpec[T any] struct {
	// What names the change in messages, after "Unable to" ("update the contact").
	What string
	// Send makes the request.
	Send func(ctx context.Context) (*T, error)
	// ReadBack reads the object after an unknown outcome (nil: none).
	ReadBack func(ctx context.Context) (*T, error)
	// Applied, when set, tells from the object read back whether the
	// change took effect: then the change is settled as done, without an
	// error (Settled).
	Applied func(*T) bool
	// Refused reports a refused request.
	Refused Reporter
}

// ChangeResult is what a change came to.
type ChangeResult[T any] struct {
	// Object is the reply on success, or the object read back after an
	// unknown outcome (nil if it could not be read).
	Object *T
	Class  Class
	// ReadBack: Object was read back after an unknown outcome; diagnostics
	// hold an error saying so, and the caller records Object.
	ReadBack bool
	// Settled: after an unknown outcome, the object read back shows the
	// change applied (Applied): Object is that object and there is no
	// error.
	Settled bool
	// ReadErr is the read-back's error, if any.
	ReadErr error
	Err     error
}

// Change runs an update, delete or action request through the protocol.
// On any failure diagnostics hold an error; after an Unknown outcome the
// object is read back so that the caller can record what is true.
func Change[T any](ctx context.Context, spec ChangeSpec[T], diags *diag.Diagnostics) ChangeResult[T] {
	obj, err := spec.Send(ctx)
	class := Classify(err)
	res := ChangeResult[T]{Class: class, Err: err}
	summary := "Unable to " + spec.What
	switch class {
	case Done:
		res.Object = obj
		return res
	case NotSent:
		diags.AddError(summary, fmt.Sprintf("%v\n\nThe request was not sent to AffiniPay, so nothing changed.", err))
		return res
	case Refused, Exists:
		spec.Refused(diags, summary, err)
		return res
	}
	if spec.ReadBack == nil {
		diags.AddError(summary, fmt.Sprintf("%v\n\nThe request was sent, and may have been applied.", err))
		return res
	}
	now, rerr := spec.ReadBack(ctx)
	if rerr != nil || now == nil {
		res.ReadErr = rerr
		diags.AddError(summary, fmt.Sprintf("%v\n\nThe request was sent, and may have been applied; reading it back failed too (%v). "+
			"The state keeps its prior values; the next plan reads the object again and shows what remains to change.", err, rerr))
		return res
	}
	if spec.Applied != nil && spec.Applied(now) {
		res.Object, res.Settled = now, true
		return res
	}
	res.Object, res.ReadBack = now, true
	diags.AddError(summary, fmt.Sprintf("%v\n\nThe request was sent, and may have been applied: the object was read back and the state "+
		"now records it as it is, so the next plan shows exactly what remains to change.", err))
	return res
}

// lookupReserve is the share of an operation's remaining time kept for the
// lookup that settles a create whose outcome is unknown: a quarter, at
// most a minute.
func lookupReserve(remaining time.Duration) time.Duration {
	return min(remaining/4, time.Minute)
}

// withLookupReserve returns the context for a create request: ctx with its
// deadline moved earlier by lookupReserve. The lookup runs on ctx itself,
// within the same overall timeout.
func withLookupReserve(ctx context.Context) (context.Context, context.CancelFunc) {
	deadline, ok := ctx.Deadline()
	if !ok {
		return context.WithCancel(ctx)
	}
	return context.WithDeadline(ctx, deadline.Add(-lookupReserve(time.Until(deadline))))
}

// DeleteSpec is what a resource supplies for a delete (or a cancel): the
// request and how to tell that the object is gone.
type DeleteSpec struct {
	// What names the delete in messages, after "Unable to" ("delete the contact").
	What string
	// Send makes the request. A 404 answer counts as done.
	Send func(ctx context.Context) error
	// Gone reads the object after an unknown or refused outcome: true when
	// it no longer exists (or no longer needs deleting, such as a charge
	// that is no longer active).
	Gone func(ctx context.Context) (bool, error)
	// Refused reports a refused request.
	Refused Reporter
}

// Delete runs a delete through the protocol: done when the API confirms
// it, answers 404, or when the object is found gone after a refused or
// unknown outcome (a delete repeated after its reply was lost is refused
// by some APIs); otherwise an error, and the resource stays in state.
func Delete(ctx context.Context, spec DeleteSpec, diags *diag.Diagnostics) bool {
	err := spec.Send(ctx)
	if err == nil || client.IsNotFound(err) {
		return true
	}
	class := Classify(err)
	summary := "Unable to " + spec.What
	if class == NotSent {
		diags.AddError(summary, fmt.Sprintf("%v\n\nThe request was not sent to AffiniPay, so nothing changed.", err))
		return false
	}
	gone, gerr := spec.Gone(ctx)
	if gerr == nil && gone {
		return true
	}
	if class == Refused || class == Exists {
		spec.Refused(diags, summary, err)
		return false
	}
	detail := "it still exists"
	if gerr != nil {
		detail = "reading it back failed too: " + gerr.Error()
	}
	diags.AddError(summary, fmt.Sprintf("%v\n\nThe request was sent and may have been applied, but %s. It stays in state; the next plan "+
		"reads it again.", err, detail))
	return false
}
