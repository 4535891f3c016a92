# Any number of merchants in one configuration with one provider block
# repeated by for_each (OpenTofu 1.9 or later; Terraform does not support
# for_each on providers: use ../terraform there). Adding a merchant is one
# more entry in var.merchants and var.credentials.
terraform {
  required_version = ">= 1.9.0"
  required_providers {
    affinipay = {
      source = "affinipay-terraform/affinipay"
    }
  }
}

provider "affinipay" {
  alias    = "by_merchant"
  for_each = var.merchants

  base_url             = var.base_url
  secret_key           = var.credentials[each.key].secret_key
  access_token         = var.credentials[each.key].access_token
  client_id            = var.credentials[each.key].client_id
  client_secret        = var.credentials[each.key].client_secret
  public_key           = ""
  allowed_merchant_ids = each.value.merchant_id == null ? null : [each.value.merchant_id]
}

module "merchant" {
  source   = "../modules/merchant"
  for_each = var.merchants
  providers = {
    affinipay = affinipay.by_merchant[each.key]
  }
  webhook_url     = each.value.webhook_url
  billing_contact = each.value.billing_contact
}

output "merchant_ids" {
  description = "The merchant each provider instance works on, by merchant key."
  value       = { for k, m in module.merchant : k => m.merchant_id }
}
