package dialog

// Routing: how one event finds its handler.
//
//	picture           → read after the turn, its text checked (image.go)
//	button            → the flow that owns the data's prefix (flow.go)
//	""                → "I can only read text", the screen kept
//	/command, keyword → the flow that owns the command (flow.go)
//	a number or label → a button of the screen on display, and only one of
//	                    those (screen.go); a number that is none: the screen
//	                    again, with what works
//	other text        → read once (analysis), then
//	                      1. the flow the user is in, if it waits for text (flow.onText);
//	                      2. the router (intent.go): the intent with the most
//	                         evidence, or one question between two close ones.
//
// Every reading of the text is made at most once per turn, on first use,
// and shared by the flows and the router.

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/gongyou/gongyou/knowledge/listings"
	"github.com/gongyou/gongyou/knowledge/norm"
	"github.com/gongyou/gongyou/knowledge/places"
	"github.com/gongyou/gongyou/knowledge/scam"
)

func (t *turn) route() ([]Reply, error) {
	switch {
	case t.ev.read != nil: // the text read from a picture (image.go)
		return t.imageVerdict(t.ev.read)
	case t.ev.Image != nil: // a picture: read it for a check (image.go)
		return t.onImage()
	}
	if t.ev.Callback != "" {
		return t.onButton(t.ev.Callback)
	}
	text := t.ev.Text
	if text == "" {
		return []Reply{t.keepPlace(t.T("unknown.empty"))}, nil
	}
	if cmd, args, ok := parseCommand(text); ok {
		return t.onCommand(cmd, args)
	}
	if cmd, ok := keywordCommands[strings.ToLower(text)]; ok {
		return t.onCommand(cmd, "")
	}
	// A typed number or label presses a button of the screen the worker
	// is looking at, and only one of those (screen.go).
	if r, ok, err := t.typedPress(text); ok || err != nil {
		return r, err
	}
	a := &analysis{text: text}
	// A flow waiting for typed input (a city, a name, a case story) gets it.
	if r, ok, err := t.flowText(a); ok || err != nil {
		return r, err
	}
	return t.routeFree(a)
}

// routeFree answers typed text that no flow took, by the router's reading
// of it (intent.go): the intent with the most evidence, or a question
// between two close ones. Inside /check (the bot asked for the text) the
// text is checked unless it is plainly the worker's own job search.
func (t *turn) routeFree(a *analysis) ([]Reply, error) {
	rt := a.route()
	best := rt.best
	switch {
	case awaitingOffer(t) && !(best == intentJobs && ownSearch(rt.r) && rt.r.has(reSearch)):
		best = intentCheck
	case rt.alt != intentNone:
		return t.askIntent(a.text, best, rt.alt)
	}
	if r, ok, err := t.runIntent(best, a); ok || err != nil {
		return r, err
	}
	return []Reply{t.keepPlace(t.T("unknown.text"))}, nil
}

// runIntent hands text to the service for an intent; ok is false when the
// service is not configured (or the text is not readable as its input).
func (t *turn) runIntent(i intent, a *analysis) ([]Reply, bool, error) {
	switch i {
	case intentJobs:
		return t.runJobSearch(searchFrom(a.route().r))
	case intentCourse:
		r, err := t.courseSearch(a.route().r)
		return r, err == nil, err
	case intentQuestion:
		return t.answerQuestion(a)
	case intentCheck:
		return t.checkOffer(a)
	case intentMenu:
		r, err := t.toMenu()
		return r, true, err
	}
	return nil, false, nil
}

// courseSearch: "想学电工", "叉车培训 东莞": the courses of the city named,
// or of the worker's saved city, or the question which city.
func (t *turn) courseSearch(r *reading) ([]Reply, error) {
	if r.hasCity && r.typo == "" {
		return t.trainingCommand(r.city.ZH)
	}
	return t.trainingCommand("")
}

// Where the user is.

// awaitingOffer: the user pressed /check and the bot asked for the text.
func awaitingOffer(t *turn) bool { return t.sess.Flow == flowCheck && t.sess.Step == stepAwaitText }

func (t *turn) checkOffer(a *analysis) ([]Reply, bool, error) {
	if t.e.know == nil {
		return nil, false, nil
	}
	r, err := t.checkText(a.text)
	return r, true, err
}

// answerQuestion answers free text that reads like a question.
func (t *turn) answerQuestion(a *analysis) ([]Reply, bool, error) {
	if t.e.faq.a == nil || strings.TrimSpace(a.text) == "" {
		return nil, false, nil
	}
	t.reset()
	t.setFlow(flowFAQ, stepFAQAsk)
	r, err := t.faqAnswer(norm.Clip(a.text, faqQMax, ""))
	return r, true, err
}

// analysis is what the router knows about one typed text, read once per
// turn and shared by the flows and the router.
type analysis struct {
	text string

	routed   bool
	rt       routing
	offerSet bool
	isOffer  bool
}

// route: the router's reading (intent.go), made on first use.
func (a *analysis) route() routing {
	if !a.routed {
		a.routed, a.rt = true, classify(a.text)
	}
	return a.rt
}

// offer: the text reads like a job offer, a recruiter's message or a lure.
func (a *analysis) offer() bool {
	if !a.offerSet {
		a.offerSet = true
		if a.routed {
			a.isOffer = a.rt.r.looksLikeOffer()
		} else {
			a.isOffer = scam.LooksLikeOffer(a.text)
		}
	}
	return a.isOffer
}

// search: the text read as a job search, when the router is sure it is one.
func (a *analysis) search() jobSearch {
	rt := a.route()
	if rt.best != intentJobs || rt.alt != intentNone {
		return jobSearch{}
	}
	return searchFrom(rt.r)
}

// searchFrom turns the router's reading into the search to run.
func searchFrom(r *reading) jobSearch {
	s := jobSearch{kind: searchAskCity, city: r.city, trade: r.trade, pay: payFrom(r.low)}
	switch {
	case r.hasCity && r.typo != "":
		s.kind = searchSuggest
	case r.hasCity:
		s.kind = searchCity
	case r.hasTrade:
		s.kind = searchTrade
	}
	return s
}

// payFrom reads the pay preference workers type with a search.
func payFrom(low string) string {
	switch {
	case strings.Contains(low, "日结") || strings.Contains(low, "日薪") || strings.Contains(low, "daily") || strings.Contains(low, "rijie"):
		return "day"
	case strings.Contains(low, "小时工") || strings.Contains(low, "时薪") || strings.Contains(low, "hourly"):
		return "hour"
	case strings.Contains(low, "计件"):
		return "piece"
	}
	return ""
}

// --- job search in free text (moved from jobs.go) ---

// jobSearch is free text read as a job search.
type jobSearch struct {
	kind  searchKind
	city  places.City // the city, or the one a typo suggests (searchSuggest)
	trade listings.Trade
	pay   string // pay preference code ("day"), "" any
}

type searchKind uint8

const (
	noSearch      searchKind = iota
	searchAskCity            // "jobs", "我要找工作": ask for the city
	searchTrade              // a trade without a city: ask for the city, keep the trade
	searchCity               // a city (and maybe a trade): search now
	searchSuggest            // a misspelt city ("广洲"): ask "您是说广州吗？"
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
