package main

import (
	"context"

	"github.com/gongyou/gongyou/knowledge/listings"
	"github.com/gongyou/gongyou/store"
)

// importStations validates every station, then writes all in one
// transaction (new ids added, known ids replaced).
func importStations(ctx context.Context, a *app, name string, data []byte, csv bool) (int, error) {
	parse := listings.ParseStationsYAML
	if csv {
		parse = listings.ParseStationsCSV
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
	out := make([]listings.Station, len(recs))
	for i, r := range recs {
		out[i] = listings.StationFromRecord(r)
	}
	marshal := listings.MarshalStationsYAML
	if csv {
		marshal = listings.MarshalStationsCSV
	}
	b, err := marshal(out)
	if err != nil {
		return err
	}
	_, err = a.stdout.Write(b)
	return err
}
