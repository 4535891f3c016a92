package acctest

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
)

// CheckAPI runs check, which reads the API (or the sandbox's counters)
// rather than Terraform's state, as a state check: among a step's
// ConfigStateChecks, after its apply, in order. check is one of the API
// expectations of the tests (MerchantTestExpect, a request counter's
// Expect, a func(*terraform.State) error that ignores its argument); it is
// given no state.
func CheckAPI(check func(*terraform.State) error) statecheck.StateCheck {
	return apiCheck{check}
}

type apiCheck struct{ check func(*terraform.State) error }

func (c apiCheck) CheckState(_ context.Context, _ statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	resp.Error = c.check(nil)
}

// CaptureAttr records the string attribute attr of the resource at addr,
// from the state after the step's apply, into *into, for later steps and
// checks; a missing resource or an empty value fails the step.
func CaptureAttr(addr, attr string, into *string) statecheck.StateCheck {
	return captureAttr{addr, attr, into}
}

type captureAttr struct {
	addr, attr string
	into       *string
}

func (c captureAttr) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	if req.State == nil || req.State.Values == nil || req.State.Values.RootModule == nil {
		resp.Error = fmt.Errorf("%s: no state", c.addr)
		return
	}
	for _, r := range req.State.Values.RootModule.Resources {
		if r.Address != c.addr {
			continue
		}
		s, _ := r.AttributeValues[c.attr].(string)
		if s == "" {
			resp.Error = fmt.Errorf("%s.%s is empty", c.addr, c.attr)
			return
		}
		*c.into = s
		return
	}
	resp.Error = fmt.Errorf("%s not in state", c.addr)
}
