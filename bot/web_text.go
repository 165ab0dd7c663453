package bot

import "strings"

// webText is the page's own chrome: the title, the composer, the privacy
// line about the cookie. Everything said in the conversation comes from
// the engine's catalogue.
type webText struct {
	Title, Tagline, Intro, Start, Placeholder, Send, Privacy, Poster, Stale string

	Photo, PhotoSend, PhotoSent string // the screenshot form (web_image.go)
}

var webTexts = map[string]webText{
	"zh": {
		Title:       "工友 · 打工助手",
		Tagline:     "查招工骗局 · 找工作 · 社保维权",
		Intro:       "您好！我是工友。把招工信息贴进来，我帮您看看是不是骗局；也能帮您找工作、报名培训、问社保和工资的事。",
		Start:       "开始聊天",
		Placeholder: "在这里打字，或者粘贴招工信息",
		Send:        "发送",
		Privacy:     "🔒 本页只用一个匿名 cookie 认出您的对话，不要名字和手机号。发 /mydata 看存了什么，发 /delete 全部删除。",
		Poster:      "打印二维码海报",
		Stale:       "这个按钮已经过期了，请用最新消息下面的按钮。",
		Photo:       "📷 也可以发截图（招工广告、聊天记录），10MB以内：",
		PhotoSend:   "发送截图",
		PhotoSent:   "📷 截图",
	},
	"en": {
		Title:       "Gongyou · worker's helper",
		Tagline:     "Job-scam check · find work · rights and insurance",
		Intro:       "Hello! I am Gongyou. Paste a job offer and I will check it for scam signs; I can also help you find work, sign up for training, and answer questions on insurance and pay.",
		Start:       "Start",
		Placeholder: "Type here, or paste a job offer",
		Send:        "Send",
		Privacy:     "🔒 This page uses one anonymous cookie to recognise your conversation: no name, no phone number. Send /mydata to see what is kept, /delete to erase it.",
		Poster:      "Print a QR poster",
		Stale:       "This button has expired; please use the buttons under the latest message.",
		Photo:       "📷 Or send a screenshot (a job ad, a chat), up to 10 MB:",
		PhotoSend:   "Send screenshot",
		PhotoSent:   "📷 Screenshot",
	},
}

// webLang picks "zh" or "en": the user's saved choice, else the browser's
// first preference, else Chinese.
func webLang(saved, acceptLanguage string) string {
	if saved == "en" || saved == "zh" {
		return saved
	}
	first := strings.ToLower(strings.TrimSpace(strings.SplitN(acceptLanguage, ",", 2)[0]))
	if strings.HasPrefix(first, "en") {
		return "en"
	}
	return "zh"
}
