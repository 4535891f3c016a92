# Test-mode events go to a staging receiver.
resource "affinipay_webhook_endpoint" "staging" {
  url  = "https://staging.example.com/webhooks/affinipay"
  mode = "test"
}

# Live-mode events go to production. Other modules can declare their own
# endpoints: each resource adds and removes only its own URL.
resource "affinipay_webhook_endpoint" "production" {
  url  = "https://api.example.com/webhooks/affinipay"
  mode = "live"

  timeouts = {
    create = "5m"
    delete = "5m"
  }
}

# Another receiver of live events, for example an alerting service. It can
# live in a different module: endpoints never overwrite each other.
resource "affinipay_webhook_endpoint" "alerts" {
  url  = "https://alerts.example.com/hooks/affinipay"
  mode = "live"
}
