# Every active recurring charge of one matter, by next payment date.
data "affinipay_recurring_charges" "matter" {
  status    = "ACTIVE"
  reference = "matter-2031"
  order_by  = "next_payment"
}

output "upcoming" {
  value = {
    for c in data.affinipay_recurring_charges.matter.recurring_charges :
    c.id => "${c.next_payment}: ${c.amount} ${c.currency} (${c.method_type} ${c.method_number})"
  }
}
