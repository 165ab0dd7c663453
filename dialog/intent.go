package dialog

// The free-text router's reading of one text: evidence for each intent,
// weighed, never "first match wins".
//
// Each row of the scoring table below adds points to one intent when its
// evidence is in the text. The intent with the most points wins when it has
// at least minIntentPoints; when the runner-up is within askMargin of it
// (and has at least minIntentPoints too), the worker is asked once, with
// buttons ("您是想：🔍 找活 / ⚠️ 查这条招聘"). Two overrides sit on top of the
// sum, each for a harm the sum could miss:
//
//   - mustCheck: a text with scam evidence a worker's own search never
//     carries (forwarded chatter, a lure with a way to pay or reach the
//     recruiter, a multi-line ad) always reaches the checker;
//   - a worker's own short job search (a search phrase, no lure and no
//     contact) is never sent to the checker alone: at worst it is asked.
//
// dialog/testdata/routing.jsonl is the labelled set; `go run
// ./dialog/cmd/routeeval` prints its accuracy and confusion table, and
// TestRoutingAccuracy keeps a floor on it.

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"

	"github.com/gongyou/gongyou/knowledge/listings"
	"github.com/gongyou/gongyou/knowledge/places"
	"github.com/gongyou/gongyou/knowledge/scam"
)

// intent is what typed text is for.
type intent uint8

const (
	intentNone     intent = iota // nothing readable: "I did not understand", the screen kept
	intentJobs                   // a job search
	intentCourse                 // a course search
	intentQuestion               // a question (the FAQ)
	intentCheck                  // an offer or chat to check
	intentMenu                   // menu words and greetings
	numIntents
)

var intentNames = [numIntents]string{"none", "jobs", "course", "question", "check", "menu"}

func (i intent) String() string { return intentNames[i] }

// intentByName is the inverse of String ("" and unknown names are none).
func intentByName(s string) intent {
	for i, n := range intentNames {
		if n == s {
			return intent(i)
		}
	}
	return intentNone
}

const (
	minIntentPoints = 3 // below this the text is not understood
	askMargin       = 1 // a runner-up this close is asked about
)

// reading is the normalised text and the facts the scoring rows look at.
type reading struct {
	text  string // as typed (cleaned by the engine)
	low   string // lower case, full-width letters and digits narrowed
	runes int
	lines int // non-empty lines

	city      places.City
	hasCity   bool
	typo      string // a misspelt city ("广洲"): city holds the suggestion
	trade     listings.Trade
	hasTrade  bool
	offer     bool // scam.LooksLikeOffer
	offerRead bool
}

func newReading(text string) *reading {
	r := &reading{text: text, low: strings.ToLower(width.Narrow.String(text)), runes: utf8.RuneCountInString(text)}
	for _, l := range strings.Split(text, "\n") {
		if strings.TrimSpace(l) != "" {
			r.lines++
		}
	}
	if r.runes <= maxSearchRunes*2 {
		r.city, r.hasCity = places.FindCityIn(r.text)
		if !r.hasCity {
			if c, typo, ok := places.Suggest(r.low); ok {
				r.city, r.typo, r.hasCity = c, typo, true
			}
		}
		r.trade, r.hasTrade = listings.FindTradeIn(r.low)
		if !r.hasTrade {
			r.trade, r.hasTrade = pinyinTrade(r.low)
		}
	}
	return r
}

func (r *reading) looksLikeOffer() bool {
	if !r.offerRead {
		r.offerRead, r.offer = true, scam.LooksLikeOffer(r.text)
	}
	return r.offer
}

// words: the text has at least two letters or Chinese characters.
func (r *reading) words() bool {
	n := 0
	for _, c := range r.text {
		if unicode.IsLetter(c) {
			n++
		}
	}
	return n >= 2
}

// has matches a pattern against the lower-cased text.
func (r *reading) has(re *regexp.Regexp) bool { return re.MatchString(r.low) }

// evidence is one row of the scoring table.
type evidence struct {
	intent intent
	points int
	name   string
	match  func(r *reading) bool
}

func re(s string) *regexp.Regexp { return regexp.MustCompile(s) }

