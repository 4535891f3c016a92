package sandbox

// Recurring charges: reading and validating request bodies (amount,
// currency, schedule, limits, inline method).

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/sandbox/schedule"
)

// rcReadSchedule reads the "schedule" object into *sc. merge (PATCH):
// absent keys keep their values; otherwise sc starts empty and start,
// interval_unit and interval_delay are required. reported collects the
// contexts already reported, whose schedule.Validate problems are dropped.
func rcReadSchedule(r *reader, sc *schedule.Schedule, merge bool, reported map[string]bool) {
	if !r.has("schedule") && merge {
		return
	}
	o, ok := r.object("schedule")
	if !ok {
		if r.has("schedule") && !r.isNull("schedule") {
			reported["schedule"] = true // wrong type, reported by object
			return
		}
		r.addf("schedule", subNotNull, "schedule is required")
		reported["schedule"] = true
		return
	}
	if !merge {
		*sc = schedule.Schedule{}
	}
	c := r.child("schedule", o)
	required := func(key string) bool {
		if c.isNull(key) || (!c.has(key) && !merge) {
			c.addf(key, subNotNull, key+" is required")
			reported["schedule."+key] = true
			return false
		}
		return c.has(key)
	}
	if required("start") {
		if v, ok := c.text("start"); ok {
			sc.Start = strings.TrimSpace(v)
		} else {
			reported["schedule.start"] = true
		}
	}
	if required("interval_unit") {
		if v, ok := c.text("interval_unit"); ok {
			sc.IntervalUnit = strings.TrimSpace(v)
		} else {
			reported["schedule.interval_unit"] = true
		}
	}
	if required("interval_delay") {
		if v, ok := c.integer("interval_delay"); ok {
			if v > 1<<31 {
				v = 1 << 31 // beyond any date range; keeps int arithmetic safe
			}
			sc.IntervalDelay = int(v)
		} else {
			reported["schedule.interval_delay"] = true
		}
	}
	if c.has("end") {
		if c.isNull("end") {
			sc.End = ""
		} else if v, ok := c.text("end"); ok {
			sc.End = strings.TrimSpace(v)
		} else {
			reported["schedule.end"] = true
		}
	}
	if c.has("days") {
		sc.Days = nil
		if !c.isNull("days") {
			var raw []json.RawMessage
			if err := json.Unmarshal(o["days"], &raw); err != nil {
				c.addf("days", subInvalid, "days must be an array of strings")
				reported["schedule.days"] = true
			} else {
				for _, e := range raw {
					var sv string
					var nv json.Number
					switch {
					case json.Unmarshal(e, &sv) == nil:
						sc.Days = append(sc.Days, sv)
					case json.Unmarshal(e, &nv) == nil:
						// Lenient like numeric strings elsewhere: 5 means "5".
						sc.Days = append(sc.Days, nv.String())
					default:
						c.addf("days", subInvalid, "days must be an array of strings")
						reported["schedule.days"] = true
					}
				}
			}
		}
	}
}

// rcReadLimit reads max_occurrences or max_amount: null clears, absent keeps.
func rcReadLimit(r *reader, key string) (v int64, set, cleared bool) {
	if !r.has(key) {
		return 0, false, false
	}
	if r.isNull(key) {
		return 0, false, true
	}
	n, ok := r.integer(key)
	return n, ok, false
}

// rcValidate runs schedule.Validate and converts its problems to
// messages, dropping those for contexts already reported.
func rcValidate(sc schedule.Schedule, l schedule.Limits, reported map[string]bool) []Message {
	var msgs []Message
	for _, p := range schedule.Validate(sc, l) {
		if reported[p.Context] || (reported["schedule"] && strings.HasPrefix(p.Context, "schedule.")) {
			continue
		}
		msgs = append(msgs, invalidData(p.Context, p.SubCode, p.Message))
	}
	return msgs
}

// rcNormalize rewrites yyyy-m-d dates as yyyy-mm-dd (after validation).
func rcNormalize(sc *schedule.Schedule) {
	if d, err := schedule.NormalizeDate(sc.Start); err == nil {
		sc.Start = d
	}
	if sc.End != "" {
		if d, err := schedule.NormalizeDate(sc.End); err == nil {
			sc.End = d
		}
	}
}

// rcMethodInput is the `method` of a create/update request.
type rcMethodInput struct {
	present bool
	id      string     // a method ID to resolve
	details *cbDetails // inline or patched details
	codes   []Message  // non-field errors of inline details (card_number_invalid, card_expired)
}

