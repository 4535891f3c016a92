package client

import (
	"encoding/json"
	"strconv"
	"strings"
)

// FlexBool decodes a JSON boolean that the API sometimes sends as a string
// (gateway credentials document `"trust_account": "false"`).
type FlexBool bool

func (b *FlexBool) UnmarshalJSON(data []byte) error {
	s := strings.Trim(strings.TrimSpace(string(data)), `"`)
	if s == "" || s == "null" {
		*b = false
		return nil
	}
	v, err := strconv.ParseBool(s)
	if err != nil {
		return err
	}
	*b = FlexBool(v)
	return nil
}

// MarshalJSON writes a plain JSON boolean.
func (b FlexBool) MarshalJSON() ([]byte, error) { return json.Marshal(bool(b)) }

// SplitList splits one of the API's comma-delimited list strings
// ("US,CA"), trimming blanks and dropping empty items.
func SplitList(s string) []string {
	if strings.TrimSpace(s) == "" {
		return []string{}
	}
	parts := strings.Split(s, ",")
	out := make([]string, 0, len(parts))
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// JoinList is the inverse of SplitList.
func JoinList(items []string) string { return strings.Join(items, ",") }

// String returns a pointer to s, for the optional fields of update requests.
func String(s string) *string { return &s }

// Bool returns a pointer to b.
func Bool(b bool) *bool { return &b }
