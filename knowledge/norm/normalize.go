package norm

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Normalisation for the scam checker.
//
// The checker never matches against the raw text. It first rewrites the text
// into a canonical form so that one lexicon entry catches the many spellings
// scammers use to slip past keyword filters:
//
//  1. NFKC (full-width → half-width, circled digits ①→1, compatibility
//     ideographs, ℡ → tel), then lower-case;
//  2. zero-width and format characters, combining marks, emoji and other
//     decoration symbols (★☆❤♥✨…) are dropped; whitespace runs collapse to
//     one space (or one newline when the run held a line break);
//  3. traditional → simplified for the characters that matter for detection
//     (a compact table, not a full converter);
//  4. Chinese numerals inside long digit runs (一三八…) become digits;
//  5. obfuscated contact words become canonical: 薇信/威信/vx/wx/加V → 微信,
//     扣扣/企鹅号/加q → qq, 纸飞机/电报/tg/飞机号 → telegram;
//  6. digits split by spaces, dots or dashes are rejoined when the result is
//     a mobile number, or a number right after a contact word.
//
// Every rune of the normalised text remembers the byte span of the original
// text it came from, so a signal found in the normalised text can quote the
// original words as evidence.

// srcSpan is a byte range [s, e) of the original text.
type Span struct{ Start, End int32 }

// normText is a normalised text with, for every rune, the span of the
// original text it came from. Spans never decrease, so the original text
// behind a range of normalised runes is one contiguous substring.
type Text struct {
	src   string // the original text (valid UTF-8)
	Runes []rune
	Spans []Span
	Obf   []Span // contacts disguised to dodge filters: 1★3★8…, 一三八…, 1 3 8 1 2…, ab❤cd
	Slang []Span // contact words in slang or variant spelling: 薇信, V, vx, 扣扣, 纸飞机
}

// Normalize returns the canonical form of s that the checker matches against.
// It is total: any input, including invalid UTF-8, gives valid UTF-8 output.
func Normalize(s string) string {
	nt := NormalizeText(strings.ToValidUTF8(s, "\uFFFD"), -1)
	return string(nt.Runes)
}

// normalizeText normalises at most maxRunes runes of src (all of it when
// maxRunes < 0). src must be valid UTF-8.
func NormalizeText(src string, maxRunes int) *Text {
	nt := &Text{src: src}
	n := len(src)
	if maxRunes >= 0 && n > maxRunes*4 {
		n = maxRunes * 4
	}
	nt.Runes = make([]rune, 0, n/2+8)
	nt.Spans = make([]Span, 0, n/2+8)
	nt.basic(maxRunes)
	nt.chineseDigits()
	nt.contacts()
	nt.rejoinDigits()
	return nt
}

// evidence returns the original text behind normalised runes [i, j), trimmed
// of surrounding space and cut to at most maxEvidenceRunes runes.
func (nt *Text) Evidence(i, j int) string {
	if i < 0 {
		i = 0
	}
	if j > len(nt.Runes) {
		j = len(nt.Runes)
	}
	if i >= j {
		return ""
	}
	start, end := nt.Spans[i].Start, nt.Spans[j-1].End
	if utf8.RuneCountInString(strings.TrimSpace(nt.src[start:end])) < 3 {
		end = int32(widenEvidence(nt.src, int(end)))
	}
	s := strings.TrimSpace(nt.src[start:end])
	if utf8.RuneCountInString(s) > MaxEvidenceRunes {
		k, c := 0, 0
		for k = range s {
			if c == MaxEvidenceRunes {
				break
			}
			c++
		}
		s = strings.TrimSpace(s[:k])
	}
	return s
}

const MaxEvidenceRunes = 60

// widenEvidence extends a very short span (a lone "V" of "V❤: job8899") to
// the end of its token, and past one label colon to the value after it, so
// the worker sees the words that triggered the flag. It reads at most 20
// runes.
func widenEvidence(src string, end int) int {
	afterColon := false
	for n := 0; end < len(src) && n < 20; n++ {
		r, size := utf8.DecodeRuneInString(src[end:])
		if unicode.IsSpace(r) {
			if !afterColon {
				return end
			}
			end += size
			continue
		}
		if strings.ContainsRune("，。！？,.!?；;、", r) {
			return end
		}
		afterColon = r == ':' || r == '：'
		end += size
	}
	return end
}

