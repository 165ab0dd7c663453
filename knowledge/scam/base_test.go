package scam_test

import (
	"context"
	"testing"

	"github.com/gongyou/gongyou/knowledge/scam"
	"github.com/gongyou/gongyou/store/storetest"
)

var newCase = scam.Case{
	ID: "test-goose-farm", Type: "upfront_fee",
	TitleZH: "鹅场招饲养员先交“鹅苗押金”", TitleEN: "Goose farm wants a gosling deposit",
	StoryZH: "鹅场招饲养员，说要先交2000元鹅苗押金，养大回收再退。交钱后鹅场关门。", StoryEN: "A goose farm hired keepers but first wanted a 2,000-yuan gosling deposit.",
	RedFlagsZH: []string{"先交鹅苗押金"}, RedFlagsEN: []string{"A gosling deposit first"},
	AdviceZH: []string{"不交押金"}, AdviceEN: []string{"Pay no deposit"},
	Source: "test", Date: "2026-11-23",
}

// A case staff add is used by the very next check, in this process and in
// another one (another Base) sharing the database when that one polls on
// every check (SetPoll(0); by default it asks every DefaultPoll, see
// TestDecisionReachesOtherReplicaWithinPoll).
func TestCaseBaseChangeIsUsedByNextCheck(t *testing.T) {
	for _, b := range storetest.Backends() {
		t.Run(b.Name, func(t *testing.T) {
			ctx := context.Background()
			st1, st2 := storetest.Replicas(t, b)
			writer, err := scam.NewBase(ctx, st1, nil)
			if err != nil {
				t.Fatal(err)
			}
			reader, err := scam.NewBase(ctx, st2, nil)
			if err != nil {
				t.Fatal(err)
			}
			reader.SetPoll(0)
			text := "鹅场招饲养员，包住，先交鹅苗押金2000元，养大回收后退还"
			matches := func(base *scam.Base) bool {
				v, err := base.Check(ctx, "u", text)
				if err != nil {
					t.Fatal(err)
				}
				for _, c := range v.Cases {
					if c.ID == newCase.ID {
						return true
					}
				}
				return false
			}
			if matches(reader) {
				t.Fatal("the new case matched before it existed")
			}
			if err := writer.Import(ctx, []scam.Case{newCase}, "staff:1"); err != nil {
				t.Fatal(err)
			}
			if !matches(writer) || !matches(reader) {
				t.Fatal("the next check did not use the new case")
			}
			retired := newCase
			retired.Retired = true
			if err := writer.Import(ctx, []scam.Case{retired}, "staff:1"); err != nil {
				t.Fatal(err)
			}
			if matches(reader) {
				t.Fatal("a retired case is still shown")
			}
		})
	}
}
