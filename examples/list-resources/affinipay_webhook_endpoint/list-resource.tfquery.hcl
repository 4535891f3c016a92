# The merchant's test-mode webhook URLs.
list "affinipay_webhook_endpoint" "test" {
  provider         = affinipay
  include_resource = true

  config {
    mode = "test"
  }
}
