terraform {
  required_providers {
    affinipay = {
      source = "affinipay-terraform/affinipay"
    }
  }
}

# Credentials come from the environment (AFFINIPAY_SECRET_KEY,
# AFFINIPAY_ACCESS_TOKEN or AFFINIPAY_CLIENT_ID + AFFINIPAY_CLIENT_SECRET,
# AFFINIPAY_PUBLIC_KEY), so that no secret is written in configuration.
provider "affinipay" {
  mode = "test"
}

# Against the local sandbox (make quickstart starts one):
# provider "affinipay" {
#   base_url = "http://127.0.0.1:8765"
# }
