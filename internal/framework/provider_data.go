package framework

import (
	"fmt"
	"sync"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/client"
	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// providerDataFrom converts the ProviderData a Configure method receives. It
// returns nil without error before the provider is configured (validation).
func ProviderDataFrom(data any, diags *diag.Diagnostics) *ProviderData {
	if data == nil {
		return nil
	}
	pd, ok := data.(*ProviderData)
	if !ok {
		diags.AddError("Unexpected provider data",
			fmt.Sprintf("Expected *framework.ProviderData, got %T. This is a bug in the provider; please report it.", data))
		return nil
	}
	return pd
}

// ProviderData is what resources and data sources receive from Configure.
type ProviderData struct {
	Client *client.Client
	// Locks serialises read-modify-write cycles on one object (the
	// merchant's event URL lists, one contact's tags) within this provider
	// process, which is the whole of one Terraform run.
	Locks *KeyedMutex
	// shared holds the values an object package keeps for the whole of one
	// configured provider, such as the webhook endpoints' queue of changes
	// to the merchant's event URL lists: see Shared.
	shared sync.Map
}

// Shared returns the value stored under key for this configured provider,
// storing the one newValue makes on first use. Object packages keep their
// per-provider state here (keyed by an unexported type of their own), so
// that this package needs to know none of their types.
func (d *ProviderData) Shared(key any, newValue func() any) any {
	if v, ok := d.shared.Load(key); ok {
		return v
	}
	v, _ := d.shared.LoadOrStore(key, newValue())
	return v
}
