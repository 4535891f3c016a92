package sandbox

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"mime"
	"net/http"
	"strconv"
	"strings"
)

// maxBodyBytes bounds request bodies.
const maxBodyBytes = 1 << 20

// jsonObject is a decoded top-level JSON object, keyed by property name.
type jsonObject map[string]json.RawMessage

// isJSONContentType reports whether ct is application/json (parameters such
// as charset allowed).
func isJSONContentType(ct string) bool {
	mt, _, err := mime.ParseMediaType(ct)
	return err == nil && mt == "application/json"
}

// readJSONObject applies the gateway's request-body rules and returns the
// top-level object. On failure it writes the documented error and returns
// ok=false:
//   - Content-Type present but not application/json -> 400 invalid_request
//   - empty body (or JSON null)                     -> 422 no_content
//   - body without Content-Type                     -> 400 invalid_request
//   - unparseable JSON / not an object              -> 400 malformed_request
//   - body larger than 1 MiB                        -> 400 invalid_request
func readJSONObject(w http.ResponseWriter, r *http.Request) (jsonObject, bool) {
	_, obj, ok := readJSONBody(w, r)
	return obj, ok
}

// readJSONBody is readJSONObject that also returns the raw (trimmed) body,
// for handlers that decode into a struct.
func readJSONBody(w http.ResponseWriter, r *http.Request) ([]byte, jsonObject, bool) {
	ct := r.Header.Get("Content-Type")
	if ct != "" && !isJSONContentType(ct) {
		writeMessages(w, http.StatusBadRequest, invalidRequest("Unsupported Content-Type "+ct+"; use application/json"))
		return nil, nil, false
	}
	raw, err := io.ReadAll(io.LimitReader(r.Body, maxBodyBytes+1))
	if err != nil {
		writeMessages(w, http.StatusBadRequest, invalidRequest("Unable to read request body"))
		return nil, nil, false
	}
	if len(raw) > maxBodyBytes {
		writeMessages(w, http.StatusBadRequest, invalidRequest("Request body too large"))
		return nil, nil, false
	}
	trimmed := bytes.TrimSpace(raw)
	if len(trimmed) == 0 || string(trimmed) == "null" {
		writeMessages(w, http.StatusUnprocessableEntity, noContent())
		return nil, nil, false
	}
	if ct == "" {
		writeMessages(w, http.StatusBadRequest, invalidRequest("Missing Content-Type; use application/json"))
		return nil, nil, false
	}
	var obj jsonObject
	dec := json.NewDecoder(bytes.NewReader(trimmed))
	if err := dec.Decode(&obj); err != nil || obj == nil {
		writeMessages(w, http.StatusBadRequest, malformedRequest())
		return nil, nil, false
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		writeMessages(w, http.StatusBadRequest, malformedRequest())
		return nil, nil, false
	}
	return trimmed, obj, true
}

// isBlank reports whether s is empty or only whitespace.
func isBlank(s string) bool { return strings.TrimSpace(s) == "" }

// readAdminJSON decodes an admin request body strictly (unknown fields are
// 400 malformed_request) into v, after the same body rules as the API.
func readAdminJSON(w http.ResponseWriter, r *http.Request, what string, v any) bool {
	raw, _, ok := readJSONBody(w, r)
	if !ok {
		return false
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		m := malformedRequest()
		m.Message = "Unable to process " + what + " JSON: " + err.Error()
		writeMessages(w, http.StatusBadRequest, m)
		return false
	}
	return true
}

// reader is the one typed reader of request bodies. It reads properties of
// a JSON object and collects invalid_data messages whose contexts carry a
// prefix, e.g. "method." or "email_addresses[1]." for nested objects
// (reference: "Nested properties are indicated using a '.'"). Children
// share their parent's message list. Integers may be JSON numbers or digit
// strings: the reference's examples send "amount": "1250" and
// "interval_delay": "1".
type reader struct {
	obj    jsonObject
	prefix string
	msgs   *[]Message
}

// newReader returns a reader for obj with contexts under prefix.
func newReader(obj jsonObject, prefix string) *reader {
	return &reader{obj: obj, prefix: prefix, msgs: new([]Message)}
}

// field describes a key's presence in the request.
type field struct {
	present bool // key present in the object
	null    bool // value is JSON null
	ok      bool // present, not null, and of the right type
}

func (r *reader) ctx(key string) string { return r.prefix + key }

// messages returns the messages collected so far (by r and its children).
func (r *reader) messages() []Message { return *r.msgs }

