package provider_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/acctest"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/client"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/sandbox"
)

// These tests drive the real Terraform 1.14 CLI with the provider binary,
// as a team would: `terraform query -generate-config-out`, then plan and
// apply the generated configuration; and `terraform apply -invoke` of the
// actions, and an action_trigger.

// A team-style adoption of a setup made through the API: `terraform query
// -generate-config-out=adopted.tf` writes configuration and import blocks
// for every contact, charge, payment method, tag and webhook it lists; the
// plan imports them all with no change, and the apply sends no write
// request; the next plan is empty.
func TestAccAdopt_cliQueryGenerateConfig(t *testing.T) {
	acctest.Parallel(t)
	acctest.SandboxOnly(t)
	f := acctest.AdoptSetup(t)
	w := acctest.NewCLIWorkspace(t, "1.14.0", "")
	if err := os.WriteFile(filepath.Join(w.Dir, "adopt.tfquery.hcl"), []byte(adoptQueryConfig(f)), 0o600); err != nil {
		t.Fatal(err)
	}
	out := w.Run("query", "-generate-config-out=adopted.tf")
	for _, want := range []string{"Ada Lovelace (" + f.ContactID + ")", "Monthly retainer: 125.00 USD", "vip on Ada Lovelace", "test: " + f.WebhookURL} {
		if !strings.Contains(out, want) {
			t.Errorf("terraform query output lacks %q:\n%s", want, out)
		}
	}
	adopted := w.Read("adopted.tf")
	for _, want := range []string{"import {", `resource "affinipay_contact"`, `resource "affinipay_recurring_charge"`,
		`resource "affinipay_payment_method"`, `resource "affinipay_contact_tag"`, `resource "affinipay_webhook_endpoint"`} {
		if !strings.Contains(adopted, want) {
			t.Errorf("adopted.tf lacks %s:\n%s", want, adopted)
		}
	}
	// The query file is not part of a plan's configuration.
	if err := os.Remove(filepath.Join(w.Dir, "adopt.tfquery.hcl")); err != nil {
		t.Fatal(err)
	}

	writes := acctest.AdoptWriteCounter{T: t}
	writes.Mark()
	w.Run("plan", "-out=adopt.tfplan")
	var p acctest.CLIPlan
	if err := json.Unmarshal([]byte(w.Run("show", "-json", "adopt.tfplan")), &p); err != nil {
		t.Fatal(err)
	}
	imports, changes, detail := p.Summary()
	t.Logf("adoption plan: %d resources to import, %d planned changes %v", imports, changes, detail)
	if imports < 5 || changes != 0 {
		t.Fatalf("the generated configuration plans %d imports and %d changes (%v); want at least 5 imports and no change\n%s",
			imports, changes, detail, adopted)
	}
	w.Run("apply", "-auto-approve", "adopt.tfplan")
	if err := writes.Check("applying the adoption plan"); err != nil {
		t.Fatal(err)
	}
	t.Logf("adoption apply: 0 write requests (%d requests in all so far)", acctest.SandboxFor(t).Metrics().Total)
	if out, err := w.TryRun("plan", "-detailed-exitcode"); err != nil {
		t.Fatalf("the plan after adoption is not empty: %v\n%s", err, out)
	}
	// Stop managing (without destroying) what the test adopted.
	w.Run("state", "list")
}

// cliActionConfig declares the actions on the fixture's charge.
func cliActionConfig(chargeID, ignoreOcc, payOcc string) string {
	return fmt.Sprintf(`
action "affinipay_recurring_charge_occurrence_ignore" "skip" {
  config {
    recurring_charge_id = %[1]q
    occurrence_id       = %[2]q
  }
}

action "affinipay_recurring_charge_occurrence_pay" "pay" {
  config {
    recurring_charge_id = %[1]q
    occurrence_id       = %[3]q
  }
}

action "affinipay_recurring_charge_occurrence_pay" "missing" {
  config {
    recurring_charge_id = %[1]q
    occurrence_id       = "NoSuchOccurrence000000"
  }
}

action "affinipay_purge_test_data" "purge" {}

provider "affinipay" {
  alias      = "live"
  secret_key = %[4]q
}

action "affinipay_purge_test_data" "live" {
  provider = affinipay.live
}
`, chargeID, ignoreOcc, payOcc, sandbox.DefaultCredentials().LiveSecretKey)
}

