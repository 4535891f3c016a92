package sandbox

import (
	"encoding/json"
	"net/http"
)

// Message is one entry of the gateway's "messages" array (reference:
// "Messages and Errors"). Field order follows the documented examples.
type Message struct {
	Context  string `json:"context,omitempty"`
	Code     string `json:"code"`
	SubCode  string `json:"sub_code,omitempty"`
	Level    string `json:"level"`
	Message  string `json:"message,omitempty"`
	Facility string `json:"facility"`
}

// Documented invalid_data sub_codes.
const (
	subNumberOutOfRange = "number_out_of_range"
	subInvalidLength    = "invalid_length"
	subExceedsMaximum   = "exceeds_maximum_value"
	subBelowMinimum     = "below_minimum_value"
	subNotBlank         = "not_blank"
	subNotNull          = "not_null"
	subInvalid          = "invalid"
)

// messagesBody is the JSON body of every gateway error response.
type messagesBody struct {
	Messages []Message `json:"messages"`
}

// writeJSON writes v as JSON with the given status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		b, _ = json.Marshal(messagesBody{Messages: []Message{serverError()}})
		status = http.StatusInternalServerError
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(append(b, '\n'))
}

// writeMessages writes {"messages":[...]} with the given status.
func writeMessages(w http.ResponseWriter, status int, msgs ...Message) {
	if msgs == nil {
		msgs = []Message{}
	}
	writeJSON(w, status, messagesBody{Messages: msgs})
}

// errorMessage builds an error-level gateway message.
func errorMessage(code, message string) Message {
	return Message{Code: code, Level: "error", Message: message, Facility: "gateway"}
}

// invalidData builds an invalid_data message (HTTP 422) for a field.
// context is the field name ("card.name" for nested fields), subCode one of
// the documented sub_codes.
func invalidData(context, subCode, message string) Message {
	m := errorMessage("invalid_data", message)
	m.Context = context
	m.SubCode = subCode
	return m
}

// notFound builds resource_not_found with context "Type[id]" (HTTP 404).
func notFound(resourceType, id string) Message {
	m := errorMessage("resource_not_found", "Requested resource not found")
	m.Context = resourceType + "[" + id + "]"
	return m
}

// notFoundURL is resource_not_found for an unknown URL: no context.
func notFoundURL() Message {
	return errorMessage("resource_not_found", "Requested resource not found")
}

func notAuthorized() Message { return errorMessage("not_authorized", "Not authorized") }

func malformedRequest() Message {
	return errorMessage("malformed_request", "Unable to process JSON content")
}

// invalidRequest is the documented 400 for unsupported methods/content types.
// detail, if given, replaces the generic message.
func invalidRequest(detail string) Message {
	if detail == "" {
		detail = "Invalid request"
	}
	return errorMessage("invalid_request", detail)
}

func noContent() Message { return errorMessage("no_content", "No JSON content received") }

func serverError() Message { return errorMessage("server_error", "An unexpected error occurred") }

// writeNotFound writes a 404 resource_not_found for a resource.
func writeNotFound(w http.ResponseWriter, resourceType, id string) {
	writeMessages(w, http.StatusNotFound, notFound(resourceType, id))
}

// writeInvalid writes 422 with invalid_data messages.
func writeInvalid(w http.ResponseWriter, msgs []Message) {
	writeMessages(w, http.StatusUnprocessableEntity, msgs...)
}
