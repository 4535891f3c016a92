# Preview a weekly schedule on Mondays and Fridays, $12.50 a time, capped at
# $100.00 in total: eight payments, from 2019-08-19 to 2019-09-13.
data "affinipay_recurring_charge_schedule" "installments" {
  amount           = 1250
  max_amount       = 10000
  occurrence_count = 10

  schedule = {
    start          = "2019-08-19"
    interval_unit  = "WEEK"
    interval_delay = 1
    days           = ["1", "5"]
  }
}

output "installment_dates" {
  value = data.affinipay_recurring_charge_schedule.installments.occurrences[*].due_date
}

output "installment_count" {
  value = data.affinipay_recurring_charge_schedule.installments.remaining_occurrences
}
