package importfile

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// Bulk import files (gongyou import FILE) are validated record by record
// before anything is written; a file with any error imports nothing. Every
// error names the line and the field, so staff can fix the file.

// FieldError is one problem in an import file.
type FieldError struct {
	Line   int    // 1-based line of the record (or of the field, when known); 0 if unknown
	Record string // the record's id, or "#N" for the Nth record
	Field  string // the field's name in the file; "" for the record as a whole
	Msg    string
}

func (e FieldError) Error() string {
	var b strings.Builder
	if e.Line > 0 {
		fmt.Fprintf(&b, "line %d: ", e.Line)
	}
	if e.Record != "" {
		fmt.Fprintf(&b, "%s: ", e.Record)
	}
	if e.Field != "" {
		fmt.Fprintf(&b, "%s: ", e.Field)
	}
	b.WriteString(e.Msg)
	return b.String()
}

// ImportErrors is every problem found in one file, in file order.
type ImportErrors []FieldError

// MaxImportErrors caps how many problems one file reports.
const MaxImportErrors = 50

func (es ImportErrors) Error() string {
	lines := make([]string, 0, len(es)+1)
	for i, e := range es {
		if i == MaxImportErrors {
			lines = append(lines, fmt.Sprintf("… and %d more", len(es)-i))
			break
		}
		lines = append(lines, e.Error())
	}
	return strings.Join(lines, "\n")
}

// Err returns nil for no problems, else es.
func (es ImportErrors) Err() error {
	if len(es) == 0 {
		return nil
	}
	return es
}

// MaxImportBytes is the largest import file accepted.
const MaxImportBytes = 32 << 20

// YAMLRecord is one item of a YAML list file: its position and its node,
// so a decoder can report the line of the field that is wrong.
type YAMLRecord struct {
	Index int // 1-based position in the list
	Line  int
	Node  *yaml.Node
}

// SplitYAMLList checks that data is valid UTF-8 YAML holding one list of
// mappings and returns the items. Errors carry line numbers.
func SplitYAMLList(data []byte) ([]YAMLRecord, error) {
	if len(data) > MaxImportBytes {
		return nil, ImportErrors{{Msg: fmt.Sprintf("file of %d bytes; at most %d", len(data), MaxImportBytes)}}
	}
	if !utf8.Valid(data) {
		line := 1 + bytes.Count(data[:InvalidUTF8At(data)], []byte("\n"))
		return nil, ImportErrors{{Line: line, Msg: "not valid UTF-8 text; save the file as UTF-8"}}
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, ImportErrors{{Msg: "not valid YAML: " + err.Error()}}
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return nil, nil // empty file: no records
	}
	list := doc.Content[0]
	if list.Kind != yaml.SequenceNode {
		return nil, ImportErrors{{Line: list.Line, Msg: "want a list of records (lines starting with \"- \")"}}
	}
	recs := make([]YAMLRecord, 0, len(list.Content))
	var errs ImportErrors
	for i, n := range list.Content {
		if n.Kind != yaml.MappingNode {
			errs = append(errs, FieldError{Line: n.Line, Record: fmt.Sprintf("#%d", i+1), Msg: "want a record of field: value lines"})
			continue
		}
		recs = append(recs, YAMLRecord{Index: i + 1, Line: n.Line, Node: n})
	}
	return recs, errs.Err()
}

// Decode decodes the record into v (a pointer to a struct with yaml tags),
// rejecting unknown fields and wrong types with the field's line.
func (r YAMLRecord) Decode(v any) []FieldError {
	var errs []FieldError
	known := knownYAMLFields(v)
	for i := 0; i+1 < len(r.Node.Content); i += 2 {
		k := r.Node.Content[i]
		if known != nil && !known[k.Value] {
			errs = append(errs, FieldError{Line: k.Line, Record: r.Name(), Field: k.Value, Msg: "unknown field"})
		}
	}
	if err := r.Node.Decode(v); err != nil {
		var te *yaml.TypeError
		if errors.As(err, &te) {
			if fe := r.fieldTypeErrors(v); len(fe) > 0 {
				return append(errs, fe...)
			}
			for _, m := range te.Errors {
				line, field, msg := r.Line, "", m
				if n, rest, ok := yamlErrorLine(m); ok {
					line, field, msg = n, r.fieldAt(n), rest
				}
				errs = append(errs, FieldError{Line: line, Record: r.Name(), Field: field, Msg: msg})
			}
		} else {
			errs = append(errs, FieldError{Line: r.Line, Record: r.Name(), Msg: err.Error()})
		}
	}
	return errs
}

// fieldTypeErrors decodes the record one field at a time into a fresh value
// of v's type, so a type error names the field it belongs to even when
// several fields share a line (records built from CSV rows).
func (r YAMLRecord) fieldTypeErrors(v any) []FieldError {
	t := reflect.TypeOf(v)
	if t == nil || t.Kind() != reflect.Pointer {
		return nil
	}
	var errs []FieldError
	for i := 0; i+1 < len(r.Node.Content); i += 2 {
		k, val := r.Node.Content[i], r.Node.Content[i+1]
		one := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Content: []*yaml.Node{k, val}}
		err := one.Decode(reflect.New(t.Elem()).Interface())
		var te *yaml.TypeError
		if !errors.As(err, &te) {
			continue
		}
		for _, m := range te.Errors {
			line := val.Line
			if n, rest, ok := yamlErrorLine(m); ok {
				line, m = n, rest
			}
			errs = append(errs, FieldError{Line: line, Record: r.Name(), Field: k.Value, Msg: m})
		}
	}
	return errs
}

// FieldLine returns the line of field name in the record, or the record's
// line when the field is absent.
func (r YAMLRecord) FieldLine(name string) int {
	for i := 0; i+1 < len(r.Node.Content); i += 2 {
		if r.Node.Content[i].Value == name {
			return r.Node.Content[i].Line
		}
	}
	return r.Line
}

// Name is the record's id field when present, else "#N".
func (r YAMLRecord) Name() string {
	for i := 0; i+1 < len(r.Node.Content); i += 2 {
		if r.Node.Content[i].Value == "id" && r.Node.Content[i+1].Value != "" {
			return r.Node.Content[i+1].Value
		}
	}
	return fmt.Sprintf("#%d", r.Index)
}

// Err builds a FieldError for field of this record at the field's line.
func (r YAMLRecord) Err(field, format string, args ...any) FieldError {
	return FieldError{Line: r.FieldLine(field), Record: r.Name(), Field: field, Msg: fmt.Sprintf(format, args...)}
}

func InvalidUTF8At(data []byte) int {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return len(data)
}

// yamlErrorLine splits "line 12: cannot unmarshal …" into 12 and the rest.
func yamlErrorLine(m string) (int, string, bool) {
	rest, ok := strings.CutPrefix(m, "line ")
	if !ok {
		return 0, m, false
	}
	num, msg, ok := strings.Cut(rest, ": ")
	n, err := strconv.Atoi(num)
	if !ok || err != nil {
		return 0, m, false
	}
	return n, msg, true
}

// fieldAt names the field whose key is on line, or above it (a value that
// spans several lines); "" when line is before the first field.
func (r YAMLRecord) fieldAt(line int) string {
	field := ""
	for i := 0; i+1 < len(r.Node.Content); i += 2 {
		if k := r.Node.Content[i]; k.Line <= line {
			field = k.Value
		}
	}
	return field
}
