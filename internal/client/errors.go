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
// Text from the API is stripped of control characters and shortened
// (SanitizeText), so a hostile or broken reply cannot drive the terminal.
func (m Message) String() string {
	text := SanitizeText(m.Message, maxShownMessage)
	code := SanitizeText(m.Code, 100)
	if text == "" {
		text = code
	}
	detail := code
	if m.SubCode != "" {
		detail += "/" + SanitizeText(m.SubCode, 100)
	}
	if m.Context != "" {
		detail += " at " + SanitizeText(m.Context, 100)
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
		if i == maxShownMessages {
			fmt.Fprintf(&b, "; and %d more", len(e.Messages)-i)
			break
		}
		if i == 0 {
			b.WriteString(": ")
		} else {
			b.WriteString("; ")
		}
		b.WriteString(m.String())
	}
	return b.String()
}

// maxShownMessages caps how many messages an APIError shows.
const maxShownMessages = 10

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
