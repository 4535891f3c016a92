package merchant_test

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/acctest"
	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/client"
)

// achTestAccounts returns the primary and one non-primary eCheck account of
// the test merchant.
func achTestAccounts(t *testing.T, m *client.Merchant) (primary, other client.AchAccount) {
	t.Helper()
	var havePrimary, haveOther bool
	for _, a := range m.AchAccounts {
		switch {
		case a.Primary && !havePrimary:
			primary, havePrimary = a, true
		case !a.Primary && !haveOther:
			other, haveOther = a, true
		}
	}
	if !havePrimary || !haveOther {
		t.Skipf("needs a primary and a non-primary test-mode eCheck account, merchant has %d", len(m.AchAccounts))
	}
	return primary, other
}

// achTestExpect checks one eCheck account at AffiniPay.
func achTestExpect(t *testing.T, id string, check func(a client.AchAccount) error) resource.TestCheckFunc {
	return func(*terraform.State) error {
		a, err := acctest.Client(t).GetAchAccount(context.Background(), id)
		if err != nil {
			return err
		}
		return check(*a)
	}
}

func achTestField(name, got, want string) error {
	if got != want {
		return fmt.Errorf("eCheck account %s at AffiniPay = %q, want %q", name, got, want)
	}
	return nil
}

func TestAccAchAccountResource_basic(t *testing.T) {
	acctest.Parallel(t)
	orig := acctest.RestoreMerchant(t)
	primary, acct := achTestAccounts(t, orig)
	const addr = "affinipay_ach_account.trust"
	cfg := func(body string) string {
		return fmt.Sprintf("resource \"affinipay_ach_account\" \"trust\" {\n  account_id = %q\n%s\n}\n", acct.ID, body)
	}
	step1 := cfg(`
  name                          = "Client Trust (IOLTA)"
  required_payment_fields       = ["name", "email"]
  transaction_allowed_countries = ["US", "CA"]`)
	step1Reordered := cfg(`
  name                          = "Client Trust (IOLTA)"
  required_payment_fields       = ["email", "name"]
  transaction_allowed_countries = ["CA", "US"]`)
	full := cfg(`
  name                          = "Client Trust"
  primary                       = true
  required_payment_fields       = ["name", "address1", "postal_code", "phone"]
  transaction_allowed_countries = ["GB"]
  timeouts = {
    create = "2m"
    update = "90s"
  }`)
	cleared := cfg(`
  name                          = "Client Trust"
  primary                       = true
  required_payment_fields       = []
  transaction_allowed_countries = []`)
	patches := acctest.Requests(t, http.MethodPatch, "/v1/ach-accounts/{id}")

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.Factories(t),
		// Destroy leaves the account as it is.
		CheckDestroy: achTestExpect(t, acct.ID, func(a client.AchAccount) error {
			if !a.Primary || a.Name != "Client Trust" || a.RequiredPaymentFields != "" {
				return fmt.Errorf("account changed by destroy: %+v", a)
			}
			return nil
		}),
		Steps: []resource.TestStep{
			{
				Config: step1,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringExact(acct.ID)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("name"), knownvalue.StringExact("Client Trust (IOLTA)")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("primary"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("required_payment_fields"),
						knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("name"), knownvalue.StringExact("email")})),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("transaction_allowed_countries"),
						knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("US"), knownvalue.StringExact("CA")})),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("status"), knownvalue.StringExact(acct.Status)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("currency"), knownvalue.StringExact(acct.Currency)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("bank_name"), knownvalue.StringExact(acct.BankName)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("account_type"), knownvalue.StringExact(acct.AccountType)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("routing_number"), knownvalue.StringExact(acct.RoutingNumber)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("account_number"), knownvalue.StringExact(acct.AccountNumber)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("trust_account"), knownvalue.NotNull()),
				},
				Check: achTestExpect(t, acct.ID, func(a client.AchAccount) error {
					if a.Primary {
						return fmt.Errorf("account became primary without primary configured")
					}
					return achTestField("required_payment_fields", a.RequiredPaymentFields, "email,name")
				}),
			},
			{
				Config: step1Reordered,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{
				// Every updatable attribute changes; the account becomes
				// primary and the previous primary account is not any more.
				Config: full,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					acctest.CheckAPI(achTestExpect(t, acct.ID, func(a client.AchAccount) error {
						if !a.Primary {
							return fmt.Errorf("account is not primary")
						}
						if err := achTestField("name", a.Name, "Client Trust"); err != nil {
							return err
						}
						if err := achTestField("required_payment_fields", a.RequiredPaymentFields, "address1,name,phone,postal_code"); err != nil {
							return err
						}
						return achTestField("transaction_allowed_countries", a.TransactionAllowedCountries, "GB")
					})),
					acctest.CheckAPI(achTestExpect(t, primary.ID, func(a client.AchAccount) error {
						if a.Primary {
							return fmt.Errorf("previous primary account %s is still primary", a.ID)
						}
						return nil
					})),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("primary"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("transaction_allowed_countries"),
						knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("GB")})),
					// Read-only values survive the PATCH.
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("bank_name"), knownvalue.StringExact(acct.BankName)),
				},
			},
			{
				ResourceName:      addr,
				ImportState:       true,
				ImportStateId:     acct.ID,
				ImportStateVerify: true,
				// timeouts exist only in the configuration.
				ImportStateVerifyIgnore: []string{"timeouts"},
			},
			{
				// Drift outside Terraform is detected and corrected with one PATCH.
				PreConfig: func() {
					if _, err := acctest.Client(t).UpdateAchAccount(context.Background(), acct.ID, client.AchAccountUpdate{
						Name: client.String("Renamed In The Dashboard"), TransactionAllowedCountries: client.String("US"),
					}); err != nil {
						t.Fatal(err)
					}
					patches.Mark()
				},
				Config: full,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(addr, tfjsonpath.New("name"), knownvalue.StringExact("Client Trust")),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					acctest.CheckAPI(achTestExpect(t, acct.ID, func(a client.AchAccount) error {
						if err := achTestField("name", a.Name, "Client Trust"); err != nil {
							return err
						}
						return achTestField("transaction_allowed_countries", a.TransactionAllowedCountries, "GB")
					})),
					acctest.CheckAPI(patches.Expect(1, "to correct drift")),
				},
			},
			{
				// Empty sets clear the lists.
				Config: cleared,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("required_payment_fields"), knownvalue.SetSizeExact(0)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("transaction_allowed_countries"), knownvalue.SetSizeExact(0)),
				},
				Check: achTestExpect(t, acct.ID, func(a client.AchAccount) error {
					if err := achTestField("required_payment_fields", a.RequiredPaymentFields, ""); err != nil {
						return err
					}
					return achTestField("transaction_allowed_countries", a.TransactionAllowedCountries, "")
				}),
			},
		},
	})
}

