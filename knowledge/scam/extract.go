package scam

import (
	"math"
	"strings"

	"github.com/gongyou/gongyou/knowledge/norm"
)

// Extraction works on the normalised text (normalize.go): money amounts and
// what they are for, pay claims, phone numbers, chat ids, links, company
// names and licence numbers. Positions are rune indexes into normText.r.

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

type entity struct {
	class string // "$phone", "$wechat", …: the entity classes of lexicon.go, plus "idnum", "bankcard"
	val   string
	i, j  int
}

type extraction struct {
	amounts []amount
	ents    []entity
}

// ── numbers ──

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

// ── money ──

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

func hasWordAt(r []rune, i int, w string) bool {
	for _, q := range w {
		if i >= len(r) || r[i] != q {
			return false
		}
		i++
	}
	return true
}

func hasWordBefore(r []rune, i int, w string) bool {
	n := len([]rune(w))
	return i-n >= 0 && hasWordAt(r, i-n, w)
}

// findWordBack looks for w ending within window runes before i, in the same clause.
func findWordBack(r []rune, i, window int, w string) bool {
	wr := []rune(w)
	for k := i; k >= 0 && k >= i-window; k-- {
		if k < i && isClauseBreak(r[k]) {
			return false
		}
		if k-len(wr) >= 0 && hasWordAt(r, k-len(wr), w) {
			return true
		}
	}
	return false
}

func isClauseBreak(q rune) bool {
	switch q {
	case '，', ',', '。', '！', '？', '!', '?', '；', ';', '\n':
		return true
	}
	return false
}

func isSentenceBreak(q rune) bool {
	switch q {
	case '。', '！', '？', '!', '?', '；', ';', '\n':
		return true
	}
	return false
}

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

// ── digits: phones, ids, cards ──

func extractDigitEntities(r []rune, out []entity) []entity {
	for i := 0; i < len(r); i++ {
		if !norm.IsDigit(r[i]) || (i > 0 && norm.IsDigit(r[i-1])) {
			continue
		}
		j := i
		for j < len(r) && norm.IsDigit(r[j]) {
			j++
		}
		n := j - i
		s := string(r[i:j])
		switch {
		case n == 11 && s[0] == '1' && s[1] >= '3':
			out = append(out, entity{"$phone", s, i, j})
		case n == 13 && strings.HasPrefix(s, "861") && s[3] >= '3':
			out = append(out, entity{"$phone", s[2:], i, j})
		case n == 17 && j < len(r) && r[j] == 'x':
			out = append(out, entity{"idnum", s + "x", i, j + 1})
		case n == 18 && (s[0] >= '1' && s[0] <= '8') && (s[6:8] == "19" || s[6:8] == "20"):
			out = append(out, entity{"idnum", s, i, j})
		case n >= 16 && n <= 19:
			out = append(out, entity{"bankcard", s, i, j})
		}
		i = j - 1
	}
	return out
}

// ── chat ids ──

func isIDRune(q rune) bool { return norm.IsLatin(q) || norm.IsDigit(q) || q == '_' || q == '-' }

// idAfter reads an account id after a marker at k (skipping 号, id, :, 是, spaces).
func idAfter(r []rune, k int) (string, int, int, bool) {
	for steps := 0; k < len(r) && steps < 4; steps++ {
		switch {
		case r[k] == '号' || r[k] == ':' || r[k] == ' ' || r[k] == '是' || r[k] == '@' || r[k] == '为':
			k++
			continue
		case hasWordAt(r, k, "id"):
			k += 2
			continue
		}
		break
	}
	s := k
	for k < len(r) && isIDRune(r[k]) && k-s < 32 {
		k++
	}
	if k-s < 5 {
		return "", s, k, false
	}
	return string(r[s:k]), s, k, true
}

func extractChatIDs(r []rune, out []entity) []entity {
	for i := 0; i < len(r); i++ {
		switch {
		case hasWordAt(r, i, "微信"):
			if id, s, e, ok := idAfter(r, i+2); ok && !strings.HasPrefix(id, "-") {
				out = append(out, entity{"$wechat", id, s, e})
				i = e - 1
			}
		case hasWordAt(r, i, "qq") && (i == 0 || !norm.IsLatin(r[i-1])):
			k := i + 2
			if k < len(r) && (r[k] == '群') {
				k++
			}
			if id, s, e, ok := idAfter(r, k); ok && allDigits([]rune(id)) {
				out = append(out, entity{"$qq", id, s, e})
				i = e - 1
			}
		case hasWordAt(r, i, "telegram"):
			if id, s, e, ok := idAfter(r, i+8); ok {
				out = append(out, entity{"$telegram", id, s, e})
				i = e - 1
			}
		case hasWordAt(r, i, "t.me/"):
			if id, _, e, ok := idAfter(r, i+5); ok {
				out = append(out, entity{"$telegram", id, i, e})
				i = e - 1
			}
		}
	}
	return out
}

