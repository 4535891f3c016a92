# Track the next payment of a recurring charge: its status and attempts are
# refreshed on every plan. Nothing is created or deleted at AffiniPay.
resource "affinipay_recurring_charge_occurrence" "next" {
  recurring_charge_id = affinipay_recurring_charge.retainer.id
  occurrence_id       = "YVvhsTBBQNa9kM3j18CiZg"
}

# Fail the run when the payment has failed, so someone looks at it.
check "next_payment_collected" {
  assert {
    condition     = affinipay_recurring_charge_occurrence.next.status != "FAILED"
    error_message = "The payment due ${affinipay_recurring_charge_occurrence.next.due_date} failed after ${affinipay_recurring_charge_occurrence.next.attempts} attempt(s)."
  }
}
