# Exchange card details for a one-time token (POST /v1/tokens with the
# provider's public_key), without writing them to any file Terraform keeps.
# Requires Terraform 1.11 or later.
#
# To store a card as a contact's payment method, card_wo on
# affinipay_payment_method is simpler: it sends the card only when needed
# by itself, once. Use this ephemeral resource when you need the token
# itself, and open it only on the run that uses it: Terraform opens an
# ephemeral resource in every plan, apply, refresh and destroy, and each
# opening sends the card details and makes a new token (an apply opens it
# twice, at plan and at apply). Here `count` keeps it closed unless
# TF_VAR_replace_card=true, which you set only on the run that creates the
# payment method, or replaces its card after you increment
# one_time_token_wo_version below:
#
#   TF_VAR_replace_card=true \
#   TF_VAR_card_number=4242424242424242 TF_VAR_card_cvv=123 terraform apply
#
# The card variables are ephemeral (not merely sensitive): Terraform writes
# sensitive variables' values into saved plan files, and ephemeral ones
# nowhere.

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

variable "replace_card" {
  type        = bool
  default     = false
  description = "true only on the run that creates the payment method or replaces its card."
}

variable "contact_id" {
  type = string
}

ephemeral "affinipay_payment_token" "card" {
  count = var.replace_card ? 1 : 0

  card = {
    number      = var.card_number
    cvv         = var.card_cvv
    exp_month   = 10
    exp_year    = 2030
    postal_code = "78701"
  }
}

resource "affinipay_payment_method" "card" {
  contact_id   = var.contact_id
  payment_type = "credit_card"
  test_mode    = true

  # Write-only: sent at creation and when one_time_token_wo_version changes;
  # null (no token made) on every other run.
  one_time_token_wo = var.replace_card ? ephemeral.affinipay_payment_token.card[0].id : null
  # Increment (and apply with TF_VAR_replace_card=true) to replace the card.
  one_time_token_wo_version = 1
}
