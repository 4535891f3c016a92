package validators

import (
	"slices"
	"strings"
	"testing"
)

func TestCheckCIDR(t *testing.T) {
	runCheckCases(t, CheckCIDR, []checkCase{
		{"10.0.0.0/24", ""},
		{"203.0.113.7/32", ""},
		{"0.0.0.0/0", ""},
		{"2001:db8::/32", ""},
		{"::1/128", ""},
		// Accepted as the API accepts them (issue 11 item 3).
		{"10.0.0.1/24", ""},
		{"198.51.100.1/24", ""},
		{"2001:DB8::/32", ""},
		{"2001:db8:0:0::/64", ""},
		{"203.0.113.7", `write "203.0.113.7/32"`},
		{"2001:db8::1", `write "2001:db8::1/128"`},
		{"10.0.0.0/33", "not a CIDR range"},
		{"10.0.0.0/24,10.0.1.0/24", "contains a comma"},
		{"010.0.0.0/24", "not a CIDR range"},
		{" 10.0.0.0/24", "not a CIDR range"},
		{"example.com/24", "not a CIDR range"},
		{"", "not a CIDR range"},
	})
}

func TestCIDRHostBitsNote(t *testing.T) {
	if n := CIDRHostBitsNote("198.51.100.1/24"); !strings.Contains(n, "198.51.100.0/24") || !strings.Contains(n, "198.51.100.255") || !strings.Contains(n, "host bits") {
		t.Errorf("note = %q", n)
	}
	if n := CIDRHostBitsNote("2001:DB8::/32"); !strings.Contains(n, "2001:db8::/32") {
		t.Errorf("ipv6 note = %q", n)
	}
	for _, s := range []string{"198.51.100.0/24", "2001:db8::/32", "nope"} {
		if n := CIDRHostBitsNote(s); n != "" {
			t.Errorf("CIDRHostBitsNote(%q) = %q, want none", s, n)
		}
	}
}

func TestCIDRSetsEqual(t *testing.T) {
	if !CIDRSetsEqual([]string{"198.51.100.1/24", "127.0.0.1/32"}, []string{"127.0.0.1/32", "198.51.100.0/24"}) {
		t.Error("host bits must compare by meaning")
	}
	if !CIDRSetsEqual([]string{"2001:DB8::/32"}, []string{"2001:db8::/32"}) {
		t.Error("IPv6 spelling must compare by meaning")
	}
	if CIDRSetsEqual([]string{"198.51.100.0/24"}, []string{"198.51.100.0/25"}) {
		t.Error("different prefix lengths are different ranges")
	}
	if CIDRSetsEqual([]string{"10.0.0.0/8"}, nil) {
		t.Error("a range is not an empty list")
	}
}

func TestCIDRNarrowed(t *testing.T) {
	cases := []struct {
		before, after, lost []string
	}{
		{[]string{"10.0.0.0/8"}, []string{"10.1.0.0/16"}, []string{"10.0.0.0/8"}},
		{[]string{"10.1.0.0/16"}, []string{"10.0.0.0/8"}, nil},
		{[]string{"10.1.0.0/16", "192.0.2.0/24"}, []string{"10.0.0.0/8"}, []string{"192.0.2.0/24"}},
		{[]string{"10.0.0.0/8"}, nil, nil}, // empty = any IP: widened
		{nil, []string{"10.0.0.0/8"}, nil}, // first set: reported separately
		{[]string{"198.51.100.1/24"}, []string{"198.51.100.0/24"}, nil},
	}
	for _, c := range cases {
		if got := CIDRNarrowed(c.before, c.after); !slices.Equal(got, c.lost) {
			t.Errorf("CIDRNarrowed(%v, %v) = %v, want %v", c.before, c.after, got, c.lost)
		}
	}
}
