package sandbox

// Saved cards (/v1/cards) and saved banks (/v1/banks): create (from details
// or a one-time token), get, PATCH, delete and list, secret-key auth, per
// mode (an object of the other mode is reported as not found). They are
// registered as chargeable methods for charges and recurring charges.
//
// Readings of the reference (each also noted where implemented):
//   - Masking: card numbers keep their last 4 digits and star the rest
//     ("************4242" for 16 digits); bank account numbers likewise
//     ("**********2394" for 14 digits, "*********3847" for 13); routing
//     numbers keep the last 3 ("******013"). CVV is accepted and never
//     stored or returned.
//   - PATCH changes the descriptive fields. "When updating the card number,
//     expiration month, or expiration year, PATCH the card using a token" (and
//     likewise routing/account number for banks): those fields sent directly
//     in a PATCH are rejected with invalid_data/invalid pointing at token_id.
//   - A saved card/bank ID is not a one-time token: token_id naming one is
//     rejected (invalid_data token_id invalid).
//   - Lists are in descending creation order (the reference does not say).
//   - Deleted cards/banks are gone: GET, PATCH and DELETE then answer 404 and
//     the ID no longer resolves as a payment method. Recurring charges keep
//     the (masked) method snapshot they were created with.

import (
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"time"
)

func (s *Server) cardsBanksRoutes() {
	s.handle("POST /v1/cards", s.secretKeyAuth(s.createSavedMethod("card")))
	s.handle("GET /v1/cards", s.secretKeyAuth(s.listSavedMethods("card")))
	s.handle("GET /v1/cards/{id}", s.secretKeyAuth(s.getSavedMethod("card")))
	s.handle("PATCH /v1/cards/{id}", s.secretKeyAuth(s.patchSavedMethod("card")))
	s.handle("DELETE /v1/cards/{id}", s.secretKeyAuth(s.deleteSavedMethod("card")))
	s.handle("POST /v1/banks", s.secretKeyAuth(s.createSavedMethod("bank")))
	s.handle("GET /v1/banks", s.secretKeyAuth(s.listSavedMethods("bank")))
	s.handle("GET /v1/banks/{id}", s.secretKeyAuth(s.getSavedMethod("bank")))
	s.handle("PATCH /v1/banks/{id}", s.secretKeyAuth(s.patchSavedMethod("bank")))
	s.handle("DELETE /v1/banks/{id}", s.secretKeyAuth(s.deleteSavedMethod("bank")))
	s.addMethodResolver(func(id string, _ bool) (chargeableMethod, bool) {
		sm := s.st.savedMethod(id)
		if sm == nil {
			return chargeableMethod{}, false
		}
		return chargeableMethod{Mode: sm.Mode, Type: sm.Type, Masked: sm.details.masked()}, true
	})
}

// ---------------------------------------------------------------------------
// Saved methods.

type savedMethod struct {
	ID       string
	Mode     mode
	Type     string // card | bank
	Created  time.Time
	Modified time.Time
	seq      int

	Reference   string
	Description string
	details     cbDetails
}

func (sm *savedMethod) toJSON() map[string]any {
	m := sm.details.masked()
	m["id"] = sm.ID
	m["created"] = formatTimestamp(sm.Created)
	m["modified"] = formatTimestamp(sm.Modified)
	if sm.Reference != "" {
		m["reference"] = sm.Reference
	}
	if sm.Description != "" {
		m["description"] = sm.Description
	}
	return m
}

func (st *state) savedMethod(id string) *savedMethod {
	for _, sm := range st.savedMethods {
		if sm.ID == id {
			return sm
		}
	}
	return nil
}

func cbResourceType(typ string) string {
	if typ == "card" {
		return "Card"
	}
	return "Bank"
}

// lookupSaved returns the saved method of the request's mode and type, or
// writes 404.
func (s *Server) lookupSavedLocked(w http.ResponseWriter, r *http.Request, typ string) *savedMethod {
	id := r.PathValue("id")
	sm := s.st.savedMethod(id)
	if sm == nil || sm.Mode != modeOf(r) || sm.Type != typ {
		writeNotFound(w, cbResourceType(typ), id)
		return nil
	}
	return sm
}

