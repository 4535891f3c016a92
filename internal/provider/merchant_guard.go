package provider

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/client"
)

// The wrong-merchant guard: allowed_merchant_ids / forbidden_merchant_ids
// (the AWS provider's allowed_account_ids / forbidden_account_ids pattern).
//
// When either list is set, Configure resolves the merchant the credentials
// belong to before anything else runs, and fails with an error on the
// provider block when that merchant is not allowed. Because a provider that
// fails Configure serves no plan, read, import or apply, the refusal comes
// before any write and before any data source read, in plan and in apply.
//
// Resolution (read-only requests, once per provider process and set of
// credentials):
//   - GET /v1/merchant with the Gateway secret key gives the merchant ID
//     (reference: "GET /v1/merchant", the merchant's "id") and public key;
//     without secret_key the client first takes the key of `mode` from
//     GET /gateway-credentials with the bearer token, as for any Gateway call.
//   - When a secret key is configured and a bearer token (access_token, or
//     client_id and client_secret) is available too, GET /gateway-credentials
//     must list accounts of the same merchant (same public key): otherwise
//     the two credentials point at different merchants and the provider
//     refuses, naming both.
//   - A configured public_key must be the merchant's public key.

// merchantGuardAttributes returns the two schema attributes.
func merchantGuardAttributes() map[string]schema.Attribute {
	elem := []validator.String{
		stringvalidator.RegexMatches(merchantIDPattern,
			"must be a merchant ID as returned by GET /v1/merchant (`id`), such as `wKgFeDz5HF-BPPl08dcACw`"),
	}
	return map[string]schema.Attribute{
		"allowed_merchant_ids": schema.SetAttribute{
			MarkdownDescription: "Merchant IDs (the `id` of `GET /v1/merchant`, also the `id` of the `affinipay_merchant` data source) this provider configuration may work on. " +
				"When set, the provider resolves the merchant its credentials belong to when it is configured, before any read or write, " +
				"and fails with an error naming that merchant and this list when it is not in the list: plans, applies, refreshes and data source reads stop before the first request that reads or changes an object. " +
				"Costs one `GET /v1/merchant` per provider process (plus one `GET /gateway-credentials` when both a secret key and a bearer token are configured, to check they belong to the same merchant). " +
				"Conflicts with `forbidden_merchant_ids`.",
			ElementType: types.StringType,
			Optional:    true,
			Validators: []validator.Set{
				setvalidator.SizeAtLeast(1),
				setvalidator.ValueStringsAre(elem...),
				setvalidator.ConflictsWith(path.MatchRoot("forbidden_merchant_ids")),
			},
		},
		"forbidden_merchant_ids": schema.SetAttribute{
			MarkdownDescription: "Merchant IDs (the `id` of `GET /v1/merchant`) this provider configuration must never work on, " +
				"for example the production merchant in a pipeline that applies a staging configuration. " +
				"Checked like `allowed_merchant_ids`, before any read or write. Conflicts with `allowed_merchant_ids`.",
			ElementType: types.StringType,
			Optional:    true,
			Validators: []validator.Set{
				setvalidator.SizeAtLeast(1),
				setvalidator.ValueStringsAre(elem...),
			},
		},
	}
}

// merchantIDPattern: gateway IDs are 22 base64url characters; any
// base64url-alphabet string is accepted so that other ID lengths work.
var merchantIDPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)

// guardedMerchant is the resolved identity of a set of credentials.
type guardedMerchant struct {
	ID, Name, PublicKey string
}

// merchantIdentityCache holds resolutions for this provider process, keyed
// by a hash of the base URL and credentials (never the credentials
// themselves), so that a provider configured more than once with the same
// credentials resolves once.
var merchantIdentityCache sync.Map // string -> guardedMerchant

