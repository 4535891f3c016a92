# The quickstart: `make quickstart` applies this configuration against the
# local AffiniPay sandbox. The provider reads the sandbox's address and
# credentials from the AFFINIPAY_* environment variables the sandbox writes.
terraform {
  required_version = ">= 1.5.0"
  required_providers {
    affinipay = {
      source = "affinipay-terraform/affinipay"
    }
  }
}

provider "affinipay" {
  mode = "test"
}

# Is the gateway up? Needs no credentials.
data "affinipay_status" "gateway" {}

# The merchant the test-mode secret key authenticates as, with its test
# card-processing and eCheck accounts.
data "affinipay_merchant" "current" {}

# Bank accounts and their processing accounts (bearer token).
data "affinipay_bank_accounts" "all" {}

output "gateway_status" {
  value = data.affinipay_status.gateway.status
}

output "merchant" {
  value = {
    id         = data.affinipay_merchant.current.id
    name       = data.affinipay_merchant.current.name
    public_key = data.affinipay_merchant.current.public_key
    timezone   = data.affinipay_merchant.current.timezone
  }
}

output "test_card_accounts" {
  value = { for a in data.affinipay_merchant.current.merchant_accounts : a.name => {
    id         = a.id
    primary    = a.primary
    cvv_policy = a.cvv_policy
    avs_policy = a.avs_policy
  } }
}

output "test_echeck_accounts" {
  value = { for a in data.affinipay_merchant.current.ach_accounts : a.name => {
    id             = a.id
    primary        = a.primary
    account_number = a.account_number
  } }
}

output "bank_accounts" {
  value = [for b in data.affinipay_bank_accounts.all.bank_accounts : "${b.name} (${b.bank_name}, ${b.account_id})"]
}
