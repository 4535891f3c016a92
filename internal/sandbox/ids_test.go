package sandbox

import (
	"encoding/base64"
	"regexp"
	"strings"
	"testing"
)

func TestIDFormats(t *testing.T) {
	g := newIDGen(1, "x")
	seen := map[string]bool{}
	for i := 0; i < 200; i++ {
		id := g.gatewayID()
		if len(id) != 22 {
			t.Fatalf("gateway ID %q", id)
		}
		if b, err := base64.RawURLEncoding.DecodeString(id); err != nil || len(b) != 16 {
			t.Fatalf("gateway ID %q not base64url: %v", id, err)
		}
		if seen[id] {
			t.Fatal("duplicate ID")
		}
		seen[id] = true
	}
	if pk := g.publicKey(); !regexp.MustCompile(`^m_[A-Za-z0-9_-]{22}$`).MatchString(pk) {
		t.Errorf("public key %q", pk)
	}
	if b := g.bankAccountID(); !regexp.MustCompile(`^bank_[A-Za-z0-9]{21}$`).MatchString(b) {
		t.Errorf("bank id %q", b)
	}
	if p := g.prefixed("org_"); !regexp.MustCompile(`^org_[A-Za-z0-9]{21}$`).MatchString(p) {
		t.Errorf("prefixed %q", p)
	}
	if a, b := newIDGen(7, "s").gatewayID(), newIDGen(7, "s").gatewayID(); a != b {
		t.Error("same seed and stream must give the same IDs")
	}
	if a, b := newIDGen(7, "s").gatewayID(), newIDGen(7, "t").gatewayID(); a == b {
		t.Error("different streams must give different IDs")
	}
}

func TestCredentialFormats(t *testing.T) {
	c := DefaultCredentials()
	lowerAlnum := regexp.MustCompile(`^[a-z0-9]{64}$`)
	alnum64 := regexp.MustCompile(`^[A-Za-z0-9]{64}$`)
	if !lowerAlnum.MatchString(c.TestSecretKey) || !lowerAlnum.MatchString(c.LiveSecretKey) || c.TestSecretKey == c.LiveSecretKey {
		t.Errorf("secret keys %q %q", c.TestSecretKey, c.LiveSecretKey)
	}
	if !regexp.MustCompile(`^m_[A-Za-z0-9_-]{22}$`).MatchString(c.PublicKey) {
		t.Errorf("public key %q", c.PublicKey)
	}
	for _, v := range []string{c.AccessToken, c.ClientID, c.ClientSecret} {
		if !alnum64.MatchString(v) || !strings.Contains(strings.ToLower(v), "sandbox") {
			t.Errorf("%q", v)
		}
	}
}
