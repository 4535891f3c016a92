# The ID is <contact_id>/<tag>, split at the first "/".
terraform import affinipay_contact_tag.example p_tup7e7S0e7LIE55qvgXAR/default
