package scam

import (
	"bytes"
	_ "embed"
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gongyou/gongyou/knowledge/importfile"
	"github.com/gongyou/gongyou/knowledge/norm"
	"github.com/gongyou/gongyou/knowledge/seed"
	"go.yaml.in/yaml/v3"
)

// Case is one staff-maintained scam case study, in Chinese with an English
// version. The seed set lives in seed/cases.yaml; staff edit the copy in the
// store.
type Case struct {
	ID         string   `yaml:"id" json:"id"`
	Type       string   `yaml:"type" json:"type"` // one of ScamTypes
	TitleZH    string   `yaml:"title_zh" json:"title_zh"`
	TitleEN    string   `yaml:"title_en" json:"title_en"`
	StoryZH    string   `yaml:"story_zh" json:"story_zh"`
	StoryEN    string   `yaml:"story_en" json:"story_en"`
	RedFlagsZH []string `yaml:"red_flags_zh" json:"red_flags_zh"`
	RedFlagsEN []string `yaml:"red_flags_en" json:"red_flags_en"`
	AdviceZH   []string `yaml:"advice_zh" json:"advice_zh"`
	AdviceEN   []string `yaml:"advice_en" json:"advice_en"`
	Source     string   `yaml:"source" json:"source"` // who published the facts, with a URL or document name
	Date       string   `yaml:"date" json:"date"`     // YYYY-MM-DD: when the source published or we last checked it
	Retired    bool     `yaml:"retired,omitempty" json:"retired,omitempty"`
}

// ScamTypes are the scam types of shared/reference/domain.md §1.1, by code.
var ScamTypes = []string{
	"upfront_fee",       // 1 押金/保证金/服装费/体检费… before work
	"training_loan",     // 2 培训贷 / 招转培
	"task_brushing",     // 3 刷单返利 / 点赞关注 / 做任务
	"typing_job",        // 4 打字员/抄写员/录入员 with 会员费
	"handicraft",        // 5 手工活外发 with 材料押金
	"unlicensed_agency", // 6 黑中介 / 信息费 / 介绍费
	"id_retention",      // 7 扣押身份证/银行卡
	"overseas",          // 8 境外高薪 → 诈骗园区
	"pyramid",           // 9 传销 / 资本运作
	"fake_referral",     // 10 央国企内推 / 编制 / 保录取
	"diversion",         // 11 引流到私聊 / 小众APP
	"chat_companion",    // 12 陪聊 / 男公关 / 裸聊
	"certificate",       // 13 证书挂靠 / 考证躺赚
	"franchise",         // 14 招聘变招商 / 加盟
	"card_rental",       // 15 出租银行卡/手机卡 / 跑分
	"beauty_loan",       // 16 美容贷 / 模卡费
	"insurance_fraud",   // 17 社保挂靠/代缴/代办退休
	"official_phishing", // 18 冒充人社 补贴链接
	"rights_fraud",      // 19 代讨薪 / 加急立案费
}

// IsScamType reports whether code is one of ScamTypes.
func IsScamType(code string) bool {
	for _, t := range ScamTypes {
		if t == code {
			return true
		}
	}
	return false
}

// SeedCases returns the case studies shipped with the binary.
func SeedCases() ([]Case, error) {
	return ParseCasesYAML(seed.CasesYAML)
}

var caseIDPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{1,39}$`)

// ParseCasesYAML decodes a YAML list of cases and validates every one. On
// any problem it returns no cases and an ImportErrors naming the line, the
// case and the field of each problem: invalid UTF-8, a value of the wrong
// YAML type, an unknown field, an unknown scam type, a duplicate id,
// over-long text, a missing field.
func ParseCasesYAML(data []byte) ([]Case, error) {
	var errs importfile.ImportErrors
	firstLine := map[string]int{}
	var cases []Case
	for r := range importfile.YAMLRecords(data, &errs) {
		var c Case
		if fe := r.Decode(&c); len(fe) > 0 {
			errs.Add(fe...)
			continue
		}
		for _, p := range c.problems() {
			errs.Add(r.Err(p.field, "%s", p.msg))
		}
		if c.ID != "" {
			if line, dup := firstLine[c.ID]; dup {
				errs.Add(r.Err("id", "duplicate id %q (first used at line %d)", c.ID, line))
			} else {
				firstLine[c.ID] = r.FieldLine("id")
			}
		}
		cases = append(cases, c)
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return cases, nil
}

// Limits on case text (bytes): a case must fit in one chat message.
const (
	maxCaseText   = 8000 // title, story
	maxCaseItem   = 600  // one red flag or advice line
	maxCaseItems  = 20
	maxCaseSource = 1000
)

type caseProblem struct{ field, msg string }

// problems lists what is wrong with c, field by field.
func (c Case) problems() []caseProblem {
	var ps []caseProblem
	add := func(field, format string, args ...any) {
		ps = append(ps, caseProblem{field, fmt.Sprintf(format, args...)})
	}
	if !caseIDPattern.MatchString(c.ID) {
		add("id", "want 2-40 characters of a-z 0-9 _ -, got %q", norm.Clip(c.ID, 60, "…"))
	}
	if !IsScamType(c.Type) {
		add("type", "unknown scam type %q; one of: %s", norm.Clip(c.Type, 60, "…"), strings.Join(ScamTypes, ", "))
	}
	for _, f := range []struct {
		name, val string
		max       int
	}{
		{"title_zh", c.TitleZH, maxCaseText}, {"title_en", c.TitleEN, maxCaseText},
		{"story_zh", c.StoryZH, maxCaseText}, {"story_en", c.StoryEN, maxCaseText},
		{"source", c.Source, maxCaseSource},
	} {
		switch {
		case strings.TrimSpace(f.val) == "":
			add(f.name, "required")
		case len(f.val) > f.max:
			add(f.name, "%d bytes, at most %d", len(f.val), f.max)
		case !utf8.ValidString(f.val) || strings.ContainsRune(f.val, 0):
			add(f.name, "not valid text")
		}
	}
	for _, f := range []struct {
		name string
		val  []string
	}{{"red_flags_zh", c.RedFlagsZH}, {"red_flags_en", c.RedFlagsEN}, {"advice_zh", c.AdviceZH}, {"advice_en", c.AdviceEN}} {
		switch {
		case len(f.val) == 0:
			add(f.name, "at least one item")
		case len(f.val) > maxCaseItems:
			add(f.name, "%d items, at most %d", len(f.val), maxCaseItems)
		}
		for i, it := range f.val {
			if strings.TrimSpace(it) == "" {
				add(f.name, "item %d is empty", i+1)
			} else if len(it) > maxCaseItem {
				add(f.name, "item %d: %d bytes, at most %d", i+1, len(it), maxCaseItem)
			}
		}
	}
	if _, err := time.Parse(time.DateOnly, c.Date); err != nil {
		add("date", "want YYYY-MM-DD, got %q", norm.Clip(c.Date, 60, "…"))
	}
	return ps
}

// Validate checks the fields staff must fill in; the error names the first
// field that is wrong.
func (c Case) Validate() error {
	ps := c.problems()
	if len(ps) == 0 {
		return nil
	}
	return fmt.Errorf("%s: %s", ps[0].field, ps[0].msg)
}

// MarshalCasesYAML encodes cases in the same format ParseCasesYAML reads.
func MarshalCasesYAML(cases []Case) ([]byte, error) {
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(cases); err != nil {
		return nil, fmt.Errorf("cases yaml: %w", err)
	}
	return buf.Bytes(), enc.Close()
}
