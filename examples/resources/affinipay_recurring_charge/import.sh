# Import a recurring charge by its ID. The API does not return the payment
# method ID or the source_id, so the first apply after import re-sends the
# configured method.
terraform import affinipay_recurring_charge.example xicilh0vTAeZiThRtHU2Ow
