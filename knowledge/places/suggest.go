package places

import (
	"strings"
	"unicode"
)

// Typos and pinyin. Workers type city names on a phone keyboard: a
// homophone from the pinyin input method ("广洲", "东筦", "深川"), the
// pinyin itself with a slip ("shenzen", "guangzou", "dongguang"). Suggest
// reads such a name so the bot can ask "您是说广州吗？" instead of not
// understanding. It never decides for the worker: a suggestion is always
// asked back.

// zhTypos are the wrong characters the pinyin keyboard offers first, with
// the city each one means. The generic 洲→州 slip is handled in code.
var zhTypos = map[string]string{
	"东筦": "东莞", "东管": "东莞", "东官": "东莞", "冬莞": "东莞", "东完": "东莞", "东关": "东莞",
	"深川": "深圳", "深训": "深圳", "深镇": "深圳", "深震": "深圳", "申圳": "深圳", "深证": "深圳",
	"广卅": "广州", "光州": "广州", "厦们": "厦门", "夏门": "厦门", "杭周": "杭州", "苏周": "苏州",
	"佛珊": "佛山", "佛三": "佛山", "惠周": "惠州", "中珊": "中山", "珠每": "珠海", "成督": "成都",
	"城都": "成都", "重亲": "重庆", "北经": "北京", "上诲": "上海", "尚海": "上海", "武汗": "武汉",
	"宁坡": "宁波", "温洲": "温州",
}

// Suggest finds a city the text probably means but does not spell: typo is
// what the worker typed for it ("广洲", "shenzen"). ok is false when the
// text names a city correctly (FindCityIn finds it) or names none.
func Suggest(text string) (c City, typo string, ok bool) {
	if _, exact := FindCityIn(text); exact {
		return City{}, "", false
	}
	ix := cityIdx()
	for wrong, right := range zhTypos {
		if strings.Contains(text, wrong) {
			return ix.byZH[right], wrong, true
		}
	}
	// X洲 for a city X州 (广洲, 苏洲, 杭洲, 郑洲).
	rs := []rune(text)
	for i := 1; i < len(rs); i++ {
		if rs[i] == '洲' {
			if c, found := ix.byZH[string(rs[i-1])+"州"]; found {
				return c, string(rs[i-1 : i+1]), true
			}
		}
	}
	// Pinyin one edit away from a city's name (ASCII words of 5 letters or more).
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return r >= unicode.MaxASCII || !unicode.IsLetter(r) }) {
		if len(w) < 5 {
			continue
		}
		for _, c := range cityRows {
			en := foldEN(c.EN)
			if abs(len(en)-len(w)) <= 1 && editDistance(en, w) == 1 {
				return c, w, true
			}
		}
	}
	return City{}, "", false
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// editDistance is the Levenshtein distance of two ASCII strings.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
