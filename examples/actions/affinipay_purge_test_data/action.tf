# A provider that can only use the test-mode secret key: mode = "test" with
# the key read from /gateway-credentials (or secret_key plus access_token,
# so the action can check the key is the test-mode one).
provider "affinipay" {
  alias = "test"
  mode  = "test"
}

#   terraform apply -invoke=action.affinipay_purge_test_data.clean_slate
action "affinipay_purge_test_data" "clean_slate" {
  provider = affinipay.test
}

# Or purge after every destroy of a test fixture:
resource "terraform_data" "fixture" {
  lifecycle {
    action_trigger {
      events  = [before_destroy]
      actions = [action.affinipay_purge_test_data.clean_slate]
    }
  }
}
