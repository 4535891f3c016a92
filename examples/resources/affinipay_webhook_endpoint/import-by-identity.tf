# Terraform 1.12 and later: import a webhook URL by identity.
import {
  to = affinipay_webhook_endpoint.example
  identity = {
    mode = "test"
    url  = "https://staging.example.com/webhooks/affinipay"
  }
}
