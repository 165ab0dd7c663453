package importfile

import (
	"bytes"
	"errors"
	"fmt"
	"iter"
	"reflect"
	"regexp"
	"sort"
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

	more int // > 0: not a problem but the count of those left out (ImportErrors.Add)
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

// ImportErrors is every problem found in one file, in file order: the
// first MaxImportErrors of them when collected with Add, which counts the rest.
type ImportErrors []FieldError

// MaxImportErrors caps how many problems one file keeps and reports; the
// others are only counted (Total), so a huge file of bad rows costs no
// memory for its problems.
const MaxImportErrors = 100

// Add collects problems: the first MaxImportErrors are kept, the rest
// counted.
func (es *ImportErrors) Add(fe ...FieldError) {
	for _, e := range fe {
		n := len(*es)
		switch {
		case n < MaxImportErrors:
			*es = append(*es, e)
		case (*es)[n-1].more > 0:
			(*es)[n-1].more++
		default:
			*es = append(*es, FieldError{more: 1})
		}
	}
}

// Total is how many problems were found, those left out included.
func (es ImportErrors) Total() int {
	if n := len(es); n > 0 && es[n-1].more > 0 {
		return n - 1 + es[n-1].more
	}
	return len(es)
}

// SortByLine orders the problems kept by line (the count stays last).
func (es ImportErrors) SortByLine() {
	kept := es
	if n := len(es); n > 0 && es[n-1].more > 0 {
		kept = es[:n-1]
	}
	sort.SliceStable(kept, func(i, j int) bool { return kept[i].Line < kept[j].Line })
}

func (es ImportErrors) Error() string {
	lines := make([]string, 0, min(len(es), MaxImportErrors)+1)
	total := es.Total()
	for _, e := range es {
		if e.more > 0 || len(lines) == MaxImportErrors {
			break
		}
		lines = append(lines, e.Error())
	}
	if total > len(lines) {
		lines = append(lines, fmt.Sprintf("… and %d more", total-len(lines)))
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

// MaxImportBytes is the largest import file accepted. Files are read one
// record at a time (YAMLRecords, and CSV rows likewise), so memory stays
// well under 200 MB for any file up to this size (README: import limits).
const MaxImportBytes = 32 << 20

// MaxImportRecords is the most records one file may hold: what a file
// costs in memory follows its records once parsed (a posting about 1 KB
// through validation and writing), so this, not only the bytes, keeps an
// import under 200 MB. Bigger sets go in several files.
const MaxImportRecords = 50_000

// TooManyRecords is the problem of a file over MaxImportRecords, found at line.
func TooManyRecords(line int) FieldError {
	return FieldError{Line: line, Msg: fmt.Sprintf("more than %d records; split the file into several", MaxImportRecords)}
}

// MaxRecordBytes is the largest single record of a YAML list: no case,
// FAQ entry or posting comes near it; a bigger one is refused unparsed.
const MaxRecordBytes = 1 << 20

// maxWholeYAML is the largest file parsed in one piece, when its records
// cannot be told apart line by line (a flow list, a record starting
// elsewhere than at the start of a line).
const maxWholeYAML = 1 << 20

// TooBig is the problem of a file over MaxImportBytes.
func TooBig(size int64) ImportErrors {
	return ImportErrors{{Msg: fmt.Sprintf("file of %d bytes; at most %d (split it into several files)", size, MaxImportBytes)}}
}

// YAMLRecord is one item of a YAML list file: its position and its node,
// so a decoder can report the line of the field that is wrong.
type YAMLRecord struct {
	Index int // 1-based position in the list
	Line  int
	Node  *yaml.Node
}

// SplitYAMLList checks that data is valid UTF-8 YAML holding one list of
// mappings and returns the items. Errors carry line numbers. It holds every
// record at once: big files go through YAMLRecords.
func SplitYAMLList(data []byte) ([]YAMLRecord, error) {
	var errs ImportErrors
	var recs []YAMLRecord
	for r := range YAMLRecords(data, &errs) {
		recs = append(recs, r)
	}
	return recs, errs.Err()
}

// YAMLRecords yields the records of a YAML list file one at a time, adding
// the file's problems to errs (a record that is not a mapping, broken YAML,
// a file over MaxImportBytes). A list written the usual way — each record
// starting with "- " at the start of a line — is parsed record by record,
// so memory follows the biggest record, not the file; one that is not is
// parsed whole, up to 1 MB. An alias to an anchor in another record is
// not supported in the first form (staff files have none).
func YAMLRecords(data []byte, errs *ImportErrors) iter.Seq[YAMLRecord] {
	return func(yield func(YAMLRecord) bool) {
		if len(data) > MaxImportBytes {
			errs.Add(TooBig(int64(len(data)))...)
			return
		}
		if !utf8.Valid(data) {
			line := 1 + bytes.Count(data[:InvalidUTF8At(data)], []byte("\n"))
			errs.Add(FieldError{Line: line, Msg: "not valid UTF-8 text; save the file as UTF-8"})
			return
		}
		data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
		if !splitsByLine(data) {
			if len(data) > maxWholeYAML {
				errs.Add(FieldError{Msg: fmt.Sprintf("a file over %d bytes must be a list with each record starting with \"- \" at the start of a line", maxWholeYAML)})
				return
			}
			yieldWhole(data, errs, yield)
			return
		}
		i := -1
		for it := range splitItems(data) {
			i++
			if i == MaxImportRecords {
				errs.Add(TooManyRecords(it.line))
				return
			}
			if len(it.text) > MaxRecordBytes {
				errs.Add(tooBigRecord(it, i+1))
				continue
			}
			var doc yaml.Node
			if err := yaml.Unmarshal(it.text, &doc); err != nil {
				errs.Add(FieldError{Line: it.line, Record: fmt.Sprintf("#%d", i+1), Msg: "not valid YAML: " + shiftYAMLError(err.Error(), it.line-1)})
				continue
			}
			if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.SequenceNode || len(doc.Content[0].Content) != 1 {
				errs.Add(FieldError{Line: it.line, Record: fmt.Sprintf("#%d", i+1), Msg: "want a record of field: value lines"})
				continue
			}
			n := doc.Content[0].Content[0]
			shiftLines(n, it.line-1)
			if n.Kind != yaml.MappingNode {
				errs.Add(FieldError{Line: n.Line, Record: fmt.Sprintf("#%d", i+1), Msg: "want a record of field: value lines"})
				continue
			}
			if !yield(YAMLRecord{Index: i + 1, Line: n.Line, Node: n}) {
				return
			}
		}
	}
}

// yieldWhole parses a small file in one piece (the layout splitItems
// cannot cut).
func yieldWhole(data []byte, errs *ImportErrors, yield func(YAMLRecord) bool) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		errs.Add(FieldError{Msg: "not valid YAML: " + err.Error()})
		return
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return // empty file: no records
	}
	list := doc.Content[0]
	if list.Kind != yaml.SequenceNode {
		errs.Add(FieldError{Line: list.Line, Msg: "want a list of records (lines starting with \"- \")"})
		return
	}
	for i, n := range list.Content {
		if i == MaxImportRecords {
			errs.Add(TooManyRecords(n.Line))
			return
		}
		if n.Kind != yaml.MappingNode {
			errs.Add(FieldError{Line: n.Line, Record: fmt.Sprintf("#%d", i+1), Msg: "want a record of field: value lines"})
			continue
		}
		if !yield(YAMLRecord{Index: i + 1, Line: n.Line, Node: n}) {
			return
		}
	}
}

type yamlItem struct {
	line int // 1-based line of the item's "- "
	text []byte
}

// splitsByLine tells whether data is a top-level block list whose items
// each start with "-" and a space (or the line's end) at the start of a
// line, with only blank lines, comments and one "---" before the first.
// Any other line at the start of a line (a top-level mapping, a flow list,
// several documents) makes it false: such a file is parsed whole.
func splitsByLine(data []byte) bool {
	items := false
	for l := range bytes.Lines(data) {
		switch {
		case isItemStart(l):
			items = true
		case l[0] == ' ' || l[0] == '\t' || l[0] == '\n' || l[0] == '\r' || l[0] == '#':
		case !items && bytes.HasPrefix(l, []byte("---")) && (len(l) == 3 || l[3] == ' ' || l[3] == '\n' || l[3] == '\r'):
		default:
			return false
		}
	}
	return true
}

// splitItems yields the items of a file splitsByLine accepts, one at a
// time, each with the line of its "- ".
func splitItems(data []byte) iter.Seq[yamlItem] {
	return func(yield func(yamlItem) bool) {
		line, start, startLine := 0, -1, 0
		off := 0
		for l := range bytes.Lines(data) {
			line++
			if isItemStart(l) {
				if start >= 0 && !yield(yamlItem{line: startLine, text: data[start:off]}) {
					return
				}
				start, startLine = off, line
			}
			off += len(l)
		}
		if start >= 0 {
			yield(yamlItem{line: startLine, text: data[start:]})
		}
	}
}

// tooBigRecord describes a record over MaxRecordBytes without parsing it:
// its id and its biggest field, found from the lines that start a field.
func tooBigRecord(it yamlItem, index int) FieldError {
	fe := FieldError{Line: it.line, Record: fmt.Sprintf("#%d", index)}
	bigLine, big, key, keyLine, keyStart, line, off := 0, 0, "", 0, 0, it.line, 0
	closeKey := func() {
		if key != "" && off-keyStart > big {
			big, bigLine, fe.Field = off-keyStart, keyLine, key
		}
	}
	for l := range bytes.Lines(it.text) {
		field := l
		if line == it.line {
			field = bytes.TrimLeft(l[1:], " \t")
		} else if bytes.HasPrefix(l, []byte("  ")) && len(l) > 2 && l[2] != ' ' && l[2] != '#' {
			field = l[2:]
		} else {
			field = nil
		}
		if k, v, ok := bytes.Cut(field, []byte(":")); ok && len(k) > 0 && !bytes.ContainsAny(k, " \t\"'") {
			closeKey()
			key, keyLine, keyStart = string(k), line, off
			if key == "id" {
				fe.Record = string(bytes.TrimSpace(v))
			}
		}
		off += len(l)
		line++
	}
	closeKey()
	if bigLine > 0 {
		fe.Line = bigLine
	}
	fe.Msg = fmt.Sprintf("%d bytes, at most %d per record", big, MaxRecordBytes)
	if fe.Field == "" {
		fe.Msg = fmt.Sprintf("record of %d bytes; at most %d", len(it.text), MaxRecordBytes)
	}
	return fe
}

func isItemStart(l []byte) bool {
	return len(l) > 0 && l[0] == '-' && (len(l) == 1 || l[1] == ' ' || l[1] == '\t' || l[1] == '\n' || l[1] == '\r')
}

// shiftLines adds d to the line of n and every node under it.
func shiftLines(n *yaml.Node, d int) {
	n.Line += d
	for _, c := range n.Content {
		shiftLines(c, d)
	}
}

var yamlLineRe = regexp.MustCompile(`line (\d+)`)

// shiftYAMLError moves the line numbers in a YAML error message by d.
func shiftYAMLError(msg string, d int) string {
	return yamlLineRe.ReplaceAllStringFunc(msg, func(m string) string {
		n, _ := strconv.Atoi(m[len("line "):])
		return "line " + strconv.Itoa(n+d)
	})
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
