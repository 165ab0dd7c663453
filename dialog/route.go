package dialog

// Routing: how one event finds its handler.
//
//	button            → the flow that owns the data's prefix (flow.go)
//	""                → "I can only read text"
//	/command, keyword → the flow that owns the command (flow.go)
//	other text        → analysed once (analysis), then
//	                      1. the flow the user is in, if it waits for text (flow.onText);
//	                      2. the free-text table below, top to bottom.
//
// Every reading of the text (does it look like a job offer, a job search, a
// question?) is made at most once per turn, on first use, and shared by the
// flows and the table: a turn used to run the offer detector up to three
// times on the same text. The predicates are the ones the flows used before
// they moved here; making them smarter is the typed-text issue's work.

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/gongyou/gongyou/knowledge/listings"
	"github.com/gongyou/gongyou/knowledge/places"
	"github.com/gongyou/gongyou/knowledge/scam"
)

func (t *turn) route() ([]Reply, error) {
	if t.ev.Callback != "" {
		return t.onButton(t.ev.Callback)
	}
	text := t.ev.Text
	if text == "" {
		return []Reply{t.withMenu(t.T("unknown.empty"))}, nil
	}
	if cmd, args, ok := parseCommand(text); ok {
		return t.onCommand(cmd, args)
	}
	if cmd, ok := keywordCommands[strings.ToLower(text)]; ok {
		return t.onCommand(cmd, "")
	}
	a := &analysis{text: text}
	// A flow waiting for typed input (a city, a name, a case story) gets it.
	if r, ok, err := t.flowText(a); ok || err != nil {
		return r, err
	}
	for _, row := range freeText {
		if !row.where(t) || !row.intent(a) {
			continue
		}
		if r, ok, err := row.handle(t, a); ok || err != nil {
			return r, err
		}
	}
	return []Reply{t.withMenu(t.T("unknown.text"))}, nil
}

// textRoute is one row of the free-text table: where the user is (their
// flow and step), what the text reads as, and who answers. A handler may
// still decline (ok false: its service is not configured), and the next
// row is tried.
type textRoute struct {
	where  func(t *turn) bool
	intent func(a *analysis) bool
	handle func(t *turn, a *analysis) ([]Reply, bool, error)
}

// freeText routes typed text that no flow took, first match wins:
//
//	where                   intent               handler
//	awaiting an offer       strong job search    job search   ("找工作 东莞" inside /check)
//	elsewhere               job search           job search   ("找工作 东莞 电子厂")
//	outside /check          plain question       FAQ          ("进厂要交押金吗？")
//	awaiting an offer       anything             scam check   (/check, then the pasted text)
//	anywhere                offer                scam check   (a pasted job offer)
//	anywhere                question             FAQ          ("老板拖欠工资怎么办")
//	(no row)                                     "I did not understand" and the menu
var freeText = []textRoute{
	{awaitingOffer, strongJobSearch, (*turn).startJobSearch},
	{notAwaitingOffer, jobSearchIntent, (*turn).startJobSearch},
	{outsideCheck, (*analysis).plainQuestion, (*turn).answerQuestion},
	{awaitingOffer, anyText, (*turn).checkOffer},
	{anywhere, (*analysis).offer, (*turn).checkOffer},
	{anywhere, (*analysis).question, (*turn).answerQuestion},
}

// Where the user is.

func anywhere(*turn) bool { return true }

// awaitingOffer: the user pressed /check and the bot asked for the text.
func awaitingOffer(t *turn) bool { return t.sess.Flow == flowCheck && t.sess.Step == stepAwaitText }

func notAwaitingOffer(t *turn) bool { return !awaitingOffer(t) }

func outsideCheck(t *turn) bool { return t.sess.Flow != flowCheck }

// What the text reads as.

func anyText(*analysis) bool { return true }

func jobSearchIntent(a *analysis) bool { return a.search().kind != noSearch }

// strongJobSearch: a plain "I am looking for work" wins even over /check.
func strongJobSearch(a *analysis) bool { return a.strong() && jobSearchIntent(a) }

// Handlers of the table (each declines when its service is off).

func (t *turn) startJobSearch(a *analysis) ([]Reply, bool, error) { return t.runJobSearch(a.search()) }

func (t *turn) checkOffer(a *analysis) ([]Reply, bool, error) {
	if t.e.know == nil {
		return nil, false, nil
	}
	r, err := t.checkText(a.text)
	return r, true, err
}

