package merchant

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/client"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/testutil"
)

// Create sends exactly the configured attributes (null = not configured),
// never the event URL lists; ranges are sorted into one string.
func TestExpandMerchantUpdate_create(t *testing.T) {
	cfg := MerchantResourceModel{
		Name:                      types.StringValue("Biz"),
		Address2:                  types.StringValue(""),
		City:                      types.StringNull(),
		Timezone:                  types.StringUnknown(),
		APIAllowedIPAddressRanges: testutil.MerchantTestSet("198.51.100.0/24", "127.0.0.1/32"),
	}
	u, diags := expandMerchantUpdate(context.Background(), cfg, nil)
	if diags.HasError() {
		t.Fatal(diags)
	}
	want := `{"name":"Biz","address2":"","api_allowed_ip_address_ranges":"127.0.0.1/32,198.51.100.0/24"}`
	if got := testutil.TestJSON(t, u.MerchantUpdate); got != want || u.IsEmpty() {
		t.Errorf("body = %s, want %s", got, want)
	}

	empty, _ := expandMerchantUpdate(context.Background(), MerchantResourceModel{
		APIAllowedIPAddressRanges: types.SetNull(types.StringType),
	}, nil)
	if !empty.IsEmpty() || testutil.TestJSON(t, empty.MerchantUpdate) != `{}` {
		t.Errorf("nothing configured: %+v", empty)
	}

	// An empty set is configured: it clears the ranges.
	cleared, _ := expandMerchantUpdate(context.Background(), MerchantResourceModel{APIAllowedIPAddressRanges: testutil.MerchantTestSet()}, nil)
	if got := testutil.TestJSON(t, cleared.MerchantUpdate); got != `{"api_allowed_ip_address_ranges":""}` {
		t.Errorf("empty set: body = %s", got)
	}
}

// Update sends only what differs from the prior state.
func TestExpandMerchantUpdate_update(t *testing.T) {
	prior := MerchantResourceModel{
		Name: types.StringValue("Biz"), City: types.StringValue("Bangor"), State: types.StringValue("ME"),
		APIAllowedIPAddressRanges: testutil.MerchantTestSet("10.0.0.0/8", "127.0.0.1/32"),
	}
	plan := prior
	plan.City = types.StringValue("Portland")
	plan.APIAllowedIPAddressRanges = testutil.MerchantTestSet("127.0.0.1/32", "10.0.0.0/8") // same set, other order
	u, _ := expandMerchantUpdate(context.Background(), plan, &prior)
	if got := testutil.TestJSON(t, u.MerchantUpdate); got != `{"city":"Portland"}` {
		t.Errorf("body = %s", got)
	}
	same, _ := expandMerchantUpdate(context.Background(), prior, &prior)
	if !same.IsEmpty() {
		t.Errorf("no change: %+v", same)
	}
}

func TestFlattenMerchant(t *testing.T) {
	m := &client.Merchant{
		ID: "mid", PublicKey: "m_pk", Name: "Biz", ContactPhone: "12075550123", Country: "US",
		APIAllowedIPAddressRanges: " 10.0.0.0/8 ,127.0.0.1/32", LiveEventsURLs: "https://x.example.com/",
	}
	got, diags := flattenMerchant(context.Background(), m, nil)
	if diags.HasError() {
		t.Fatal(diags)
	}
	if got.ID.ValueString() != "mid" || got.PublicKey.ValueString() != "m_pk" || got.Address2.ValueString() != "" || got.Address2.IsNull() {
		t.Errorf("flatten: %+v", got)
	}
	if !got.APIAllowedIPAddressRanges.Equal(testutil.MerchantTestSet("127.0.0.1/32", "10.0.0.0/8")) {
		t.Errorf("ranges = %v", got.APIAllowedIPAddressRanges)
	}
	// The configured spelling of an equal phone number is kept.
	like := MerchantResourceModel{ContactPhone: types.StringValue("+12075550123")}
	got, _ = flattenMerchant(context.Background(), m, &like)
	if got.ContactPhone.ValueString() != "+12075550123" {
		t.Errorf("phone = %s, want the configured +12075550123", got.ContactPhone)
	}
	like.ContactPhone = types.StringValue("+12075550199")
	got, _ = flattenMerchant(context.Background(), m, &like)
	if got.ContactPhone.ValueString() != "12075550123" {
		t.Errorf("phone = %s, want the API's 12075550123 for a different number", got.ContactPhone)
	}
	// Empty API list: an empty (not null) set.
	got, _ = flattenMerchant(context.Background(), &client.Merchant{}, nil)
	if got.APIAllowedIPAddressRanges.IsNull() || len(got.APIAllowedIPAddressRanges.Elements()) != 0 {
		t.Errorf("empty ranges = %v", got.APIAllowedIPAddressRanges)
	}
}
