package framework

// Descriptions of attributes that several objects return (masked card and
// bank details, eCheck accounts), worded once. Each schema adds its own
// ending: a full stop, an example, or when the value is null.
const (
	DescCardBrand           = "Card brand: `VISA`, `MASTERCARD`, `AMERICAN_EXPRESS`, `DISCOVER`, `DINERS_CLUB`, `JCB` or `UNKNOWN`"
	DescCardExpMonth        = "Card expiration month"
	DescCardExpYear         = "Card expiration year"
	DescFingerprint         = "A fingerprint of the card or bank account number, the same for every token and saved copy of the same number"
	DescBankName            = "Name of the bank"
	DescBankAccountType     = "Bank account type: `CHECKING` or `SAVINGS`"
	DescRoutingNumberMasked = "Routing number, masked as the API returns it"
	DescAccountNumberMasked = "Bank account number, masked as the API returns it"
	DescCurrency            = "3-letter ISO 4217 currency code"
)
