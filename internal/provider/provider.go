// Package provider implements the AffiniPay Terraform provider.
package provider

import (
	"context"
	"fmt"
	"os"
	"slices"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/client"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/framework"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/services/contacts"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/services/merchant"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/services/paymentmethods"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/services/recurringcharges"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/validators"
)

var (
	_ provider.Provider                       = (*AffinipayProvider)(nil)
	_ provider.ProviderWithEphemeralResources = (*AffinipayProvider)(nil)
	_ provider.ProviderWithListResources      = (*AffinipayProvider)(nil)
	_ provider.ProviderWithActions            = (*AffinipayProvider)(nil)
)

// New returns the provider factory for a build version.
func New(version string) func() provider.Provider {
	return func() provider.Provider {
		return &AffinipayProvider{Version: version}
	}
}

type AffinipayProvider struct {
	Version string
	// getenv reads the AFFINIPAY_* defaults; nil means os.Getenv. Tests
	// that run in parallel, each against its own sandbox, set it.
	Getenv func(string) string
}

type providerModel struct {
	BaseURL        types.String `tfsdk:"base_url"`
	SecretKey      types.String `tfsdk:"secret_key"`
	AccessToken    types.String `tfsdk:"access_token"`
	ClientID       types.String `tfsdk:"client_id"`
	ClientSecret   types.String `tfsdk:"client_secret"`
	PublicKey      types.String `tfsdk:"public_key"`
	Mode           types.String `tfsdk:"mode"`
	MaxRetries     types.Int64  `tfsdk:"max_retries"`
	RequestTimeout types.String `tfsdk:"request_timeout"`

	AllowedMerchantIDs   types.Set `tfsdk:"allowed_merchant_ids"`   // merchant_guard.go
	ForbiddenMerchantIDs types.Set `tfsdk:"forbidden_merchant_ids"` // merchant_guard.go
}

func (p *AffinipayProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "affinipay"
	resp.Version = p.Version
}

func (p *AffinipayProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The AffiniPay (8am) provider manages a merchant's payment configuration: merchant settings, " +
			"webhook endpoints, eCheck account policy, contacts and their payment methods, and recurring charges. " +
			"Every credential is optional at configuration time; an operation that needs a missing one fails with an error naming it.",
		Attributes: map[string]schema.Attribute{
			"base_url": schema.StringAttribute{
				MarkdownDescription: "API base URL. Defaults to `" + client.DefaultBaseURL + "`, or the `" + client.EnvBaseURL + "` environment variable. " +
					"Must use `https://`; `http://` is accepted only for loopback hosts such as the local sandbox (`http://127.0.0.1:8765`).",
				Optional:   true,
				Validators: []validator.String{validators.BaseURL()},
			},
			"secret_key": schema.StringAttribute{
				MarkdownDescription: "Gateway secret key (test or live mode), sent as HTTP Basic credentials to the Payment Gateway API. " +
					"Defaults to the `" + client.EnvSecretKey + "` environment variable. When unset but a bearer token is available, " +
					"the secret key of `mode` is read from `GET /gateway-credentials`.",
				Optional:  true,
				Sensitive: true,
			},
			"access_token": schema.StringAttribute{
				MarkdownDescription: "OAuth bearer access token for the Contact and partner APIs. Defaults to the `" + client.EnvAccessToken + "` environment variable.",
				Optional:            true,
				Sensitive:           true,
			},
			"client_id": schema.StringAttribute{
				MarkdownDescription: "Partner OAuth application client ID, used with `client_secret` for the client-credentials flow against `/oauth/token` when no `access_token` is given. " +
					"Defaults to the `" + client.EnvClientID + "` environment variable.",
				Optional: true,
			},
			"client_secret": schema.StringAttribute{
				MarkdownDescription: "Partner OAuth application client secret. Defaults to the `" + client.EnvClientSecret + "` environment variable.",
				Optional:            true,
				Sensitive:           true,
			},
			"public_key": schema.StringAttribute{
				MarkdownDescription: "Merchant public key (`m_...`), used to create one-time payment tokens. Defaults to the `" + client.EnvPublicKey + "` environment variable.",
				Optional:            true,
			},
			"mode": schema.StringAttribute{
				MarkdownDescription: "`test` or `live`: which secret key is taken from `GET /gateway-credentials` when `secret_key` is not set. " +
					"Defaults to the `" + client.EnvMode + "` environment variable, then `test`.",
				Optional:   true,
				Validators: []validator.String{stringvalidator.OneOf(client.ModeTest, client.ModeLive)},
			},
			"max_retries": schema.Int64Attribute{
				MarkdownDescription: fmt.Sprintf("How many times a failed request is retried, with capped exponential backoff and jitter honouring `Retry-After`: 429 always; 502, 503, 504 and connection errors when repeating cannot duplicate anything (not a `POST` without `source_id` that reached the server); 500 only for reads. Default %d.", client.DefaultMaxRetries),
				Optional:            true,
				Validators:          []validator.Int64{int64validator.Between(0, 20)},
			},
			"request_timeout": schema.StringAttribute{
				MarkdownDescription: "Timeout of one HTTP request attempt, as a Go duration such as `30s` or `2m`. Default `30s`.",
				Optional:            true,
				Validators:          []validator.String{validators.Duration(time.Second, 10*time.Minute)},
			},
		},
	}
	for name, a := range merchantGuardAttributes() { // merchant_guard.go
		resp.Schema.Attributes[name] = a
	}
}

