package validators

import (
	"fmt"
	"time"
	_ "time/tzdata" // the IANA database is embedded so validation does not depend on the host

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// CheckTimezone returns the problem with s as an IANA time zone ID, or "".
// "Local" and "" are refused: they are not zone IDs.
func CheckTimezone(s string) string {
	if s != "" && s != "Local" {
		if _, err := time.LoadLocation(s); err == nil {
			return ""
		}
	}
	return fmt.Sprintf("%q is not an IANA time zone ID such as \"America/New_York\" or \"America/Chicago\" (names are case-sensitive)", s)
}

// IANATimezone validates an IANA time zone ID (America/New_York).
func IANATimezone() validator.String {
	return NewString("an IANA time zone ID such as `America/New_York`", CheckTimezone)
}
