package bot

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// BenchmarkWeChatPassive: 200 workers send signed text callbacks at once
// over loopback to the real engine (scam checker on the seeded case base)
// on SQLite; it reports the passive reply's p50/p99/max latency. Target:
// p99 ≤ 1 s on the project machine.
//
//	go test ./bot/ -run '^$' -bench WeChatPassive -benchtime 5x
func BenchmarkWeChatPassive(b *testing.B) {
	const workers = 200
	st := openStore(b)
	x := newWX(b, st, engineOn(b, st, true), false, nil)
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: workers}}
	post := func(from, text string, id int64) (time.Duration, error) {
		ts := strconv.FormatInt(time.Now().Unix(), 10)
		nonce := strconv.FormatInt(id, 10)
		q := url.Values{"timestamp": {ts}, "nonce": {nonce}, "signature": {wechatSign(wxToken, ts, nonce)}}
		start := time.Now()
		resp, err := client.Post(x.srv.URL+"/wechat?"+q.Encode(), "text/xml", strings.NewReader(x.textXML(from, text, id)))
		if err != nil {
			return 0, err
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		took := time.Since(start)
		if resp.StatusCode != 200 || !strings.Contains(string(body), "<Content>") {
			return took, fmt.Errorf("status %d: %.80s", resp.StatusCode, body)
		}
		return took, nil
	}
	texts := []string{"/menu", "找工作 东莞", "/help", "先交300元押金包住宿，日结500，加微信转账", "社保断交了怎么办"}
	var (
		mu   sync.Mutex
		lats []time.Duration
		next int64
	)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var wg sync.WaitGroup
		for w := 0; w < workers; w++ {
			mu.Lock()
			next++
			id := next
			mu.Unlock()
			wg.Add(1)
			go func() {
				defer wg.Done()
				took, err := post("o-bench-"+strconv.Itoa(w), texts[(w+i)%len(texts)], id)
				if err != nil {
					b.Error(err)
					return
				}
				mu.Lock()
				lats = append(lats, took)
				mu.Unlock()
			}()
		}
		wg.Wait()
	}
	b.StopTimer()
	sort.Slice(lats, func(i, j int) bool { return lats[i] < lats[j] })
	if len(lats) == 0 {
		return
	}
	q := func(p float64) float64 { return lats[int(p*float64(len(lats)-1))].Seconds() * 1000 }
	b.ReportMetric(q(0.5), "p50_ms")
	b.ReportMetric(q(0.99), "p99_ms")
	b.ReportMetric(lats[len(lats)-1].Seconds()*1000, "max_ms")
	b.ReportMetric(0, "ns/op")
}
