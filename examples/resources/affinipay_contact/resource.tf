# A client of the firm, shown in AffiniPay's Card Vault (tag "default").
resource "affinipay_contact" "ripley" {
  type       = "person"
  first_name = "Ellen"
  last_name  = "Ripley"
  source_id  = "examplefirm:client-512"
  test_mode  = true

  email_addresses = [
    { address = "eripley@example.com", preferred = true },
    { address = "ellen.ripley@example.org" },
  ]

  phone_numbers = [
    { number = "5125550100", extension = "12" },
  ]

  addresses = [
    {
      line1             = "5400 Burnet Rd"
      city              = "Austin"
      state_or_province = "TX"
      postal_code       = "78756"
      country_code      = "US"
      preferred         = true
    },
  ]

  time_zone          = "America/Chicago"
  preferred_currency = "USD"
  notes              = "Retainer client since 2021."

  # The contact owns its tags here; do not add affinipay_contact_tag
  # resources for this contact.
  tags = ["default"]
}

# An organization whose tags are managed by affinipay_contact_tag
# resources (tags left out: the contact resource never touches them).
# source_id is left out too: the provider generates terraform:<uuid>.
resource "affinipay_contact" "weyland" {
  type = "organization"
  name = "Weyland-Yutani Corp"

  email_addresses = [
    { address = "billing@weyland.example.com" },
  ]
}
