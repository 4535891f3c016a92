# Terraform 1.12 and later: import an eCheck account by identity.
import {
  to = affinipay_ach_account.operating
  identity = {
    id = "5A299P9oEeKcOfUBJK8FBw"
  }
}
