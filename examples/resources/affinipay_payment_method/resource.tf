# A test-mode card for a contact, made from a one-time token so that the card
# number never reaches the plan or the state (Terraform 1.11 or later).

variable "card_number" {
  type      = string
  sensitive = true
  # In test mode, use a test card from the API reference, such as
  # 4242424242424242 (Visa). Pass real values through TF_VAR_card_number.
}

variable "card_cvv" {
  type      = string
  sensitive = true
}

resource "affinipay_contact" "client" {
  type       = "person"
  first_name = "Lu"
  last_name  = "Harper"
  test_mode  = true

  email_addresses = [{ address = "lu.harper@example.com", preferred = true }]

  # The "default" tag puts the contact and its payment methods in the
  # AffiniPay Card Vault.
  tags = ["default"]
}

ephemeral "affinipay_payment_token" "card" {
  card = {
    number      = var.card_number
    exp_month   = 10
    exp_year    = 2030
    cvv         = var.card_cvv
    name        = "Lu Harper"
    postal_code = "78701"
    country     = "US"
  }
}

resource "affinipay_payment_method" "card" {
  contact_id   = affinipay_contact.client.id
  payment_type = "credit_card"
  test_mode    = true

  # Write-only: sent when the payment method is created, and again (replacing
  # the card in place) whenever one_time_token_wo_version changes.
  one_time_token_wo         = ephemeral.affinipay_payment_token.card.id
  one_time_token_wo_version = 1

  authorized_uses = ["all"]
  nickname        = "Lu's Visa"
  reference       = "crm-contact-1042"
}

# A bank account for eCheck payments, from a bank token.
ephemeral "affinipay_payment_token" "bank" {
  bank = {
    routing_number      = "000000013" # test routing number
    account_number      = var.bank_account_number
    account_type        = "CHECKING"
    account_holder_type = "individual"
    given_name          = "Lu"
    surname             = "Harper"
  }
}

variable "bank_account_number" {
  type      = string
  sensitive = true
}

resource "affinipay_payment_method" "bank" {
  contact_id                = affinipay_contact.client.id
  payment_type              = "bank_account"
  test_mode                 = true
  one_time_token_wo         = ephemeral.affinipay_payment_token.bank.id
  one_time_token_wo_version = 1
  authorized_uses           = ["merchant"]
}

output "card" {
  # Masked as AffiniPay returns it, such as ************4242.
  value = "${affinipay_payment_method.card.card_type} ${affinipay_payment_method.card.account_number}"
}
