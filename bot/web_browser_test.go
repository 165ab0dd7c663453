package bot

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/gongyou/gongyou/store/storetest"
)

// chromiumPath finds Debian's chromium (or $GONGYOU_CHROMIUM).
func chromiumPath() string {
	if p := os.Getenv("GONGYOU_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// artifactDir is where screenshots go: $GONGYOU_ARTIFACTS or a temp dir.
func artifactDir(t *testing.T) string {
	if d := os.Getenv("GONGYOU_ARTIFACTS"); d != "" {
		d = filepath.Join(d, "web-browser")
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		return d
	}
	return t.TempDir()
}

// TestWebInBrowser drives headless Chromium on a 360×640 viewport through
// onboarding → a pasted offer → verdict → 为什么 → find work → a rights
// question → /delete, with JavaScript on and off, in Chinese (and the
// first steps in English), asserting what a person sees.
func TestWebInBrowser(t *testing.T) {
	exe := chromiumPath()
	if exe == "" {
		t.Skip("no Chromium: install Debian's chromium (apt-get install -y chromium) or set GONGYOU_CHROMIUM; .ci/run does")
	}
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	dir := artifactDir(t)
	for _, tc := range []struct {
		name string
		js   bool
		en   bool
	}{{"zh-js", true, false}, {"zh-nojs", false, false}, {"en-js", true, true}, {"en-nojs", false, true}} {
		t.Run(tc.name, func(t *testing.T) {
			st := storetest.SQLite(t)
			_, srv := webServer(t, st, WebConfig{})
			opts := []chromedp.ExecAllocatorOption{
				chromedp.ExecPath(exe), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
				chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
				chromedp.Flag("disable-sync", true), chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(360, 640),
			}
			actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
			defer cancel()
			ctx, cancel := chromedp.NewContext(actx)
			defer cancel()
			ctx, cancel = context.WithTimeout(ctx, 90*time.Second)
			defer cancel()
			step := 0
			shot := func(name string) chromedp.Action[chromedp.Void] {
				return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
					step++
					buf, err := chromedp.FullScreenshot(100)(ctx, tg) // 100: PNG
					if err != nil {
						return err
					}
					return os.WriteFile(filepath.Join(dir, fmt.Sprintf("%s-%02d-%s.png", tc.name, step, name)), buf, 0o644)
				})
			}
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(360, 640)); err != nil {
				t.Fatal(err)
			}
			acceptLang := map[bool]string{false: "zh-CN,zh;q=0.9", true: "en-US,en;q=0.9"}[tc.en]
			if _, err := chromedp.Call(ctx, network.SetExtraHTTPHeaders, network.SetExtraHTTPHeadersParams{Headers: network.Headers{"Accept-Language": acceptLang}}); err != nil {
				t.Fatal(err)
			}
			if !tc.js {
				if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
					t.Fatal(err)
				}
			}
			// see waits until the page's text contains want, then checks the layout.
			see := func(want string) chromedp.Action[chromedp.Void] {
				return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
					deadline := time.Now().Add(20 * time.Second)
					for {
						body, err := chromedp.Text(chromedp.CSS("body"))(ctx, tg)
						if err == nil && strings.Contains(body, want) {
							break
						}
						if time.Now().After(deadline) {
							return fmt.Errorf("page never showed %q; it shows:\n%s", want, body)
						}
						time.Sleep(100 * time.Millisecond)
					}
					return checkLayout(ctx, tg)
				})
			}
			button := func(label string) string {
				return fmt.Sprintf(`(//button[contains(normalize-space(.), %q)])[last()]`, label)
			}
			// click presses a button the way a finger does (scrolled into
			// view); it works with the page's scripts off too.
			click := func(xpath string) chromedp.Action[chromedp.Void] {
				return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
					ok, err := chromedp.Evaluate[bool](fmt.Sprintf(`(() => {
						const b = document.evaluate(%q, document, null, XPathResult.FIRST_ORDERED_NODE_TYPE, null).singleNodeValue;
						if (!b) return false;
						b.scrollIntoView({block: "center"}); b.click(); return true;
					})()`, xpath))(ctx, tg)
					if err == nil && !ok {
						err = fmt.Errorf("no %s on the page", xpath)
					}
					return err
				})
			}
			// press taps a button and waits for its answer. On a loaded
			// machine a tap can land while the buttons are still disabled by
			// the previous request; a person taps again, and so does press.
			press := func(label, want, shotName string) []chromedp.Action[chromedp.Void] {
				tap := chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
					for try := 0; ; try++ {
						if _, err := click(button(label))(ctx, tg); err != nil && try == 0 {
							return err
						}
						deadline := time.Now().Add(8 * time.Second)
						for time.Now().Before(deadline) {
							body, err := chromedp.Text(chromedp.CSS("body"))(ctx, tg)
							if err == nil && strings.Contains(body, want) {
								return nil
							}
							time.Sleep(100 * time.Millisecond)
						}
						if try == 2 {
							return nil // see reports what the page shows
						}
					}
				})
				return []chromedp.Action[chromedp.Void]{tap, see(want), shot(shotName)}
			}
			say := func(text, want, shotName string) []chromedp.Action[chromedp.Void] {
				return []chromedp.Action[chromedp.Void]{
					chromedp.SetValue(chromedp.ID("text"), text),
					click(`//form[@id="composer"]//button`),
					see(want), shot(shotName),
				}
			}
			var steps []chromedp.Action[chromedp.Void]
			add := func(a ...chromedp.Action[chromedp.Void]) { steps = append(steps, a...) }
			add(chromedp.Navigate(srv.URL+"/"), see(map[bool]string{false: "开始聊天", true: "Start"}[tc.en]), shot("welcome"))
			add(press(map[bool]string{false: "开始聊天", true: "Start"}[tc.en], "English", "language")...)
			offer := "高薪招聘普工，日结400元！入职先交800元押金，身份证统一保管，加微信 abc123 转账 <script>alert(1)</script>"
			if tc.en {
				add(press("English", "OK", "privacy")...)
				add(press("OK", "Check", "menu")...)
				add(say(offer, "<script>alert(1)</script>", "verdict")...)
				add(press("Why", "deposit", "why")...)
				add(say("/delete", "Yes, erase", "delete-ask")...)
				add(press("Yes, erase", "is erased", "deleted")...)
			} else {
				add(press("中文", "知道了", "privacy")...)
				add(press("知道了", "查招聘骗局", "menu")...)
				add(say(offer, "<script>alert(1)</script>", "verdict")...)
				add(see("风险"))
				add(press("为什么", "押金", "why")...)
				add(say("找工作 东莞", "东莞", "jobs")...)
				add(say("老板拖欠工资怎么办", "12333", "rights")...)
				add(say("/delete", "确定删除", "delete-ask")...)
				add(press("确定删除", "已删除", "deleted")...)
			}
			if err := chromedp.Do(ctx, steps...); err != nil {
				t.Fatalf("step %d: %v", step, err)
			}
			t.Logf("screenshots in %s", dir)
		})
	}
}

