package sandbox

import "time"

// timestampLayout is the gateway timestamp format, e.g. 2016-08-21T15:32:21.702Z.
const timestampLayout = "2006-01-02T15:04:05.000Z"

func formatTimestamp(t time.Time) string { return t.UTC().Format(timestampLayout) }

func mustTime(s string) time.Time {
	t, err := time.Parse(timestampLayout, s)
	if err != nil {
		panic(err)
	}
	return t
}

// state is everything the sandbox stores. New areas add their fields here and
// seed them in seedState. Accessed only with Server.mu held.
type state struct {
	merchant         merchant
	merchantAccounts []*merchantAccount // both modes
	achAccounts      []*achAccount      // both modes
	bankAccounts     []*bankAccount     // partner-API bank accounts (live)
	tokens           map[string]time.Time

	// saved cards/banks and recurring charges (cards_banks.go, recurring.go)
	savedMethods     []*savedMethod
	savedSeq         int
	recurringCharges []*recurringCharge
	recurringSeq     int

	// Contact API contacts/payment methods and one-time tokens (contacts.go, payment_methods.go, tokens.go)
	contactAPI    *contactState
	oneTimeTokens map[string]*oneTimeToken
}

// merchant is the single merchant (shared by test and live mode).
type merchant struct {
	ID        string
	PublicKey string
	Created   time.Time
	Modified  time.Time

	Name                      string
	ContactName               string
	ContactEmail              string
	ContactPhone              string
	Address1                  string
	Address2                  string
	City                      string
	State                     string
	PostalCode                string
	Country                   string
	Timezone                  string
	APIAllowedIPAddressRanges string
	LiveEventsURLs            string
	TestEventsURLs            string
}

// merchantAccount is a credit-card merchant account.
type merchantAccount struct {
	ID       string
	Mode     mode
	Created  time.Time
	Modified time.Time

	Status                          string
	TrustAccount                    bool
	Currency                        string
	Name                            string
	Primary                         bool
	AcceptedCardTypes               string
	CVVPolicy                       string
	AVSPolicy                       string
	IgnoreAVSFailureIfCVVMatch      bool
	RequiredPaymentFields           string
	SwipeCVVPolicy                  string
	SwipeAVSPolicy                  string
	SwipeIgnoreAVSFailureIfCVVMatch bool
	SwipeRequiredPaymentFields      string
	TransactionAllowedCountries     string
	RecurringChargesEnabled         bool
}

// achAccount is an eCheck account.
type achAccount struct {
	ID       string
	Mode     mode
	Created  time.Time
	Modified time.Time

	Status                      string
	TrustAccount                bool
	Name                        string
	Primary                     bool
	Currency                    string
	RequiredPaymentFields       string
	TransactionAllowedCountries string
	RoutingNumber               string // full; masked on output
	AccountNumber               string // full; masked on output
	AccountType                 string
	BankName                    string
	RecurringChargesEnabled     bool
}

// bankAccount is a partner-API BankAccount (GET /bank-accounts) grouping
// live processing accounts.
type bankAccount struct {
	ID            string
	Name          string
	BankName      string
	Trust         bool
	AccountNumber string // full; masked on output
	Currency      string
	CardAccounts  []string         // merchantAccount IDs
	ACHAccounts   []string         // achAccount IDs
	Surcharges    *[]SurchargeRate // nil: the seeded default (surcharge.go)
}

// seedState builds the initial state. Each area draws IDs from its own
// stream so that adding areas keeps existing IDs stable for a given seed.
func seedState(seed int64) *state {
	st := &state{tokens: map[string]time.Time{}}
	seedMerchant(st, newIDGen(seed, "merchant"))
	seedBankAccounts(st, newIDGen(seed, "bank-accounts"))
	st.contactAPI, st.oneTimeTokens = seedContacts(newIDGen(seed, "contacts")), map[string]*oneTimeToken{}
	return st
}

