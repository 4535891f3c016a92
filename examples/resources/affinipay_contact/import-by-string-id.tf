# Terraform 1.5 and later, and OpenTofu: import a contact by its ID
# (p_... for a person, org_... for an organization).
import {
  to = affinipay_contact.example
  id = "p_tup7e7S0e7LIE55qvgXAR"
}
