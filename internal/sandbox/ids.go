package sandbox

import (
	"encoding/base64"
	"hash/fnv"
	"math/rand/v2"
)

const alnumChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

// idGen generates IDs in the documented formats from a deterministic RNG.
// It is not safe for concurrent use: callers hold Server.mu.
type idGen struct {
	rng *rand.Rand
}

// newIDGen returns a generator seeded from seed and a stream name, so that
// each area (and the runtime stream) has its own stable sequence: adding a
// new seeded area does not change the IDs of existing ones.
func newIDGen(seed int64, stream string) *idGen {
	h := fnv.New64a()
	_, _ = h.Write([]byte(stream))
	return &idGen{rng: rand.New(rand.NewPCG(uint64(seed), h.Sum64()))}
}

// gatewayID returns a 22-character base64url ID like "wKgFeDz5HF-BPPl08dcACw"
// (16 random bytes, unpadded URL-safe base64).
func (g *idGen) gatewayID() string {
	var b [16]byte
	for i := 0; i < 16; i += 8 {
		v := g.rng.Uint64()
		for j := 0; j < 8; j++ {
			b[i+j] = byte(v >> (8 * j))
		}
	}
	return base64.RawURLEncoding.EncodeToString(b[:])
}

// publicKey returns "m_" + 22 base64url characters.
func (g *idGen) publicKey() string { return "m_" + g.gatewayID() }

// alnum returns n random characters from [A-Za-z0-9].
func (g *idGen) alnum(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = alnumChars[g.rng.IntN(len(alnumChars))]
	}
	return string(b)
}

// prefixed returns prefix + 21 alphanumeric characters, the format of
// Contact/partner API IDs ("bank_", "p_", "org_", "eml_", ...).
func (g *idGen) prefixed(prefix string) string { return prefix + g.alnum(21) }

// bankAccountID returns "bank_" + 21 alphanumeric characters.
func (g *idGen) bankAccountID() string { return g.prefixed("bank_") }

// accessToken returns a 64-character alphanumeric OAuth access token.
func (g *idGen) accessToken() string { return g.alnum(64) }
