package sandbox

import (
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"strings"
	"time"
	"unicode"
)

// contactsRoutes: the Contact API contacts endpoints (Bearer auth).
//
//	GET    /contacts                search (q, qf, order_by, page, page_size)
//	POST   /contacts                create (409 resource_exists on a duplicate source_id)
//	GET    /contacts/source-id      get by source_id (?source_id= or the example's ?id=)
//	GET    /contacts/{id}           get
//	PATCH  /contacts/{id}           update (nested-list semantics: contact_nested.go)
//	DELETE /contacts/{id}           delete (returns the contact; afterwards 404)
//
// Contacts carry their own test_mode flag (Bearer auth has no mode); both
// modes are listed by search unless filtered with qf=test_mode:true|false.
func (s *Server) contactsRoutes() {
	s.handle("GET /contacts", s.bearerAuth(s.searchContacts))
	s.handle("POST /contacts", s.bearerAuth(s.createContact))
	s.handle("GET /contacts/source-id", s.bearerAuth(s.getContactBySourceID))
	s.handle("GET /contacts/{id}", s.bearerAuth(s.getContact))
	s.handle("PATCH /contacts/{id}", s.bearerAuth(s.patchContact))
	s.handle("DELETE /contacts/{id}", s.bearerAuth(s.deleteContact))
}

// contactState is the Contact API state (contacts and their payment methods).
type contactState struct {
	ownerID        string // the merchant's organization (owner_id of every contact, payee_id of payment methods)
	partnerOwnerID string // owner_id of the merchant organization itself
	codeSeq        int    // last auto-assigned contact_code
	contacts       []*contact
	methods        []*paymentMethod
}

func seedContacts(ids *idGen) *contactState {
	return &contactState{ownerID: ids.prefixed("org_"), partnerOwnerID: ids.prefixed("org_")}
}

// auditTrace is an AuditTrace (created/modified of Contact API objects).
type auditTrace struct {
	User       string
	Timestamp  time.Time
	ClientID   string
	ClientInet string
	CallerInet string
}

type auditTraceJSON struct {
	User              string `json:"user"`
	Timestamp         string `json:"timestamp"`
	ClientID          string `json:"client_id,omitempty"`
	ClientInetAddress string `json:"client_inet_address,omitempty"`
	CallerInetAddress string `json:"caller_inet_address,omitempty"`
}

func (a auditTrace) toJSON() auditTraceJSON {
	return auditTraceJSON{User: a.User, Timestamp: formatTimestamp(a.Timestamp), ClientID: a.ClientID,
		ClientInetAddress: a.ClientInet, CallerInetAddress: a.CallerInet}
}

// auditLocked builds the AuditTrace of a change made by r now: the user is
// the merchant's contact email (the examples show the acting user's email or
// organization), client_id the OAuth client, addresses the caller's IP. The
// geolocation properties of the examples are omitted (the sandbox has none).
func (s *Server) auditLocked(r *http.Request) auditTrace {
	ip := r.RemoteAddr
	if h, _, err := net.SplitHostPort(ip); err == nil {
		ip = h
	}
	return auditTrace{User: s.st.merchant.ContactEmail, Timestamp: s.nowUTC(), ClientID: s.multi.creds.ClientID, ClientInet: ip, CallerInet: ip}
}

// contact is a Person (p_) or Organization (org_).
type contact struct {
	ID       string
	Type     string // person | organization
	Created  auditTrace
	Modified auditTrace
	Deleted  bool

	TestMode             bool
	SourceID             string
	ContactCode          string
	TimeZone             string
	PreferredCurrency    string
	InvoiceNumberPattern string
	Notes                string
	Name                 string // organization only (a person's name is computed)
	FirstName            string
	MiddleName           string
	LastName             string
	NamePrefix           string
	NameSuffix           string
	Emails               []*emailAddress
	Phones               []*phoneNumber
	Addresses            []*postalAddress
	Tags                 []string
}

func (c *contact) clone() *contact {
	cp := *c
	cp.Emails = cloneItems(c.Emails)
	cp.Phones = cloneItems(c.Phones)
	cp.Addresses = cloneItems(c.Addresses)
	cp.Tags = append([]string(nil), c.Tags...)
	return &cp
}

func cloneItems[T any](in []*T) []*T {
	out := make([]*T, len(in))
	for i, it := range in {
		cp := *it
		out[i] = &cp
	}
	return out
}

