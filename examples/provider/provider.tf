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

  # Refuse to work on any other merchant than this one (the `id` of
  # GET /v1/merchant, also `data.affinipay_merchant.<name>.id`): a plan or
  # apply run with another merchant's credentials fails before any request
  # that reads or changes an object.
  # allowed_merchant_ids = ["wKgFeDz5HF-BPPl08dcACw"]
}

# Against the local sandbox (make quickstart starts one):
# provider "affinipay" {
#   base_url = "http://127.0.0.1:8765"
# }
