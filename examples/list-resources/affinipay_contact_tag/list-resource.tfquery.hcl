# The tags of one contact, one result per tag.
list "affinipay_contact_tag" "ada" {
  provider = affinipay

  config {
    contact_id = "p_tup7e7S0e7LIE55qvgXAR"
  }
}
