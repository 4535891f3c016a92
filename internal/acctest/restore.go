package acctest

import (
	"context"
	"testing"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/client"
)

// testAccRestoreMerchant snapshots the merchant's settings and its eCheck
// accounts (of the test key's mode) and restores them with t.Cleanup, since
// every provider test shares one sandbox (or one real test merchant). It
// returns the snapshot.
func RestoreMerchant(t *testing.T) *client.Merchant {
	t.Helper()
	c := Client(t)
	orig, err := c.GetMerchant(context.Background())
	if err != nil {
		t.Fatalf("snapshot merchant: %v", err)
	}
	t.Cleanup(func() {
		ctx := context.Background()
		if _, err := c.UpdateMerchant(ctx, merchantRestoreBody(orig)); err != nil {
			t.Errorf("restore merchant settings: %v", err)
		}
		// Restore the primary account first: making it primary makes
		// whichever account a test made primary non-primary again.
		for _, a := range orig.AchAccounts {
			if a.Primary {
				if _, err := c.UpdateAchAccount(ctx, a.ID, client.AchAccountUpdate{Primary: client.Bool(true)}); err != nil {
					t.Errorf("restore primary eCheck account %s: %v", a.ID, err)
				}
			}
		}
		for _, a := range orig.AchAccounts {
			if _, err := c.UpdateAchAccount(ctx, a.ID, client.AchAccountUpdate{
				Name:                        client.String(a.Name),
				RequiredPaymentFields:       client.String(a.RequiredPaymentFields),
				TransactionAllowedCountries: client.String(a.TransactionAllowedCountries),
			}); err != nil {
				t.Errorf("restore eCheck account %s: %v", a.ID, err)
			}
		}
	})
	return orig
}

// merchantRestoreBody is a PATCH that puts back every updatable merchant
// field, the event URL lists included (a test may set them to check that
// affinipay_merchant leaves them alone).
func merchantRestoreBody(m *client.Merchant) client.MerchantUpdate {
	return client.MerchantUpdate{
		Name: client.String(m.Name), ContactName: client.String(m.ContactName), ContactEmail: client.String(m.ContactEmail),
		ContactPhone: client.String(m.ContactPhone), Address1: client.String(m.Address1), Address2: client.String(m.Address2),
		City: client.String(m.City), State: client.String(m.State), PostalCode: client.String(m.PostalCode),
		Country: client.String(m.Country), Timezone: client.String(m.Timezone),
		APIAllowedIPAddressRanges: client.String(m.APIAllowedIPAddressRanges),
		LiveEventsURLs:            client.String(m.LiveEventsURLs), TestEventsURLs: client.String(m.TestEventsURLs),
	}
}
