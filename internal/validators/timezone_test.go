package validators

import "testing"

func TestCheckTimezone(t *testing.T) {
	runCheckCases(t, CheckTimezone, []checkCase{
		{"America/New_York", ""},
		{"America/Chicago", ""},
		{"Europe/London", ""},
		{"UTC", ""},
		{"Australia/Lord_Howe", ""},
		{"america/new_york", "not an IANA time zone ID"},
		{"Mars/Olympus_Mons", "not an IANA time zone ID"},
		{"EST5EDT ", "not an IANA"},
		{"Local", "not an IANA"},
		{"", "not an IANA"},
		{"../../etc/passwd", "not an IANA"},
	})
}
