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
  method = var.payment_method_id
  amount = provider::affinipay::cents(var.retainer, "USD") # "1250.50" -> 125050

  schedule = {
    start          = "2030-01-01"
    interval_unit  = "MONTH"
    interval_delay = 1
  }
}