// unknownAttrs lists the attributes with their env vars, for the unknown-value errors.
var unknownAttrs = []struct{ name, env string }{
	{"base_url", client.EnvBaseURL}, {"secret_key", client.EnvSecretKey}, {"access_token", client.EnvAccessToken},
	{"client_id", client.EnvClientID}, {"client_secret", client.EnvClientSecret}, {"public_key", client.EnvPublicKey},
	{"mode", client.EnvMode}, {"max_retries", ""}, {"request_timeout", ""},
}

func (p *AffinipayProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var cfg providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	unknown := map[string]bool{
		"base_url": cfg.BaseURL.IsUnknown(), "secret_key": cfg.SecretKey.IsUnknown(), "access_token": cfg.AccessToken.IsUnknown(),
		"client_id": cfg.ClientID.IsUnknown(), "client_secret": cfg.ClientSecret.IsUnknown(), "public_key": cfg.PublicKey.IsUnknown(),
		"mode": cfg.Mode.IsUnknown(), "max_retries": cfg.MaxRetries.IsUnknown(), "request_timeout": cfg.RequestTimeout.IsUnknown(),
	}
	for _, a := range unknownAttrs {
		if !unknown[a.name] {
			continue
		}
		detail := "The provider cannot create the AffiniPay API client because the value of " + a.name + " is not known until apply. " +
			"Set it statically in the configuration"
		if a.env != "" {
			detail += " or through the " + a.env + " environment variable"
		}
		detail += ", or apply the resource it depends on first (terraform apply -target)."
		resp.Diagnostics.AddAttributeError(path.Root(a.name), "Unknown AffiniPay provider "+a.name, detail)
	}
	if resp.Diagnostics.HasError() {
		return
	}

	ccfg := client.Config{
		BaseURL:      p.stringOr(cfg.BaseURL, client.EnvBaseURL),
		SecretKey:    p.stringOr(cfg.SecretKey, client.EnvSecretKey),
		AccessToken:  p.stringOr(cfg.AccessToken, client.EnvAccessToken),
		ClientID:     p.stringOr(cfg.ClientID, client.EnvClientID),
		ClientSecret: p.stringOr(cfg.ClientSecret, client.EnvClientSecret),
		PublicKey:    p.stringOr(cfg.PublicKey, client.EnvPublicKey),
		Mode:         p.stringOr(cfg.Mode, client.EnvMode),
		MaxRetries:   client.DefaultMaxRetries,
		UserAgent:    "terraform-provider-affinipay/" + p.Version,
	}
	if !cfg.MaxRetries.IsNull() {
		ccfg.MaxRetries = int(cfg.MaxRetries.ValueInt64())
	}
	if !cfg.RequestTimeout.IsNull() {
		d, err := time.ParseDuration(cfg.RequestTimeout.ValueString())
		if err != nil {
			resp.Diagnostics.AddAttributeError(path.Root("request_timeout"), "Invalid request_timeout", err.Error())
			return
		}
		ccfg.RequestTimeout = d
	}
	if ccfg.Mode != "" && ccfg.Mode != client.ModeTest && ccfg.Mode != client.ModeLive {
		resp.Diagnostics.AddAttributeError(path.Root("mode"), "Invalid AffiniPay mode",
			fmt.Sprintf("mode (or %s) must be %q or %q, got %q.", client.EnvMode, client.ModeTest, client.ModeLive, ccfg.Mode))
		return
	}
	if (ccfg.ClientID == "") != (ccfg.ClientSecret == "") && ccfg.AccessToken == "" {
		resp.Diagnostics.AddWarning("Incomplete OAuth client credentials",
			"Only one of client_id and client_secret is set, so no bearer token can be requested: set both (or access_token) to use the Contact and partner APIs.")
	}
	c, err := client.New(ccfg)
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("base_url"), "Invalid AffiniPay provider configuration", err.Error())
		return
	}
	// allowed_merchant_ids / forbidden_merchant_ids: refuse the wrong
	// merchant before anything else runs (merchant_guard.go).
	checkMerchantGuard(ctx, cfg.AllowedMerchantIDs, cfg.ForbiddenMerchantIDs, ccfg, c, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	tflog.Debug(ctx, "AffiniPay client configured", map[string]any{
		"base_url": c.BaseURL(), "mode": c.Mode(),
		"has_secret_key": ccfg.SecretKey != "", "has_bearer": c.HasBearer(), "has_public_key": ccfg.PublicKey != "",
	})
	data := &framework.ProviderData{Client: c, Locks: framework.NewKeyedMutex()}
	resp.DataSourceData = data
	resp.ResourceData = data
	resp.EphemeralResourceData = data
	resp.ListResourceData = data
	resp.ActionData = data
}

