package store

// ClipBytes cuts s to at most n bytes without splitting a UTF-8 sequence
// and, when it cut, appends more. It is the one byte cut of the code base,
// for bounds that are in bytes: values written to the database (a
// broadcast's failure reason, an audit entry's detail) and raw input
// before it is decoded (dialog.cleanText). Whatever is shown or counted in
// characters is cut by norm.Clip instead. It lives here, in the lowest
// layer, so that store need not import knowledge.
func ClipBytes(s string, n int, more string) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n] + more
}
