variable "routing_number" {
  description = "The ABA routing number of the customer's bank account."
  type        = string

  validation {
    # Caught at plan time, before anything reaches the API.
    condition     = provider::affinipay::routing_number_valid(var.routing_number)
    error_message = "The routing number must be 9 digits with a valid ABA check digit (is there a typo?)."
  }
}