func (nt *Text) push(r rune, sp Span) {
	nt.Runes = append(nt.Runes, r)
	nt.Spans = append(nt.Spans, sp)
}

// basic does steps 1-3 and whitespace collapsing in one pass.
func (nt *Text) basic(maxRunes int) {
	var buf [4]byte
	var out []byte
	count := 0
	pendingSpace := rune(0) // ' ' or '\n' waiting to be written
	var spaceSpan Span
	dropped := false // a decoration was dropped since the last rune written
	emit := func(r rune, sp Span) {
		if pendingSpace != 0 {
			if len(nt.Runes) > 0 { // no leading space
				nt.push(pendingSpace, spaceSpan)
			}
			pendingSpace = 0
		}
		if dropped && IsAlnum(r) && len(nt.Runes) > 0 && IsAlnum(nt.Runes[len(nt.Runes)-1]) {
			// 138★1234, ab❤cd: decoration inside an account or phone number
			nt.Obf = append(nt.Obf, Span{nt.Spans[len(nt.Runes)-1].Start, sp.End})
		}
		dropped = false
		nt.push(r, sp)
	}
	for i, r := range nt.src {
		if maxRunes >= 0 && count >= maxRunes {
			break
		}
		count++
		size := utf8.RuneLen(r)
		if size < 0 {
			size = 1
		}
		sp := Span{int32(i), int32(i + size)}
		// Whitespace and control characters.
		if r < 0x80 {
			if r <= ' ' || r == 0x7f {
				if r == '\n' || r == '\r' || r == '\v' || r == '\f' {
					if pendingSpace == 0 {
						spaceSpan = sp
					}
					pendingSpace = '\n'
				} else if pendingSpace == 0 {
					pendingSpace, spaceSpan = ' ', sp
				}
				continue
			}
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			emit(r, sp)
			continue
		}
		if unicode.IsSpace(r) || unicode.IsControl(r) {
			if r == 0x2028 || r == 0x2029 || r == 0x85 {
				if pendingSpace == 0 {
					spaceSpan = sp
				}
				pendingSpace = '\n'
			} else if pendingSpace == 0 {
				pendingSpace, spaceSpan = ' ', sp
			}
			continue
		}
		// Fast path: CJK unified ideographs are NFKC-stable.
		if r >= 0x4e00 && r <= 0x9fff {
			if s, ok := t2s[r]; ok {
				r = s
			}
			emit(r, sp)
			continue
		}
		if r >= 0xff01 && r <= 0xff5e { // full-width ASCII
			r -= 0xfee0
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			emit(r, sp)
			continue
		}
		n := utf8.EncodeRune(buf[:], r)
		out = norm.NFKC.Append(out[:0], buf[:n]...)
		for len(out) > 0 {
			q, m := utf8.DecodeRune(out)
			out = out[m:]
			if q == ' ' || unicode.IsSpace(q) {
				if pendingSpace == 0 {
					pendingSpace, spaceSpan = ' ', sp
				}
				continue
			}
			if dropRune(q) {
				dropped = true
				continue
			}
			q = unicode.ToLower(q)
			if s, ok := t2s[q]; ok {
				q = s
			}
			emit(q, sp)
		}
	}
}

// dropRune reports whether r is decoration: format characters (zero-width
// space, joiners, BOM, soft hyphen), combining and enclosing marks,
// variation selectors, emoji and other symbols, private use. Currency and
// math symbols (¥ $ + = ~) are kept: they carry meaning.
func dropRune(r rune) bool {
	switch {
	case r == '\ufffd':
		return false
	case unicode.Is(unicode.Cf, r), unicode.Is(unicode.Mn, r), unicode.Is(unicode.Me, r),
		unicode.Is(unicode.So, r), unicode.Is(unicode.Sk, r), unicode.Is(unicode.Co, r),
		unicode.Is(unicode.Cs, r), unicode.IsControl(r):
		return true
	}
	return false
}

// cnDigit maps Chinese numerals to their digit value, for phone numbers and
// account numbers written in words.
var cnDigit = map[rune]rune{
	'零': '0', '〇': '0', '洞': '0', '一': '1', '幺': '1', '壹': '1', '二': '2', '两': '2', '贰': '2',
	'三': '3', '叁': '3', '四': '4', '肆': '4', '五': '5', '伍': '5', '六': '6', '陆': '6',
	'七': '7', '柒': '7', '八': '8', '捌': '8', '九': '9', '玖': '9',
}

