package scam

import (
	"math"

	"github.com/gongyou/gongyou/knowledge/norm"
)

type amount struct {
	val    float64 // in yuan (USDT and dollars ×7)
	i, j   int
	per    string // day, hour, week, month, year, piece, or ""
	pay    bool   // a pay claim (salary, earnings) rather than a price
	crypto bool
}

// monthly is the pay claim per month (0 when it cannot be told).
func (a amount) monthly() float64 {
	switch a.per {
	case "day":
		return a.val * 26
	case "hour":
		return a.val * 8 * 26
	case "week":
		return a.val * 4.3
	case "month":
		return a.val
	case "year":
		return a.val / 12
	}
	return 0
}

// parseNumber reads digits with optional thousands commas and a decimal part.
func parseNumber(r []rune, i int) (float64, int, bool) {
	j := i
	v := 0.0
	digits := 0
	for j < len(r) {
		if norm.IsDigit(r[j]) {
			v = v*10 + float64(r[j]-'0')
			digits++
			j++
			continue
		}
		// thousands separator: exactly three digits follow
		if r[j] == ',' && digits > 0 && j+4 <= len(r) && allDigits(r[j+1:j+4]) && (j+4 == len(r) || !norm.IsDigit(r[j+4])) {
			j++
			continue
		}
		break
	}
	if digits == 0 || digits > 12 {
		return 0, j, false
	}
	if j+1 < len(r) && r[j] == '.' && norm.IsDigit(r[j+1]) {
		j++
		f := 0.1
		for j < len(r) && norm.IsDigit(r[j]) {
			v += f * float64(r[j]-'0')
			f /= 10
			j++
		}
	}
	return v, j, true
}

func allDigits(rs []rune) bool {
	if len(rs) == 0 {
		return false
	}
	for _, q := range rs {
		if !norm.IsDigit(q) {
			return false
		}
	}
	return true
}

var cnNumVal = map[rune]float64{'零': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9, '十': 10, '百': 100, '千': 1000, '万': 10000}

// parseCNNumber reads a Chinese number like 三千, 一万五, 十二万, 两百. The
// first rune must be a digit word or 十 (so 千万不要 is not a number).
func parseCNNumber(r []rune, i int) (float64, int, bool) {
	if i >= len(r) {
		return 0, i, false
	}
	if v, ok := cnNumVal[r[i]]; !ok || (v >= 100) {
		return 0, i, false
	}
	total, section, digit := 0.0, 0.0, 0.0
	j := i
	lastUnit, unitBeforeDigit := 0.0, 0.0
	for j < len(r) {
		v, ok := cnNumVal[r[j]]
		if !ok {
			break
		}
		switch {
		case v < 10:
			digit = v
			unitBeforeDigit = lastUnit
			lastUnit = 0
		case v == 10000:
			section = (section + digit) * v
			total += section
			section, digit = 0, 0
			lastUnit = v
		default: // 十 百 千
			if digit == 0 {
				digit = 1
			}
			section += digit * v
			digit = 0
			lastUnit = v
		}
		j++
	}
	if j-i < 2 && r[i] != '十' {
		// a single digit word (一, 三) is not an amount unless a unit follows
		return total + section + digit, j, true
	}
	// 一万五 → 15000, 三千五 → 3500
	if digit > 0 && lastUnit == 0 && unitBeforeDigit >= 100 {
		digit *= unitBeforeDigit / 10
	}
	return total + section + digit, j, true
}

