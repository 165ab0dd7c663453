package listings

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
	"golang.org/x/text/unicode/norm"

	"github.com/gongyou/gongyou/knowledge/importfile"
	"github.com/gongyou/gongyou/knowledge/places"
	"github.com/gongyou/gongyou/knowledge/seed"
	"github.com/gongyou/gongyou/store"
)

// Course is one vocational-training course workers can sign up for
// (seed/trainings.yaml, `gongyou import`, the store's trainings table).
type Course struct {
	ID            string `yaml:"id" json:"id"`
	Sample        bool   `yaml:"sample" json:"sample"` // a made-up example: the chat labels it as one
	TitleZH       string `yaml:"title_zh" json:"title_zh"`
	TitleEN       string `yaml:"title_en" json:"title_en"`
	Provider      string `yaml:"provider" json:"provider"`
	OnList        bool   `yaml:"on_list" json:"on_list"` // on the local 人社 list of designated training institutions
	City          string `yaml:"city" json:"city"`       // a city FindCity knows; stored as its Chinese name
	Trade         string `yaml:"trade" json:"trade"`     // a code of Skills()
	Start         string `yaml:"start" json:"start"`     // YYYY-MM-DD
	End           string `yaml:"end" json:"end"`         // YYYY-MM-DD
	ScheduleZH    string `yaml:"schedule_zh" json:"schedule_zh"`
	ScheduleEN    string `yaml:"schedule_en" json:"schedule_en"`
	Seats         int    `yaml:"seats" json:"seats"`
	Fee           int    `yaml:"fee" json:"fee"` // yuan the worker pays up front; 0 = free
	SubsidyZH     string `yaml:"subsidy_zh" json:"subsidy_zh"`
	SubsidyEN     string `yaml:"subsidy_en" json:"subsidy_en"`
	EligibleZH    string `yaml:"eligible_zh" json:"eligible_zh"` // who qualifies for the subsidy
	EligibleEN    string `yaml:"eligible_en" json:"eligible_en"`
	CertificateZH string `yaml:"certificate_zh" json:"certificate_zh"`
	CertificateEN string `yaml:"certificate_en" json:"certificate_en"`
	Source        string `yaml:"source" json:"source"`
	SourceEN      string `yaml:"source_en,omitempty" json:"source_en,omitempty"` // optional; Source is shown when empty
	Updated       string `yaml:"updated" json:"updated"`                         // date of the source, YYYY-MM-DD
	Retired       bool   `yaml:"retired,omitempty" json:"retired,omitempty"`
}

// Skill is a trade courses train for (distinct from the job-search trades).
type Skill struct{ Code, ZH, EN string }

// Skills lists the trades courses can have, in menu order.
func Skills() []Skill {
	return []Skill{
		{"eldercare", "养老护理", "Elderly care"},
		{"childcare", "育婴保育", "Childcare"},
		{"housekeeping", "家政服务", "Housekeeping"},
		{"electrician", "电工", "Electrician"},
		{"welding", "焊工", "Welding"},
		{"cooking", "中式烹调", "Chinese cooking"},
		{"forklift", "叉车司机", "Forklift driving"},
		{"ecommerce", "电商直播", "E-commerce"},
		{"beauty", "美容美发", "Beauty & hair"},
		{"ev", "新能源汽车维修", "EV repair"},
	}
}

// FindSkill returns the trade with code.
func FindSkill(code string) (Skill, bool) {
	for _, t := range Skills() {
		if t.Code == code {
			return t, true
		}
	}
	return Skill{}, false
}

// Name is the trade's name in lang.
func (t Skill) Name(lang string) string {
	if lang == "en" {
		return t.EN
	}
	return t.ZH
}

func pick(lang, zh, en string) string {
	if lang == "en" && en != "" {
		return en
	}
	return zh
}