// personName is the computed name of a person: first, middle and last
// name and suffix (the 8am example "Ellen L Ripley" shows the prefix "Ms"
// left out).
func (c *contact) personName() string {
	return joinNonEmpty(c.FirstName, c.MiddleName, c.LastName, c.NameSuffix)
}

func joinNonEmpty(parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, " ")
}

func (c *contact) name() string {
	if c.Type == "person" {
		return c.personName()
	}
	return c.Name
}

// preferredEmail: "The preferred email of the user or a randomly selected
// one if none is preferred" (the sandbox picks the first).
func (c *contact) preferredEmail() string {
	for _, e := range c.Emails {
		if e.Preferred {
			return e.Address
		}
	}
	if len(c.Emails) > 0 {
		return c.Emails[0].Address
	}
	return ""
}

// displayName: the name if populated, else the preferred (or a) email
// address, else the contact's ID.
func (c *contact) displayName() string {
	if n := c.name(); n != "" {
		return n
	}
	if e := c.preferredEmail(); e != "" {
		return e
	}
	return c.ID
}

// sortName: "{last_name} {first_name} {middle_name} {name_suffix} for a
// person (omitting any value that doesn't exist in the contact), or {name}
// for an organization".
func (c *contact) sortName() string {
	if c.Type == "person" {
		return joinNonEmpty(c.LastName, c.FirstName, c.MiddleName, c.NameSuffix)
	}
	return c.Name
}

type ownerJSON struct {
	ID             string `json:"id"`
	TestMode       bool   `json:"test_mode"`
	OwnerID        string `json:"owner_id"`
	PreferredEmail string `json:"preferred_email,omitempty"`
	Name           string `json:"name"`
	SortName       string `json:"sort_name"`
	Type           string `json:"type"`
	DisplayName    string `json:"display_name"`
}

// contactJSON follows the property order of the documented examples.
type contactJSON struct {
	ID                   string         `json:"id"`
	Created              auditTraceJSON `json:"created"`
	Modified             auditTraceJSON `json:"modified"`
	Deleted              bool           `json:"deleted,omitempty"`
	TestMode             bool           `json:"test_mode"`
	Name                 string         `json:"name,omitempty"`
	SortName             string         `json:"sort_name,omitempty"`
	SourceID             string         `json:"source_id,omitempty"`
	PreferredEmail       string         `json:"preferred_email,omitempty"`
	ContactCode          string         `json:"contact_code,omitempty"`
	OwnerID              string         `json:"owner_id"`
	Owner                ownerJSON      `json:"owner"`
	TimeZone             string         `json:"time_zone,omitempty"`
	PreferredCurrency    string         `json:"preferred_currency,omitempty"`
	InvoiceNumberPattern string         `json:"invoice_number_pattern,omitempty"`
	Notes                string         `json:"notes,omitempty"`
	Addresses            []addressJSON  `json:"addresses,omitempty"`
	PhoneNumbers         []phoneJSON    `json:"phone_numbers,omitempty"`
	EmailAddresses       []emailJSON    `json:"email_addresses,omitempty"`
	Tags                 []string       `json:"tags,omitempty"`
	FirstName            string         `json:"first_name,omitempty"`
	MiddleName           string         `json:"middle_name,omitempty"`
	LastName             string         `json:"last_name,omitempty"`
	NamePrefix           string         `json:"name_prefix,omitempty"`
	NameSuffix           string         `json:"name_suffix,omitempty"`
	DisplayName          string         `json:"display_name"`
	Type                 string         `json:"type"`
}

func (s *Server) contactJSONLocked(c *contact) contactJSON {
	cs := s.st.contactAPI
	m := s.st.merchant
	j := contactJSON{
		ID: c.ID, Created: c.Created.toJSON(), Modified: c.Modified.toJSON(), Deleted: c.Deleted,
		TestMode: c.TestMode, Name: c.name(), SortName: c.sortName(), SourceID: c.SourceID,
		PreferredEmail: c.preferredEmail(), ContactCode: c.ContactCode, OwnerID: cs.ownerID,
		Owner: ownerJSON{ID: cs.ownerID, OwnerID: cs.partnerOwnerID, PreferredEmail: m.ContactEmail,
			Name: m.Name, SortName: m.Name, Type: "organization", DisplayName: m.Name},
		TimeZone: c.TimeZone, PreferredCurrency: c.PreferredCurrency, InvoiceNumberPattern: c.InvoiceNumberPattern,
		Notes: c.Notes, Tags: c.Tags,
		FirstName: c.FirstName, MiddleName: c.MiddleName, LastName: c.LastName,
		NamePrefix: c.NamePrefix, NameSuffix: c.NameSuffix,
		DisplayName: c.displayName(), Type: c.Type,
	}
	for _, a := range c.Addresses {
		j.Addresses = append(j.Addresses, a.toJSON())
	}
	for _, p := range c.Phones {
		j.PhoneNumbers = append(j.PhoneNumbers, p.toJSON())
	}
	for _, e := range c.Emails {
		j.EmailAddresses = append(j.EmailAddresses, e.toJSON())
	}
	return j
}

