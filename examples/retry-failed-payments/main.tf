terraform {
  required_version = ">= 1.14.0" # list resources (terraform query) and actions
  required_providers {
    affinipay = {
      source = "affinipay-terraform/affinipay"
    }
  }
}

provider "affinipay" {}

# The occurrences to collect again, as `terraform query` lists them (see
# README.md): a map of any key to the identity of each failed occurrence.
variable "retry" {
  type = map(object({
    recurring_charge_id = string
    occurrence_id       = string
  }))
  default = {}
}

# One action per failed payment. Invoke each with
#   terraform apply -invoke='action.affinipay_recurring_charge_occurrence_pay.retry["<key>"]'
# (it moves money: each invocation collects one payment with the charge's
# own payment method).
action "affinipay_recurring_charge_occurrence_pay" "retry" {
  for_each = var.retry

  config {
    recurring_charge_id = each.value.recurring_charge_id
    occurrence_id       = each.value.occurrence_id
  }
}
