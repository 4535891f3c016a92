# Read the live secret key without writing it to plan or state, and hand it
# to a write-only attribute of another provider (here a secret store).
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