// Lookups (s.mu held). Deleted contacts are never found.

func (st *state) contact(id string) *contact {
	for _, c := range st.contactAPI.contacts {
		if c.ID == id && !c.Deleted {
			return c
		}
	}
	return nil
}

func (st *state) contactBySourceID(sourceID string) *contact {
	if sourceID == "" {
		return nil
	}
	for _, c := range st.contactAPI.contacts {
		if !c.Deleted && c.SourceID == sourceID {
			return c
		}
	}
	return nil
}

// ContactCount returns the number of contacts that are not deleted.
func (s *Server) ContactCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, c := range s.st.contactAPI.contacts {
		if !c.Deleted {
			n++
		}
	}
	return n
}

// ContactsBySourceID returns how many contacts that are not deleted have
// the given source_id (0 or 1 unless the uniqueness rule is broken; tests
// use it to prove a retried create did not duplicate a contact).
func (s *Server) ContactsBySourceID(sourceID string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, c := range s.st.contactAPI.contacts {
		if !c.Deleted && c.SourceID == sourceID {
			n++
		}
	}
	return n
}

// Field rules (Person/Organization object types).

// maxSourceIDLength: the reference gives "maximum length is 255 characters"
// for every source_id it bounds.
const maxSourceIDLength = 255

// checkSourceID: the reference asks for an RFC 4151 (tag:), RFC 8141 (urn:)
// or RFC 4122 (UUID) identifier but recommends "partnername:id" (which is
// none of them strictly). Accepted: "scheme:rest" where the scheme is a
// letter followed by letters, digits, '+', '-' or '.', and rest is
// non-empty without white space; or a bare UUID (8-4-4-4-12 hex digits).
func checkSourceID(ctx, v string) []Message {
	if isSchemeID(v) || isUUID(v) {
		return nil
	}
	return []Message{invalidData(ctx, subInvalid, fmt.Sprintf("%s must be a URI-based identifier such as MyPartner:contact-12345 (RFC 4151, RFC 8141 or an RFC 4122 UUID), got %q", ctx, v))}
}

func isSchemeID(v string) bool {
	scheme, rest, found := strings.Cut(v, ":")
	if !found || scheme == "" || rest == "" || strings.IndexFunc(rest, unicode.IsSpace) >= 0 {
		return false
	}
	for i, c := range scheme {
		letter := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
		digit := c >= '0' && c <= '9'
		if i == 0 && !letter || !letter && !digit && !strings.ContainsRune("+-.", c) {
			return false
		}
	}
	return true
}

func isUUID(v string) bool {
	groups := strings.Split(v, "-")
	if len(groups) != 5 {
		return false
	}
	for i, want := range []int{8, 4, 4, 4, 12} {
		if len(groups[i]) != want {
			return false
		}
		for _, c := range groups[i] {
			if !strings.ContainsRune("0123456789abcdefABCDEF", c) {
				return false
			}
		}
	}
	return true
}

func checkTimeZoneField(ctx, v string) []Message { return checkTimezone(ctx, v) }

// contactStrFields are the contact's scalar string properties, with the
// documented limits. Person-only fields are skipped for organizations.
func contactStrFields(c *contact) []struct {
	sp         strSpec
	dst        *string
	personOnly bool
	orgOnly    bool
} {
	return []struct {
		sp         strSpec
		dst        *string
		personOnly bool
		orgOnly    bool
	}{
		{strSpec{key: "first_name", max: 64}, &c.FirstName, true, false},
		{strSpec{key: "middle_name", max: 64}, &c.MiddleName, true, false},
		{strSpec{key: "last_name", max: 64}, &c.LastName, true, false},
		{strSpec{key: "name_prefix", max: 20}, &c.NamePrefix, true, false},
		{strSpec{key: "name_suffix", max: 20}, &c.NameSuffix, true, false},
		// Organization name: no documented length limit. For a person,
		// name is computed from the name parts; a name sent for a person
		// is ignored.
		{strSpec{key: "name"}, &c.Name, false, true},
		{strSpec{key: "source_id", min: 1, max: maxSourceIDLength, check: checkSourceID}, &c.SourceID, false, false},
		{strSpec{key: "contact_code", min: 1, max: 10}, &c.ContactCode, false, false},
		{strSpec{key: "time_zone", max: 64, check: checkTimeZoneField}, &c.TimeZone, false, false},
		{strSpec{key: "preferred_currency", max: 3, check: checkCurrencyCode}, &c.PreferredCurrency, false, false},
		{strSpec{key: "invoice_number_pattern"}, &c.InvoiceNumberPattern, false, false},
		{strSpec{key: "notes", max: 1024}, &c.Notes, false, false},
	}
}