// checkLayout asserts what a person on a 360 px phone needs: no horizontal
// scroll, text and buttons at 16 px or more, buttons at least 44 px high.
func checkLayout(ctx context.Context, tg *chromedp.Target) error {
	type layoutFacts struct {
		ScrollW, ClientW int
		MinFont          float64
		MinButton        float64
	}
	// Runtime evaluation by the test driver still works with the page's
	// own scripts disabled.
	res, err := chromedp.Evaluate[layoutFacts](`(() => {
		const d = document.documentElement;
		let minFont = 1e9, minButton = 1e9;
		for (const el of document.querySelectorAll('.m p, button, textarea, header p, footer p')) {
			const r = el.getBoundingClientRect();
			if (r.width === 0) continue;
			minFont = Math.min(minFont, parseFloat(getComputedStyle(el).fontSize));
			if (el.tagName === 'BUTTON') minButton = Math.min(minButton, r.height);
		}
		return {ScrollW: d.scrollWidth, ClientW: d.clientWidth, MinFont: minFont, MinButton: minButton};
	})()`)(ctx, tg)
	if err != nil {
		return err
	}
	if res.ScrollW > res.ClientW {
		return fmt.Errorf("horizontal scroll: content %d px wide in a %d px viewport", res.ScrollW, res.ClientW)
	}
	if res.MinFont < 16 {
		return fmt.Errorf("font size %.1f px, want ≥ 16", res.MinFont)
	}
	if res.MinButton < 44 {
		return fmt.Errorf("a button %.0f px high, want ≥ 44", res.MinButton)
	}
	return nil
}
