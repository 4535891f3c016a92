package acctest

import (
	"net/netip"
	"testing"
)

// testAccPresentAs makes the sandbox see every later API request as coming
// from addr (its admin "apparent client address"), until the test ends.
// Call it before testAccRestoreMerchant so that the restore, which runs
// first at cleanup, is still made from addr.
func TestAccPresentAs(t *testing.T, addr string) {
	t.Helper()
	TestAccSandboxOnly(t)
	TestAccSandboxFor(t).SetClientAddress(netip.MustParseAddr(addr))
	t.Cleanup(func() { TestAccSandboxFor(t).SetClientAddress(netip.Addr{}) })
}