// ── links and e-mail ──

var tlds = map[string]bool{
	"com": true, "cn": true, "net": true, "org": true, "top": true, "xyz": true, "vip": true, "cc": true, "me": true,
	"io": true, "co": true, "info": true, "shop": true, "club": true, "site": true, "online": true, "app": true,
	"link": true, "ly": true, "gl": true, "in": true, "im": true, "tk": true, "ml": true, "ga": true, "cf": true,
	"gq": true, "hk": true, "tw": true, "asia": true, "biz": true, "wang": true, "ren": true, "ink": true, "fun": true,
	"icu": true, "live": true, "work": true, "pro": true, "tv": true, "ws": true, "la": true, "ai": true, "to": true,
	"sh": true, "gov": true, "edu": true, "buzz": true, "store": true, "website": true, "space": true, "cyou": true,
	"sbs": true, "mobi": true, "run": true, "ltd": true, "group": true, "pw": true, "uk": true, "us": true, "jp": true,
	"kr": true, "sg": true, "my": true, "th": true, "kh": true, "mm": true, "ph": true, "vn": true, "ae": true, "gd": true,
}

var throwawayTLD = map[string]bool{"top": true, "xyz": true, "vip": true, "icu": true, "tk": true, "ml": true, "ga": true,
	"cf": true, "gq": true, "buzz": true, "shop": true, "club": true, "fun": true, "site": true, "online": true, "wang": true,
	"ren": true, "work": true, "live": true, "cyou": true, "sbs": true, "pw": true, "store": true, "website": true, "space": true, "run": true}

var shorteners = map[string]bool{"t.cn": true, "dwz.cn": true, "url.cn": true, "w.url.cn": true, "suo.im": true,
	"bit.ly": true, "tinyurl.com": true, "is.gd": true, "t.ly": true, "goo.gl": true, "ow.ly": true, "6du.in": true,
	"reurl.cc": true, "s.yam.com": true, "u.nu": true, "cutt.ly": true, "rb.gy": true, "shorturl.at": true,
	"tiny.cc": true, "v.gd": true, "dwz.date": true, "mrw.so": true, "xw.qq.com": false, "0x3.me": true, "kks.me": true,
	"sohu.gg": true, "qr.net": true}

// Job platforms and big services whose links are neither official nor suspicious.
var knownHosts = []string{"zhipin.com", "51job.com", "zhaopin.com", "liepin.com", "58.com", "ganji.com", "lagou.com",
	"chinahr.com", "jobonline.cn", "ncss.cn", "chsi.com.cn", "qq.com", "weixin.qq.com", "baidu.com", "taobao.com",
	"jd.com", "alipay.com", "meituan.com", "douyin.com", "kuaishou.com", "xiaohongshu.com", "weibo.com", "12377.cn",
	"12315.cn", "gsxt.gov.cn", "yupao.com", "kanzhun.com", "dajie.com", "job5156.com", "doumi.com"}

func hostIs(host, base string) bool {
	return host == base || strings.HasSuffix(host, "."+base)
}

func isHostRune(q rune) bool { return norm.IsLatin(q) || norm.IsDigit(q) || q == '-' || q == '.' }

func isPathRune(q rune) bool {
	return isHostRune(q) || strings.ContainsRune("/_?=&%#+~:@!*,;", q)
}

