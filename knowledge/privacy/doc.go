// Package privacy redacts personal data (phone, ID and bank card numbers,
// e-mail addresses, chat handles) from text before it leaves the process
// (LLM requests) or is shown to staff (reports). It has its own light
// normalisation, tuned for digits, on purpose: it must see through any
// disguise and never change what it does not redact.
//
// redact.go is over 500 lines: one scanner and its digit tables; they are
// read together.
package privacy
