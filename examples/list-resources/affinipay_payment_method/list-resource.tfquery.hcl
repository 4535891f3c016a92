# The saved cards and bank accounts of one contact.
list "affinipay_payment_method" "ada" {
  provider         = affinipay
  include_resource = true

  config {
    contact_id = "p_tup7e7S0e7LIE55qvgXAR"
  }
}
