package retrieval

import (
	"math"
	"testing"
)

func build(docs ...[]string) *Index[string] {
	b := NewBuilder[string]()
	for _, d := range docs {
		b.AddAll(d, 1)
		b.EndDoc()
	}
	return b.Build()
}

// TestFieldWeightIsRepetition: a field of weight 2 scores as if written twice.
func TestFieldWeightIsRepetition(t *testing.T) {
	twice := build([]string{"a", "b", "a", "b", "c"}, []string{"c", "d"})
	b := NewBuilder[string]()
	b.AddAll([]string{"a", "b"}, 2)
	b.Add("c", 1)
	b.EndDoc()
	b.AddAll([]string{"c", "d"}, 1)
	b.EndDoc()
	weighted := b.Build()
	for _, key := range []string{"a", "c", "d"} {
		s1, s2 := twice.Scores(), weighted.Scores()
		id1, _ := twice.Term(key)
		id2, _ := weighted.Term(key)
		twice.Add(s1, id1, 1)
		weighted.Add(s2, id2, 1)
		for d := range s1.Sum {
			if s1.Sum[d] != s2.Sum[d] {
				t.Errorf("%s doc %d: %v repeated, %v weighted", key, d, s1.Sum[d], s2.Sum[d])
			}
		}
		twice.Release(s1)
		weighted.Release(s2)
	}
}

// TestScoresAndSelf: a document's own terms score its self-score; a term no
// document has is unknown; pooled accumulators come back zeroed.
func TestScoresAndSelf(t *testing.T) {
	ix := build([]string{"x", "y", "y"}, []string{"y", "z"}, nil)
	if ix.Len() != 3 {
		t.Fatalf("Len %d", ix.Len())
	}
	if _, ok := ix.Term("w"); ok {
		t.Error("unknown term found")
	}
	ids := ix.SortedTerms([]string{"y", "x", "w", "y"}, nil)
	if len(ids) != 3 || ids[1] != ids[2] {
		t.Fatalf("SortedTerms %v", ids)
	}
	s := ix.Scores()
	for i := 0; i < len(ids); {
		j := i
		for j < len(ids) && ids[j] == ids[i] {
			j++
		}
		ix.Add(s, ids[i], 1)
		i = j
	}
	if math.Abs(s.Sum[0]-ix.Self(0)) > 1e-9 || len(s.Touched) != 2 || s.Sum[2] != 0 {
		t.Errorf("scores %v touched %v, self %v", s.Sum, s.Touched, ix.Self(0))
	}
	ix.Release(s)
	if s2 := ix.Scores(); s2.Sum[0] != 0 || len(s2.Touched) != 0 {
		t.Errorf("pooled scores not zeroed: %+v", s2)
	}
	for _, tf := range []float32{0.3, 1, 5, 1000} {
		if v := ix.Sat(tf, 2); v <= 0 || v >= 1 {
			t.Errorf("Sat(%v) = %v", tf, v)
		}
	}
	if id, _ := ix.Term("y"); ix.IDF(id) >= ix.MaxIDF() {
		t.Errorf("idf %v ≥ max %v", ix.IDF(id), ix.MaxIDF())
	}
}
