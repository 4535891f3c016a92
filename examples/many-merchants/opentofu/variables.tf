variable "base_url" {
  type        = string
  default     = null
  description = "API base URL; null for the AffiniPay API (set it to the local sandbox's address to try this example)."
}

variable "merchants" {
  type = map(object({
    # The merchant the credentials must belong to (the `id` of GET
    # /v1/merchant). When set, the provider refuses to work on any other
    # merchant (allowed_merchant_ids).
    merchant_id     = optional(string)
    webhook_url     = string
    billing_contact = object({ first_name = string, last_name = string })
  }))
  description = "What each merchant holds, by merchant key: one provider configuration and one module instance per entry."
}

variable "credentials" {
  # Per merchant: a secret key and an access token, or the partner OAuth
  # client (client_id and client_secret) from which the provider gets a
  # token and reads the secret key from GET /gateway-credentials. Unused
  # credentials stay "": an unset (null) one would fall back to the
  # AFFINIPAY_* environment variables, which belong to one merchant only.
  type = map(object({
    secret_key    = optional(string, "")
    access_token  = optional(string, "")
    client_id     = optional(string, "")
    client_secret = optional(string, "")
  }))
  sensitive   = true
  description = "Credentials by merchant key; give them through TF_VAR_credentials or a secret store, never in a .tf file."
}