// Two resources: in one apply, one account takes over as primary while the
// previous primary (primary not configured) is renamed after it. The
// renamed account's primary changes during the apply, so it must be planned
// as unknown, not as its old value: neither apply nor the next plan may
// complain.
func TestAccAchAccountResource_primarySwitch(t *testing.T) {
	acctest.Parallel(t)
	orig := acctest.RestoreMerchant(t)
	primary, other := achTestAccounts(t, orig)
	cfg := func(oldName, newPrimary string) string {
		return fmt.Sprintf(`
resource "affinipay_ach_account" "new_primary" {
  account_id = %q
  %s
}
resource "affinipay_ach_account" "old_primary" {
  account_id = %q
  name       = %q
  # Applied after new_primary, so it sees the primary switch happen.
  depends_on = [affinipay_ach_account.new_primary]
}`, other.ID, newPrimary, primary.ID, oldName)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.Factories(t),
		Steps: []resource.TestStep{
			{
				Config: cfg(primary.Name, ""),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("affinipay_ach_account.old_primary", tfjsonpath.New("primary"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue("affinipay_ach_account.new_primary", tfjsonpath.New("primary"), knownvalue.Bool(false)),
				},
			},
			{
				Config: cfg("Operating (renamed)", "primary = true"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("affinipay_ach_account.old_primary", plancheck.ResourceActionUpdate),
						plancheck.ExpectResourceAction("affinipay_ach_account.new_primary", plancheck.ResourceActionUpdate),
						plancheck.ExpectUnknownValue("affinipay_ach_account.old_primary", tfjsonpath.New("primary")),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("affinipay_ach_account.old_primary", tfjsonpath.New("primary"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue("affinipay_ach_account.new_primary", tfjsonpath.New("primary"), knownvalue.Bool(true)),
				},
				Check: achTestExpect(t, primary.ID, func(a client.AchAccount) error {
					if a.Primary {
						return fmt.Errorf("previous primary account is still primary")
					}
					return achTestField("name", a.Name, "Operating (renamed)")
				}),
			},
		},
	})
}

// Un-setting the only primary account gets the API's error on `primary`,
// and nothing changes.
func TestAccAchAccountResource_unsetOnlyPrimary(t *testing.T) {
	acctest.Parallel(t)
	orig := acctest.RestoreMerchant(t)
	primary, _ := achTestAccounts(t, orig)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.Factories(t),
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(`
resource "affinipay_ach_account" "operating" {
  account_id = %q
  name       = "Should Not Be Applied"
  primary    = false
}`, primary.ID),
			ExpectError: regexp.MustCompile(`(?s)Unable to apply the AffiniPay eCheck account policy.*primary\s+=\s+false.*Exactly\s+one\s+eCheck\s+account\s+must\s+always\s+be\s+marked\s+as\s+primary`),
		}},
	})
	a, err := acctest.Client(t).GetAchAccount(context.Background(), primary.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !a.Primary || a.Name != primary.Name {
		t.Errorf("the refused PATCH changed the account: %+v", a)
	}
}

