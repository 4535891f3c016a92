# Exchange card details for a one-time token (POST /v1/tokens with the
# provider's public_key) without writing them to plan or state, and store the
# card as a contact's payment method through the write-only one_time_token_wo.
# Requires Terraform 1.11 or later (write-only attributes).

variable "card" {
  type = object({
    number    = string
    exp_month = number
    exp_year  = number
    cvv       = string
  })
  sensitive = true
  # For test mode, for example:
  # TF_VAR_card='{"number":"4242424242424242","exp_month":10,"exp_year":2030,"cvv":"123"}'
}

variable "contact_id" {
  type = string
}

ephemeral "affinipay_payment_token" "card" {
  card = {
    number      = var.card.number
    exp_month   = var.card.exp_month
    exp_year    = var.card.exp_year
    cvv         = var.card.cvv
    postal_code = "78701"
  }
}

resource "affinipay_payment_method" "card" {
  contact_id                = var.contact_id
  payment_type              = "credit_card"
  test_mode                 = true
  one_time_token_wo         = ephemeral.affinipay_payment_token.card.id
  one_time_token_wo_version = 1
}
