// Package listings owns what workers browse: job postings (jobs.go) and
// job stations, trades, pay units, the vocational training courses and the
// sign-up checks of name and phone (training.go), with their YAML/CSV
// import/export formats and the seeding of sample content.
//
// jobs.go is over 500 lines: postings and stations share one validation
// and file format code path.
package listings
