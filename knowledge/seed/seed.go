// Package seed holds the sample content a new installation starts with, as
// embedded YAML: scam case studies, FAQ entries, jobs, job stations and
// training courses. The domain packages parse it (scam.SeedCases,
// faq.SeedFAQs, listings.SeedJobs, …); the YAML is the same format as
// `gongyou import`.
package seed

import _ "embed"

//go:embed cases.yaml
var CasesYAML []byte

//go:embed jobs.yaml
var JobsYAML []byte

//go:embed stations.yaml
var StationsYAML []byte

//go:embed trainings.yaml
var TrainingsYAML []byte

//go:embed faqs.yaml
var FAQsYAML []byte

//go:embed faq_examples.yaml
var FAQExamplesYAML []byte
