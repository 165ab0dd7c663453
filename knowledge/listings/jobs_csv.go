package listings

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/gongyou/gongyou/knowledge/importfile"
	"go.yaml.in/yaml/v3"
)

// csvRecords reads a CSV file with a header row into the records a YAML
// file would give, so both formats share one decoder and one validator and
// report the same lines and fields. fields lists the known columns (nil:
// accept any); typed are the columns holding numbers or booleans, which are
// read like YAML scalars (everything else stays text). Empty cells are left
// out, as a YAML record would leave the field out.
func csvRecords(data []byte, fields []string, typed map[string]bool) ([]importfile.YAMLRecord, error) {
	if len(data) > importfile.MaxImportBytes {
		return nil, importfile.ImportErrors{{Msg: fmt.Sprintf("file of %d bytes; at most %d", len(data), importfile.MaxImportBytes)}}
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // Excel's UTF-8 mark
	if !utf8.Valid(data) {
		line := 1 + bytes.Count(data[:importfile.InvalidUTF8At(data)], []byte("\n"))
		return nil, importfile.ImportErrors{{Line: line, Msg: "not valid UTF-8 text; save the file as UTF-8 (Excel: CSV UTF-8)"}}
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if errors.Is(err, io.EOF) {
		return nil, nil
	}
	if err != nil {
		return nil, importfile.ImportErrors{{Line: 1, Msg: "header row: " + err.Error()}}
	}
	known := map[string]bool{}
	for _, f := range fields {
		known[f] = true
	}
	var errs importfile.ImportErrors
	seen := map[string]bool{}
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(h))
		header[i] = h
		switch {
		case h == "":
			errs = append(errs, importfile.FieldError{Line: 1, Msg: fmt.Sprintf("column %d has no name", i+1)})
		case fields != nil && !known[h]:
			errs = append(errs, importfile.FieldError{Line: 1, Field: h, Msg: "unknown column; known: " + strings.Join(fields, ", ")})
		case seen[h]:
			errs = append(errs, importfile.FieldError{Line: 1, Field: h, Msg: "column named twice"})
		}
		seen[h] = true
	}
	if len(errs) > 0 {
		return nil, errs
	}
	var recs []importfile.YAMLRecord
	for idx := 1; ; idx++ {
		row, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			line := 0
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				line = pe.Line
			}
			errs = append(errs, importfile.FieldError{Line: line, Record: fmt.Sprintf("#%d", idx), Msg: "not valid CSV: " + err.Error()})
			break
		}
		line, _ := r.FieldPos(0)
		if len(row) != len(header) {
			errs = append(errs, importfile.FieldError{Line: line, Record: fmt.Sprintf("#%d", idx),
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
		recs = append(recs, importfile.YAMLRecord{Index: idx, Line: line, Node: node})
	}
	return recs, errs.Err()
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
