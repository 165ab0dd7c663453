package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// realJobYAML is a valid posting, open from today for 60 days.
var realJobYAML = strings.NewReplacer("POSTED", time.Now().Format(time.DateOnly),
	"EXPIRES", time.Now().AddDate(0, 0, 60).Format(time.DateOnly)).Replace(`- id: dg-real-001
  title: 电子厂普工
  employer: 某某电子有限公司
  verified: licence
  licence: 91350100M000100Y43
  city: 东莞
  trade: factory
  pay_min: 4500
  pay_max: 6000
  pay_unit: month
  contract: true
  social_insurance: true
  apply: 到东莞市公共就业服务中心面试
  source: 东莞市公共就业服务中心
  posted: POSTED
  expires: EXPIRES
`)

func TestImportJobsThroughRun(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "g.db")
	write := func(name, data string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	seeded(t, db)
	// The samples are seeded on first start.
	code, out, errOut := gongyou(t, db, "", "export", "jobs")
	if code != 0 || strings.Count(out, "sample: true") < 30 {
		t.Fatalf("export exit %d: %s\n%s", code, errOut, out)
	}

	// A high-risk posting refuses the whole file, naming line and id.
	scam := strings.ReplaceAll(realJobYAML, "dg-real-001", "dg-scam-002") +
		"  details: 入职前先交500元押金，身份证原件由公司统一保管\n"
	code, _, errOut = gongyou(t, db, "", "import", write("bad.yaml", realJobYAML+strings.ReplaceAll(scam, "\n- id", "\n- id")))
	if code == 0 || !strings.Contains(errOut, "line 17: dg-scam-002: refused by the scam check (high risk)") {
		t.Fatalf("scam import exit %d:\n%s", code, errOut)
	}
	// An unknown city names line and field; nothing is written.
	code, _, errOut = gongyou(t, db, "", "import", write("city.yaml", strings.Replace(realJobYAML, "city: 东莞", "city: 火星", 1)))
	if code == 0 || !strings.Contains(errOut, "line 6: dg-real-001: city: unknown city") {
		t.Fatalf("bad city import exit %d:\n%s", code, errOut)
	}
	_, out, _ = gongyou(t, db, "", "export", "jobs")
	if strings.Contains(out, "dg-real-001") || strings.Contains(out, "dg-scam-002") {
		t.Fatal("a refused file left postings behind")
	}

	code, out, errOut = gongyou(t, db, "", "import", write("jobs.yaml", realJobYAML))
	if code != 0 || !strings.Contains(out, "imported 1 jobs") {
		t.Fatalf("import exit %d: %s %s", code, out, errOut)
	}
	// CSV export and re-import: same posting, replaced not duplicated.
	code, csv, errOut := gongyou(t, db, "", "export", "jobs", "--csv")
	if code != 0 || !strings.HasPrefix(csv, "id,sample,title,") {
		t.Fatalf("export --csv exit %d: %s", code, errOut)
	}
	var real string
	for _, l := range strings.Split(csv, "\n") {
		if strings.HasPrefix(l, "dg-real-001,") {
			real = l
		}
	}
	header, _, _ := strings.Cut(csv, "\n")
	code, out, errOut = gongyou(t, db, "", "import", write("jobs.csv", header+"\n"+strings.Replace(real, "电子厂普工", "电子厂普工（夜班）", 1)+"\n"))
	if code != 0 || !strings.Contains(out, "imported 1 jobs") || !strings.Contains(errOut, "0 new, 1 replaced") {
		t.Fatalf("CSV import exit %d: %s %s", code, out, errOut)
	}
	_, out, _ = gongyou(t, db, "", "export", "jobs")
	if strings.Count(out, "id: dg-real-001") != 1 || !strings.Contains(out, "电子厂普工（夜班）") {
		t.Fatalf("after CSV re-import:\n%s", out)
	}
	// An expired posting is skipped with a note.
	code, out, errOut = gongyou(t, db, "", "import", write("old.yaml",
		regexp.MustCompile(`(?m)^  (posted|expires): .*$`).ReplaceAllString(strings.Replace(realJobYAML, "dg-real-001", "dg-old", 1), "  $1: 2020-12-31")))
	if code != 0 || !strings.Contains(out, "imported 0 jobs") || !strings.Contains(errOut, "dg-old expired on 2020-12-31; skipped") {
		t.Fatalf("expired import exit %d: %s %s", code, out, errOut)
	}
}

func TestImportStationsThroughRun(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "g.db")
	seeded(t, db)
	code, out, errOut := gongyou(t, db, "", "export", "stations")
	if code != 0 || !strings.Contains(out, "id: dg-public") {
		t.Fatalf("export stations exit %d: %s", code, errOut)
	}
	p := filepath.Join(dir, "st.yaml")
	data := "- id: dg-public\n  city: 东莞\n  name: 东莞市公共就业服务中心\n  kind: public\n  address: 示例路1号（示例）\n  services: 免费职业介绍\n  source: 测试\n  checked: 2026-11-22\n"
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, out, errOut := gongyou(t, db, "", "import", p); code != 0 || !strings.Contains(out, "imported 1 stations") {
		t.Fatalf("import stations exit %d: %s %s", code, out, errOut)
	}
	_, out, _ = gongyou(t, db, "", "export", "stations", "--csv")
	if !strings.Contains(out, "示例路1号（示例）") || strings.Count(out, "dg-public") != 1 {
		t.Fatalf("export after import:\n%s", out)
	}
	bad := strings.Replace(data, "  address: 示例路1号（示例）\n", "  address: \"\"\n", 1)
	if err := os.WriteFile(p, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := gongyou(t, db, "", "import", p); code == 0 || !strings.Contains(errOut, "dg-public: address: give the address") {
		t.Fatalf("station without address or how_to_find: exit %d %s", code, errOut)
	}
}
