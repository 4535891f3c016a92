package architecture

import (
	"fmt"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

const module = "github.com/affinipay-terraform/terraform-provider-affinipay/"

// importRule says which project packages a package (by its directory, or a
// directory prefix ending in "/") may not import.
type importRule struct {
	from    string   // directory, "internal/services/" for every object package
	denied  []string // directories (prefixes when they end in "/")
	why     string
	nonTest bool // the rule applies to non-test files only
}

var rules = []importRule{
	{from: "internal/services/", denied: []string{"internal/services/", "internal/provider"},
		why: "an object package imports no other object package and not the provider: shared code belongs in internal/framework"},
	{from: "internal/services/", denied: []string{"internal/acctest", "internal/testutil"}, nonTest: true,
		why: "shipped code imports no test helpers"},
	{from: "internal/framework/", denied: []string{"internal/services/", "internal/provider", "internal/acctest", "internal/testutil"},
		why: "the plumbing knows no object package and not the provider"},
	{from: "internal/client/", denied: []string{"internal/services/", "internal/provider", "internal/framework/", "internal/validators", "internal/acctest"},
		why: "the client is below the provider: it knows nothing of Terraform"},
	{from: "internal/client/", denied: []string{"internal/sandbox/"}, nonTest: true,
		why: "the client knows the API, not the sandbox (its tests may run against it)"},
	{from: "internal/validators/", denied: []string{"internal/services/", "internal/provider", "internal/framework/", "internal/acctest"},
		why: "validators are leaves used by the schemas"},
	{from: "internal/functions/", denied: []string{"internal/services/", "internal/provider", "internal/framework/", "internal/client/"},
		why: "provider functions are pure: no API, no object package"},
	{from: "internal/sandbox/", denied: []string{"internal/services/", "internal/provider", "internal/framework/", "internal/validators", "internal/functions"},
		why: "the sandbox is the test oracle: it follows the API reference, never the provider's code"},
	{from: "internal/sandbox/", denied: []string{"internal/client/"}, nonTest: true,
		why: "the sandbox is the test oracle: it follows the API reference, never the provider's client (its contract tests may drive the client against it)"},
	{from: "internal/testutil/", denied: []string{"internal/services/", "internal/provider", "internal/framework/", "internal/acctest"},
		why: "testutil must stay importable by the unit tests of any package"},
}

// TestImportRules reads the imports of every Go file under internal/ and
// fails on any import a rule denies, naming the file and the rule.
func TestImportRules(t *testing.T) {
	root := filepath.Join("..", "..")
	imports, err := projectImports(root)
	if err != nil {
		t.Fatal(err)
	}
	if len(imports) < 100 {
		t.Fatalf("read only %d files: is the test running from internal/architecture?", len(imports))
	}
	for _, v := range violations(imports) {
		t.Error(v)
	}
}

// TestRulesCatchABadImport proves the check can fail: an object package
// importing another one, and the plumbing importing an object package,
// are both reported.
func TestRulesCatchABadImport(t *testing.T) {
	bad := []goFile{
		{path: "internal/services/contacts/x.go", dir: "internal/services/contacts", imports: []string{"internal/services/merchant"}},
		{path: "internal/framework/x.go", dir: "internal/framework", imports: []string{"internal/services/contacts"}},
		{path: "internal/services/merchant/x.go", dir: "internal/services/merchant", imports: []string{"internal/acctest"}},
	}
	for _, f := range bad {
		if len(violations([]goFile{f})) == 0 {
			t.Errorf("%s importing %v is not reported", f.path, f.imports)
		}
	}
}

// violations lists each import of files that a rule denies, naming the
// file, the import and the rule.
func violations(files []goFile) []string {
	var out []string
	for _, f := range files {
		for _, r := range rules {
			if !under(f.dir, r.from) || (r.nonTest && f.test) {
				continue
			}
			for _, imp := range f.imports {
				for _, d := range r.denied {
					if under(imp, d) && !sameObjectPackage(f.dir, imp, d) {
						out = append(out, fmt.Sprintf("%s imports %s: %s", f.path, imp, r.why))
					}
				}
			}
		}
	}
	return out
}

type goFile struct {
	path, dir string
	test      bool
	imports   []string // project directories
}

func projectImports(root string) ([]goFile, error) {
	var out []goFile
	fset := token.NewFileSet()
	err := filepath.WalkDir(filepath.Join(root, "internal"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") {
			return err
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		f, err := parser.ParseFile(fset, p, src, parser.ImportsOnly)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		g := goFile{path: rel, dir: filepath.ToSlash(filepath.Dir(rel)), test: strings.HasSuffix(p, "_test.go")}
		for _, im := range f.Imports {
			ip, _ := strconv.Unquote(im.Path.Value)
			if strings.HasPrefix(ip, module) {
				g.imports = append(g.imports, strings.TrimPrefix(ip, module))
			}
		}
		out = append(out, g)
		return nil
	})
	return out, err
}

// under reports whether dir is d, or below d when d ends in "/".
func under(dir, d string) bool {
	if strings.HasSuffix(d, "/") {
		return strings.HasPrefix(dir+"/", d)
	}
	return dir == d
}

// sameObjectPackage: an object package's files (and its external tests)
// may import the package itself.
func sameObjectPackage(dir, imp, denied string) bool {
	return denied == "internal/services/" && dir == imp
}
