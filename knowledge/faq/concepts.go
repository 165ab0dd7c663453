package faq

import (
	"regexp"
	"strings"
)

// Concepts are the things workers name in many ways: "拖了两个月", "没发钱",
// "hasn't paid me" and "欠薪" are one thing — wages not paid. Shared
// characters do not find that; a concept does. Each concept is one pattern
// over the normalised text (lower case, half width, simplified, colloquial
// spellings rewritten) — a list of words, and for the words that come in
// shapes (a verb and its object in either order) a pattern, tried only
// when one of its gate words is in the text; a text that matches gets the concept as one more
// index term ("@arrears"), in the entries, their example questions and the
// worker's question alike, so BM25 weighs it by how few entries share it.
//
// A concept is a kind of thing a worker talks about, never one sentence:
// it lists the words and shapes (verb and object in either order, English
// and Chinese) any worker may use for it.
var faqConcepts = []concept{
	{name: "arrears", words: w("拖欠|欠薪|讨薪|拖了|拖着|压工资|压着工资|拿不到工资|拿不到钱|没发工资|没发钱|不发工资|不给工资|不给钱|没给钱|没结|不结账|冇发|没到账|unpaid| owe|back pay"),
		gate: w("欠|没|不|冇|未|莫|paid|pay"),
		re:   regexp.MustCompile(`欠.{0,3}(工资|钱|工钱)|(工资|钱|工钱).{0,4}(没|不|冇|未)(有)?(发|给|结|付|到账)|(hasn'?t|has not|haven'?t|didn'?t|did not|not|never|won'?t|doesn'?t|does not|stopped) (been )?(pa(y|id)|paying)`)},
	{name: "overtime", words: w("加班|overtime|extra hours")},
	{name: "dismiss", words: w("辞退|开除|炒了|炒鱿鱼|裁员|被裁|裁了|别来了|不用来了|不要来了|不要我了|让我走|赶我走|把我开了|解除合同|解除劳动合同| fired|dismiss|laid off|lay off|laying off|let me go|let us go|let her go|let him go| sack")},
	{name: "quit", words: w("辞职|辞工|不干了|不想干了|离职|走人|跳槽| quit|resign|leave the job|leave my job|leave this job")},
	{name: "pregnant", words: w("怀孕|怀了|孕期|孕妇|有了身孕|大肚子|产检|pregnan")},
	{name: "maternity", words: w("产假|生孩子|生育|坐月子|哺乳|喂奶|maternity|give birth|baby|breastfeed|nursing")},
	{name: "injury", words: w("受伤|摔|撞|压了|压伤|压断|压到|刮倒|骨折|断了|伤了|砸|烫伤|割伤|工伤|车祸|出事|hurt|injur|accident|broke|crash")},
	{name: "gig", words: w("外卖|骑手|美团|饿了么|跑单|送餐|货拉拉|滴滴|网约车|闪送|快递员|配送|平台|rider|deliver|didi|platform| gig|courier|ride-hailing")},
	{name: "idcard", words: w("身份证|证件| id | id card|idcard| ids |passport")},
	{name: "retain", gate: w("身份证|证件|卡|id|card|passport"),
		re: regexp.MustCompile(`(收|扣|押|拿走|留|保管|不还).{0,5}(身份证|证件|卡)|(身份证|证件|卡).{0,5}(收|扣|押|拿走|留着|不还)|(keep|keeping|kept|took|take|hold|holding)( my| our)? (id|card|bank card|passport)`)},
	{name: "fee", words: w("押金|服装费|工衣费|体检费|介绍费|报名费|培训费|保证金|中介费|deposit| fee | fees")},
	{name: "cost", words: w("免费|要钱吗|要钱不|收费|花钱|费用|要不要钱| free | cost|charge|pay anything")},
	{name: "lawyer", words: w("律师|官司|法援|法律援助|法律帮助|lawyer|legal aid|legal help")},
	{name: "arbitrate", words: w("仲裁|arbitrat")},
	{name: "complain", words: w("投诉|举报|告他|告老板|告公司|告厂|监察|complain|report him|report them|report the|report my|report it")},
	{name: "evidence", words: w("证据|凭证|截图|聊天记录|转账记录|打卡记录|考勤|proof|evidence|record")},
	{name: "longday", words: w("早八晚八|工作时间|工时|hours a day|hour shift|hours every day|hours each day|hours per day|working hours"),
		gate: w("小时|钟|点|一天"),
		re:   regexp.MustCompile(`(\d{2}|十[一二三四五六]?|九)\s*(个)?(小时|钟)|早.{0,3}点.{0,6}晚.{0,3}点|一天.{0,3}(上|干|做)多久`)},
	{name: "rest", words: w("休息|放假|休假|单休|双休|轮休|不让休|day off|days off|rest day|weekend")},
	{name: "holiday", words: w("国庆|春节|过年|五一|元旦|端午|中秋|清明|节假日|法定假|过节|holiday|new year|national day")},
	{name: "pension", words: w("养老|退休|pension|retire")},
	{name: "medical", words: w("医保|看病|住院|报销|就医|医疗|medical|hospital|doctor")},
	{name: "move", words: w("转移|转回|转到|转走|转过去|转出|转入|换城市|换了城市|回老家|带走|跟着走|异地|外地|另一个城市|别的城市|transfer| move|another city|another province|other city|other province|hometown")},
	{name: "unemploy", words: w("失业|unemploy|jobless")},
	{name: "training", words: w("培训|技能|考证|训练|学技术|学手艺|学电工|学焊工|学叉车|学厨师|学挖掘机|学个|学门|training|course|learn a skill|certificate")},
	{name: "probation", words: w("试用|probation|trial period")},
	{name: "contract", words: w("合同|协议|contract|agreement")},
	{name: "minwage", words: w("最低工资|最低标准|minimum wage")},
	{name: "bankcard", words: w("银行卡|储蓄卡|bank card|bank account|debit card"),
		gate: w("卡|账户|账号"),
		re:   regexp.MustCompile(`(借|租|卖|出借|收|买)(我的?|你的?)?(的)?(卡|账户|账号)`)},
	{name: "construction", words: w("工地|包工头|工头|总包|分包|二包|建筑|施工|项目部|construction|building site| site |foreman|subcontract")},
	{name: "scam", words: w("骗子|被骗|诈骗|骗了|拉黑|刷单|fraud|scam|fake")},
	{name: "heat", words: w("高温|中暑|太热|热死|天热|heat|hot weather|degrees"),
		gate: w("度"),
		re:   regexp.MustCompile(`[34]\d度`)},
	{name: "fine", words: w("罚款|罚钱|扣钱|扣工资|迟到| fine | fined| fines|deduct| dock"),
		gate: w("罚"),
		re:   regexp.MustCompile(`罚(我|了)?\d`)},
	{name: "severance", words: w("补偿|赔偿|n+1|几个月工资|severance|compensat")},
}

