package listings

import (
	"bytes"
	"context"
	_ "embed"
	"fmt"
	"iter"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/gongyou/gongyou/knowledge/importfile"
	"github.com/gongyou/gongyou/knowledge/norm"
	"github.com/gongyou/gongyou/knowledge/places"
	"github.com/gongyou/gongyou/knowledge/scam"
	"github.com/gongyou/gongyou/knowledge/seed"
	"github.com/gongyou/gongyou/store"
)

// Job postings and public employment service stations: the file formats
// staff import (YAML and CSV), their validation, and the scam screen every
// posting passes before it is stored.

// Pay units.
const (
	PayHour  = "hour"
	PayDay   = "day"
	PayMonth = "month"
	PayPiece = "piece"
)

// payBounds are the sane limits of one pay figure per unit, in yuan. A
// figure outside is a typo or a lure ("日结 3000").
var payBounds = map[string][2]float64{
	PayHour:  {10, 300},
	PayDay:   {60, 1500},
	PayMonth: {1000, 50000},
	PayPiece: {0.01, 2000},
}

// PayUnitLabel is "元/天", "yuan/day", … for a unit.
func PayUnitLabel(unit, lang string) string {
	zh := map[string]string{PayHour: "元/小时", PayDay: "元/天", PayMonth: "元/月", PayPiece: "元/件"}
	en := map[string]string{PayHour: "yuan/hour", PayDay: "yuan/day", PayMonth: "yuan/month", PayPiece: "yuan/piece"}
	if lang == "en" {
		return en[unit]
	}
	return zh[unit]
}

// Verification of an employer, shown as a badge.
const (
	VerifiedNone    = ""
	VerifiedLicence = "licence" // unified social credit code given and well-formed
	VerifiedPublic  = "public"  // published by a public employment service
)

// Job is one posting as staff write it (YAML or CSV, same field names).
type Job struct {
	ID        string  `yaml:"id"`
	Sample    bool    `yaml:"sample"`
	Title     string  `yaml:"title"`
	Employer  string  `yaml:"employer"`
	Verified  string  `yaml:"verified"`          // licence | public | "" (not verified)
	Licence   string  `yaml:"licence,omitempty"` // 统一社会信用代码, 18 characters
	City      string  `yaml:"city"`
	District  string  `yaml:"district,omitempty"`
	Trade     string  `yaml:"trade"`
	PayMin    float64 `yaml:"pay_min"`
	PayMax    float64 `yaml:"pay_max"`
	PayUnit   string  `yaml:"pay_unit"`
	Hours     string  `yaml:"hours,omitempty"`
	Housing   string  `yaml:"housing,omitempty"`
	Meals     string  `yaml:"meals,omitempty"`
	Contract  bool    `yaml:"contract"`
	Insurance bool    `yaml:"social_insurance"`
	Apply     string  `yaml:"apply"`
	Details   string  `yaml:"details,omitempty"`
	Source    string  `yaml:"source"`
	Posted    string  `yaml:"posted"`  // YYYY-MM-DD
	Expires   string  `yaml:"expires"` // YYYY-MM-DD: the last day the posting is shown (China time)
}

// jobFields is the CSV header, in order; it names the same fields as YAML.
var jobFields = []string{"id", "sample", "title", "employer", "verified", "licence", "city", "district", "trade",
	"pay_min", "pay_max", "pay_unit", "hours", "housing", "meals", "contract", "social_insurance", "apply",
	"details", "source", "posted", "expires"}

// Nationwide is the city of stations every worker can use.
const Nationwide = "全国"

// ChinaTime is the zone posting dates are written in (UTC+8, no DST).
var ChinaTime = time.FixedZone("CST", 8*3600)

// Text limits, in runes.
const (
	maxJobTitle   = 40
	maxEmployer   = 60
	maxShortField = 60
	maxApply      = 200
	maxDetails    = 500
	maxSource     = 120
	maxJobSpan    = 366 * 24 * time.Hour
)

var jobIDPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{1,31}$`)

// SeedJobs returns the sample postings shipped with Gongyou.
func SeedJobs() ([]Job, error) { return ParseJobsYAML(seed.JobsYAML) }

// SeedStations returns the stations shipped with Gongyou.
func SeedStations() ([]Station, error) { return ParseStationsYAML(seed.StationsYAML) }

// ParseJobsYAML reads a YAML list of postings and validates every one.
// A file with any problem returns ImportErrors naming line, id and field.
func ParseJobsYAML(data []byte) ([]Job, error) {
	var errs importfile.ImportErrors
	return decodeJobs(importfile.YAMLRecords(data, &errs), &errs)
}

// ParseJobsCSV reads postings from CSV with a header row naming the fields
// (the YAML names; any order; unknown columns are errors).
func ParseJobsCSV(data []byte) ([]Job, error) {
	var errs importfile.ImportErrors
	return decodeJobs(csvRecords(data, jobFields, map[string]bool{"sample": true, "contract": true, "social_insurance": true,
		"pay_min": true, "pay_max": true}, &errs), &errs)
}

// decodeJobs decodes and validates the records as they come; errs holds
// the file's problems (the reader's and these).
func decodeJobs(recs iter.Seq[importfile.YAMLRecord], errs *importfile.ImportErrors) ([]Job, error) {
	var jobs []Job
	seen := map[string]int{}
	for r := range recs {
		var j Job
		if fe := r.Decode(&j); len(fe) > 0 {
			errs.Add(fe...)
			continue
		}
		fe := j.validate(r)
		if prev, dup := seen[j.ID]; dup && j.ID != "" {
			fe = append(fe, r.Err("id", "duplicate id; first used at line %d", prev))
		} else {
			seen[j.ID] = r.Line
		}
		if len(fe) > 0 {
			errs.Add(fe...)
			continue
		}
		jobs = append(jobs, j)
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return jobs, nil
}

// Validate checks one posting on its own (no line numbers).
func (j *Job) Validate() error {
	return importfile.ImportErrors(j.validate(importfile.YAMLRecord{Node: &yaml.Node{}, Index: 1})).Err()
}

// validate checks and normalises j (city to its Chinese name, trimmed
// texts); problems carry the line of the field in r.
func (j *Job) validate(r importfile.YAMLRecord) []importfile.FieldError {
	var errs []importfile.FieldError
	bad := func(field, format string, args ...any) { errs = append(errs, r.Err(field, format, args...)) }
	trimAll(&j.ID, &j.Title, &j.Employer, &j.Verified, &j.Licence, &j.City, &j.District, &j.Trade, &j.PayUnit,
		&j.Hours, &j.Housing, &j.Meals, &j.Apply, &j.Details, &j.Source, &j.Posted, &j.Expires)
	if !jobIDPattern.MatchString(j.ID) {
		bad("id", "want 2-32 characters of a-z 0-9 _ -, got %q", norm.Clip(j.ID, 40, "…"))
	}
	required := []struct{ name, v string }{{"title", j.Title}, {"employer", j.Employer}, {"city", j.City},
		{"trade", j.Trade}, {"pay_unit", j.PayUnit}, {"apply", j.Apply}, {"source", j.Source}, {"posted", j.Posted}, {"expires", j.Expires}}
	for _, f := range required {
		if f.v == "" {
			bad(f.name, "required")
		}
	}
	for _, f := range []struct {
		name string
		v    string
		max  int
	}{{"title", j.Title, maxJobTitle}, {"employer", j.Employer, maxEmployer}, {"district", j.District, 20},
		{"hours", j.Hours, maxShortField}, {"housing", j.Housing, maxShortField}, {"meals", j.Meals, maxShortField},
		{"apply", j.Apply, maxApply}, {"details", j.Details, maxDetails}, {"source", j.Source, maxSource}} {
		if msg := checkText(f.v, f.max); msg != "" {
			bad(f.name, "%s", msg)
		}
	}
	if j.City != "" {
		if c, ok := places.FindCity(j.City); ok {
			j.City = c.ZH
		} else {
			bad("city", "unknown city %q: use the name of a prefecture-level city, e.g. 东莞", norm.Clip(j.City, 20, "…"))
		}
	}
	if j.Trade != "" {
		if _, ok := TradeByCode(j.Trade); !ok {
			bad("trade", "unknown trade %q: want one of %s", norm.Clip(j.Trade, 20, "…"), tradeCodes())
		}
	}
	switch j.Verified {
	case VerifiedNone, "none":
		j.Verified = VerifiedNone
	case VerifiedLicence:
		if j.Licence == "" {
			bad("licence", "verified: licence needs the employer's 18-character unified social credit code")
		}
	case VerifiedPublic:
	default:
		bad("verified", "want licence, public or empty, got %q", norm.Clip(j.Verified, 20, "…"))
	}
	if j.Licence != "" {
		j.Licence = strings.ToUpper(j.Licence)
		if !ValidCreditCode(j.Licence) {
			bad("licence", "%q is not a valid unified social credit code (18 characters, check digit)", norm.Clip(j.Licence, 20, "…"))
		}
	}
	if bounds, ok := payBounds[j.PayUnit]; !ok {
		if j.PayUnit != "" {
			bad("pay_unit", "want hour, day, month or piece, got %q", norm.Clip(j.PayUnit, 20, "…"))
		}
	} else {
		switch {
		case j.PayMin <= 0:
			bad("pay_min", "want a positive amount in yuan")
		case j.PayMin < bounds[0] || j.PayMin > bounds[1]:
			bad("pay_min", "%v yuan per %s is outside %v–%v; check the unit", j.PayMin, j.PayUnit, bounds[0], bounds[1])
		}
		switch {
		case j.PayMax == 0:
			j.PayMax = j.PayMin
		case j.PayMax < j.PayMin:
			bad("pay_max", "less than pay_min (%v < %v)", j.PayMax, j.PayMin)
		case j.PayMax > bounds[1]:
			bad("pay_max", "%v yuan per %s is above %v; check the unit", j.PayMax, j.PayUnit, bounds[1])
		case j.PayMin > 0 && j.PayMax > 3*j.PayMin:
			bad("pay_max", "range %v–%v is too wide (max more than 3 × min): give the pay a worker can expect", j.PayMin, j.PayMax)
		}
	}
	posted, perr := time.Parse(time.DateOnly, j.Posted)
	if j.Posted != "" && perr != nil {
		bad("posted", "want a date YYYY-MM-DD, got %q", norm.Clip(j.Posted, 20, "…"))
	}
	expires, eerr := time.Parse(time.DateOnly, j.Expires)
	if j.Expires != "" && eerr != nil {
		bad("expires", "want a date YYYY-MM-DD, got %q", norm.Clip(j.Expires, 20, "…"))
	}
	if perr == nil && eerr == nil {
		switch {
		case expires.Before(posted):
			bad("expires", "before posted (%s)", j.Posted)
		case expires.Sub(posted) > maxJobSpan:
			bad("expires", "more than a year after posted (%s): re-post instead", j.Posted)
		}
	}
	return errs
}

// PostedAt is the start of the posting day in China time.
func (j Job) PostedAt() time.Time {
	d, _ := time.ParseInLocation(time.DateOnly, j.Posted, ChinaTime)
	return d
}

// ExpiresAt is the end of the expiry day in China time: the posting is
// shown while now < ExpiresAt.
func (j Job) ExpiresAt() time.Time {
	d, _ := time.ParseInLocation(time.DateOnly, j.Expires, ChinaTime)
	return d.AddDate(0, 0, 1)
}

// Record is the posting as the store keeps it.
func (j Job) Record() store.Job {
	return store.Job{ID: j.ID, Sample: j.Sample, Title: j.Title, Employer: j.Employer, Verified: j.Verified,
		Licence: j.Licence, City: j.City, District: j.District, Trade: j.Trade, PayMin: j.PayMin, PayMax: j.PayMax,
		PayUnit: j.PayUnit, Hours: j.Hours, Housing: j.Housing, Meals: j.Meals, Contract: j.Contract,
		Insurance: j.Insurance, Apply: j.Apply, Details: j.Details, Source: j.Source,
		PostedAt: j.PostedAt().UTC(), ExpiresAt: j.ExpiresAt().UTC()}
}

// JobFromRecord is the posting in the file format (for export).
func JobFromRecord(r store.Job) Job {
	return Job{ID: r.ID, Sample: r.Sample, Title: r.Title, Employer: r.Employer, Verified: r.Verified,
		Licence: r.Licence, City: r.City, District: r.District, Trade: r.Trade, PayMin: r.PayMin, PayMax: r.PayMax,
		PayUnit: r.PayUnit, Hours: r.Hours, Housing: r.Housing, Meals: r.Meals, Contract: r.Contract,
		Insurance: r.Insurance, Apply: r.Apply, Details: r.Details, Source: r.Source,
		Posted:  r.PostedAt.In(ChinaTime).Format(time.DateOnly),
		Expires: r.ExpiresAt.In(ChinaTime).AddDate(0, 0, -1).Format(time.DateOnly)}
}

// PostingText is a posting written out as a recruiter's ad, for the scam
// checker: the words a worker would read.
func PostingText(r store.Job) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s招聘：%s。", r.Employer, r.Title)
	fmt.Fprintf(&b, "工作地点：%s%s。", r.City, r.District)
	fmt.Fprintf(&b, "工资：%s %s。", FormatPay(r.PayMin, r.PayMax), PayUnitLabel(r.PayUnit, "zh"))
	for _, s := range []string{r.Hours, r.Housing, r.Meals} {
		if s != "" {
			b.WriteString(s + "。")
		}
	}
	if r.Contract {
		b.WriteString("签劳动合同。")
	}
	if r.Insurance {
		b.WriteString("缴纳社保。")
	}
	if r.Details != "" {
		b.WriteString(r.Details + "。")
	}
	b.WriteString("报名方式：" + r.Apply)
	return b.String()
}

// FormatPay writes a pay range: "4500–6000", "200", "0.8–1.2".
func FormatPay(min, max float64) string {
	f := func(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }
	if max <= min {
		return f(min)
	}
	return f(min) + "–" + f(max)
}

// ScreenFinding is the scam checker's word on one posting.
type ScreenFinding struct {
	ID      string
	Risk    scam.Level
	Reasons []string // "label: “evidence”"
}

func (f ScreenFinding) String() string {
	return fmt.Sprintf("%s: %s risk: %s", f.ID, f.Risk, strings.Join(f.Reasons, "; "))
}

// ScreenJobs runs every posting through the offline scam checker. High-risk
// postings come back as ImportErrors (nothing may be imported); medium ones
// as warnings to print. lines maps ids to file lines (may be nil).
func ScreenJobs(ctx context.Context, c *scam.Checker, jobs []Job, lines map[string]int) (warnings []ScreenFinding, err error) {
	var errs importfile.ImportErrors
	for _, j := range jobs {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		v := c.Check(PostingText(j.Record()))
		if v.Risk == scam.LevelLow {
			continue
		}
		f := ScreenFinding{ID: j.ID, Risk: v.Risk}
		for _, s := range v.Signals {
			if s.Weight <= 0 {
				continue
			}
			r := s.LabelEN
			if ev := strings.TrimSpace(s.Evidence); ev != "" {
				r += " “" + ev + "”"
			}
			f.Reasons = append(f.Reasons, r)
		}
		if v.Risk == scam.LevelHigh {
			errs.Add(importfile.FieldError{Line: lines[j.ID], Record: j.ID,
				Msg: "refused by the scam check (high risk): " + strings.Join(f.Reasons, "; ")})
			continue
		}
		warnings = append(warnings, f)
	}
	return warnings, errs.Err()
}

// JobLines maps each id in a YAML or CSV file to its line, for messages
// about records after parsing.
func JobLines(data []byte, csv bool) map[string]int {
	var errs importfile.ImportErrors
	recs := importfile.YAMLRecords(data, &errs)
	if csv {
		recs = csvRecords(data, nil, nil, &errs)
	}
	m := map[string]int{}
	for r := range recs {
		m[r.Name()] = r.Line
	}
	return m
}

// MarshalJobsYAML writes postings in the format ParseJobsYAML reads.
func MarshalJobsYAML(jobs []Job) ([]byte, error) { return marshalYAML(jobs) }

// MarshalJobsCSV writes postings as CSV with a header row.
func MarshalJobsCSV(jobs []Job) ([]byte, error) {
	rows := make([][]string, 0, len(jobs))
	for _, j := range jobs {
		rows = append(rows, []string{j.ID, strconv.FormatBool(j.Sample), j.Title, j.Employer, j.Verified, j.Licence,
			j.City, j.District, j.Trade, fmtFloat(j.PayMin), fmtFloat(j.PayMax), j.PayUnit, j.Hours, j.Housing,
			j.Meals, strconv.FormatBool(j.Contract), strconv.FormatBool(j.Insurance), j.Apply, j.Details, j.Source,
			j.Posted, j.Expires})
	}
	return writeCSV(jobFields, rows)
}

// StationFromRecord is the station in the file format.
func StationFromRecord(r store.Station) Station {
	return Station{ID: r.ID, City: r.City, District: r.District, Name: r.Name, Kind: r.Kind, Address: r.Address,
		Hours: r.Hours, Services: r.Services, HowToFind: r.HowToFind, Source: r.Source, Checked: r.Checked}
}

func marshalYAML(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(v); err != nil {
		return nil, fmt.Errorf("yaml: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("yaml: %w", err)
	}
	return buf.Bytes(), nil
}

// ValidCreditCode checks a unified social credit code (统一社会信用代码,
// GB 32100-2015): 18 characters from 0-9 and 20 capital letters (no I, O,
// Z, S, V), the last a check character.
func ValidCreditCode(code string) bool {
	const alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
	weights := [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}
	if len(code) != 18 {
		return false
	}
	sum := 0
	for i := 0; i < 17; i++ {
		v := strings.IndexByte(alphabet, code[i])
		if v < 0 {
			return false
		}
		sum += v * weights[i]
	}
	check := (31 - sum%31) % 31
	return code[17] == alphabet[check]
}

// checkText returns why s cannot be a field of at most max runes ("" if it can).
func checkText(s string, max int) string {
	if n := utf8.RuneCountInString(s); n > max {
		return fmt.Sprintf("%d characters; at most %d", n, max)
	}
	for _, r := range s {
		if unicode.IsControl(r) && r != '\n' {
			return "contains control characters"
		}
	}
	return ""
}

func trimAll(ss ...*string) {
	for _, s := range ss {
		*s = strings.TrimSpace(*s)
	}
}

func fmtFloat(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }

// JobSeeder is what seeding postings and stations needs; *store.Store has it.
type JobSeeder interface {
	SeedJobs(ctx context.Context, jobs []store.Job) (int, error)
	SeedStations(ctx context.Context, st []store.Station) (int, error)
}

// SeedJobStore puts the shipped sample postings and stations into an empty
// store (first start only; see store.SeedJobs). The samples' dates move
// forward so the newest one is posted today (China time) and they stay
// visible for their usual span. It reports how many of each it inserted.
func SeedJobStore(ctx context.Context, st JobSeeder, now time.Time) (jobs, stations int, err error) {
	js, err := SeedJobs()
	if err != nil {
		return 0, 0, fmt.Errorf("knowledge: seed jobs: %w", err)
	}
	ss, err := SeedStations()
	if err != nil {
		return 0, 0, fmt.Errorf("knowledge: seed stations: %w", err)
	}
	today := now.In(ChinaTime).Format(time.DateOnly)
	latest := ""
	for _, j := range js {
		latest = max(latest, j.Posted)
	}
	t0, _ := time.Parse(time.DateOnly, latest)
	t1, _ := time.Parse(time.DateOnly, today)
	shift := max(0, int(t1.Sub(t0).Hours()/24))
	recs := make([]store.Job, len(js))
	for i, j := range js {
		r := j.Record()
		r.PostedAt, r.ExpiresAt = r.PostedAt.AddDate(0, 0, shift), r.ExpiresAt.AddDate(0, 0, shift)
		recs[i] = r
	}
	srecs := make([]store.Station, len(ss))
	for i, s := range ss {
		srecs[i] = s.Record()
	}
	if jobs, err = st.SeedJobs(ctx, recs); err != nil {
		return 0, 0, fmt.Errorf("knowledge: seed jobs: %w", err)
	}
	if stations, err = st.SeedStations(ctx, srecs); err != nil {
		return 0, 0, fmt.Errorf("knowledge: seed stations: %w", err)
	}
	return jobs, stations, nil
}
