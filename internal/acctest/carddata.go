package acctest

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// cardSecret is a piece of card or bank data and the patterns that find
// it in any file: the bare value for long numbers, which cannot occur by
// chance; for a short value such as a CVV, only its encodings as a value
// (a JSON or HCL string, a msgpack string as in plan files' variables) or
// next to its field name.
type CardSecret struct {
	Name     string
	literals [][]byte
	patterns []*regexp.Regexp
}

// count is how many times the secret occurs in data.
func (c CardSecret) count(data []byte) int {
	n := 0
	for _, l := range c.literals {
		n += bytes.Count(data, l)
	}
	for _, re := range c.patterns {
		n += len(re.FindAllIndex(data, -1))
	}
	return n
}

func CardSecretLong(name, value string) CardSecret {
	return CardSecret{Name: name, literals: [][]byte{[]byte(value)}}
}

func CardSecretShort(name, field, value string) CardSecret {
	if len(value) > 31 {
		panic("msgpack fixstr holds at most 31 bytes")
	}
	return CardSecret{
		Name: name,
		literals: [][]byte{
			[]byte(`"` + value + `"`),
			append([]byte{0xa0 | byte(len(value))}, value...), // msgpack fixstr
		},
		patterns: []*regexp.Regexp{regexp.MustCompile(`(?i)` + regexp.QuoteMeta(field) + `[^"0-9A-Za-z]{1,12}` + regexp.QuoteMeta(value))},
	}
}

// cardScan is the result of scanning files for card data: how many files
// were read, and the hits as "file: secret" lines.
type CardScan struct {
	Files int
	Hits  []string
}

func (s *CardScan) Scan(name string, data []byte, secrets []CardSecret) {
	s.Files++
	for _, sec := range secrets {
		for range sec.count(data) {
			s.Hits = append(s.Hits, name+": "+sec.Name)
		}
	}
}

// scanZip scans every file in a zip archive (a saved plan file) and the
// archive itself.
func (s *CardScan) scanZip(t *testing.T, name string, data []byte, secrets []CardSecret) {
	t.Helper()
	s.Scan(name, data, secrets)
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("%s is not a zip archive: %v", name, err)
	}
	if len(zr.File) < 3 {
		t.Fatalf("%s holds %d files: not a plan file, the scan would prove nothing", name, len(zr.File))
	}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(io.LimitReader(rc, 64<<20))
		_ = rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		s.Scan(name+"!"+f.Name, b, secrets)
	}
}

// scanDir scans every regular file under dir; zip archives (plan files)
// are also opened and scanned file by file.
func (s *CardScan) ScanDir(t *testing.T, dir string, secrets []CardSecret) {
	t.Helper()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !d.Type().IsRegular() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if bytes.HasPrefix(b, []byte("PK\x03\x04")) {
			s.scanZip(t, rel, b, secrets)
			return nil
		}
		s.Scan(rel, b, secrets)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// summary is the hits grouped, for a report.
func (s *CardScan) Summary() string {
	counts := map[string]int{}
	for _, h := range s.Hits {
		counts[h]++
	}
	lines := make([]string, 0, len(counts))
	for h, n := range counts {
		lines = append(lines, fmt.Sprintf("%s (x%d)", h, n))
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}