// cbReadSavedTexts reads reference and description ("limited to 64 characters").
func cbReadSavedTexts(r *reader, sm *savedMethod) {
	r.optText("reference", 64, &sm.Reference, nil)
	r.optText("description", 64, &sm.Description, nil)
}

// detailsFromToken resolves token_id to details of type typ (consuming a
// one-time token only when commit is true).
func (s *Server) detailsFromTokenLocked(r *reader, typ string, m mode, commit bool) (d cbDetails, reference, description string, ok bool) {
	tok, given := r.text("token_id")
	if !given || isBlank(tok) {
		r.addf("token_id", subNotBlank, "token_id cannot be blank")
		return cbDetails{}, "", "", false
	}
	if s.st.savedMethod(tok) != nil {
		r.addf("token_id", subInvalid, "token_id must be the ID of a one-time token, not of a saved "+typ)
		return cbDetails{}, "", "", false
	}
	cm, found := s.resolveMethodLocked(tok, false)
	if !found || cm.Mode != m {
		r.addf("token_id", subInvalid, "token_id does not identify an unused one-time token")
		return cbDetails{}, "", "", false
	}
	if cm.Type != typ {
		r.addf("token_id", subInvalid, fmt.Sprintf("token_id identifies a %s token; a %s token is required", cm.Type, typ))
		return cbDetails{}, "", "", false
	}
	if commit {
		s.resolveMethodLocked(tok, true)
	}
	str := func(k string) string { v, _ := cm.Masked[k].(string); return v }
	return cbDetailsFromMasked(cm.Masked), str("reference"), str("description"), true
}

func (s *Server) createSavedMethod(typ string) http.HandlerFunc {
	return func(w http.ResponseWriter, req *http.Request) {
		obj, ok := readJSONObject(w, req)
		if !ok {
			return
		}
		m := modeOf(req)
		s.mu.Lock()
		defer s.mu.Unlock()
		var msgs []Message
		r := &reader{obj: obj, msgs: &msgs}
		sm := &savedMethod{Mode: m, Type: typ}
		var d cbDetails
		var codes []Message
		fromToken := r.has("token_id") && !r.isNull("token_id")
		if fromToken {
			var tokRef, tokDesc string
			d, tokRef, tokDesc, _ = s.detailsFromTokenLocked(r, typ, m, false)
			// The token's reference and description carry over (the
			// reference's "Updating a saved bank with a one-time token"
			// response, :3271-3290, shows them); the body may override them.
			sm.Reference, sm.Description = tokRef, tokDesc
			// Descriptive fields sent alongside the token override it.
			cbReadContact(r, &d)
			if typ == "bank" {
				cbReadHolder(r, &d, false)
			} else {
				r.optText("name", 255, &d.Name, nil)
			}
		} else if typ == "card" {
			d, codes = cbParseCard(r, s.nowUTC())
		} else {
			d = cbParseBank(r)
		}
		cbReadSavedTexts(r, sm)
		if len(msgs) > 0 {
			writeInvalid(w, msgs)
			return
		}
		if len(codes) > 0 {
			writeMessages(w, http.StatusUnprocessableEntity, codes...)
			return
		}
		if fromToken {
			s.detailsFromTokenLocked(r, typ, m, true)
		}
		now := s.nowUTC()
		sm.ID = s.ids.gatewayID()
		sm.Created, sm.Modified = now, now
		sm.details = d
		s.st.savedSeq++
		sm.seq = s.st.savedSeq
		s.st.savedMethods = append(s.st.savedMethods, sm)
		writeJSON(w, http.StatusOK, sm.toJSON())
	}
}

func (s *Server) getSavedMethod(typ string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		defer s.mu.Unlock()
		if sm := s.lookupSavedLocked(w, r, typ); sm != nil {
			writeJSON(w, http.StatusOK, sm.toJSON())
		}
	}
}

