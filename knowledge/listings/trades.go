package listings

import (
	_ "embed"
	"strings"
	"unicode/utf8"
)

// Trade is a kind of work workers search by.
type Trade struct {
	Code     string   // stable ASCII code stored with a posting: "factory"
	ZH, EN   string   // button labels
	keywords []string // words in free text that name the trade (lower case)
}

var trades = []Trade{
	{"factory", "普工/电子厂", "Factory", []string{"普工", "电子厂", "工厂", "进厂", "厂里", "流水线", "操作工", "factory"}},
	{"construction", "建筑/装修", "Construction", []string{"建筑", "工地", "装修", "木工", "钢筋", "泥瓦", "construction", "building site"}},
	{"delivery", "外卖骑手/快递", "Delivery/courier", []string{"外卖", "骑手", "快递", "配送", "跑腿", "delivery", "courier", "rider"}},
	{"cleaning", "保洁/家政", "Cleaning/domestic", []string{"保洁", "家政", "清洁", "保姆", "钟点工", "cleaning", "cleaner", "housekeeping", "domestic"}},
	{"catering", "餐饮", "Restaurant", []string{"餐饮", "服务员", "厨师", "后厨", "洗碗", "帮厨", "饭店", "restaurant", "kitchen", "cook", "waiter"}},
	{"security", "保安", "Security guard", []string{"保安", "门卫", "security", "guard"}},
	{"logistics", "物流/仓库", "Warehouse/logistics", []string{"物流", "仓库", "分拣", "搬运", "装卸", "打包", "warehouse", "logistics"}},
	{"driver", "司机", "Driver", []string{"司机", "货车", "驾驶员", "网约车", "driver", "driving"}},
	{"care", "护工/养老", "Care worker", []string{"护工", "养老", "月嫂", "育婴", "care worker", "caregiver", "carer"}},
	{"other", "其他", "Other", nil},
}

// Trades lists the trades in button order; "other" is last.
func Trades() []Trade { return append([]Trade(nil), trades...) }

// TradeByCode finds a trade by its code.
func TradeByCode(code string) (Trade, bool) {
	for _, t := range trades {
		if t.Code == code {
			return t, true
		}
	}
	return Trade{}, false
}

// Label is the trade's name in lang.
func (t Trade) Label(lang string) string {
	if lang == "en" {
		return t.EN
	}
	return t.ZH
}

// FindTradeIn finds a trade named in free text ("找工作 东莞 电子厂" →
// factory). The earliest mention wins; English words must stand alone.
func FindTradeIn(text string) (Trade, bool) {
	low := strings.ToLower(text)
	best, bestAt := Trade{}, -1
	for _, t := range trades {
		for _, k := range t.keywords {
			i := indexWord(low, k)
			if i >= 0 && (bestAt < 0 || i < bestAt) {
				best, bestAt = t, i
			}
		}
	}
	return best, bestAt >= 0
}

// indexWord finds k in s; an ASCII k must not touch other ASCII letters.
func indexWord(s, k string) int {
	if k == "" {
		return -1
	}
	if k[0] >= utf8.RuneSelf {
		return strings.Index(s, k)
	}
	for off := 0; ; {
		i := strings.Index(s[off:], k)
		if i < 0 {
			return -1
		}
		i += off
		end := i + len(k)
		before := i == 0 || !isASCIILetter(s[i-1])
		after := end == len(s) || !isASCIILetter(s[end]) || (s[end] == 's' && (end+1 == len(s) || !isASCIILetter(s[end+1])))
		if before && after {
			return i
		}
		off = i + 1
	}
}

func isASCIILetter(b byte) bool { return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' }

func tradeCodes() string {
	cs := make([]string, len(trades))
	for i, t := range trades {
		cs[i] = t.Code
	}
	return strings.Join(cs, ", ")
}
