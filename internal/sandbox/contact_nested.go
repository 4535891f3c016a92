package sandbox

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/sandbox/schedule"
)

// Nested contact lists (email_addresses, phone_numbers, addresses).
//
// Reference, Update Contact: "Any parameters that you do not specify in the
// PATCH will be left as-is", with examples that add an item (sent without an
// id), update one (sent with its id and the changed properties) and delete
// one (sent with only its id). Items not mentioned in the request stay as
// they are, with their IDs. Readings chosen here:
//   - an item with an id and no other property except the ignored ones
//     (type, created, modified, messages) is removed;
//   - an item with an id and other properties is updated; properties it
//     leaves out keep their values (the same PATCH rule one level down);
//   - an unknown id, or the same id twice, is invalid_data at
//     "<list>[i].id";
//   - a list sent as null or [] changes nothing (it is a list of
//     operations); on create, ids in items are ignored ("ignored in request");
//   - "A contact is limited to 5": more than 5 after the operations is
//     invalid_data exceeds_maximum_value at "<list>";
//   - preferred: at most one item per list. Two items sent with
//     preferred=true in one request is invalid_data at the second
//     "<list>[i].preferred"; one item sent with preferred=true demotes the
//     list's previously preferred item (like making an account primary).
//     Zero preferred items is allowed (preferred_email then falls back).

// maxNestedItems: "A contact is limited to 5 addresses/phone numbers/email addresses".
const maxNestedItems = 5

// nestedSpec describes one nested list kind.
type nestedSpec[T any] struct {
	key    string // JSON key, e.g. "email_addresses"
	prefix string // ID prefix, e.g. "eml_"
	// apply sets the properties present in the item (PATCH semantics),
	// reporting invalid values in c.messages() with contexts under c.prefix.
	apply func(it *T, c *reader)
	// complete reports required properties still missing after apply.
	complete func(it *T, ctxPrefix string) []Message
	meta     func(it *T) *nestedMeta
}

// nestedMeta is the part every nested item has.
type nestedMeta struct {
	ID        string
	Created   auditTrace
	Modified  auditTrace
	Preferred bool
}

// applyNested applies one nested list of a create (patch=false) or PATCH
// request to existing and returns the new list (existing is not modified).
// New items get IDs only when the list has no errors.
func applyNested[T any](sp nestedSpec[T], raw json.RawMessage, present bool, existing []*T, patch bool, audit auditTrace, ids *idGen) ([]*T, []Message) {
	out := make([]*T, 0, len(existing))
	for _, it := range existing {
		cp := *it
		out = append(out, &cp)
	}
	if !present || raw == nil || string(raw) == "null" {
		return out, nil
	}
	var elems []json.RawMessage
	if err := json.Unmarshal(raw, &elems); err != nil {
		return out, []Message{invalidData(sp.key, subInvalid, sp.key+" must be an array of objects")}
	}

	var msgs []Message
	removed := map[string]bool{}
	seen := map[string]bool{}
	explicitPreferred := []int{} // request indices that set preferred=true
	var touched []*T             // items set preferred=true in this request
	before := map[*T]T{}
	for i, el := range elems {
		ctxPrefix := fmt.Sprintf("%s[%d].", sp.key, i)
		var obj jsonObject
		if err := json.Unmarshal(el, &obj); err != nil || obj == nil {
			msgs = append(msgs, invalidData(fmt.Sprintf("%s[%d]", sp.key, i), subInvalid, sp.key+" items must be JSON objects"))
			continue
		}
		c := newReader(obj, ctxPrefix)
		id, idf := c.str("id")
		var it *T
		if patch && idf.ok && id != "" {
			if seen[id] {
				msgs = append(msgs, invalidData(ctxPrefix+"id", subInvalid, fmt.Sprintf("%sid %q appears more than once in the request", ctxPrefix, id)))
				continue
			}
			seen[id] = true
			for _, cand := range out {
				if sp.meta(cand).ID == id {
					it = cand
					break
				}
			}
			if it == nil {
				msgs = append(msgs, invalidData(ctxPrefix+"id", subInvalid, fmt.Sprintf("%sid %q is not one of this contact's %s", ctxPrefix, id, sp.key)))
				continue
			}
			if len(dataKeys(obj)) == 0 {
				removed[id] = true
				continue
			}
			if _, ok := before[it]; !ok {
				before[it] = *it
			}
		} else {
			it = new(T)
			out = append(out, it)
		}
		sp.apply(it, c)
		msgs = append(msgs, c.messages()...)
		reported := map[string]bool{}
		for _, m := range c.messages() {
			reported[m.Context] = true
		}
		for _, m := range sp.complete(it, ctxPrefix) {
			if !reported[m.Context] { // a missing value, not an invalid one
				msgs = append(msgs, m)
			}
		}
		if p, fl := c.boolean("preferred"); fl.ok && p {
			explicitPreferred = append(explicitPreferred, i)
			touched = append(touched, it)
		}
	}

	// Drop removed items.
	kept := out[:0]
	for _, it := range out {
		if !removed[sp.meta(it).ID] || sp.meta(it).ID == "" {
			kept = append(kept, it)
		}
	}
	out = kept

	if len(explicitPreferred) > 1 {
		i := explicitPreferred[1]
		msgs = append(msgs, invalidData(fmt.Sprintf("%s[%d].preferred", sp.key, i), subInvalid,
			fmt.Sprintf("only one of %s can be preferred; %s[%d] is also set to preferred", sp.key, sp.key, explicitPreferred[0])))
	} else if len(touched) == 1 {
		for _, it := range out {
			if it != touched[0] && sp.meta(it).Preferred {
				if _, ok := before[it]; !ok {
					before[it] = *it
				}
				sp.meta(it).Preferred = false
			}
		}
	}
	if len(out) > maxNestedItems {
		msgs = append(msgs, invalidData(sp.key, subExceedsMaximum,
			fmt.Sprintf("a contact is limited to %d %s, got %d", maxNestedItems, sp.key, len(out))))
	}
	if len(msgs) > 0 {
		return out, msgs
	}
	for _, it := range out {
		m := sp.meta(it)
		if m.ID == "" {
			m.ID = ids.prefixed(sp.prefix)
			m.Created, m.Modified = audit, audit
			continue
		}
		if old, ok := before[it]; ok && !nestedEqual(sp, &old, it) {
			m.Modified = audit
		}
	}
	return out, nil
}

