package main

import (
	"context"
	"errors"
	"path/filepath"

	"github.com/gongyou/gongyou/knowledge/scam"
)

func importCases(ctx context.Context, a *app, name string, data []byte, csv bool) (int, error) {
	if csv {
		return 0, errors.New("case studies are imported from YAML, not CSV")
	}
	cases, err := scam.ParseCasesYAML(data)
	if err != nil {
		return 0, err
	}
	st, base, err := a.open(ctx)
	if err != nil {
		return 0, err
	}
	defer st.Close()
	// The author names the file: every revision and audit entry says where it came from.
	if err := base.Import(ctx, cases, "cli:"+filepath.Base(name)); err != nil {
		return 0, err
	}
	return len(cases), nil
}

func exportCases(ctx context.Context, a *app, csv bool) error {
	if csv {
		return errors.New("case studies are exported as YAML only")
	}
	st, base, err := a.open(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	cases, err := base.Export(ctx)
	if err != nil {
		return err
	}
	out, err := scam.MarshalCasesYAML(cases)
	if err != nil {
		return err
	}
	_, err = a.stdout.Write(out)
	return err
}
