# The client paid March by check: skip that occurrence.
#   terraform apply -invoke=action.affinipay_recurring_charge_occurrence_ignore.march_paid_by_check
action "affinipay_recurring_charge_occurrence_ignore" "march_paid_by_check" {
  config {
    recurring_charge_id = affinipay_recurring_charge.retainer.id
    occurrence_id       = "Vj91nLgbSg61pzHqYb06VQ"
  }
}
