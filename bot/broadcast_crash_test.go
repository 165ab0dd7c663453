package bot

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/gongyou/gongyou/store"
	"github.com/gongyou/gongyou/store/storetest"
)

// Environment of a sender child process (TestBroadcastChild).
const (
	envChild      = "GONGYOU_BC_CHILD" // set: this process is a sender child
	envChildDSN   = "GONGYOU_BC_DSN"
	envChildAPI   = "GONGYOU_BC_API"
	envChildRate  = "GONGYOU_BC_RATE"
	envChildID    = "GONGYOU_BC_BROADCAST"
	envChildExcl  = "GONGYOU_BC_EXCLUSIVE"
	envChildLease = "GONGYOU_BC_LEASE" // default 2s: a killed sender's row is recovered quickly
)

// childStats is what a sender child reports on its last line.
type childStats struct {
	Stats    BroadcastStats
	PeakHeap uint64 // bytes, sampled every second
}

const childStatsPrefix = "BCSTATS "

// TestBroadcastChild is not a test on its own: the crash test and the
// benchmark start the test binary again with GONGYOU_BC_CHILD set, and this
// runs the real sender in that process until the broadcast is done (or the
// parent kills it).
func TestBroadcastChild(t *testing.T) {
	if os.Getenv(envChild) == "" {
		t.Skip("runs only as a child process of the broadcast crash test and benchmark")
	}
	ctx := context.Background()
	st, err := store.Open(ctx, os.Getenv(envChildDSN))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	rate, _ := strconv.ParseFloat(os.Getenv(envChildRate), 64)
	bid, _ := strconv.ParseInt(os.Getenv(envChildID), 10, 64)
	lease, err := time.ParseDuration(os.Getenv(envChildLease))
	if err != nil {
		lease = 2 * time.Second
	}
	b, err := NewBroadcaster(BroadcastConfig{
		Token: fakeToken, APIURL: os.Getenv(envChildAPI), Rate: rate,
		Exclusive: os.Getenv(envChildExcl) != "", Lease: lease, Idle: 20 * time.Millisecond,
	}, st, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	var peak atomic.Uint64
	runCtx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- b.Run(runCtx) }()
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	var ms runtime.MemStats
	for range tick.C {
		runtime.ReadMemStats(&ms)
		peak.Store(max(peak.Load(), ms.HeapInuse))
		var left int
		if err := st.DB().Get(&left, `SELECT COUNT(*) FROM deliveries WHERE broadcast_id = $1 AND state IN ('pending', 'sending')`, bid); err != nil {
			t.Fatal(err)
		}
		if left == 0 {
			break
		}
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	out, _ := json.Marshal(childStats{Stats: b.Stats(), PeakHeap: peak.Load()})
	fmt.Println(childStatsPrefix + string(out))
}

// senderChild is a sender child process.
type senderChild struct {
	cmd   *exec.Cmd
	lines chan string
}

func startChild(t testing.TB, dsn, api string, rate float64, bid int64, exclusive bool, env ...string) *senderChild {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestBroadcastChild$", "-test.v")
	cmd.Env = append(os.Environ(),
		envChild+"=1", envChildDSN+"="+dsn, envChildAPI+"="+api,
		envChildRate+"="+strconv.FormatFloat(rate, 'f', -1, 64), envChildID+"="+strconv.FormatInt(bid, 10))
	if exclusive {
		cmd.Env = append(cmd.Env, envChildExcl+"=1")
	}
	cmd.Env = append(cmd.Env, env...)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = cmd.Stdout
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	c := &senderChild{cmd: cmd, lines: make(chan string, 1)}
	go func() {
		sc := bufio.NewScanner(out)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		var last []string
		for sc.Scan() {
			last = append(last, sc.Text())
			if len(last) > 50 {
				last = last[1:]
			}
		}
		c.lines <- strings.Join(last, "\n")
	}()
	return c
}

// wait waits for a child that runs to the end and returns its report and
// resource usage.
func (c *senderChild) wait(t testing.TB, timeout time.Duration) (childStats, *syscall.Rusage) {
	t.Helper()
	timer := time.AfterFunc(timeout, func() { _ = c.cmd.Process.Kill() })
	defer timer.Stop()
	err := c.cmd.Wait()
	out := <-c.lines
	if err != nil {
		t.Fatalf("sender child: %v\n%s", err, out)
	}
	var cs childStats
	for _, l := range strings.Split(out, "\n") {
		if rest, ok := strings.CutPrefix(l, childStatsPrefix); ok {
			if err := json.Unmarshal([]byte(rest), &cs); err != nil {
				t.Fatal(err)
			}
		}
	}
	ru, _ := c.cmd.ProcessState.SysUsage().(*syscall.Rusage)
	return cs, ru
}

// kill -9.
func (c *senderChild) kill(t testing.TB) {
	t.Helper()
	if err := c.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Logf("kill: %v (the sender had finished)", err)
	}
	_ = c.cmd.Wait()
	<-c.lines
}

