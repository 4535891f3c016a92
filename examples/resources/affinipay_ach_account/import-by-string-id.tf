# Terraform 1.5 and later, and OpenTofu: import an eCheck account by its ID
# (see the ach_accounts of the affinipay_merchant data source).
import {
  to = affinipay_ach_account.operating
  id = "5A299P9oEeKcOfUBJK8FBw"
}
