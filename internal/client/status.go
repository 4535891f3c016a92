package client

import (
	"context"
	"net/http"
)

// Status is the gateway's system status (GET /status): NORMAL,
// EXCESSIVE_LATENCY, SERVICE_UNRELIABLE or SERVICE_UNAVAILABLE.
type Status struct {
	Status string `json:"status"`
}

// GetStatus needs no credentials.
func (c *Client) GetStatus(ctx context.Context) (*Status, error) {
	var out Status
	if err := c.Do(ctx, Request{Method: http.MethodGet, Path: "/status", Auth: AuthNone}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}
