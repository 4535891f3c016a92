package validators

import (
	"context"
	"fmt"
	"net/netip"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// CheckCIDR returns the problem with s as a CIDR range the API accepts, or
// "". Every prefix net/netip parses is accepted, host bits included: the
// reference's own merchant example holds "198.51.100.1/24". A bare address
// (no /bits) and a comma-joined list are refused with a suggestion.
func CheckCIDR(s string) string {
	if _, err := netip.ParsePrefix(s); err == nil {
		return ""
	}
	if a, aerr := netip.ParseAddr(s); aerr == nil && a.Zone() == "" {
		return fmt.Sprintf("%q is an address, not a CIDR range: write %q for this single address", s, netip.PrefixFrom(a, a.BitLen()).String())
	}
	if strings.Contains(s, ",") {
		return fmt.Sprintf("%q contains a comma: give each CIDR range as its own set element", s)
	}
	return fmt.Sprintf("%q is not a CIDR range such as \"203.0.113.0/24\" or \"2001:db8::/32\"", s)
}

// CIDRHostBitsNote explains, for a valid range whose spelling is not the
// canonical one (host bits set, or IPv6 not in lower-case compressed
// form), what it means; "" for a canonical range or an invalid one.
func CIDRHostBitsNote(s string) string {
	p, err := netip.ParsePrefix(s)
	if err != nil {
		return ""
	}
	m := p.Masked()
	if m.String() == s {
		return ""
	}
	if m.Addr() != p.Addr() {
		return fmt.Sprintf("%q has host bits set: AffiniPay accepts it and it admits the whole network %s (%s to %s), not only %s. "+
			"It is kept as written and compared by meaning, so %q and %q never show a difference.",
			s, m, m.Addr(), lastAddr(m), p.Addr(), s, m)
	}
	return fmt.Sprintf("%q is the range %s written another way; it is kept as written and compared by meaning.", s, m)
}

// lastAddr is the last address of a masked prefix.
func lastAddr(p netip.Prefix) netip.Addr {
	b := p.Addr().AsSlice()
	for i := p.Bits(); i < len(b)*8; i++ {
		b[i/8] |= 0x80 >> (i % 8)
	}
	a, _ := netip.AddrFromSlice(b)
	return a
}

// cidrValidator refuses what is not a CIDR range and warns about host bits.
type cidrValidator struct{}

func (cidrValidator) Description(context.Context) string {
	return "a CIDR range such as `203.0.113.0/24`"
}

func (v cidrValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (cidrValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	s := req.ConfigValue.ValueString()
	if problem := CheckCIDR(s); problem != "" {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid "+req.Path.String(), problem)
		return
	}
	if note := CIDRHostBitsNote(s); note != "" {
		resp.Diagnostics.AddAttributeWarning(req.Path, "CIDR range with host bits", note)
	}
}

// CIDR validates one CIDR range (see CheckCIDR), warning when host bits
// are set (see CIDRHostBitsNote).
func CIDR() validator.String { return cidrValidator{} }

// CIDRSetsEqual reports whether two lists of CIDR ranges admit exactly the
// same networks: each range is compared as its masked prefix, order and
// duplicates ignored. Unparseable entries compare by spelling.
func CIDRSetsEqual(a, b []string) bool {
	norm := func(xs []string) map[string]bool {
		m := map[string]bool{}
		for _, x := range xs {
			if p, err := netip.ParsePrefix(strings.TrimSpace(x)); err == nil {
				m[p.Masked().String()] = true
			} else {
				m["?"+x] = true
			}
		}
		return m
	}
	na, nb := norm(a), norm(b)
	if len(na) != len(nb) {
		return false
	}
	for k := range na {
		if !nb[k] {
			return false
		}
	}
	return true
}

// CIDRNarrowed returns the ranges of before that after no longer admits in
// full (an address of the range is outside every range of after). An empty
// after admits everything (the API's "no ranges" means any IP).
func CIDRNarrowed(before, after []string) []string {
	if len(after) == 0 {
		return nil
	}
	var afterP []netip.Prefix
	for _, x := range after {
		if p, err := netip.ParsePrefix(strings.TrimSpace(x)); err == nil {
			afterP = append(afterP, p.Masked())
		}
	}
	var lost []string
	for _, x := range before {
		p, err := netip.ParsePrefix(strings.TrimSpace(x))
		if err != nil {
			continue
		}
		p = p.Masked()
		covered := false
		for _, q := range afterP {
			if q.Addr().BitLen() == p.Addr().BitLen() && q.Bits() <= p.Bits() && q.Contains(p.Addr()) {
				covered = true
				break
			}
		}
		if !covered {
			lost = append(lost, x)
		}
	}
	return lost
}
