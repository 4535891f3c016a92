data "affinipay_merchant" "current" {}

output "primary_echeck_account_id" {
  value = one([for a in data.affinipay_merchant.current.ach_accounts : a.id if a.primary])
}

output "card_account_cvv_policies" {
  value = { for a in data.affinipay_merchant.current.merchant_accounts : a.name => a.cvv_policy }
}
