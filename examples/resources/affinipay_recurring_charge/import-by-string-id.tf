# Terraform 1.5 and later, and OpenTofu: import a recurring charge.
# "<charge_id>" adopts it without managing its payment method (leave
# `method` out of the configuration); "<charge_id>/<method_id>" adopts it
# with its payment method, and is refused unless that saved card, saved bank
# or contact payment method matches the charge's masked method.
import {
  to = affinipay_recurring_charge.retainer
  id = "xicilh0vTAeZiThRtHU2Ow/Aw3ZoeF8QUqbFeXAmH3RVA"
}
