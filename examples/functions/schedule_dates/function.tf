locals {
  schedule = {
    start          = "2030-01-15"
    interval_unit  = "MONTH"
    interval_delay = 1
    days           = ["15", "LAST"]
  }
}

# The first six due dates, computed offline:
# ["2030-01-15", "2030-01-31", "2030-02-15", "2030-02-28", "2030-03-15", "2030-03-31"]
output "first_payments" {
  value = provider::affinipay::schedule_dates(local.schedule, 6)
}

# A charge's own schedule attribute can be passed as it is.
output "retainer_dates" {
  value = provider::affinipay::schedule_dates(affinipay_recurring_charge.retainer.schedule, 12)
}
