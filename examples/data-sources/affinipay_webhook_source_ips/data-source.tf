# The addresses AffiniPay's webhooks come from, built into the provider
# (no request, no credentials).
data "affinipay_webhook_source_ips" "this" {}

# Let them reach the HTTPS listener that receives events, for example with an
# AWS security group (one rule per /32).
resource "aws_vpc_security_group_ingress_rule" "affinipay_webhooks" {
  for_each = toset(data.affinipay_webhook_source_ips.this.cidr_blocks)

  security_group_id = aws_security_group.webhook_receiver.id
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  description       = "AffiniPay webhooks (reference of ${data.affinipay_webhook_source_ips.this.reference_date})"
}

# Or hand the plain addresses to software that wants them one per line,
# such as an nginx allow list.
output "nginx_allow" {
  value = join("\n", [for a in data.affinipay_webhook_source_ips.this.addresses : "allow ${a};"])
}