// add appends messages.
func (r *reader) add(ms ...Message) { *r.msgs = append(*r.msgs, ms...) }

// addf appends an invalid_data message for key (context prefixed).
func (r *reader) addf(key, sub, msg string) {
	r.add(invalidData(r.ctx(key), sub, msg))
}

func (r *reader) has(key string) bool { _, ok := r.obj[key]; return ok }

// isNull reports whether key is present with the JSON value null.
func (r *reader) isNull(key string) bool {
	v, ok := r.obj[key]
	return ok && string(bytes.TrimSpace(v)) == "null"
}

func (r *reader) raw(key string) (json.RawMessage, field) {
	v, present := r.obj[key]
	if !present {
		return nil, field{}
	}
	if string(bytes.TrimSpace(v)) == "null" {
		return nil, field{present: true, null: true}
	}
	return v, field{present: true}
}

// str reads a string property; a value of another JSON type is reported.
func (r *reader) str(key string) (string, field) {
	v, fl := r.raw(key)
	if !fl.present || fl.null {
		return "", fl
	}
	var s string
	if err := json.Unmarshal(v, &s); err != nil {
		r.addf(key, subInvalid, r.ctx(key)+" must be a string")
		return "", fl
	}
	fl.ok = true
	return s, fl
}

// text is str for callers that only need "a usable string was given".
func (r *reader) text(key string) (string, bool) {
	s, fl := r.str(key)
	return s, fl.ok
}

// boolean reads a boolean property.
func (r *reader) boolean(key string) (bool, field) {
	v, fl := r.raw(key)
	if !fl.present || fl.null {
		return false, fl
	}
	var b bool
	if err := json.Unmarshal(v, &b); err != nil {
		r.addf(key, subInvalid, r.ctx(key)+" must be a boolean (true or false)")
		return false, fl
	}
	fl.ok = true
	return b, fl
}

// child returns a reader for a nested object sharing the message list.
func (r *reader) child(key string, o jsonObject) *reader {
	return &reader{obj: o, prefix: r.ctx(key) + ".", msgs: r.msgs}
}

// integer returns an integer given as a JSON number or a string of digits.
// ok=false when absent, null or invalid (invalid values are reported).
func (r *reader) integer(key string) (int64, bool) {
	v, ok := r.obj[key]
	if !ok || r.isNull(key) {
		return 0, false
	}
	raw := bytes.TrimSpace(v)
	var text string
	if len(raw) > 0 && raw[0] == '"' {
		if err := json.Unmarshal(raw, &text); err != nil {
			r.addf(key, subInvalid, r.ctx(key)+" must be an integer")
			return 0, false
		}
		text = strings.TrimSpace(text)
	} else {
		text = string(raw)
	}
	n, err := strconv.ParseInt(text, 10, 64)
	if err != nil {
		if errors.Is(err, strconv.ErrRange) {
			r.addf(key, subNumberOutOfRange, r.ctx(key)+" is out of range")
			return 0, false
		}
		// 12.0 style numbers are integers too.
		if f, ferr := strconv.ParseFloat(text, 64); ferr == nil && f == math.Trunc(f) && math.Abs(f) < 1<<62 && raw[0] != '"' {
			return int64(f), true
		}
		r.addf(key, subInvalid, r.ctx(key)+" must be an integer")
		return 0, false
	}
	return n, true
}

// object reads a nested JSON object.
func (r *reader) object(key string) (jsonObject, bool) {
	v, ok := r.obj[key]
	if !ok || r.isNull(key) {
		return nil, false
	}
	var o jsonObject
	if err := json.Unmarshal(v, &o); err != nil || o == nil {
		r.addf(key, subInvalid, r.ctx(key)+" must be a JSON object")
		return nil, false
	}
	return o, true
}

// optText reads an optional text field with a maximum length into *dst.
// Absent: unchanged; null or "": cleared (when clear is true).
func (r *reader) optText(key string, maxLen int, dst *string, check func(ctx, v string) []Message) {
	if !r.has(key) {
		return
	}
	v, ok := r.text(key)
	if !ok {
		if r.isNull(key) {
			*dst = ""
		}
		return
	}
	v = strings.TrimSpace(v)
	if v == "" {
		*dst = ""
		return
	}
	if maxLen > 0 && len([]rune(v)) > maxLen {
		r.addf(key, subInvalidLength, fmt.Sprintf("%s cannot exceed %d characters", r.ctx(key), maxLen))
		return
	}
	if check != nil {
		if ms := check(r.ctx(key), v); len(ms) > 0 {
			r.add(ms...)
			return
		}
	}
	*dst = v
}
