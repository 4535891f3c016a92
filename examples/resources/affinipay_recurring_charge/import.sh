# Adopt a recurring charge without managing its payment method: leave
# `method` out of the configuration (method_details shows what it charges).
terraform import affinipay_recurring_charge.example xicilh0vTAeZiThRtHU2Ow

# Adopt it with its payment method: <charge_id>/<method_id>. The provider
# refuses the import unless the saved card, saved bank or contact payment
# method matches the charge's masked method (type, last four, expiry or bank).
terraform import affinipay_recurring_charge.example xicilh0vTAeZiThRtHU2Ow/Aw3ZoeF8QUqbFeXAmH3RVA
