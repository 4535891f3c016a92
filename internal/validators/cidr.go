package validators

import (
	"fmt"
	"net/netip"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// CheckCanonicalCIDR returns the problem with s as a CIDR range, or "". The
// range must be in canonical form (host bits zero, IPv6 lower case and
// compressed, as net/netip prints it), so that the value stored in state is
// exactly the configured one: `10.0.0.1/24` is refused with a suggestion of
// `10.0.0.0/24`, and a bare address with a suggestion of its /32 or /128.
func CheckCanonicalCIDR(s string) string {
	p, err := netip.ParsePrefix(s)
	if err != nil {
		if a, aerr := netip.ParseAddr(s); aerr == nil && a.Zone() == "" {
			return fmt.Sprintf("%q is an address, not a CIDR range: write %q for this single address", s, netip.PrefixFrom(a, a.BitLen()).String())
		}
		if strings.Contains(s, ",") {
			return fmt.Sprintf("%q contains a comma: give each CIDR range as its own set element", s)
		}
		return fmt.Sprintf("%q is not a CIDR range such as \"203.0.113.0/24\" or \"2001:db8::/32\"", s)
	}
	if c := p.Masked().String(); c != s {
		return fmt.Sprintf("%q is not in canonical form: write %q (host bits zero%s)", s, c, ipv6Hint(p))
	}
	return ""
}

func ipv6Hint(p netip.Prefix) string {
	if p.Addr().Is6() {
		return ", IPv6 in lower-case compressed form"
	}
	return ""
}

// CIDR validates one CIDR range in canonical form (see CheckCanonicalCIDR).
func CIDR() validator.String {
	return NewString("a CIDR range in canonical form such as `203.0.113.0/24`", CheckCanonicalCIDR)
}