func merchantIdentityKey(ccfg client.Config) string {
	h := sha256.New()
	for _, v := range []string{ccfg.BaseURL, ccfg.SecretKey, ccfg.AccessToken, ccfg.ClientID, ccfg.ClientSecret, ccfg.PublicKey, ccfg.Mode} {
		h.Write([]byte(v))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// checkMerchantGuard applies allowed_merchant_ids / forbidden_merchant_ids.
// It does nothing (and sends nothing) when neither is set.
func checkMerchantGuard(ctx context.Context, allowedSet, forbiddenSet types.Set, ccfg client.Config, c *client.Client, diags *diag.Diagnostics) {
	for name, v := range map[string]types.Set{"allowed_merchant_ids": allowedSet, "forbidden_merchant_ids": forbiddenSet} {
		if v.IsUnknown() {
			diags.AddAttributeError(path.Root(name), "Unknown AffiniPay provider "+name,
				"The provider cannot check which merchant its credentials belong to because the value of "+name+" is not known until apply. "+
					"Set it statically in the configuration (a literal or a variable).")
		}
	}
	if diags.HasError() {
		return
	}
	allowed, forbidden := setStrings(ctx, allowedSet, diags), setStrings(ctx, forbiddenSet, diags)
	if diags.HasError() || (allowed == nil && forbidden == nil) {
		return
	}
	attr := "allowed_merchant_ids"
	if allowed == nil {
		attr = "forbidden_merchant_ids"
	}

	m, err := resolveMerchant(ctx, ccfg, c)
	if err != nil {
		diags.AddAttributeError(path.Root(attr), "Cannot verify the AffiniPay merchant",
			fmt.Sprintf("%s is set, so the provider must find out which merchant its credentials belong to before it reads or changes anything, and that failed: %s", attr, err))
		return
	}
	tflog.Debug(ctx, "AffiniPay credentials resolved to merchant", map[string]any{"merchant_id": m.ID})
	who := fmt.Sprintf("merchant %s (%q)", m.ID, m.Name)
	switch {
	case allowed != nil && !slices.Contains(allowed, m.ID):
		diags.AddAttributeError(path.Root(attr), "AffiniPay merchant not allowed",
			fmt.Sprintf("The credentials of this provider configuration belong to %s, which is not in allowed_merchant_ids %s. "+
				"Nothing was read or changed. Check which credentials this run uses (secret_key, access_token, client_id or the AFFINIPAY_* environment variables).",
				who, formatIDs(allowed)))
	case forbidden != nil && slices.Contains(forbidden, m.ID):
		diags.AddAttributeError(path.Root(attr), "AffiniPay merchant forbidden",
			fmt.Sprintf("The credentials of this provider configuration belong to %s, which is in forbidden_merchant_ids %s. "+
				"Nothing was read or changed. Check which credentials this run uses (secret_key, access_token, client_id or the AFFINIPAY_* environment variables).",
				who, formatIDs(forbidden)))
	}
}

// resolveMerchant finds the merchant of the credentials (cached per process).
func resolveMerchant(ctx context.Context, ccfg client.Config, c *client.Client) (guardedMerchant, error) {
	key := merchantIdentityKey(ccfg)
	if v, ok := merchantIdentityCache.Load(key); ok {
		return v.(guardedMerchant), nil //nolint:forcetypeassert // only guardedMerchant is stored
	}
	mc, err := c.GetMerchant(ctx)
	if err != nil {
		return guardedMerchant{}, fmt.Errorf("GET /v1/merchant: %w", err)
	}
	m := guardedMerchant{ID: mc.ID, Name: mc.Name, PublicKey: mc.PublicKey}
	if m.ID == "" {
		return guardedMerchant{}, fmt.Errorf("GET /v1/merchant answered without a merchant id")
	}
	if ccfg.PublicKey != "" && m.PublicKey != "" && ccfg.PublicKey != m.PublicKey {
		return guardedMerchant{}, fmt.Errorf("public_key %s is not the public key of merchant %s (%s): the credentials belong to different merchants",
			ccfg.PublicKey, m.ID, m.PublicKey)
	}
	if ccfg.SecretKey != "" && c.HasBearer() {
		gc, err := c.GetGatewayCredentials(ctx)
		if err != nil {
			return guardedMerchant{}, fmt.Errorf("GET /gateway-credentials (checking that the bearer token belongs to merchant %s too): %w", m.ID, err)
		}
		for _, a := range append(slices.Clip(gc.TestAccounts), gc.LiveAccounts...) {
			if a.PublicKey != "" && a.PublicKey != m.PublicKey {
				return guardedMerchant{}, fmt.Errorf("the secret key belongs to merchant %s (public key %s) but the bearer token (access_token or client_id) to a merchant with public key %s: "+
					"the credentials belong to different merchants", m.ID, m.PublicKey, a.PublicKey)
			}
		}
	}
	merchantIdentityCache.Store(key, m)
	return m, nil
}

func setStrings(ctx context.Context, v types.Set, diags *diag.Diagnostics) []string {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	var out []string
	diags.Append(v.ElementsAs(ctx, &out, false)...)
	if out == nil {
		out = []string{}
	}
	return out
}

func formatIDs(ids []string) string {
	s := slices.Clone(ids)
	sort.Strings(s)
	return "[" + strings.Join(s, ", ") + "]"
}