// Title, Schedule, Subsidy, Eligible and Certificate give a field in lang.
func (c Course) Title(lang string) string       { return pick(lang, c.TitleZH, c.TitleEN) }
func (c Course) Schedule(lang string) string    { return pick(lang, c.ScheduleZH, c.ScheduleEN) }
func (c Course) Subsidy(lang string) string     { return pick(lang, c.SubsidyZH, c.SubsidyEN) }
func (c Course) Eligible(lang string) string    { return pick(lang, c.EligibleZH, c.EligibleEN) }
func (c Course) Certificate(lang string) string { return pick(lang, c.CertificateZH, c.CertificateEN) }

// SourceIn is the course's source in lang.
func (c Course) SourceIn(lang string) string { return pick(lang, c.Source, c.SourceEN) }

// SeedCourses returns the sample courses shipped with Gongyou, validated.
func SeedCourses() ([]Course, error) { return ParseTrainingsYAML(seed.TrainingsYAML) }

// TrainingSeeder is what SeedTrainings needs; *store.Store has it.
type TrainingSeeder interface {
	SeedTrainings(ctx context.Context, ts []store.Training) (int, error)
}

// seedCoursesWrittenOn is the day the sample courses' dates were written
// for: their first course starts two weeks after it.
var seedCoursesWrittenOn = time.Date(2026, 11, 23, 0, 0, 0, 0, ChinaTime)

// SeedTrainings puts the shipped sample courses in the store when it has
// no course yet (first start); it reports how many it inserted. A first
// start after the day the samples were written moves their dates on by
// whole weeks (weekdays and schedules stay true), so a new installation
// shows courses that have not started yet.
func SeedTrainings(ctx context.Context, st TrainingSeeder, now time.Time) (int, error) {
	cs, err := SeedCourses()
	if err != nil {
		return 0, fmt.Errorf("seed trainings: %w", err)
	}
	if days := int(now.In(ChinaTime).Sub(seedCoursesWrittenOn).Hours() / 24); days > 0 {
		weeks := (days + 6) / 7
		for i := range cs {
			cs[i].Start = shiftDate(cs[i].Start, 7*weeks)
			cs[i].End = shiftDate(cs[i].End, 7*weeks)
		}
	}
	recs, err := CourseRecords(cs)
	if err != nil {
		return 0, err
	}
	return st.SeedTrainings(ctx, recs)
}

// shiftDate moves a YYYY-MM-DD date by days (a validated date).
func shiftDate(date string, days int) string {
	d, err := time.Parse(time.DateOnly, date)
	if err != nil {
		return date
	}
	return d.AddDate(0, 0, days).Format(time.DateOnly)
}

// CourseRecords turns courses into store rows.
func CourseRecords(cs []Course) ([]store.Training, error) {
	out := make([]store.Training, 0, len(cs))
	for _, c := range cs {
		data, err := json.Marshal(c)
		if err != nil {
			return nil, fmt.Errorf("course %s: %w", c.ID, err)
		}
		out = append(out, store.Training{ID: c.ID, City: c.City, Trade: c.Trade, StartsOn: c.Start, EndsOn: c.End,
			Seats: c.Seats, Retired: c.Retired, Data: string(data)})
	}
	return out, nil
}

// CourseFromRecord reads a store row back. The row's columns win over the
// JSON (seats and retirement can change without a new data blob).
func CourseFromRecord(r store.Training) (Course, error) {
	var c Course
	if err := json.Unmarshal([]byte(r.Data), &c); err != nil {
		return Course{}, fmt.Errorf("course %s: %w", r.ID, err)
	}
	c.ID, c.City, c.Trade, c.Start, c.End, c.Seats, c.Retired = r.ID, r.City, r.Trade, r.StartsOn, r.EndsOn, r.Seats, r.Retired
	return c, nil
}

// MarshalTrainingsYAML writes courses in the import format.
func MarshalTrainingsYAML(cs []Course) ([]byte, error) {
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(cs); err != nil {
		return nil, fmt.Errorf("trainings yaml: %w", err)
	}
	return buf.Bytes(), enc.Close()
}