// answerQuestion answers free text that reads like a question.
func (t *turn) answerQuestion(a *analysis) ([]Reply, bool, error) {
	if t.e.faq.a == nil || !a.question() {
		return nil, false, nil
	}
	t.reset()
	t.setFlow(flowFAQ, stepFAQAsk)
	r, err := t.faqAnswer(a.text)
	return r, true, err
}

// analysis is what the router knows about one typed text. Each reading is
// computed on first use and kept for the rest of the turn.
type analysis struct {
	text string

	done                                    uint8 // bit set of the readings below already made
	isOffer, isStrong, isPlainQ, isQuestion bool
	jobs                                    jobSearch
}

const (
	readOffer uint8 = 1 << iota
	readStrong
	readPlainQ
	readQuestion
	readSearch
)

// once runs read the first time bit is asked for.
func (a *analysis) once(bit uint8, read func()) {
	if a.done&bit == 0 {
		a.done |= bit
		read()
	}
}

// offer: the text reads like a job offer, a recruiter's message or a lure.
func (a *analysis) offer() bool {
	a.once(readOffer, func() { a.isOffer = scam.LooksLikeOffer(a.text) })
	return a.isOffer
}

// strong: the text plainly says "I am looking for work".
func (a *analysis) strong() bool {
	a.once(readStrong, func() { a.isStrong = containsWord(strings.ToLower(a.text), strongSearchWords) })
	return a.isStrong
}

// plainQuestion: see plainQuestion below.
func (a *analysis) plainQuestion() bool {
	a.once(readPlainQ, func() { a.isPlainQ = plainQuestion(a.text) })
	return a.isPlainQ
}

// question: see looksLikeQuestion below.
func (a *analysis) question() bool {
	a.once(readQuestion, func() { a.isQuestion = looksLikeQuestion(a.text) })
	return a.isQuestion
}

// search: the text read as a job search (not explicit: see readJobSearch).
func (a *analysis) search() jobSearch {
	a.once(readSearch, func() { a.jobs = readJobSearch(a, false) })
	return a.jobs
}

// --- job search in free text (moved from jobs.go) ---

// jobSearch is free text read as a job search.
type jobSearch struct {
	kind  searchKind
	city  places.City
	trade listings.Trade
}

type searchKind uint8

const (
	noSearch      searchKind = iota
	searchAskCity            // "jobs", "我要找工作": ask for the city
	searchTrade              // a trade without a city: ask for the city, keep the trade
	searchCity               // a city (and maybe a trade): search now
)

// maxSearchRunes bounds free text read as a search ("找工作 东莞 电子厂"):
// longer text is a pasted offer or a question.
const maxSearchRunes = 40

// readJobSearch reads short free text as a job search: a search word with
// a city or a trade ("找工作 东莞", "jobs in Shenzhen", "电子厂 招工"), or a
// city and a trade together ("东莞 电子厂"). With explicit (the /jobs
// command) a city or a trade alone is enough. A pasted offer ("东莞电子厂
// 招工，先交300押金") is left to the scam check.
func readJobSearch(a *analysis, explicit bool) jobSearch {
	text := a.text
	if utf8.RuneCountInString(text) > maxSearchRunes {
		return jobSearch{}
	}
	low := strings.ToLower(text)
	strong := containsWord(low, strongSearchWords)
	question := containsWord(low, questionWords)
	if !explicit && !strong && (a.offer() || containsWord(low, otherTopics)) {
		return jobSearch{}
	}
	want := explicit || strong || (!question && containsWord(low, weakSearchWords))
	c, hasCity := places.FindCityIn(text)
	tr, hasTrade := listings.FindTradeIn(text)
	if !(want && (hasCity || hasTrade)) && !(hasCity && hasTrade && !question) {
		if strong && !explicit && utf8.RuneCountInString(text) <= 12 {
			return jobSearch{kind: searchAskCity} // "jobs", "我要找工作"
		}
		return jobSearch{}
	}
	if !hasCity {
		return jobSearch{kind: searchTrade, trade: tr}
	}
	return jobSearch{kind: searchCity, city: c, trade: tr}
}

