package importfile

import (
	"context"
	"io"
	"log/slog"

	"github.com/gongyou/gongyou/store"
)

// Env is what an import or an export of one kind gets.
type Env struct {
	Store  *store.Store
	Logger *slog.Logger
	// Warn receives notes for staff (skipped or suspicious records).
	Warn io.Writer
	// Seed is the seeding step (shipped content on first start), run by the
	// imports that always ran it; exports never call it.
	Seed func(ctx context.Context) error
}

// Kind is one kind of content staff can import or export with
// `gongyou import` / `gongyou export`. Each domain package declares its own
// (scam.CasesFile, faq.FAQsFile, listings.JobsFile, …).
type Kind struct {
	// Import validates data (the file's bytes, named name) and writes all of
	// it in one transaction, or nothing. It returns how many records it
	// wrote. Nil: the kind cannot be imported.
	Import func(ctx context.Context, env Env, name string, data []byte, csv bool) (int, error)
	// Export writes every record to w (YAML, or CSV when csv). It writes
	// nothing to the store.
	Export func(ctx context.Context, env Env, w io.Writer, csv bool) error
	// YAMLKeys are fields only this kind's YAML records have, used to tell
	// the kind of a file when --kind is not given.
	YAMLKeys []string
}

// DetectKind guesses the kind of a file: CSV files hold jobs; a YAML list
// is known by a field of its first record.
func DetectKind(data []byte, csv bool, kinds map[string]Kind) string {
	if csv {
		return "jobs"
	}
	var errs ImportErrors
	for r := range YAMLRecords(data, &errs) { // the first record only
		var first map[string]any
		if err := r.Node.Decode(&first); err != nil {
			return ""
		}
		for kind, k := range kinds {
			for _, key := range k.YAMLKeys {
				if _, ok := first[key]; ok {
					return kind
				}
			}
		}
		return ""
	}
	return ""
}
