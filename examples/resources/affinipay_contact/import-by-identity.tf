# Terraform 1.12 and later: import a contact by identity.
import {
  to = affinipay_contact.example
  identity = {
    id = "p_tup7e7S0e7LIE55qvgXAR"
  }
}
