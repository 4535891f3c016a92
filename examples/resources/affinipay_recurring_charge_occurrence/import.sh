# The ID is <recurring_charge_id>/<occurrence_id>.
terraform import affinipay_recurring_charge_occurrence.next r0LMZjzLTBSMyvYFWT55-A/YVvhsTBBQNa9kM3j18CiZg
