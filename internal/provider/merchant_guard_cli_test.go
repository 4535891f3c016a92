package provider_test

import (
	"slices"
	"testing"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/acctest"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/client"
)

const guardCLIConfig = `
variable "allowed" {
  type    = list(string)
  default = null
}

provider "affinipay" {
  allowed_merchant_ids = var.allowed
}

resource "affinipay_webhook_endpoint" "guarded" {
  url  = "https://hooks.example.com/affinipay/guarded"
  mode = "test"
}
`

// TestAccMerchantGuardCLI_requestCounts measures, with the real CLI and
// provider binary, how many requests allowed_merchant_ids adds to a plan
// and to an apply, with a secret key only and with a secret key and an
// access token; and checks that a saved plan applied with another
// merchant's credentials is refused with no write.
func TestAccMerchantGuardCLI_requestCounts(t *testing.T) {
	sb := acctest.ParallelMerchants(t, 2)
	m1 := sb.Merchant(1)
	allowed := `-var=allowed=["` + m1.ID() + `"]`
	base := acctest.NewCLIWorkspace(t, "", guardCLIConfig, "TF_LOG=", "TF_LOG_PATH=")
	total := func() int64 { return sb.Metrics().Total }

	for _, variant := range []struct {
		name     string
		env      []string
		perPlan  int64
		extraGET string
	}{
		{"secret key only", []string{client.EnvAccessToken + "=", client.EnvClientID + "=", client.EnvClientSecret + "="}, 1, ""},
		{"secret key and access token", nil, 2, "GET /gateway-credentials"},
	} {
		t.Run(variant.name, func(t *testing.T) {
			w := *base
			w.T = t
			w.Env = append(slices.Clone(base.Env), variant.env...)

			measure := func(args ...string) int64 {
				before := total()
				w.Run(args...)
				return total() - before
			}
			planPlain := measure("plan", "-input=false")
			planGuard := measure("plan", "-input=false", allowed)
			applyGuard := measure("apply", "-auto-approve", "-input=false", allowed)
			w.Run("destroy", "-auto-approve", "-input=false")
			applyPlain := measure("apply", "-auto-approve", "-input=false")
			w.Run("destroy", "-auto-approve", "-input=false")

			t.Logf("guard cost (%s): plan %d -> %d requests (+%d), apply %d -> %d requests (+%d)",
				variant.name, planPlain, planGuard, planGuard-planPlain, applyPlain, applyGuard, applyGuard-applyPlain)
			if planGuard-planPlain != variant.perPlan {
				t.Errorf("the guard adds %d requests to a plan, want %d (one provider process)", planGuard-planPlain, variant.perPlan)
			}
			// terraform apply runs the provider twice (plan and apply phases).
			if d := applyGuard - applyPlain; d != 2*variant.perPlan {
				t.Errorf("the guard adds %d requests to an apply, want %d (two provider processes)", d, 2*variant.perPlan)
			}
		})
	}

	// A saved plan made with merchant 1's credentials, applied by a job
	// that has merchant 2's: refused in the apply phase, no write.
	t.Run("saved plan applied with other credentials", func(t *testing.T) {
		w := *base
		w.T = t
		w.Run("plan", "-input=false", "-out=tfplan", allowed)
		c2 := sb.Merchant(2).Credentials()
		w.Env = append(slices.Clone(base.Env), client.EnvSecretKey+"="+c2.TestSecretKey, client.EnvAccessToken+"="+c2.AccessToken,
			client.EnvClientID+"=", client.EnvClientSecret+"=", client.EnvPublicKey+"=")
		before1, before2 := acctest.MerchantWrites(m1), acctest.MerchantWrites(sb.Merchant(2))
		out, err := w.TryRun("apply", "-input=false", "tfplan")
		if err == nil || !wrappedRe("AffiniPay merchant not allowed", "belong to merchant "+sb.Merchant(2).ID(), "allowed_merchant_ids ["+m1.ID()+"]").MatchString(out) {
			t.Errorf("saved plan applied with merchant 2's credentials: err %v\n%s", err, out)
		}
		if acctest.MerchantWrites(m1) != before1 || acctest.MerchantWrites(sb.Merchant(2)) != before2 {
			t.Errorf("the refused apply wrote: merchant 1 %d -> %d, merchant 2 %d -> %d",
				before1, acctest.MerchantWrites(m1), before2, acctest.MerchantWrites(sb.Merchant(2)))
		}
		if o := sb.Merchant(2).Objects(); o.TestEventsURLs != 0 {
			t.Errorf("merchant 2 holds %+v", o)
		}
	})
}