func IsDigit(r rune) bool { return '0' <= r && r <= '9' }

func IsAlnum(r rune) bool { return IsDigit(r) || ('a' <= r && r <= 'z') }

// digitSep reports whether r may split the digits of an obfuscated number.
func digitSep(r rune) bool {
	switch r {
	case ' ', '.', '-', '_', '*', '·', '/', ',', '、', '—', '|', '+', '#', '=', '\'', '"', '`':
		return true
	}
	return false
}

// chineseDigits turns runs of at least 7 numerals (Chinese or Arabic, possibly
// split by separators) that hold at least one Chinese numeral into digits:
// 一三八 一二三四 五六七八 → 138 1234 5678. Shorter runs (三千, 一二) are words.
func (nt *Text) chineseDigits() {
	r := nt.Runes
	for i := 0; i < len(r); {
		_, isCN := cnDigit[r[i]]
		if !isCN && !IsDigit(r[i]) {
			i++
			continue
		}
		j, digits, cn := i, 0, 0
		last := i
		for j < len(r) {
			if _, ok := cnDigit[r[j]]; ok {
				digits++
				cn++
				last = j
				j++
				continue
			}
			if IsDigit(r[j]) {
				digits++
				last = j
				j++
				continue
			}
			// up to two separators between numerals
			k := j
			for k < len(r) && k-j < 2 && digitSep(r[k]) {
				k++
			}
			if k > j && k < len(r) {
				if _, ok := cnDigit[r[k]]; ok || IsDigit(r[k]) {
					j = k
					continue
				}
			}
			break
		}
		if digits >= 7 && cn > 0 {
			nt.Obf = append(nt.Obf, Span{nt.Spans[i].Start, nt.Spans[last].End})
			for k := i; k <= last; k++ {
				if d, ok := cnDigit[r[k]]; ok {
					r[k] = d
				}
			}
		}
		i = last + 1
	}
}

func IsLatin(r rune) bool { return 'a' <= r && r <= 'z' }

// contacts rewrites obfuscated chat-app names into canonical words.
func (nt *Text) contacts() {
	r, sp := nt.Runes, nt.Spans
	var outR []rune
	var outS []Span
	changed := false
	for i := 0; i < len(r); {
		// CJK spellings, longest first.
		if cands, ok := contactByFirst[r[i]]; ok && (!IsLatin(r[i]) || i == 0 || !IsLatin(r[i-1])) {
			matched := false
			for _, c := range cands {
				from, to := c[0], c[1]
				if hasRunesAt(r, i, from) && !(IsLatin(from[len(from)-1]) && i+len(from) < len(r) && IsLatin(r[i+len(from)])) {
					whole := Span{sp[i].Start, sp[i+len(from)-1].End}
					for _, q := range to {
						outR = append(outR, q)
						outS = append(outS, whole)
					}
					if string(from) != string(to) {
						changed = true
						if !contactPlain[string(from)] {
							nt.Slang = append(nt.Slang, whole)
						}
					}
					i += len(from)
					matched = true
					break
				}
			}
			if matched {
				continue
			}
		}
		// Latin words.
		if IsLatin(r[i]) && (i == 0 || !IsLatin(r[i-1])) {
			j := i
			for j < len(r) && IsLatin(r[j]) {
				j++
			}
			word := string(r[i:j])
			to, ok := latinContact[word]
			if (j < len(r) && r[j] == '_') || (i > 0 && (r[i-1] == '_' || IsDigit(r[i-1]))) {
				ok = false // part of an account id: wx_ok66, ab12vx
			}
			if !ok && (word == "v" || word == "q") && !(i > 0 && (r[i-1] == '_' || IsDigit(r[i-1]))) && singleLetterContact(r, i, j) {
				ok = true
				to = "微信"
				if word == "q" {
					to = "qq"
				}
			}
			if ok {
				whole := Span{sp[i].Start, sp[j-1].End}
				for _, q := range to {
					outR = append(outR, q)
					outS = append(outS, whole)
				}
				if word != to {
					changed = true
					if !contactPlain[word] {
						nt.Slang = append(nt.Slang, whole)
					}
				}
				i = j
				continue
			}
			outR = append(outR, r[i:j]...)
			outS = append(outS, sp[i:j]...)
			i = j
			continue
		}
		// 企鹅 before a number is QQ: 企鹅 12345678.
		if hasRunesAt(r, i, []rune("企鹅")) {
			k := i + 2
			for k < len(r) && (r[k] == ' ' || r[k] == ':') && k < i+4 {
				k++
			}
			if k < len(r) && IsDigit(r[k]) {
				whole := Span{sp[i].Start, sp[i+1].End}
				outR = append(outR, 'q', 'q')
				outS = append(outS, whole, whole)
				nt.Slang = append(nt.Slang, whole)
				changed = true
				i += 2
				continue
			}
		}
		// 飞机 before an @handle or a colon is Telegram: 飞机 @abc, 飞机：abc.
		if hasRunesAt(r, i, []rune("飞机")) {
			k := i + 2
			if k < len(r) && r[k] == ' ' {
				k++
			}
			if k < len(r) && (r[k] == '@' || r[k] == ':') {
				whole := Span{sp[i].Start, sp[i+1].End}
				for _, q := range "telegram" {
					outR = append(outR, q)
					outS = append(outS, whole)
				}
				nt.Slang = append(nt.Slang, whole)
				changed = true
				i += 2
				continue
			}
		}
		// A lone 薇/威/徽 before an account id: 薇❤ xq_0909, 威：abc123.
		if (r[i] == '薇' || r[i] == '威' || r[i] == '徽') && singleLetterContact(r, i, i+1) && !(i+1 < len(r) && r[i+1] == '信') {
			for _, q := range "微信" {
				outR = append(outR, q)
				outS = append(outS, sp[i])
			}
			nt.Slang = append(nt.Slang, sp[i])
			changed = true
			i++
			continue
		}
		outR = append(outR, r[i])
		outS = append(outS, sp[i])
		i++
	}
	if changed {
		nt.Runes, nt.Spans = outR, outS
	}
}

