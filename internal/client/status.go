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
	return doJSON[Status](ctx, c, Request{Method: http.MethodGet, Path: "/status", Auth: AuthNone})
}
