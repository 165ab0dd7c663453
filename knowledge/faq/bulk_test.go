package faq

import "testing"

func FuzzParseFAQsFile(f *testing.F) {
	f.Add([]byte("- id: a\n  topic: wages\n"))
	f.Add([]byte("[]"))
	f.Add([]byte("- id: a\n  answer_zh: |-\n    1\n    2\n"))
	f.Add([]byte("\xff\xfe"))
	f.Add([]byte("- - - -"))
	f.Fuzz(func(t *testing.T, data []byte) {
		faqs, err := parseFAQsFile(data)
		if err != nil {
			return
		}
		for _, q := range faqs {
			if q.ID == "" || q.AnswerZH == "" || q.Source == "" {
				t.Fatalf("accepted an incomplete entry %+v", q)
			}
		}
	})
}
