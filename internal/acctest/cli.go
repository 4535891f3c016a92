package acctest

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	goversion "github.com/hashicorp/go-version"
)

// These helpers run the real Terraform CLI against a provider binary built
// from this repository (through dev_overrides), the way a user would. They
// are used where the in-process test harness cannot see what matters: the
// TRACE log Terraform writes and the state file on disk.

var (
	providerBinOnce sync.Once
	providerBinDir  string
	providerBinErr  error
)

// testAccProviderBinary builds the provider once per test process.
func testAccProviderBinary(t *testing.T) string {
	t.Helper()
	providerBinOnce.Do(func() {
		dir, err := os.MkdirTemp("", "affinipay-provider-bin-") //nolint:usetesting // shared by all tests of the process
		if err != nil {
			providerBinErr = err
			return
		}
		cmd := exec.Command("go", "build", "-o", filepath.Join(dir, "terraform-provider-affinipay"),
			"github.com/affinipay-terraform/terraform-provider-affinipay")
		out, err := cmd.CombinedOutput()
		if err != nil {
			providerBinErr = err
			providerBinDir = string(out)
			return
		}
		providerBinDir = dir
	})
	if providerBinErr != nil {
		t.Fatalf("building the provider: %v\n%s", providerBinErr, providerBinDir)
	}
	return providerBinDir
}

// cliWorkspace is a directory with a configuration and a CLI config whose
// dev_overrides point at the freshly built provider.
type CLIWorkspace struct {
	T       *testing.T
	Dir     string
	tf      string
	Env     []string
	LogPath string
}

// newCLIWorkspace writes config into a fresh directory. minVersion, when
// not empty, is the oldest Terraform the configuration works with (such as
// "1.11.0" for write-only attributes): an older CLI skips the test.
func NewCLIWorkspace(t *testing.T, minVersion, config string, extraEnv ...string) *CLIWorkspace {
	t.Helper()
	tf := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if tf == "" {
		var err error
		if tf, err = exec.LookPath("terraform"); err != nil {
			t.Skip("no terraform CLI (set TF_ACC_TERRAFORM_PATH)")
		}
	}
	if minVersion != "" {
		SkipCLIBelow(t, tf, minVersion)
	}
	bin := testAccProviderBinary(t)
	dir := t.TempDir()
	cliConfig := filepath.Join(dir, "dev.tfrc")
	if err := os.WriteFile(cliConfig, []byte(`provider_installation {
  dev_overrides {
    "`+CLIProviderHost(t, tf)+`/affinipay-terraform/affinipay" = "`+bin+`"
  }
  direct {}
}
`), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(`terraform {
  required_providers {
    affinipay = { source = "affinipay-terraform/affinipay" }
  }
}
`+config), 0o600); err != nil {
		t.Fatal(err)
	}
	w := &CLIWorkspace{T: t, Dir: dir, tf: tf, LogPath: filepath.Join(dir, "trace.log")}
	w.Env = append(os.Environ(),
		"TF_CLI_CONFIG_FILE="+cliConfig,
		"TF_IN_AUTOMATION=1",
		"CHECKPOINT_DISABLE=1",
		"TF_LOG=TRACE",
		"TF_LOG_PATH="+w.LogPath,
	)
	if e := testAccEnvFor(t); e != nil {
		// A parallel test's own sandbox (later values win).
		for k, v := range e.env {
			w.Env = append(w.Env, k+"="+v)
		}
	}
	w.Env = append(w.Env, extraEnv...)
	return w
}

// run runs terraform with args and fails the test on error.
func (w *CLIWorkspace) Run(args ...string) string {
	w.T.Helper()
	out, err := w.TryRun(args...)
	if err != nil {
		w.T.Fatalf("terraform %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return out
}

func (w *CLIWorkspace) TryRun(args ...string) (string, error) {
	cmd := exec.Command(w.tf, append(args, "-no-color")...)
	cmd.Dir = w.Dir
	cmd.Env = w.Env
	var buf bytes.Buffer
	cmd.Stdout, cmd.Stderr = &buf, &buf
	err := cmd.Run()
	return buf.String(), err
}

func (w *CLIWorkspace) Read(name string) string {
	w.T.Helper()
	b, err := os.ReadFile(filepath.Join(w.Dir, name))
	if err != nil {
		w.T.Fatal(err)
	}
	return string(b)
}

// assertNoSecrets fails when any secret occurs in text.
func AssertNoSecrets(t *testing.T, what, text string, secrets map[string]string) {
	t.Helper()
	for name, s := range secrets {
		if s == "" {
			t.Fatalf("secret %s is empty: the scan would prove nothing", name)
		}
		if strings.Contains(text, s) {
			t.Errorf("%s contains the %s", what, name)
		}
	}
}

// skipCLIBelow skips the test when the terraform binary at tf is older than
// minVersion: tests of features newer than the CLI skip, never pass.
func SkipCLIBelow(t *testing.T, tf, minVersion string) {
	t.Helper()
	out, err := exec.Command(tf, "version", "-json").Output()
	if err != nil {
		t.Fatalf("terraform version: %v", err)
	}
	var v struct {
		Version string `json:"terraform_version"`
	}
	if err := json.Unmarshal(out, &v); err != nil {
		t.Fatalf("terraform version -json: %v", err)
	}
	have, err := goversion.NewVersion(v.Version)
	if err != nil {
		t.Fatal(err)
	}
	if have.LessThan(goversion.Must(goversion.NewVersion(minVersion))) {
		t.Skipf("needs Terraform %s or later; the CLI in use is %s", minVersion, v.Version)
	}
}
