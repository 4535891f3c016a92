# The ID is the contact ID: p_... for a person, org_... for an organization.
terraform import affinipay_contact.example p_tup7e7S0e7LIE55qvgXAR
