data "affinipay_status" "gateway" {}

check "gateway_operational" {
  assert {
    condition     = data.affinipay_status.gateway.status == "NORMAL"
    error_message = "The AffiniPay gateway reports ${data.affinipay_status.gateway.status}."
  }
}