// rcReadMethod reads `method`: an ID string, full card/bank details, or (PATCH,
// current != nil) a partial update of the current details.
func rcReadMethod(r *reader, current *cbDetails, today time.Time) rcMethodInput {
	in := rcMethodInput{present: r.has("method") && !r.isNull("method")}
	if !in.present {
		return in
	}
	raw := bytes.TrimSpace(r.obj["method"])
	if len(raw) > 0 && raw[0] == '"' {
		id, _ := r.text("method")
		if isBlank(id) {
			r.addf("method", subNotBlank, "method cannot be blank")
		}
		in.id = strings.TrimSpace(id)
		return in
	}
	o, ok := r.object("method")
	if !ok {
		return in
	}
	c := r.child("method", o)
	typ, ok := c.text("type")
	if !ok {
		if !c.has("type") || c.isNull("type") {
			c.addf("type", subNotNull, "method.type is required (card or bank)")
		}
		return in
	}
	if typ != "card" && typ != "bank" {
		c.addf("type", subInvalid, "method.type must be card or bank")
		return in
	}
	full := current == nil || (typ == "card" && c.has("number")) || (typ == "bank" && c.has("account_number"))
	if full {
		var d cbDetails
		if typ == "card" {
			d, in.codes = cbParseCard(c, today)
		} else {
			d = cbParseBank(c)
		}
		in.details = &d
		return in
	}
	if current.Type != typ {
		c.addf("type", subInvalid, fmt.Sprintf("the recurring charge's method is a %s; to switch to a %s send complete details or a payment method ID", current.Type, typ))
		return in
	}
	d := *current
	if typ == "card" {
		m, y := cbReadExpiry(c, false)
		if m != 0 {
			d.ExpMonth = m
		}
		if y != 0 {
			d.ExpYear = y
		}
		c.optText("name", 255, &d.Name, nil)
	} else {
		if c.has("routing_number") {
			c.addf("routing_number", subInvalid, "routing_number can only change together with account_number")
		}
		if at, ok := c.text("account_type"); ok {
			if at != "CHECKING" && at != "SAVINGS" {
				c.addf("account_type", subInvalid, "account_type must be CHECKING or SAVINGS")
			} else {
				d.AccountType = at
			}
		}
		cbReadHolder(c, &d, true)
	}
	cbReadContact(c, &d)
	in.details = &d
	return in
}

// rcReadFields applies the body's scalar fields to cand and reads the
// schedule. put: whole-object semantics; create: creation semantics.
func rcReadFields(r *reader, cand *recurringCharge, create, put bool, reported map[string]bool) {
	replace := create || put
	if r.has("amount") || replace {
		if r.isNull("amount") || !r.has("amount") {
			r.addf("amount", subNotNull, "amount is required")
			reported["amount"] = true
		} else if v, ok := r.integer("amount"); ok {
			cand.Amount = v
		} else {
			reported["amount"] = true
		}
	}
	if r.has("currency") {
		if r.isNull("currency") {
			cand.Currency = "USD"
		} else if v, ok := r.text("currency"); ok {
			v = strings.TrimSpace(v)
			if ms := checkCurrencyCode(r.ctx("currency"), v); ms != nil {
				r.add(ms...)
			} else {
				cand.Currency = v
			}
		}
	} else if replace {
		cand.Currency = "USD" // "optional, defaults to USD"
	}
	if put {
		cand.Description, cand.Reference, cand.MaxOccurrences, cand.MaxAmount, cand.Data = "", "", nil, nil, nil
	}
	r.optText("description", 0, &cand.Description, nil)
	// reference is "set on each Charge", whose reference is limited to 128.
	r.optText("reference", 128, &cand.Reference, nil)
	if v, set, cleared := rcReadLimit(r, "max_occurrences"); cleared {
		cand.MaxOccurrences = nil
	} else if set {
		if v > 1<<31 {
			v = 1 << 31
		}
		n := int(v)
		cand.MaxOccurrences = &n
	}
	if v, set, cleared := rcReadLimit(r, "max_amount"); cleared {
		cand.MaxAmount = nil
	} else if set {
		cand.MaxAmount = &v
	}
	if r.has("data") {
		if r.isNull("data") {
			cand.Data = nil
		} else if o, ok := r.object("data"); ok {
			b, _ := json.Marshal(o)
			cand.Data = b
		}
	}
	rcReadSchedule(r, &cand.Schedule, !replace, reported)
}
