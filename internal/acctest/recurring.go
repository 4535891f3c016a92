package acctest

import (
	"context"
	"testing"
	"time"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/client"
)

// rcTestNow is the sandbox date the recurring-charge tests run at. It is
// far in the future so that start dates after it also pass the plan-time
// "start after today" check, which uses the real date.
var RcTestNow = time.Date(2098, 6, 1, 12, 0, 0, 0, time.UTC)

// rcDate is rcTestNow plus days, as yyyy-mm-dd.
func RcDate(days int) string { return RcTestNow.AddDate(0, 0, days).Format("2006-01-02") }

// rcTestClock pins the sandbox clock at rcTestNow for the test.
func RcTestClock(t *testing.T) {
	t.Helper()
	TestAccSandboxOnly(t)
	TestAccSandboxFor(t).SetNow(RcTestNow)
	t.Cleanup(func() { TestAccSandboxFor(t).SetNow(time.Time{}) })
}

// rcTestCard saves a test card (deleted at the end of the test).
func RcTestCard(t *testing.T, number string) string {
	t.Helper()
	c := TestAccClient(t)
	card, err := c.CreateSavedCard(t.Context(), client.SavedCardCreate{
		Number: number, ExpMonth: 12, ExpYear: 2100, CVV: "123", Name: "Test Customer", PostalCode: "78701",
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.DeleteSavedCard(context.Background(), card.ID) })
	return card.ID
}

// rcTestBank saves a test bank account.
func RcTestBank(t *testing.T) string {
	t.Helper()
	c := TestAccClient(t)
	bank, err := c.CreateSavedBank(t.Context(), client.SavedBankCreate{
		RoutingNumber: "000000013", AccountNumber: "10333257392394", AccountType: "CHECKING",
		AccountHolderType: "business", Name: "Customer Inc",
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.DeleteSavedBank(context.Background(), bank.ID) })
	return bank.ID
}

// rcTestGet reads a recurring charge through the API.
func RcTestGet(t *testing.T, id string) *client.RecurringCharge {
	t.Helper()
	c, err := TestAccClient(t).GetRecurringCharge(t.Context(), id)
	if err != nil {
		t.Fatalf("reading recurring charge %s: %v", id, err)
	}
	return c
}
