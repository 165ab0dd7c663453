package model

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Where the data lives, relative to the repository root.
const (
	// SetsDir holds the project's own labelled sets (train.jsonl,
	// holdout.jsonl; see its README.md).
	SetsDir = "knowledge/scam/testdata/sets"
	// SharedDataDir is the default place of the real third-party data,
	// outside the repository (see its README.md for sources and terms).
	SharedDataDir = "../shared/data"
)

// ReadJSONL reads JSON Lines of {"id","text","label"} plus the optional
// "lang" and "kind" fields (other fields are ignored). Blank lines are
// skipped; a line that is not an object with a text and a label 0 or 1 is an
// error naming its line number. source is recorded in each Example.
func ReadJSONL(r io.Reader, source string) ([]Example, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 16*1024*1024)
	var out []Example
	line := 0
	for sc.Scan() {
		line++
		b := sc.Bytes()
		if len(strings.TrimSpace(string(b))) == 0 {
			continue
		}
		var raw struct {
			ID    string          `json:"id"`
			Lang  string          `json:"lang"`
			Label json.RawMessage `json:"label"`
			Kind  string          `json:"kind"`
			Text  string          `json:"text"`
		}
		if err := json.Unmarshal(b, &raw); err != nil {
			return out, fmt.Errorf("%s:%d: %v", source, line, err)
		}
		label, ok := parseLabel(raw.Label)
		if !ok {
			return out, fmt.Errorf("%s:%d: label must be 0 or 1 (or \"scam\", \"legit\", \"chat\")", source, line)
		}
		if raw.Text == "" {
			return out, fmt.Errorf("%s:%d: empty text", source, line)
		}
		if raw.ID == "" {
			raw.ID = fmt.Sprintf("%s:%d", filepath.Base(source), line)
		}
		out = append(out, Example{ID: raw.ID, Lang: raw.Lang, Label: label, Kind: raw.Kind, Text: raw.Text, Source: source})
	}
	if err := sc.Err(); err != nil {
		return out, fmt.Errorf("%s: %v", source, err)
	}
	return out, nil
}

// LoadJSONL reads one JSON Lines file (see ReadJSONL).
func LoadJSONL(path string) ([]Example, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadJSONL(f, path)
}

// LoadSets reads the project's own sets from repoRoot/SetsDir: "train" and
// "holdout" (the hold-out set must never be used for fitting or choosing
// thresholds).
func LoadSets(repoRoot string) (train, holdout []Example, err error) {
	dir := filepath.Join(repoRoot, filepath.FromSlash(SetsDir))
	if train, err = LoadJSONL(filepath.Join(dir, "train.jsonl")); err != nil {
		return nil, nil, err
	}
	if holdout, err = LoadJSONL(filepath.Join(dir, "holdout.jsonl")); err != nil {
		return nil, nil, err
	}
	return train, holdout, nil
}

// SharedFile is one file of the shared third-party data.
type SharedFile struct {
	Name string // file name, e.g. "chat_ocr_dev.jsonl"
	Dev  bool   // name ends in _dev.jsonl: may be fit on
	Rows []Example
}

// LoadShared reads every *.jsonl file in dir (SharedDataDir relative to the
// repository root when dir is ""; a relative dir is taken relative to
// repoRoot). A missing directory is not an error: it returns no files, so
// callers skip the shared figures on machines without the data. Files come
// back sorted by name.
func LoadShared(repoRoot, dir string) ([]SharedFile, error) {
	if dir == "" {
		dir = SharedDataDir
	}
	if !filepath.IsAbs(dir) {
		dir = filepath.Join(repoRoot, filepath.FromSlash(dir))
	}
	matches, err := filepath.Glob(filepath.Join(dir, "*.jsonl"))
	if err != nil {
		return nil, err
	}
	if len(matches) == 0 {
		if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
			return nil, nil
		}
	}
	sort.Strings(matches)
	var out []SharedFile
	for _, p := range matches {
		rows, err := LoadJSONL(p)
		if err != nil {
			return out, err
		}
		name := filepath.Base(p)
		for i := range rows {
			if rows[i].Lang == "" {
				rows[i].Lang = GuessLang(rows[i].Text)
			}
		}
		out = append(out, SharedFile{Name: name, Dev: strings.HasSuffix(name, "_dev.jsonl"), Rows: rows})
	}
	return out, nil
}

// GuessLang says "zh" when at least a tenth of the letters are Han
// characters, else "en".
func GuessLang(s string) string {
	var han, letters int
	for _, r := range s {
		switch {
		case isHan(r):
			han++
			letters++
		case isLetter(r):
			letters++
		}
	}
	if letters > 0 && han*10 >= letters {
		return "zh"
	}
	return "en"
}

// Labels returns the labels of rows.
func Labels(rows []Example) []int {
	out := make([]int, len(rows))
	for i, r := range rows {
		out[i] = r.Label
	}
	return out
}

// Score featurises and scores every row with m (rows should be normalised
// and carry their dense features, as for Train).
func (m *Model) Score(rows []Example) []float64 {
	var f Features
	out := make([]float64, len(rows))
	for i, r := range rows {
		m.fz.Featurize(&f, r.Text, r.Dense)
		out[i] = m.Predict(&f)
	}
	return out
}

// parseLabel reads 1/0, or the older sets' "scam" (1) and "legit" or
// "chat" (0).
func parseLabel(b json.RawMessage) (int, bool) {
	switch strings.TrimSpace(string(b)) {
	case "1", `"scam"`:
		return 1, true
	case "0", `"legit"`, `"chat"`:
		return 0, true
	}
	return 0, false
}
