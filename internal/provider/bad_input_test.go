package provider_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/acctest"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/client"
)

// badInputCase is one invalid configuration. attr is the attribute path
// the error must name; msg (optional) a regular expression the error must
// also match. apiSide cases are only detectable by the API: they are
// applied, and the API's error must land on attr.
type badInputCase struct {
	name    string
	config  string
	attr    string
	msg     string
	apiSide bool
	// reads: knowable at plan only by reading the API (the contact's
	// test_mode, the token's type): GET requests are allowed, writes not.
	reads bool
}

// badInputAttrRe matches an error that names the attribute at p: in the
// detail ("Attribute email_addresses[0].address ..."), through the source
// line Terraform highlights for a diagnostic with an attribute path
// ("  12:   contact_email = ..."; Terraform highlights the root attribute
// when the path leads into an object or list value), or as Terraform's
// own "argument named ..." for arguments the schema does not have.
func badInputAttrRe(p string) *regexp.Regexp {
	root := p
	if i := strings.IndexAny(root, ".["); i >= 0 {
		root = root[:i]
	}
	alts := []string{
		`Attribute\s+` + regexp.QuoteMeta(p) + `\b`,
		`Invalid\s+` + regexp.QuoteMeta(p) + `\b`,
		`\n\s*\d+:\s+` + regexp.QuoteMeta(root) + `\s*=`,
		`argument\s+named\s+"` + regexp.QuoteMeta(root) + `"`,
	}
	if root != p {
		// Terraform highlights the block for a path into a nested value;
		// the full path (which the configuration cannot contain) must
		// then be in the message.
		alts = append(alts, regexp.QuoteMeta(p))
	}
	return regexp.MustCompile(`(?s)(` + strings.Join(alts, "|") + `)`)
}

const (
	badContactID = "p_000000000000000000000" // well-formed, does not exist
	badFuture    = "2098-07-01"
)

func badRC(extra string) string {
	return `resource "affinipay_recurring_charge" "this" {
  method = "card_badinput"
  amount = 1000
` + extra + `
}`
}

func badSchedule(start, unit, extra string) string {
	return fmt.Sprintf(`  schedule = {
    start          = %q
    interval_unit  = %q
    interval_delay = 1
%s
  }`, start, unit, extra)
}

func badContact(body string) string {
	return "resource \"affinipay_contact\" \"this\" {\n" + body + "\n}"
}

func badEmails(n int) string {
	var b strings.Builder
	b.WriteString("  email_addresses = [\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "    { address = \"p%d@example.com\" },\n", i)
	}
	b.WriteString("  ]")
	return b.String()
}

func badMerchant(body string) string {
	return "resource \"affinipay_merchant\" \"this\" {\n" + body + "\n}"
}

func badPM(body string) string {
	return "resource \"affinipay_payment_method\" \"this\" {\n  contact_id = \"" + badContactID + "\"\n" + body + "\n}"
}

func badToken(body string) string {
	return "ephemeral \"affinipay_payment_token\" \"this\" {\n" + body + "\n}"
}

const badCard = `    number    = "4242424242424242"
    exp_month = 12
    exp_year  = 2099
    cvv       = "123"
`

