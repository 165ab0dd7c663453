package faq

import (
	"context"
	stdcsv "encoding/csv"
	"errors"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/gongyou/gongyou/knowledge/importfile"
)

// FAQ entries: gongyou import faqs.yaml / gongyou export faqs. The file is
// a YAML list in the shape of knowledge/seed/faqs.yaml (plus an optional
// `retired: true`). Every record is checked before anything is written;
// then all entries go to the store in one transaction (each changed entry
// gets a new revision), or none do. Entries not in the file are kept.

var (
	faqIDRe   = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	faqTopics = map[string]bool{"insurance": true, "injury": true, "unemployment": true, "wages": true, "contract": true,
		"fees_id": true, "training": true, "employment_service": true, "hotlines": true, "hours": true, "leaving": true, "women": true}
)

const (
	faqMaxIDLen     = 48 // callback data "faq:y:<id>" must stay within 64 bytes
	faqMaxLines     = 5
	faqMaxLineRunes = 200
)

// parseFAQsFile validates a whole file and returns its entries, or every
// problem found with its line and field.
func parseFAQsFile(data []byte) ([]FAQ, error) {
	var errs importfile.ImportErrors
	var out []FAQ
	seen := map[string]int{}
	n := 0
	for r := range importfile.YAMLRecords(data, &errs) {
		n++
		var f FAQ
		if fe := r.Decode(&f); len(fe) > 0 {
			errs.Add(fe...)
			continue
		}
		errs.Add(checkFAQ(r, f, seen)...)
		out = append(out, f)
	}
	if n == 0 && len(errs) == 0 {
		errs.Add(importfile.FieldError{Msg: "no entries in the file"})
	}
	errs.SortByLine()
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

func checkFAQ(r importfile.YAMLRecord, f FAQ, seen map[string]int) []importfile.FieldError {
	var errs []importfile.FieldError
	switch {
	case f.ID == "":
		errs = append(errs, r.Err("id", "is required"))
	case !faqIDRe.MatchString(f.ID) || len(f.ID) > faqMaxIDLen:
		errs = append(errs, r.Err("id", "%q: use lower-case letters, digits and single dashes, at most %d characters", f.ID, faqMaxIDLen))
	case seen[f.ID] > 0:
		errs = append(errs, r.Err("id", "%q is already used by the entry on line %d", f.ID, seen[f.ID]))
	default:
		seen[f.ID] = r.Line
	}
	for _, fv := range []struct{ name, v string }{
		{"topic", f.Topic}, {"question_zh", f.QuestionZH}, {"question_en", f.QuestionEN},
		{"answer_zh", f.AnswerZH}, {"answer_en", f.AnswerEN}, {"source", f.Source}, {"date", f.Date},
	} {
		if strings.TrimSpace(fv.v) == "" {
			errs = append(errs, r.Err(fv.name, "is required"))
		}
	}
	if f.Topic != "" && !faqTopics[f.Topic] {
		errs = append(errs, r.Err("topic", "%q is not a topic; use one of insurance, injury, unemployment, wages, hours, leaving, contract, women, fees_id, training, employment_service, hotlines", f.Topic))
	}
	if len(f.KeywordsZH) == 0 {
		errs = append(errs, r.Err("keywords_zh", "give at least one keyword"))
	}
	if f.Date != "" {
		if !reviewDate.MatchString(f.Date) {
			errs = append(errs, r.Err("date", "%q: write the review date as YYYY-MM or YYYY-MM-DD", f.Date))
		}
	}
	for _, a := range []struct{ name, v string }{{"answer_zh", f.AnswerZH}, {"answer_en", f.AnswerEN}} {
		if strings.TrimSpace(a.v) == "" {
			continue
		}
		lines := strings.Split(strings.TrimSpace(a.v), "\n")
		if len(lines) > faqMaxLines {
			errs = append(errs, r.Err(a.name, "has %d lines; at most %d short lines", len(lines), faqMaxLines))
		}
		for i, l := range lines {
			if n := len([]rune(l)); n > faqMaxLineRunes {
				errs = append(errs, r.Err(a.name, "line %d has %d characters; at most %d", i+1, n, faqMaxLineRunes))
			}
		}
		if f.Handoff != "" && !strings.Contains(a.v, f.Handoff) {
			errs = append(errs, r.Err(a.name, "hands off to %s but does not name it", f.Handoff))
		}
	}
	if f.Handoff != "" && f.Handoff != "12333" {
		errs = append(errs, r.Err("handoff", "%q: leave it empty or write 12333", f.Handoff))
	}
	return errs
}

func importFAQs(ctx context.Context, env importfile.Env, name string, data []byte, csv bool) (int, error) {
	if csv {
		return 0, errors.New("FAQ entries are imported from YAML, not CSV")
	}
	faqs, err := parseFAQsFile(data)
	if err != nil {
		return 0, err
	}
	if env.Seed != nil {
		if err := env.Seed(ctx); err != nil {
			return 0, err
		}
	}
	base, err := NewFAQBase(ctx, env.Store, env.Logger)
	if err != nil {
		return 0, err
	}
	if _, err := base.Import(ctx, faqs, "import:"+name); err != nil {
		return 0, err
	}
	return len(faqs), nil
}

func exportFAQs(ctx context.Context, env importfile.Env, w io.Writer, csv bool) error {
	if csv {
		return errors.New("FAQ entries are exported as YAML only")
	}
	recs, err := env.Store.FAQs(ctx)
	if err != nil {
		return err
	}
	faqs := make([]FAQ, 0, len(recs))
	for _, r := range recs {
		f, err := FAQFromRecord(r)
		if err != nil {
			env.Logger.Warn("skipping unreadable faq", "id", r.ID, "err", err)
			continue
		}
		faqs = append(faqs, f)
	}
	sort.Slice(faqs, func(i, j int) bool { return faqs[i].ID < faqs[j].ID })
	out, err := yaml.Marshal(faqs)
	if err != nil {
		return fmt.Errorf("export faqs: %w", err)
	}
	_, err = w.Write(out)
	return err
}

// exportFAQFeedback prints the "did this help?" counts per entry (YAML, or
// CSV with --csv), so staff can see which answers to rewrite.
func exportFAQFeedback(ctx context.Context, env importfile.Env, w io.Writer, csv bool) error {
	counts, err := env.Store.FAQFeedbackCounts(ctx)
	if err != nil {
		return err
	}
	if csv {
		cw := stdcsv.NewWriter(w)
		cw.Write([]string{"id", "helpful", "not_helpful"})
		for _, c := range counts {
			cw.Write([]string{c.FAQID, strconv.Itoa(c.Helpful), strconv.Itoa(c.Not)})
		}
		cw.Flush()
		return cw.Error()
	}
	type row struct {
		ID         string `yaml:"id"`
		Helpful    int    `yaml:"helpful"`
		NotHelpful int    `yaml:"not_helpful"`
	}
	rows := make([]row, 0, len(counts))
	for _, c := range counts {
		rows = append(rows, row{c.FAQID, c.Helpful, c.Not})
	}
	out, err := yaml.Marshal(rows)
	if err != nil {
		return fmt.Errorf("export faq feedback: %w", err)
	}
	_, err = w.Write(out)
	return err
}

// FAQsFile is `gongyou import/export faqs`; FeedbackFile is the read-only
// `gongyou export faq-feedback`.
var (
	FAQsFile     = importfile.Kind{Import: importFAQs, Export: exportFAQs, YAMLKeys: []string{"question_zh"}}
	FeedbackFile = importfile.Kind{Export: exportFAQFeedback}
)
