# Three merchants in one configuration with provider aliases (Terraform;
# OpenTofu runs it too). Terraform cannot repeat a provider block with
# for_each, so each merchant has an alias of its own; ../opentofu does the
# same with one provider block and for_each on OpenTofu 1.9 or later.
terraform {
  required_version = ">= 1.5.0"
  required_providers {
    affinipay = {
      source = "affinipay-terraform/affinipay"
    }
  }
}

provider "affinipay" {
  alias                = "firm_a"
  base_url             = var.base_url
  secret_key           = var.credentials["firm_a"].secret_key
  access_token         = var.credentials["firm_a"].access_token
  client_id            = var.credentials["firm_a"].client_id
  client_secret        = var.credentials["firm_a"].client_secret
  public_key           = ""
  allowed_merchant_ids = var.merchants["firm_a"].merchant_id == null ? null : [var.merchants["firm_a"].merchant_id]
}

provider "affinipay" {
  alias                = "firm_b"
  base_url             = var.base_url
  secret_key           = var.credentials["firm_b"].secret_key
  access_token         = var.credentials["firm_b"].access_token
  client_id            = var.credentials["firm_b"].client_id
  client_secret        = var.credentials["firm_b"].client_secret
  public_key           = ""
  allowed_merchant_ids = var.merchants["firm_b"].merchant_id == null ? null : [var.merchants["firm_b"].merchant_id]
}

provider "affinipay" {
  alias                = "firm_c"
  base_url             = var.base_url
  secret_key           = var.credentials["firm_c"].secret_key
  access_token         = var.credentials["firm_c"].access_token
  client_id            = var.credentials["firm_c"].client_id
  client_secret        = var.credentials["firm_c"].client_secret
  public_key           = ""
  allowed_merchant_ids = var.merchants["firm_c"].merchant_id == null ? null : [var.merchants["firm_c"].merchant_id]
}

module "firm_a" {
  source          = "../modules/merchant"
  providers       = { affinipay = affinipay.firm_a }
  webhook_url     = var.merchants["firm_a"].webhook_url
  billing_contact = var.merchants["firm_a"].billing_contact
}

module "firm_b" {
  source          = "../modules/merchant"
  providers       = { affinipay = affinipay.firm_b }
  webhook_url     = var.merchants["firm_b"].webhook_url
  billing_contact = var.merchants["firm_b"].billing_contact
}

module "firm_c" {
  source          = "../modules/merchant"
  providers       = { affinipay = affinipay.firm_c }
  webhook_url     = var.merchants["firm_c"].webhook_url
  billing_contact = var.merchants["firm_c"].billing_contact
}

output "merchant_ids" {
  description = "The merchant each alias works on, by merchant key."
  value = {
    firm_a = module.firm_a.merchant_id
    firm_b = module.firm_b.merchant_id
    firm_c = module.firm_c.merchant_id
  }
}
