# Terraform 1.5 and later, and OpenTofu: import a webhook URL.
# The ID is <mode>:<url>, with mode "test" or "live".
import {
  to = affinipay_webhook_endpoint.example
  id = "test:https://staging.example.com/webhooks/affinipay"
}
