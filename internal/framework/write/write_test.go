package write

import (
	"context"
	"errors"
	"fmt"
	"net"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/client"
)

func apiErr(status int, codes ...string) error {
	e := &client.APIError{Method: "POST", Path: "/x", StatusCode: status}
	for _, c := range codes {
		e.Messages = append(e.Messages, client.Message{Code: c})
	}
	return e
}

func TestClassify(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want Class
	}{
		{nil, Done},
		{fmt.Errorf("POST /contacts: %w: %w", client.ErrNotSent, errors.New("no access token")), NotSent},
		{apiErr(422, "invalid_data"), Refused},
		{apiErr(404, "resource_not_found"), Refused},
		{apiErr(429, "rate_limited"), Refused},
		{apiErr(409, "resource_exists"), Exists},
		{apiErr(409, "conflict"), Refused},
		{apiErr(408), Unknown},
		{apiErr(500, "server_error"), Unknown},
		{apiErr(502), Unknown},
		{apiErr(503), Unknown},
		{apiErr(504), Unknown},
		{&client.MalformedResponseError{StatusCode: 200, Reason: "empty body"}, Unknown},
		{fmt.Errorf("POST /x: %w", &net.OpError{Op: "read", Err: errors.New("connection reset")}), Unknown},
		{fmt.Errorf("POST /x: %w", context.DeadlineExceeded), Unknown},
	} {
		if got := Classify(tc.err); got != tc.want {
			t.Errorf("Classify(%v) = %v, want %v", tc.err, got, tc.want)
		}
	}
}

type obj struct{ id string }

// Create settles every class the same way for any resource.
func TestCreate(t *testing.T) {
	found := &obj{"found"}
	for _, tc := range []struct {
		name       string
		sendErr    error
		lookup     *obj
		lookupErr  error
		wantObj    *obj
		unsettled  bool
		failed     bool
		wantErrors int
	}{
		{name: "done", wantObj: &obj{"sent"}},
		{name: "not sent", sendErr: client.ErrNotSent, failed: true, wantErrors: 1},
		{name: "refused", sendErr: apiErr(422), failed: true, wantErrors: 1},
		{name: "unknown, found", sendErr: apiErr(500), lookup: found, wantObj: found},
		{name: "unknown, not found yet", sendErr: apiErr(503), unsettled: true},
		{name: "unknown, lookup fails", sendErr: apiErr(502), lookupErr: errors.New("503"), unsettled: true},
		{name: "exists, found", sendErr: apiErr(409, "resource_exists"), lookup: found, wantObj: found},
		{name: "exists, lookup fails", sendErr: apiErr(409, "resource_exists"), lookupErr: errors.New("503"), unsettled: true},
		{name: "exists, another object owns the source_id", sendErr: apiErr(409, "resource_exists"), failed: true, wantErrors: 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var diags diag.Diagnostics
			res := Create(context.Background(), CreateSpec[obj]{
				Kind: "thing", Key: "k",
				Send: func(context.Context) (*obj, error) {
					if tc.sendErr != nil {
						return nil, tc.sendErr
					}
					return &obj{"sent"}, nil
				},
				Lookup:  func(context.Context) (*obj, error) { return tc.lookup, tc.lookupErr },
				Refused: func(d *diag.Diagnostics, s string, err error) { d.AddError(s, err.Error()) },
			}, &diags)
			if (res.Object == nil) != (tc.wantObj == nil) || (res.Object != nil && res.Object.id != tc.wantObj.id) {
				t.Errorf("object %+v, want %+v", res.Object, tc.wantObj)
			}
			if res.Unsettled != tc.unsettled || res.Failed != tc.failed {
				t.Errorf("unsettled %v failed %v, want %v %v", res.Unsettled, res.Failed, tc.unsettled, tc.failed)
			}
			if diags.ErrorsCount() != tc.wantErrors {
				t.Errorf("%d errors, want %d: %v", diags.ErrorsCount(), tc.wantErrors, diags)
			}
			if tc.unsettled && diags.WarningsCount() != 1 {
				t.Errorf("an unsettled create warns once; diags %v", diags)
			}
		})
	}
}

// Change reads back after an unknown outcome, and settles without an
// error when the object shows the change.
func TestChange(t *testing.T) {
	for _, tc := range []struct {
		name       string
		applied    bool
		readErr    error
		wantErrors int
		settled    bool
	}{
		{name: "read back applied", applied: true, settled: true},
		{name: "read back not applied", wantErrors: 1},
		{name: "read back fails", readErr: errors.New("503"), wantErrors: 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var diags diag.Diagnostics
			sends := 0
			res := Change(context.Background(), ChangeSpec[obj]{
				What:     "change",
				Send:     func(context.Context) (*obj, error) { sends++; return nil, apiErr(504) },
				ReadBack: func(context.Context) (*obj, error) { return &obj{"now"}, tc.readErr },
				Applied:  func(*obj) bool { return tc.applied },
				Refused:  func(d *diag.Diagnostics, s string, err error) { d.AddError(s, err.Error()) },
			}, &diags)
			if sends != 1 {
				t.Errorf("sent %d times, want once", sends)
			}
			if res.Settled != tc.settled || diags.ErrorsCount() != tc.wantErrors {
				t.Errorf("settled %v errors %d, want %v %d", res.Settled, diags.ErrorsCount(), tc.settled, tc.wantErrors)
			}
		})
	}
}
