package sandbox

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// strSpec describes a string property: length bounds in characters (max 0 =
// unbounded), whether it is required (cannot be cleared), and an optional
// format check.
type strSpec struct {
	key      string
	min, max int
	required bool
	check    func(ctx, v string) []Message
}

// setStr applies a string property with PATCH semantics: absent leaves *dst
// as is; null or "" clears an optional property (a required one is
// reported: not_null / not_blank); any other value is validated and stored.
// Returns true when the key was present (even if invalid).
func (c *reader) setStr(sp strSpec, dst *string) bool {
	v, fl := c.str(sp.key)
	ctx := c.ctx(sp.key)
	switch {
	case !fl.present:
		return false
	case fl.null:
		if sp.required {
			c.add(invalidData(ctx, subNotNull, ctx+" is required and cannot be null"))
			return true
		}
		*dst = ""
	case !fl.ok:
	case v == "" && sp.min == 0 && !sp.required:
		*dst = ""
	case isBlank(v) && (sp.required || sp.min > 0):
		c.add(invalidData(ctx, subNotBlank, ctx+" cannot be blank"))
	default:
		if ms := checkLength(ctx, v, sp.min, sp.max); ms != nil {
			c.add(ms...)
			return true
		}
		if sp.check != nil {
			if ms := sp.check(ctx, v); ms != nil {
				c.add(ms...)
				return true
			}
		}
		*dst = v
	}
	return true
}

// checkLength reports a value outside minLen..maxLen characters (maxLen 0 =
// no upper bound) with the documented invalid_length sub_code.
func checkLength(ctx, v string, minLen, maxLen int) []Message {
	n := utf8.RuneCountInString(v)
	switch {
	case maxLen > 0 && n > maxLen && minLen > 0:
		return []Message{invalidData(ctx, subInvalidLength, fmt.Sprintf("%s must be %d-%d characters long, got %d", ctx, minLen, maxLen, n))}
	case maxLen > 0 && n > maxLen:
		return []Message{invalidData(ctx, subInvalidLength, fmt.Sprintf("%s must be no more than %d characters long, got %d", ctx, maxLen, n))}
	case n < minLen:
		return []Message{invalidData(ctx, subInvalidLength, fmt.Sprintf("%s must be %d-%d characters long, got %d", ctx, minLen, maxLen, n))}
	}
	return nil
}

// dataKeys returns the keys of a nested-list item other than the ones the
// API ignores in requests (id, type, created, modified, messages).
func dataKeys(obj jsonObject) []string {
	var keys []string
	for k := range obj {
		switch k {
		case "id", "type", "created", "modified", "messages":
		default:
			keys = append(keys, k)
		}
	}
	return keys
}

// maskAllButLast4 masks every character but the last four, as the Contact
// API and the token examples show card numbers ("************4242").
func maskAllButLast4(n string) string {
	if len(n) <= 4 {
		return strings.Repeat("*", len(n))
	}
	return strings.Repeat("*", len(n)-4) + n[len(n)-4:]
}
