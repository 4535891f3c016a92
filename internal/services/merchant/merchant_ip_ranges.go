package merchant

// The merchant's API IP allow-list (api_allowed_ip_address_ranges): CIDR
// ranges compared by meaning, plan-time warnings when a change can lock the
// runner out, and the error that explains a lock-out after apply.

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/client"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/framework"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/validators"
)

var ipRangesPath = path.Root("api_allowed_ip_address_ranges")

// ipRangesWayBack is how to recover from a lock-out, shared by the
// messages below and the resource documentation.
const ipRangesWayBack = "To regain access, widen or clear the ranges in the AffiniPay web application " +
	"(sign in, then the merchant's API settings), or run Terraform from an address inside the ranges " +
	"and apply a configuration whose `api_allowed_ip_address_ranges` includes this machine's public address (or is `[]`, any IP)."

// stringsOfSet returns the elements of a known set of strings.
func stringsOfSet(ctx context.Context, s types.Set) ([]string, bool) {
	if !framework.IsKnown(s) {
		return nil, false
	}
	var out []string
	if diags := s.ElementsAs(ctx, &out, false); diags.HasError() {
		return nil, false
	}
	return out, true
}

// ipRangesPlanModifier keeps the state's spelling when the configuration
// names the same networks (198.51.100.1/24 = 198.51.100.0/24), so state and
// configuration never differ in spelling only, and warns when the planned
// value can lock the machine running Terraform out of the API.
type IPRangesPlanModifier struct{}

func (IPRangesPlanModifier) Description(context.Context) string {
	return "CIDR ranges are compared by meaning; narrowing or first setting them is warned about."
}

func (m IPRangesPlanModifier) MarkdownDescription(ctx context.Context) string {
	return m.Description(ctx)
}

func (IPRangesPlanModifier) PlanModifySet(ctx context.Context, req planmodifier.SetRequest, resp *planmodifier.SetResponse) {
	want, ok := stringsOfSet(ctx, req.ConfigValue)
	if !ok {
		return // not configured (adopted as is) or unknown
	}
	had, hadKnown := stringsOfSet(ctx, req.StateValue)
	if hadKnown && validators.CIDRSetsEqual(want, had) {
		resp.PlanValue = req.StateValue
		return
	}
	if len(want) == 0 {
		return // [] allows any IP: nothing can be locked out
	}
	list := strings.Join(want, ", ")
	switch {
	case req.StateValue.IsNull() || (hadKnown && len(had) == 0):
		resp.Diagnostics.AddAttributeWarning(req.Path, "API access will be limited to the listed IP ranges",
			fmt.Sprintf("This plan sets api_allowed_ip_address_ranges to [%s] where any IP was allowed (or the current value is not known yet). "+
				"From then on AffiniPay refuses API requests from every other address, including this machine's if its public address "+
				"(or its NAT gateway's) is not in these ranges: the apply itself would succeed, and every later plan, refresh and destroy would fail. %s",
				list, ipRangesWayBack))
	case hadKnown:
		if lost := validators.CIDRNarrowed(had, want); len(lost) > 0 {
			resp.Diagnostics.AddAttributeWarning(req.Path, "API access narrowed: some addresses will be refused",
				fmt.Sprintf("This plan narrows api_allowed_ip_address_ranges: %s no longer fully allowed (new list: [%s]). "+
					"If this machine's public address is in what is removed, it is locked out once the apply lands. %s",
					strings.Join(lost, ", ")+map[bool]string{true: " is", false: " are"}[len(lost) == 1], list, ipRangesWayBack))
		}
	}
}

// keepIPRangesSpelling returns like's ranges when they name the same
// networks as the API's, so flattening does not rewrite the configuration.
func keepIPRangesSpelling(ctx context.Context, api types.Set, like types.Set) types.Set {
	a, okA := stringsOfSet(ctx, api)
	l, okL := stringsOfSet(ctx, like)
	if okA && okL && validators.CIDRSetsEqual(a, l) {
		return like
	}
	return api
}

// isNotAuthorized reports a 401 from the API.
func isNotAuthorized(err error) bool {
	var apiErr *client.APIError
	return errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusUnauthorized
}

// checkLockedOut is called after a merchant update that changed the ranges
// landed: it reads the merchant once more and, if AffiniPay now refuses the
// runner, reports the lock-out on the attribute with the way back. The
// update itself succeeded, so the caller still saves the new state.
func checkLockedOut(ctx context.Context, c *client.Client, ranges []string, diags *diag.Diagnostics) {
	_, err := c.GetMerchant(ctx)
	if err == nil || !isNotAuthorized(err) {
		return
	}
	diags.AddAttributeError(ipRangesPath, "This machine is now locked out of the AffiniPay API",
		fmt.Sprintf("AffiniPay accepted api_allowed_ip_address_ranges = [%s], and then refused this machine's next request (401 not_authorized): "+
			"its public address is outside every range. The change is recorded in the Terraform state. "+
			"Until it is undone, every plan, refresh, apply and destroy from this machine fails. %s",
			strings.Join(ranges, ", "), ipRangesWayBack))
}

// lockedOutReadError explains a 401 on reading the merchant when the state
// holds a non-empty allow-list (the likely cause).
func lockedOutReadError(ctx context.Context, prior types.Set, err error, diags *diag.Diagnostics) bool {
	had, ok := stringsOfSet(ctx, prior)
	if !ok || len(had) == 0 || !isNotAuthorized(err) {
		return false
	}
	diags.AddAttributeError(ipRangesPath, "AffiniPay refuses this machine's API requests",
		fmt.Sprintf("Reading the merchant failed with 401 not_authorized. The state's api_allowed_ip_address_ranges = [%s]: "+
			"if this machine's public address is outside them, it is locked out (or the secret key is wrong). %s\n\n%s",
			strings.Join(had, ", "), ipRangesWayBack, err))
	return true
}
