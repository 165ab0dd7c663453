// Package listings owns what workers browse: job postings (jobs.go) and
// job stations, trades, pay units, the vocational training courses and the
// sign-up checks of name and phone (training.go), with their YAML/CSV
// import/export formats and the seeding of sample content.
//
// jobs.go is a little over 500 lines: one posting's fields, validation,
// YAML/CSV format and scam screening read best together; stations and
// trades are in their own files.
package listings
