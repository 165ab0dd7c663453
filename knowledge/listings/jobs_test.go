package listings

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/gongyou/gongyou/knowledge/importfile"
	"github.com/gongyou/gongyou/knowledge/places"
	"github.com/gongyou/gongyou/knowledge/scam"
	"github.com/gongyou/gongyou/knowledge/seed"
)

func TestSeedJobsAreSamplesAndPassTheScamCheck(t *testing.T) {
	jobs, err := SeedJobs()
	if err != nil {
		t.Fatal(err)
	}
	if len(jobs) < 30 {
		t.Fatalf("%d seed postings; want at least 30", len(jobs))
	}
	cities, tradesSeen := map[string]bool{}, map[string]bool{}
	for _, j := range jobs {
		if !j.Sample {
			t.Errorf("%s: seed posting not marked sample", j.ID)
		}
		if !strings.Contains(j.Employer, "虚构") || !strings.Contains(j.Source, "示例") || !strings.Contains(j.Apply, "12333") {
			t.Errorf("%s: employer %q / source %q / apply %q must say fictional, sample, and point at 12333", j.ID, j.Employer, j.Source, j.Apply)
		}
		if j.Verified != VerifiedNone {
			t.Errorf("%s: a fictional employer cannot be verified", j.ID)
		}
		cities[j.City], tradesSeen[j.Trade] = true, true
	}
	if len(cities) < 6 {
		t.Errorf("seed postings in %d cities; want ≥ 6", len(cities))
	}
	for _, tr := range Trades() {
		if !tradesSeen[tr.Code] {
			t.Errorf("no seed posting of trade %s", tr.Code)
		}
	}
	warn, err := ScreenJobs(context.Background(), testChecker, jobs, nil)
	if err != nil {
		t.Fatalf("seed postings refused by the scam check:\n%v", err)
	}
	for _, w := range warn {
		t.Errorf("seed posting flagged: %s", w)
	}
	st, err := SeedStations()
	if err != nil {
		t.Fatal(err)
	}
	have := map[string]bool{}
	for _, s := range st {
		have[s.City] = true
	}
	for c := range cities {
		if !have[c] {
			t.Errorf("no station for seed city %s", c)
		}
	}
}

const goodJobYAML = `- id: real-001
  title: 电子厂普工
  employer: 某某电子有限公司
  verified: licence
  licence: 91350100M000100Y43
  city: 东莞市
  trade: factory
  pay_min: 4500
  pay_max: 6000
  pay_unit: month
  contract: true
  social_insurance: true
  apply: 到东莞市公共就业服务中心面试
  source: 东莞市公共就业服务中心
  posted: 2026-11-01
  expires: 2026-12-31
`

func TestParseJobsYAML(t *testing.T) {
	jobs, err := ParseJobsYAML([]byte(goodJobYAML))
	if err != nil {
		t.Fatal(err)
	}
	j := jobs[0]
	if j.City != "东莞" || j.Verified != VerifiedLicence || j.PayMax != 6000 {
		t.Fatalf("parsed %+v", j)
	}
	if got := j.ExpiresAt(); !got.Equal(time.Date(2026, 12, 31, 16, 0, 0, 0, time.UTC)) {
		t.Errorf("ExpiresAt = %v; want the end of 2026-12-31 in China", got)
	}
	back, err := MarshalJobsYAML(jobs)
	if err != nil {
		t.Fatal(err)
	}
	again, err := ParseJobsYAML(back)
	if err != nil || again[0] != j {
		t.Fatalf("round trip: %v\n%+v\n%+v", err, again, j)
	}
	if JobFromRecord(j.Record()) != j {
		t.Fatalf("record round trip: %+v", JobFromRecord(j.Record()))
	}
}

func TestParseJobsErrorsNameLineAndField(t *testing.T) {
	for _, tc := range []struct {
		name, edit, want string
	}{
		{"unknown city", "city: 东莞市|city: 火星", "line 6: real-001: city: unknown city"},
		{"bad unit", "pay_unit: month|pay_unit: year", "line 10: real-001: pay_unit: want hour"},
		{"max below min", "pay_max: 6000|pay_max: 4000", "line 9: real-001: pay_max: less than pay_min"},
		{"lure pay", "pay_min: 4500|pay_min: 450000", "line 8: real-001: pay_min: 450000 yuan per month is outside"},
		{"bad date", "posted: 2026-11-01|posted: 11/01/2026", "line 15: real-001: posted: want a date"},
		{"expires first", "expires: 2026-12-31|expires: 2026-10-01", "line 16: real-001: expires: before posted"},
		{"bad licence", "91350100M000100Y43|91350100M000100Y44", "line 5: real-001: licence: "},
		{"unknown field", "trade: factory|trade: factory\n  salary: 100", "line 8: real-001: salary: unknown field"},
		{"bad trade", "trade: factory|trade: 挖矿", "line 7: real-001: trade: unknown trade"},
		{"no apply", "  apply: 到东莞市公共就业服务中心面试\n|", "real-001: apply: required"},
		{"long title", "title: 电子厂普工|title: " + strings.Repeat("长", 41), "line 2: real-001: title: 41 characters"},
		{"bad id", "id: real-001|id: Real 001!", "line 1: Real 001!: id: want"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			from, to, _ := strings.Cut(tc.edit, "|")
			_, err := ParseJobsYAML([]byte(strings.Replace(goodJobYAML, from, to, 1)))
			var ie importfile.ImportErrors
			if !errors.As(err, &ie) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error = %v; want ImportErrors containing %q", err, tc.want)
			}
		})
	}
	_, err := ParseJobsYAML([]byte(goodJobYAML + strings.ReplaceAll(goodJobYAML, "- id", "- id")))
	if err == nil || !strings.Contains(err.Error(), "line 17: real-001: id: duplicate id; first used at line 1") {
		t.Fatalf("duplicate: %v", err)
	}
}

