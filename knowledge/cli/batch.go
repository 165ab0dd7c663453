package cli

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// BatchInput is the decoded form of one --batch line.
type BatchInput interface {
	// LineID is the line's "id", raw JSON (empty when the line has none).
	LineID() json.RawMessage
	// Problem says what is wrong with a decoded line ("" when nothing is):
	// a missing field, a bad value.
	Problem() string
}

// Batch is the --batch runner of `check` and `ask`: JSON Lines in, one
// output line per non-blank input line out, in input order, with up to
// Workers lines handled at once. A line that cannot be used (too long, not
// JSON, a field of the wrong type, a Problem) gets {"id":…,"error":"…"}
// and the batch goes on.
type Batch[In BatchInput] struct {
	// Workers is the number of lines handled at once (at least 1). Lines
	// read ahead are bounded by Workers×BatchInFlight.
	Workers int
	// Handle answers one usable line: it calls reply once with the output
	// line (newline-terminated), from its own goroutine or a later one.
	Handle func(ctx context.Context, id json.RawMessage, in In, reply func([]byte))
}

type batchJob struct {
	line    []byte
	tooLong bool
	out     chan []byte
}

// Run reads stdin to its end (or until ctx ends or a write fails) and
// returns the first read or write error, or ctx's.
func (b Batch[In]) Run(ctx context.Context, stdin io.Reader, stdout io.Writer) error {
	if stdin == nil {
		stdin = strings.NewReader("")
	}
	workers := max(b.Workers, 1)
	jobs := make(chan *batchJob, workers*BatchInFlight)
	order := make(chan *batchJob, workers*BatchInFlight)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	// Workers handle lines in parallel; the writer below prints the results
	// in input order. On cancellation nobody waits for stdin: a reader
	// blocked in Read cannot be interrupted, so it is left to end with the
	// process (or when its Read returns).
	for w := 0; w < workers; w++ {
		go func() {
			for {
				select {
				case j, ok := <-jobs:
					if !ok {
						return
					}
					b.line(ctx, j)
				case <-ctx.Done():
					return
				}
			}
		}()
	}

	readErr := make(chan error, 1)
	go func() {
		defer close(order)
		br := bufio.NewReaderSize(stdin, 64<<10)
		for ctx.Err() == nil {
			line, tooLong, err := ReadLine(br, MaxBatchLine)
			if tooLong || len(bytes.TrimSpace(line)) > 0 {
				j := &batchJob{line: line, tooLong: tooLong, out: make(chan []byte, 1)}
				select {
				case order <- j:
				case <-ctx.Done():
					readErr <- ctx.Err()
					return
				}
				select {
				case jobs <- j:
				case <-ctx.Done():
					readErr <- ctx.Err()
					return
				}
			}
			if err == io.EOF {
				readErr <- nil
				return
			}
			if err != nil {
				readErr <- err
				return
			}
		}
		readErr <- ctx.Err()
	}()

	bw := bufio.NewWriterSize(stdout, 64<<10)
	var writeErr error
	write := func(p []byte) {
		if writeErr == nil {
			if _, err := bw.Write(p); err != nil {
				writeErr = err
				cancel()
			}
		}
	}
loop:
	for {
		select {
		case j, ok := <-order:
			if !ok {
				break loop
			}
			select {
			case out := <-j.out:
				write(out)
			case <-ctx.Done():
				break loop
			}
			if len(order) == 0 && writeErr == nil {
				// nothing queued: let the consumer see the output now
				if err := bw.Flush(); err != nil {
					writeErr = err
					cancel()
				}
			}
		case <-ctx.Done():
			break loop
		}
	}
	if err := bw.Flush(); err != nil && writeErr == nil {
		writeErr = err
	}
	if writeErr != nil {
		return writeErr
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	return <-readErr
}

// line decodes one line and answers it, or its error.
func (b Batch[In]) line(ctx context.Context, j *batchJob) {
	var in In
	var errMsg string
	if j.tooLong {
		errMsg = fmt.Sprintf("line longer than %d bytes", MaxBatchLine)
	} else {
		var typeErr *json.UnmarshalTypeError
		if err := json.Unmarshal(j.line, &in); errors.As(err, &typeErr) {
			errMsg = fmt.Sprintf("field %q has the wrong type", typeErr.Field) // the id, if any, was still read
		} else if err != nil {
			var zero In
			in, errMsg = zero, "invalid JSON: "+err.Error()
		} else {
			errMsg = in.Problem()
		}
	}
	id := in.LineID()
	if len(id) == 0 || !json.Valid(id) {
		id = json.RawMessage("null")
	}
	if errMsg != "" {
		j.out <- ErrorLine(id, errMsg)
		return
	}
	b.Handle(ctx, id, in, func(out []byte) { j.out <- out })
}

// ErrorLine is the output line {"id":…,"error":msg}.
func ErrorLine(id json.RawMessage, msg string) []byte {
	b, _ := json.Marshal(struct {
		ID    json.RawMessage `json:"id"`
		Error string          `json:"error"`
	}{id, msg})
	return append(b, '\n')
}
