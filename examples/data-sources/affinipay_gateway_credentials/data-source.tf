# Account IDs and public keys only: the data source leaves every secret_key
# null (include_secret_keys defaults to false), because a data source's
# values are written to the state.
data "affinipay_gateway_credentials" "this" {}

output "test_accounts" {
  value = [for a in data.affinipay_gateway_credentials.this.test_accounts : "${a.name}: ${a.id} (${a.public_key})"]
}

# For a secret key, use the ephemeral resource of the same name: it is never
# written to the plan or the state. Hand the key to a write-only attribute,
# here of a secret store.
ephemeral "affinipay_gateway_credentials" "this" {}

locals {
  live_secret_key = one([
    for a in ephemeral.affinipay_gateway_credentials.this.live_accounts : a.secret_key
    if a.type == "MerchantAccount" && !a.trust_account
  ])
}

# resource "aws_secretsmanager_secret_version" "affinipay" {
#   secret_id                = aws_secretsmanager_secret.affinipay.id
#   secret_string_wo         = local.live_secret_key
#   secret_string_wo_version = 1
# }
