# Every contact in the Card Vault, by last name then newest first.
data "affinipay_contacts" "vault" {
  qf       = "tags:default"
  order_by = ["sort_name", "-created.timestamp"]
}

# A free-text search across all text fields.
data "affinipay_contacts" "ripley" {
  q = "ripley"
}

output "vault_contact_ids" {
  value = [for c in data.affinipay_contacts.vault.contacts : c.id]
}
