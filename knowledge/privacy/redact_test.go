package privacy

import (
	"regexp"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

func TestRedact(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		// Mobile numbers, plain and obfuscated.
		{"mobile", "联系电话13812345678", "联系电话[电话]"},
		{"mobile spaces", "电话：138 1234 5678 找王经理", "电话：[电话] 找王经理"},
		{"mobile dashes", "138-1234-5678", "[电话]"},
		{"mobile dots", "138.1234.5678", "[电话]"},
		{"mobile stars", "138★1234★5678", "[电话]"},
		{"mobile mixed separators", "1 3 8 - 1 2 3 4 ☆ 5 6 7 8", "[电话]"},
		{"mobile full-width", "１３８１２３４５６７８", "[电话]"},
		{"mobile full-width spaced", "１３８　１２３４　５６７８", "[电话]"},
		{"mobile zero-width", "1\u200b3\u200b8\u200b1\u200b2\u200b3\u200b4\u200b5\u200b6\u200b7\u200b8", "[电话]"},
		{"mobile keycaps", "1️⃣3️⃣8️⃣1️⃣2️⃣3️⃣4️⃣5️⃣6️⃣7️⃣8️⃣", "[电话]"},
		{"mobile circled", "①③⑧①②③④⑤⑥⑦⑧", "[电话]"},
		{"mobile chinese numerals", "一三八一二三四五六七八", "[电话]"},
		{"mobile mixed numerals", "138一二三四5678", "[电话]"},
		{"mobile +86", "+86 138 1234 5678", "+[电话]"},
		{"mobile 0086", "0086-13812345678", "[电话]"},
		{"mobile then numeral", "13812345678一个月", "[电话]一个月"},
		{"salary then mobile", "月薪8000 13812345678", "月薪8000 [电话]"},
		{"two mobiles", "13812345678/13912345678", "[电话]/[电话]"},
		// Landlines and service numbers.
		{"landline", "座机 0755-12345678", "座机 [电话]"},
		{"landline beijing", "010 8888 6666", "[电话]"},
		{"400", "热线 400-123-4567", "热线 [电话]"},
		{"phone marker", "电话 8888 8888", "电话 [电话]"},
		{"tel marker", "Tel: 88886666", "Tel: [电话]"},
		// ID numbers.
		{"id X", "身份证11010519491231002X号", "身份证[身份证]号"},
		{"id x spaced", "110105 1949 1231 002x", "[身份证]"},
		{"id digits", "证件 110105194912310021", "证件 [身份证]"},
		{"id full-width", "１１０１０５１９４９１２３１００２Ｘ", "[身份证]"},
		// Bank cards.
		{"card", "卡号6222021234567890123", "卡号[银行卡]"},
		{"card grouped", "6222 0212 3456 7890 123", "[银行卡]"},
		{"card 16", "4111-1111-1111-1111", "[银行卡]"},
		{"card 6-13", "622202 1234567890123", "[银行卡]"},
		{"long number", "订单号 202401150000123456789", "订单号 [号码]"},
		// Handles and e-mail.
		{"wechat", "加微信 abc_123 详谈", "加微信 [账号] 详谈"},
		{"wechat colon", "微信：abc_123。", "微信：[账号]。"},
		{"wechat id", "微信号是 Boss-Li88", "微信号是 [账号]"},
		{"vx", "vx:abc-123.", "vx:[账号]."},
		{"wx full-width", "ｗｘ：ａｂｃ＿１２３", "ｗｘ：[账号]"},
		{"wechat zero-width marker", "微\u200b信 abc_123", "微\u200b信 [账号]"},
		{"qq", "qq 12345678", "qq [账号]"},
		{"qq upper", "QQ号:87654321", "QQ号:[账号]"},
		{"qq spaced", "扣扣：1234 5678 月薪8000", "扣扣：[账号] 月薪8000"},
		{"telegram", "telegram @scam_boss", "telegram @[账号]"},
		{"tg", "tg: scam_boss", "tg: [账号]"},
		{"at", "找 @hr_wang 报名", "找 @[账号] 报名"},
		{"t.me", "t.me/scamchannel", "t.me/[账号]"},
		{"email", "邮箱 abc.def@qq.com", "邮箱 [邮箱]"},
		{"email digits", "123456@qq.com", "[邮箱]"},
		// Left alone.
		{"salary range", "月薪5000-8000 18-45岁", "月薪5000-8000 18-45岁"},
		{"salary", "工资8000-12000元，日结 300-500", "工资8000-12000元，日结 300-500"},
		{"date", "2024.01.15 08:00 报到", "2024.01.15 08:00 报到"},
		{"word with tg", "stgroup hello", "stgroup hello"},
		{"at all", "@所有人 注意", "@所有人 注意"},
		{"hotel", "hotel 12345678", "hotel 12345678"},
		{"empty", "", ""},
		{"invalid utf8", "x\xff\xfe13812345678", "x\ufffd\ufffd[电话]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Redact(tt.in); got != tt.want {
				t.Errorf("Redact(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

var asciiRun11 = regexp.MustCompile(`[0-9]{11,}`)

// digitRun returns the longest run of decimal digits (any script) in s.
func digitRun(s string) int {
	longest, run := 0, 0
	for _, r := range s {
		if unicode.IsDigit(r) {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	return longest
}

func FuzzRedact(f *testing.F) {
	for _, s := range []string{
		"", "13812345678", "138 1234 5678", "１３８１２３４５６７８", "138★1234★5678", "11010519491231002X",
		"6222021234567890123", "微信 abc_123", "qq 12345678", "a@b.cn", "⑪⑪⑪⑪⑪⑪", "١٢٣٤٥٦٧٨٩٠١٢",
		"\xff\xfe1234567890123", "1\u200b2\u200b3\u200b4\u200b5\u200b6\u200b7\u200b8\u200b9\u200b0\u200b1",
		"月薪5000-8000 18-45岁 电话 0755-1234567", "@@@@@", "微信微信微信", "𝟏𝟑𝟖𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out := Redact(in)
		if !utf8.ValidString(out) {
			t.Fatalf("Redact(%q) = %q: invalid UTF-8", in, out)
		}
		if asciiRun11.MatchString(out) {
			t.Fatalf("Redact(%q) = %q: 11+ digit run", in, out)
		}
		if n := digitRun(norm.NFKC.String(out)); n >= 11 {
			t.Fatalf("Redact(%q) = %q: %d-digit run after NFKC", in, out, n)
		}
	})
}

func TestRedactLongInput(t *testing.T) {
	in := strings.Repeat("招工 13812345678 ", 10000)
	out := Redact(in)
	if strings.Contains(out, "13812345678") || !utf8.ValidString(out) {
		t.Fatal("long input not redacted")
	}
}
