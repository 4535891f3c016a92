package sandbox

// The merchant's API IP allow-list (reference "Restricting Client Access",
// affinipay-api-reference.txt:643-657, and the merchant property
// api_allowed_ip_address_ranges, :4024: "Requests made by the Merchant from
// IPs outside the defined ranges are rejected. If no address ranges are
// defined, authenticated requests are accepted from any IP.").
//
// Readings:
//   - The list restricts the Merchant's Gateway API requests: those
//     authenticated with a secret key (test or live). One-time tokens
//     (public key, made from customers' browsers), the OAuth/Authentication
//     API and the Contact API (bearer tokens) are not restricted by it.
//   - A request from outside the ranges is rejected with the documented
//     general error for "credentials that do not permit access to the
//     requested operation": 401 not_authorized (:4355-4374), the same body as
//     bad credentials, so nothing tells a caller the key was right. The check
//     runs after the credentials are verified.
//   - The address checked is the connection's remote address. The
//     X-Relayed-IP-Address header (:653) names the customer for country
//     checks; it never replaces the caller's address for the allow-list.
//   - Entries may have host bits set (the documented example holds
//     198.51.100.1/24, :790); they are matched as their masked network.
//
// Tests present another client address with the admin endpoint
// POST /_sandbox/client-address {"address": "203.0.113.7"} ({} or
// {"address": ""} returns to the connection's address); it is accepted only
// there, never from a header on an API request.

import (
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// clientAddress returns the address the allow-list checks for r: the
// admin-set apparent address, or the connection's remote address.
func (s *Server) clientAddressLocked(r *http.Request) (netip.Addr, bool) {
	if s.apparentClient.IsValid() {
		return s.apparentClient, true
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	a, err := netip.ParseAddr(host)
	if err != nil {
		return netip.Addr{}, false
	}
	return a.Unmap(), true
}

// ipAllowedLocked reports whether r may use the Gateway API under the
// merchant's api_allowed_ip_address_ranges.
func (s *Server) ipAllowedLocked(r *http.Request) bool {
	ranges := strings.TrimSpace(s.st.merchant.APIAllowedIPAddressRanges)
	if ranges == "" {
		return true
	}
	addr, ok := s.clientAddressLocked(r)
	if !ok {
		return false
	}
	for _, p := range strings.Split(ranges, ",") {
		pfx, err := netip.ParsePrefix(strings.TrimSpace(p))
		if err != nil {
			continue // stored values were validated; be strict anyway
		}
		if pfx.Masked().Contains(addr) {
			return true
		}
	}
	return false
}

type clientAddressJSON struct {
	Address string `json:"address"`
}

func (s *Server) getClientAddress(w http.ResponseWriter, _ *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := clientAddressJSON{}
	if s.apparentClient.IsValid() {
		out.Address = s.apparentClient.String()
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) postClientAddress(w http.ResponseWriter, r *http.Request) {
	var body clientAddressJSON
	if !readAdminJSON(w, r, "client-address", &body) {
		return
	}
	var a netip.Addr
	if v := strings.TrimSpace(body.Address); v != "" {
		var err error
		if a, err = netip.ParseAddr(v); err != nil {
			writeInvalid(w, []Message{invalidData("address", subInvalid, "address must be an IPv4 or IPv6 address such as 203.0.113.7")})
			return
		}
	}
	s.SetClientAddress(a)
	s.getClientAddress(w, r)
}

// SetClientAddress makes every later API request appear to come from a (the
// zero Addr returns to the connection's own address). Reset clears it.
func (s *Server) SetClientAddress(a netip.Addr) {
	for _, m := range s.merchantServers() { // merchants.go: shared by every merchant
		m.mu.Lock()
		m.apparentClient = a.Unmap()
		m.mu.Unlock()
	}
}
