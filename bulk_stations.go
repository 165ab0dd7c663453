package main

import (
	"context"

	"github.com/gongyou/gongyou/knowledge"
	"github.com/gongyou/gongyou/store"
)

// importStations validates every station, then writes all in one
// transaction (new ids added, known ids replaced).
func importStations(ctx context.Context, a *app, name string, data []byte, csv bool) (int, error) {
	parse := knowledge.ParseStationsYAML
	if csv {
		parse = knowledge.ParseStationsCSV
	}
	sts, err := parse(data)
	if err != nil {
		return 0, err
	}
	st, _, err := a.open(ctx)
	if err != nil {
		return 0, err
	}
	defer st.Close()
	recs := make([]store.Station, len(sts))
	for i, s := range sts {
		recs[i] = s.Record()
	}
	return st.ImportStations(ctx, recs)
}

// exportStations writes every station (YAML, or CSV with csv).
func exportStations(ctx context.Context, a *app, csv bool) error {
	st, _, err := a.open(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	recs, err := st.AllStations(ctx)
	if err != nil {
		return err
	}
	out := make([]knowledge.Station, len(recs))
	for i, r := range recs {
		out[i] = knowledge.StationFromRecord(r)
	}
	marshal := knowledge.MarshalStationsYAML
	if csv {
		marshal = knowledge.MarshalStationsCSV
	}
	b, err := marshal(out)
	if err != nil {
		return err
	}
	_, err = a.stdout.Write(b)
	return err
}
