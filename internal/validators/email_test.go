package validators

import "testing"

func TestCheckEmail(t *testing.T) {
	runCheckCases(t, CheckEmail, []checkCase{
		{"admin@example.com", ""},
		{"first.last+tag@sub.example.co.uk", ""},
		{"admin@localhost", "not an email address"},
		{"Admin <admin@example.com>", "not an email address"},
		{"admin@@example.com", "not an email address"},
		{"admin example.com", "not an email address"},
		{"admin @example.com", "not an email address"},
		{"@example.com", "not an email address"},
		{"admin@example.", "not an email address"},
		{"", "not an email address"},
	})
}
