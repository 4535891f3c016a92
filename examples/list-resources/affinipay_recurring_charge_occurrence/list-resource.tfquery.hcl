# Every failed payment of every recurring charge: the identities are the
# recurring_charge_id and occurrence_id the affinipay_recurring_charge_occurrence_pay
# action takes (see examples/retry-failed-payments).
list "affinipay_recurring_charge_occurrence" "failed" {
  provider = affinipay

  config {
    status = "FAILED"
  }
}

# The payments of one charge, with their amounts, due dates and attempts.
list "affinipay_recurring_charge_occurrence" "retainer" {
  provider         = affinipay
  include_resource = true

  config {
    recurring_charge_id = "r0LMZjzLTBSMyvYFWT55-A"
  }
}