func seedMerchant(st *state, ids *idGen) {
	created := mustTime("2018-05-29T17:51:19.592Z")
	modified := mustTime("2019-09-30T13:02:33.981Z")
	st.merchant = merchant{
		ID:           ids.gatewayID(),
		PublicKey:    PublicKey,
		Created:      created,
		Modified:     modified,
		Name:         "Sandbox Law Firm",
		ContactName:  "Merchant Contact",
		ContactEmail: "admin@example.com",
		ContactPhone: "9876543210",
		Address1:     "97 Hammond St",
		City:         "Bangor",
		State:        "ME",
		PostalCode:   "04401",
		Country:      "US",
		Timezone:     "America/New_York",
	}
	for _, m := range []mode{modeTest, modeLive} {
		for _, trust := range []bool{false, true} {
			name := "Operating"
			if trust {
				name = "Trust"
			}
			st.merchantAccounts = append(st.merchantAccounts, &merchantAccount{
				ID:                          ids.gatewayID(),
				Mode:                        m,
				Created:                     mustTime("2018-06-05T16:42:42.735Z"),
				Modified:                    mustTime("2018-10-08T16:51:04.889Z"),
				Status:                      "ACTIVE",
				TrustAccount:                trust,
				Currency:                    "USD",
				Name:                        name,
				Primary:                     !trust,
				AcceptedCardTypes:           "VISA,MASTERCARD,AMERICAN_EXPRESS,DISCOVER",
				CVVPolicy:                   "REQUIRE_MATCH_LENIENT",
				AVSPolicy:                   "ADDR_OR_POSTAL_CODE_LENIENT",
				RequiredPaymentFields:       "name",
				SwipeCVVPolicy:              "DISABLED",
				SwipeAVSPolicy:              "DISABLED",
				SwipeRequiredPaymentFields:  "",
				TransactionAllowedCountries: "US,CA",
				RecurringChargesEnabled:     true,
			})
		}
		routing, bank := "000000013", "FIRST BANK OF TESTING"
		if m == modeLive {
			routing, bank = "011000138", "SANDBOX NATIONAL BANK"
		}
		for _, trust := range []bool{false, true} {
			name, acct := "eCheck", "1234568932"
			if trust {
				name, acct = "Trust eCheck", "9876541234"
			}
			st.achAccounts = append(st.achAccounts, &achAccount{
				ID:                          ids.gatewayID(),
				Mode:                        m,
				Created:                     mustTime("2018-06-29T18:29:28.895Z"),
				Modified:                    mustTime("2019-10-08T16:50:06.377Z"),
				Status:                      "ACTIVE",
				TrustAccount:                trust,
				Name:                        name,
				Primary:                     !trust,
				Currency:                    "USD",
				RequiredPaymentFields:       "name",
				TransactionAllowedCountries: "US",
				RoutingNumber:               routing,
				AccountNumber:               acct,
				AccountType:                 "CHECKING",
				BankName:                    bank,
				RecurringChargesEnabled:     true, // recurring.go enforces the flag; bank recurring charges work by default
			})
		}
	}
}

// maskRouting masks a routing number like the documented "******013".
func maskRouting(n string) string { return maskKeep(n, 6, 3) }

// maskAccount masks an account number like the documented "*****8932".
func maskAccount(n string) string { return maskKeep(n, 5, 4) }

func maskKeep(n string, stars, keep int) string {
	if len(n) > keep {
		n = n[len(n)-keep:]
	}
	b := make([]byte, 0, stars+len(n))
	for i := 0; i < stars; i++ {
		b = append(b, '*')
	}
	return string(append(b, n...))
}

// Lookup helpers (s.mu held).

func (st *state) accountsByMode(m mode) ([]*merchantAccount, []*achAccount) {
	var cards []*merchantAccount
	var achs []*achAccount
	for _, a := range st.merchantAccounts {
		if a.Mode == m {
			cards = append(cards, a)
		}
	}
	for _, a := range st.achAccounts {
		if a.Mode == m {
			achs = append(achs, a)
		}
	}
	return cards, achs
}

func (st *state) merchantAccount(id string) *merchantAccount {
	for _, a := range st.merchantAccounts {
		if a.ID == id {
			return a
		}
	}
	return nil
}

func (st *state) achAccount(id string) *achAccount {
	for _, a := range st.achAccounts {
		if a.ID == id {
			return a
		}
	}
	return nil
}
