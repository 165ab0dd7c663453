package dialog

// The broadcast flow's texts, in Chinese and English (see catalog.go).

var broadcastCatalog = map[string]map[string]string{
	LangZH: {
		"bc.msg.head": "📢 政策通知",
		"bc.msg.foot": "—— 工友。不想再收通知，发 /unsubscribe。",

		"bc.ask": "📢 请发来通知的内容。\n" +
			"只发给部分人：在内容前面加条件，例如：\n" +
			"lang=zh city=东莞 topic=insurance 东莞社保补贴开始申请……\n" +
			"发出前我会先给您看预览和人数。",
		"bc.usage": "用法：/broadcast [lang=zh|en] [city=城市] [topic=主题] 通知内容\n" +
			"主题：subsidy 补贴、insurance 社保、scam 防骗、jobs 招聘、training 培训。\n" +
			"不加条件就发给所有订阅的人。",
		"bc.empty":           "通知内容是空的。",
		"bc.bad_lang":        "语言“%s”不对，请用 lang=zh 或 lang=en。",
		"bc.bad_city":        "我不认识城市“%s”。请写城市名，例如 city=东莞。",
		"bc.bad_topic":       "没有主题“%s”。",
		"bc.bad_filter":      "我看不懂条件“%s”。能用的条件：lang=、city=、topic=。",
		"bc.too_long":        "通知太长了，Telegram 发不出去。请删掉大约 %d 个字再发。",
		"bc.wechat_counts":   "微信：%d 人在48小时窗口内已收到，%d 人等他们下次发消息时看到（不占用每月4次群发）。",
		"bc.nobody":          "没有符合条件的订阅用户（%s），这条通知不会发给任何人。请换个条件，重新发一次。",
		"bc.preview":         "👀 预览：工人会收到下面这条。",
		"bc.preview_langs":   "（选英文的工人看到的开头和结尾是英文。）",
		"bc.confirm":         "👥 会发给 %d 人（%s）。",
		"bc.estimate":        "⏱ 大约 %d 分钟发完。",
		"bc.estimate_fast":   "⏱ 不到 1 分钟就能发完。",
		"bc.long":            "提示：这条有 %d 个字。500 字以内更容易读完。",
		"bc.confirm_tail":    "确定发送吗？发出后不能撤回，只能停止还没发的部分。要改内容，直接发新的内容。",
		"bc.filter":          "语言：%s；城市：%s；主题：%s",
		"bc.all":             "全部",
		"bc.lang.zh":         "中文",
		"bc.lang.en":         "英文",
		"bc.topic.subsidy":   "补贴",
		"bc.topic.insurance": "社保",
		"bc.topic.scam":      "防骗",
		"bc.topic.jobs":      "招聘",
		"bc.topic.training":  "培训",
		"bc.cancelled":       "已取消，没有发送。",
		"bc.queued":          "✅ 通知 #%d 已开始发送，共 %d 人。发 /broadcasts 看进度。",

		"bc.list_empty": "还没有发过通知。发 /broadcast 写一条。",
		"bc.list_title": "📊 最近的通知：",
		"bc.item":       "#%d · %s · %s\n「%s」\n%s · 共 %d 人",
		"bc.counts":     "已送达 %d · 待发 %d · 无法送达 %d · 不确定 %d · 失败 %d · 已停止 %d",
		"bc.legend": "无法送达：对方屏蔽了机器人或已注销，已自动取消订阅。\n" +
			"不确定：发送时程序中断，可能收到也可能没收到，不会重发。",
		"bc.status.sending":  "发送中",
		"bc.status.stopping": "正在停止",
		"bc.status.stopped":  "已停止",
		"bc.status.done":     "已发完",
		"bc.stop_confirm":    "确定停止通知 #%d 吗？还没发的 %d 人不会收到。已经发出的不能撤回。",
		"bc.not_active":      "通知 #%d 已经发完或已停止，不用再停。",
		"bc.stopped":         "⏹ 已停止通知 #%d。%d 人不会收到。",

		"bc.btn.send":     "✅ 发送",
		"bc.btn.cancel":   "❌ 取消",
		"bc.btn.progress": "📊 看进度",
		"bc.btn.refresh":  "🔄 刷新",
		"bc.btn.stop":     "⏹ 停止 #%d",
		"bc.btn.halt":     "⏹ 确定停止",
		"bc.btn.keep":     "继续发送",

		"bc.help": "/broadcast 内容 —— 给订阅的人发政策通知（先预览、看人数，再确认）\n" +
			"只发给部分人：/broadcast lang=zh city=东莞 topic=insurance 内容\n" +
			"主题：subsidy 补贴、insurance 社保、scam 防骗、jobs 招聘、training 培训\n" +
			"/broadcasts —— 看发送进度，停止正在发的通知",
	},
	LangEN: {
		"bc.msg.head": "📢 Policy notice",
		"bc.msg.foot": "— Gongyou. To stop these notices, send /unsubscribe.",

		"bc.ask": "📢 Please send the text of the announcement.\n" +
			"To reach only some subscribers, put conditions first, for example:\n" +
			"lang=zh city=Dongguan topic=insurance Dongguan insurance subsidy applications open…\n" +
			"I will show you a preview and the number of people before anything is sent.",
		"bc.usage": "Usage: /broadcast [lang=zh|en] [city=CITY] [topic=TOPIC] TEXT\n" +
			"Topics: subsidy, insurance, scam, jobs, training.\n" +
			"Without conditions it goes to every subscriber.",
		"bc.empty":           "The announcement text is empty.",
		"bc.bad_lang":        "Language “%s” is not valid. Use lang=zh or lang=en.",
		"bc.bad_city":        "I do not know the city “%s”. Write a city name, for example city=Dongguan.",
		"bc.bad_topic":       "There is no topic “%s”.",
		"bc.bad_filter":      "I do not understand the condition “%s”. You can use lang=, city= and topic=.",
		"bc.too_long":        "The announcement is too long for Telegram. Please remove about %d characters and send it again.",
		"bc.wechat_counts":   "WeChat: %d got it inside their 48-hour window, %d will see it with their next message (no monthly mass send used).",
		"bc.nobody":          "No subscriber matches (%s), so this announcement would reach nobody. Please try other conditions.",
		"bc.preview":         "👀 Preview: workers will get the message below.",
		"bc.preview_langs":   "(Workers who chose Chinese see the first and last lines in Chinese.)",
		"bc.confirm":         "👥 It will go to %d people (%s).",
		"bc.estimate":        "⏱ About %d min to send.",
		"bc.estimate_fast":   "⏱ Under a minute to send.",
		"bc.long":            "Tip: this is %d characters long. Under 500 is easier to read.",
		"bc.confirm_tail":    "Send it? A sent message cannot be taken back; you can only stop the rest. To change the text, just send the new text.",
		"bc.filter":          "language: %s; city: %s; topic: %s",
		"bc.all":             "all",
		"bc.lang.zh":         "Chinese",
		"bc.lang.en":         "English",
		"bc.topic.subsidy":   "Subsidies",
		"bc.topic.insurance": "Insurance",
		"bc.topic.scam":      "Scam alerts",
		"bc.topic.jobs":      "Jobs",
		"bc.topic.training":  "Training",
		"bc.cancelled":       "Cancelled. Nothing was sent.",
		"bc.queued":          "✅ Announcement #%d is being sent. Recipients: %d. Send /broadcasts to see progress.",

		"bc.list_empty": "No announcements yet. Send /broadcast to write one.",
		"bc.list_title": "📊 Latest announcements:",
		"bc.item":       "#%d · %s · %s\n“%s”\n%s · recipients: %d",
		"bc.counts":     "delivered %d · waiting %d · unreachable %d · unknown %d · failed %d · stopped %d",
		"bc.legend": "Unreachable: the person blocked the bot or deleted their account; they were unsubscribed.\n" +
			"Unknown: the sender stopped while sending; it may or may not have arrived, and is not sent again.",
		"bc.status.sending":  "sending",
		"bc.status.stopping": "stopping",
		"bc.status.stopped":  "stopped",
		"bc.status.done":     "done",
		"bc.stop_confirm":    "Stop announcement #%d? Still waiting: %d; they will not get it. What was sent cannot be taken back.",
		"bc.not_active":      "Announcement #%d is already done or stopped.",
		"bc.stopped":         "⏹ Announcement #%d stopped. Not sent: %d.",

		"bc.btn.send":     "✅ Send",
		"bc.btn.cancel":   "❌ Cancel",
		"bc.btn.progress": "📊 Progress",
		"bc.btn.refresh":  "🔄 Refresh",
		"bc.btn.stop":     "⏹ Stop #%d",
		"bc.btn.halt":     "⏹ Yes, stop",
		"bc.btn.keep":     "Keep sending",

		"bc.help": "/broadcast TEXT — send a policy announcement to subscribers (preview and count first, then confirm)\n" +
			"To some only: /broadcast lang=zh city=Dongguan topic=insurance TEXT\n" +
			"Topics: subsidy, insurance, scam, jobs, training\n" +
			"/broadcasts — progress; stop an announcement being sent",
	},
}