// concept is one thing workers name in many ways: it matches a text that
// contains one of words, or whose pattern re matches where one of gate is
// in the text. Words are lower case; a word written with a space at an end
// (" fee ") matches only at that edge of a word.
type concept struct {
	name  string
	words []string
	gate  []string
	re    *regexp.Regexp
}

// w splits a "|"-separated list of words.
func w(list string) []string { return strings.Split(list, "|") }

// conceptWeight is a concept's weight as an index term, against 1 for a
// Chinese bigram (chosen with faqeval on the tuning set).
const conceptWeight = 1.0

// appendConcepts appends to out a term for each concept s names.
func appendConcepts(out []faqTerm, s string) []faqTerm {
	if conceptWeight == 0 {
		return out
	}
	padded := " " + s + " "
	for i := range faqConcepts {
		if faqConcepts[i].matches(padded) {
			out = append(out, faqTerm{"@" + faqConcepts[i].name, conceptWeight})
		}
	}
	return out
}

// matches reports whether padded (the text with a space at each end) names c.
func (c *concept) matches(padded string) bool {
	for _, w := range c.words {
		if strings.Contains(padded, w) {
			return true
		}
	}
	if c.re == nil {
		return false
	}
	for _, g := range c.gate {
		if strings.Contains(padded, g) {
			return c.re.MatchString(padded)
		}
	}
	return false
}

// domainWords are words of the FAQ's world that are not concepts of their
// own: a question without any of them or any concept is likely off topic.
var domainWords = w("社保|保险|工资|工钱|薪|老板|厂|公司|单位|上班|工作|打工|干活|劳动|合同|加班|辞|工伤|医保|养老|失业|培训|补贴|押金|中介|招聘|招工|骗|仲裁|律师|投诉|热线|社保卡|户口|户籍|农民工|零工|兼职|派遣|工头|主管|人社|维权|" +
	"12333|12348|12338|12351|12393|12381|12377|96110|110| employer| boss|wage|salary| job|work|insurance|pension|contract|hukou|labor|labour|hotline|union")

// namesDomain reports whether text names a concept or a domain word.
func namesDomain(text string) bool {
	_, s := faqWordTerms(text)
	padded := " " + s + " "
	for _, d := range domainWords {
		if strings.Contains(padded, d) {
			return true
		}
	}
	for i := range faqConcepts {
		if faqConcepts[i].matches(padded) {
			return true
		}
	}
	return false
}
