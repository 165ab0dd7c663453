package faq

import (
	_ "embed"
	"strings"
	"unicode/utf8"

	"github.com/gongyou/gongyou/knowledge/norm"
	"github.com/gongyou/gongyou/knowledge/retrieval"
)

type faqTerm struct {
	key string
	w   float32
}

// faqSynonyms rewrite colloquial words, dialect and common typos of
// normalised text to the words the entries use. Longer keys first.
var faqSynonyms = [][2]string{
	// homophone / look-alike typos
	{"社宝", "社保"}, {"设保", "社保"}, {"社报", "社保"}, {"公伤", "工伤"}, {"功伤", "工伤"},
	{"失叶", "失业"}, {"拖久", "拖欠"}, {"拖钱", "拖欠"}, {"工姿", "工资"}, {"养劳", "养老"},
	{"医宝", "医保"}, {"仲栽", "仲裁"}, {"合仝", "合同"}, {"押经", "押金"},
	// dialect and colloquial
	{"工商认定", "工伤认定"}, {"算工商", "算工伤"}, {"冇", "没"}, {"唔知", "不知道"}, {"唔", "不"}, {"咩", "什么"},
	{"手艺班", "技能培训"}, {"手艺", "技能"}, {"学技术", "技能培训"}, {"国家出钱", "政府补贴"}, {"免费学", "补贴培训"},
	{"被裁", "辞退"}, {"不发工资", "拖欠工资"},
	{"咋整", "怎么办"}, {"咋弄", "怎么办"}, {"咋个", "怎么"}, {"咋样", "怎么样"}, {"咋办", "怎么办"}, {"咋", "怎么"}, {"啥子", "什么"}, {"啥", "什么"},
	{"俺", "我"}, {"咱", "我"}, {"嘛", ""}, {"莫得", "没有"}, {"么得", "没有"},
	{"不给钱", "拖欠工资"}, {"没发钱", "拖欠工资"}, {"没发工资", "拖欠工资"}, {"工钱", "工资"}, {"薪水", "工资"}, {"薪资", "工资"},
	{"拖欠了", "拖欠了"}, {"拖欠我", "拖欠我"}, {"被欠", "被拖欠"}, {"欠了", "拖欠了"}, {"欠我", "拖欠我"}, {"欠钱", "欠薪"}, {"讨工资", "讨薪"}, {"要工资", "讨薪"},
	{"缴纳", "交"}, {"缴费", "交费"}, {"缴", "交"}, {"买社保", "交社保"}, {"五险一金", "社保"}, {"五险", "社保"},
	{"养老金", "养老保险"}, {"退休金", "养老保险"}, {"医疗保险", "医保"},
	{"送外卖", "外卖"}, {"跑腿", "外卖"},
	{"厂里", "工厂"}, {"进厂", "工厂"}, {"公司", "单位"},
	{"包工头", "工头"}, {"炒鱿鱼", "辞退"}, {"开除", "辞退"}, {"裁员", "辞退"},
}

var faqSynRepl = func() *strings.Replacer {
	pairs := make([]string, 0, 2*len(faqSynonyms))
	for _, p := range faqSynonyms {
		pairs = append(pairs, p[0], p[1])
	}
	return strings.NewReplacer(pairs...)
}()

func applyFAQSynonyms(s string) string { return faqSynRepl.Replace(depinyin(s)) }

