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
var RecurringTestNow = time.Date(2098, 6, 1, 12, 0, 0, 0, time.UTC)

// rcDate is rcTestNow plus days, as yyyy-mm-dd.
func RecurringDate(days int) string { return RecurringTestNow.AddDate(0, 0, days).Format("2006-01-02") }

// rcTestClock pins the sandbox clock at rcTestNow for the test.
func RecurringTestClock(t *testing.T) {
	t.Helper()
	SandboxOnly(t)
	SandboxFor(t).SetNow(RecurringTestNow)
	t.Cleanup(func() { SandboxFor(t).SetNow(time.Time{}) })
}

// rcTestCard saves a test card (deleted at the end of the test).
func RecurringTestCard(t *testing.T, number string) string {
	t.Helper()
	c := Client(t)
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
func RecurringTestBank(t *testing.T) string {
	t.Helper()
	c := Client(t)
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
func RecurringTestGet(t *testing.T, id string) *client.RecurringCharge {
	t.Helper()
	c, err := Client(t).GetRecurringCharge(t.Context(), id)
	if err != nil {
		t.Fatalf("reading recurring charge %s: %v", id, err)
	}
	return c
}
