package norm

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestNormalize(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"full-width digits and letters", "ＶＸ：ａｂｃ１２３", "微信:abc123"},
		{"full-width space", "月薪\u30008000", "月薪 8000"},
		{"lower-case Latin", "HR Manager", "hr manager"},
		{"zero-width characters", "押\u200b金\u200d3\ufeff00元", "押金300元"},
		{"decoration inside a word", "押★金", "押金"},
		{"emoji dropped", "日结💰300", "日结300"},
		{"V with heart", "加V❤：abc12345", "加微信:abc12345"},
		{"lone V before an id", "V: dy8866", "微信: dy8866"},
		{"薇信", "薇信号 kk6688", "微信号 kk6688"},
		{"威信", "威信ab1234", "微信ab1234"},
		{"加威", "加威：wx_ok66", "加微信:wx_ok66"},
		{"lone 薇 before an id", "薇❤ xq_0909", "微信 xq_0909"},
		{"vx and wx", "vx abc123 wx def456", "微信 abc123 微信 def456"},
		{"v x with a space", "加 v x：kf2288", "加 微信:kf2288"},
		{"加 q", "加 q 5 6 7 8 9 0 1 2", "加 qq 56789012"},
		{"Q3 is not QQ", "Q3季度", "q3季度"},
		{"扣扣", "扣扣：123456789", "qq:123456789"},
		{"企鹅 before a number", "企鹅 8 8 6 5 4 3 2 1", "qq 88654321"},
		{"纸飞机", "纸飞机@abc_123", "telegram@abc_123"},
		{"飞机 before a handle", "飛機 @dz_job", "telegram @dz_job"},
		{"tg", "TG: job88", "telegram: job88"},
		{"plane trip stays", "坐飞机去上海", "坐飞机去上海"},
		{"split mobile number", "138 1234 5678", "13812345678"},
		{"mobile split by stars", "1 3 8★1 2 3 4★5 6 7 8", "13812345678"},
		{"mobile split by dashes", "138-1234-5678", "13812345678"},
		{"number after a contact word", "qq 1234 5678 9", "qq 123456789"},
		{"Chinese numerals in a phone", "一三八 一二三四 五六七八", "13812345678"},
		{"amount range stays", "3000-5000元", "3000-5000元"},
		{"decimal amount stays", "1.5万", "1.5万"},
		{"traditional to simplified", "誠聘倉庫理貨員 需先繳交體檢費", "诚聘仓库理货员 需先缴交体检费"},
		{"traditional account words", "轉帳到個人賬戶", "转账到个人账户"},
		{"whitespace collapses", "  押金\t\t300  \n\n 元 ", "押金 300\n元"},
		{"circled digits", "①③⑧", "138"},
		{"invalid UTF-8", "押金\xff300", "押金\ufffd300"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Normalize(tt.in); got != tt.want {
				t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestNormalizeSpansPointIntoOriginal(t *testing.T) {
	inputs := []string{
		"加V❤：ａｂｃ１２３ 一三八 一二三四 五六七八 薇信 扣扣 12345678",
		"身份證原件統一保管，工資按季度發放",
		"ｈｔｔｐ://bit.ly/abc 押\u200b金",
		"\xff\xfe押金",
	}
	for _, in := range inputs {
		src := strings.ToValidUTF8(in, "\uFFFD")
		nt := NormalizeText(src, -1)
		if len(nt.Runes) != len(nt.Spans) {
			t.Fatalf("%q: %d runes but %d spans", in, len(nt.Runes), len(nt.Spans))
		}
		prev := int32(0)
		for i, sp := range nt.Spans {
			if sp.Start < prev || sp.End < sp.Start || int(sp.End) > len(src) {
				t.Fatalf("%q: span %d = %v out of order or range", in, i, sp)
			}
			if !utf8.ValidString(src[sp.Start:sp.End]) {
				t.Fatalf("%q: span %d cuts a character", in, i)
			}
			prev = sp.Start
		}
		for i := range nt.Runes {
			for j := i + 1; j <= len(nt.Runes); j++ {
				ev := nt.Evidence(i, j)
				if !strings.Contains(src, ev) || !utf8.ValidString(ev) || utf8.RuneCountInString(ev) > MaxEvidenceRunes {
					t.Fatalf("%q: evidence(%d,%d) = %q is not a short substring of the input", in, i, j, ev)
				}
			}
		}
	}
}

func TestNormalizeCapsRunes(t *testing.T) {
	long := strings.Repeat("押金", 30000)
	nt := NormalizeText(long, 1000)
	if len(nt.Runes) != 1000 {
		t.Errorf("got %d runes, want 1000", len(nt.Runes))
	}
}

func TestObfuscationIsRecorded(t *testing.T) {
	tests := []struct {
		in         string
		obf, slang bool
	}{
		{"电话 138★1234★5678", true, false},
		{"联系 一三八一二三四五六七八", true, false},
		{"qq 1 2 3 4 5 6 7", true, false},
		{"薇信 abc123", false, true},
		{"电话 138 1234 5678", false, false}, // ordinary phone formatting
		{"微信 abc123", false, false},
	}
	for _, tt := range tests {
		nt := NormalizeText(tt.in, -1)
		if (len(nt.Obf) > 0) != tt.obf || (len(nt.Slang) > 0) != tt.slang {
			t.Errorf("%q: obfuscated=%v slang=%v, want %v %v", tt.in, len(nt.Obf) > 0, len(nt.Slang) > 0, tt.obf, tt.slang)
		}
	}
}
