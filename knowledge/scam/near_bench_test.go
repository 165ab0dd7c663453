package scam

import (
	"sync"
	"testing"

	"github.com/gongyou/gongyou/knowledge/norm"
)

var (
	benchDecidedOnce sync.Once
	benchDecided     *Checker
)

// benchDecided10k is the 10,000-case synthetic base plus 2,000 staff
// decisions (the labelled texts, alternately scam and not scam, with a
// varying tail so that no two are identical).
func benchDecided10k(tb testing.TB) (*Checker, []string) {
	_, texts := bench10k(tb)
	benchDecidedOnce.Do(func() {
		seed, err := SeedCases()
		if err != nil {
			tb.Fatal(err)
		}
		var dec []Decision
		for i := 0; len(dec) < 2000; i++ {
			t := texts[i%len(texts)]
			if i >= len(texts) {
				t += " 第" + string(rune('A'+i%26)) + "批 " + SyntheticCases(seed, 1+i%40)[i%40].TitleZH
			}
			dec = append(dec, Decision{ReportID: int64(i + 1), Text: t, Scam: i%2 == 0})
		}
		benchDecided = NewCheckerWithDecisions(SyntheticCases(seed, 10000), dec)
	})
	return benchDecided, texts
}

// BenchmarkCheckDecided10k: one check against 10,000 cases and 2,000 staff
// decisions, on all cores (the --batch path without JSON).
//
//	go test ./knowledge/scam -run XXX -bench 'CheckDecided|NearMatch' -benchmem
func BenchmarkCheckDecided10k(b *testing.B) {
	ch, texts := benchDecided10k(b)
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			ch.Check(texts[i%len(texts)])
			i++
		}
	})
}

// BenchmarkNearMatch10k: the near-duplicate lookup alone (masking,
// shingles, index), single-threaded, on normalised texts.
func BenchmarkNearMatch10k(b *testing.B) {
	ch, texts := benchDecided10k(b)
	runes := make([][]rune, len(texts))
	for i, t := range texts {
		runes[i] = norm.NormalizeText(t, maxCheckRunes).Runes
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ch.decided.nearMatches(runes[i%len(runes)])
	}
}
