# Manage the settings of the merchant the provider's secret key authenticates
# as. Attributes left out (here: address2) are adopted as they are and never
# changed. Destroying this resource changes nothing at AffiniPay.
resource "affinipay_merchant" "this" {
  name          = "Hammond Street Law"
  contact_name  = "Jane Operator"
  contact_email = "billing@hammondstreetlaw.example.com"
  contact_phone = "+12075550123"

  address1    = "97 Hammond St"
  city        = "Bangor"
  state       = "ME"
  postal_code = "04401"
  country     = "US"
  timezone    = "America/New_York"

  # WARNING: AffiniPay rejects API requests from outside these ranges. Include
  # the public IP of every machine that runs Terraform (CI runners, NAT
  # gateways), or it is locked out. An empty set ([]) allows any IP.
  api_allowed_ip_address_ranges = [
    "203.0.113.0/24",  # office
    "198.51.100.7/32", # CI NAT gateway
  ]
}