// rejoinDigits removes separators inside split numbers (138 1234 5678,
// 138-1234-5678, 1.3.8…) when the joined digits form a mainland mobile
// number, or when the number follows a contact word. Amounts and dates like
// "3000-5000" or "1.5万" stay as they are.
func (nt *Text) rejoinDigits() {
	r, sp := nt.Runes, nt.Spans
	var drop []bool
	for i := 0; i < len(r); {
		if !IsDigit(r[i]) || (i > 0 && IsDigit(r[i-1])) {
			i++
			continue
		}
		// collect groups
		j := i
		digits, groups, firstLen := 0, 0, 0
		shortGroup, oddSep := false, false
		last := i
		for {
			g := 0
			for j < len(r) && IsDigit(r[j]) {
				j++
				g++
			}
			digits += g
			groups++
			if g <= 2 {
				shortGroup = true
			}
			if groups == 1 {
				firstLen = g
			}
			last = j
			k := j
			for k < len(r) && k-j < 3 && digitSep(r[k]) {
				k++
			}
			if k == j || k >= len(r) || !IsDigit(r[k]) || digits >= 12 {
				break
			}
			for _, q := range r[j:k] {
				if q != ' ' && q != '-' {
					oddSep = true
				}
			}
			j = k
		}
		joined := false
		if groups > 1 && firstLen < 11 && (i == 0 || !IsLatin(r[i-1])) {
			mobile := digits == 11 && r[i] == '1' && nextDigitIsMobile(r, i)
			cue := digits >= 5 && digits <= 12 && precededByContactCue(r, i)
			if mobile || cue {
				joined = true
				if shortGroup || oddSep {
					nt.Obf = append(nt.Obf, Span{sp[i].Start, sp[last-1].End})
				}
				if drop == nil {
					drop = make([]bool, len(r))
				}
				for k := i; k < last; k++ {
					if !IsDigit(r[k]) {
						drop[k] = true
					}
				}
			}
		}
		if joined {
			i = last
		} else {
			i += firstLen // the next group may start a number of its own
		}
	}
	if drop == nil {
		return
	}
	w := 0
	for k := range r {
		if drop[k] {
			continue
		}
		r[w], sp[w] = r[k], sp[k]
		w++
	}
	nt.Runes, nt.Spans = r[:w], sp[:w]
}

