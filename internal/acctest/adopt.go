package acctest

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/client"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/services/merchant"
)

// Helpers of the adoption tests (import by ID and by identity,
// -generate-config-out, list resources, actions): a merchant setup made
// through the API, the way a team would have made it by hand, and the
// sandbox's count of write requests.

// adoptFixture is a setup made through the API (never through Terraform).
type AdoptFixture struct {
	MerchantID  string
	ACHID       string // the test-mode primary eCheck account
	ContactID   string // test-mode person "Ada Lovelace", tagged "vip"
	Tag         string
	PmID        string // a card payment method of the contact
	CardID      string // saved card ************4242, 12/2100
	OtherCardID string // saved card ************1111, 12/2100 (the wrong method)
	BankID      string // saved bank, FIRST BANK OF TESTING
	ChargeID    string // monthly charge on cardID
	WebhookURL  string // in test_events_urls
}

// adoptSetup makes the fixture through the API. The sandbox clock is pinned
// (rcTestClock) so that the charge can start in the sandbox's future.
func AdoptSetup(t *testing.T) *AdoptFixture {
	t.Helper()
	RecurringTestClock(t)
	ctx := t.Context()
	c := Client(t)
	f := &AdoptFixture{Tag: "vip", WebhookURL: "https://hooks.example.com/adopt-" + strings.ToLower(strings.ReplaceAll(t.Name(), "/", "-"))}

	m, err := c.GetMerchant(ctx)
	if err != nil {
		t.Fatal(err)
	}
	f.MerchantID = m.ID
	for _, a := range m.AchAccounts {
		if a.Primary {
			f.ACHID = a.ID
		}
	}
	urls := m.TestEventsURLs
	if urls != "" {
		urls += ","
	}
	if _, err := c.UpdateMerchant(ctx, client.MerchantUpdate{TestEventsURLs: client.String(urls + f.WebhookURL)}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if m, err := c.GetMerchant(context.Background()); err == nil {
			var keep []string
			for _, u := range merchant.SplitEventsURLs(m.TestEventsURLs) {
				if strings.TrimSpace(u) != f.WebhookURL {
					keep = append(keep, u)
				}
			}
			_, _ = c.UpdateMerchant(context.Background(), client.MerchantUpdate{TestEventsURLs: client.String(strings.Join(keep, ","))})
		}
	})

	ct, err := c.CreateContact(ctx, &client.ContactCreate{Type: client.ContactTypePerson, TestMode: true,
		FirstName: "Ada", LastName: "Lovelace", Tags: []string{f.Tag}})
	if err != nil {
		t.Fatal(err)
	}
	f.ContactID = ct.ID
	t.Cleanup(func() { _ = c.DeleteContact(context.Background(), ct.ID) })

	tok, err := c.CreateToken(ctx, client.TokenCreate{Type: "card", Number: "4242424242424242", ExpMonth: 10, ExpYear: 2100,
		CVV: "123", Name: "Ada Lovelace", PostalCode: "78701"})
	if err != nil {
		t.Fatal(err)
	}
	test := true
	pm, err := c.CreatePaymentMethod(ctx, ct.ID, client.PaymentMethodCreate{PaymentType: client.PaymentTypeCreditCard,
		OneTimeToken: tok.ID, TestMode: &test})
	if err != nil {
		t.Fatal(err)
	}
	f.PmID = pm.ID

	f.CardID = RecurringTestCard(t, "4242424242424242")
	f.OtherCardID = RecurringTestCard(t, "4111111111111111")
	f.BankID = RecurringTestBank(t)

	maxOcc := int64(12)
	ch, err := c.CreateRecurringCharge(ctx, client.RecurringChargeCreate{
		SourceID: "team:" + strings.ToLower(strings.ReplaceAll(t.Name(), "/", "-")), Method: f.CardID, Amount: 12500,
		Currency: "USD", Description: "Monthly retainer", Reference: "matter-42",
		Schedule: client.RecurringSchedule{Start: RecurringDate(10), IntervalUnit: "MONTH", IntervalDelay: 1}, MaxOccurrences: &maxOcc,
	})
	if err != nil {
		t.Fatal(err)
	}
	f.ChargeID = ch.ID
	t.Cleanup(func() { _ = c.DeleteRecurringCharge(context.Background(), ch.ID) })
	return f
}