// faqPinyin maps toneless pinyin of common words (typed by workers whose
// phone has no Chinese input set up) to Chinese. Only words that are not
// also English words are listed.
var faqPinyin = map[string]string{
	"shebao": "社保", "sheb": "社保", "zenme": "怎么", "zenmeban": "怎么办", "qianxin": "欠薪", "gongzi": "工资",
	"nali": "哪里", "nar": "哪里", "tousu": "投诉", "gongshang": "工伤", "yanglao": "养老", "yibao": "医保",
	"shiye": "失业", "shiyejin": "失业金", "hetong": "合同", "zhongcai": "仲裁", "laoban": "老板",
	"shenfenzheng": "身份证", "yajin": "押金", "zhongjie": "中介", "peixun": "培训", "butie": "补贴",
	"tuixiu": "退休", "ziji": "自己", "jiao": "交", "cha": "查", "qian": "欠", "zai": "在", "banli": "办理",
	"shenme": "什么", "nianxian": "年限", "zhuanyi": "转移", "waimai": "外卖", "qishou": "骑手", "shoushang": "受伤",
	"baoxian": "保险", "zhuan": "转", "tuoqian": "拖欠", "shouxu": "手续", "dengji": "登记", "lingqu": "领取", "keyi": "可以",
	"buchong": "补充", "jiaofei": "交费", "shoujihao": "手机号", "baojing": "报警", "beipian": "被骗",
}

// depinyin rewrites pinyin words of normalised s into Chinese when s has at
// least one of them; "ban" (办) only then, as it is an English word too.
func depinyin(s string) string {
	if !strings.ContainsAny(s, "aeiou") {
		return s
	}
	words := strings.Split(s, " ")
	hit := false
	for i, w := range words {
		// a pinyin word may be glued to Chinese: "gongzi被qian了"
		r := []rune(w)
		var b strings.Builder
		for k := 0; k < len(r); {
			if !norm.IsLatin(r[k]) {
				b.WriteRune(r[k])
				k++
				continue
			}
			j := k
			for j < len(r) && norm.IsLatin(r[j]) {
				j++
			}
			if zh, ok := faqPinyin[string(r[k:j])]; ok {
				b.WriteString(zh)
				hit = true
			} else {
				b.WriteString(string(r[k:j]))
			}
			k = j
		}
		words[i] = b.String()
	}
	if !hit {
		return s
	}
	// join the words so the Chinese forms bigrams across them; "ban" is 办 here
	var b strings.Builder
	for i, w := range words {
		if w == "ban" {
			w = "办"
		}
		if i > 0 && !(startsCJK(w) && endsCJK(words[i-1])) {
			b.WriteByte(' ')
		}
		b.WriteString(w)
	}
	return b.String()
}

func startsCJK(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return norm.IsCJK(r) || s == "办"
}

func endsCJK(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return norm.IsCJK(r) || s == "ban"
}

// English: stop words (more than the case index's: questions are full of them)
// and word synonyms applied after stemming.
var faqEnStop = map[string]bool{
	"the": true, "a": true, "an": true, "and": true, "or": true, "to": true, "of": true, "in": true, "on": true,
	"for": true, "is": true, "it": true, "be": true, "as": true, "at": true, "by": true, "with": true, "that": true,
	"this": true, "but": true, "from": true, "i": true, "me": true, "my": true, "we": true, "you": true, "your": true,
	"can": true, "do": true, "does": true, "did": true, "what": true, "how": true, "are": true, "am": true, "if": true,
	"there": true, "so": true, "any": true, "its": true, "have": true, "has": true, "had": true, "will": true,
	"would": true, "should": true, "could": true, "about": true, "get": true, "got": true, "just": true, "still": true,
	"some": true, "when": true, "where": true, "which": true, "who": true, "them": true, "they": true, "he": true,
	"she": true, "his": true, "her": true, "our": true, "was": true, "were": true, "been": true, "im": true, "ive": true,
	"dont": true, "s": true, "t": true, "m": true, "then": true, "than": true, "too": true, "very": true, "also": true,
	"hasnt": true, "doesnt": true, "wont": true, "isnt": true, "cant": true, "didnt": true, "havent": true,
	"now": true, "one": true, "all": true, "out": true, "up": true, "into": true, "know": true,
}

