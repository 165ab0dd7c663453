// Package cli is what the `gongyou check` and `gongyou ask` commands share:
// their flags (--json, --batch, --lang, --help), reading one text or one
// JSON line from standard input within a size limit, and the match type of
// their JSON output.
package cli
