# Collect one scheduled payment now (moves money):
#   terraform apply -invoke=action.affinipay_recurring_charge_occurrence_pay.retry_march
action "affinipay_recurring_charge_occurrence_pay" "retry_march" {
  config {
    recurring_charge_id = affinipay_recurring_charge.retainer.id
    occurrence_id       = "Vj91nLgbSg61pzHqYb06VQ"
  }
}
