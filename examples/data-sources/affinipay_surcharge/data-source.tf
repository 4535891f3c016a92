# The surcharge of the operating bank account (needs the public key:
# public_key in the provider block or AFFINIPAY_PUBLIC_KEY).
data "affinipay_bank_accounts" "all" {}

locals {
  operating = one([for b in data.affinipay_bank_accounts.all.bank_accounts : b.id if !b.trust])
}

data "affinipay_surcharge" "invoice" {
  bank_account_id = local.operating
  amount          = provider::affinipay::cents("5000.00", "USD") # 500000 cents
}

# With the reference's example rates (card 3.50 %, bank a flat 10.01):
# card: 17500 surcharge, 517500 total; bank: 1001 surcharge, 501001 total.
output "card_total" {
  value = try(data.affinipay_surcharge.invoice.surcharges["card"].total_amount, 500000)
}

output "card_rate" {
  value = try("${data.affinipay_surcharge.invoice.surcharges["card"].surcharge_rate_percent} %", "no card surcharge")
}
