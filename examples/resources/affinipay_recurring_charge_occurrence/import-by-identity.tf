# Terraform 1.12 and later: import by identity (as `terraform query` lists it).
import {
  to = affinipay_recurring_charge_occurrence.next
  identity = {
    recurring_charge_id = "r0LMZjzLTBSMyvYFWT55-A"
    occurrence_id       = "YVvhsTBBQNa9kM3j18CiZg"
  }
}
