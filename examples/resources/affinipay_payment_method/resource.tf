# A test-mode card and bank account for a contact, given through write-only
# attributes (Terraform 1.11 or later) from ephemeral variables (Terraform
# 1.10 or later). Why ephemeral and not sensitive: Terraform writes the value
# of every non-ephemeral variable, sensitive or not, into saved plan files
# (terraform plan -out) and `terraform show -json`; it writes ephemeral
# values nowhere. Pass them in the environment, for example:
#
#   export TF_VAR_card_number=4242424242424242 TF_VAR_card_cvv=123
#   export TF_VAR_bank_routing_number=000000013 TF_VAR_bank_account_number=1234567890
#
# The card data is sent (to AffiniPay's token endpoint, with the provider's
# public_key) only when a payment method is created and when its
# payment_details_wo_version changes. On any other run the variables may be
# left unset: card_wo and bank_account_wo are then null and nothing changes.

variable "card_number" {
  type      = string
  ephemeral = true
  default   = null
}

variable "card_cvv" {
  type      = string
  ephemeral = true
  default   = null
}

variable "bank_routing_number" {
  type      = string
  ephemeral = true
  default   = null
}

variable "bank_account_number" {
  type      = string
  ephemeral = true
  default   = null
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

resource "affinipay_payment_method" "card" {
  contact_id   = affinipay_contact.client.id
  payment_type = "credit_card"
  test_mode    = true

  # Write-only: never in the plan, the state or a saved plan file.
  card_wo = var.card_number == null ? null : {
    number      = var.card_number
    cvv         = var.card_cvv
    exp_month   = 10
    exp_year    = 2030
    name        = "Lu Harper"
    postal_code = "78701"
    country     = "US"
  }
  # Change (for example increment) to send new card details, replacing the
  # card in place.
  payment_details_wo_version = 1

  authorized_uses = ["all"]
  nickname        = "Lu's Visa"
  reference       = "crm-contact-1042"
}

# A bank account for eCheck payments.
resource "affinipay_payment_method" "bank" {
  contact_id   = affinipay_contact.client.id
  payment_type = "bank_account"
  test_mode    = true

  bank_account_wo = var.bank_account_number == null ? null : {
    routing_number      = var.bank_routing_number
    account_number      = var.bank_account_number
    account_type        = "CHECKING"
    account_holder_type = "individual"
    given_name          = "Lu"
    surname             = "Harper"
  }
  payment_details_wo_version = 1

  authorized_uses = ["merchant"]
}

output "card" {
  # Masked as AffiniPay returns it, such as ************4242.
  value = "${affinipay_payment_method.card.card_type} ${affinipay_payment_method.card.account_number}"
}