// applyContactBody applies a create (patch=false) or PATCH body to cand and
// returns invalid_data messages. cand.Type must be set.
func (s *Server) applyContactBody(cand *contact, obj jsonObject, patch bool, audit auditTrace) []Message {
	c := newReader(obj, "")
	for _, f := range contactStrFields(cand) {
		if (f.personOnly && cand.Type != "person") || (f.orgOnly && cand.Type != "organization") {
			continue
		}
		// Optional properties: null clears; "" clears unless the property
		// has a 1-character minimum (source_id, contact_code: not_blank).
		c.setStr(f.sp, f.dst)
	}

	// tags: an array of strings, replaced as a whole (no IDs); null or []
	// removes all tags. Duplicates are dropped, order kept.
	if raw, fl := c.raw("tags"); fl.present {
		if fl.null {
			cand.Tags = nil
		} else {
			var tags []string
			if err := json.Unmarshal(raw, &tags); err != nil {
				c.add(invalidData("tags", subInvalid, "tags must be an array of strings"))
			} else {
				seen := map[string]bool{}
				var out []string
				for i, t := range tags {
					if isBlank(t) {
						c.add(invalidData(fmt.Sprintf("tags[%d]", i), subNotBlank, "tags cannot contain blank values"))
						continue
					}
					if !seen[t] {
						seen[t] = true
						out = append(out, t)
					}
				}
				cand.Tags = out
			}
		}
	}

	var ms []Message
	raw, fl := c.raw("email_addresses")
	cand.Emails, ms = applyNested(emailSpec, raw, fl.present, cand.Emails, patch, audit, s.ids)
	c.add(ms...)
	raw, fl = c.raw("phone_numbers")
	cand.Phones, ms = applyNested(phoneSpec, raw, fl.present, cand.Phones, patch, audit, s.ids)
	c.add(ms...)
	raw, fl = c.raw("addresses")
	cand.Addresses, ms = applyNested(addressSpec, raw, fl.present, cand.Addresses, patch, audit, s.ids)
	c.add(ms...)

	if len(c.messages()) == 0 {
		// Create Contact: "To create a Person, the request must include ...
		// at least one of the following fields: first_name, last_name, or
		// email_address. To create an Organization, ... name or
		// email_address." Enforced after every PATCH too.
		switch cand.Type {
		case "person":
			if cand.FirstName == "" && cand.LastName == "" && len(cand.Emails) == 0 {
				c.add(invalidData("first_name", subNotBlank, "A person must have a first_name, a last_name or an email address"))
			}
		case "organization":
			if cand.Name == "" && len(cand.Emails) == 0 {
				c.add(invalidData("name", subNotBlank, "An organization must have a name or an email address"))
			}
		}
	}
	return c.messages()
}

// resourceExists is the 409 for a duplicate source_id ("Attempts to create
// another ... with the same source_id will result in an HTTP 409 with error
// code resource_exists"). The context names the conflicting property.
func resourceExists(sourceID string) Message {
	m := errorMessage("resource_exists", fmt.Sprintf("A contact with source_id %q already exists", sourceID))
	m.Context = "source_id"
	return m
}

