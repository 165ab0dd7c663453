package knowledge

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

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

//go:embed seed/cases.yaml
var seedCasesYAML []byte

// SeedCases returns the case studies shipped with the binary.
func SeedCases() ([]Case, error) {
	return ParseCasesYAML(seedCasesYAML)
}

var caseIDPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{1,39}$`)

// ParseCasesYAML decodes a YAML list of cases and validates every one.
// Errors name the case (by position and id) and the field.
func ParseCasesYAML(data []byte) ([]Case, error) {
	var cases []Case
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&cases); err != nil {
		return nil, fmt.Errorf("cases yaml: %w", err)
	}
	seen := make(map[string]bool, len(cases))
	var errs []error
	for i, c := range cases {
		if err := c.Validate(); err != nil {
			errs = append(errs, fmt.Errorf("case %d (%q): %w", i+1, c.ID, err))
			continue
		}
		if seen[c.ID] {
			errs = append(errs, fmt.Errorf("case %d: duplicate id %q", i+1, c.ID))
		}
		seen[c.ID] = true
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return cases, nil
}

// Validate checks the fields staff must fill in.
func (c Case) Validate() error {
	switch {
	case !caseIDPattern.MatchString(c.ID):
		return fmt.Errorf("id: want 2-40 characters of a-z 0-9 _ -, got %q", c.ID)
	case !IsScamType(c.Type):
		return fmt.Errorf("type: unknown scam type %q", c.Type)
	case strings.TrimSpace(c.TitleZH) == "" || strings.TrimSpace(c.TitleEN) == "":
		return errors.New("title_zh and title_en: both are required")
	case strings.TrimSpace(c.StoryZH) == "" || strings.TrimSpace(c.StoryEN) == "":
		return errors.New("story_zh and story_en: both are required")
	case len(c.RedFlagsZH) == 0 || len(c.RedFlagsEN) == 0:
		return errors.New("red_flags_zh and red_flags_en: at least one each")
	case len(c.AdviceZH) == 0 || len(c.AdviceEN) == 0:
		return errors.New("advice_zh and advice_en: at least one each")
	case strings.TrimSpace(c.Source) == "":
		return errors.New("source: required")
	}
	if _, err := time.Parse(time.DateOnly, c.Date); err != nil {
		return fmt.Errorf("date: want YYYY-MM-DD, got %q", c.Date)
	}
	const maxText = 8000
	for name, s := range map[string]string{"story_zh": c.StoryZH, "story_en": c.StoryEN, "title_zh": c.TitleZH, "title_en": c.TitleEN} {
		if len(s) > maxText {
			return fmt.Errorf("%s: %d bytes, at most %d", name, len(s), maxText)
		}
	}
	return nil
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
