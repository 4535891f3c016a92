# Terraform 1.5 and later, and OpenTofu: import the merchant the provider's
# credentials authenticate as, by its ID (the id of the affinipay_merchant
# data source).
import {
  to = affinipay_merchant.this
  id = "wKgFeDz5HF-BPPl08dcACw"
}
