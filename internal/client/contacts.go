package client

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
)

// Contact types (API reference, Contact API object types).
const (
	ContactTypePerson       = "person"
	ContactTypeOrganization = "organization"
)

// Limits of a contact's nested lists ("A contact is limited to 5 ...").
const (
	MaxContactEmailAddresses = 5
	MaxContactPhoneNumbers   = 5
	MaxContactAddresses      = 5
)

// ContactSearchPageSize is the page size SearchContacts asks for. The
// Contact API documents page_size without a maximum; every list endpoint
// of the same platform that does document one (cards, banks, charges,
// recurring charges, transactions) caps it at 100, so 100 is the largest
// size a careful integrator can rely on. SearchContacts follows every page
// anyway, so a server that answers with smaller pages loses nothing.
const ContactSearchPageSize = 100

// AuditTrace records who changed an object and when (the fields of the
// reference's AuditTrace that the provider uses).
type AuditTrace struct {
	User      string `json:"user,omitempty"`
	Timestamp string `json:"timestamp,omitempty"`
}

// EmailAddress is one of a contact's email addresses (ID prefix eml_).
//
// The same type is used in requests, where its JSON follows the
// reference's PATCH semantics for nested lists: an item with only an ID
// removes that item, an item with an ID and fields updates it, an item
// without an ID is added. Read-only fields are omitted when empty.
type EmailAddress struct {
	ID        string      `json:"id,omitempty"`
	Address   string      `json:"address,omitempty"`
	Preferred *bool       `json:"preferred,omitempty"`
	Type      string      `json:"type,omitempty"`
	Created   *AuditTrace `json:"created,omitempty"`
	Modified  *AuditTrace `json:"modified,omitempty"`
}

// PhoneNumber is one of a contact's phone numbers (ID prefix phn_). See
// EmailAddress for the request semantics. In an update, Extension "" clears
// the extension.
type PhoneNumber struct {
	ID        string      `json:"id,omitempty"`
	Number    string      `json:"number,omitempty"`
	Extension *string     `json:"extension,omitempty"`
	Preferred *bool       `json:"preferred,omitempty"`
	Type      string      `json:"type,omitempty"`
	Created   *AuditTrace `json:"created,omitempty"`
	Modified  *AuditTrace `json:"modified,omitempty"`
}

// Address is one of a contact's postal addresses (ID prefix addr_). See
// EmailAddress for the request semantics. In an update, "" clears an
// optional field (line2, state_or_province, postal_code).
type Address struct {
	ID              string      `json:"id,omitempty"`
	Line1           string      `json:"line1,omitempty"`
	Line2           *string     `json:"line2,omitempty"`
	City            string      `json:"city,omitempty"`
	StateOrProvince *string     `json:"state_or_province,omitempty"`
	PostalCode      *string     `json:"postal_code,omitempty"`
	CountryCode     string      `json:"country_code,omitempty"`
	Preferred       *bool       `json:"preferred,omitempty"`
	Type            string      `json:"type,omitempty"`
	Created         *AuditTrace `json:"created,omitempty"`
	Modified        *AuditTrace `json:"modified,omitempty"`
}

// Contact is a Person (ID prefix p_) or an Organization (org_), as the
// Contact API returns it.
type Contact struct {
	ID                string         `json:"id"`
	Type              string         `json:"type"`
	Created           *AuditTrace    `json:"created,omitempty"`
	Modified          *AuditTrace    `json:"modified,omitempty"`
	TestMode          bool           `json:"test_mode"`
	Deleted           bool           `json:"deleted,omitempty"`
	Name              string         `json:"name,omitempty"`
	SortName          string         `json:"sort_name,omitempty"`
	DisplayName       string         `json:"display_name,omitempty"`
	PreferredEmail    string         `json:"preferred_email,omitempty"`
	ContactCode       string         `json:"contact_code,omitempty"`
	OwnerID           string         `json:"owner_id,omitempty"`
	SourceID          string         `json:"source_id,omitempty"`
	TimeZone          string         `json:"time_zone,omitempty"`
	PreferredCurrency string         `json:"preferred_currency,omitempty"`
	Notes             string         `json:"notes,omitempty"`
	FirstName         string         `json:"first_name,omitempty"`
	MiddleName        string         `json:"middle_name,omitempty"`
	LastName          string         `json:"last_name,omitempty"`
	NamePrefix        string         `json:"name_prefix,omitempty"`
	NameSuffix        string         `json:"name_suffix,omitempty"`
	EmailAddresses    []EmailAddress `json:"email_addresses,omitempty"`
	PhoneNumbers      []PhoneNumber  `json:"phone_numbers,omitempty"`
	Addresses         []Address      `json:"addresses,omitempty"`
	Tags              []string       `json:"tags,omitempty"`
}