// The actions through `terraform apply -invoke`: ignoring and paying
// occurrences changes them at the API and reports progress; paying a paid
// occurrence, or one that does not exist, fails on occurrence_id; the
// purge refuses a live-mode key (sending nothing) and with the test key
// removes the test data and nothing else.
func TestAccAdopt_cliActions(t *testing.T) {
	acctest.Parallel(t)
	acctest.SandboxOnly(t)
	f := acctest.AdoptSetup(t)
	c := acctest.Client(t)
	// Make three occurrences: the first is created with the charge; paying
	// one schedules the next.
	occs, err := c.ListRecurringChargeOccurrences(t.Context(), f.ChargeID)
	if err != nil || len(occs) == 0 {
		t.Fatalf("occurrences of %s: %v %v", f.ChargeID, occs, err)
	}
	first := occs[0].ID
	w := acctest.NewCLIWorkspace(t, "1.14.0", cliActionConfig(f.ChargeID, first, first))

	out := w.Run("apply", "-auto-approve", "-invoke=action.affinipay_recurring_charge_occurrence_ignore.skip")
	if !strings.Contains(out, "Ignoring occurrence "+first) || !strings.Contains(out, "is IGNORED") {
		t.Errorf("ignore progress missing:\n%s", out)
	}
	if o, err := c.GetRecurringChargeOccurrence(t.Context(), f.ChargeID, first); err != nil || o.Status != "IGNORED" {
		t.Fatalf("after the ignore action the occurrence is %+v (%v), want IGNORED", o, err)
	}

	// An ignored occurrence can still be collected.
	out = w.Run("apply", "-auto-approve", "-invoke=action.affinipay_recurring_charge_occurrence_pay.pay")
	if !strings.Contains(out, "Collecting occurrence "+first) || !strings.Contains(out, "is PAID") {
		t.Errorf("pay progress missing:\n%s", out)
	}
	if o, err := c.GetRecurringChargeOccurrence(t.Context(), f.ChargeID, first); err != nil || o.Status != "PAID" || len(o.Transactions) == 0 {
		t.Fatalf("after the pay action the occurrence is %+v (%v), want PAID with a transaction", o, err)
	}

	// Paying it again is refused before anything is sent.
	pays := acctest.SandboxRequestCount(acctest.SandboxFor(t), "POST", "/v1/recurring/charges/{id}/occurrences/{oid}/pay")
	out, err = w.TryRun("apply", "-auto-approve", "-invoke=action.affinipay_recurring_charge_occurrence_pay.pay")
	if err == nil || !acctest.WrapRe("Occurrence already paid").MatchString(out) || !strings.Contains(out, "occurrence_id") {
		t.Errorf("paying a PAID occurrence: err %v, output:\n%s", err, out)
	}
	out, err = w.TryRun("apply", "-auto-approve", "-invoke=action.affinipay_recurring_charge_occurrence_pay.missing")
	if err == nil || !strings.Contains(out, "NoSuchOccurrence000000") || !strings.Contains(out, "occurrence_id") {
		t.Errorf("paying a missing occurrence: err %v, output:\n%s", err, out)
	}
	if n := acctest.SandboxRequestCount(acctest.SandboxFor(t), "POST", "/v1/recurring/charges/{id}/occurrences/{oid}/pay") - pays; n != 0 {
		t.Errorf("refused payments sent %d pay requests", n)
	}

	// Purge with the live key: refused, nothing sent, nothing removed.
	purges := acctest.SandboxRequestCount(acctest.SandboxFor(t), "POST", "/v1/merchant/purge-test-data")
	out, err = w.TryRun("apply", "-auto-approve", "-invoke=action.affinipay_purge_test_data.live")
	if err == nil || !acctest.WrapRe("Refusing to purge with a live-mode secret key").MatchString(out) {
		t.Errorf("purge with the live key: err %v, output:\n%s", err, out)
	}
	if n := acctest.SandboxRequestCount(acctest.SandboxFor(t), "POST", "/v1/merchant/purge-test-data") - purges; n != 0 {
		t.Errorf("the refused purge sent %d requests", n)
	}
	if _, err := c.GetSavedCard(t.Context(), f.CardID); err != nil {
		t.Fatalf("the refused purge removed saved card %s: %v", f.CardID, err)
	}

	// Purge with the test key.
	merchantBefore, err := c.GetMerchant(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	out = w.Run("apply", "-auto-approve", "-invoke=action.affinipay_purge_test_data.purge")
	if !acctest.WrapRe("Purging the merchant's test-mode payment methods", "recurring charge(s)").MatchString(out) || !strings.Contains(out, "Test data purged") {
		t.Errorf("purge progress missing:\n%s", out)
	}
	for _, id := range []string{f.CardID, f.OtherCardID} {
		if _, err := c.GetSavedCard(t.Context(), id); !client.IsNotFound(err) {
			t.Errorf("saved card %s after the purge: %v, want 404", id, err)
		}
	}
	if _, err := c.GetSavedBank(t.Context(), f.BankID); !client.IsNotFound(err) {
		t.Errorf("saved bank after the purge: %v, want 404", err)
	}
	if _, err := c.GetRecurringCharge(t.Context(), f.ChargeID); !client.IsNotFound(err) {
		t.Errorf("test recurring charge after the purge: %v, want 404", err)
	}
	if _, err := c.GetPaymentMethod(t.Context(), f.ContactID, f.PmID); !client.IsNotFound(err) {
		t.Errorf("test-mode contact payment method after the purge: %v, want 404", err)
	}
	if _, err := c.GetContact(t.Context(), f.ContactID); err != nil {
		t.Errorf("the purge removed contact %s: %v", f.ContactID, err)
	}
	after, err := c.GetMerchant(t.Context())
	if err != nil || after.Name != merchantBefore.Name || after.TestEventsURLs != merchantBefore.TestEventsURLs {
		t.Errorf("the purge changed the merchant: %+v (%v)", after, err)
	}
}

// An action_trigger runs an action as part of an apply.
func TestAccAdopt_cliActionTrigger(t *testing.T) {
	acctest.Parallel(t)
	acctest.SandboxOnly(t)
	f := acctest.AdoptSetup(t)
	c := acctest.Client(t)
	occs, err := c.ListRecurringChargeOccurrences(t.Context(), f.ChargeID)
	if err != nil || len(occs) == 0 {
		t.Fatalf("occurrences of %s: %v %v", f.ChargeID, occs, err)
	}
	occ := occs[0].ID
	w := acctest.NewCLIWorkspace(t, "1.14.0", fmt.Sprintf(`
action "affinipay_recurring_charge_occurrence_ignore" "skip" {
  config {
    recurring_charge_id = %q
    occurrence_id       = %q
  }
}

resource "terraform_data" "paid_by_check" {
  input = "check 1042"
  lifecycle {
    action_trigger {
      events  = [after_create]
      actions = [action.affinipay_recurring_charge_occurrence_ignore.skip]
    }
  }
}
`, f.ChargeID, occ))
	out := w.Run("apply", "-auto-approve")
	if !strings.Contains(out, "Ignoring occurrence "+occ) {
		t.Errorf("the triggered action reported no progress:\n%s", out)
	}
	if o, err := c.GetRecurringChargeOccurrence(t.Context(), f.ChargeID, occ); err != nil || o.Status != "IGNORED" {
		t.Fatalf("after the triggered action the occurrence is %+v (%v), want IGNORED", o, err)
	}
}
