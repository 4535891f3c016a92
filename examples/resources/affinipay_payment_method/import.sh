# The import ID is the contact ID and the payment method ID, separated by a slash.
terraform import affinipay_payment_method.card p_E3ZUY3x1R87RISuzJ3vDm/pmtd_UlrciejZ4ZWpmOv8ldzM9