// ContactCreate is a POST /contacts body. Empty fields are not sent.
type ContactCreate struct {
	Type              string         `json:"type"`
	TestMode          bool           `json:"test_mode"`
	SourceID          string         `json:"source_id,omitempty"`
	Name              string         `json:"name,omitempty"`
	FirstName         string         `json:"first_name,omitempty"`
	MiddleName        string         `json:"middle_name,omitempty"`
	LastName          string         `json:"last_name,omitempty"`
	NamePrefix        string         `json:"name_prefix,omitempty"`
	NameSuffix        string         `json:"name_suffix,omitempty"`
	ContactCode       string         `json:"contact_code,omitempty"`
	TimeZone          string         `json:"time_zone,omitempty"`
	PreferredCurrency string         `json:"preferred_currency,omitempty"`
	Notes             string         `json:"notes,omitempty"`
	EmailAddresses    []EmailAddress `json:"email_addresses,omitempty"`
	PhoneNumbers      []PhoneNumber  `json:"phone_numbers,omitempty"`
	Addresses         []Address      `json:"addresses,omitempty"`
	Tags              []string       `json:"tags,omitempty"`
}

// ContactPatch is a PATCH /contacts/{id} body: nil fields are left as they
// are, "" clears a string. The nested lists carry only the items to add,
// update or remove (see EmailAddress). Tags, when not nil, replaces the
// contact's whole tag list (a tag is a plain string with no ID, so the
// list is sent in full; an empty slice removes every tag).
type ContactPatch struct {
	Name              *string        `json:"name,omitempty"`
	FirstName         *string        `json:"first_name,omitempty"`
	MiddleName        *string        `json:"middle_name,omitempty"`
	LastName          *string        `json:"last_name,omitempty"`
	NamePrefix        *string        `json:"name_prefix,omitempty"`
	NameSuffix        *string        `json:"name_suffix,omitempty"`
	ContactCode       *string        `json:"contact_code,omitempty"`
	TimeZone          *string        `json:"time_zone,omitempty"`
	PreferredCurrency *string        `json:"preferred_currency,omitempty"`
	Notes             *string        `json:"notes,omitempty"`
	EmailAddresses    []EmailAddress `json:"email_addresses,omitempty"`
	PhoneNumbers      []PhoneNumber  `json:"phone_numbers,omitempty"`
	Addresses         []Address      `json:"addresses,omitempty"`
	Tags              *[]string      `json:"tags,omitempty"`
}

// IsEmpty reports whether the patch changes nothing.
func (p *ContactPatch) IsEmpty() bool {
	return p.Name == nil && p.FirstName == nil && p.MiddleName == nil && p.LastName == nil &&
		p.NamePrefix == nil && p.NameSuffix == nil && p.ContactCode == nil && p.TimeZone == nil &&
		p.PreferredCurrency == nil && p.Notes == nil && len(p.EmailAddresses) == 0 &&
		len(p.PhoneNumbers) == 0 && len(p.Addresses) == 0 && p.Tags == nil
}

// ContactSearch holds the GET /contacts filters; empty ones are not sent.
type ContactSearch struct {
	Q       string   // text filter across all text fields
	QF      string   // field:value filters, comma-separated
	OrderBy []string // fields to sort by, "-" prefix for descending
}

type contactPage struct {
	Page         int       `json:"page"`
	PageSize     int       `json:"page_size"`
	TotalEntries int       `json:"total_entries"`
	Results      []Contact `json:"results"`
}

