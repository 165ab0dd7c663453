package scam

import (
	"context"
	"errors"
	"io"
	"path/filepath"
	"sort"

	"github.com/gongyou/gongyou/knowledge/importfile"
)

// CasesFile is `gongyou import/export cases`: case studies as YAML.
var CasesFile = importfile.Kind{Import: importCases, Export: exportCases, YAMLKeys: []string{"story_zh", "type"}}

func importCases(ctx context.Context, env importfile.Env, name string, data []byte, csv bool) (int, error) {
	if csv {
		return 0, errors.New("case studies are imported from YAML, not CSV")
	}
	cases, err := ParseCasesYAML(data)
	if err != nil {
		return 0, err
	}
	if env.Seed != nil {
		if err := env.Seed(ctx); err != nil {
			return 0, err
		}
	}
	base, err := NewBase(ctx, env.Store, env.Logger)
	if err != nil {
		return 0, err
	}
	// The author names the file: every revision and audit entry says where it came from.
	if err := base.Import(ctx, cases, "cli:"+filepath.Base(name)); err != nil {
		return 0, err
	}
	return len(cases), nil
}

// exportCases reads the store as it is: no seeding.
func exportCases(ctx context.Context, env importfile.Env, w io.Writer, csv bool) error {
	if csv {
		return errors.New("case studies are exported as YAML only")
	}
	recs, err := env.Store.Cases(ctx)
	if err != nil {
		return err
	}
	cases := make([]Case, 0, len(recs))
	for _, r := range recs {
		c, err := CaseFromRecord(r)
		if err != nil {
			env.Logger.Warn("skipping unreadable case", "id", r.ID, "err", err)
			continue
		}
		cases = append(cases, c)
	}
	sort.Slice(cases, func(i, j int) bool { return cases[i].ID < cases[j].ID })
	out, err := MarshalCasesYAML(cases)
	if err != nil {
		return err
	}
	_, err = w.Write(out)
	return err
}
