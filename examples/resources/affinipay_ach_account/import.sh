# The import ID is the eCheck account ID (see the ach_accounts of the
# affinipay_merchant data source).
terraform import affinipay_ach_account.operating 5A299P9oEeKcOfUBJK8FBw