func (s *Server) deleteSavedMethod(typ string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		defer s.mu.Unlock()
		sm := s.lookupSavedLocked(w, r, typ)
		if sm == nil {
			return
		}
		for i, o := range s.st.savedMethods {
			if o == sm {
				s.st.savedMethods = append(s.st.savedMethods[:i], s.st.savedMethods[i+1:]...)
				break
			}
		}
		writeJSON(w, http.StatusOK, sm.toJSON())
	}
}

// patchSavedMethod: descriptive fields change; the sensitive numbers and the
// expiry change only through token_id (see the file comment).
func (s *Server) patchSavedMethod(typ string) http.HandlerFunc {
	return func(w http.ResponseWriter, req *http.Request) {
		obj, ok := readJSONObject(w, req)
		if !ok {
			return
		}
		m := modeOf(req)
		s.mu.Lock()
		defer s.mu.Unlock()
		sm := s.lookupSavedLocked(w, req, typ)
		if sm == nil {
			return
		}
		var msgs []Message
		r := &reader{obj: obj, msgs: &msgs}
		cand := *sm
		d := sm.details
		fromToken := r.has("token_id") && !r.isNull("token_id")
		if fromToken {
			if td, _, _, ok := s.detailsFromTokenLocked(r, typ, m, false); ok {
				// The token's payment data replaces the numbers and expiry;
				// descriptive fields it carries replace the saved ones.
				keep := d
				d = td
				if d.Name == "" {
					d.Name = keep.Name
				}
			}
		}
		tokenOnly := []string{"number", "exp_month", "exp_year"}
		if typ == "bank" {
			tokenOnly = []string{"routing_number", "account_number", "account_type"}
		}
		for _, k := range tokenOnly {
			if r.has(k) {
				r.addf(k, subInvalid, k+" cannot be changed directly; PATCH with a token_id holding the new payment details")
			}
		}
		if typ == "bank" {
			cbReadHolder(r, &d, false)
		} else {
			r.optText("name", 255, &d.Name, nil)
		}
		cbReadContact(r, &d)
		cbReadSavedTexts(r, &cand)
		if len(msgs) > 0 {
			writeInvalid(w, msgs)
			return
		}
		if fromToken {
			s.detailsFromTokenLocked(r, typ, m, true)
		}
		cand.details = d
		if cand.details != sm.details || cand.Reference != sm.Reference || cand.Description != sm.Description {
			cand.Modified = s.nowUTC()
			*sm = cand
		}
		writeJSON(w, http.StatusOK, sm.toJSON())
	}
}

func (s *Server) listSavedMethods(typ string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		page, size, msgs := cbParsePaging(q)
		var expMonth, expYear int
		if typ == "card" {
			for _, p := range []struct {
				key string
				dst *int
			}{{"exp_month", &expMonth}, {"exp_year", &expYear}} {
				if v := q.Get(p.key); v != "" {
					n, err := strconv.Atoi(v)
					if err != nil || n < 1 {
						msgs = append(msgs, invalidData(p.key, subInvalid, p.key+" must be a positive integer"))
						continue
					}
					if p.key == "exp_year" && n < 100 {
						n += 2000
					}
					*p.dst = n
				}
			}
		}
		if len(msgs) > 0 {
			writeInvalid(w, msgs)
			return
		}
		ref := q.Get("reference")
		m := modeOf(r)
		s.mu.Lock()
		defer s.mu.Unlock()
		var items []*savedMethod
		for _, sm := range s.st.savedMethods {
			if sm.Mode != m || sm.Type != typ ||
				(ref != "" && sm.Reference != ref) ||
				(expMonth != 0 && sm.details.ExpMonth != expMonth) ||
				(expYear != 0 && sm.details.ExpYear != expYear) {
				continue
			}
			items = append(items, sm)
		}
		sort.SliceStable(items, func(i, j int) bool { return items[i].seq > items[j].seq })
		results := make([]any, 0, size)
		for _, sm := range cbPageSlice(len(items), page, size) {
			results = append(results, items[sm].toJSON())
		}
		writeJSON(w, http.StatusOK, cbSearchResults{Page: page, PageSize: size, TotalEntries: len(items), Results: results})
	}
}
