# A monthly retainer of $1,250.00 for twelve months, collected from a client's
# saved payment method, with the payment dates previewed in the plan.

variable "payment_method_id" {
  type        = string
  description = "The client's payment method: a contact PaymentMethod (affinipay_payment_method.card.id), a saved card or a saved bank."
}

variable "first_payment_date" {
  type        = string
  description = "Date of the first payment, yyyy-mm-dd. Must be after today."
}

locals {
  retainer = {
    amount          = 125000 # cents
    max_occurrences = 12
    schedule = {
      start          = var.first_payment_date
      interval_unit  = "MONTH"
      interval_delay = 1
    }
  }
}

resource "affinipay_recurring_charge" "retainer" {
  method          = var.payment_method_id
  amount          = local.retainer.amount
  max_occurrences = local.retainer.max_occurrences
  schedule        = local.retainer.schedule

  description = "Monthly retainer, Harper v. Acme"
  reference   = "matter-2031"
  data        = jsonencode({ matter_id = "2031", billing_contact = "lu.harper@example.com" })

  # Destroying cancels the charge (it stays on record as COMPLETED); use
  # "delete" to remove it from listings as well.
  on_destroy = "cancel"
}

# The exact dates and amounts the charge will collect.
data "affinipay_recurring_charge_schedule" "retainer" {
  amount           = local.retainer.amount
  max_occurrences  = local.retainer.max_occurrences
  schedule         = local.retainer.schedule
  occurrence_count = 12
}

output "next_payment" {
  value = affinipay_recurring_charge.retainer.next_payment
}

output "payment_dates" {
  value = [for o in data.affinipay_recurring_charge_schedule.retainer.occurrences : "${o.due_date}: ${o.amount / 100} USD"]
}
