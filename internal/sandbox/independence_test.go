package sandbox

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The sandbox is an oracle for the provider: it validates from its own
// reading of the reference. It must not import the provider's validators or
// client (internal/iso, data tables, may be shared), and no regular
// expression may appear in both (a copied pattern is a shared reading).
func TestSandboxIndependentOfProvider(t *testing.T) {
	patternRe := regexp.MustCompile("MustCompile\\(`([^`]*)`\\)")
	patterns := func(dir string) map[string]string {
		out := map[string]string{}
		files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			src := string(b)
			if dir == "." {
				for _, banned := range []string{"/internal/validators\"", "/internal/client\"", "/internal/provider\"", "/internal/framework", "/internal/services/"} {
					if strings.Contains(src, banned) {
						t.Errorf("%s imports %s", f, strings.Trim(banned, "\"/"))
					}
				}
			}
			for _, m := range patternRe.FindAllStringSubmatch(src, -1) {
				out[m[1]] = f
			}
		}
		return out
	}
	mine := patterns(".")
	if len(mine) == 0 {
		t.Log("the sandbox uses no regular expressions")
	}
	providerDirs, _ := filepath.Glob("../services/*")
	dirs := append([]string{"../validators", "../client", "../provider", "../framework", "../framework/write"}, providerDirs...)
	if len(providerDirs) == 0 {
		t.Fatal("no object packages under ../services: the test would compare nothing")
	}
	for _, dir := range dirs {
		for p, f := range patterns(dir) {
			if g, shared := mine[p]; shared {
				t.Errorf("pattern %q is in both %s and %s", p, g, f)
			}
		}
	}
}