var (
	reSearch = re(`找工作|(活|厂|工作|事做?)有(吗|没有|不)|有(厂|活|事做)(吗|没|不)|有没有招|打螺丝|拧螺丝|想进厂|找个?活|找点活|找份|找事做|找个?工作|求职|有没有.{0,12}(活|工作|岗位|事做)|(有没有|哪里|哪儿|哪有).{0,8}(招人|招工|要人|零工|小时工|兼职|厂)|找.{0,6}(厂|兼职|帮工|零工|临时工)|有.{0,4}活(吗|不|没)|什么活|啥活|活干|干活|招人吗|要人吗|缺人吗|招不招|招.{0,6}吗|想打工|想上班|找.{0,6}(的活|的工作|的班)|(活|工作)介绍|` +
		`\b(jobs?|work|vacanc(y|ies))\s+(in|near|at|for)\b|^\s*(jobs?|work)\b|\blooking for (a )?(job|work)\b|\bfind (a )?(job|work)\b|\bneed (a )?(job|work)\b|\bany (\w+ )?(jobs?|work)\b|gongzuo|zhao ?huo|zhaogongzuo|dagong`)
	reWorkWord = re(`工作|上班|打工|活儿?|岗位|招工|零工|临时工|\bwork\b|\bjobs?\b|\bshift`)
	reTerms    = re(`日结|日薪|月结|周结|时薪|小时工|包吃住|包吃|包住|长期|短期|临时|兼职|夜班|白班|两班倒|计件|双休|五险|rijie|baochizhu|daily pay|paid daily|part[- ]time|night shift|day shift|per hour|hourly|with (food|dorm|housing)`)
	reLearn    = re(`考.{0,4}证|课|^学|学(电|焊|叉车|厨|开|护理|美|挖|门)|想学|学个|学门|学点|学一?门|学一下|学技术|学手艺|学开|学做|培训|考证|考个?证|拿证|证书|技能|课程|报班|上课|学费|补贴课|免费学|peixun|\blearn|\bcourses?\b|\btraining\b|\bclass(es)?\b|\bcertificate|\bskills?\b|\bstudy\b`)
	reSkill    = re(`电工|焊工|电焊|叉车|厨师|面点|育婴|月嫂|家政|养老护理|护理员|美发|美容|挖掘机|电脑|数控|汽修|保育|茶艺|电商|直播|welder|welding|electrician|forklift|excavator|chef|nanny|hairdress`)
	reRights   = re(`社保|工伤|受伤|摔|欠薪|拖欠|欠.{0,4}工资|工资.{0,6}(没|不)发|不给钱|不发钱|克扣|扣钱|扣工资|罚款|合同|加班|加班费|辞职|辞退|开除|炒了|离职|试用期|怀孕|产假|生育|赔偿|补偿|仲裁|维权|投诉|医保|养老保险|公积金|失业金?|最低工资|合法|违法|劳动法|劳动局|工时|休息|押金.{0,6}(吗|么|合法|退)|(要回|退).{0,4}押金|身份证|派遣|找谁|职伤|包工头|休.{0,2}天|年假|请假|工资.{0,4}(少|低|扣|没|不|拖|欠|算|条)|离职证明|社保卡|异地就医|12333|律师|法律援助|` +
		`\bmy (boss|employer|company|factory|manager)\b|passport|id card|unemployment|benefit|social security|have to pay|deposit\b.*\?|insurance|injur|hurt|unpaid|not paid|owe|wage|salary.{0,10}(late|not)|contract|overtime|fired|dismiss|sacked|quit|resign|notice period|probation|pregnan|maternity|arbitration|legal|illegal|\blaw|rights|compensation|severance|pension|deduct|fine[sd]?\b|minimum wage|labor bureau|labour`)
	reForwarded = re(`\[转发\]|【转发】|转发|转自|姐妹们|宝妈们?|兄弟们|家人们|朋友们|老铁们|forwarded|\bfwd\b|sisters|ladies`)
	reLure      = re(`来钱快|不问|一单\d+|抢单|佣金|秒到|刷单|返利|返现|日赚|日入|躺赚|轻松月入|月入过?[万\d]|点赞|关注.{0,4}(视频|博主)|做任务|接单|垫付|保证金|会员费|入会费|押金|先交|交钱|交.{0,4}费|手续费|体检费|工衣费|服装费|培训费|中介费|高薪|轻松|在家|动动手指|手机就能|无需经验|零基础|不限学历|境外|出国|海外|缅甸|柬埔寨|包机票|usdt|刷流水|出租.{0,4}(银行卡|卡)|租卡|借卡|贷款|` +
		`commission|\bfee\b|deposit|membership|like and follow|per task|from home|no experience|easy money|overseas|cambodia|myanmar|flight paid|urgent|earn \d`)
	reRecruiting = re(`直招|不收费|不收任何费用|管饭|地址|急招|招聘启事|诚聘|高薪招|招\d+名|招.{0,6}(名|人)[,，。]|名额有限|速来|欢迎.{0,6}(加入|咨询)|待遇|薪资|底薪|提成|hiring now|we are hiring|recruit|apply now|salary`)
	reMenu       = re(`^(你好|您好|在吗|在不在|哈喽|嗨|hi|hello|hey|菜单|主菜单|主页|首页|返回|回去|back|home|menu|开始|start|谢谢|多谢|thanks|thank you|ok|好的|好)[!！。.~～ ]*$`)
)

