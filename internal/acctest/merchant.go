package acctest

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
)

const MerchantTestAddr = "affinipay_merchant.this"

// phraseRegexp matches words separated by any whitespace (Terraform wraps
// diagnostic text), after an attribute name somewhere before them.
func PhraseRegexp(attr, phrase string) *regexp.Regexp {
	words := strings.Fields(phrase)
	for i, w := range words {
		words[i] = regexp.QuoteMeta(w)
	}
	return regexp.MustCompile(`(?s)` + regexp.QuoteMeta(attr) + `.*` + strings.Join(words, `\s+`))
}

// merchantTestExpect checks the merchant at AffiniPay field by field.
func MerchantTestExpect(t *testing.T, want map[string]string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		m, err := Client(t).GetMerchant(context.Background())
		if err != nil {
			return err
		}
		got := map[string]string{
			"name": m.Name, "contact_name": m.ContactName, "contact_email": m.ContactEmail, "contact_phone": m.ContactPhone,
			"address1": m.Address1, "address2": m.Address2, "city": m.City, "state": m.State, "postal_code": m.PostalCode,
			"country": m.Country, "timezone": m.Timezone, "api_allowed_ip_address_ranges": m.APIAllowedIPAddressRanges,
			"live_events_urls": m.LiveEventsURLs, "test_events_urls": m.TestEventsURLs,
		}
		for k, v := range want {
			if got[k] != v {
				return fmt.Errorf("merchant %s at AffiniPay = %q, want %q", k, got[k], v)
			}
		}
		return nil
	}
}