// nestedEqual compares two items ignoring their audit traces.
func nestedEqual[T any](sp nestedSpec[T], a, b *T) bool {
	ca, cb := *a, *b
	ma, mb := sp.meta(&ca), sp.meta(&cb)
	ma.Created, ma.Modified, mb.Created, mb.Modified = auditTrace{}, auditTrace{}, auditTrace{}, auditTrace{}
	ja, _ := json.Marshal(ca)
	jb, _ := json.Marshal(cb)
	return string(ja) == string(jb)
}

// emailAddress is an EmailAddress (ID prefix eml_).
type emailAddress struct {
	nestedMeta
	Address string
}

// phoneNumber is a PhoneNumber (ID prefix phn_).
type phoneNumber struct {
	nestedMeta
	Number    string
	Extension string
}

// postalAddress is an Address (ID prefix addr_).
type postalAddress struct {
	nestedMeta
	Line1, Line2, City, StateOrProvince, PostalCode, CountryCode string
}

func applyPreferred(m *nestedMeta, c *reader) {
	p, fl := c.boolean("preferred")
	switch {
	case fl.null:
		m.Preferred = false // "The default value is false"
	case fl.ok:
		m.Preferred = p
	}
}

// checkPhoneNumber: "The length must be 5-15 characters." Read as digits
// with an optional leading '+' (the field is a phone number; separators
// would make the 15-character limit meaningless).
func checkPhoneNumber(ctx, v string) []Message {
	digits := strings.TrimPrefix(v, "+")
	if digits == "" {
		return []Message{invalidData(ctx, subInvalid, fmt.Sprintf("%s must contain digits, got %q", ctx, v))}
	}
	if !schedule.AllDigits(digits) {
		return []Message{invalidData(ctx, subInvalid, fmt.Sprintf("%s must contain only digits (optionally with a leading +), got %q", ctx, v))}
	}
	return nil
}

// checkAddressPostalCode: "The length must be 1-10 characters. The value
// must match the pattern ^[0-9A-Za-z -]+$" (checked here; length by strSpec).
func checkAddressPostalCode(ctx, v string) []Message {
	for _, ch := range v {
		ok := ch >= '0' && ch <= '9' || ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' || ch == ' ' || ch == '-'
		if !ok {
			return []Message{invalidData(ctx, subInvalid, fmt.Sprintf("%s must match ^[0-9A-Za-z -]+$, got %q", ctx, v))}
		}
	}
	return nil
}

func required(ctx string, v string) []Message {
	if v == "" {
		return []Message{invalidData(ctx, subNotNull, ctx+" is required")}
	}
	return nil
}

var emailSpec = nestedSpec[emailAddress]{
	key:    "email_addresses",
	prefix: "eml_",
	meta:   func(it *emailAddress) *nestedMeta { return &it.nestedMeta },
	apply: func(it *emailAddress, c *reader) {
		// "The length must be 1-254 characters. (required)"
		c.setStr(strSpec{key: "address", min: 1, max: 254, required: true, check: checkEmail}, &it.Address)
		applyPreferred(&it.nestedMeta, c)
	},
	complete: func(it *emailAddress, p string) []Message { return required(p+"address", it.Address) },
}