// stringOr returns the configured value, else the environment variable.
func (p *AffinipayProvider) stringOr(v types.String, env string) string {
	if framework.IsKnown(v) {
		return v.ValueString()
	}
	if p.Getenv != nil {
		return p.Getenv(env)
	}
	return os.Getenv(env)
}

func (p *AffinipayProvider) Resources(_ context.Context) []func() resource.Resource {
	return slices.Concat(
		contacts.Resources(),
		merchant.Resources(),
		paymentmethods.Resources(),
		recurringcharges.Resources(),
	)
}

func (p *AffinipayProvider) DataSources(_ context.Context) []func() datasource.DataSource {
	return slices.Concat(
		contacts.DataSources(),
		merchant.DataSources(),
		recurringcharges.DataSources(),
	)
}

func (p *AffinipayProvider) EphemeralResources(_ context.Context) []func() ephemeral.EphemeralResource {
	return slices.Concat(
		merchant.EphemeralResources(),
		paymentmethods.EphemeralResources(),
	)
}

// ListResources are the list resources of `terraform query` (Terraform 1.14+).
func (p *AffinipayProvider) ListResources(_ context.Context) []func() list.ListResource {
	return slices.Concat(
		contacts.ListResources(),
		merchant.ListResources(),
		paymentmethods.ListResources(),
		recurringcharges.ListResources(),
	)
}

// Actions are invoked with `terraform apply -invoke` or `action_trigger` (Terraform 1.14+).
func (p *AffinipayProvider) Actions(_ context.Context) []func() action.Action {
	return slices.Concat(
		merchant.Actions(),
		recurringcharges.Actions(),
	)
}
