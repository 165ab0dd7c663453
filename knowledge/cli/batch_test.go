package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"
)

type echoIn struct {
	ID json.RawMessage `json:"id"`
	N  *int            `json:"n"`
}

func (in echoIn) LineID() json.RawMessage { return in.ID }

func (in echoIn) Problem() string {
	if in.N == nil {
		return `missing "n"`
	}
	return ""
}

// TestBatchOrderAndLineErrors: replies that come late and out of order are
// written in input order; unusable lines get an error line; blank lines none.
func TestBatchOrderAndLineErrors(t *testing.T) {
	var in, want strings.Builder
	for i := 0; i < 50; i++ {
		fmt.Fprintf(&in, "{\"id\":%d,\"n\":%d}\n", i, i)
		fmt.Fprintf(&want, "%d:%d\n", i, i)
		if i == 10 {
			in.WriteString("\n  \nnot json\n{\"id\":\"a\"}\n{\"id\":\"b\",\"n\":\"x\"}\n")
			want.WriteString(`{"id":null,"error":"invalid JSON: invalid character 'o' in literal null (expecting 'u')"}` + "\n" +
				`{"id":"a","error":"missing \"n\""}` + "\n" + `{"id":"b","error":"field \"n\" has the wrong type"}` + "\n")
		}
	}
	var out bytes.Buffer
	err := Batch[echoIn]{
		Workers: 3,
		Handle: func(ctx context.Context, id json.RawMessage, in echoIn, reply func([]byte)) {
			go func() {
				time.Sleep(time.Duration(50-*in.N) * 50 * time.Microsecond)
				reply([]byte(fmt.Sprintf("%s:%d\n", id, *in.N)))
			}()
		},
	}.Run(context.Background(), strings.NewReader(in.String()), &out)
	if err != nil {
		t.Fatal(err)
	}
	if out.String() != want.String() {
		t.Errorf("got\n%s\nwant\n%s", out.String(), want.String())
	}
}
