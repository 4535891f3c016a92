package sandbox

// Fixed sandbox credentials, in the documented formats, chosen to be
// obviously fake:
//   - secret keys: 64 lowercase alphanumeric characters, different per mode
//   - public key: "m_" + 22 base64url characters
//   - access token, OAuth client id and secret: 64 alphanumeric characters
const (
	TestSecretKey = "sandboxtestsecretkey00000000000000000000000000000000000000000000"
	LiveSecretKey = "sandboxlivesecretkey00000000000000000000000000000000000000000000"
	PublicKey     = "m_SandboxPublicKey000000"
	AccessToken   = "SandboxAccessToken0000000000000000000000000000000000000000000000"
	ClientID      = "SandboxClientId0000000000000000000000000000000000000000000000000"
	ClientSecret  = "SandboxClientSecret000000000000000000000000000000000000000000000"
)

// Credentials are the credentials accepted by the sandbox.
type Credentials struct {
	TestSecretKey, LiveSecretKey, PublicKey, AccessToken, ClientID, ClientSecret string
}

// DefaultCredentials returns the fixed sandbox credentials. AccessToken never
// expires; tokens issued by POST /oauth/token are valid too (until Reset).
func DefaultCredentials() Credentials {
	return Credentials{
		TestSecretKey: TestSecretKey,
		LiveSecretKey: LiveSecretKey,
		PublicKey:     PublicKey,
		AccessToken:   AccessToken,
		ClientID:      ClientID,
		ClientSecret:  ClientSecret,
	}
}