func (s *Server) createContact(w http.ResponseWriter, r *http.Request) {
	obj, ok := readJSONObject(w, r)
	if !ok {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()

	c := newReader(obj, "")
	typ, fl := c.str("type")
	cand := &contact{}
	switch {
	case !fl.present || fl.null:
		c.add(invalidData("type", subNotNull, "type is required: person or organization"))
	case !fl.ok:
	case typ != "person" && typ != "organization":
		c.add(invalidData("type", subInvalid, fmt.Sprintf("type must be person or organization, got %q", typ)))
	default:
		cand.Type = typ
	}
	if tm, fl := c.boolean("test_mode"); fl.ok {
		cand.TestMode = tm
	}
	audit := s.auditLocked(r)
	msgs := c.messages()
	if cand.Type != "" {
		msgs = append(msgs, s.applyContactBody(cand, obj, false, audit)...)
	}
	if len(msgs) > 0 {
		writeInvalid(w, msgs)
		return
	}
	if s.st.contactBySourceID(cand.SourceID) != nil {
		writeMessages(w, http.StatusConflict, resourceExists(cand.SourceID))
		return
	}
	prefix := "p_"
	if cand.Type == "organization" {
		prefix = "org_"
	}
	cand.ID = s.ids.prefixed(prefix)
	cand.Created, cand.Modified = audit, audit
	cs := s.st.contactAPI
	if cand.ContactCode == "" {
		// The examples show contact_code assigned ("0010") to contacts
		// created without one: a zero-padded per-merchant sequence.
		cs.codeSeq++
		cand.ContactCode = fmt.Sprintf("%04d", cs.codeSeq)
	}
	cs.contacts = append(cs.contacts, cand)
	writeJSON(w, http.StatusOK, s.contactJSONLocked(cand))
}

func (s *Server) getContact(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.st.contact(id)
	if c == nil {
		writeNotFound(w, "Contact", id)
		return
	}
	writeJSON(w, http.StatusOK, s.contactJSONLocked(c))
}

// getContactBySourceID: the reference's heading and curl use ?id=, its
// parameter table names source_id; both are accepted (source_id first).
// "The JSON for the Contact is returned, which does not include the
// source_id" (the source_id property is removed from this response).
func (s *Server) getContactBySourceID(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	sid := q.Get("source_id")
	if sid == "" {
		sid = q.Get("id")
	}
	if sid == "" {
		writeInvalid(w, []Message{invalidData("source_id", subNotBlank, "source_id query parameter is required")})
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.st.contactBySourceID(sid)
	if c == nil {
		writeNotFound(w, "Contact", sid)
		return
	}
	j := s.contactJSONLocked(c)
	j.SourceID = ""
	writeJSON(w, http.StatusOK, j)
}

func (s *Server) patchContact(w http.ResponseWriter, r *http.Request) {
	obj, ok := readJSONObject(w, r)
	if !ok {
		return
	}
	id := r.PathValue("id")
	s.mu.Lock()
	defer s.mu.Unlock()
	cur := s.st.contact(id)
	if cur == nil {
		writeNotFound(w, "Contact", id)
		return
	}
	c := newReader(obj, "")
	// type and test_mode are "unmodifiable": the same value is accepted,
	// another one is invalid_data.
	if typ, fl := c.str("type"); fl.present && (fl.null || (fl.ok && typ != cur.Type)) {
		c.add(invalidData("type", subInvalid, fmt.Sprintf("type cannot be changed (the contact is a %s)", cur.Type)))
	}
	if tm, fl := c.boolean("test_mode"); fl.present && (fl.null || (fl.ok && tm != cur.TestMode)) {
		c.add(invalidData("test_mode", subInvalid, "test_mode cannot be changed; create a new contact instead"))
	}
	audit := s.auditLocked(r)
	cand := cur.clone()
	msgs := append(c.messages(), s.applyContactBody(cand, obj, true, audit)...)
	if len(msgs) > 0 {
		writeInvalid(w, msgs)
		return
	}
	if other := s.st.contactBySourceID(cand.SourceID); other != nil && other != cur {
		writeMessages(w, http.StatusConflict, resourceExists(cand.SourceID))
		return
	}
	if !s.sameContactData(cur, cand) {
		cand.Modified = audit
	}
	*cur = *cand
	writeJSON(w, http.StatusOK, s.contactJSONLocked(cur))
}

// sameContactData compares two versions of a contact ignoring the contact's
// own modified trace.
func (s *Server) sameContactData(a, b *contact) bool {
	ja, jb := s.contactJSONLocked(a), s.contactJSONLocked(b)
	ja.Modified, jb.Modified = auditTraceJSON{}, auditTraceJSON{}
	x, _ := json.Marshal(ja)
	y, _ := json.Marshal(jb)
	return string(x) == string(y)
}

// deleteContact marks the contact deleted and returns it (the documented
// response is the contact). Deleted contacts are 404 everywhere, release
// their source_id, and their payment methods can no longer be used.
func (s *Server) deleteContact(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.st.contact(id)
	if c == nil {
		writeNotFound(w, "Contact", id)
		return
	}
	c.Deleted = true
	c.Modified = s.auditLocked(r)
	writeJSON(w, http.StatusOK, s.contactJSONLocked(c))
}
