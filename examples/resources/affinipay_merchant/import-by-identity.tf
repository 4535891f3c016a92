# Terraform 1.12 and later: import the merchant the provider's credentials
# authenticate as, by identity.
import {
  to = affinipay_merchant.this
  identity = {
    id = "wKgFeDz5HF-BPPl08dcACw"
  }
}
