# The objects one merchant holds. The root module instantiates it once per
# merchant, each time with that merchant's provider configuration, so every
# object here is created with that merchant's credentials only.
terraform {
  required_providers {
    affinipay = {
      source = "affinipay-terraform/affinipay"
    }
  }
}

variable "billing_contact" {
  type = object({
    first_name = string
    last_name  = string
  })
  description = "The merchant's billing contact."
}

variable "webhook_url" {
  type        = string
  description = "Where the merchant's test-mode events are sent."
}

data "affinipay_merchant" "this" {}

resource "affinipay_webhook_endpoint" "events" {
  url  = var.webhook_url
  mode = "test"
}

resource "affinipay_contact" "billing" {
  type       = "person"
  first_name = var.billing_contact.first_name
  last_name  = var.billing_contact.last_name
  test_mode  = true
}

output "merchant_id" {
  description = "The ID of the merchant the credentials belong to."
  value       = data.affinipay_merchant.this.id
}

output "contact_id" {
  value = affinipay_contact.billing.id
}
