# Terraform 1.5 and later, and OpenTofu: the ID is <recurring_charge_id>/<occurrence_id>.
import {
  to = affinipay_recurring_charge_occurrence.next
  id = "r0LMZjzLTBSMyvYFWT55-A/YVvhsTBBQNa9kM3j18CiZg"
}
