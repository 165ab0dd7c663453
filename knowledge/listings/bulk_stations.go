package listings

import (
	"context"
	"io"

	"github.com/gongyou/gongyou/knowledge/importfile"
	"github.com/gongyou/gongyou/store"
)

// importStations validates every station, then writes all in one
// transaction (new ids added, known ids replaced).
func importStations(ctx context.Context, env importfile.Env, name string, data []byte, csv bool) (int, error) {
	parse := ParseStationsYAML
	if csv {
		parse = ParseStationsCSV
	}
	sts, err := parse(data)
	if err != nil {
		return 0, err
	}
	if env.Seed != nil {
		if err := env.Seed(ctx); err != nil {
			return 0, err
		}
	}
	st := env.Store
	recs := make([]store.Station, len(sts))
	for i, s := range sts {
		recs[i] = s.Record()
	}
	return st.ImportStations(ctx, recs)
}

// exportStations writes every station (YAML, or CSV with csv).
func exportStations(ctx context.Context, env importfile.Env, w io.Writer, csv bool) error {
	st := env.Store
	recs, err := st.AllStations(ctx)
	if err != nil {
		return err
	}
	out := make([]Station, len(recs))
	for i, r := range recs {
		out[i] = StationFromRecord(r)
	}
	marshal := MarshalStationsYAML
	if csv {
		marshal = MarshalStationsCSV
	}
	b, err := marshal(out)
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

// StationsFile is `gongyou import/export stations` (YAML or CSV).
var StationsFile = importfile.Kind{Import: importStations, Export: exportStations, YAMLKeys: []string{"address"}}