// ParseTrainingsYAML decodes a YAML list of courses strictly and validates
// every one; errors name the line and the field (ImportErrors).
func ParseTrainingsYAML(data []byte) ([]Course, error) {
	var errs importfile.ImportErrors
	var out []Course
	seen := map[string]int{}
	for r := range importfile.YAMLRecords(data, &errs) {
		var c Course
		if fe := r.Decode(&c); len(fe) > 0 {
			errs.Add(fe...)
			continue
		}
		if fe := validateCourse(r, &c); len(fe) > 0 {
			errs.Add(fe...)
			continue
		}
		if first, dup := seen[c.ID]; dup {
			errs.Add(r.Err("id", "id %q is used twice (first on line %d)", c.ID, first))
			continue
		}
		seen[c.ID] = r.FieldLine("id")
		out = append(out, c)
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

var courseIDRe = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,31}$`)

// validateCourse checks one course and normalises its city to the Chinese
// name and its texts to trimmed strings.
func validateCourse(r importfile.YAMLRecord, c *Course) []importfile.FieldError {
	var errs []importfile.FieldError
	bad := func(field, format string, args ...any) { errs = append(errs, r.Err(field, format, args...)) }
	if !courseIDRe.MatchString(c.ID) {
		bad("id", "want 1-32 lowercase letters, digits or '-', starting with a letter or digit")
	}
	texts := []struct {
		field string
		v     *string
		max   int
	}{
		{"title_zh", &c.TitleZH, 40}, {"title_en", &c.TitleEN, 60}, {"provider", &c.Provider, 60},
		{"schedule_zh", &c.ScheduleZH, 80}, {"schedule_en", &c.ScheduleEN, 120},
		{"subsidy_zh", &c.SubsidyZH, 300}, {"subsidy_en", &c.SubsidyEN, 500},
		{"eligible_zh", &c.EligibleZH, 200}, {"eligible_en", &c.EligibleEN, 300},
		{"certificate_zh", &c.CertificateZH, 80}, {"certificate_en", &c.CertificateEN, 120},
		{"source", &c.Source, 300},
	}
	for _, f := range texts {
		*f.v = strings.TrimSpace(*f.v)
		switch n := utf8.RuneCountInString(*f.v); {
		case n == 0:
			bad(f.field, "missing")
		case n > f.max:
			bad(f.field, "%d characters; at most %d", n, f.max)
		}
	}
	c.SourceEN = strings.TrimSpace(c.SourceEN)
	if n := utf8.RuneCountInString(c.SourceEN); n > 400 {
		bad("source_en", "%d characters; at most 400", n)
	}
	if city, ok := places.FindCity(c.City); ok {
		c.City = city.ZH
	} else {
		bad("city", "unknown city %q; write a city name like 东莞 or Dongguan", c.City)
	}
	if _, ok := FindSkill(c.Trade); !ok {
		codes := make([]string, 0, len(Skills()))
		for _, t := range Skills() {
			codes = append(codes, t.Code)
		}
		bad("trade", "unknown trade %q; one of %s", c.Trade, strings.Join(codes, ", "))
	}
	start, serr := time.Parse(time.DateOnly, c.Start)
	if serr != nil {
		bad("start", "want a date like 2026-12-01")
	}
	end, eerr := time.Parse(time.DateOnly, c.End)
	if eerr != nil {
		bad("end", "want a date like 2026-12-20")
	}
	if serr == nil && eerr == nil && end.Before(start) {
		bad("end", "ends before it starts (%s)", c.Start)
	}
	if _, err := time.Parse(time.DateOnly, c.Updated); err != nil {
		bad("updated", "want the date of the source, like 2025-03-01")
	}
	if c.Seats < 1 || c.Seats > 10000 {
		bad("seats", "want 1 to 10000")
	}
	if c.Fee < 0 || c.Fee > 100000 {
		bad("fee", "want 0 (free) to 100000 yuan")
	}
	return errs
}

// Problems CheckPhone reports.
const (
	PhoneOK        = ""
	PhoneEmpty     = "empty"
	PhoneLetters   = "letters"    // something other than digits, spaces, dashes, +86
	PhoneLength    = "length"     // not 11 digits
	PhoneNotMobile = "not_mobile" // 11 digits but not 1[3-9]…

	maxPhoneInputLen = 64            // longer input is not a phone number
	phoneSeparators  = " -\u00a0()." // allowed between digits
)

// Problems CheckName reports.
const (
	NameOK       = ""
	NameEmpty    = "empty"     // nothing after trimming
	NameTooLong  = "too_long"  // more than MaxNameRunes
	NameDigits   = "digits"    // only digits (a phone number typed at the name step?)
	NameBadChars = "bad_chars" // control characters, or no letter at all

	// MaxNameRunes is the longest name accepted.
	MaxNameRunes = 30
)

var mobileRe = regexp.MustCompile(`^1[3-9][0-9]{9}$`)

// CheckPhone normalises a mainland mobile number as a worker may type it:
// full-width digits, spaces, dashes, a +86 / 0086 prefix. It returns the
// 11 digits, or a problem code (Phone*).
func CheckPhone(s string) (string, string) {
	if len(s) > maxPhoneInputLen {
		return "", PhoneLength
	}
	s = norm.NFKC.String(strings.TrimSpace(s)) // full-width digits and ＋ become ASCII
	if s == "" {
		return "", PhoneEmpty
	}
	var b strings.Builder
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case strings.ContainsRune(phoneSeparators, r) || unicode.IsSpace(r):
		case r == '+' && i == 0:
		default:
			return "", PhoneLetters
		}
	}
	d := b.String()
	switch {
	case strings.HasPrefix(s, "+"):
		if !strings.HasPrefix(d, "86") {
			return "", PhoneNotMobile // a number abroad
		}
		d = d[2:]
	case strings.HasPrefix(d, "0086") && len(d) == 15:
		d = d[4:]
	case strings.HasPrefix(d, "86") && len(d) == 13:
		d = d[2:]
	}
	if len(d) != 11 {
		return "", PhoneLength
	}
	if !mobileRe.MatchString(d) {
		return "", PhoneNotMobile
	}
	return d, PhoneOK
}

// nameMarks are the punctuation a name may have: 阿卜杜拉·买买提, O'Neil,
// Jean-Luc, J. Smith.
const nameMarks = "·・•.'’-"

// CheckName trims a name and checks it: 1 to MaxNameRunes characters of
// letters, spaces and the marks in nameMarks; no digits, no sentence
// punctuation, no emoji or control characters. It returns the cleaned name
// or a problem code (Name*).
func CheckName(s string) (string, string) {
	if len(s) > 4096 { // do not even split a pasted essay
		return "", NameTooLong
	}
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return "", NameEmpty
	}
	if !utf8.ValidString(s) {
		return "", NameBadChars
	}
	if utf8.RuneCountInString(s) > MaxNameRunes {
		return "", NameTooLong
	}
	letters, digits, other := 0, 0, 0
	for _, r := range s {
		switch {
		case unicode.IsLetter(r):
			letters++
		case unicode.IsDigit(r):
			digits++
		case unicode.Is(unicode.M, r) || r == ' ' || strings.ContainsRune(nameMarks, r):
		default: // punctuation, symbols, emoji, control and format characters
			other++
		}
	}
	switch {
	case digits > 0 && letters == 0 && other == 0:
		return "", NameDigits
	case letters == 0 || digits > 0 || other > 0:
		return "", NameBadChars
	}
	return s, NameOK
}

// MaskPhone shows a phone number as 138****8000.
func MaskPhone(p string) string {
	if len(p) != 11 {
		return p
	}
	return p[:3] + "****" + p[7:]
}
