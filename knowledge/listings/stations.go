package listings

import (
	_ "embed"
	"iter"
	"time"

	"github.com/gongyou/gongyou/knowledge/importfile"
	"github.com/gongyou/gongyou/knowledge/norm"
	"github.com/gongyou/gongyou/knowledge/places"
	"github.com/gongyou/gongyou/store"
)

// Station is a public employment service centre, an odd-job market
// (零工市场) or an official online service, by city.
type Station struct {
	ID        string `yaml:"id"`
	City      string `yaml:"city"` // a city, or 全国 for services everyone can use
	District  string `yaml:"district,omitempty"`
	Name      string `yaml:"name"`
	Kind      string `yaml:"kind"`    // public | odd_jobs | online
	Address   string `yaml:"address"` // "" when not confirmed: how_to_find says how to get it
	Hours     string `yaml:"hours,omitempty"`
	Services  string `yaml:"services"`
	HowToFind string `yaml:"how_to_find,omitempty"`
	Source    string `yaml:"source"`
	Checked   string `yaml:"checked"` // YYYY-MM-DD the entry was last checked
}

var stationFields = []string{"id", "city", "district", "name", "kind", "address", "hours", "services", "how_to_find", "source", "checked"}

// Station kinds.
const (
	StationPublic  = "public"
	StationOddJobs = "odd_jobs"
	StationOnline  = "online"
)

// ParseStationsYAML reads a YAML list of stations and validates them.
func ParseStationsYAML(data []byte) ([]Station, error) {
	var errs importfile.ImportErrors
	return decodeStations(importfile.YAMLRecords(data, &errs), &errs)
}

// ParseStationsCSV reads stations from CSV with a header row.
func ParseStationsCSV(data []byte) ([]Station, error) {
	var errs importfile.ImportErrors
	return decodeStations(csvRecords(data, stationFields, nil, &errs), &errs)
}

func decodeStations(recs iter.Seq[importfile.YAMLRecord], errs *importfile.ImportErrors) ([]Station, error) {
	var out []Station
	seen := map[string]int{}
	for r := range recs {
		var s Station
		if fe := r.Decode(&s); len(fe) > 0 {
			errs.Add(fe...)
			continue
		}
		fe := s.validate(r)
		if prev, dup := seen[s.ID]; dup && s.ID != "" {
			fe = append(fe, r.Err("id", "duplicate id; first used at line %d", prev))
		} else {
			seen[s.ID] = r.Line
		}
		if len(fe) > 0 {
			errs.Add(fe...)
			continue
		}
		out = append(out, s)
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

func (s *Station) validate(r importfile.YAMLRecord) []importfile.FieldError {
	var errs []importfile.FieldError
	bad := func(field, format string, args ...any) { errs = append(errs, r.Err(field, format, args...)) }
	trimAll(&s.ID, &s.City, &s.District, &s.Name, &s.Kind, &s.Address, &s.Hours, &s.Services, &s.HowToFind, &s.Source, &s.Checked)
	if !jobIDPattern.MatchString(s.ID) {
		bad("id", "want 2-32 characters of a-z 0-9 _ -, got %q", norm.Clip(s.ID, 40, "…"))
	}
	for _, f := range []struct{ name, v string }{{"city", s.City}, {"name", s.Name}, {"kind", s.Kind},
		{"services", s.Services}, {"source", s.Source}, {"checked", s.Checked}} {
		if f.v == "" {
			bad(f.name, "required")
		}
	}
	if s.Address == "" && s.HowToFind == "" {
		bad("address", "give the address, or how_to_find saying how a worker gets it (12333, the city's 人社局 website)")
	}
	for _, f := range []struct {
		name string
		v    string
		max  int
	}{{"name", s.Name, maxEmployer}, {"district", s.District, 20}, {"address", s.Address, 100},
		{"hours", s.Hours, maxShortField}, {"services", s.Services, maxApply}, {"how_to_find", s.HowToFind, maxApply},
		{"source", s.Source, maxSource}} {
		if msg := checkText(f.v, f.max); msg != "" {
			bad(f.name, "%s", msg)
		}
	}
	if s.City != "" && s.City != Nationwide {
		if c, ok := places.FindCity(s.City); ok {
			s.City = c.ZH
		} else {
			bad("city", "unknown city %q: use the name of a prefecture-level city, or %s", norm.Clip(s.City, 20, "…"), Nationwide)
		}
	}
	switch s.Kind {
	case StationPublic, StationOddJobs, StationOnline, "":
	default:
		bad("kind", "want public, odd_jobs or online, got %q", norm.Clip(s.Kind, 20, "…"))
	}
	if _, err := time.Parse(time.DateOnly, s.Checked); s.Checked != "" && err != nil {
		bad("checked", "want a date YYYY-MM-DD, got %q", norm.Clip(s.Checked, 20, "…"))
	}
	return errs
}

// Record is the station as the store keeps it.
func (s Station) Record() store.Station {
	return store.Station{ID: s.ID, City: s.City, District: s.District, Name: s.Name, Kind: s.Kind, Address: s.Address,
		Hours: s.Hours, Services: s.Services, HowToFind: s.HowToFind, Source: s.Source, Checked: s.Checked}
}

// MarshalStationsYAML writes stations in the format ParseStationsYAML reads.
func MarshalStationsYAML(st []Station) ([]byte, error) { return marshalYAML(st) }

// MarshalStationsCSV writes stations as CSV with a header row.
func MarshalStationsCSV(st []Station) ([]byte, error) {
	rows := make([][]string, 0, len(st))
	for _, s := range st {
		rows = append(rows, []string{s.ID, s.City, s.District, s.Name, s.Kind, s.Address, s.Hours, s.Services,
			s.HowToFind, s.Source, s.Checked})
	}
	return writeCSV(stationFields, rows)
}
