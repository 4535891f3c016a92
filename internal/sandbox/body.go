package sandbox

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
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

// fieldReader extracts typed fields from a jsonObject, collecting
// invalid_data messages for values of the wrong JSON type.
type fieldReader struct {
	obj  jsonObject
	msgs []Message
}

// field describes a key's presence in the request.
type field struct {
	present bool // key present in the object
	null    bool // value is JSON null
	ok      bool // present, not null, and of the right type
}

func (f *fieldReader) raw(key string) (json.RawMessage, field) {
	v, present := f.obj[key]
	if !present {
		return nil, field{}
	}
	if string(bytes.TrimSpace(v)) == "null" {
		return nil, field{present: true, null: true}
	}
	return v, field{present: true}
}

// str reads a string property.
func (f *fieldReader) str(key string) (string, field) {
	v, fl := f.raw(key)
	if !fl.present || fl.null {
		return "", fl
	}
	var s string
	if err := json.Unmarshal(v, &s); err != nil {
		f.msgs = append(f.msgs, invalidData(key, subInvalid, key+" must be a string"))
		return "", fl
	}
	fl.ok = true
	return s, fl
}

// boolean reads a boolean property.
func (f *fieldReader) boolean(key string) (bool, field) {
	v, fl := f.raw(key)
	if !fl.present || fl.null {
		return false, fl
	}
	var b bool
	if err := json.Unmarshal(v, &b); err != nil {
		f.msgs = append(f.msgs, invalidData(key, subInvalid, key+" must be a boolean (true or false)"))
		return false, fl
	}
	fl.ok = true
	return b, fl
}

// isBlank reports whether s is empty or only whitespace.
func isBlank(s string) bool { return strings.TrimSpace(s) == "" }
