package listings

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"iter"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/gongyou/gongyou/knowledge/importfile"
	"go.yaml.in/yaml/v3"
)

// csvRecords reads a CSV file with a header row into the records a YAML
// file would give, one row at a time, so both formats share one decoder and
// one validator and report the same lines and fields. fields lists the
// known columns (nil: accept any); typed are the columns holding numbers or
// booleans, which are read like YAML scalars (everything else stays text).
// Empty cells are left out, as a YAML record would leave the field out.
// Problems with the file go to errs.
func csvRecords(data []byte, fields []string, typed map[string]bool, errs *importfile.ImportErrors) iter.Seq[importfile.YAMLRecord] {
	return func(yield func(importfile.YAMLRecord) bool) {
		if len(data) > importfile.MaxImportBytes {
			errs.Add(importfile.TooBig(int64(len(data)))...)
			return
		}
		data := bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // Excel's UTF-8 mark
		if !utf8.Valid(data) {
			line := 1 + bytes.Count(data[:importfile.InvalidUTF8At(data)], []byte("\n"))
			errs.Add(importfile.FieldError{Line: line, Msg: "not valid UTF-8 text; save the file as UTF-8 (Excel: CSV UTF-8)"})
			return
		}
		r := csv.NewReader(bytes.NewReader(data))
		r.FieldsPerRecord = -1
		r.ReuseRecord = true
		header, err := r.Read()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			errs.Add(importfile.FieldError{Line: 1, Msg: "header row: " + err.Error()})
			return
		}
		header = slices.Clone(header)
		known := map[string]bool{}
		for _, f := range fields {
			known[f] = true
		}
		bad := false
		seen := map[string]bool{}
		for i, h := range header {
			h = strings.ToLower(strings.TrimSpace(h))
			header[i] = h
			switch {
			case h == "":
				errs.Add(importfile.FieldError{Line: 1, Msg: fmt.Sprintf("column %d has no name", i+1)})
				bad = true
			case fields != nil && !known[h]:
				errs.Add(importfile.FieldError{Line: 1, Field: h, Msg: "unknown column; known: " + strings.Join(fields, ", ")})
				bad = true
			case seen[h]:
				errs.Add(importfile.FieldError{Line: 1, Field: h, Msg: "column named twice"})
				bad = true
			}
			seen[h] = true
		}
		if bad {
			return
		}
		for idx := 1; ; idx++ {
			row, err := r.Read()
			if errors.Is(err, io.EOF) {
				return
			}
			if err != nil {
				line := 0
				var pe *csv.ParseError
				if errors.As(err, &pe) {
					line = pe.Line
				}
				errs.Add(importfile.FieldError{Line: line, Record: fmt.Sprintf("#%d", idx), Msg: "not valid CSV: " + err.Error()})
				return
			}
			line, _ := r.FieldPos(0)
			if idx > importfile.MaxImportRecords {
				errs.Add(importfile.TooManyRecords(line))
				return
			}
			if len(row) != len(header) {
				errs.Add(importfile.FieldError{Line: line, Record: fmt.Sprintf("#%d", idx),
					Msg: fmt.Sprintf("%d cells; the header has %d columns", len(row), len(header))})
				continue
			}
			node := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: line}
			for i, cell := range row {
				cell = strings.TrimSpace(cell)
				if cell == "" {
					continue
				}
				cl, _ := r.FieldPos(i)
				v := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: cell, Line: cl}
				if typed[header[i]] {
					v.Tag = ""
					if b, ok := csvBool(cell); ok {
						v.Value = b
					}
				}
				node.Content = append(node.Content,
					&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: header[i], Line: cl}, v)
			}
			if !yield(importfile.YAMLRecord{Index: idx, Line: line, Node: node}) {
				return
			}
		}
	}
}

// csvBool reads the ways a spreadsheet says yes or no.
func csvBool(s string) (string, bool) {
	switch strings.ToLower(s) {
	case "true", "yes", "y", "是", "有", "✓", "√":
		return "true", true
	case "false", "no", "n", "否", "无", "没有":
		return "false", true
	}
	return "", false
}

// writeCSV writes a header and rows.
func writeCSV(header []string, rows [][]string) ([]byte, error) {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	if err := w.Write(header); err != nil {
		return nil, err
	}
	if err := w.WriteAll(rows); err != nil {
		return nil, fmt.Errorf("csv: %w", err)
	}
	return buf.Bytes(), nil
}