var badInputCases = []badInputCase{
	// affinipay_webhook_endpoint
	{name: "webhook mode enum", attr: "mode", msg: `value must be one of`,
		config: `resource "affinipay_webhook_endpoint" "this" {
  url  = "https://hooks.example.com/a"
  mode = "staging"
}`},
	{name: "webhook url scheme", attr: "url",
		config: `resource "affinipay_webhook_endpoint" "this" {
  url  = "ftp://hooks.example.com/a"
  mode = "test"
}`},
	{name: "webhook http without allow_http", attr: "url", msg: `allow_http`,
		config: `resource "affinipay_webhook_endpoint" "this" {
  url  = "http://hooks.example.com/a"
  mode = "test"
}`},
	{name: "webhook url with comma", attr: "url", msg: `comma`,
		config: `resource "affinipay_webhook_endpoint" "this" {
  url  = "https://hooks.example.com/a,b"
  mode = "live"
}`},
	{name: "webhook url too long", attr: "url",
		config: `resource "affinipay_webhook_endpoint" "this" {
  url  = "https://hooks.example.com/` + strings.Repeat("a", 1024) + `"
  mode = "test"
}`},

	// affinipay_merchant
	{name: "merchant email", attr: "contact_email", config: badMerchant(`  contact_email = "billing-at-example.com"`)},
	{name: "merchant phone", attr: "contact_phone", config: badMerchant(`  contact_phone = "(207) 555-0123"`)},
	{name: "merchant country code", attr: "country", config: badMerchant(`  country = "USA"`)},
	{name: "merchant state for US", attr: "state", config: badMerchant("  country = \"US\"\n  state   = \"Maine\"")},
	{name: "merchant postal code", attr: "postal_code", config: badMerchant(`  postal_code = "#1"`)},
	{name: "merchant timezone", attr: "timezone", config: badMerchant(`  timezone = "Mars/Olympus_Mons"`)},
	{name: "merchant postal code for US", attr: "postal_code", msg: `not a postal code of US`,
		config: badMerchant("  country     = \"US\"\n  postal_code = \"SW1A 1AA\"")},
	{name: "merchant postal code for CA", attr: "postal_code", msg: `not a postal code of CA`,
		config: badMerchant("  country     = \"CA\"\n  postal_code = \"78756\"")},
	{name: "merchant timeouts duration", attr: "timeouts.create", msg: `not a duration`,
		config: badMerchant(`  timeouts = { create = "soon" }`)},
	{name: "merchant timeouts zero", attr: "timeouts.update", msg: `outside the allowed range`,
		config: badMerchant(`  timeouts = { update = "0s" }`)},
	{name: "merchant CIDR malformed", attr: "api_allowed_ip_address_ranges", config: badMerchant(`  api_allowed_ip_address_ranges = ["300.1.1.0/24"]`)},
	{name: "merchant blank name", attr: "name", config: badMerchant(`  name = "   "`)},

	// affinipay_ach_account
	{name: "ach required field enum", attr: "required_payment_fields",
		config: `resource "affinipay_ach_account" "this" {
  account_id              = "ach_badinput"
  required_payment_fields = ["shoe_size"]
}`},
	{name: "ach country code", attr: "transaction_allowed_countries",
		config: `resource "affinipay_ach_account" "this" {
  account_id                    = "ach_badinput"
  transaction_allowed_countries = ["XX"]
}`},
	{name: "ach blank name", attr: "name",
		config: `resource "affinipay_ach_account" "this" {
  account_id = "ach_badinput"
  name       = "  "
}`},

	// affinipay_contact
	{name: "contact type enum", attr: "type", config: badContact("  type = \"robot\"\n  first_name = \"R\"")},
	{name: "contact email", attr: "email_addresses[0].address",
		config: badContact("  type = \"person\"\n  email_addresses = [{ address = \"not-an-email\" }]")},
	{name: "contact too many emails", attr: "email_addresses", msg: `at most 5`,
		config: badContact("  type = \"person\"\n" + badEmails(6))},
	{name: "contact person with name", attr: "name", msg: `organizations`,
		config: badContact("  type = \"person\"\n  name = \"Acme\"\n  first_name = \"A\"")},
	{name: "contact organization with first_name", attr: "first_name",
		config: badContact("  type = \"organization\"\n  name = \"Acme\"\n  first_name = \"A\"")},
	{name: "contact person without name", attr: "type", msg: `needs a name`, config: badContact("  type = \"person\"")},
	{name: "contact time zone", attr: "time_zone", config: badContact("  type = \"person\"\n  first_name = \"A\"\n  time_zone = \"Nowhere/Town\"")},
	{name: "contact currency", attr: "preferred_currency", config: badContact("  type = \"person\"\n  first_name = \"A\"\n  preferred_currency = \"dollars\"")},
	{name: "contact address country", attr: "addresses[0].country_code",
		config: badContact("  type = \"person\"\n  first_name = \"A\"\n  addresses = [{\n    city = \"Austin\"\n    country_code = \"ZZ\"\n  }]")},
	{name: "contact address state", attr: "addresses[0].state_or_province",
		config: badContact("  type = \"person\"\n  first_name = \"A\"\n  addresses = [{\n    state_or_province = \"Texas\"\n    country_code = \"US\"\n  }]")},
	{name: "contact source_id", attr: "source_id", config: badContact("  type = \"person\"\n  first_name = \"A\"\n  source_id = \"has a space\"")},
	{name: "contact two preferred emails", attr: "email_addresses", msg: `preferred`,
		config: badContact("  type = \"person\"\n  email_addresses = [\n    { address = \"a@example.com\", preferred = true },\n    { address = \"b@example.com\", preferred = true },\n  ]")},
	{name: "contact phone with parentheses", attr: "phone_numbers[0].number", msg: `digits only: write\s+"5125550100"`,
		config: badContact("  type = \"person\"\n  first_name = \"A\"\n  phone_numbers = [{ number = \"(512) 555-0100\" }]")},
	{name: "contact phone with dashes", attr: "phone_numbers[0].number", msg: `digits only: write\s+"5125550100"`,
		config: badContact("  type = \"person\"\n  first_name = \"A\"\n  phone_numbers = [{ number = \"512-555-0100\" }]")},
	{name: "contact postal code for US", attr: "addresses[0].postal_code", msg: `not a postal code of US`,
		config: badContact("  type = \"person\"\n  first_name = \"A\"\n  addresses = [{\n    line1 = \"1 Main\"\n    city = \"Austin\"\n    postal_code = \"SW1A 1AA\"\n    country_code = \"US\"\n  }]")},
	{name: "contact postal code for CA", attr: "addresses[0].postal_code", msg: `not a postal code of CA`,
		config: badContact("  type = \"person\"\n  first_name = \"A\"\n  addresses = [{\n    line1 = \"1 King\"\n    city = \"Toronto\"\n    postal_code = \"78756\"\n    country_code = \"CA\"\n  }]")},
	{name: "contact unknown currency", attr: "preferred_currency", msg: `not an ISO 4217 currency code`,
		config: badContact("  type = \"person\"\n  first_name = \"A\"\n  preferred_currency = \"XYZ\"")},
	{name: "contact phone too short", attr: "phone_numbers[0].number",
		config: badContact("  type = \"person\"\n  first_name = \"A\"\n  phone_numbers = [{ number = \"12\" }]")},
	{name: "contact first_name too long", attr: "first_name",
		config: badContact("  type = \"person\"\n  first_name = \"" + strings.Repeat("x", 65) + "\"")},

	// affinipay_contact_tag
	{name: "contact tag contact_id", attr: "contact_id",
		config: `resource "affinipay_contact_tag" "this" {
  contact_id = "c_123"
  tag        = "vip"
}`},
	{name: "contact tag whitespace", attr: "tag",
		config: `resource "affinipay_contact_tag" "this" {
  contact_id = "` + badContactID + `"
  tag        = " vip "
}`},

	// affinipay_payment_method
	{name: "payment method type enum", attr: "payment_type", config: badPM("  payment_type = \"cash\"\n  saved_payment_token = \"tok\"")},
	{name: "payment method contact_id", attr: "contact_id",
		config: `resource "affinipay_payment_method" "this" {
  contact_id          = "contact-1"
  payment_type        = "credit_card"
  saved_payment_token = "tok"
}`},
	{name: "payment method conflicting tokens", attr: "one_time_token_wo", msg: `(?i)cannot be configured|conflict`,
		config: badPM("  payment_type = \"credit_card\"\n  saved_payment_token = \"tok\"\n  one_time_token_wo = \"tok2\"\n  one_time_token_wo_version = 1")},
	{name: "payment method authorized_uses enum", attr: "authorized_uses",
		config: badPM("  payment_type = \"credit_card\"\n  saved_payment_token = \"tok\"\n  authorized_uses = [\"everyone\"]")},
	{name: "payment method nickname too long", attr: "nickname",
		config: badPM("  payment_type = \"credit_card\"\n  saved_payment_token = \"tok\"\n  nickname = \"" + strings.Repeat("n", 257) + "\"")},

	// affinipay_recurring_charge
	{name: "charge amount zero", attr: "amount",
		config: strings.Replace(badRC(badSchedule(badFuture, "MONTH", "")), "amount = 1000", "amount = 0", 1)},
	{name: "charge amount too large", attr: "amount",
		config: strings.Replace(badRC(badSchedule(badFuture, "MONTH", "")), "amount = 1000", "amount = 100000000000000", 1)},
	{name: "charge currency", attr: "currency", config: badRC("  currency = \"usd\"\n" + badSchedule(badFuture, "MONTH", ""))},
	{name: "charge unknown currency", attr: "currency", msg: `not an ISO 4217 currency code`,
		config: badRC("  currency = \"ZZZ\"\n" + badSchedule(badFuture, "MONTH", ""))},
	{name: "charge fractional amount", attr: "amount", msg: `whole number.*got 12\.5`,
		config: strings.Replace(badRC(badSchedule(badFuture, "MONTH", "")), "amount = 1000", "amount = 12.5", 1)},
	{name: "charge fractional max_amount", attr: "max_amount", msg: `whole number`,
		config: badRC("  max_amount = 2500.75\n" + badSchedule(badFuture, "MONTH", ""))},
	{name: "charge timeouts duration", attr: "timeouts.create", msg: `not a duration`,
		config: badRC("  timeouts = { create = \"5 minutes\" }\n" + badSchedule(badFuture, "MONTH", ""))},
	{name: "charge interval unit enum", attr: "schedule.interval_unit", config: badRC(badSchedule(badFuture, "YEAR", ""))},
	{name: "charge malformed date", attr: "schedule.start", config: badRC(badSchedule("2098-13-01", "MONTH", ""))},
	{name: "charge start in the past", attr: "schedule.start", config: badRC(badSchedule("2001-01-01", "MONTH", ""))},
	{name: "charge days with DAY", attr: "schedule.days", config: badRC(badSchedule(badFuture, "DAY", `    days = ["1"]`))},
	{name: "charge on_destroy enum", attr: "on_destroy", config: badRC("  on_destroy = \"archive\"\n" + badSchedule(badFuture, "MONTH", ""))},
	{name: "charge data not an object", attr: "data", config: badRC("  data = \"[1, 2]\"\n" + badSchedule(badFuture, "MONTH", ""))},
	{name: "charge max_amount below amount", attr: "max_amount", config: badRC("  max_amount = 10\n" + badSchedule(badFuture, "MONTH", ""))},

	// data sources
	{name: "ds contact id and source_id", attr: "id", msg: `(?i)exactly one|conflict|cannot be configured`,
		config: `data "affinipay_contact" "this" {
  id        = "` + badContactID + `"
  source_id = "crm:1"
}`},
	{name: "ds contact id format", attr: "id", config: `data "affinipay_contact" "this" {
  id = "not-a-contact"
}`},
	{name: "ds contacts qf", attr: "qf", config: `data "affinipay_contacts" "this" {
  qf = "type"
}`},
	{name: "ds contacts order_by", attr: "order_by", config: `data "affinipay_contacts" "this" {
  order_by = ["created desc"]
}`},
	{name: "ds recurring charges status enum", attr: "status", config: `data "affinipay_recurring_charges" "this" {
  status = "PAUSED"
}`},
	{name: "ds recurring charges order_by", attr: "order_by", config: `data "affinipay_recurring_charges" "this" {
  order_by = "created desc"
}`},
	{name: "ds schedule occurrence_count", attr: "occurrence_count",
		config: `data "affinipay_recurring_charge_schedule" "this" {
  amount           = 1000
  occurrence_count = 0
` + badSchedule(badFuture, "MONTH", "") + `
}`},
	{name: "ds schedule fractional amount", attr: "amount", msg: `whole number`,
		config: `data "affinipay_recurring_charge_schedule" "this" {
  amount = 99.99
` + badSchedule(badFuture, "MONTH", "") + `
}`},
	{name: "ds schedule start_date", attr: "start_date",
		config: `data "affinipay_recurring_charge_schedule" "this" {
  amount     = 1000
  start_date = "tomorrow"
` + badSchedule(badFuture, "MONTH", "") + `
}`},
	{name: "ds occurrences empty id", attr: "recurring_charge_id", config: `data "affinipay_recurring_charge_occurrences" "this" {
  recurring_charge_id = ""
}`},
	{name: "ds merchant timeouts zero", attr: "timeouts.read", msg: `outside the allowed range`,
		config: "data \"affinipay_merchant\" \"this\" {\n  timeouts = { read = \"0s\" }\n}"},
	{name: "ds contacts timeouts duration", attr: "timeouts.read", msg: `not a duration`,
		config: "data \"affinipay_contacts\" \"this\" {\n  timeouts = { read = \"soon\" }\n}"},
	{name: "ds status unknown argument", attr: "verbose", config: `data "affinipay_status" "this" {
  verbose = true
}`},
	{name: "ds merchant unknown argument", attr: "merchant_id", config: `data "affinipay_merchant" "this" {
  merchant_id = "m_1"
}`},
	{name: "ds bank accounts unknown argument", attr: "trust", config: `data "affinipay_bank_accounts" "this" {
  trust = true
}`},
	{name: "ds gateway credentials unknown argument", attr: "mode", config: `data "affinipay_gateway_credentials" "this" {
  mode = "live"
}`},

	// ephemeral resources
	{name: "token card number", attr: "card.number",
		config: badToken("  card = {\n    number    = \"1234\"\n    exp_month = 12\n    exp_year  = 2099\n    cvv       = \"123\"\n  }")},
	{name: "token card month", attr: "card.exp_month",
		config: badToken("  card = {\n    number    = \"4242424242424242\"\n    exp_month = 13\n    exp_year  = 2099\n    cvv       = \"123\"\n  }")},
	{name: "token card country", attr: "card.country", config: badToken("  card = {\n" + badCard + "    country = \"USA\"\n  }")},
	{name: "token card email", attr: "card.email", config: badToken("  card = {\n" + badCard + "    email = \"nobody\"\n  }")},
	{name: "token bank routing number", attr: "bank.routing_number",
		config: badToken("  bank = {\n    routing_number      = \"12345\"\n    account_number      = \"123456789\"\n    account_type        = \"CHECKING\"\n    account_holder_type = \"individual\"\n    given_name          = \"Ann\"\n    surname             = \"Lee\"\n  }")},
	{name: "token card and bank", attr: "card", msg: `(?i)exactly one|conflict|cannot be configured|only one`,
		config: badToken("  card = {\n" + badCard + "  }\n  bank = {\n    routing_number      = \"000000013\"\n    account_number      = \"123456789\"\n    account_type        = \"CHECKING\"\n    account_holder_type = \"business\"\n    name                = \"Acme\"\n  }")},
	{name: "ephemeral gateway credentials unknown argument", attr: "mode", config: `ephemeral "affinipay_gateway_credentials" "this" {
  mode = "live"
}`},

	// Knowable at plan by reading the contact and the token (no write).
	{name: "payment method test_mode differs from contact", attr: "test_mode", reads: true, msg: `contact.*has test_mode`,
		config: `resource "affinipay_payment_method" "this" {
  contact_id          = "%CONTACT%"
  payment_type        = "credit_card"
  saved_payment_token = "%CARD%"
  test_mode           = %OTHERMODE%
}`},
	{name: "payment method payment_type differs from token", attr: "payment_type", reads: true, msg: `holds a card token`,
		config: `resource "affinipay_payment_method" "this" {
  contact_id                = "%CONTACT%"
  payment_type              = "bank_account"
  one_time_token_wo         = "%CARDTOKEN%"
  one_time_token_wo_version = 1
}`},

	// Errors only the API can detect: unknown IDs. They must land on the
	// attribute the API's message (context) names.
	{name: "api contact tag unknown contact", attr: "contact_id", apiSide: true, msg: `(?i)not found`,
		config: `resource "affinipay_contact_tag" "this" {
  contact_id = "` + badContactID + `"
  tag        = "vip"
}`},
	{name: "api charge unknown method", attr: "method", apiSide: true, msg: `(?i)not.found|PaymentMethod`,
		config: badRC(badSchedule(badFuture, "MONTH", ""))},
	{name: "api charge unknown account", attr: "account_id", apiSide: true, msg: `(?i)not.found|Account`,
		config: strings.Replace(badRC("  account_id = \"acct_does_not_exist\"\n"+badSchedule(badFuture, "MONTH", "")), "card_badinput", "%CARD%", 1)},
	{name: "api payment method unknown contact", attr: "contact_id", apiSide: true,
		config: badPM("  payment_type = \"credit_card\"\n  saved_payment_token = \"tok_badinput\"")},
	// 422 invalid_data with a context: on the attribute the context names.
	{name: "api payment method unknown saved token", attr: "saved_payment_token", apiSide: true, msg: `invalid_data`,
		config: `resource "affinipay_payment_method" "this" {
  contact_id          = "%CONTACT%"
  payment_type        = "credit_card"
  saved_payment_token = "card_does_not_exist"
}`},
	{name: "api payment method type mismatch", attr: "payment_type", apiSide: true, msg: `invalid_data`,
		config: `resource "affinipay_payment_method" "this" {
  contact_id          = "%CONTACT%"
  payment_type        = "bank_account"
  saved_payment_token = "%CARD%"
}`},
	// An error code without a context that is about one field.
	{name: "api charge currency the account does not take", attr: "currency", apiSide: true, msg: `unsupported_currency`,
		config: strings.Replace(badRC("  currency = \"EUR\"\n"+badSchedule(badFuture, "MONTH", "")), "card_badinput", "%CARD%", 1)},
	{name: "api ach account unknown", attr: "account_id", apiSide: true,
		config: `resource "affinipay_ach_account" "this" {
  account_id = "ach_does_not_exist"
  name       = "Operating"
}`},
}

