# Terraform 1.12 and later: import a contact's payment method by identity.
import {
  to = affinipay_payment_method.card
  identity = {
    contact_id = "p_E3ZUY3x1R87RISuzJ3vDm"
    id         = "pmtd_UlrciejZ4ZWpmOv8ldzM9"
  }
}