var (
	perAfter = []struct {
		w   string
		per string
	}{
		{"/天", "day"}, {"/日", "day"}, {"每天", "day"}, {"一天", "day"}, {"每日", "day"}, {"/小时", "hour"}, {"/h", "hour"},
		{"每小时", "hour"}, {"一小时", "hour"}, {"/时", "hour"}, {"/月", "month"}, {"每月", "month"}, {"一个月", "month"},
		{"/周", "week"}, {"每周", "week"}, {"/年", "year"}, {"每年", "year"}, {"/单", "piece"}, {"每单", "piece"},
		{"一单", "piece"}, {"/件", "piece"}, {"每件", "piece"}, {"/个", "piece"}, {"/条", "piece"}, {"/分钟", "piece"},
		{"/千字", "piece"}, {"/day", "day"}, {"/hour", "hour"}, {"/month", "month"}, {"a day", "day"}, {"per day", "day"},
		{"an hour", "hour"}, {"per hour", "hour"}, {"a month", "month"}, {"per month", "month"}, {"/d", "day"}, {"/m", "month"},
		{"per task", "piece"}, {"each", "piece"}, {"per order", "piece"}, {"a year", "year"}, {"per year", "year"}, {"/year", "year"},
	}
	perBefore = []struct {
		w   string
		per string
	}{
		{"日薪", "day"}, {"日结", "day"}, {"日入", "day"}, {"一天", "day"}, {"每天", "day"}, {"日赚", "day"}, {"天薪", "day"}, {"一个月", "month"}, {"一月", "month"}, {"时薪", "hour"}, {"每小时", "hour"}, {"一小时", "hour"}, {"小时工资", "hour"},
		{"月薪", "month"}, {"月入", "month"}, {"底薪", "month"}, {"每月", "month"}, {"月收入", "month"}, {"月工资", "month"},
		{"月均", "month"}, {"综合工资", "month"}, {"工资", "month"}, {"薪资", "month"}, {"收入", "month"}, {"月赚", "month"},
		{"保底", "month"}, {"到手", "month"}, {"薪水", "month"}, {"月结", "month"}, {"待遇", "month"}, {"年薪", "year"},
		{"年入", "year"}, {"周薪", "week"}, {"周结", "week"}, {"一单", "piece"}, {"每单", "piece"}, {"单价", "piece"},
		{"计件", "piece"}, {"salary", "month"}, {"wage", "month"}, {"pay", "month"},
	}
	payBefore   = []string{"赚", "挣", "佣金", "提成", "奖金", "报酬", "结算", "发", "领", "收益", "利润", "回报", "分红"}
	enPayBefore = []string{"salary", "earn", "earning", "wage", "wages", "income", "commission", "make", "paid"}
	enFeeBefore = []string{"fee", "deposit", "tuition", "invest", "cost", "price", "charge", "pay", "costs", "only"}
	unitAfter   = []struct {
		w      string
		mult   float64
		crypto bool
	}{
		{"元", 1, false}, {"块", 1, false}, {"圆", 1, false}, {"rmb", 1, false}, {"yuan", 1, false}, {"cny", 1, false},
		{"人民币", 1, false}, {"usdt", 7, true}, {"u", 7, true}, {"美元", 7, false}, {"美金", 7, false}, {"刀", 7, false},
		{"usd", 7, false}, {"dollars", 7, false},
	}
)

// extractAmounts finds money amounts.
func extractAmounts(r []rune) []amount {
	var out []amount
	for i := 0; i < len(r); i++ {
		q := r[i]
		_, cn := cnNumVal[q]
		if !norm.IsDigit(q) && !cn {
			continue
		}
		if i > 0 && (norm.IsDigit(r[i-1]) || norm.IsLatin(r[i-1]) || r[i-1] == '.' || r[i-1] == '_') {
			continue
		}
		if cn {
			if _, ok := cnNumVal[r[max(i-1, 0)]]; i > 0 && ok {
				continue
			}
		}
		a, end, ok := parseAmount(r, i)
		if ok {
			out = append(out, a)
			i = end - 1
		} else if end > i+1 {
			i = end - 1
		}
	}
	return out
}

