variable "recurring_charge_id" {
  type = string
}

data "affinipay_recurring_charge_occurrences" "retainer" {
  recurring_charge_id = var.recurring_charge_id
}

# Payments that failed, with the transactions that tried to collect them.
output "failed_payments" {
  value = [
    for o in data.affinipay_recurring_charge_occurrences.retainer.occurrences : {
      due_date     = o.due_date
      attempts     = o.attempts
      transactions = [for t in o.transactions : "${t.id} ${t.status}"]
    } if o.status == "FAILED"
  ]
}