// Every invalid configuration of the table gets an error naming its
// attribute, without a panic (the provider runs in-process: a panic would
// end the test binary), and, when the error is knowable at plan time,
// without any request to the API.
func TestAccBadInput(t *testing.T) {
	acctest.PreCheck(t)
	acctest.SandboxOnly(t)
	t.Parallel()
	if n := len(badInputCases); n < 40 {
		t.Fatalf("only %d bad-input cases; the table must have at least 40", n)
	}
	kinds := map[string]bool{}
	for _, tc := range badInputCases {
		m := regexp.MustCompile(`(?m)^(resource|data|ephemeral) "(affinipay_\w+)"`).FindStringSubmatch(tc.config)
		if m == nil {
			t.Fatalf("%s: no affinipay block", tc.name)
		}
		kinds[m[1]+" "+m[2]] = true
	}
	for _, want := range []string{
		"resource affinipay_webhook_endpoint", "resource affinipay_merchant", "resource affinipay_ach_account",
		"resource affinipay_contact", "resource affinipay_contact_tag", "resource affinipay_payment_method",
		"resource affinipay_recurring_charge",
		"data affinipay_status", "data affinipay_merchant", "data affinipay_bank_accounts", "data affinipay_gateway_credentials",
		"data affinipay_contact", "data affinipay_contacts", "data affinipay_recurring_charge_schedule",
		"data affinipay_recurring_charges", "data affinipay_recurring_charge_occurrences",
		"ephemeral affinipay_payment_token", "ephemeral affinipay_gateway_credentials",
	} {
		if !kinds[want] {
			t.Errorf("no bad-input case for %s", want)
		}
	}

	for _, tc := range badInputCases {
		t.Run(tc.name, func(t *testing.T) {
			// Each case runs in parallel on a sandbox of its own, so the
			// request counts below are this case's alone.
			acctest.Parallel(t)
			acctest.RecurringTestClock(t)
			card := acctest.RecurringTestCard(t, "4242424242424242")
			api := acctest.Client(t)
			contact, err := api.CreateContact(t.Context(), &client.ContactCreate{Type: client.ContactTypePerson, FirstName: "Bad", LastName: "Input"})
			if err != nil {
				t.Fatal(err)
			}
			cardToken, err := api.CreateToken(t.Context(), client.TokenCreate{Type: "card", Number: "4242424242424242", ExpMonth: 12, ExpYear: 2099, CVV: "123"})
			if err != nil {
				t.Fatal(err)
			}
			otherMode := fmt.Sprint(!contact.TestMode)
			tc.config = strings.NewReplacer("%CARD%", card, "%CONTACT%", contact.ID, "%CARDTOKEN%", cardToken.ID, "%OTHERMODE%", otherMode).Replace(tc.config)
			before, writesBefore := acctest.SandboxFor(t).Metrics().Total, acctest.SandboxWrites(acctest.SandboxFor(t))
			expect := badInputAttrRe(tc.attr)
			if tc.msg != "" {
				// Both must hold, in either order.
				a, m := strings.TrimPrefix(expect.String(), "(?s)"), tc.msg
				expect = regexp.MustCompile(`(?s)((` + a + `).*(` + m + `)|(` + m + `).*(` + a + `))`)
			}
			resource.Test(t, resource.TestCase{
				// Cases of features newer than the CLI in use skip, never pass.
				TerraformVersionChecks:   badInputVersionChecks(tc.config),
				ProtoV6ProviderFactories: acctest.Factories(t),
				Steps: []resource.TestStep{{
					Config:      "provider \"affinipay\" {}\n" + tc.config + "\n",
					ExpectError: expect,
					PlanOnly:    !tc.apiSide,
				}},
			})
			sent, writes := acctest.SandboxFor(t).Metrics().Total-before, acctest.SandboxWrites(acctest.SandboxFor(t))-writesBefore
			switch {
			case tc.reads && writes != 0:
				t.Errorf("the plan sent %d API writes; this error is knowable at plan time by reading", writes)
			case tc.reads && sent == 0:
				t.Errorf("no API read was sent: this case does not need one (drop reads)")
			case !tc.apiSide && !tc.reads && sent != 0:
				t.Errorf("the plan sent %d API requests; an error knowable at plan time must be reported before any", sent)
			case tc.apiSide && sent == 0:
				t.Errorf("no API request was sent: this case is not API-side")
			}
		})
	}
}

// badInputVersionChecks skips a case on a Terraform CLI too old for what
// its configuration uses: ephemeral resources (1.10), write-only
// attributes (1.11).
func badInputVersionChecks(config string) []tfversion.TerraformVersionCheck {
	var checks []tfversion.TerraformVersionCheck
	if strings.Contains(config, "ephemeral \"") {
		checks = append(checks, tfversion.SkipBelow(tfversion.Version1_10_0))
	}
	if strings.Contains(config, "_wo") {
		checks = append(checks, tfversion.SkipBelow(tfversion.Version1_11_0))
	}
	return checks
}
