# By the contact ID.
data "affinipay_contact" "by_id" {
  id = "p_tup7e7S0e7LIE55qvgXAR"
}

# By the source_id your system gave it.
data "affinipay_contact" "by_source_id" {
  source_id = "examplefirm:client-512"
}

output "ripley_email" {
  value = data.affinipay_contact.by_source_id.preferred_email
}
