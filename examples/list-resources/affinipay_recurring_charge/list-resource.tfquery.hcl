# Every recurring charge still collecting payments. Generated configuration
# adopts each charge without managing its payment method (method_details
# shows what it charges).
list "affinipay_recurring_charge" "active" {
  provider         = affinipay
  include_resource = true

  config {
    status = "ACTIVE"
  }
}
