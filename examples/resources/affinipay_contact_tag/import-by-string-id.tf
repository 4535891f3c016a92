# Terraform 1.5 and later, and OpenTofu: import one tag of a contact.
# The ID is <contact_id>/<tag>, split at the first "/".
import {
  to = affinipay_contact_tag.example
  id = "p_tup7e7S0e7LIE55qvgXAR/default"
}