var faqEnSyn = map[string]string{
	"boss": "employer", "company": "employer", "factory": "employer", "firm": "employer",
	"salary": "wage", "salaries": "wage", "earning": "wage", "unpaid": "owe", "owes": "owe", "owed": "owe", "arrears": "owe",
	"proof": "evidence", "complaint": "complain", "report": "complain", "wages": "wage",
	"injured": "injury", "injure": "injury", "hurt": "injury", "accident": "injury",
	"fired": "dismiss", "sacked": "dismiss", "laid": "dismiss", "dismissed": "dismiss",
	"jobless": "unemploy", "unemployed": "unemploy", "unemployment": "unemploy",
	"course": "train", "training": "train", "trained": "train", "class": "train",
	"retire": "retirement", "retired": "retirement", "pension": "pension",
	"rider": "courier", "delivery": "courier", "deliver": "courier",
	"agent": "agency", "broker": "agency", "recruiter": "agency",
	"id": "idcard", "deposit": "deposit", "lawyer": "legal", "law": "legal",
	"sue": "arbitration", "court": "arbitration",
}

func stemEN(w string) string {
	switch {
	case len(w) > 5 && strings.HasSuffix(w, "ies"):
		w = w[:len(w)-3] + "y"
	case len(w) > 5 && strings.HasSuffix(w, "ing"):
		w = w[:len(w)-3]
	case len(w) > 4 && strings.HasSuffix(w, "ed") && !strings.HasSuffix(w, "eed"):
		w = w[:len(w)-2]
	case len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us"):
		w = w[:len(w)-1]
	}
	return w
}

// Chinese function words: they carry the shape of a question (怎么, 哪里,
// 可以吗), not its subject, so they weigh little in both queries and entries.
const zhFunctionChars = "的了吗呢吧啊呀是在我你您他她它们有没不能会要去哪里什么怎么么这那个就都也还和跟与给让把被对到说想该"

const functionWeight = 0.25

var zhFunctionBigrams = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields("怎么 什么 哪里 去哪 可以 能不 不能 是不 不是 么办 怎样 么样 多少 有没 没有 我的 自己 一下 这个 那个 " +
		"我们 你们 他们 为什么 现在 今天 明天 还是 或者 如果 的话 是什么 个人 能否 要不 应该 需要 一个 哪个 哪些 知道 请问 有什 么用") {
		r := []rune(w)
		for i := 0; i+1 < len(r); i++ {
			m[string(r[i:i+2])] = true
		}
	}
	return m
}()

// faqTerms returns the weighted index terms of text: its words and the
// concepts it names.
func faqTerms(text string) []faqTerm {
	terms, s := faqWordTerms(text)
	return appendConcepts(terms, s)
}

// faqTermsOnly returns the word terms of text, without concepts.
func faqTermsOnly(text string) []faqTerm {
	terms, _ := faqWordTerms(text)
	return terms
}

// faqWordTerms returns the word terms of text and the normalised text they
// were read from.
func faqWordTerms(text string) ([]faqTerm, string) {
	nt := norm.NormalizeText(strings.ToValidUTF8(text, "\uFFFD"), maxQuestionRunes*8)
	s := applyFAQSynonyms(string(nt.Runes))
	var out []faqTerm
	for run, cjk := range retrieval.Runs([]rune(s), true) {
		if cjk {
			for k, c := range run {
				w := float32(unigramWeight)
				if strings.ContainsRune(zhFunctionChars, c) {
					w = functionWeight * unigramWeight
				}
				out = append(out, faqTerm{string(c), w})
				if k+1 < len(run) {
					bg := string(run[k : k+2])
					w := float32(1)
					if zhFunctionBigrams[bg] {
						w = functionWeight
					}
					out = append(out, faqTerm{bg, w})
				}
			}
			continue
		}
		w := strings.ReplaceAll(string(run), "'", "")
		if utf8.RuneCountInString(w) > 24 || faqEnStop[w] {
			continue
		}
		if norm.IsDigit(run[0]) && len(w) < 2 {
			continue
		}
		if s, ok := faqEnSyn[w]; ok {
			w = s
		} else {
			w = stemEN(w)
			if s, ok := faqEnSyn[w]; ok {
				w = s
			}
		}
		out = append(out, faqTerm{"#" + w, 1})
	}
	return out, s
}