// extractLinks finds URLs (with or without scheme) and e-mail addresses.
func extractLinks(r []rune, out []entity) []entity {
	for i := 0; i < len(r); i++ {
		if !(norm.IsLatin(r[i]) || norm.IsDigit(r[i])) {
			continue
		}
		if i > 0 && (isHostRune(r[i-1]) || r[i-1] == '@' || r[i-1] == '/' || r[i-1] == '_') {
			continue
		}
		start := i
		k := i
		scheme := false
		if hasWordAt(r, k, "https://") {
			k += 8
			scheme = true
		} else if hasWordAt(r, k, "http://") {
			k += 7
			scheme = true
		}
		hs := k
		for k < len(r) && isHostRune(r[k]) && k-hs < 253 {
			k++
		}
		host := strings.Trim(string(r[hs:k]), ".-")
		hostEnd := hs + len([]rune(host))
		// e-mail: local@host
		if k < len(r) && r[k] == '@' && !scheme {
			e := k + 1
			for e < len(r) && isHostRune(r[e]) {
				e++
			}
			dom := strings.Trim(string(r[k+1:e]), ".-")
			if strings.Contains(dom, ".") && tlds[dom[strings.LastIndexByte(dom, '.')+1:]] {
				out = append(out, entity{"$email", string(r[start:e]), start, e})
				i = e - 1
				continue
			}
		}
		labels := strings.Split(host, ".")
		if len(labels) < 2 {
			i = k
			continue
		}
		tld := labels[len(labels)-1]
		ip := len(labels) == 4 && allDigits([]rune(strings.Join(labels, "")))
		if !scheme && !ip && !tlds[tld] {
			i = k
			continue
		}
		if !ip && allDigits([]rune(tld)) {
			i = k
			continue
		}
		// "1.5万" or "v1.0" are not links: the first label must not be a bare number unless a scheme or path follows
		if !scheme && !ip && allDigits([]rune(labels[0])) && len(labels) == 2 && !(hostEnd < len(r) && r[hostEnd] == '/') && labels[0] != "58" {
			i = k
			continue
		}
		e := hostEnd
		if e < len(r) && (r[e] == '/' || r[e] == ':' || r[e] == '?') {
			for e < len(r) && isPathRune(r[e]) && e-hostEnd < 512 {
				e++
			}
		}
		url := string(r[start:e])
		path := string(r[hostEnd:e])
		out = append(out, entity{"$anylink", url, start, e})
		class := classifyLink(host, path, ip)
		if class != "" {
			out = append(out, entity{class, url, start, e})
		}
		i = e - 1
	}
	return out
}

// classifyLink returns "$officiallink", "$shortlink", "$badlink", "$link", or
// "" for a known platform.
func classifyLink(host, path string, ip bool) string {
	if ip {
		return "$badlink"
	}
	host = strings.TrimPrefix(host, "www.")
	if hostIs(host, "gov.cn") || strings.HasSuffix(host, ".gov") || hostIs(host, "12333.gov.cn") {
		return "$officiallink"
	}
	if shorteners[host] {
		return "$shortlink"
	}
	if strings.HasSuffix(path, ".apk") || strings.Contains(path, ".apk?") {
		return "$badlink"
	}
	for _, h := range knownHosts {
		if hostIs(host, h) {
			return ""
		}
	}
	// lookalikes of government or labour-bureau sites
	for _, w := range []string{"gov", "12333", "mohrss", "rsj", "shebao", "renshe", "hrss", "rst", "chinatax", "etax", "gsxt", "12345"} {
		if strings.Contains(host, w) {
			return "$badlink"
		}
	}
	tld := host[strings.LastIndexByte(host, '.')+1:]
	if throwawayTLD[tld] {
		return "$badlink"
	}
	return "$link"
}

// ── companies and licences ──

var companySuffixes = []string{"有限责任公司", "股份有限公司", "有限公司", "集团有限公司"}

const companyStop = "在是的为由我你和与及到去于向给请从来找加"

func extractCompanies(r []rune, out []entity) []entity {
	for i := 0; i < len(r); i++ {
		if r[i] != '有' && r[i] != '股' {
			continue
		}
		for _, suf := range companySuffixes {
			if !hasWordAt(r, i, suf) {
				continue
			}
			s := i
			for s > 0 && i-s < 24 {
				q := r[s-1]
				if !(norm.IsCJK(q) || norm.IsLatin(q) || norm.IsDigit(q) || q == '(' || q == ')') || strings.ContainsRune(companyStop, q) {
					break
				}
				s--
			}
			if i-s >= 2 {
				e := i + len([]rune(suf))
				out = append(out, entity{"$company", string(r[s:e]), s, e})
				i = e - 1
			}
			break
		}
	}
	return out
}

func extractLicences(r []rune, out []entity) []entity {
	for i := 0; i < len(r); i++ {
		var k int
		switch {
		case hasWordAt(r, i, "许可证"):
			k = i + 3
		case hasWordAt(r, i, "信用代码"):
			k = i + 4
		case hasWordAt(r, i, "资格证书"):
			k = i + 4
		default:
			continue
		}
		for steps := 0; k < len(r) && steps < 4 && strings.ContainsRune("号编码:：是为 ", r[k]); steps++ {
			k++
		}
		s := k
		digits := 0
		for k < len(r) && k-s < 40 && (norm.IsLatin(r[k]) || norm.IsDigit(r[k]) || strings.ContainsRune("()（）〔〕[]第号字-", r[k]) || norm.IsCJK(r[k]) && k-s < 8) {
			if norm.IsDigit(r[k]) {
				digits++
			}
			k++
		}
		// trim trailing CJK that is not part of the code
		for k > s && norm.IsCJK(r[k-1]) && r[k-1] != '号' {
			k--
		}
		if digits >= 4 && k-s >= 6 {
			out = append(out, entity{"$licence", string(r[s:k]), s, k})
			i = k - 1
		}
	}
	return out
}