// Words that say "I am looking for work". Strong ones say it whatever else
// the text holds; weak ones also appear in offers and questions ("在东莞工作
// 受伤了怎么办"), so they count only in text that is not a question.
var (
	strongSearchWords = []string{"找工作", "找活", "找事做", "找份工", "求职", "job", "jobs", "find work", "looking for work"}
	weakSearchWords   = []string{"工作", "打工", "上班", "岗位", "招工", "招聘", "零工", "work", "hiring", "vacancy", "vacancies"}
	questionWords     = []string{"?", "？", "吗", "怎么", "如何", "为什么", "能不能", "可不可以", "多少", "哪里",
		"how", "what", "why", "can i", "should"}
	// otherTopics belong to the FAQ or training, even next to a city.
	otherTopics = []string{"社保", "工伤", "受伤", "欠薪", "拖欠", "没发", "维权", "仲裁", "赔偿", "保险", "培训", "补贴",
		"insurance", "injury", "injured", "unpaid", "owed", "arbitration", "compensation", "training", "subsidy"}
)

func containsWord(low string, words []string) bool {
	for _, w := range words {
		if w[0] < utf8.RuneSelf {
			if strings.Contains(" "+strings.Map(asciiWordChar, low)+" ", " "+w+" ") {
				return true
			}
		} else if strings.Contains(low, w) {
			return true
		}
	}
	return false
}

// asciiWordChar keeps a-z and turns everything else into a space.
func asciiWordChar(r rune) rune {
	if r >= 'a' && r <= 'z' {
		return r
	}
	return ' '
}

// --- questions (moved from faq.go) ---

// faqQMax: free text longer than this is not read as a question outside
// the FAQ flow (runes).
const faqQMax = 200

// Question markers: a worker's question usually has one of these.
var (
	zhQuestion = regexp.MustCompile(`[?？]|吗|怎么|怎样|如何|能不能|可不可以|可以.{0,12}[吗不]|咋|啥|什么|哪里|哪儿|哪个|多少|多久|多长|几[年个天次岁块元]|为什么|是不是|有没有|算不算|要不要|行不行|合法不|合不合法|该不该|会不会|找谁|去哪`)
	enQuestion = regexp.MustCompile(`(?i)^\s*(what|how|can|could|is|are|am|do|does|did|where|when|why|should|will|who|which|may|must|have|has)\b|\?`)
)

// A worker asking about fees in general ("进厂要交押金吗？") wants the rule, not
// a verdict on their own question; a pasted offer names a way to reach the
// recruiter. plainQuestion is a short text that ends as a question and has
// no contact (phone, chat id, link): it goes to the FAQ before the scam
// check does.
var (
	plainQuestionEnd = regexp.MustCompile(`(?i)([?？]|吗|嘛|呢|么|合法不|行不行|can i|is it legal)[\s。.!！~～]*$`)
	offerContact     = regexp.MustCompile(`(?i)\d{5,}|https?://|www\.|\.(com|cn|net|top|vip)\b|微信|薇信|威信|v信|vx|wx|q群|qq|扣扣|电报|飞机|telegram|whatsapp|@\w|加我|联系`)
)

const plainQuestionMax = 40 // runes

func plainQuestion(text string) bool {
	text = strings.TrimSpace(text)
	return text != "" && utf8.RuneCountInString(text) <= plainQuestionMax &&
		plainQuestionEnd.MatchString(text) && !offerContact.MatchString(text)
}

// looksLikeQuestion: short text with a question word or a question mark.
func looksLikeQuestion(text string) bool {
	text = strings.TrimSpace(text)
	if text == "" || utf8.RuneCountInString(text) > faqQMax {
		return false
	}
	return zhQuestion.MatchString(text) || enQuestion.MatchString(text)
}

// --- commands ---

// parseCommand splits "/cmd@bot args" into ("cmd", "args").
func parseCommand(text string) (cmd, args string, ok bool) {
	if !strings.HasPrefix(text, "/") {
		return "", "", false
	}
	head, rest, _ := strings.Cut(text[1:], " ")
	head, _, _ = strings.Cut(head, "@")
	head = strings.ToLower(strings.TrimSpace(head))
	if head == "" {
		return "", "", false
	}
	return head, strings.TrimSpace(rest), true
}

// keywordCommands lets workers type a word instead of a command.
var keywordCommands = map[string]string{
	"菜单": "menu", "主菜单": "menu", "menu": "menu",
	"帮助": "help", "help": "help",
	"开始": "start", "start": "start",
	"找工作": "jobs", "培训": "training", "社保": "insurance",
	"订阅": "subscribe", "取消订阅": "unsubscribe",
	"我的信息": "mydata", "删除": "delete",
	"设置": "settings", "我的报名": "mytraining",
}
