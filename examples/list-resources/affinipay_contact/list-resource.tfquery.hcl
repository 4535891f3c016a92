# Every contact tagged "default" (shown in AffiniPay's Card Vault), by last
# name. Run `terraform query -generate-config-out=adopted.tf` to write a
# resource block and an import block for each.
list "affinipay_contact" "card_vault" {
  provider         = affinipay
  include_resource = true

  config {
    qf       = "tags:default"
    order_by = ["last_name"]
  }
}
