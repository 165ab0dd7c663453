// Package cli is what the `gongyou check` and `gongyou ask` commands share:
// their flags (--json, --batch, --lang, --help), reading one text or one
// JSON line from standard input within a size limit, the match type of
// their JSON output, and the --batch runner (Batch: JSON Lines in, one line
// out per line, in order, bounded concurrency, per-line errors).
package cli
