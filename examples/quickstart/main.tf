# The quickstart: `make quickstart` applies this configuration against the
# local AffiniPay sandbox. The provider reads the sandbox's address and
# credentials from the AFFINIPAY_* environment variables the sandbox writes.
# Write-only attributes need Terraform 1.11 or later.
terraform {
  required_version = ">= 1.11.0"
  required_providers {
    affinipay = {
      source = "affinipay-terraform/affinipay"
    }
  }
}

provider "affinipay" {
  mode = "test"
}

variable "first_payment_date" {
  type        = string
  description = "First payment of the monthly retainer, yyyy-mm-dd, after today (make quickstart sets it to 30 days from now)."
}

# Card data comes in through ephemeral variables (make quickstart sets
# TF_VAR_test_card_number and TF_VAR_test_card_cvv for the apply that adds the
# card, and unsets them afterwards). Not `sensitive = true`: Terraform writes
# the values of sensitive variables into saved plan files and `terraform show
# -json`; ephemeral values it writes nowhere. Not a default either: the
# configuration is copied into every saved plan file.
variable "test_card_number" {
  type        = string
  ephemeral   = true
  default     = null
  description = "A test card from the AffiniPay API reference, such as the Visa test card. Needed only when the card is added or replaced."
}

variable "test_card_cvv" {
  type        = string
  ephemeral   = true
  default     = null
  description = "The test card's CVV. Needed only when the card is added or replaced."
}

# --- Read: gateway status, merchant, bank accounts --------------------------

data "affinipay_status" "gateway" {}

data "affinipay_merchant" "current" {}

data "affinipay_bank_accounts" "all" {}

# --- Merchant configuration as code -----------------------------------------

resource "affinipay_merchant" "this" {
  name          = "Quickstart Law Office"
  contact_name  = "Quinn Operator"
  contact_email = "billing@quickstart.example.com"
  contact_phone = "+15125550100"
  address1      = "500 Congress Ave"
  city          = "Austin"
  state         = "TX"
  postal_code   = "78701"
  country       = "US"
  timezone      = "America/Chicago"
  # No api_allowed_ip_address_ranges: left as it is (any IP).
}

resource "affinipay_webhook_endpoint" "test_events" {
  url  = "https://hooks.quickstart.example.com/affinipay/test"
  mode = "test"
}

resource "affinipay_ach_account" "operating" {
  account_id                    = one([for a in data.affinipay_merchant.current.ach_accounts : a.id if a.primary])
  required_payment_fields       = ["name", "email", "postal_code"]
  transaction_allowed_countries = ["US", "CA"]
}

# --- A client, tagged into the Card Vault, with a test card -----------------

resource "affinipay_contact" "client" {
  type       = "person"
  first_name = "Ellen"
  last_name  = "Ripley"
  test_mode  = true

  email_addresses = [{ address = "eripley@quickstart.example.com", preferred = true }]
  # tags left out: affinipay_contact_tag owns them.
}

resource "affinipay_contact_tag" "vault" {
  contact_id = affinipay_contact.client.id
  tag        = "default"
}

# The card goes to AffiniPay's token endpoint when the payment method is
# created (and when payment_details_wo_version changes), and nowhere else:
# card_wo is write-only, so it is in no plan, state or saved plan file. On
# other runs the card variables may be unset; card_wo is then null and
# nothing changes.
resource "affinipay_payment_method" "card" {
  contact_id   = affinipay_contact.client.id
  payment_type = "credit_card"
  test_mode    = true
  card_wo = var.test_card_number == null ? null : {
    number      = var.test_card_number
    cvv         = var.test_card_cvv
    exp_month   = 12
    exp_year    = 2035
    name        = "Ellen Ripley"
    postal_code = "78701"
    country     = "US"
  }
  payment_details_wo_version = 1
  authorized_uses            = ["all"]
  nickname                   = "Ripley Visa"
}

# --- A monthly retainer on that card, with its schedule previewed -----------

locals {
  retainer_schedule = {
    start          = var.first_payment_date
    interval_unit  = "MONTH"
    interval_delay = 1
  }
}

resource "affinipay_recurring_charge" "retainer" {
  method          = affinipay_payment_method.card.id
  amount          = 50000 # $500.00
  max_occurrences = 6
  schedule        = local.retainer_schedule
  description     = "Monthly retainer"
  reference       = "quickstart-retainer"
}

data "affinipay_recurring_charge_schedule" "retainer" {
  amount           = 50000
  max_occurrences  = 6
  schedule         = local.retainer_schedule
  occurrence_count = 6
}

# --- Outputs ----------------------------------------------------------------

output "gateway_status" {
  value = data.affinipay_status.gateway.status
}

output "merchant" {
  value = {
    id         = affinipay_merchant.this.id
    name       = affinipay_merchant.this.name
    public_key = data.affinipay_merchant.current.public_key
  }
}

output "test_webhook_endpoint" {
  value = affinipay_webhook_endpoint.test_events.id
}

output "echeck_policy" {
  value = {
    account = affinipay_ach_account.operating.name
    primary = affinipay_ach_account.operating.primary
    fields  = sort(tolist(affinipay_ach_account.operating.required_payment_fields))
  }
}

output "bank_accounts" {
  value = [for b in data.affinipay_bank_accounts.all.bank_accounts : "${b.name} (${b.bank_name}, ${b.account_id})"]
}

output "client" {
  value = "${affinipay_contact.client.display_name} (${affinipay_contact.client.id}), tagged ${affinipay_contact_tag.vault.tag}"
}

output "card_on_file" {
  # Masked as AffiniPay returns it.
  value = "${affinipay_payment_method.card.card_type} ${affinipay_payment_method.card.account_number}"
}

output "retainer_next_payment" {
  value = affinipay_recurring_charge.retainer.next_payment
}

output "retainer_schedule" {
  value = [for o in data.affinipay_recurring_charge_schedule.retainer.occurrences : format("%s: $%.2f", o.due_date, o.amount / 100)]
}
