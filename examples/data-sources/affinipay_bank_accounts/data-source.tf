data "affinipay_bank_accounts" "all" {}

output "trust_bank_accounts" {
  value = [for b in data.affinipay_bank_accounts.all.bank_accounts : b.name if b.trust]
}
