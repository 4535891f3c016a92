package client

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
)

// Message is one entry of the `messages[]` array the AffiniPay APIs return
// with errors and warnings (API reference, "Messages and Errors").
type Message struct {
	Code     string `json:"code,omitempty"`
	SubCode  string `json:"sub_code,omitempty"`
	Context  string `json:"context,omitempty"`
	Level    string `json:"level,omitempty"`
	Message  string `json:"message,omitempty"`
	Facility string `json:"facility,omitempty"`
}

// String renders a message for humans: "Contact phone is invalid (invalid_data/invalid at contact_phone)".
func (m Message) String() string {
	text := m.Message
	if text == "" {
		text = m.Code
	}
	detail := m.Code
	if m.SubCode != "" {
		detail += "/" + m.SubCode
	}
	if m.Context != "" {
		detail += " at " + m.Context
	}
	if detail == "" || detail == text {
		return text
	}
	return fmt.Sprintf("%s (%s)", text, detail)
}

// APIError is returned for every non-2xx response: the HTTP status and the
// decoded messages. Use errors.As to get at it, or the Is* helpers.
type APIError struct {
	Method     string
	Path       string
	StatusCode int
	Messages   []Message
}

func (e *APIError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "AffiniPay API %s %s returned %d %s", e.Method, e.Path, e.StatusCode, http.StatusText(e.StatusCode))
	for i, m := range e.Messages {
		if i == 0 {
			b.WriteString(": ")
		} else {
			b.WriteString("; ")
		}
		b.WriteString(m.String())
	}
	return b.String()
}

// HasCode reports whether any message carries the given code.
func (e *APIError) HasCode(code string) bool {
	for _, m := range e.Messages {
		if m.Code == code {
			return true
		}
	}
	return false
}

// IsNotFound reports whether err is a 404 from the API.
func IsNotFound(err error) bool {
	var apiErr *APIError
	return errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusNotFound
}

// IsConflict reports whether err is a 409 (for example `resource_exists`
// for a duplicate source_id).
func IsConflict(err error) bool {
	var apiErr *APIError
	return errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusConflict
}

// HasCode reports whether err is an APIError carrying the given message code.
func HasCode(err error, code string) bool {
	var apiErr *APIError
	return errors.As(err, &apiErr) && apiErr.HasCode(code)
}

// MissingCredentialError is returned when an operation needs a credential the
// provider was not configured with. It names the attribute and its env var.
type MissingCredentialError struct {
	Attribute string
	EnvVar    string
	Purpose   string
	Hint      string
}

func (e *MissingCredentialError) Error() string {
	msg := fmt.Sprintf("%s needs the provider attribute %q (or the environment variable %s), which is not set", e.Purpose, e.Attribute, e.EnvVar)
	if e.Hint != "" {
		msg += "; " + e.Hint
	}
	return msg
}
