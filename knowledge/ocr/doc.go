// Package ocr reads the text in a screenshot a worker forwards (a
// recruiter's chat, a job ad) so the scam check can read it too.
//
//	guard.go    the intake guard: size, format, dimensions and animation
//	            checked from the header (image.DecodeConfig) before any
//	            pixel is decoded; Decode
//	prep.go     preprocessing in Go: grey, dark mode turned light,
//	            contrast, scale to a readable text size, adaptive
//	            threshold, avatars and bubble rims removed
//	reader.go   the Reader: tesseract's command-line program (no cgo; the
//	            bot works without it), at most Workers images at once, a
//	            bounded budget of decoded pixels, a time limit per image
//	cleanup.go  OCR output → checker input: spaces between Chinese
//	            characters dropped, broken lines joined, noise lines gone
//
// Nothing is written to disk: the image goes to tesseract's standard input
// and is dropped when Read returns. shot/ renders the project's own
// labelled texts as phone screenshots for the tests and measurements.
package ocr
