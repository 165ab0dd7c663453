package scam

import (
	"testing"

	"github.com/gongyou/gongyou/knowledge/scam/model"
)

// BenchmarkCheckAd checks real-length ads (350–800 characters, about 400
// on average) from the project's own training set with the shipped seed
// cases: the per-text cost behind `gongyou check --batch` throughput.
func BenchmarkCheckAd(b *testing.B) {
	rows, err := model.LoadJSONL("testdata/sets/train.jsonl")
	if err != nil {
		b.Fatal(err)
	}
	var ads []string
	for _, r := range rows {
		if n := len([]rune(r.Text)); n >= 350 && n <= 800 {
			ads = append(ads, r.Text)
		}
	}
	if len(ads) == 0 {
		b.Skip("no long ads")
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		testChecker.Check(ads[i%len(ads)])
	}
}