// adoptWrites is the number of write requests (anything but GET) t's
// sandbox has answered.
func adoptWrites(t *testing.T) int64 { return SandboxWrites(SandboxFor(t)) }

// adoptWriteList names the write requests, for failure messages.
func adoptWriteList(t *testing.T) string {
	var out []string
	for _, r := range SandboxFor(t).Metrics().Requests {
		if r.Method != "GET" {
			out = append(out, fmt.Sprintf("%s %s %d x%d", r.Method, r.Path, r.Status, r.Count))
		}
	}
	sort.Strings(out)
	return strings.Join(out, ", ")
}

// adoptWriteCounter checks that no write request was sent between mark
// and check.
type AdoptWriteCounter struct {
	T      *testing.T
	before int64
}

func (w *AdoptWriteCounter) Mark() { w.before = adoptWrites(w.T) }

func (w *AdoptWriteCounter) Check(what string) error {
	if n := adoptWrites(w.T) - w.before; n != 0 {
		return fmt.Errorf("%s sent %d write request(s); all writes so far: %s", what, n, adoptWriteList(w.T))
	}
	return nil
}

// expectImportNoOp is a plan check: addr is imported with no change.
type ExpectImportNoOp struct{ Addr string }

func (e ExpectImportNoOp) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	for _, rc := range req.Plan.ResourceChanges {
		if rc.Address != e.Addr {
			continue
		}
		if rc.Change.Importing == nil {
			resp.Error = fmt.Errorf("%s is not imported by the plan (actions %v)", e.Addr, rc.Change.Actions)
			return
		}
		if !rc.Change.Actions.NoOp() {
			resp.Error = fmt.Errorf("%s is imported with changes: actions %v, before %v, after %v", e.Addr, rc.Change.Actions,
				rc.Change.Before, rc.Change.After)
		}
		return
	}
	resp.Error = fmt.Errorf("%s is not in the plan", e.Addr)
}

// cliPlan is the part of `terraform show -json <plan>` the CLI adoption
// test reads.
type CLIPlan struct {
	ResourceChanges []struct {
		Address string `json:"address"`
		Change  struct {
			Actions   []string        `json:"actions"`
			Importing json.RawMessage `json:"importing"`
		} `json:"change"`
	} `json:"resource_changes"`
}

// summary counts the plan's imports and its changes other than no-op.
func (p CLIPlan) Summary() (imports, changes int, detail []string) {
	for _, rc := range p.ResourceChanges {
		if len(rc.Change.Importing) > 0 && string(rc.Change.Importing) != "null" {
			imports++
		}
		if len(rc.Change.Actions) != 1 || rc.Change.Actions[0] != "no-op" {
			changes++
			detail = append(detail, fmt.Sprintf("%s: %v", rc.Address, rc.Change.Actions))
		}
	}
	return imports, changes, detail
}

// hclMap renders identity values as an HCL object.
func HCLMap(m map[string]string) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	b.WriteString("{\n")
	for _, k := range keys {
		fmt.Fprintf(&b, "    %s = %q\n", k, m[k])
	}
	b.WriteString("  }")
	return b.String()
}

// clientMethodUpdate re-points a charge to another method (outside Terraform).
func ClientMethodUpdate(method string) client.RecurringChargeUpdate {
	return client.RecurringChargeUpdate{Method: client.String(method)}
}

// wrapRe matches words as Terraform prints them, wrapped at any space.
func WrapRe(words ...string) *regexp.Regexp {
	parts := make([]string, len(words))
	for i, w := range words {
		parts[i] = strings.Join(strings.Fields(regexp.QuoteMeta(w)), `\s+`)
	}
	return regexp.MustCompile(`(?s)` + strings.Join(parts, ".*"))
}

// adoptSkipBelow skips the whole test (before its fixture is made) on a
// Terraform older than minVersion; the test cases also carry
// tfversion.SkipBelow.
func AdoptSkipBelow(t *testing.T, minVersion string) {
	t.Helper()
	if tf := os.Getenv("TF_ACC_TERRAFORM_PATH"); tf != "" && os.Getenv("TF_ACC") != "" {
		SkipCLIBelow(t, tf, minVersion)
	}
}