// t2s maps traditional characters to simplified ones: the common characters
// of job ads and scam messages, not a full converter.
var t2s = func() map[rune]rune {
	const pairs = "萬万與与專专業业東东絲丝兩两嚴严個个豐丰臨临為为麗丽舉举麼么義义烏乌樂乐喬乔習习鄉乡書书買买亂乱爭争於于虧亏雲云亞亚產产畝亩親亲億亿僅仅從从倉仓儀仪們们價价眾众優优夥伙會会傘伞偉伟傳传傷伤倫伦偽伪體体餘余傭佣俠侠侶侣偵侦側侧僑侨" +
		"兒儿兌兑黨党蘭兰關关興兴養养獸兽內内岡冈冊册寫写軍军農农馮冯衝冲決决況况凍冻淨净涼凉減减湊凑幾几鳳凤憑凭凱凯擊击劃划劉刘則则剛刚創创刪删別别劑剂劍剑剝剥劇剧勸劝辦办務务動动勵励勁劲勞劳勢势勻匀區区醫医華华協协單单賣卖盧卢臥卧衛卫卻却廠厂廳厅曆历厲厉壓压厭厌廁厕廂厢廈厦廚厨縣县參参雙双發发變变敘叙疊叠葉叶號号嘆叹籲吁後后嚇吓呂吕嗎吗噸吨聽听啟启吳吴嘔呕員员嗆呛嗚呜詠咏響响啞哑嘩哗喚唤嘯啸噴喷囑嘱團团園园圍围國国圖图圓圆聖圣場场壞坏塊块堅坚壇坛壩坝墳坟墜坠壟垄壘垒墾垦墊垫壺壶聲声殼壳壽寿處处備备復复夠够頭头誇夸夾夹奪夺奮奋獎奖奧奥妝妆婦妇媽妈婁娄嬌娇娛娱嬰婴孫孙學学寧宁寶宝實实寵宠審审憲宪宮宫寬宽賓宾寢寝對对尋寻導导將将爾尔塵尘堯尧盡尽層层屆届屬属屢屡嶼屿歲岁豈岂崗岗島岛嶺岭嶽岳峽峡鞏巩幣币帥帅師师帳帐簾帘幟帜帶带幫帮幹干並并廣广莊庄慶庆廬庐庫库應应廟庙龐庞廢废開开異异棄弃張张彌弥彎弯彈弹強强歸归當当錄录彥彦徹彻徑径禦御憶忆懷怀態态憐怜總总惡恶惱恼悅悦懸悬驚惊懼惧慘惨懲惩慚惭慣惯憤愤願愿懶懒戲戏戰战戶户紮扎撲扑託托執执擴扩掃扫揚扬擾扰撫抚拋抛搶抢護护報报擔担擬拟攏拢揀拣擁拥攔拦擰拧撥拨擇择掛挂揮挥撓挠擋挡掙挣擠挤撈捞損损撿捡換换據据擲掷攬揽攙搀擱搁摟搂攪搅攜携攝摄擺摆搖摇攤摊撐撑攆撵攢攒敵敌斂敛數数齋斋鬥斗斬斩斷断無无舊旧時时曠旷晝昼顯显晉晋曬晒曉晓暈晕暉晖暫暂術术樸朴機机殺杀雜杂權权條条來来楊杨傑杰極极構构槍枪楓枫櫃柜檸柠標标棧栈棟栋欄栏樹树棲栖樣样檔档橋桥樺桦樁桩夢梦檢检樓楼櫻樱櫥橱簷檐歡欢歐欧殲歼殘残毆殴毀毁畢毕斃毙氣气匯汇彙汇漢汉湯汤溝沟沒没瀝沥淪沦滄沧滬沪淚泪瀘泸瀉泻潑泼澤泽潔洁灑洒窪洼淺浅漿浆澆浇濁浊測测濟济瀏浏渾浑濃浓濤涛澇涝漣涟渦涡滌涤潤润澗涧漲涨澀涩澱淀淵渊漬渍瀆渎漸渐漁渔瀋沈滲渗溫温遊游灣湾濕湿潰溃濺溅濾滤濫滥濱滨灘滩瀾澜瀕濒滅灭燈灯靈灵災灾燦灿爐炉燉炖點点煉炼熾炽爍烁爛烂燭烛煙烟煩烦燒烧燴烩燙烫熱热煥焕愛爱爺爷牽牵犧牺狀状猶犹狽狈獨独狹狭獅狮獄狱獲获獵猎豬猪貓猫獻献瑪玛環环現现璽玺瑣琐瓊琼瑩莹電电畫画暢畅療疗瘋疯癥症癢痒癱瘫癮瘾皺皱盞盏鹽盐監监蓋盖盜盗盤盘矚瞩睜睁瞞瞒礦矿碼码磚砖確确礙碍禮礼禍祸離离禿秃種种積积稱称穩稳穀谷窮穷竊窃竅窍窯窑竄窜窩窝窺窥豎竖競竞筆笔籌筹簽签簡简籃篮類类糧粮糰团緊紧糾纠紀纪約约紅红紋纹納纳紐纽純纯紗纱紙纸級级紛纷紡纺紹绍經经綁绑絨绒結结給给絡络絕绝統统絹绢繡绣繼继續续綠绿維维綿绵綢绸綱纲網网緒绪線线締缔編编緣缘練练縮缩績绩織织繳缴繩绳縱纵罰罚罷罢羅罗罵骂翹翘聯联聰聪聳耸職职膚肤腫肿脹胀腦脑膽胆脈脉腳脚臉脸臘腊膩腻艙舱艦舰艷艳藝艺節节範范葦苇蘇苏蘋苹莖茎薦荐藥药蓮莲蕭萧營营蘿萝螢萤虛虚蟲虫蝦虾螞蚂蠶蚕補补裝装製制襪袜襯衬複复見见規规覓觅視视覽览覺觉觀观觸触計计訂订認认討讨讓让訓训議议訊讯記记講讲許许論论設设訪访證证評评識识詐诈訴诉診诊詞词譯译試试詩诗誠诚話话誕诞詢询該该詳详語语誤误說说請请諸诸讀读課课誰谁調调談谈諒谅謀谋謊谎謝谢謠谣謹谨譜谱貝贝負负財财貢贡貧贫貨货販贩貪贪貫贯責责貯贮貴贵貸贷費费貿贸賀贺資资賈贾賊贼賄贿賂赂賃赁賬账賠赔賞赏賜赐賢贤賤贱賦赋質质購购賽赛贈赠贊赞趕赶趙赵趨趋躍跃蹤踪車车軌轨軟软轉转輪轮較较載载輕轻輔辅輛辆輸输輩辈辭辞邊边遼辽達达遷迁過过邁迈運运還还這这進进遠远違违連连遲迟適适選选遺遗郵邮鄰邻醬酱釋释鑒鉴針针釣钓鈕钮鈔钞鈴铃鉛铅銀银銅铜銷销鋪铺鋒锋鋼钢錢钱錯错錦锦鍵键鎖锁鎮镇鏈链鐘钟鐵铁鑰钥長长門门閃闪閉闭問问閒闲間间閱阅闆板闖闯陣阵陽阳陰阴陸陆隊队階阶際际隨随險险隱隐雖虽雞鸡難难靜静韓韩頁页頂顶項项順顺須须預预領领頻频題题額额顏颜顧顾風风飛飞飯饭飲饮餅饼館馆饑饥馬马駕驾駐驻騙骗驗验騎骑驅驱髮发鬧闹魚鱼鮮鲜鳥鸟鳴鸣麥麦黃黄齊齐齒齿龍龙龜龟" +
		"係系繫系註注徵征賺赚緬缅遞递齡龄鬆松嶄崭臺台裡里裏里隻只麵面準准鍾钟捲卷佔占佈布僱雇贏赢傢家盪荡鐳镭諾诺誘诱詭诡謀谋擄掳綁绑販贩賭赌碼码嫖嫖鴨鸭陪陪聊聊窯窑娛娱卡卡貓猫棄弃罰罚網网絡络頁页寬宽頻频鑽钻層层衝冲劵券颱台擬拟檯台瞭了紓纾餵喂臟脏髒脏遼辽羨羡倖幸囉啰噁恶癒愈蒐搜譁哗麼么麽么帳帐"
	m := make(map[rune]rune, len(pairs)/6)
	rs := []rune(pairs)
	for i := 0; i+1 < len(rs); i += 2 {
		if rs[i] != rs[i+1] {
			m[rs[i]] = rs[i+1]
		}
	}
	// Variant folding after conversion: 帐户/账户 are both written.
	m['帐'] = '账'
	m['帳'] = '账'
	return m
}()