// extract runs every extractor over the normalised runes.
func extract(r []rune) extraction {
	var ex extraction
	ex.amounts = extractAmounts(r)
	ex.ents = extractDigitEntities(r, ex.ents)
	ex.ents = extractChatIDs(r, ex.ents)
	ex.ents = extractLinks(r, ex.ents)
	ex.ents = extractCompanies(r, ex.ents)
	ex.ents = extractLicences(r, ex.ents)
	for _, a := range ex.amounts {
		ex.ents = append(ex.ents, entity{"$money", "", a.i, a.j})
		if !a.pay {
			continue
		}
		m := a.monthly()
		if m >= 13000 {
			ex.ents = append(ex.ents, entity{"$highpay", "", a.i, a.j})
		}
		if m >= 26000 {
			ex.ents = append(ex.ents, entity{"$veryhighpay", "", a.i, a.j})
		}
		if (a.per == "day" && a.val >= 1000) || (a.per == "hour" && a.val >= 200) {
			ex.ents = append(ex.ents, entity{"$extremerate", "", a.i, a.j})
		}
	}
	return ex
}

// ── exported view ──

// Amount is a money amount found in a text.
type Amount struct {
	Yuan     float64 // value in yuan (USDT and dollars counted at 7 yuan)
	Per      string  // day, hour, week, month, year, piece, or "" when not a rate
	Pay      bool    // a pay claim rather than a price or fee
	Purpose  string  // the fee or deposit word next to it (押金, 服装费 …), if any
	Evidence string  // the original text of the amount
}

// Link is a link found in a text.
type Link struct {
	URL   string // as normalised (lower-case)
	Class string // official, shortener, suspicious, unknown, platform
}

// Extraction is what Extract finds in a text.
type Extraction struct {
	Amounts   []Amount
	Phones    []string // mainland mobile numbers
	WeChat    []string
	QQ        []string
	Telegram  []string
	Emails    []string
	Links     []Link
	Companies []string // full company names (…有限公司)
	Licences  []string // licence or credit-code numbers
	IDNumbers []string // resident ID numbers
	BankCards []string // 16-19 digit numbers
}

// Extract lists the money amounts, contacts, links, companies and licence
// numbers in text, after normalisation (so 一三八 1234 5678 and 薇信 are seen
// through). It examines at most the first 20,000 runes.
func Extract(text string) Extraction {
	a := analyze(strings.ToValidUTF8(text, "\uFFFD"))
	var out Extraction
	for _, m := range a.ex.amounts {
		out.Amounts = append(out.Amounts, Amount{Yuan: m.val, Per: m.per, Pay: m.pay, Purpose: a.purposeOf(m), Evidence: a.nt.Evidence(m.i, m.j)})
	}
	seen := map[string]bool{}
	for _, e := range a.ex.ents {
		key := e.class + "\x00" + e.val
		if seen[key] {
			continue
		}
		seen[key] = true
		switch e.class {
		case "$phone":
			out.Phones = append(out.Phones, e.val)
		case "$wechat":
			out.WeChat = append(out.WeChat, e.val)
		case "$qq":
			out.QQ = append(out.QQ, e.val)
		case "$telegram":
			out.Telegram = append(out.Telegram, e.val)
		case "$email":
			out.Emails = append(out.Emails, e.val)
		case "$company":
			out.Companies = append(out.Companies, e.val)
		case "$licence":
			out.Licences = append(out.Licences, e.val)
		case "idnum":
			out.IDNumbers = append(out.IDNumbers, e.val)
		case "bankcard":
			out.BankCards = append(out.BankCards, e.val)
		case "$anylink":
			class := "platform"
			for _, f := range a.ex.ents {
				if f.i == e.i && f.class != "$anylink" {
					switch f.class {
					case "$officiallink":
						class = "official"
					case "$shortlink":
						class = "shortener"
					case "$badlink":
						class = "suspicious"
					case "$link":
						class = "unknown"
					}
				}
			}
			out.Links = append(out.Links, Link{URL: e.val, Class: class})
		}
	}
	return out
}
