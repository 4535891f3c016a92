# Terraform 1.12 and later: import one tag of a contact by identity.
import {
  to = affinipay_contact_tag.example
  identity = {
    contact_id = "p_tup7e7S0e7LIE55qvgXAR"
    tag        = "default"
  }
}
