package dialog

import (
	"fmt"
	"strings"
)

// LangZH and LangEN are the languages Gongyou speaks; Chinese is the default.
const (
	LangZH = "zh"
	LangEN = "en"
)

// NormLang maps a client language hint ("zh-hans", "en-US", "") to LangZH or LangEN.
func NormLang(hint string) string {
	if strings.HasPrefix(strings.ToLower(strings.TrimSpace(hint)), "en") {
		return LangEN
	}
	return LangZH
}

// catalog holds every text a user reads, per language: each registered
// flow's part (register in flow.go adds it). Built while the package
// initialises; never changed afterwards.
var catalog = mergeCatalogs()

// mergeCatalogs joins per-feature catalogues. A key defined twice is a
// programming error.
func mergeCatalogs(parts ...map[string]map[string]string) map[string]map[string]string {
	out := map[string]map[string]string{LangZH: {}, LangEN: {}}
	for _, part := range parts {
		for lang, texts := range part {
			for key, s := range texts {
				if _, dup := out[lang][key]; dup {
					panic(fmt.Sprintf("dialog: catalog key %s/%s defined twice", lang, key))
				}
				out[lang][key] = s
			}
		}
	}
	return out
}

// coreCatalog holds the texts of onboarding, the menu, account and the scam
// check. Keys are grouped by flow. Style: short sentences, a concrete next
// step, no blame.
var coreCatalog = map[string]map[string]string{
	LangZH: {
		// channel notices
		"notice.slow_down": "您发得太快了，请休息一分钟再发。刚才这几条我先不处理。",
		"notice.error":     "抱歉，出了点问题，您的信息没有丢。请再发一次，或发 /menu 回到主菜单。",
		"notice.unsaved":   "（系统暂时记不住这一步，报名、订阅等请稍后再试。）",

		// onboarding
		"start.choose_lang": "您好！我是工友。\n请选择语言 / Please choose a language:",
		"start.welcome": "我是工友，专门帮外出务工和打零工的朋友：\n" +
			"🔍 找工作\n📚 报名技能培训\n🛡 社保和劳动权益问答\n⚠️ 查招聘骗局：把招聘信息发给我，我帮您看有没有风险\n\n" +
			"记住：正规招聘不收钱。要您先交钱的，先问问我。",
		"start.privacy": "🔒 隐私：我只存您的编号、语言、城市、通知设置和用到哪一步。\n" +
			"查过的招聘信息回主菜单就删，截图读完文字就删，报告了才保存。\n" +
			"发 /mydata 看我存了什么，发 /delete 全部删除。",
		"start.privacy_more_btn": "📄 详细说明",
		"start.privacy_more": "🔒 隐私说明\n" +
			"我只保存：您的用户编号（Telegram、微信或网页聊天给的编号；网页上是一个随机的匿名编号，存在浏览器的 Cookie 里）、语言、城市（如果您告诉我）、是否订阅通知、您用到哪一步。\n" +
			"您发来检查的招聘信息只保留最近一条，方便您点“为什么”和“报告”；回到主菜单就删掉。点“报告给工作人员”才会长期保存。\n" +
			"您发来的截图只用来读出文字做检查，读完就删，图片不保存；读出的文字和粘贴的文字一样处理。每天看了几张图只记一个数，用来限量。\n" +
			"保存这些只为了回答您、给您发通知。报名培训时，您同意后才会保存姓名和手机号。您对回答点的👍/👎也会保存，用来改进回答。\n" +
			"发 /mydata 看我存了什么，发 /delete 全部删除。",
		"start.agree":  "✅ 知道了，开始",
		"start.agreed": "好的，我们开始吧。",

		// menu
		"menu.title":       "请选择您要做的事：",
		"menu.jobs":        "🔍 找工作",
		"menu.training":    "📚 技能培训",
		"menu.insurance":   "🛡 社保和权益",
		"menu.check":       "⚠️ 查招聘骗局",
		"menu.subscribe":   "🔔 订阅政策通知",
		"menu.unsubscribe": "🔕 取消通知",
		"menu.lang":        "🌐 English",
		"menu.help":        "❓ 帮助",
		"menu.back":        "⬅️ 主菜单",

		// services not built yet: say so, give a real next step
		"soon.check": "⚠️ 查骗局功能马上就好。现在如果对方要您先交钱、扣您身份证，先别给，打 96110 问一问。",

		// help
		"help.text": "我能做这些，点下面的按钮，或直接打字：\n" +
			"⚠️ 查骗局：把招聘信息发给我\n" +
			"🔍 找活：打“深圳 保安 日结”\n" +
			"📚 学技术：打“想学电工”\n" +
			"🛡 问社保、工资：直接打字问\n" +
			"⚙️ /settings 设置 · /mydata 我的信息 · /delete 删除",

		// unknown input
		"unknown.text":    "我没看懂。您可以点下面的按钮，或者把招聘信息直接发给我查一查。",
		"unknown.command": "没有这个命令。发 /help 看我能做什么。",
		"unknown.empty":   "我只能看懂文字。请用文字发给我，或点下面的按钮。",
		"unknown.stale":   "这个按钮已经过期了。请用下面的按钮。",

		// subscription
		"sub.on":      "🔔 已订阅。有新的政策通知（补贴、社保、防骗提醒）我会发给您。不想收了就发 /unsubscribe。",
		"sub.off":     "🔕 已取消通知。想再收，发 /subscribe。",
		"sub.already": "您已经订阅了。不想收了就发 /unsubscribe。",
		"sub.none":    "您没有订阅通知。想收，发 /subscribe。",

		// my data
		"mydata.title":     "📋 我存了您这些信息：",
		"mydata.id":        "Telegram 编号：%d",
		"mydata.id.web":    "网页聊天编号：%d（浏览器里的匿名 cookie 认出您）",
		"mydata.id.wechat": "微信公众号用户编号：%d",
		"mydata.lang":      "语言：%s",
		"mydata.city":      "城市：%s",
		"mydata.sub":       "订阅通知：%s",
		"mydata.consent":   "同意隐私说明：%s",
		"mydata.since":     "第一次使用：%s",
		"mydata.flow":      "现在在：%s",
		"mydata.reports":   "您报告给工作人员的招聘信息：%d 条",
		"mydata.footer":    "要全部删除，发 /delete。",
		"mydata.unset":     "（没有）",
		"mydata.yes":       "是",
		"mydata.no":        "否",
		"mydata.lang.zh":   "中文",
		"mydata.lang.en":   "English",
		"mydata.flow.none": "主菜单",

		// delete
		"delete.confirm": "⚠️ 确定要删除您的全部信息吗？\n删除后，您的设置和订阅都没有了，报告过的招聘信息会去掉您的名字。这一步不能撤回。",
		"delete.yes":     "🗑 确定删除",
		"delete.no":      "取消",
		"delete.done":    "✅ 已删除您的全部信息。想再用，发 /start。",
		"delete.kept":    "好的，没有删除。",

		"lang.switched": "已切换为中文。",

		// scam check
		"check.ask":           "⚠️ 请把招聘信息或对方发给您的聊天内容，复制粘贴发给我。\n我帮您看有没有骗局的迹象。",
		"check.empty":         "这里没有可以检查的内容。请把招聘信息的文字复制粘贴发给我。",
		"check.high":          "🔴 高风险：很像招聘骗局。先别交钱，也别交证件。",
		"check.medium":        "🟠 中风险：有可疑的地方，先核实再说。",
		"check.low":           "🟢 低风险：没有发现已知的骗局特征。",
		"check.low_minor":     "🟢 低风险：只有一点小疑点，没有发现明显的骗局特征。",
		"check.low_watch":     "👉 还要注意：上班前不交钱，身份证不交给别人，签书面劳动合同。",
		"check.reasons":       "可疑的地方：",
		"check.good":          "正规的迹象：",
		"check.quote_open":    "：“",
		"check.quote_close":   "”",
		"check.case":          "📖 相似案例：%s",
		"check.next":          "👉 %s",
		"check.laws":          "法律依据：",
		"check.cases":         "相似案例：",
		"check.todo":          "现在怎么做：",
		"check.score":         "风险分：%d / 100",
		"check.llm":           "（这次还参考了 AI 的第二意见。AI 只能把风险调高，不能调低。）",
		"check.disclaimer":    "这是根据文字做的提醒，不是定论。拿不准就打 96110 问一问。",
		"check.btn.why":       "❓ 为什么",
		"check.btn.report":    "📣 报告给工作人员",
		"check.btn.verify":    "🔎 怎么核实雇主",
		"check.btn.again":     "🔁 再查一条",
		"check.btn.send":      "✅ 确定报告",
		"check.btn.cancel":    "取消",
		"check.btn.back":      "⬅️ 返回结果",
		"check.btn.case_more": "📖 更多",
		"check.report_confirm": "📣 要把这条招聘信息和检查结果交给工友的工作人员吗？\n" +
			"会保存您发的这段文字和您的用户编号，方便告诉您审核结果。不会公开。\n随时可以发 /delete 删除。",
		"check.reported": "✅ 已交给工作人员，谢谢您！您的报告能帮到更多工友。",
		"check.verify": "🔎 怎么核实雇主和中介：\n" +
			"1. 问清公司全称，在“国家企业信用信息公示系统”（gsxt.gov.cn）查有没有这家公司、有没有处罚。\n" +
			"2. 中介要有《人力资源服务许可证》。在当地人社局网站能查到合法中介名单。\n" +
			"3. 正规招聘不收押金，不扣身份证。体检、办健康证的钱是您自己交给医院。\n" +
			"4. 入职一个月内要签书面劳动合同。\n" +
			"5. 拿不准：打 96110（反诈咨询）或 12333（人社）。已经被骗：马上打 110，保留聊天记录和转账记录。",
		"case.flags":  "骗局特征：",
		"case.source": "来源：%s 资料日期 %s",
		// short names of scam types, for case buttons (≤ 10 characters)
		"case.type.upfront_fee":       "押金骗局",
		"case.type.training_loan":     "培训贷",
		"case.type.task_brushing":     "刷单返利",
		"case.type.typing_job":        "打字员骗局",
		"case.type.handicraft":        "手工活骗局",
		"case.type.unlicensed_agency": "黑中介",
		"case.type.id_retention":      "扣证件",
		"case.type.overseas":          "境外高薪",
		"case.type.pyramid":           "传销",
		"case.type.fake_referral":     "内推买岗",
		"case.type.diversion":         "引流私聊",
		"case.type.chat_companion":    "陪聊骗局",
		"case.type.certificate":       "考证挂靠",
		"case.type.franchise":         "招聘变招商",
		"case.type.card_rental":       "出租银行卡",
		"case.type.beauty_loan":       "美容贷",
		"case.type.insurance_fraud":   "社保代缴",
		"case.type.official_phishing": "冒充人社",
		"case.type.rights_fraud":      "代讨薪",
	},
	LangEN: {
		"notice.slow_down": "You are sending messages very fast. Please wait a minute, then send again. I skipped the last few.",
		"notice.error":     "Sorry, something went wrong. Nothing was lost. Please send it again, or send /menu.",
		"notice.unsaved":   "(I cannot save right now, so I won't remember this step; try sign-ups and settings later.)",

		"start.choose_lang": "您好！我是工友。\n请选择语言 / Please choose a language:",
		"start.welcome": "I am Gongyou (工友). I help migrant and gig workers:\n" +
			"🔍 Find work\n📚 Sign up for skills training\n🛡 Social insurance and labour rights\n⚠️ Check a job offer: send it to me and I look for scam signs\n\n" +
			"Remember: a real employer never asks you to pay for a job. If someone asks for money first, ask me.",
		"start.privacy": "🔒 Privacy: I keep only your id, language, city, announcement settings and where you are in a conversation.\n" +
			"A job offer you check is dropped when you go back to the menu, unless you report it; a screenshot is dropped once its text is read.\n" +
			"Send /mydata to see it all, /delete to erase it.",
		"start.privacy_more_btn": "📄 More",
		"start.privacy_more": "🔒 Privacy\n" +
			"I keep only: your user id (from Telegram, WeChat or the web chat, where it is a random anonymous id kept in a browser cookie), your language, your city (if you tell me), whether you get announcements, and where you are in a conversation.\n" +
			"A job offer you send for checking is kept only until you go back to the menu (for the “Why?” and “Report” buttons). Only “Report to staff” keeps it longer.\n" +
			"A screenshot you send is used only to read its text for the check and is deleted right after; the picture is never stored, and the text read is treated like pasted text. Only the number of pictures read each day is counted, for the daily limit.\n" +
			"I keep this only to answer you and send announcements. Your name and phone number are kept only if you sign up for a course, after you agree. Your 👍/👎 on answers is kept to improve them.\n" +
			"Send /mydata to see it, /delete to erase it.",
		"start.agree":  "✅ OK, let's start",
		"start.agreed": "Good, let's start.",

		"menu.title":       "What would you like to do?",
		"menu.jobs":        "🔍 Find work",
		"menu.training":    "📚 Training",
		"menu.insurance":   "🛡 Insurance & rights",
		"menu.check":       "⚠️ Check a job offer",
		"menu.subscribe":   "🔔 Get announcements",
		"menu.unsubscribe": "🔕 Stop announcements",
		"menu.lang":        "🌐 中文",
		"menu.help":        "❓ Help",
		"menu.back":        "⬅️ Menu",

		"soon.check": "⚠️ The scam check is almost ready. If someone asks you to pay first or keep your ID, do not do it. Call 96110 to ask.",

		"help.text": "What I can do — tap a button, or just type:\n" +
			"⚠️ Check a job offer: paste it to me\n" +
			"🔍 Find work: type “security jobs in Shenzhen”\n" +
			"📚 Learn a skill: type “electrician course”\n" +
			"🛡 Insurance and wages: type your question\n" +
			"⚙️ /settings · /mydata what I keep · /delete erase it",

		"unknown.text":    "Sorry, I did not understand. Tap a button below, or paste a job offer to check it.",
		"unknown.command": "I do not know that command. Send /help to see what I can do.",
		"unknown.empty":   "I can only read text. Please type your message, or tap a button below.",
		"unknown.stale":   "That button has expired. Use the buttons below.",

		"sub.on":      "🔔 Subscribed. I will send you new policy announcements (subsidies, social insurance, scam alerts). Send /unsubscribe to stop.",
		"sub.off":     "🔕 Announcements stopped. Send /subscribe to get them again.",
		"sub.already": "You are already subscribed. Send /unsubscribe to stop.",
		"sub.none":    "You are not subscribed. Send /subscribe to get announcements.",

		"mydata.title":     "📋 This is what I keep about you:",
		"mydata.id":        "Telegram id: %d",
		"mydata.id.web":    "Web chat id: %d (an anonymous cookie in your browser recognises you)",
		"mydata.id.wechat": "WeChat account user id: %d",
		"mydata.lang":      "Language: %s",
		"mydata.city":      "City: %s",
		"mydata.sub":       "Announcements: %s",
		"mydata.consent":   "Privacy notice accepted: %s",
		"mydata.since":     "First used: %s",
		"mydata.flow":      "Current step: %s",
		"mydata.reports":   "Job offers you reported to staff: %d",
		"mydata.footer":    "To erase everything, send /delete.",
		"mydata.unset":     "(none)",
		"mydata.yes":       "yes",
		"mydata.no":        "no",
		"mydata.lang.zh":   "中文",
		"mydata.lang.en":   "English",
		"mydata.flow.none": "main menu",

		"delete.confirm": "⚠️ Erase everything I keep about you?\nYour settings and subscription will be gone. Job offers you reported stay for staff, without your name. This cannot be undone.",
		"delete.yes":     "🗑 Yes, erase",
		"delete.no":      "Cancel",
		"delete.done":    "✅ Everything about you is erased. Send /start to use Gongyou again.",
		"delete.kept":    "OK, nothing was erased.",

		"lang.switched": "Switched to English.",

		"check.ask":           "⚠️ Copy and paste the job offer, or what the recruiter wrote to you.\nI will look for scam signs.",
		"check.empty":         "There is nothing here I can check. Please paste the text of the job offer.",
		"check.high":          "🔴 High risk: this looks like a job scam. Do not pay and do not hand over your ID.",
		"check.medium":        "🟠 Medium risk: some things look suspicious. Check before you go on.",
		"check.low":           "🟢 Low risk: no known scam signs found.",
		"check.low_minor":     "🟢 Low risk: only a small doubt, no clear scam signs.",
		"check.low_watch":     "👉 Still: pay nothing before you start, keep your ID card, get a written contract.",
		"check.reasons":       "What looks wrong:",
		"check.good":          "Signs of a real job:",
		"check.quote_open":    ": “",
		"check.quote_close":   "”",
		"check.case":          "📖 Similar case: %s",
		"check.next":          "👉 %s",
		"check.laws":          "The law says:",
		"check.cases":         "Similar cases:",
		"check.todo":          "What to do now:",
		"check.score":         "Risk score: %d / 100",
		"check.llm":           "(An AI second opinion was also used. It can only raise the risk, never lower it.)",
		"check.disclaimer":    "This is a warning based on the text, not a final answer. If unsure, call 96110.",
		"check.btn.why":       "❓ Why?",
		"check.btn.report":    "📣 Report to staff",
		"check.btn.verify":    "🔎 Verify an employer",
		"check.btn.again":     "🔁 Check another",
		"check.btn.send":      "✅ Send report",
		"check.btn.cancel":    "Cancel",
		"check.btn.back":      "⬅️ Back to result",
		"check.btn.case_more": "📖 More",
		"check.report_confirm": "📣 Send this job offer and the result to Gongyou staff?\n" +
			"I will keep the text you sent and your user id, so staff can tell you what they found. It is not made public.\nYou can send /delete at any time.",
		"check.reported": "✅ Sent to staff. Thank you! Your report helps other workers.",
		"check.verify": "🔎 How to verify an employer or agency:\n" +
			"1. Ask for the full company name. Look it up in the National Enterprise Credit Information system (gsxt.gov.cn).\n" +
			"2. An agency must hold a Human Resources Service Licence. The local 人社 website lists licensed agencies.\n" +
			"3. Real employers take no deposit and do not keep your ID. You pay a health check directly to the hospital.\n" +
			"4. You must get a written labour contract within one month.\n" +
			"5. Not sure: call 96110 (anti-fraud) or 12333 (labour). Already paid: call 110 now and keep the chats and transfer records.",
		"case.flags":                  "Scam signs:",
		"case.source":                 "Source: %s, dated %s",
		"case.type.upfront_fee":       "Deposit",
		"case.type.training_loan":     "Train loan",
		"case.type.task_brushing":     "Task scam",
		"case.type.typing_job":        "Typing job",
		"case.type.handicraft":        "Craft work",
		"case.type.unlicensed_agency": "Bad agency",
		"case.type.id_retention":      "ID kept",
		"case.type.overseas":          "Overseas",
		"case.type.pyramid":           "Pyramid",
		"case.type.fake_referral":     "Job bribe",
		"case.type.diversion":         "Diversion",
		"case.type.chat_companion":    "Chat job",
		"case.type.certificate":       "Cert scam",
		"case.type.franchise":         "Franchise",
		"case.type.card_rental":       "Card rent",
		"case.type.beauty_loan":       "Beauty fee",
		"case.type.insurance_fraud":   "Insurance",
		"case.type.official_phishing": "Fake gov",
		"case.type.rights_fraud":      "Wage claim",
	},
}

// T returns the catalogue text for key in lang, falling back to Chinese.
// A missing key is a programming error caught by TestCatalogComplete; at
// run time it shows the key rather than nothing.
func T(lang, key string) string {
	if s, ok := catalog[NormLang(lang)][key]; ok {
		return s
	}
	if s, ok := catalog[LangZH][key]; ok {
		return s
	}
	return key
}

// HasKey reports whether the catalogue has key in lang (or in Chinese).
func HasKey(lang, key string) bool {
	_, ok := catalog[NormLang(lang)][key]
	if !ok {
		_, ok = catalog[LangZH][key]
	}
	return ok
}

// Tf formats a catalogue text.
func Tf(lang, key string, args ...any) string { return fmt.Sprintf(T(lang, key), args...) }
