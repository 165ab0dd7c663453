package scam_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gongyou/gongyou/knowledge/llm"
	"github.com/gongyou/gongyou/knowledge/scam"
	"github.com/gongyou/gongyou/store/storetest"
)

// fakeLLM answers chat completions with a fixed verdict (or misbehaves) and
// records request bodies.
func fakeLLM(t *testing.T, risk string, delay time.Duration, status int) (*httptest.Server, func() []string) {
	var mu sync.Mutex
	var bodies []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		bodies = append(bodies, string(b))
		mu.Unlock()
		if delay > 0 {
			select {
			case <-time.After(delay):
			case <-r.Context().Done():
				return
			}
		}
		if status != http.StatusOK {
			http.Error(w, `{"error":{"message":"boom"}}`, status)
			return
		}
		content, _ := json.Marshal(map[string]any{"risk": risk, "reasons": []string{"对方要求先付款"}, "types": []string{"upfront_fee"}})
		fmt.Fprintf(w, `{"id":"x","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":%q}}]}`, content)
	}))
	t.Cleanup(srv.Close)
	return srv, func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), bodies...)
	}
}

func baseWithLLM(t *testing.T, url string) *scam.Base {
	t.Helper()
	st := storetest.SQLite(t)
	b, err := scam.NewBase(context.Background(), st, nil)
	if err != nil {
		t.Fatal(err)
	}
	c, err := llm.New(llm.Config{BaseURL: url + "/v1", Model: "m", Timeout: 500 * time.Millisecond}, nil)
	if err != nil {
		t.Fatal(err)
	}
	b.SetAdvisor(c)
	return b
}

func TestSecondOpinionNeverLowers(t *testing.T) {
	offer := "先交500元押金，身份证原件统一保管，加微信 13812345678 转账"
	mild := "招聘普工，月薪6000，包住。电话13812345678"
	ctx := context.Background()
	offline := func(text string) scam.Verdict {
		seed, _ := scam.SeedCases()
		return scam.NewChecker(seed).Check(text)
	}
	cases := []struct {
		name          string
		risk          string
		delay         time.Duration
		status        int
		text          string
		wantLLM       bool
		wantAtLeast   scam.Level
		wantUnchanged bool
	}{
		{"liar says low on a scam", "low", 0, 200, offer, true, scam.LevelHigh, false},
		{"honest raises a mild text", "high", 0, 200, mild, true, scam.LevelHigh, false},
		{"slow server falls back", "high", 3 * time.Second, 200, offer, false, "", true},
		{"HTTP 500 falls back", "high", 0, 500, mild, false, "", true},
		{"garbage level falls back", "definitely-safe", 0, 200, mild, false, "", true},
	}
	rank := map[scam.Level]int{scam.LevelLow: 0, scam.LevelMedium: 1, scam.LevelHigh: 2}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			srv, bodies := fakeLLM(t, c.risk, c.delay, c.status)
			b := baseWithLLM(t, srv.URL)
			off := offline(c.text)
			start := time.Now()
			v, err := b.Check(ctx, "tg:1", c.text)
			if err != nil {
				t.Fatal(err)
			}
			if time.Since(start) > 2500*time.Millisecond {
				t.Errorf("check waited %v for a slow LLM", time.Since(start))
			}
			if rank[v.Risk] < rank[off.Risk] || v.Score < off.Score {
				t.Fatalf("LLM lowered the verdict: offline %s/%.2f, final %s/%.2f", off.Risk, off.Score, v.Risk, v.Score)
			}
			if v.LLM != c.wantLLM {
				t.Errorf("LLM flag = %v; want %v", v.LLM, c.wantLLM)
			}
			if c.wantAtLeast != "" && rank[v.Risk] < rank[c.wantAtLeast] {
				t.Errorf("risk %s; want at least %s", v.Risk, c.wantAtLeast)
			}
			if c.wantUnchanged && (v.Risk != off.Risk || v.Score != off.Score) {
				t.Errorf("fallback changed the offline verdict: %s/%.2f vs %s/%.2f", v.Risk, v.Score, off.Risk, off.Score)
			}
			for _, body := range bodies() {
				if strings.Contains(body, "13812345678") {
					t.Error("a raw phone number reached the LLM")
				}
			}
		})
	}
}
