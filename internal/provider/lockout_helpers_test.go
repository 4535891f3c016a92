package provider

import (
	"net/netip"
	"testing"
)

// testAccPresentAs makes the sandbox see every later API request as coming
// from addr (its admin "apparent client address"), until the test ends.
// Call it before testAccRestoreMerchant so that the restore, which runs
// first at cleanup, is still made from addr.
func testAccPresentAs(t *testing.T, addr string) {
	t.Helper()
	testAccSandboxOnly(t)
	testAccSandboxFor(t).SetClientAddress(netip.MustParseAddr(addr))
	t.Cleanup(func() { testAccSandboxFor(t).SetClientAddress(netip.Addr{}) })
}