func contactPath(id string) string { return "/contacts/" + url.PathEscape(id) }

// CreateContact creates a contact (POST /contacts). With a source_id the
// POST is marked idempotent: a repeat after a lost response is answered
// with 409 resource_exists instead of creating a duplicate, which the
// caller resolves with GetContactBySourceID.
func (c *Client) CreateContact(ctx context.Context, in *ContactCreate) (*Contact, error) {
	return doJSON[Contact](ctx, c, Request{
		Method: http.MethodPost, Path: "/contacts", Auth: AuthBearer, Body: in,
		Idempotent: in.SourceID != "",
	})
}

// GetContact returns one contact (GET /contacts/{id}).
func (c *Client) GetContact(ctx context.Context, id string) (*Contact, error) {
	return doJSON[Contact](ctx, c, Request{Method: http.MethodGet, Path: contactPath(id), Auth: AuthBearer})
}

// GetContactBySourceID returns the contact with a source_id
// (GET /contacts/source-id?id={source_id}). The reference's parameter table
// names the parameter source_id but its URL template and example both send
// it as `id` (as GET /v1/transactions/source-id does), so `id` is used. The
// reference says the returned JSON does not include the source_id; it is
// filled in here from the argument so callers always see it.
func (c *Client) GetContactBySourceID(ctx context.Context, sourceID string) (*Contact, error) {
	out, err := doJSON[Contact](ctx, c, Request{
		Method: http.MethodGet, Path: "/contacts/source-id", Auth: AuthBearer,
		Query: url.Values{"id": {sourceID}},
	})
	if err != nil {
		return nil, err
	}
	if out.SourceID == "" {
		out.SourceID = sourceID
	}
	return out, nil
}

// PatchContact updates a contact (PATCH /contacts/{id}) and returns it.
func (c *Client) PatchContact(ctx context.Context, id string, p *ContactPatch) (*Contact, error) {
	return doJSON[Contact](ctx, c, Request{Method: http.MethodPatch, Path: contactPath(id), Auth: AuthBearer, Body: p})
}

// DeleteContact deletes a contact (DELETE /contacts/{id}). A 404 on a
// retried attempt counts as success (Client.Do); a 404 on the first
// attempt is returned, so callers decide whether "already gone" is fine.
func (c *Client) DeleteContact(ctx context.Context, id string) error {
	return c.Do(ctx, Request{Method: http.MethodDelete, Path: contactPath(id), Auth: AuthBearer}, nil)
}

// SearchContacts returns every contact matching s (GET /contacts),
// following all pages at ContactSearchPageSize.
func (c *Client) SearchContacts(ctx context.Context, s ContactSearch) ([]Contact, error) {
	out := []Contact{}
	for page := 1; ; page++ {
		if page > MaxListPages {
			return nil, pageCapError("/contacts", ContactSearchPageSize)
		}
		q := url.Values{"page": {strconv.Itoa(page)}, "page_size": {strconv.Itoa(ContactSearchPageSize)}}
		if s.Q != "" {
			q.Set("q", s.Q)
		}
		if s.QF != "" {
			q.Set("qf", s.QF)
		}
		if len(s.OrderBy) > 0 {
			q.Set("order_by", JoinList(s.OrderBy))
		}
		p, err := doJSON[contactPage](ctx, c, Request{Method: http.MethodGet, Path: "/contacts", Query: q, Auth: AuthBearer})
		if err != nil {
			return nil, err
		}
		out = append(out, p.Results...)
		if lastContactPage(*p, len(out)) {
			return out, nil
		}
	}
}

// lastContactPage decides whether page was the last one: an empty page, a
// page shorter than the size the server says it used, or (when the server
// reports a total) having collected them all.
func lastContactPage(p contactPage, collected int) bool {
	if len(p.Results) == 0 {
		return true
	}
	if p.TotalEntries > 0 {
		return collected >= p.TotalEntries
	}
	size := p.PageSize
	if size <= 0 {
		size = ContactSearchPageSize
	}
	return len(p.Results) < size
}
