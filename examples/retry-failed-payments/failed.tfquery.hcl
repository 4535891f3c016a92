# terraform query: every FAILED occurrence of every recurring charge.
list "affinipay_recurring_charge_occurrence" "failed" {
  provider = affinipay

  config {
    status = "FAILED"
  }
}
