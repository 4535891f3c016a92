package provider

import (
	"sync"
	"testing"
)

func TestKeyedMutexSerialisesPerKey(t *testing.T) {
	k := NewKeyedMutex()
	counters := map[string]int{"a": 0, "b": 0}
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
			v := counters[key] // read-modify-write under the key's lock only
			counters[key] = v + 1
			unlock()
		}()
	}
	wg.Wait()
	if counters["a"] != 100 || counters["b"] != 100 {
		t.Fatalf("lost updates: %v", counters)
	}
	if len(k.locks) != 0 {
		t.Fatalf("%d lock entries leaked", len(k.locks))
	}
}
