package framework

import (
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// Holders of one key never overlap: each records its entry and exit, and
// a second holder inside the critical section is detected directly (not
// inferred from lost updates, which a fast loop rarely produces). The short
// sleep inside widens the window so that, without the lock, overlap is
// certain rather than likely.
func TestKeyedMutexSerialisesPerKey(t *testing.T) {
	k := NewKeyedMutex()
	const perKey = 40
	inside := map[string]*atomic.Int32{"a": new(atomic.Int32), "b": new(atomic.Int32)}
	var overlaps atomic.Int32
	var wg sync.WaitGroup
	for i := 0; i < 2*perKey; i++ {
		key := "a"
		if i%2 == 0 {
			key = "b"
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			unlock := k.Lock(key)
			defer unlock()
			if n := inside[key].Add(1); n > 1 {
				overlaps.Add(1)
			}
			time.Sleep(200 * time.Microsecond)
			inside[key].Add(-1)
		}()
	}
	wg.Wait()
	if n := overlaps.Load(); n != 0 {
		t.Fatalf("%d times a second holder entered a key's critical section", n)
	}
	if len(k.locks) != 0 {
		t.Fatalf("%d lock entries leaked", len(k.locks))
	}
}

// A second Lock of a held key waits until the first is released, while a
// different key is available at once.
func TestKeyedMutexBlocksSameKeyOnly(t *testing.T) {
	k := NewKeyedMutex()
	unlockA := k.Lock("a")

	other := make(chan struct{})
	go func() {
		k.Lock("b")()
		close(other)
	}()
	select {
	case <-other:
	case <-time.After(5 * time.Second):
		t.Fatal("Lock(b) blocked while only a was held")
	}

	got := make(chan struct{})
	go func() {
		k.Lock("a")()
		close(got)
	}()
	select {
	case <-got:
		t.Fatal("Lock(a) returned while a was held")
	case <-time.After(50 * time.Millisecond):
	}
	unlockA()
	select {
	case <-got:
	case <-time.After(5 * time.Second):
		t.Fatal("Lock(a) still blocked after a was released")
	}
	if len(k.locks) != 0 {
		t.Fatalf("%d lock entries leaked", len(k.locks))
	}
}
