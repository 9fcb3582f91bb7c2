package schema

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"testing"
)

// TestPreparedQueriesAreShared runs one query text with different variables
// from many goroutines at once (under -race in CI): the parsed document is
// shared, and each answer must still be its own.
func TestPreparedQueriesAreShared(t *testing.T) {
	sch := testSchema(t)
	const q = `query($p: String) { roles(person: $p) { person { name } role } }`
	want := map[string]string{}
	for _, p := range []string{"Ivar Lunde", "Kari Berg", "Nobody"} {
		b, _ := json.Marshal(sch.Execute(context.Background(), q, map[string]any{"p": p}, "").Data)
		want[p] = string(b)
	}
	if want["Ivar Lunde"] == want["Kari Berg"] {
		t.Fatalf("the two people give the same answer: %s", want["Ivar Lunde"])
	}
	var wg sync.WaitGroup
	errs := make(chan error, 60)
	for i := range 60 {
		wg.Go(func() {
			p := []string{"Ivar Lunde", "Kari Berg", "Nobody"}[i%3]
			b, _ := json.Marshal(sch.Execute(context.Background(), q, map[string]any{"p": p}, "").Data)
			if string(b) != want[p] {
				errs <- fmt.Errorf("roles(person: %q) = %s, want %s", p, b, want[p])
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if r := sch.Execute(context.Background(), `{ roles { nope } }`, nil, ""); len(r.Errors) == 0 {
		t.Error("an invalid query gave no error")
	}
	if r := sch.Execute(context.Background(), `{ roles { nope } }`, nil, ""); len(r.Errors) == 0 {
		t.Error("an invalid query, asked again from the cache, gave no error")
	}
}