// parseAmount reads one amount (or a range, keeping its upper end) at i.
func parseAmount(r []rune, i int) (amount, int, bool) {
	a := amount{i: i}
	num := func(k int) (float64, int, bool, bool) { // value, end, ok, chinese
		if norm.IsDigit(r[k]) {
			v, e, ok := parseNumber(r, k)
			return v, e, ok, false
		}
		v, e, ok := parseCNNumber(r, k)
		return v, e, ok, true
	}
	v, j, ok, cn := num(i)
	if !ok {
		return a, j, false
	}
	if !cn {
		// digit runs that are phone numbers, ids or dates are not money
		if digits := j - i; digits >= 9 && v >= 1e8 {
			return a, j, false
		}
	}
	mult, strong := multAt(r, j)
	if mult > 1 {
		j += multLen(r, j)
	}
	// a range: 5000-8000, 5-8千, 1.2万~1.5万, 3000到5000
	if j < len(r) && (r[j] == '-' || r[j] == '~' || r[j] == '到' || r[j] == '至' || r[j] == '—') && j+1 < len(r) && (norm.IsDigit(r[j+1]) || (cn && cnNumVal[r[j+1]] > 0)) {
		v2, j2, ok2, _ := num(j + 1)
		if ok2 {
			m2, s2 := multAt(r, j2)
			if m2 > 1 {
				j2 += multLen(r, j2)
			}
			if mult == 1 && m2 > 1 {
				mult = m2
				strong = s2
			}
			if v2*m2 >= v*mult {
				v, mult = v2, m2
			}
			j = j2
		}
	}
	val := v * mult
	// "+" as in 8000+ or 1万+
	if j < len(r) && r[j] == '+' {
		j++
	}
	// unit after
	unit := false
	k := j
	if k < len(r) && r[k] == ' ' {
		k++
	}
	for _, u := range unitAfter {
		if hasWordAt(r, k, u.w) {
			n := len([]rune(u.w))
			if norm.IsLatin(r[k]) && k+n < len(r) && norm.IsLatin(r[k+n]) {
				continue // "u" in a word
			}
			val *= u.mult
			a.crypto = u.crypto
			unit = true
			j = k + n
			break
		}
	}
	// currency before
	switch {
	case i > 0 && (r[i-1] == '¥' || r[i-1] == '￥'):
		unit = true
		a.i = i - 1
	case i > 0 && r[i-1] == '$':
		unit = true
		a.i = i - 1
		val *= 7
	case hasWordBefore(r, i, "rmb") || hasWordBefore(r, i, "rmb ") || hasWordBefore(r, i, "cny "):
		unit = true
	case hasWordBefore(r, i, "usd") || hasWordBefore(r, i, "usd ") || hasWordBefore(r, i, "usdt") || hasWordBefore(r, i, "usdt "):
		unit = true
		val *= 7
		a.crypto = hasWordBefore(r, i, "usdt") || hasWordBefore(r, i, "usdt ")
	}
	// per-unit after
	k = j
	if k < len(r) && r[k] == ' ' {
		k++
	}
	for _, p := range perAfter {
		if hasWordAt(r, k, p.w) {
			a.per = p.per
			j = k + len([]rune(p.w))
			break
		}
	}
	// context before (same clause, up to 6 runes)
	ctxPay := false
	for _, p := range perBefore {
		if findWordBack(r, a.i, 6, p.w) {
			if a.per == "" {
				a.per = p.per
			}
			ctxPay = true
			break
		}
	}
	if !ctxPay {
		for _, w := range payBefore {
			if findWordBack(r, a.i, 5, w) {
				ctxPay = true
				break
			}
		}
	}
	if !ctxPay {
		for _, w := range enPayBefore {
			if findWordBack(r, a.i, 16, w) {
				ctxPay = true
				break
			}
		}
	}
	ctxFee := false
	for _, w := range []string{"费", "金", "交", "缴", "付", "转", "充值", "价", "款", "花", "贷", "收", "一共", "总共", "合计", "共计"} {
		if findWordBack(r, a.i, 5, w) {
			ctxFee = true
			break
		}
	}
	if !ctxFee && !ctxPay { // 一万五的学费, 300 yuan deposit
		for k := j; k < len(r) && k < j+4 && !isClauseBreak(r[k]); k++ {
			if r[k] == '费' || r[k] == '金' || hasWordAt(r, k, "fee") || hasWordAt(r, k, "deposit") {
				ctxFee = true
				break
			}
		}
	}
	if !ctxFee {
		for _, w := range enFeeBefore {
			if findWordBack(r, a.i, 16, w) {
				ctxFee = true
				break
			}
		}
	}
	isMoney := unit || (!cn && (strong || ctxPay || ctxFee || a.per != "")) || (cn && (ctxPay || ctxFee) && val >= 10)
	if !isMoney || val <= 0 || math.IsInf(val, 0) || math.IsNaN(val) {
		return a, j, false
	}
	// years, ages and counts written with a money-ish context: 18岁, 3人, 2024年
	if j < len(r) && !unit {
		switch r[j] {
		case '岁', '人', '年', '个', '名', '次', '号', '楼', '点', '%', '层', '栋', '米', '斤', '公', '分', '秒':
			if a.per == "" || r[j] != '个' {
				return a, j, false
			}
		}
	}
	a.val = val
	a.j = j
	a.pay = ctxPay || (a.per != "" && a.per != "piece")
	if a.per == "piece" {
		a.pay = true
	}
	return a, j, true
}

// multAt returns the multiplier word at j (万, 千, k, w, 百, 亿) and whether it
// makes the number money on its own.
func multAt(r []rune, j int) (float64, bool) {
	if j >= len(r) {
		return 1, false
	}
	k := j
	if r[k] == ' ' && k+1 < len(r) {
		k++
	}
	switch r[k] {
	case '万', 'w':
		if r[k] == 'w' && k+1 < len(r) && norm.IsLatin(r[k+1]) {
			return 1, false
		}
		return 10000, true
	case '千', 'k':
		if r[k] == 'k' && k+1 < len(r) && norm.IsLatin(r[k+1]) {
			return 1, false
		}
		return 1000, true
	case '百':
		return 100, false
	case '亿':
		return 1e8, true
	}
	return 1, false
}

func multLen(r []rune, j int) int {
	if r[j] == ' ' {
		return 2
	}
	return 1
}
