# Terraform 1.5 and later, and OpenTofu: import a contact's payment method.
# The ID is <contact_id>/<payment_method_id>.
import {
  to = affinipay_payment_method.card
  id = "p_E3ZUY3x1R87RISuzJ3vDm/pmtd_UlrciejZ4ZWpmOv8ldzM9"
}
