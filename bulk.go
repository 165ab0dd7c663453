package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"

	"github.com/gongyou/gongyou/knowledge/faq"
	"github.com/gongyou/gongyou/knowledge/importfile"
	"github.com/gongyou/gongyou/knowledge/listings"
	"github.com/gongyou/gongyou/knowledge/scam"
	"github.com/gongyou/gongyou/store"
)

// Bulk content: gongyou import FILE / gongyou export KIND. Each kind's
// reading, validating and writing lives in its domain package
// (importfile.Kind values); this file only dispatches.

// bulkKinds lists the kinds of content staff can import or export; each
// kind's file format lives with its domain.
func bulkKinds() map[string]importfile.Kind {
	return map[string]importfile.Kind{
		"cases":       scam.CasesFile,
		"faqs":        faq.FAQsFile,
		"jobs":        listings.JobsFile,
		"stations":    listings.StationsFile,
		"trainings":   listings.TrainingsFile,
		"enrollments": listings.EnrollmentsFile,

		// read-only reports
		"faq-feedback": faq.FeedbackFile,
	}
}

// bulkEnv opens the store for an import or export. Imports seed the
// shipped content first (as every import always did; trainings excepted);
// exports write nothing.
func (a *app) bulkEnv(ctx context.Context) (importfile.Env, func(), error) {
	st, err := store.Open(ctx, a.cfg.DB, store.WithLogger(a.logger))
	if err != nil {
		return importfile.Env{}, nil, err
	}
	env := importfile.Env{Store: st, Logger: a.logger, Warn: a.stderr}
	env.Seed = func(ctx context.Context) error {
		_, err := a.seed(ctx, st)
		return err
	}
	return env, func() { st.Close() }, nil
}

// importFile is `gongyou import [--kind KIND] FILE`.
func (a *app) importFile(ctx context.Context, args []string) error {
	kind := ""
	if len(args) == 3 && args[0] == "--kind" {
		kind, args = args[1], args[2:]
	} else if len(args) == 2 && strings.HasPrefix(args[0], "--kind=") {
		kind, args = strings.TrimPrefix(args[0], "--kind="), args[1:]
	}
	if len(args) != 1 {
		return fmt.Errorf("%w: gongyou import [--kind cases|faqs|jobs|stations|trainings] FILE", errUsage)
	}
	name := args[0]
	if os.Getenv("GOMEMLIMIT") == "" {
		// A soft limit: the collector works harder rather than let a big
		// file's garbage double the heap (README: import limits).
		debug.SetMemoryLimit(importMemoryLimit)
	}
	data, err := readImportFile(name)
	if err != nil {
		return err
	}
	csv := strings.EqualFold(filepath.Ext(name), ".csv")
	kinds := bulkKinds()
	if kind == "" {
		kind = importfile.DetectKind(data, csv, kinds)
		if kind == "" {
			return fmt.Errorf("%s: cannot tell what the file holds; name it with --kind cases|faqs|jobs|stations|trainings", name)
		}
	}
	k, ok := kinds[kind]
	if !ok || k.Import == nil {
		return fmt.Errorf("%w: cannot import %q", errUsage, kind)
	}
	env, done, err := a.bulkEnv(ctx)
	if err != nil {
		return fmt.Errorf("%s: nothing imported:\n%w", name, err)
	}
	defer done()
	n, err := k.Import(ctx, env, name, data, csv)
	var problems importfile.ImportErrors
	if errors.As(err, &problems) {
		// Staff fix the file from this list: one problem a line, with line and field.
		fmt.Fprintf(a.stderr, "%s: nothing imported; %d problem(s):\n%v\n", name, problems.Total(), problems)
		return fmt.Errorf("%s: nothing imported: %d problem(s)", name, problems.Total())
	}
	if err != nil {
		return fmt.Errorf("%s: nothing imported:\n%w", name, err)
	}
	fmt.Fprintf(a.stdout, "imported %d %s from %s\n", n, kind, name)
	return nil
}

// importMemoryLimit is the Go runtime's soft memory limit during an import.
const importMemoryLimit = 150 << 20

// readImportFile reads an import file, refusing one over
// importfile.MaxImportBytes before reading it (and, for a pipe or a file
// still growing, after reading one byte more than the limit).
func readImportFile(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() && fi.Size() > importfile.MaxImportBytes {
		return nil, fmt.Errorf("%s: nothing imported: %v", name, importfile.TooBig(fi.Size()))
	}
	data, err := io.ReadAll(io.LimitReader(f, importfile.MaxImportBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > importfile.MaxImportBytes {
		return nil, fmt.Errorf("%s: nothing imported: %v", name, importfile.TooBig(int64(len(data))))
	}
	return data, nil
}

// export is `gongyou export KIND [--csv]`.
func (a *app) export(ctx context.Context, args []string) error {
	csv := false
	if len(args) == 2 && args[1] == "--csv" {
		csv, args = true, args[:1]
	}
	usage := fmt.Errorf("%w: gongyou export cases|faqs|faq-feedback|jobs|stations|trainings|enrollments [--csv]", errUsage)
	if len(args) != 1 {
		return usage
	}
	k, ok := bulkKinds()[args[0]]
	if !ok || k.Export == nil {
		return usage
	}
	env, done, err := a.bulkEnv(ctx)
	if err != nil {
		return err
	}
	defer done()
	return k.Export(ctx, env, a.stdout, csv)
}