// scoringTable: what counts as evidence, and how much. Read a row as "a
// text with <name> is <points> more likely to be <intent>".
var scoringTable = []evidence{
	// Job search: a search phrase is the strongest sign; a city, a trade
	// and the terms workers ask for add to it.
	{intentJobs, 4, "search phrase (找活, 有没有…的活, jobs in)", func(r *reading) bool { return r.has(reSearch) }},
	{intentJobs, 2, "a city (or a misspelt one)", func(r *reading) bool { return r.hasCity }},
	{intentJobs, 2, "a trade (保安, 电子厂, dianzichang)", func(r *reading) bool { return r.hasTrade }},
	{intentJobs, 1, "a city alone (广州, 广洲)", func(r *reading) bool { return r.hasCity && r.runes <= 6 }},
	{intentJobs, 1, "pay or terms (日结, 包吃住)", func(r *reading) bool { return r.has(reTerms) }},
	{intentJobs, 1, "a work word (工作, 上班)", func(r *reading) bool { return r.has(reWorkWord) }},
	{intentJobs, -3, "long text (a search is short)", func(r *reading) bool { return r.runes > maxSearchRunes }},
	{intentJobs, -3, "a pasted text (80+ characters or 3+ lines)", func(r *reading) bool { return r.runes > 80 || r.lines > 2 }},
	{intentJobs, -2, "a rights topic (工伤, 欠薪: a question, not a search)", func(r *reading) bool { return r.has(reRights) }},

	// Course search.
	{intentCourse, 4, "learning words (想学, 培训, course)", func(r *reading) bool { return r.has(reLearn) }},
	{intentCourse, 2, "a skill taught (电工, 叉车)", func(r *reading) bool { return r.has(reSkill) }},

	// A question for the FAQ.
	{intentQuestion, 3, "question form (吗, 怎么, ?)", func(r *reading) bool { return r.words() && looksLikeQuestion(r.text) }},
	{intentQuestion, 3, "a rights topic (社保, 工伤, 欠薪)", func(r *reading) bool { return r.has(reRights) }},
	{intentQuestion, 3, "a short plain question with no contact", func(r *reading) bool { return r.words() && plainQuestion(r.text) }},

	// An offer or a chat to check.
	{intentCheck, 4, "reads like an offer (scam.LooksLikeOffer)", func(r *reading) bool { return r.looksLikeOffer() }},
	{intentCheck, 3, "forwarded chatter ([转发], 姐妹们)", func(r *reading) bool { return r.has(reForwarded) }},
	{intentCheck, 3, "a lure (押金, 佣金秒到, 刷单)", func(r *reading) bool { return r.has(reLure) }},
	{intentCheck, 2, "a contact (微信, a number, a link)", func(r *reading) bool { return offerContact.MatchString(r.low) }},
	{intentCheck, 2, "recruiter's voice (急招, 待遇)", func(r *reading) bool { return r.has(reRecruiting) }},
	{intentCheck, 2, "a pasted ad (3+ lines or 80+ characters)", func(r *reading) bool { return r.lines >= 3 || r.runes > 80 }},

	// Menu words and greetings.
	{intentMenu, 8, "a menu word or greeting alone", func(r *reading) bool { return r.has(reMenu) }},
}

