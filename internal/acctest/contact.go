package acctest

import (
	"context"
	"testing"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/client"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/testutil"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
)

// testAccCheckContactDestroyed checks every contact of the state is gone.
func CheckContactDestroyed(t *testing.T) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		c := Client(t)
		for _, rs := range s.RootModule().Resources {
			if rs.Type != "affinipay_contact" {
				continue
			}
			_, err := c.GetContact(context.Background(), rs.Primary.ID)
			if err == nil {
				return testutil.Errorf("contact %s still exists", rs.Primary.ID)
			}
			if !client.IsNotFound(err) {
				return err
			}
		}
		return nil
	}
}
