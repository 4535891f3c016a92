variable "retainer" {
  description = "The monthly retainer in dollars, such as \"1250.50\"."
  type        = string

  validation {
    # cents() refuses "1250.505" instead of rounding it.
    condition     = can(provider::affinipay::cents(var.retainer, "USD"))
    error_message = "The retainer must be an amount in dollars with at most 2 decimals, such as \"1250.50\"."
  }
}

resource "affinipay_recurring_charge" "retainer" {
  account_id  = var.operating_account_id
  description = "Monthly retainer"
  amount      = provider::affinipay::cents(var.retainer, "USD") # "1250.50" -> 125050
  currency    = "USD"
  method      = affinipay_payment_method.card.id

  schedule = {
    start          = "2030-01-01"
    interval_unit  = "MONTH"
    interval_delay = 1
  }
}