func TestParseJobsCSV(t *testing.T) {
	jobs, _ := ParseJobsYAML([]byte(goodJobYAML))
	data, err := MarshalJobsCSV(jobs)
	if err != nil {
		t.Fatal(err)
	}
	back, err := ParseJobsCSV(append([]byte("\xef\xbb\xbf"), data...))
	if err != nil || len(back) != 1 || back[0] != jobs[0] {
		t.Fatalf("CSV round trip: %v\n%+v", err, back)
	}
	csv := "id,title,employer,city,trade,pay_min,pay_unit,apply,source,posted,expires,contract\n" +
		"007,保安,某物业公司,苏州,security,4500,month,到苏州人社局,苏州人社局,2026-11-01,2026-12-01,是\n" +
		"x2,保安,某物业公司,苏州,security,abc,month,到苏州人社局,苏州人社局,2026-11-01,2026-12-01,否\n" +
		"x3,保安,某物业公司,纽约,security,4000,month,到苏州人社局,苏州人社局,2026-11-01,2026-12-01,否\n"
	_, err = ParseJobsCSV([]byte(csv))
	if err == nil || !strings.Contains(err.Error(), "line 4: x3: city: unknown city") || !strings.Contains(err.Error(), "line 3: x2: pay_min: cannot unmarshal !!str `abc` into float64") {
		t.Fatalf("CSV errors: %v", err)
	}
	got, err := ParseJobsCSV([]byte(strings.SplitAfterN(csv, "\n", 3)[0] + strings.SplitAfterN(csv, "\n", 3)[1]))
	if err != nil || got[0].ID != "007" || !got[0].Contract || got[0].PayMax != 4500 {
		t.Fatalf("CSV with a numeric id and 是: %v %+v", err, got)
	}
	if _, err := ParseJobsCSV([]byte("id,wage\n1,2\n")); err == nil || !strings.Contains(err.Error(), "line 1: wage: unknown column") {
		t.Fatalf("unknown column: %v", err)
	}
	if _, err := ParseJobsCSV([]byte("id,title\n\"a,b\n")); err == nil || !strings.Contains(err.Error(), "not valid CSV") {
		t.Fatalf("broken quote: %v", err)
	}
}

func TestScreenJobsRefusesHighRisk(t *testing.T) {
	jobs, _ := ParseJobsYAML([]byte(goodJobYAML))
	bad := jobs[0]
	bad.ID = "scam-1"
	bad.Details = "入职前先交500元押金，身份证原件由公司统一保管"
	_, err := ScreenJobs(context.Background(), testChecker, []Job{jobs[0], bad}, map[string]int{"scam-1": 42})
	if err == nil || !strings.Contains(err.Error(), "line 42: scam-1: refused by the scam check (high risk)") ||
		!strings.Contains(err.Error(), "押金") {
		t.Fatalf("ScreenJobs = %v", err)
	}
}

func TestValidCreditCode(t *testing.T) {
	for code, want := range map[string]bool{
		"91350100M000100Y43": true,
		"91350100M000100Y44": false,
		"91350100M000100Y4":  false,
		"9135010OM000100Y43": false, // O is not in the alphabet
	} {
		if got := ValidCreditCode(code); got != want {
			t.Errorf("ValidCreditCode(%s) = %v", code, got)
		}
	}
}