// bulkSubscribers inserts n subscribed users (ids and chats first…) in one
// transaction; blocked chats are refused by the fake.
func bulkSubscribers(t testing.TB, st *store.Store, first int64, n int) {
	t.Helper()
	tx, err := st.DB().Beginx()
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now().UTC()
	stmt, err := tx.Preparex(`INSERT INTO users (id, chat_id, lang, subscribed, consent_at, created_at, updated_at) VALUES ($1, $1, $2, TRUE, $3, $3, $3)`)
	if err != nil {
		t.Fatal(err)
	}
	for id := first; id < first+int64(n); id++ {
		lang := "zh"
		if id%10 == 0 {
			lang = "en"
		}
		if _, err := stmt.Exec(id, lang, now); err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
}

// TestBroadcastCrash kills the sending process with SIGKILL at random
// moments of a 5,000-subscriber broadcast on SQLite, ten times, restarting
// it each time, then lets it finish: nobody gets the announcement twice,
// everyone gets it except the few whose send was in flight at a crash
// (unknown, never resent), and those are at most InFlight per crash.
func TestBroadcastCrash(t *testing.T) {
	if testing.Short() {
		t.Skip("starts 11 processes")
	}
	crashTest(t, "sqlite:"+filepath.Join(t.TempDir(), "crash.db"), 1)
}

// TestBroadcastCrashPostgres is the same with two senders sharing the
// broadcast on PostgreSQL; each crash kills one of them. The dead sender's
// row in flight becomes unknown once its lease runs out.
func TestBroadcastCrashPostgres(t *testing.T) {
	if testing.Short() {
		t.Skip("starts 12 processes")
	}
	crashTest(t, storetest.PostgresSchemaDSN(t), 2)
}

func crashTest(t *testing.T, dsn string, senders int) {
	if os.Getenv(envChild) != "" {
		t.Skip("child")
	}
	const subs, kills, inFlight, rate = 5000, 10, 3, 2000
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv("GONGYOU_CRASH_SEED"); s != "" {
		seed, _ = strconv.ParseUint(s, 10, 64)
	}
	t.Logf("crash points from seed %d (GONGYOU_CRASH_SEED=%d to replay)", seed, seed)
	rng := rand.New(rand.NewPCG(seed, 0))

	st, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	bulkSubscribers(t, st, 1, subs)
	bc, err := st.CreateBroadcast(context.Background(), "人社局通知：2026 年职业技能补贴开始申请（示例）。", store.BroadcastFilter{}, 9001)
	if err != nil || bc.Audience != subs {
		t.Fatalf("create broadcast: %+v, %v", bc, err)
	}
	f := newBCFake(t, 0)
	exclusive := senders == 1

	children := make([]*senderChild, senders)
	for i := range children {
		children[i] = startChild(t, dsn, f.srv.URL, rate, bc.ID, exclusive)
	}
	for i := range kills {
		delay := 150*time.Millisecond + time.Duration(rng.Int64N(int64(700*time.Millisecond)))
		victim := rng.IntN(senders)
		time.Sleep(delay)
		children[victim].kill(t)
		delivered, _ := f.counts()
		t.Logf("kill %d: sender %d after %s; %d chats reached so far", i+1, victim, delay, len(delivered))
		children[victim] = startChild(t, dsn, f.srv.URL, rate, bc.ID, exclusive)
	}
	for i, c := range children {
		cs, _ := c.wait(t, 3*time.Minute)
		t.Logf("sender %d, last run: %+v", i, cs.Stats)
	}

	got, err := st.Broadcast(context.Background(), bc.ID)
	if err != nil {
		t.Fatal(err)
	}
	delivered, _ := f.counts()
	dups := 0
	for chat, n := range delivered {
		if n > 1 {
			dups++
			t.Errorf("chat %d got the broadcast %d times", chat, n)
		}
	}
	var rows []struct {
		UserID int64  `db:"user_id"`
		State  string `db:"state"`
	}
	if err := st.DB().Select(&rows, `SELECT user_id, state FROM deliveries WHERE broadcast_id = $1`, bc.ID); err != nil {
		t.Fatal(err)
	}
	unknownDelivered := 0
	for _, r := range rows {
		switch r.State {
		case store.DeliverySent:
			if delivered[r.UserID] != 1 {
				t.Errorf("user %d is recorded sent but the Bot API got %d messages", r.UserID, delivered[r.UserID])
			}
		case store.DeliveryUnknown:
			unknownDelivered += delivered[r.UserID]
		default:
			t.Errorf("user %d ended in state %s", r.UserID, r.State)
		}
	}
	t.Logf("sent %d, unknown %d (of which the Bot API got %d), duplicates %d", got.Sent, got.Unknown, unknownDelivered, dups)
	if got.Sent+got.Unknown != subs {
		t.Errorf("sent %d + unknown %d != %d subscribers", got.Sent, got.Unknown, subs)
	}
	if got.Unknown > kills*inFlight {
		t.Errorf("unknown = %d; want at most %d (in flight at %d crashes)", got.Unknown, kills*inFlight, kills)
	}
}
