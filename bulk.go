package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/gongyou/gongyou/knowledge/importfile"
)

// Bulk content: gongyou import FILE / gongyou export KIND. Each kind's
// reading, validating and writing lives in its own bulk_<kind>.go file.

// bulkKind is one kind of content staff can import or export.
type bulkKind struct {
	// importFile validates data (the file's bytes, named name) and writes
	// all of it in one transaction, or nothing. It returns how many records
	// it wrote.
	importFile func(ctx context.Context, a *app, name string, data []byte, csv bool) (int, error)
	// export writes every record to a.stdout (YAML, or CSV when csv).
	export func(ctx context.Context, a *app, csv bool) error
	// yamlKeys are fields only this kind's YAML records have, used to tell
	// the kind of a file when --kind is not given.
	yamlKeys []string
}

func (a *app) bulkKinds() map[string]bulkKind {
	return map[string]bulkKind{
		"cases":       {importFile: importCases, export: exportCases, yamlKeys: []string{"story_zh", "type"}},
		"faqs":        {importFile: importFAQs, export: exportFAQs, yamlKeys: []string{"question_zh"}},
		"jobs":        {importFile: importJobs, export: exportJobs, yamlKeys: []string{"employer"}},
		"stations":    {importFile: importStations, export: exportStations, yamlKeys: []string{"address"}},
		"trainings":   {importFile: importTrainings, export: exportTrainings, yamlKeys: []string{"provider"}},
		"enrollments": {export: exportEnrollments},

		// read-only reports
		"faq-feedback": {export: exportFAQFeedback},
	}
}

var errNotYet = errors.New("not supported yet")

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
	data, err := os.ReadFile(name)
	if err != nil {
		return err
	}
	csv := strings.EqualFold(filepath.Ext(name), ".csv")
	kinds := a.bulkKinds()
	if kind == "" {
		kind = detectKind(data, csv, kinds)
		if kind == "" {
			return fmt.Errorf("%s: cannot tell what the file holds; name it with --kind cases|faqs|jobs|stations|trainings", name)
		}
	}
	k, ok := kinds[kind]
	if !ok || k.importFile == nil {
		return fmt.Errorf("%w: cannot import %q", errUsage, kind)
	}
	n, err := k.importFile(ctx, a, name, data, csv)
	var problems importfile.ImportErrors
	if errors.As(err, &problems) {
		// Staff fix the file from this list: one problem a line, with line and field.
		fmt.Fprintf(a.stderr, "%s: nothing imported; %d problem(s):\n%v\n", name, len(problems), problems)
		return fmt.Errorf("%s: nothing imported: %d problem(s)", name, len(problems))
	}
	if err != nil {
		return fmt.Errorf("%s: nothing imported:\n%w", name, err)
	}
	fmt.Fprintf(a.stdout, "imported %d %s from %s\n", n, kind, name)
	return nil
}

// detectKind guesses the kind of a file: CSV files hold jobs; a YAML list
// is known by a field of its first record.
func detectKind(data []byte, csv bool, kinds map[string]bulkKind) string {
	if csv {
		return "jobs"
	}
	var list []map[string]any
	if err := yaml.Unmarshal(data, &list); err != nil || len(list) == 0 {
		return ""
	}
	for kind, k := range kinds {
		for _, key := range k.yamlKeys {
			if _, ok := list[0][key]; ok {
				return kind
			}
		}
	}
	return ""
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
	k, ok := a.bulkKinds()[args[0]]
	if !ok || k.export == nil {
		return usage
	}
	return k.export(ctx, a, csv)
}
