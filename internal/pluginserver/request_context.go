package pluginserver

import (
	"context"
	"sync"
	"time"
)

// requestContext stands for one request's context while the request runs:
// its values, its deadline and its cancellation. release, when the request
// returns, cancels it and drops the request's context, so that whatever
// keeps a requestContext after that (the framework keeps every request's
// context until StopProvider) keeps a few hundred bytes, not the request.
type requestContext struct {
	deadline    time.Time
	hasDeadline bool
	done        chan struct{}

	mu     sync.RWMutex
	parent context.Context // nil once released
	stop   func() bool     // unregisters the parent's AfterFunc (nil once released)
	err    error
}

func newRequestContext(parent context.Context) *requestContext {
	c := &requestContext{parent: parent, done: make(chan struct{})}
	c.deadline, c.hasDeadline = parent.Deadline()
	c.stop = context.AfterFunc(parent, func() { c.cancel(parent.Err()) })
	return c
}

// cancel closes Done with err, once.
func (c *requestContext) cancel(err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.err != nil {
		return
	}
	c.err = err
	close(c.done)
}

// release ends the request: the context is cancelled (if it is not yet)
// and no longer holds the request's context or its values.
func (c *requestContext) release() {
	c.stop()
	c.cancel(context.Canceled)
	c.mu.Lock()
	// stop holds the AfterFunc's registration, which holds the parent.
	c.parent, c.stop = nil, nil
	c.mu.Unlock()
}

func (c *requestContext) Deadline() (time.Time, bool) { return c.deadline, c.hasDeadline }

func (c *requestContext) Done() <-chan struct{} { return c.done }

func (c *requestContext) Err() error {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.err
}

// Value is the request context's value while the request runs, and nil
// after it returned.
func (c *requestContext) Value(key any) any {
	c.mu.RLock()
	p := c.parent
	c.mu.RUnlock()
	if p == nil {
		return nil
	}
	return p.Value(key)
}
