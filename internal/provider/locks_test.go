package provider

import (
	"sync"
	"testing"
)

func TestKeyedMutexSerialisesPerKey(t *testing.T) {
	k := NewKeyedMutex()
	var a, b int
	counters := map[string]*int{"a": &a, "b": &b} // read-only map; the ints are guarded by the keyed locks
	var wg sync.WaitGroup
	for i := 0; i < 200; i++ {
		key := "a"
		if i%2 == 0 {
			key = "b"
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			unlock := k.Lock(key)
			p := counters[key]
			v := *p // read-modify-write under the key's lock only
			*p = v + 1
			unlock()
		}()
	}
	wg.Wait()
	if a != 100 || b != 100 {
		t.Fatalf("lost updates: a=%d b=%d", a, b)
	}
	if len(k.locks) != 0 {
		t.Fatalf("%d lock entries leaked", len(k.locks))
	}
}
