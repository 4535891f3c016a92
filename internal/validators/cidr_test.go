package validators

import "testing"

func TestCheckCanonicalCIDR(t *testing.T) {
	runCheckCases(t, CheckCanonicalCIDR, []checkCase{
		{"10.0.0.0/24", ""},
		{"203.0.113.7/32", ""},
		{"0.0.0.0/0", ""},
		{"2001:db8::/32", ""},
		{"::1/128", ""},
		{"10.0.0.1/24", `write "10.0.0.0/24"`},
		{"198.51.100.1/24", `write "198.51.100.0/24"`},
		{"2001:DB8::/32", `write "2001:db8::/32"`},
		{"2001:db8:0:0::/64", `write "2001:db8::/64"`},
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
