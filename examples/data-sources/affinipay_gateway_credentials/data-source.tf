# The secret keys this returns are stored in the state. Prefer the
# ephemeral resource of the same name, which never writes them there.
data "affinipay_gateway_credentials" "this" {}

output "test_account_ids" {
  value = [for a in data.affinipay_gateway_credentials.this.test_accounts : a.id]
}
