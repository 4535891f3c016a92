# Terraform 1.12 and later: import a recurring charge by identity. Without
# `method` the charge is adopted without managing its payment method; with
# it, the import is refused unless the named saved card, saved bank or
# contact payment method matches the charge's masked method.
import {
  to = affinipay_recurring_charge.retainer
  identity = {
    id     = "xicilh0vTAeZiThRtHU2Ow"
    method = "Aw3ZoeF8QUqbFeXAmH3RVA"
  }
}