// routing is the router's decision on one text.
type routing struct {
	best, alt intent // alt != intentNone: ask the worker between best and alt
	scores    [numIntents]int
	why       []string // the evidence rows that fired
	r         *reading
}

// classify weighs the evidence in text.
func classify(text string) routing {
	r := newReading(text)
	var out routing
	out.r = r
	if strings.TrimSpace(text) == "" {
		return out
	}
	for _, e := range scoringTable {
		if e.match(r) {
			out.scores[e.intent] += e.points
			out.why = append(out.why, e.intent.String()+": "+e.name)
		}
	}
	best, second := intentNone, intentNone
	for i := intentJobs; i < numIntents; i++ {
		switch {
		case out.scores[i] > out.scores[best] || best == intentNone:
			best, second = i, best
		case second == intentNone || out.scores[i] > out.scores[second]:
			second = i
		}
	}
	if mustCheck(r) {
		out.best = intentCheck
		return out
	}
	if out.scores[best] < minIntentPoints {
		return out
	}
	out.best = best
	// A worker's own job search never gets a verdict.
	if (best == intentCheck || second == intentCheck) && ownSearch(r) {
		out.best = intentJobs
		return out
	}
	if second != intentNone && out.scores[second] >= minIntentPoints && out.scores[best]-out.scores[second] <= askMargin && best != intentMenu && second != intentMenu {
		out.alt = second
	}
	return out
}

// mustCheck: scam evidence no worker's own search carries. Such text
// always reaches the checker.
func mustCheck(r *reading) bool {
	lure := r.has(reLure)
	contact := offerContact.MatchString(r.low)
	switch {
	case r.has(reForwarded) && (lure || contact || r.lines >= 2 || r.looksLikeOffer()):
		return true
	case lure && contact, contact && r.runes > 20 && (r.has(reRecruiting) || r.looksLikeOffer()):
		return true
	case r.lines >= 3 && (lure || contact || r.looksLikeOffer() || r.has(reRecruiting)):
		return true
	case r.runes > 80 && r.looksLikeOffer() && !plainQuestion(r.text):
		return true
	}
	return false
}

// ownSearch: a short text that says "I am looking for work" (or names a
// city with a trade or pay terms: "深圳 保安 日结") and holds nothing a
// recruiter's message would: no lure, no contact, no recruiter's voice.
func ownSearch(r *reading) bool {
	said := r.has(reSearch) || r.hasCity && (r.hasTrade || r.has(reTerms))
	return said && r.runes <= maxSearchRunes && r.lines <= 1 && !r.has(reLure) && !offerContact.MatchString(r.low) && !r.has(reRecruiting)
}

// pinyinTrade reads the trades workers type in pinyin.
func pinyinTrade(low string) (listings.Trade, bool) {
	for _, p := range []struct{ word, code string }{
		{"dianzichang", "factory"}, {"pugong", "factory"}, {"jinchang", "factory"}, {"gongchang", "factory"},
		{"gongdi", "construction"}, {"zhuangxiu", "construction"}, {"waimai", "delivery"}, {"kuaidi", "delivery"},
		{"qishou", "delivery"}, {"baojie", "cleaning"}, {"jiazheng", "cleaning"}, {"baoan", "security"},
		{"canyin", "catering"}, {"fuwuyuan", "catering"}, {"cangku", "logistics"}, {"wuliu", "logistics"},
		{"siji", "driver"}, {"hugong", "care"},
	} {
		if strings.Contains(low, p.word) {
			return listings.TradeByCode(p.code)
		}
	}
	return listings.Trade{}, false
}

// Classification is the router's reading of a text, for tools
// (dialog/cmd/routeeval): the intent, the one asked about when two are
// close ("" when none), the points of each intent and the evidence found.
type Classification struct {
	Intent, Alt string
	Scores      map[string]int
	Why         []string
}

// Classify runs the free-text router's scoring on text, as the engine
// would on a worker's typed message outside any flow.
func Classify(text string) Classification {
	rt := classify(cleanText(text))
	c := Classification{Intent: rt.best.String(), Scores: map[string]int{}, Why: rt.why}
	if rt.alt != intentNone {
		c.Alt = rt.alt.String()
	}
	for i := intentJobs; i < numIntents; i++ {
		c.Scores[i.String()] = rt.scores[i]
	}
	return c
}