// An unknown account ID is a clear error at create, and importing it finds
// nothing (Read removes what does not exist).
func TestAccAchAccountResource_notFound(t *testing.T) {
	acctest.Parallel(t)
	acctest.RestoreMerchant(t)
	config := `
resource "affinipay_ach_account" "missing" {
  account_id = "noSuchAchAccount000000"
}`
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.Factories(t),
		Steps: []resource.TestStep{
			{
				Config:      config,
				ExpectError: acctest.PhraseRegexp("account_id", `has no eCheck account with ID "noSuchAchAccount000000"`),
			},
			{
				Config:        config,
				ResourceName:  "affinipay_ach_account.missing",
				ImportState:   true,
				ImportStateId: "noSuchAchAccount000000",
				ExpectError:   regexp.MustCompile(`Cannot import non-existent remote object`),
			},
		},
	})
}

// Every validator refuses bad input at plan time, naming the attribute.
func TestAccAchAccountResource_validation(t *testing.T) {
	t.Parallel()
	cases := map[string]struct{ attrs, attr, want string }{
		"payment field":      {`required_payment_fields = ["name", "ssn"]`, "required_payment_fields", "value must be one of"},
		"payment field case": {`required_payment_fields = ["Name"]`, "required_payment_fields", "value must be one of"},
		"country alpha-3":    {`transaction_allowed_countries = ["USA"]`, "transaction_allowed_countries", "not a 2-letter ISO 3166-1 alpha-2"},
		"country lower case": {`transaction_allowed_countries = ["ca"]`, "transaction_allowed_countries", `use "CA"`},
		"name empty":         {`name = ""`, "name", "string length must be at least 1"},
		"name blank":         {`name = " "`, "name", "must not be blank"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel() // plan-only
			resource.UnitTest(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.Factories(t),
				Steps: []resource.TestStep{{
					Config:      "resource \"affinipay_ach_account\" \"this\" {\n  account_id = \"5A299P9oEeKcOfUBJK8FBw\"\n  " + tc.attrs + "\n}\n",
					PlanOnly:    true,
					ExpectError: acctest.PhraseRegexp(tc.attr, tc.want),
				}},
			})
		})
	}
	t.Run("account_id blank", func(t *testing.T) {
		t.Parallel() // plan-only
		resource.UnitTest(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.Factories(t),
			Steps: []resource.TestStep{{
				Config:      "resource \"affinipay_ach_account\" \"this\" {\n  account_id = \"\"\n}\n",
				PlanOnly:    true,
				ExpectError: acctest.PhraseRegexp("account_id", "string length must be at least 1"),
			}},
		})
	})
}

// The documented example applies as written (it finds the accounts by name
// through the data source), plans empty afterwards, imports cleanly and its
// destroy leaves the accounts as applied.
func TestAccAchAccountResource_example(t *testing.T) {
	acctest.Parallel(t)
	acctest.SandboxOnly(t) // the example names the sandbox's accounts
	orig := acctest.RestoreMerchant(t)
	primary, trust := achTestAccounts(t, orig)
	cfg, err := os.ReadFile("../../../examples/resources/affinipay_ach_account/resource.tf")
	if err != nil {
		t.Fatal(err)
	}
	applied := resource.ComposeAggregateTestCheckFunc(
		achTestExpect(t, primary.ID, func(a client.AchAccount) error {
			if !a.Primary {
				return fmt.Errorf("operating account is not primary")
			}
			if err := achTestField("name", a.Name, "Operating eCheck"); err != nil {
				return err
			}
			return achTestField("required_payment_fields", a.RequiredPaymentFields, "email,name,postal_code")
		}),
		achTestExpect(t, trust.ID, func(a client.AchAccount) error {
			if err := achTestField("name", a.Name, "Client Trust (IOLTA) eCheck"); err != nil {
				return err
			}
			return achTestField("transaction_allowed_countries", a.TransactionAllowedCountries, "US")
		}),
	)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.Factories(t),
		CheckDestroy:             applied,
		Steps: []resource.TestStep{
			{
				Config: string(cfg),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{acctest.CheckAPI(applied)},
			},
			{
				Config:            string(cfg),
				ResourceName:      "affinipay_ach_account.trust",
				ImportState:       true,
				ImportStateId:     trust.ID,
				ImportStateVerify: true,
			},
		},
	})
}