func TestCities(t *testing.T) {
	all := places.AllCities()
	if len(all) < 297 {
		t.Fatalf("%d cities; want the 4 municipalities and 293 prefecture-level cities", len(all))
	}
	zh, codes := map[string]bool{}, map[string]bool{}
	for _, c := range all {
		if zh[c.ZH] {
			t.Errorf("city %s twice", c.ZH)
		}
		zh[c.ZH] = true
		if codes[c.Code()] || c.Code() == "" || len(c.Code()) > 24 {
			t.Errorf("bad or duplicate code %q for %s", c.Code(), c.ZH)
		}
		codes[c.Code()] = true
		if back, ok := places.CityByCode(c.Code()); !ok || back != c {
			t.Errorf("CityByCode(%q) = %v", c.Code(), back)
		}
		if _, ok := places.ProvinceEN[c.Province]; !ok {
			t.Errorf("%s: unknown province %s", c.ZH, c.Province)
		}
	}
	for in, want := range map[string]string{
		"东莞": "东莞", "东莞市": "东莞", "Dongguan": "东莞", "dongguan city": "东莞", "XIAN": "西安", "Xi'an": "西安",
		"Suzhou": "苏州", "suzhou, anhui": "宿州", "Taizhou Zhejiang": "台州", "taizhou": "泰州", "Lüliang": "吕梁",
	} {
		if c, ok := places.FindCity(in); !ok || c.ZH != want {
			t.Errorf("FindCity(%q) = %v, %v; want %s", in, c, ok, want)
		}
	}
	for _, in := range []string{"", "火星", "New York", "东", "'; DROP TABLE jobs; --"} {
		if c, ok := places.FindCity(in); ok {
			t.Errorf("FindCity(%q) = %v", in, c)
		}
	}
	for in, want := range map[string]string{
		"找工作 东莞 电子厂": "东莞", "jobs in Shenzhen": "深圳", "我想在张家口找活": "张家口", "work in xi'an please": "西安",
		"深圳还是东莞": "深圳",
	} {
		if c, ok := places.FindCityIn(in); !ok || c.ZH != want {
			t.Errorf("FindCityIn(%q) = %v, %v; want %s", in, c, ok, want)
		}
	}
	if c, ok := places.FindCityIn("find me a job"); ok {
		t.Errorf("FindCityIn found %v in plain English", c)
	}
}

func TestFindTradeIn(t *testing.T) {
	for in, want := range map[string]string{
		"找工作 东莞 电子厂": "factory", "jobs in Shenzhen delivery": "delivery", "深圳 保安": "security",
		"warehouse jobs": "logistics", "drivers wanted": "driver",
	} {
		if tr, ok := FindTradeIn(in); !ok || tr.Code != want {
			t.Errorf("FindTradeIn(%q) = %v, %v; want %s", in, tr.Code, ok, want)
		}
	}
	if tr, ok := FindTradeIn("scooter"); ok { // "cook" must not match inside other words
		t.Errorf("FindTradeIn(scooter) = %s", tr.Code)
	}
}

// FuzzParseJobs: the YAML and CSV parsers never panic, and whatever they
// accept is valid and survives a round trip.
//
//	go test ./knowledge -run XXX -fuzz FuzzParseJobs -fuzztime 60s
func FuzzParseJobs(f *testing.F) {
	f.Add([]byte(goodJobYAML), false)
	f.Add([]byte("- id: a\n  city: [1, 2]\n"), false)
	f.Add([]byte("id,city\n\"x\",东莞\n"), true)
	f.Add([]byte("id,pay_min\nab,1e400\n"), true)
	f.Fuzz(func(t *testing.T, data []byte, csv bool) {
		parse, marshal := ParseJobsYAML, MarshalJobsYAML
		if csv {
			parse, marshal = ParseJobsCSV, MarshalJobsCSV
		}
		jobs, err := parse(data)
		if err != nil {
			return
		}
		for _, j := range jobs {
			if err := j.Validate(); err != nil {
				t.Fatalf("accepted an invalid posting %+v: %v", j, err)
			}
		}
		out, err := marshal(jobs)
		if err != nil {
			t.Fatal(err)
		}
		back, err := parse(out)
		if err != nil || len(back) != len(jobs) {
			t.Fatalf("round trip of %d postings: %v", len(jobs), err)
		}
	})
}

// FuzzParseStations: the station parsers never panic and what they accept
// is valid and survives a round trip.
//
//	go test ./knowledge -run XXX -fuzz FuzzParseStations -fuzztime 60s
func FuzzParseStations(f *testing.F) {
	f.Add([]byte(seed.StationsYAML), false)
	f.Add([]byte("id,city,name,kind,address,services,source,checked\nab,东莞,x,public,y,z,s,2026-01-02\n"), true)
	f.Fuzz(func(t *testing.T, data []byte, csv bool) {
		parse, marshal := ParseStationsYAML, MarshalStationsYAML
		if csv {
			parse, marshal = ParseStationsCSV, MarshalStationsCSV
		}
		st, err := parse(data)
		if err != nil {
			return
		}
		out, err := marshal(st)
		if err != nil {
			t.Fatal(err)
		}
		back, err := parse(out)
		if err != nil || len(back) != len(st) {
			t.Fatalf("round trip of %d stations: %v", len(st), err)
		}
	})
}

func TestCityNameDisambiguates(t *testing.T) {
	c, _ := places.FindCity("台州")
	if got := c.Name("en"); got != "Taizhou (Zhejiang)" {
		t.Errorf("Name(en) = %q", got)
	}
	c, _ = places.FindCity("东莞")
	if got := c.Name("en"); got != "Dongguan" {
		t.Errorf("Name(en) = %q", got)
	}
}

var testChecker = func() *scam.Checker {
	cases, err := scam.SeedCases()
	if err != nil {
		panic(err)
	}
	return scam.NewChecker(cases)
}()
