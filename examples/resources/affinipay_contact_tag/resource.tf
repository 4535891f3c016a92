resource "affinipay_contact" "weyland" {
  type = "organization"
  name = "Weyland-Yutani Corp"

  email_addresses = [
    { address = "billing@weyland.example.com" },
  ]
  # No tags here: they are managed by the affinipay_contact_tag resources
  # below (possibly in other modules).
}

# Show the contact in AffiniPay's Card Vault.
resource "affinipay_contact_tag" "vault" {
  contact_id = affinipay_contact.weyland.id
  tag        = "default"
}

# More tags, each added and removed on its own.
resource "affinipay_contact_tag" "segments" {
  for_each = toset(["corporate", "net-30"])

  contact_id = affinipay_contact.weyland.id
  tag        = each.key
}
