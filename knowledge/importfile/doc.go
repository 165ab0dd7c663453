// Package importfile is the shared machinery of staff import files: YAML
// lists split into records that know their line, field errors that name
// line and field (FieldError, ImportErrors), and Kind, the registry entry
// each domain package declares for `gongyou import` / `gongyou export`.
package importfile
