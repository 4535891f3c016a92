package acctest

import (
	"net/netip"
	"testing"
)

// testAccPresentAs makes the sandbox see every later API request as coming
// from addr (its admin "apparent client address"), until the test ends.
// Call it before testAccRestoreMerchant so that the restore, which runs
// first at cleanup, is still made from addr.
func PresentAs(t *testing.T, addr string) {
	t.Helper()
	SandboxOnly(t)
	SandboxFor(t).SetClientAddress(netip.MustParseAddr(addr))
	t.Cleanup(func() { SandboxFor(t).SetClientAddress(netip.Addr{}) })
}