var phoneSpec = nestedSpec[phoneNumber]{
	key:    "phone_numbers",
	prefix: "phn_",
	meta:   func(it *phoneNumber) *nestedMeta { return &it.nestedMeta },
	apply: func(it *phoneNumber, c *reader) {
		// number: "The length must be 5-15 characters. (required)";
		// extension: "no more than 5 characters".
		c.setStr(strSpec{key: "number", min: 5, max: 15, required: true, check: checkPhoneNumber}, &it.Number)
		c.setStr(strSpec{key: "extension", max: 5}, &it.Extension)
		applyPreferred(&it.nestedMeta, c)
	},
	complete: func(it *phoneNumber, p string) []Message { return required(p+"number", it.Number) },
}

var addressSpec = nestedSpec[postalAddress]{
	key:    "addresses",
	prefix: "addr_",
	meta:   func(it *postalAddress) *nestedMeta { return &it.nestedMeta },
	apply: func(it *postalAddress, c *reader) {
		c.setStr(strSpec{key: "line1", min: 1, max: 64, required: true}, &it.Line1)
		c.setStr(strSpec{key: "line2", max: 64}, &it.Line2)
		c.setStr(strSpec{key: "city", min: 1, max: 64, required: true}, &it.City)
		c.setStr(strSpec{key: "state_or_province", max: 64}, &it.StateOrProvince)
		c.setStr(strSpec{key: "postal_code", min: 1, max: 10, check: checkAddressPostalCode}, &it.PostalCode)
		c.setStr(strSpec{key: "country_code", min: 2, max: 2, required: true, check: checkCountry}, &it.CountryCode)
		applyPreferred(&it.nestedMeta, c)
	},
	complete: func(it *postalAddress, p string) []Message {
		var ms []Message
		ms = append(ms, required(p+"line1", it.Line1)...)
		ms = append(ms, required(p+"city", it.City)...)
		ms = append(ms, required(p+"country_code", it.CountryCode)...)
		// "For the US and Canada, the 2-letter state or province code."
		if it.StateOrProvince != "" && it.CountryCode != "" {
			ms = append(ms, checkState(p+"state_or_province", it.StateOrProvince, it.CountryCode)...)
		}
		return ms
	},
}

type emailJSON struct {
	ID        string         `json:"id"`
	Created   auditTraceJSON `json:"created"`
	Modified  auditTraceJSON `json:"modified"`
	Address   string         `json:"address"`
	Preferred bool           `json:"preferred"`
	Type      string         `json:"type"`
}

type phoneJSON struct {
	ID        string         `json:"id"`
	Created   auditTraceJSON `json:"created"`
	Modified  auditTraceJSON `json:"modified"`
	Number    string         `json:"number"`
	Extension string         `json:"extension,omitempty"`
	Preferred bool           `json:"preferred"`
	Type      string         `json:"type"`
}

type addressJSON struct {
	ID              string          `json:"id,omitempty"`
	Created         *auditTraceJSON `json:"created,omitempty"`
	Modified        *auditTraceJSON `json:"modified,omitempty"`
	Line1           string          `json:"line1,omitempty"`
	Line2           string          `json:"line2,omitempty"`
	City            string          `json:"city,omitempty"`
	StateOrProvince string          `json:"state_or_province,omitempty"`
	PostalCode      string          `json:"postal_code,omitempty"`
	CountryCode     string          `json:"country_code,omitempty"`
	Preferred       bool            `json:"preferred"`
	Type            string          `json:"type"`
}

func (e *emailAddress) toJSON() emailJSON {
	return emailJSON{ID: e.ID, Created: e.Created.toJSON(), Modified: e.Modified.toJSON(),
		Address: e.Address, Preferred: e.Preferred, Type: "email_address"}
}

func (p *phoneNumber) toJSON() phoneJSON {
	return phoneJSON{ID: p.ID, Created: p.Created.toJSON(), Modified: p.Modified.toJSON(),
		Number: p.Number, Extension: p.Extension, Preferred: p.Preferred, Type: "phone_number"}
}

func (a *postalAddress) toJSON() addressJSON {
	c, m := a.Created.toJSON(), a.Modified.toJSON()
	return addressJSON{ID: a.ID, Created: &c, Modified: &m, Line1: a.Line1, Line2: a.Line2, City: a.City,
		StateOrProvince: a.StateOrProvince, PostalCode: a.PostalCode, CountryCode: a.CountryCode,
		Preferred: a.Preferred, Type: "address"}
}
