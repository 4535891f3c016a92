# eCheck accounts are opened through AffiniPay; this resource manages the
# policy of existing ones. Their IDs are in the merchant data source. Select
# them by something this configuration does not change (here: whether it is
# the trust account), not by the name it sets. With several accounts of a
# kind, write the IDs directly instead.
data "affinipay_merchant" "this" {}

locals {
  operating_echeck_id = one([for a in data.affinipay_merchant.this.ach_accounts : a.id if a.trust_account == false])
  trust_echeck_id     = one([for a in data.affinipay_merchant.this.ach_accounts : a.id if a.trust_account == true])
}

resource "affinipay_ach_account" "operating" {
  account_id = local.operating_echeck_id
  name       = "Operating eCheck"

  # The primary account receives bank transactions that name no account.
  # Declare primary = true on one account only.
  primary = true

  required_payment_fields       = ["name", "email", "postal_code"]
  transaction_allowed_countries = ["US", "CA"]
}

resource "affinipay_ach_account" "trust" {
  account_id = local.trust_echeck_id
  name       = "Client Trust (IOLTA) eCheck"

  required_payment_fields       = ["name", "address1", "city", "state", "postal_code", "email"]
  transaction_allowed_countries = ["US"]
}
