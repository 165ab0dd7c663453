package scam

// The red-flag lexicon: every word family and every signal of the offline
// scam checker, in one table that staff can review. Sources: shared
// reference/domain.md §1.1 (scam types), §1.2 (red-flag lexicon), §1.3
// (legitimacy signals) and §2 (laws).
//
// Words are written in normalised form (simplified Chinese, lower-case,
// canonical contact words 微信 / qq / telegram; see normalize.go). Latin words
// match whole words only, with an optional plural "s" ("fee" matches "fees",
// not "coffee").
//
// Pattern syntax (signalDef.Strong / Weak / With / Not):
//
//	押证|押身份证            any of these words
//	{deposit}               any word of the family "deposit"
//	$money                  an extracted entity (see entityClasses)
//	{pay}…{deposit}         parts in this order, each part starting at most
//	                        Gap units (default 8) after the previous one ends;
//	                        a unit is a CJK character, a Latin word or a number
//	~社保|养老              a context part: negation does not cancel it
//	                        (没交社保的…可以帮你挂靠 is still a 挂靠 offer)
//
// A red-flag word does not count when it is negated right before it (不收押金,
// 无需交纳保证金, no deposit) or stands in a warning (谨防…, …都是骗子, beware of).

var lexFamilies = map[string][]string{
	// ── Money ──
	"pay": {"交", "缴", "缴纳", "交纳", "支付", "付", "转账", "转", "充值", "打款", "汇款", "预付", "先付", "先交", "先缴",
		"需交", "要交", "收取", "付款", "交钱", "出钱", "扫码", "打钱", "转钱", "给钱", "发红包", "收费", "掏",
		"pay", "paid", "payable", "pay for", "transfer", "send", "top up", "recharge", "upfront", "up front", "in advance",
		"half now", "charge", "charged"},
	"deposit": {"压金", "鸭金", "押jin", "yajin", "ya jin", "保正金", "保征金", "baozhengjin", "bao zheng jin", "押金", "保证金", "风险金", "履约金", "岗位稳定金", "稳定金", "保密费", "材料押金", "入驻押金", "诚信金",
		"质保金", "抵押金", "担保金", "安全金", "入职押金", "工衣押金", "服装押金", "占位费", "押底",
		"deposit", "security deposit", "guarantee money", "bond money", "performance bond", "bond", "security bond"},
	"fee": {"体检fei", "tijianfei", "peixunfei", "培训fei", "shouxufei", "手续fei", "zhongjiefei", "huiyuanfei", "会员fei", "baomingfei", "报名fei", "服装费", "工衣费", "工装费", "制服费", "体检费", "培训费", "资料费", "报名费", "建档费", "入职费", "信息费",
		"介绍费", "中介费", "会员费", "会费", "入库费", "挂靠费", "材料费", "代理费", "加盟费", "工本费", "激活费",
		"解冻费", "手续费", "程序费", "立案费", "加急费", "服务费", "办卡费", "办证费", "上岗费", "面试费", "考试费",
		"认证费", "审核费", "开户费", "带队费", "名额费", "内推费", "通道费", "学费", "模卡费", "拍摄费", "签约费",
		"入会费", "定金", "订金", "入群费", "进群费", "办会员", "开会员", "开通会员", "充会员", "升级会员", "购买会员", "vip会员", "保管费", "路费", "押车费", "茶水费", "认证金", "升级费", "刷新费", "提现费",
		"出单费", "工牌费", "开通费", "账号费", "推荐费", "受理费", "年审费", "管理费", "办理费", "代办费", "咨询费",
		"鉴定费", "评估费", "背调费", "入驻费", "包装费", "占名额", "占个名额", "报名费用", "培训费用",
		"fee", "tuition", "membership", "joining fee", "admin fee", "registration fee", "service fee", "uniform fee",
		"placement fee", "agency fee", "processing fee", "activation fee", "filing fee", "verification fee"},
	// Words ending in 费 that are not fees charged to a worker: they cancel the
	// generic 费 of the patterns below.
	"not_fee": {"奖金", "资金", "薪金", "现金", "黄金", "基金", "公积金", "租金", "佣金", "本金", "礼金", "补助金", "抚恤金",
		"退休金", "养老金", "救助金", "违约金", "赔偿金", "全勤奖金", "年金", "失业金", "补贴金", "酬金", "提成金", "奖励金",
		"生活金", "住房公积金", "金额", "金牌", "金融", "五险一金", "六险一金", "一金", "费用", "加班费", "免费", "话费", "水电费", "社保费", "保险费", "伙食费", "餐费", "车费", "交通费", "高温费", "电费",
		"水费", "消费", "浪费", "经费", "运费", "快递费", "物业费", "电话费", "油费", "停车费", "过路费", "误工费", "医药费",
		"医疗费", "住宿费", "房费", "夜班费", "补贴费", "劳务费", "稿费", "小费", "车船费", "差旅费", "费用报销", "自费"},
	"before_work": {"入职前", "上岗前", "面试前", "报到前", "先交", "先缴", "先付", "才能上岗", "才能入职", "才能面试",
		"才能安排", "才给安排", "才可以上班", "方可上岗", "方可入职", "提前交", "提前缴", "需先", "要先", "先转",
		"来之前先", "before you start", "before starting", "before we send", "to proceed", "before the interview",
		"to unlock", "to start your", "before you join", "first pay", "before your first", "required before"},
	"personal_acct": {"个人账户", "私人账户", "个人卡", "私人卡", "个人微信", "个人支付宝", "我的支付宝", "我的微信",
		"我微信", "转给我", "转我", "打给我", "扫我", "私人收款", "个人收款", "个人名下", "对私", "微信转账",
		"支付宝转账", "我的银行卡", "我的卡", "转到我", "发我红包", "给我发红包", "收款码", "这个支付宝", "微信转",
		"personal account", "my alipay", "my wechat", "my bank account", "my account", "to my", "via 微信 to",
		"via wechat to", "private account", "pay me", "send me", "transfer to me", "by wechat", "via wechat", "via alipay",
		"by alipay", "alipay account", "my personal"},
	"refund": {"可退", "退还", "返还", "全退", "全额退", "干满", "做满", "离职退", "会退", "退回", "可以退", "如数退",
		"原路退", "满月退", "无息退", "退给你", "连工资一起退", "refund", "refundable", "money back", "paid back"},

	// ── Documents and cards ──
	"id_doc": {"sfz", "shenfenzheng", "身分证", "身fen证", "身份证", "身份证原件", "护照", "毕业证", "学历证", "学位证", "银行卡", "工资卡", "社保卡", "证件",
		"驾驶证", "户口本", "手机卡", "电话卡", "原件", "身份证正本", "id card", "passport", "original id",
		"identity card", "bank card", "diploma", "social security card", "documents"},
	"retain": {"放他那", "放他那里", "放在他那", "放在他那里", "放老板那", "放工头那", "放他们那", "都放他那", "收了我们的", "收了我的", "拿走了", "扣着", "要不回来", "保管", "统一保管", "代为保管", "代管", "扣押", "扣留", "上交", "交给公司", "交公司", "交由公司", "收走",
		"暂扣", "留在公司", "放公司", "放在公司", "押在", "交出", "没收", "押着", "统一收", "收上来", "押给", "交给",
		"交到", "放我这", "给我", "统一管理", "放我那", "放在我", "safekeeping", "hand over", "hand in",
		"surrender", "confiscate", "we keep", "will be kept", "kept by", "held by", "we hold", "leave your"},
	"retain_before": {"收了我们的", "收了我的", "拿了我的", "扣了我的", "收我们的", "押了我的", "扣押", "扣留", "收走", "没收", "上交", "交出", "暂扣", "hand over", "surrender", "confiscate",
		"we keep", "we hold", "keep", "will keep", "keeps", "hold on to"},
	"rent_verb": {"租给", "卖给", "借他", "租他", "借给", "买我的", "租我的", "收旧", "出800", "出几百", "出租", "出借", "租用", "借用", "出售", "收购", "高价收", "回收", "租卡", "借卡", "卖卡", "收卡",
		"租借", "开卡", "办卡给", "急收", "大量收", "求购", "求租", "租你的", "借你的", "用你的", "借我", "借给我", "借我用", "用一个月", "长期收",
		"rent", "rent out", "lend", "sell", "borrow", "buy your", "use your", "rent us"},
	"card": {"zfb", "支付宝账号", "对公账户", "实名手机号", "手机号", "收款账户", "paypal", "cashapp", "cash app", "venmo", "zelle", "yhk", "yinhangka", "银航卡", "银行ka", "银行卡", "一类卡", "二类卡", "手机卡", "电话卡", "收款码", "支付宝账号", "微信号", "对公账户", "u盾", "网银",
		"银行账户", "收款账户", "流量卡", "物联网卡", "农行卡", "工行卡", "建行卡", "中行卡", "邮政卡", "储蓄卡",
		"借记卡", "信用卡", "营业执照", "微信账号", "支付宝", "qq号", "实名账号", "bank card", "bank account", "sim card", "phone card", "payment code",
		"usb key", "alipay account", "wechat account", "sim"},
	"secret": {"验证码", "短信验证码", "密码", "支付密码", "银行卡密码", "cvv", "安全码", "银行卡号", "卡号", "动态码",
		"sms code", "verification code", "otp", "password", "pin", "card number", "bank card number"},
	"give": {"填", "填卡号", "发给他", "提供", "告诉", "发给", "填写", "输入", "报给", "发送", "截图给", "告知", "填入", "上传", "登记", "要报", "回复", "发来", "报一下",
		"绑定", "enter", "provide", "send", "tell", "fill in", "share", "give", "type in"},

	// ── Training, loans, beauty ──
	"loan": {"花呗", "借呗", "白条", "分12期", "分十二期", "分期付", "培训贷", "贷款", "分期", "先学后付", "0元入学", "零元入学", "零首付", "0首付", "月供", "从工资里扣",
		"从工资扣", "工资里扣", "工资中扣", "金融平台", "赊购", "借贷", "网贷", "学费贷", "征信", "免息分期",
		"分期付款", "每月还", "还款", "实训协议", "上岗协议", "助学贷", "消费贷", "白条", "花呗分期", "借呗", "每月扣",
		"帮你贷", "先帮你贷", "0利息", "零利息", "loan", "installment", "instalment", "pay later", "0 down",
		"no money down", "down payment", "monthly payments", "deducted from your wages", "deducted from your salary",
		"financing", "finance partner", "installment agreement", "credit"},
	"training": {"培训", "学费", "课程", "学习", "实训", "技能", "学员", "培训班", "岗前培训", "进修", "考证", "课",
		"training", "course", "bootcamp", "tuition", "class", "study", "trainee", "lesson"},
	"beauty": {"整容", "整形", "美容", "微调", "提升形象", "形象提升", "医美", "双眼皮", "垫鼻", "隆鼻", "玻尿酸",
		"瘦脸针", "颜值提升", "改善形象", "做个小手术", "削骨", "鼻子", "做个鼻", "cosmetic", "plastic surgery",
		"touch-up", "nose job", "double eyelid", "aesthetic", "beauty clinic", "image upgrade", "surgery"},

	// ── Jobs and lures ──
	"job": {"招聘", "招工", "急招", "诚聘", "高薪", "兼职", "全职", "岗位", "职位", "工资", "月薪", "日薪", "时薪", "底薪",
		"薪资", "待遇", "包吃住", "包住", "包吃", "五险一金", "日结", "周结", "月结", "面试", "入职", "上岗", "上班",
		"普工", "工厂", "进厂", "报名", "招人", "员工", "小时工", "临时工", "长期工", "暑假工", "寒假工",
		"客服", "操作工", "司机", "骑手", "店员", "服务员", "保安", "保洁", "招", "聘", "招募", "缺人", "接单", "派单",
		"简历", "人事", "hr", "应聘", "报到", "面试官", "试用期", "转正", "加班", "宿舍", "学徒", "培训班", "课程", "招生",
		"岗", "职业介绍", "推荐就业", "派往", "做六休一", "双休", "月休", "计件", "底薪", "提成", "cv", "resume", "shift",
		"start on", "employer", "employers", "course", "training", "hiring", "sign up", "结算", "现结", "当天结", "日结", "包吃",
		"hiring", "salary", "job", "part-time", "part time", "recruit", "vacancy", "wage", "per day", "per hour",
		"apply", "wanted", "needed", "position", "opportunity", "interview", "/month", "/day", "/hour"},
	"easy": {"轻松", "在家", "足不出户", "动动手指", "手机就能", "手机操作", "躺赚", "无需经验", "不需要经验", "无经验",
		"零经验", "不限学历", "不要学历", "无学历", "不需要学历", "宝妈", "学生党", "学生", "空闲时间",
		"坐着", "打字", "简单", "零基础", "会打字", "会用手机", "在家办公", "每天1小时", "一小时", "几分钟", "不用坐班",
		"有手就行", "小白", "无门槛", "零门槛", "有手机就行", "from home", "work from home", "easy",
		"no experience", "from your phone", "simple", "students", "stay-at-home", "no skills", "passively"},
	"place_risky": {"miandian", "mian dian", "jianpuzhai", "jpz", "miaowadi", "缅甸", "缅北", "妙瓦底", "柬埔寨", "西港", "西哈努克", "金边", "迪拜", "老挝", "菲律宾", "马尼拉",
		"大其力", "金三角", "kk园区", "泰国", "曼谷", "东南亚", "佤邦", "果敢", "木姐", "掸邦", "腊戍",
		"myanmar", "burma", "myawaddy", "cambodia", "sihanoukville", "phnom penh", "dubai", "laos", "philippines",
		"manila", "thailand", "bangkok", "golden triangle", "kk park"},
	"place_border": {"西双版纳", "景洪", "瑞丽", "镇康", "勐腊", "磨憨", "边境", "孟连", "打洛", "畹町"},
	"place_abroad": {"海外", "出国", "国外", "境外", "出境", "overseas", "abroad", "international"},
	"abroad_lure": {"高薪", "包机票", "机票报销", "机票我们出", "机票公司出", "报销机票", "签证我们办", "包签证",
		"不要学历", "不需要学历", "不要外语", "不需要外语", "不用外语", "u结", "usdt", "月薪过万", "保底", "日薪",
		"包吃住", "免费出国", "不要护照", "护照我们办", "落地", "接机", "月入过万", "年薪", "不要经验", "不需经验",
		"不需要经验", "路费全包", "包来回", "包路费", "派车接", "free flight", "flight ticket", "air ticket",
		"visa arranged", "travel arranged", "no english needed", "no experience needed", "high salary", "high pay",
		"free accommodation", "tickets paid"},

	// ── Scope (scope.go) ──
	// Longer words that hold a flag word without being one: the flag word
	// inside does not count (交 of 交通, 贷款 of 贷款业务审核, 征信 of 征信指标).
	"benign": {"金水", "金牛", "金湾", "金山", "金华", "金昌", "金州", "金沙", "金堂", "金东", "金平", "金凤", "金乡", "金坛", "金寨", "金门", "金川", "金科", "金服", "金控", "金融", "交通", "交通补贴", "交流", "交付", "交易", "提交", "成交", "交接", "交互", "社交", "交叉", "交代", "转正", "转岗",
		"转行", "周转", "运转", "转化", "转型", "转换", "转介", "扭转", "转发", "转载", "支付宝", "支付系统", "支付业务", "支付产品",
		"第三方支付", "移动支付", "支付平台", "支付渠道", "征信指标", "征信体系", "征信数据", "征信系统", "征信业务", "征信大数据",
		"征信产品", "征信模型", "征信行业", "贷款业务", "贷款审核", "征信报告", "信用卡业务", "还款提醒", "信用卡中心", "贷款产品", "贷款管理", "贷款客户", "贷款调查", "贷前", "贷后",
		"贷中", "信贷业务", "信贷审核", "信贷风控", "信贷产品", "信贷经理", "信贷员", "风控模型", "风控系统", "风控策略", "风控",
		"内部数据", "内部系统", "内部管理", "内部培训", "内部晋升", "内部沟通", "内部控制", "内部审计", "内部流程", "内部员工",
		"内部竞聘", "内部客户", "内部资源", "小额贷款", "消费金融", "金融科技", "金融服务", "金融产品", "金融行业", "金融平台开发",
		"金融平台运营", "金融平台产品", "金融平台技术", "互联网金融平台", "金融平台项目", "资金业务", "信用卡中心", "信用卡业务",
		"信用卡部", "银行卡业务", "收款系统", "手续费收入", "服务费收入", "会员体系", "会员管理", "会员运营", "会员服务",
		"押金管理", "保证金管理", "代理商", "付费用户", "付费推广", "付费投放", "按效果付费", "续费", "充值中心", "学费减免",
		"credit card center", "direct deposit", "deposit your pay", "deposited into your", "credit risk", "risk control", "payment system", "payment systems", "payments team"},
	// Who pays: a cost the company pays, refunds or subsidises is not a fee.
	"payer": {"厂里付", "厂里出", "厂方付", "公司付", "用人单位付", "厂里报", "入职后报", "公司报", "报销", "可报销", "公司报销", "全额报销", "凭票报销", "实报实销", "补贴", "补助", "公司承担", "由公司承担", "公司负担",
		"公司出", "公司支付", "公司买单", "厂里报销", "店里报销", "包", "全包", "公司包", "reimburse", "reimbursed",
		"reimbursement", "covered", "paid by the company", "company pays", "employer pays"},
	// Words that may stand between a negator and the flag it negates.
	"scope_fill": {"名义", "以任何名义", "任何名义", "任何形式", "形式", "名目", "任何名目", "理由", "借口", "方式", "办理", "提供",
		"索要", "索取", "要求", "让", "叫", "请", "委托", "中介", "或中介", "任何个人", "涉及", "参与", "存在", "产生", "设置", "强制", "强迫", "诱导", "额外", "一切", "各种", "任何",
		"相关", "求职者", "应聘者", "劳动者", "员工", "学员", "用户", "客户", "买卖双方", "双方", "个人", "任何人", "大家", "新人",
		"新员工", "往返", "来回", "您的", "你的", "求职人员", "应聘人员", "学生", "家长", "家长们", "同学", "各位", "朋友"},
	// Who keeps the document: the worker.
	"self_keep": {"自己", "自行", "本人", "您自己", "你自己", "由本人", "由您", "yourself", "your own", "you keep"},
	// Showing a document is not handing it over.
	"show": {"还给我", "还我了", "看了下", "看了一下", "就还给我", "看一下", "看看", "看下", "看一眼", "过目", "核验", "核对", "查验", "验证", "验一下", "出示", "复印", "复印件", "拍照",
		"拍个照", "登记", "归还", "当场归还", "还给你", "还给您", "还你", "退还给你", "核实", "verify", "verified", "check",
		"checked", "copy", "copied", "show", "shown", "returned", "scan", "scanned"},
	// Fees that can be lawful, and the context that makes them so.
	"lawful_fee": {"报名费", "考试费", "体检费", "健康证", "体检", "培训费", "学费", "培训费用", "中介费", "服务费", "介绍费", "考试费", "鉴定费",
		"health certificate", "medical check", "tuition", "agency fee", "service fee"},
	"lawful_ctx": {"考点", "开了票", "开票", "考试中心", "鉴定中心", "official site", "government site", "tsa", "dmv", "医院", "疾控", "卫生院", "体检中心", "卫生服务中心", "发票", "正规发票", "收据", "定点", "定点培训机构",
		"培训补贴", "政府补贴", "人力资源服务许可证", "许可证", "收费标准", "明码标价", "公示", "hospital", "clinic", "invoice",
		"receipt", "licensed", "licence", "license"},
	// Roles for which high pay is normal: unrealistic_pay needs easy work.
	"skilled": {"工程师", "开发", "程序员", "架构师", "算法", "经理", "总监", "主管", "主任", "销售", "置业顾问", "经纪人", "顾问",
		"设计师", "分析师", "合伙人", "律师", "医生", "会计", "教师", "讲师", "研发", "专家", "高级", "资深", "技术员", "技师",
		"建模", "大数据", "运营", "产品", "编辑", "策划", "engineer", "developer", "manager", "director", "analyst",
		"consultant", "sales", "designer", "architect", "senior", "specialist", "accountant", "nurse", "programmer",
		"scientist", "lead"},

	// ── Chat style (offer routing) ──
	"question": {"吗", "呢", "？", "?", "怎么", "如何", "什么", "哪里", "哪儿", "能不能", "可不可以", "请问", "是否",
		"为什么", "咋", "是不是", "有没有", "多少", "啥", "how", "what", "where", "why", "can i", "should i", "is it"},
	"contact_word": {"微信", "qq", "telegram", "电话", "手机", "联系", "私信", "私聊", "whatsapp", "call", "contact"},
	"greeting":     {"你好", "您好", "在吗", "谢谢", "hello", "hi", "早上好", "晚上好", "再见", "好的", "嗯", "哈哈", "ok", "thanks"},
}

// entityClasses are the $names a pattern may use. They come from the
// extraction step (extract.go) and the normaliser, not from the word list.
var entityClasses = []string{
	"$money",       // any money amount
	"$highpay",     // a pay claim of about 13,000 yuan a month or more (day ×26, hour ×8×26)
	"$veryhighpay", // a pay claim of about 26,000 yuan a month or more
	"$extremerate", // ≥ 1,000 yuan a day or ≥ 200 yuan an hour
	"$phone", "$wechat", "$qq", "$telegram", "$email",
	"$link",         // a link that is not official (gov.cn) and not a known job platform
	"$anylink",      // any link
	"$shortlink",    // a URL shortener
	"$badlink",      // an IP host, an .apk, a lookalike of a government domain, a throwaway TLD
	"$officiallink", // a gov.cn / .gov link
	"$company",      // a full company name (…有限公司)
	"$licence",      // a licence or credit-code number
	"$obfuscated",   // a contact disguised to dodge filters (1 3 8★1 2 3 4…, 一三八…, ab❤cd)
	"$contactslang", // a chat app named in slang or variant spelling (薇信, V, vx, 扣扣, 纸飞机)
}

// signalDef is one row of the lexicon table.
type signalDef struct {
	Code       string  // stable machine code
	Type       string  // the ScamTypes code this flag points to (empty for legitimacy signals)
	Weight     float64 // weight of a Strong match (>0 red flag, <0 legitimacy)
	WeakWeight float64 // weight of a Weak match
	Hard       bool    // a hard red flag: legitimacy signals never offset it
	Strong     []string
	Weak       []string
	With       []string // at least one must occur anywhere in the text (when set)
	Not        []string // none may occur anywhere in the text
	Handle     []string // weak patterns that count only when another red flag fired (a chat handle alone is no flag)
	Requires   []string // at least one of these signals must have fired (earlier rows)
	Unless     []string // none of these signals may have fired (earlier rows)
	Gap        int      // max runes between pattern parts; 0 → 8
	Literal    bool     // skip the negation/warning checks (the words carry their own sense)
	Advice     []string // advice codes (advice.go)

	LabelZH, LabelEN string
	RuleZH, RuleEN   string
}

var (
	ruleArt9ZH  = "《劳动合同法》第9条：招用劳动者不得扣押证件，不得要求提供担保或以任何名义收取财物"
	ruleArt9EN  = "Labour Contract Law Art. 9: an employer may not keep your ID or take money or property under any name"
	ruleEPL41ZH = "《就业促进法》第41条：职业中介不得扣押证件、收取押金"
	ruleEPL41EN = "Employment Promotion Law Art. 41: job agencies may not keep IDs or take deposits"
)

// signalDefs is the lexicon table. Rows with Requires or Unless must come
// after the rows they name. Weights are log-odds contributions (checker.go):
// about 1.5 alone makes a medium risk, about 2.7 a high risk.
var signalDefs = []signalDef{ // ── Money before work (types 1, 4, 5, 6) ──
	{Code: "rental_deposit", Type: "upfront_fee", Weight: 0.6,
		Strong: []string{"租|租赁|租用|租车|钥匙|门卡|房卡|储物柜|rent a|rental|key…{deposit}", "{deposit}…退车|还车|退租|退宿|退卡|returned with",
			"房东|房租|租房|押一付|合租|宿舍退…{deposit}", "{deposit}…房东|押一付|退租|水电费"},
		LabelZH: "租用物品（车、工具）要押金，问清退还办法", LabelEN: "Deposit for renting equipment: ask how it is returned"}, {Code: "deposit", Type: "upfront_fee", Weight: 3.0, WeakWeight: 2.2, Hard: true,
		Unless:  []string{"rental_deposit"},
		Strong:  []string{"{deposit}…$money", "$money…{deposit}", "{pay}…{deposit}", "{before_work}…{deposit}", "{deposit}…{pay}"},
		Weak:    []string{"{deposit}"},
		Advice:  []string{"no_pay", "report_labour"},
		LabelZH: "要求交押金或保证金", LabelEN: "Asks for a deposit or guarantee money",
		RuleZH: ruleArt9ZH + "；" + ruleEPL41ZH, RuleEN: ruleArt9EN + "; " + ruleEPL41EN},
	{Code: "upfront_fee", Type: "upfront_fee", Weight: 2.4, WeakWeight: 1.3,
		Not: []string{"开学", "书本费", "上学"},
		Strong: []string{"{fee}…$money", "$money…{fee}", "{pay}…{fee}", "{before_work}…{fee}", "{fee}…{pay}",
			"先|提前|预先…{pay}…$money", "收费|收取|收你|收您…$money", "交钱|花钱…包进|安排|进厂|入职",
			"费|金…$money", "$money…费|金", "{pay}…费|金", "$money…{personal_acct}", "{personal_acct}…$money",
			"购买|买…材料|资料|工具|纸笔|耗材|材料包…$money",
			"购买|买|自费|自己买…工作服|工服|工装|制服|工牌|胸牌|uniform"},
		Weak:    []string{"{fee}"},
		Gap:     6,
		Advice:  []string{"no_pay", "verify_employer"},
		LabelZH: "上班前要先交钱", LabelEN: "Asks you to pay before you start work",
		RuleZH: ruleArt9ZH, RuleEN: ruleArt9EN},
	{Code: "typing_job", Type: "typing_job", Weight: 1.0,
		Not:     []string{"in our office", "on site", "on-site", "onsite"},
		Strong:  []string{"打字员|录入员|抄写员|手抄|抄小说|打字兼职|录入兼职|文字录入|手写稿|抄写兼职|每千字|千字|抄书|手写员|抄写员|抄写古诗|录入文档|小说录入|打字的活|typist|typing job|data entry|per 1000 words|copy typing"},
		LabelZH: "打字、抄写类兼职（常见骗局）", LabelEN: "Typing or copying work, a common scam"},
	{Code: "handicraft", Type: "handicraft", Weight: 1.0,
		Strong:  []string{"手工活|手工外发|外发加工|串珠|贴钻|十字绣|钻石画|布娃娃|在家做手工|计件回收|回收成品|材料免费|拿货回家|手工加工|外发手工|组装外发|贴钻画|代加工|home assembly|bead|buy them back|starter kit|handicraft"},
		LabelZH: "手工活外发（常见骗局）", LabelEN: "Take-home handicraft work, a common scam"},
	{Code: "agency_guarantee", Type: "unlicensed_agency", Weight: 0.8,
		Strong:  []string{"包进厂|保进厂|进不了厂全退|进不去全退|不进厂全退|包分配工作|保证安排工作|保证能进|包你进|100% guaranteed|i know the hr|no licence needed|no license needed"},
		LabelZH: "中介打包票安排进厂", LabelEN: "Agent guarantees a place"},

	// ── Control of documents and cards (types 7, 15) ──
	{Code: "id_retention", Type: "id_retention", Weight: 3.2, Hard: true,
		Strong: []string{"{id_doc}…{retain}", "{retain_before}…{id_doc}",
			"手机|phone…统一保管|统一收|保管|上交|收走|没收|will be kept|be kept", "押证|押身份证|扣证件|扣身份证|收身份证|押证上岗|押毕业证|押学历证|押护照|押原件|押证件|押银行卡|手机统一保管|手机统一收|收手机|手机上交|上交手机|手机交给|phones will be kept|phone will be kept"},
		Not:     []string{"复印件|复印|copy|copies|当场归还|核对后|登记完|we only copy"},
		Gap:     8,
		Advice:  []string{"keep_id", "report_labour"},
		LabelZH: "要收走或扣押您的证件、银行卡", LabelEN: "Wants to keep your ID, bank card or phone",
		RuleZH: "《居民身份证法》第15条：任何单位和个人不得扣押身份证；" + ruleArt9ZH,
		RuleEN: "Resident ID Card Law Art. 15: no one may keep your ID card; " + ruleArt9EN},
	{Code: "card_rental", Type: "card_rental", Weight: 3.5, Hard: true,
		Strong: []string{"paofen|跑分|走个账|走账|过个账",
			"{rent_verb}…{card}", "{card}…{rent_verb}",
			"跑分|两部手机|两台手机|手机放家里|收一类卡|带u盾|帮忙收款|代收款|走流水|刷流水|过账|帮信|帮忙取现|取现兼职|买金条|收款抽佣|代收货款|洗钱|跑流水|打流水|语音网关|猫池|sim box|simbox|goip|走个流水|过个流水|放着就有钱|挂着就有钱|代取现",
			"帮|替…取现|取钱|收款|转账", "安装…设备…宽带|每天给|每天", "宽带…设备"},
		Gap:     6,
		Advice:  []string{"no_card_rental", "call_110"},
		LabelZH: "要您出租、出借银行卡、手机卡或帮人收款取现", LabelEN: "Wants to rent your bank card or SIM, or move money for others",
		RuleZH: "《反电信网络诈骗法》第31条：不得出租、出借、出售银行卡和电话卡；《刑法》第287条之二（帮信罪）",
		RuleEN: "Anti-Telecom Fraud Law Art. 31: never rent, lend or sell bank or phone cards; Criminal Law Art. 287-2"},
	{Code: "money_mule", Type: "card_rental", Weight: 3.2, Hard: true,
		Strong: []string{"receive…payments|funds|money…personal|my own…gift card|transfer|send|wire", "open…paypal|cashapp|cash app|bank account…logins|login|password|send them",
			"走账|帮忙走账|帮人走账|过流水|刷流水|代收代付|资金过桥|对公走账|帮忙过账|帮人转账|帮忙转账|替人收款|接收资金|跑分平台|跑分兼职|收微信号|收支付宝|卖微信号|卖支付宝|出租微信|出租支付宝|出售微信|出售支付宝|租微信号|租支付宝",
			"receive funds|receive payments|receive money|process payments|payment processing|payment processor|money transfer agent|financial agent|transfer the funds|forward the funds|forward the money|wire the money|send the money back|keep a percentage|keep 10%|keep 5%|commission on each transfer|use your bank account|through your bank account|into your account and",
			"receive|accept|process…payments|funds|money|transfers…transfer|forward|wire|send|remit|keep"},
		Gap:     12,
		Advice:  []string{"no_card_rental", "call_110"},
		LabelZH: "要您帮人走账、过流水、收款转账（洗钱“跑分”）", LabelEN: "Wants you to move money for others (money mule)",
		RuleZH: "《刑法》第287条之二（帮助信息网络犯罪活动罪）；《反电信网络诈骗法》第31条：不得出租、出借、出售银行账户、支付账户",
		RuleEN: "Criminal Law Art. 287-2 (helping information-network crime); Anti-Telecom Fraud Law Art. 31: never lend bank or payment accounts"},
	{Code: "reshipping", Type: "card_rental", Weight: 3.0, Hard: true,
		Strong: []string{"receive|get|accept…packages|phones|parcels|boxes…forward|mail them|ship them|reship|new address",
			"reship|reshipping|re-ship|package forwarding|parcel forwarding|forward packages|forward the packages|forwarding packages|repackage|re-package|receive packages|receiving packages|receive parcels|shipping manager from home|package handler from home|代收包裹再寄|收快递再转寄|转寄包裹"},
		Advice:  []string{"call_110"},
		LabelZH: "在家收包裹再转寄（替骗子转运赃物）", LabelEN: "Receiving and re-shipping packages at home",
		RuleZH: "《刑法》第312条（掩饰、隐瞒犯罪所得）；《刑法》第287条之二", RuleEN: "Receiving and forwarding stolen goods is a crime (Criminal Law Art. 312, 287-2)"},
	{Code: "cheque_scam", Type: "upfront_fee", Weight: 3.0, Hard: true,
		Strong: []string{"overpaid|bigger than my pay|extra…wire|send back|return the difference|western union",
			"cheque|money order|cashier's check|cashiers check|certified check|send you a check|mail you a check|check in the mail|mobile deposit…deposit|cash|send|wire|transfer|return|buy|purchase|vendor|gift card|zelle|bitcoin",
			"deposit the check|deposit the cheque|cash the check|cash the cheque|send back the difference|send the balance back|return the overpayment|overpayment"},
		Gap:     20,
		Advice:  []string{"no_pay", "call_110"},
		LabelZH: "寄支票让您存入再把钱转出（假支票）", LabelEN: "Sends a cheque to deposit, then asks you to send money on",
		RuleZH: "《刑法》第266条（诈骗罪）：假支票退票后损失全由您承担", RuleEN: "Criminal Law Art. 266 (fraud): the cheque bounces and you lose what you sent"},
	{Code: "paid_equipment", Type: "upfront_fee", Weight: 2.4,
		Strong: []string{"buy|pay for|purchase…software|license|licence|equipment|laptop|kit|background check|training…first|before|to start|then i can|reimburse", "pay the vendor|pay their vendor|vendor first",
			"vendor|supplier|our store…equipment|software|laptop|computer|office supplies|training materials|starter kit|printer|phone",
			"buy|purchase|order|pay for…equipment|software|laptop|computer|office supplies|training materials|starter kit|printer|certification…vendor|supplier|reimburse|refunded|before you start|before starting|to start",
			"购买|买|自费…软件|设备|工具包|资料包|电脑|手机…才能|上岗|接单|开始|派单"},
		Gap:     14,
		Advice:  []string{"no_pay"},
		LabelZH: "上岗前要您向指定商家买设备、软件或培训", LabelEN: "Asks you to buy equipment, software or training from their 'vendor' before you start",
		RuleZH: ruleArt9ZH, RuleEN: ruleArt9EN},
	{Code: "chat_interview", Type: "diversion", Weight: 1.6,
		Strong: []string{"move to|switch to|continue on|go to…signal|telegram|whatsapp…interview",
			"hangouts|google chat|wire app|wickr|telegram|whatsapp|signal app|teams chat|yahoo messenger|skype chat|instant messag…interview",
			"interview…hangouts|google chat|wire app|wickr|telegram|whatsapp|teams chat|yahoo messenger|skype chat|instant messag|via text|by text|over text|via chat|by chat|online chat",
			"text interview|chat interview|text-based interview|文字面试|打字面试|微信面试|qq面试|聊天面试"},
		Gap:     10,
		Advice:  []string{"stay_on_platform"},
		LabelZH: "只在聊天软件上“面试”", LabelEN: "Interview held only by chat app or text",
		RuleZH: "五部门《关于规范网络平台招聘类信息发布的通知》：禁止借招聘信息非法引流", RuleEN: "2026 five-ministry notice: job ads may not divert users off the platform"},
	{Code: "no_interview", Type: "task_brushing", Weight: 1.0,
		Strong:  []string{"no interview|without an interview|without any interview|without interview|no interview required|no interviews|hired immediately|immediate hire|hired on the spot|you have been hired|you've been hired|you are hired|you're hired|hired without|免面试录用|免面试直接录用|不用面试直接录用|无需面试直接录用"},
		Literal: true,
		LabelZH: "不面试就录用", LabelEN: "Hired without any interview"},
	{Code: "wfh_task_pay", Type: "task_brushing", Weight: 1.4,
		Strong: []string{"work from home|from home|remote|online…per task|per click|per review|per survey|per like|per order|per video|each task|per completed|paid per",
			"per task|per click|per review|per survey|per like|paid per…from home|remote|online|phone"},
		Gap:     16,
		Advice:  []string{"no_task_pay"},
		LabelZH: "在家按任务计钱的网络兼职", LabelEN: "Work from home paid per task or click"},
	{Code: "task_rebate", Type: "task_brushing", Weight: 2.6, WeakWeight: 1.2,
		Strong: []string{"pay…to withdraw|to unlock|to start earning",
			"任务|抢单|抢丹|派单|领钱|返利|返佣|vip…充值|充了|先充|升级", "充值|充了|先充…才能|升级|解冻|继续|抢|提现", "操作失误|卡单…再做|解冻|充",
			"抢单|抢单员|抢单返佣|前三单必返|前几单必返|前两单必返|单单必返|必返|做任务返佣|任务返佣|做单返佣|返佣任务|做任务赚佣金|接单返佣|垫付返佣|充值返佣|本金加佣金|本金+佣金|本金和佣金|返本金|grab orders|order grabbing|grab order|commission after each task|return your principal|principal plus commission",
			"{pay}|垫付|充值|下单…返佣|返利|佣金|本金|commission|rebate", "任务|做单|接单|task|tasks…佣金|返佣|返利|commission|rebate…垫付|充值|{pay}|top up|recharge|deposit"},
		Weak:    []string{"返佣|佣金日结|做任务|日结佣金"},
		Gap:     10,
		Advice:  []string{"no_task_pay", "call_110"},
		LabelZH: "抢单、做任务返佣（刷单返利）", LabelEN: "Order-grabbing or task rebates (pay first, 'commission' later)",
		RuleZH: "公安部：刷单返利是最高发的电信网络诈骗类型；《刑法》第266条（诈骗罪）", RuleEN: "Police: task-rebate fraud is the most common telecom fraud; Criminal Law Art. 266"},
	{Code: "typing_membership", Type: "typing_job", Weight: 2.6, Hard: true,
		Strong: []string{"打字|录入|抄写|手抄|打字员|录入员|抄写员|typing|typist|data entry|transcription…会员|会费|入会|软件|激活|membership|software|vip|starter kit|registration fee",
			"会员费|升级会员|开通会员|办会员|会费|软件费|购买软件|激活费|membership|software|vip…打字|录入|抄写|手抄|派单|接单|typing|data entry|transcription"},
		Gap:     20,
		Advice:  []string{"no_pay"},
		LabelZH: "打字、抄写兼职要先交会员费或买软件", LabelEN: "Typing or data-entry job that needs a paid membership or software",
		RuleZH: ruleArt9ZH + "；《刑法》第266条（诈骗罪）", RuleEN: ruleArt9EN + "; Criminal Law Art. 266 (fraud)"},
	{Code: "boss_impersonation", Type: "upfront_fee", Weight: 3.0, Hard: true,
		Strong: []string{"在开会不方便|开会不方便|开会中不方便|卡密发给|买几张购物卡|给供应商打款", "购物卡|礼品卡|充值卡…卡密|卡号", "用公司账户|公司的账户…打款|转账|付款",
			"不方便出面|不方便露面|不方便接电话|不方便接听|先转给你再|先转给你，你再|你再转给他|帮我垫付|帮我先垫|帮我垫一下|先帮我转|帮我转一笔|帮我打一笔|帮我转个账|帮我转账|帮我汇|卡号开户行|开户行姓名|开户行和姓名|账号开户行|发你卡号|把卡号发你|i can't talk right now|buy gift cards for me|need you to wire",
			"我是…领导|老板|主任|校长|经理|总|表哥|舅舅|老同学…转账|汇款|打款|垫付|转一下|借点钱|借钱|转钱",
			// money relayed through the worker: 我先转给你，你再帮我转给他
			"转给你|打给你|转到你|打到你|转你账上|打你卡上…你再|然后你|再帮我|再替我…转|打|汇|安排",
			"帮我代付|帮忙代付|替我代付|找个可靠的人转|以你名义转|用你的名义转|你私下帮我"},
		Gap:     16,
		Advice:  []string{"call_110", "ask_96110"},
		LabelZH: "冒充领导、熟人要您转账或垫钱", LabelEN: "Someone posing as your boss or a friend asks you to transfer or advance money",
		RuleZH: "《刑法》第266条（诈骗罪）：转账前先打电话或当面核实身份", RuleEN: "Criminal Law Art. 266 (fraud): check by phone or in person before any transfer"},
	{Code: "police_impersonation", Type: "official_phishing", Weight: 3.2, Hard: true,
		Strong: []string{"安全账户|资金核查|资金清查|清查资金|核查资金|资金审查|逮捕令|通缉令|拘捕令|冻结你的|冻结您的|safe account|secure account|arrest warrant",
			"涉嫌|涉及|涉案|suspected|involved in…洗钱|诈骗案|案件|犯罪|贩毒|money laundering|crime|case…转账|账户|配合|核查|保密|transfer|account|cooperate",
			"公安局|检察院|法院|警官|民警|公检法|police|prosecutor…转账|安全账户|资金|账户|验证码|transfer|account"},
		Gap:     20,
		Advice:  []string{"call_110", "no_code"},
		LabelZH: "冒充公检法说您涉案，要您转账或“资金核查”", LabelEN: "Someone posing as police says you are in a case and asks for money",
		RuleZH: "公安机关不会电话办案，也没有“安全账户”；《刑法》第266条（诈骗罪）", RuleEN: "Police never handle cases by phone and have no 'safe account'; Criminal Law Art. 266"},
	{Code: "pig_butchering", Type: "task_brushing", Weight: 2.8, Hard: true,
		Strong: []string{"有内幕|带我赚钱|带你赚钱|带你投资", "投资平台|理财平台|交易平台…充|投|入金", "跟着老师|跟着导师…买|投|充",
			"导师带单|老师带单|带单|内幕消息|平台漏洞|后台漏洞|稳赚不亏|包赚不赔|稳赚不赔|guaranteed profit|insider tip|trading mentor",
			"宝贝|老婆|亲爱的|老公|宝宝|baby|honey|dear…充值|投资|平台|入金|下注|稳赚|理财|invest|platform|crypto|trading"},
		Gap:     16,
		Advice:  []string{"call_110", "no_pay"},
		LabelZH: "网恋对象拉您上平台投资充值（杀猪盘）", LabelEN: "Online 'romance' leading to an investment platform (pig butchering)",
		RuleZH: "《刑法》第266条（诈骗罪）", RuleEN: "Criminal Law Art. 266 (fraud)"},
	{Code: "stranger_opener", Type: "task_brushing", Weight: 1.2,
		Strong:  []string{"加错人|加错了|加错你了|存错号|加错号…缘分|缘份|认识一下|交个朋友|自我介绍|聊聊"},
		Gap:     30,
		Advice:  []string{"ask_96110"},
		LabelZH: "陌生人“加错了”又主动交朋友，常是杀猪盘的开头", LabelEN: "A stranger 'added you by mistake' and wants to be friends: a common start of romance-investment fraud"},
	{Code: "romance_money", Type: "task_brushing", Weight: 1.2,
		Strong:  []string{"宝贝|老婆|老公|亲爱的|大宝宝…赚钱|挣钱|收益|规划|回报|翻倍|赚了|网银|充好"},
		Gap:     20,
		Advice:  []string{"ask_96110", "no_pay"},
		LabelZH: "网上认识的“对象”谈赚钱、收益", LabelEN: "An online 'partner' talks about making money"},
	{Code: "loan_fee_fraud", Type: "upfront_fee", Weight: 3.0, Hard: true,
		Strong: []string{"无抵押|免抵押|低息|秒批|秒下款|黑户|贷款|下款|放款|借款…解冻|保证金|流水|验资|手续费|工本费|激活|冻结|卡号错误|会员费|刷流水",
			"解冻费|验资费|卡号填错|卡号错误|账户冻结…贷款|下款|放款|借款"},
		Gap:     20,
		Advice:  []string{"no_pay", "call_110"},
		LabelZH: "“贷款客服”要先交解冻费、保证金或刷流水", LabelEN: "A 'loan service' that wants fees or deposits before paying out",
		RuleZH: "正规贷款放款前不收任何费用；《刑法》第266条（诈骗罪）", RuleEN: "A real lender takes no fee before paying out; Criminal Law Art. 266"},
	{Code: "game_skin_lure", Type: "task_brushing", Weight: 2.6, WeakWeight: 1.0,
		Strong: []string{"皮肤|点券|钻石|游戏币|英雄|skin|skins|robux|v-bucks…家长|爸爸|妈妈|爸妈|父母|扫码|付款|转账|验证码|支付|parent|parents|your mom|your dad",
			"家长|爸爸|妈妈|爸妈|父母…手机…皮肤|点券|游戏"},
		Weak:    []string{"免费领皮肤|免费送皮肤|领皮肤|送皮肤|皮肤免费领|免费皮肤|free skins|free robux|free v-bucks"},
		Gap:     20,
		Advice:  []string{"call_110", "no_code"},
		LabelZH: "“免费领皮肤”骗孩子用家长手机付款", LabelEN: "'Free game skins' lure that gets children to pay on a parent's phone",
		RuleZH: "《刑法》第266条（诈骗罪）；公安机关提醒：“免费领皮肤”多为诈骗", RuleEN: "Criminal Law Art. 266 (fraud)"},
	{Code: "fee_lawful_verify", Weight: -0.3,
		Strong: []string{"体检费|健康证|体检|health certificate|medical check…医院|疾控|卫生院|体检中心|发票|收据|hospital|clinic|receipt",
			"培训费|学费|tuition…定点|发票|补贴|invoice|subsid", "中介费|服务费|介绍费|agency fee|service fee…人力资源服务许可证|许可证|收费标准|明码标价|$licence|licensed|licence|license"},
		Not:     []string{"{personal_acct}"},
		Gap:     16,
		Literal: true,
		LabelZH: "收费看起来合法：请核对收据、发票或许可证", LabelEN: "The fee may be lawful: check the receipt, invoice or licence"},
	{Code: "otp_request", Type: "official_phishing", Weight: 3.2, WeakWeight: 2.0, Hard: true,
		Strong: []string{"填…密码|验证码",
			"{give}…密码|支付密码|银行卡密码|cvv|安全码|password|pin", "密码|支付密码|cvv…{give}",
			"银行卡号|卡号…密码|验证码|cvv", "card number…cvv|pin|password|code"},
		Weak:    []string{"{give}…验证码|短信验证码|动态码|sms code|verification code|otp", "验证码|短信验证码|sms code…{give}|发过来|发我"},
		Gap:     8,
		Advice:  []string{"no_code", "call_110"},
		LabelZH: "要银行卡号、密码或验证码", LabelEN: "Asks for your card number, password or verification code",
		RuleZH: "《反电信网络诈骗法》：政府和正规单位不会索要验证码和密码", RuleEN: "Anti-Telecom Fraud Law: real offices never ask for codes or passwords"},
	{Code: "screen_share", Type: "official_phishing", Weight: 2.6, Hard: true,
		Strong:  []string{"屏幕共享|共享屏幕|开启共享|开屏幕共享|远程控制|screen shar|share your screen|share screen|remote control"},
		Advice:  []string{"no_code", "call_110"},
		LabelZH: "要您开屏幕共享或远程控制", LabelEN: "Asks you to share your screen"},

	// ── Loans (types 2, 16) ──
	{Code: "training_loan", Type: "training_loan", Weight: 3.0, Hard: true,
		Strong: []string{"培训贷|学费贷|实训协议|技能强化与上岗协议|先学后付|0元入学|零元入学|study now, pay later",
			"{loan}…{training}", "{training}…{loan}"},
		// The loan must be for the course, close to it: a loan word in a job
		// duty (贷款审核, 信用卡还款提醒) and paid training elsewhere are not.
		Gap:     12,
		Not:     []string{"{beauty}"},
		Advice:  []string{"no_loan", "ask_96110"},
		LabelZH: "以培训为名让您贷款或分期", LabelEN: "Pushes you into a loan or instalments for training",
		RuleZH: "《人力资源服务机构管理规定》：不得诱导、强迫劳动者办理贷款", RuleEN: "HR Service Agency Rules: agencies may not push workers into loans"},
	{Code: "job_training", Type: "training_loan", Weight: 1.6, WeakWeight: 0.7,
		Strong: []string{"先培训|先学习|岗前培训|上岗前培训|入职培训|岗前实训|先报…{fee}|{pay}|费用|$money", "{fee}|费用|$money…先培训|培训后上岗|培训完上岗|学完派单|学完直接上岗",
			"passed the interview|after the interview|you are hired|you're hired|job offer|you passed…training|course|bootcamp", "training|course|bootcamp…before you start|to get the job|after the interview"},
		Weak:    []string{"培训完直接上岗|培训后直接上岗|包就业|保就业|包分配|不就业全额退款|找不到工作退|推荐就业|先培训再上岗|培训后上岗|缺经验|缺项目经验|学完直接上岗|guaranteed job after|job after the course"},
		Gap:     12,
		Advice:  []string{"no_loan"},
		LabelZH: "先交钱培训才能上岗（招转培）", LabelEN: "Paid training before the job (the job turns into a course)"},
	{Code: "beauty_loan", Type: "beauty_loan", Weight: 3.0, WeakWeight: 1.8, Hard: true,
		Strong: []string{"美容贷|整容贷|医美贷|颜值贷",
			"{beauty}…{loan}|公司补贴|公司帮还|公司报销|company pays", "{loan}…{beauty}"},
		Weak:    []string{"模卡|模卡费|签约费|拍写真|形象包装费|包装费|定妆照|拍模卡|model card|signing fee", "主播|模特|艺人|网红|model|streamer…{fee}|费用"},
		Gap:     24,
		Advice:  []string{"no_loan", "no_pay"},
		LabelZH: "要您整容、拍模卡或办贷款才能上岗", LabelEN: "Wants cosmetic work, paid photos or a loan as a hiring condition",
		RuleZH: ruleArt9ZH, RuleEN: ruleArt9EN},

	// ── Tasks and easy money (types 3, 4) ──
	{Code: "advance_payment", Type: "task_brushing", Weight: 3.0, Hard: true,
		Not: []string{"入职后报", "报销", "公司报", "厂里报", "厂报"},
		Strong: []string{"自行垫付|自己垫付|需要垫付|需垫付|垫付资金|垫付货款|垫付本金|你垫付|您垫付|垫资|先充后返|充值越多|先充值|刷单垫付|垫付购买|先用自己的钱|自己的钱|先下单付款|先下单|自己下单|自行下单|自己购买|自己先买|自己先垫|you pay for the order|pay for the order|advance the money|top up first",
			"充值|本金|principal…返|返利|提现|佣金|返还|refund|commission", "提现|解冻|激活|withdraw…{pay}|{fee}|充值|再做一单|再做",
			"下单|购买商品|买商品|垫付…返款|返还|退款|返现|返本金", "top up|recharge|deposit money…first|to unlock|to withdraw|to continue|higher-paying", "must top up|need to top up|your own money|own money|prepayment|prepay|pre-pay|advance payment|pay in advance"},
		Gap:     10,
		Advice:  []string{"no_task_pay", "call_110"},
		LabelZH: "做任务要先垫钱或充值", LabelEN: "Asks you to advance or top up money for tasks",
		RuleZH: "《刑法》第266条（诈骗罪）：要垫钱的任务都是诈骗", RuleEN: "Criminal Law Art. 266 (fraud): any task that needs your money first is fraud"},
	{Code: "task_brushing", Type: "task_brushing", Weight: 2.4, WeakWeight: 1.0,
		Strong:  []string{"刷单|shuadan|shua dan|刷dan|刷信誉|刷好评|补单|卡单|连单|组合任务|点赞关注|关注截图|截图领|截图返|做任务返|任务返利|返利|寄拍|刷流量|点赞赚|点赞员|抖音点赞|关注赚|点赞任务|截图给客服|刷销量|做单员|五星好评|打好评|好评返现|首单必返|新人首单|关注抖音|福利任务|写好评|刷评论|rating products|rate products|send screenshots|cashback|rebate|boost app ratings|boost ratings|app ratings|product reviews|write reviews|like and follow|boost sales|order brushing|brush orders|per task|combination task|5-star review|five-star review"},
		Weak:    []string{"做任务|接任务|任务单|返佣|返现|高佣金|派单员|任务大厅|领任务|提升销量|paid tasks|simple tasks|online tasks|task commission"},
		Advice:  []string{"no_task_pay"},
		LabelZH: "刷单、点赞返利类任务", LabelEN: "Order-brushing or like-for-pay tasks",
		RuleZH: "公安部：刷单返利是最高发的诈骗类型", RuleEN: "Police: order-brushing is the most common fraud"},
	{Code: "unrealistic_pay", Type: "task_brushing", Weight: 2.0, WeakWeight: 1.0,
		Strong:  []string{"$highpay"},
		Weak:    []string{"$extremerate"},
		With:    []string{"{easy}"},
		Not:     []string{"{skilled}"},
		Advice:  []string{"verify_employer"},
		LabelZH: "轻松活却给高工资，不合常理", LabelEN: "High pay for easy or unskilled work"},
	{Code: "extreme_pay", Type: "overseas", Weight: 1.2,
		Strong:  []string{"$extremerate"},
		Unless:  []string{"unrealistic_pay"},
		LabelZH: "日薪或时薪高得离谱", LabelEN: "Daily or hourly pay far above normal"},
	{Code: "easy_money", Type: "task_brushing", Weight: 1.6, WeakWeight: 0.6,
		Strong: []string{"躺赚|动动手指|日入过千|日赚千|日入千|零成本高回报|稳赚不赔|轻松月入过万|月入过万无经验|一部手机月入|手机月入过万|轻松日入|躺着赚|零成本|easy money|passive income|earn passively|paid instantly",
			"无经验|零经验|不限学历|在家|足不出户|宝妈|from home|from your phone…月入过万|日入|日赚|月入上万|月赚|earn"},
		Weak:    []string{"轻松赚|秒结|足不出户|在家赚钱|零投入|高回报|稳赚|无风险|暴利|上不封顶|一天赚|earn money"},
		Gap:     12,
		LabelZH: "“轻松赚钱”的夸大宣传", LabelEN: "Promises easy money"},

	// ── Diversion (type 11) ──
	{Code: "profile_contact", Type: "diversion", Weight: 0.8,
		Strong:  []string{"看主页|见主页|主页有联系方式|主页联系|私信领|私我领|扫码进群|进群领|加群领|主页看|头像联系|看头像|看我头像|看我主页|进群再说|check my profile|see my profile"},
		Advice:  []string{"stay_on_platform"},
		LabelZH: "让您看主页、扫码进群再联系", LabelEN: "Sends you to a profile page or group to get in touch"},
	{Code: "private_contact", Type: "diversion", Weight: 1.5, WeakWeight: 0.4,
		Not: []string{"我加他微信", "我加了他", "我去加", "我加他", "我加她"},
		Strong: []string{"不要在平台|平台不方便|别在平台|离开平台|换个软件聊|平台聊不方便|平台上不方便|这里不回复|此处不回复|平台内不回复|平台不回复|不在这里回复|平台上消息看不到|平台消息看不到|平台看不到消息|平台回复不了|平台不能聊|平台不常看|平台不看|平台很少看|不常上平台|这里不回消息|这里不回|不看消息|不回消息|消息不回|don't reply here|do not reply here|not checked|off the platform|contact on telegram only|don't message here|do not message here",
			"平台…不常看|不看|很少看|不回|看不到|不方便", "这里|这边…不常看|很少看|不回|看不到|不看消息|不回消息", "进群|加群…红包|领红包|送红包"},
		Weak:    []string{"加微信|加我微信|+微信|私聊|加qq|qq群|微信群|加群|私我|加好友|加我|加…微信|qq|telegram|add me on|dm me"},
		Handle:  []string{"$wechat|$qq"},
		Gap:     3,
		Advice:  []string{"stay_on_platform"},
		LabelZH: "把您引到私人微信、QQ或群里", LabelEN: "Moves you to a private chat or group",
		RuleZH: "五部门《关于规范网络平台招聘类信息发布的通知》：禁止借招聘信息非法引流", RuleEN: "2026 five-ministry notice: job ads may not divert users off the platform"},
	{Code: "obfuscated_contact", Type: "diversion", Weight: 1.5, WeakWeight: 0.8,
		Strong:  []string{"$obfuscated"},
		Weak:    []string{"$contactslang"},
		Literal: true,
		Advice:  []string{"stay_on_platform"},
		LabelZH: "联系方式故意写得七拐八弯，躲避平台审核", LabelEN: "Contact details disguised to dodge the platform's filters"},
	{Code: "niche_app", Type: "diversion", Weight: 1.6, WeakWeight: 1.0,
		Strong: []string{"蝙蝠|事密达|连信|海鸥app|默往|币信|bat聊天|蝙蝠聊天",
			"加|添加|联系|私聊|下载|安装|转到|换到|用|add|contact|message|text|reach|download|install|move to|switch to…telegram|whatsapp|$telegram|line号|skype|signal app|hangouts|wickr|wire app|teams chat",
			"telegram|whatsapp|$telegram|skype|hangouts|signal app…详聊|私聊|细聊|面试|沟通|联系我|找我|interview|chat with|for details|to discuss|contact me|message me|only",
			"面试|面谈|interview…在|on|via|through|over|by…telegram|whatsapp|skype|hangouts|google chat|teams chat|signal app|wickr"},
		Handle:  []string{"telegram|whatsapp|line号|加line|signal app|skype|$telegram"},
		Gap:     6,
		Advice:  []string{"stay_on_platform"},
		LabelZH: "要用纸飞机、蝙蝠等小众聊天软件", LabelEN: "Uses a niche chat app such as Telegram or Bat",
		RuleZH: "公安部刑侦局：警惕“小众聊天软件”", RuleEN: "Police warn about niche chat apps"}, {Code: "app_download", Type: "diversion", Weight: 1.8, WeakWeight: 1.2,
		Strong: []string{"面试|面谈|interview…下载|安装|download|install…app|软件|apk", "下载|安装|download|install…app|软件|apk…面试|面谈|interview|领任务|接单",
			"not the app store|not from the app store|不是应用商店|不在应用商店"},
		Weak:    []string{"下载|安装…app|软件|客户端|apk", "app|软件|apk…下载|安装|download|install", "app下载|下载链接|安装包|扫码下载|download…app|apk"},
		Gap:     8,
		Not:     []string{"应用商店|应用市场|app store|官方app|官方 app|国家反诈中心|掌上12333|电子社保卡|official app"},
		Advice:  []string{"stay_on_platform"},
		LabelZH: "要您下载陌生APP", LabelEN: "Asks you to install an unknown app"},

	// ── Abroad (type 8) ──
	{Code: "overseas_high_pay", Type: "overseas", Weight: 3.0, Hard: true,
		Strong:  []string{"{place_risky}"},
		With:    []string{"{abroad_lure}|$highpay|$veryhighpay|$extremerate"},
		Advice:  []string{"overseas", "call_110"},
		LabelZH: "境外高薪招工（缅北、柬埔寨等）", LabelEN: "High-pay job abroad (Myanmar, Cambodia …)",
		RuleZH: "外交部、公安部提醒：警惕境外高薪招聘；出国务工只走有资质的对外劳务合作企业", RuleEN: "MFA and police: distrust high-pay jobs in northern Myanmar etc.; go abroad only through licensed labour-cooperation firms"},
	{Code: "overseas", Type: "overseas", Weight: 1.6, WeakWeight: 1.0,
		Strong:  []string{"{place_abroad}|{place_risky}|{place_border}…{abroad_lure}|$highpay|$extremerate", "{abroad_lure}|$highpay|$extremerate…{place_abroad}|{place_risky}|{place_border}"},
		Weak:    []string{"{place_risky}|{place_border}"},
		Unless:  []string{"overseas_high_pay"},
		Not:     []string{"对外劳务合作|劳务合作经营资格|licensed labour"},
		Gap:     24,
		Advice:  []string{"overseas"},
		LabelZH: "去境外或边境地区工作，条件好得反常", LabelEN: "Work abroad or at the border with unusual perks"},
	{Code: "border_crossing", Type: "overseas", Weight: 3.0, Hard: true,
		Strong:  []string{"偷渡|偷越|不走口岸|走小路|翻山过去|不用护照|不需要护照|没有护照也|边境线|有人接应|接应你|蛇头|不用签证|坐船过去|过境有人接|不用办护照|不需要办护照|不用带护照|会有人接你过去|no passport needed|without a passport|cross the border"},
		Literal: true,
		Advice:  []string{"overseas", "call_110"},
		LabelZH: "要您偷越国境", LabelEN: "Wants you to cross the border illegally",
		RuleZH: "《刑法》第322条：偷越国（边）境是犯罪", RuleEN: "Criminal Law Art. 322: illegal border crossing is a crime"},
	{Code: "crypto_wage", Type: "overseas", Weight: 2.6, Hard: true,
		Strong: []string{"u结|币结|结算u|发u|usdt结|usdt结算",
			"工资|月薪|薪资|日薪|底薪|salary|wages|paid…usdt|虚拟币|数字货币|比特币|泰达币|crypto|bitcoin|tether"},
		Gap:     10,
		Advice:  []string{"verify_employer", "call_110"},
		LabelZH: "工资用USDT等虚拟币发", LabelEN: "Wages paid in USDT or other crypto",
		RuleZH: "《工资支付暂行规定》第5条：工资应当以法定货币支付；境外“U结”高薪多是诈骗园区的招工话术",
		RuleEN: "Wage Payment Provisions Art. 5: wages are paid in legal tender; 'paid in USDT' is a scam-compound lure"},
	{Code: "crypto_pay", Type: "overseas", Weight: 2.2,
		Unless:  []string{"crypto_wage"},
		Strong:  []string{"usdt|u结|u币|泰达币|虚拟币|数字货币|比特币|trc20|erc20|币安|欧易|okx|火币|钱包地址|币结|结算u|发u|crypto|bitcoin|tether|wallet address"},
		LabelZH: "用USDT等虚拟币结算工资", LabelEN: "Pays in USDT or other crypto"},
	{Code: "secrecy", Type: "overseas", Weight: 2.0, Hard: true,
		Strong: []string{"别告诉家人|不要告诉家人|不要跟家人说|别跟家里说|别跟家人说|先别告诉|不要告诉任何人|删除聊天记录|删掉聊天记录|删聊天记录|聊天记录删|不要告诉父母|别告诉父母|到了用我电话|不要报警|别报警|不要跟家里人说|对家里保密|不能告诉家人|别告诉别人|不要告诉别人|有保密要求|don't tell your family|do not tell your family|delete the chat|delete our chat|keep it secret",
			"聊天记录…删", "删…聊天记录"},
		Gap:     6,
		Literal: true,
		Advice:  []string{"call_110"},
		LabelZH: "要您瞒着家人、删聊天记录", LabelEN: "Asks you to keep it secret or delete chats"},

	// ── Pyramid, fake referrals, franchise, certificates (types 9, 10, 13, 14) ──
	{Code: "pyramid", Type: "pyramid", Weight: 3.0, WeakWeight: 2.0, Hard: true,
		Strong: []string{"去广西|去北海|去南宁|来广西|来北海…不用带|到了再说|来了就知道|到了就知道",
			"国家扶持|国家秘密|国家暗中|国家默许|国家支持…项目|工程|经济|政策|行业|事业", "资本运作|连锁经营|连锁销售|1040工程|1040阳光工程|一零四零|纯资本|五级三晋|五级三阶|国家秘密工程|国家暗中扶持|国家扶持项目|国家秘密项目|民间资本运作|国家秘密政策|国家扶持的项目|capital operation|downline"},
		Weak: []string{"拉人头|发展下线|拉人入伙|拉三个人|拉亲友|团队计酬|上线下线|考察项目|先来听课|拉人头费|发展会员|入门费|拉新返佣|拉人返佣|拉人奖励|每发展一人|发展一人|发展越多|认购产品|认购一份|先拿一份|拿一份货|everyone you bring|bring in friends|recruit your friends|recruit others", "拉|带|发展…同学|朋友|亲戚|亲友|人|个人…加入|进来|入伙|提成|奖励|晋升|升级",
			"介绍|邀请…人|个…加入|入伙|晋升|升级|下线", "拉|发展|带…下线|人头|会员",
			"先买|购买|认购|先交|入门…产品|货|套餐|$money…每介绍|每邀请|每拉|每发展|介绍一个|邀请一个|拉一个", "invest|become a member…bring|recruit", "bonus|commission|earn|reward…new member|recruit|bring in|invite", "recruit|bring in|invite…bonus|commission|level|reward",
			"starter package|buy a package|joining package"},
		Gap:     10,
		Advice:  []string{"pyramid", "call_110"},
		LabelZH: "像传销（资本运作、拉人头）", LabelEN: "Looks like a pyramid scheme",
		RuleZH: "《禁止传销条例》；《刑法》第224条之一（组织、领导传销活动罪）", RuleEN: "Regulation on Prohibiting Pyramid Selling; Criminal Law Art. 224-1"},
	{Code: "fake_referral", Type: "fake_referral", Weight: 2.2, WeakWeight: 1.0,
		Strong: []string{"认识…领导|关系|内部…交|花|给…安排进去|安排进|保进",
			"内推名额|内部名额|保录取|包录取|保过|包过|直签|不用考试|免试入职|花钱买编制|付费内推|内推费|走关系|保证入职|包入编|内部指标|关系安排|保上岸|包上岸|内部招工|免考试|无需考试|不用笔试|不用参加统考|规划师|交钱包进|花钱包进|guaranteed position|guaranteed offer|internal referral|100% pass|no exam|buy a position",
			"内推|编制|入编|央企|国企|内部推荐|内部渠道…{fee}|费用|$money|包进", "万人入编|急招…入编|入编…急招", "扩招|急招|大量招…入编|编制", "直接入编|签约入编|规划老师|打点|有关系可以|有关系直接",
			"内部…名额|指标|关系|编制", "~不用|无需|不需要|不参加|不用参加…~考试|笔试|统考", "免试|免考|免笔试"},
		Weak:    []string{"入编|编制名额|内部关系|央国企规划|包进"},
		Gap:     12,
		Advice:  []string{"verify_employer", "no_pay"},
		LabelZH: "花钱买“内推名额”或编制", LabelEN: "Sells an 'internal referral' or a guaranteed job",
		RuleZH: "《人力资源市场暂行条例》第27条：不得以招聘为名牟取不正当利益", RuleEN: "HR Market Regulation Art. 27: no improper gain under the name of recruitment"},
	{Code: "franchise", Type: "franchise", Weight: 2.2, WeakWeight: 1.0,
		Strong: []string{"加盟费|包回本|包选址|区域代理费|代理费|设备费|区域保证金|品牌使用费|保证回本|三个月回本|franchise fee|payback guaranteed|return guaranteed|equipment fee",
			"加盟|入股|投资|开店|franchise|invest…$money|费", "合伙人|店长|当老板…投资|入股|出资|加盟"},
		Weak:    []string{"加盟|招商|创业项目|入股|投资开店|当老板|franchise|sub-brand"},
		Gap:     10,
		Advice:  []string{"no_pay", "verify_employer"},
		LabelZH: "招聘变招商，要您投钱加盟", LabelEN: "A job that turns into paying for a franchise"},
	{Code: "certificate", Type: "certificate", Weight: 2.2, WeakWeight: 1.0,
		Strong: []string{"证书|拿证|考证…挂靠|挂出去|挂企业|挂靠费|躺赚|年赚|入库费|包过|一年赚", "挂证|证书挂靠|入库费|考证躺赚|挂证费|证书不够|证不够|挂靠企业|挂到企业|证书入库|certificate affiliation",
			"certificate…no exam|100% pass|register it with|passively|earn"},
		Weak:    []string{"碳排放管理员|碳排放交易员|碳排放交易师|装配式工程师|bim工程师|碳排放管理师|投标碳排放|速成拿证|bim engineer"},
		Gap:     14,
		Advice:  []string{"no_pay"},
		LabelZH: "考证挂靠“躺赚”", LabelEN: "Certificates 'rented out' for easy income"},

	// ── Chat companions (type 12) ──
	{Code: "chat_companion", Type: "chat_companion", Weight: 2.2, WeakWeight: 1.0,
		Strong: []string{"陪聊|男公关|女公关|富婆|裸聊|举牌|伴游|陪酒|夜场|会所|情感倾听|树洞倾听|倾听师|私拍|聊天赚钱|陪睡|包养|陪伴师|线上陪伴|情感陪护|男模|chat companion|pr host|wealthy ladies|escort|hostess|keeping wealthy",
			"陪…聊|喝酒", "送礼物…拿|提成|分成"},
		Weak:    []string{"陪玩|聊天员|交友软件|交友app|语音聊天|视频聊天|文字聊天|约会|companions|video chat"},
		Gap:     3,
		Advice:  []string{"report_12377"},
		LabelZH: "陪聊、公关等色情或诈骗招聘", LabelEN: "Chat-companion or escort recruiting"},

	// ── Social insurance, phishing, rights (types 17, 18, 19) ──
	{Code: "insurance_fraud", Type: "insurance_fraud", Weight: 2.4,
		Strong: []string{"代缴|代办|挂靠|做劳动关系|内部关系|内部人员|内部办理|包办|买工龄|买断工龄|补够15年|补足15年|一次性补缴|补缴15年|代办退休|提前退休|一次补足…~社保|养老|退休|工龄|15年|十五年|养老金|年限|退休金|$money|费", "~社保|养老|养老金…挂靠|代缴|代办|内部关系|包办|做劳动关系|一次性补齐|补齐15年|内部",
			"~社保|养老…挂…公司|单位|企业", "补够十五年|补足十五年|补缴十五年|一次性补够|一次性补足|一次补上|一次补齐|补上年限", "back-pay|back pay|backpay|register you with a company|early retirement…pension|15 years|$money|guaranteed",
			"15 years|pension…back-pay|back pay|register you with"},
		Gap:     14,
		Advice:  []string{"insurance_self", "no_pay"},
		LabelZH: "社保挂靠、代缴、代办退休", LabelEN: "Paid social-insurance 'shortcut' (affiliation, back-pay, early retirement)",
		RuleZH: "《社会保险法》：只有真实缴费才算数；灵活就业人员可以自己参保", RuleEN: "Social Insurance Law: only real contributions count; flexible workers can enrol themselves"},
	{Code: "official_phishing", Type: "official_phishing", Weight: 3.2, WeakWeight: 2.0, Hard: true,
		Strong: []string{"补贴|补助|社保卡|医保卡|激活|审核通过|领取|发放|失业金|退税|补贴款|津贴|subsidy|allowance|benefit|approved…$link|$shortlink|$badlink|点击|链接|登录|网址|click|link…银行卡|卡号|验证码|密码|身份证号|bank card|card number|code|password"},
		Weak: []string{"补贴|补助|社保卡|医保卡|激活|审核通过|领取|失业金|退税|补贴款|津贴|subsidy|allowance|benefit…$link|$shortlink|$badlink", "$link|$shortlink|$badlink…补贴|补助|社保卡|激活|领取|退税|subsidy",
			"社保卡|医保卡…冻结|失效|过期|异常|注销|停用",
			"补贴|补助|失业金|退税|津贴…领取|待领取|已到账|审核通过…银行卡|卡号|身份证号|验证码|密码",
			"补贴|补助|失业金|退税|津贴…领取|待领取|已到账|审核通过|已发放…加|添加|客服|微信|qq|私信|$phone|$wechat|$qq"},
		Gap:     30,
		Advice:  []string{"no_code", "call_110"},
		LabelZH: "冒充人社发补贴、激活链接", LabelEN: "Fake subsidy or card-activation message posing as the labour bureau",
		RuleZH: "人社部门不会发链接要银行卡号和验证码", RuleEN: "The labour bureau never sends links asking for card numbers or codes"},
	{Code: "fake_official", Type: "official_phishing", Weight: 1.5,
		Strong:  []string{"社保局工作人员|人社局工作人员|人社工作人员|劳动局工作人员|社保中心工作人员|我是社保局|我是人社局|社保局内部|人社局内部", "人社局|社保局|社保中心|劳动局|人社部门|就业补贴|social security bureau|hr bureau…$link|$shortlink|$badlink"},
		Gap:     60,
		Literal: true,
		Advice:  []string{"no_code"},
		LabelZH: "自称人社、社保局，却用非官方渠道联系", LabelEN: "Claims to be the labour bureau but uses unofficial channels"},
	{Code: "rights_fraud", Type: "rights_fraud", Weight: 2.4, WeakWeight: 1.4,
		Strong: []string{"讨薪|追讨工资|讨工资|要工资|欠薪|维权|要回工资|代讨|仲裁|工钱|拖欠|欠款|工程款|unpaid wages|unpaid salary|wage recovery|arbitration…{fee}|收费|加急|先交|{pay}|$money",
			"代讨薪|帮你讨薪|专业讨薪|包讨回|加急立案|立案费|立案加急|劳动局有关系|和仲裁委有关系|仲裁费|专业代讨|fast-track filing|filing fee",
			"劳动局|仲裁|法院|监察|劳动监察…有人|有关系|很熟|熟悉|关系好|熟人"},
		Weak:    []string{"保证要回|包你要回|全额讨回|讨回来再付|保证胜诉|包胜诉"},
		Gap:     12,
		Advice:  []string{"free_rights"},
		LabelZH: "收费“代讨薪”“加急立案”", LabelEN: "Paid wage-recovery or 'fast-track' case service",
		RuleZH: "《劳动争议调解仲裁法》第53条：劳动仲裁不收费", RuleEN: "Labour Dispute Arbitration Law Art. 53: arbitration is free"},

	// ── Rows that build on the money rows above ──
	{Code: "fee_to_person", Type: "upfront_fee", Weight: 1.5, Hard: true,
		Strong:   []string{"{personal_acct}", "{pay}…个人|私人", "send it to|send to|transfer to|pay to|payable to…wechat|微信|alipay|personal|supervisor|manager|recruiter"},
		Requires: []string{"deposit", "upfront_fee", "rights_fraud", "franchise", "fake_referral", "certificate", "insurance_fraud", "beauty_loan"},
		Gap:      4,
		Advice:   []string{"no_pay", "call_110"},
		LabelZH:  "钱要转到个人账户", LabelEN: "Money goes to a personal account",
		RuleZH: ruleArt9ZH, RuleEN: ruleArt9EN},
	{Code: "refund_promise", Type: "upfront_fee", Weight: 0.5,
		Strong:   []string{"{refund}"},
		Requires: []string{"deposit", "upfront_fee"},
		LabelZH:  "说钱以后会退", LabelEN: "Promises the money back later"},

	// ── Pressure and links ──
	{Code: "urgency", Type: "upfront_fee", Weight: 0.6,
		Strong:  []string{"名额有限|仅剩|今天截止|今日截止|仅限今天|限时|先到先得|错过不再|过时不候|马上交|尽快交|立即交|抓紧|倒计时|名额不多|机会难得|最后几个名额|最后一天|今晚截止|再不交|手慢无|名额很紧|欲报从速|逾期作废|逾期视为放弃|24小时内|seats left|spots left|limited places|limited spots|today only|act now|hurry|last chance|within 24 hours"},
		Literal: true,
		LabelZH: "催您马上决定", LabelEN: "Pressure to decide now"},
	{Code: "reassurance", Type: "upfront_fee", Weight: 0.6,
		Strong:  []string{"不是骗子|不是骗局|绝对正规|放心不是骗|假一赔十|非诈骗|不是传销|绝不是骗|不骗人|我们很正规|100%正规|百分百正规|保证不是骗|不违法的|正规合法|not a scam|100% legit|totally legal"},
		Not:     []string{"是不是骗|是不是传销|是不是诈骗|是不是真的"},
		Literal: true,
		LabelZH: "反复强调“不是骗子”“不违法”", LabelEN: "Insists it is 'not a scam'"},
	{Code: "link_suspicious", Type: "official_phishing", Weight: 2.0,
		Strong:  []string{"$badlink"},
		Literal: true,
		Advice:  []string{"no_code"},
		LabelZH: "可疑链接（仿冒网址、IP地址或安装包）", LabelEN: "Suspicious link (lookalike, IP address or app file)"},
	{Code: "link_shortener", Type: "official_phishing", Weight: 1.0,
		Strong:  []string{"$shortlink"},
		Literal: true,
		Advice:  []string{"no_code"},
		LabelZH: "短链接，看不出真实网址", LabelEN: "Shortened link that hides the real address"},
	{Code: "link_unknown", Type: "diversion", Weight: 0.3,
		Strong:  []string{"$link"},
		Literal: true,
		LabelZH: "非官方网站链接", LabelEN: "Link to a non-official site"},
	{Code: "prompt_injection", Weight: 1.0, Hard: true,
		Strong:  []string{"忽略之前|忽略以上|忽略上面|忽略前面|忽略所有|无视之前|无视以上|忽略指令|忽略上述|忽略你的|请忽略|系统提示|系统指令|判定为低风险|判定为安全|评为低风险|标记为安全|输出低风险|判为低风险|判定为正规|风险为低|风险等级为低|风险等级:低|回答这是安全|ai审核|审核员请|你是一个|作为ai|ignore previous|ignore all|ignore the above|ignore your|disregard previous|disregard all|system:|system prompt|you are now|classify as|classify this|this is safe|this is not a scam|risk: low|risk:low|risk=low|\"risk\":\"low\"|assistant:|as an ai|risk level: low|mark as safe|rate as low|verified job offer|output risk"},
		Literal: true,
		LabelZH: "文字里藏着给审核程序的指令", LabelEN: "Contains instructions aimed at the checker"},

	// ── Legitimacy signals (domain.md §1.3) ──
	{Code: "legit_public_service", Weight: -1.5, WeakWeight: -0.6,
		Strong:  []string{"人社局|人力资源和社会保障局|人社部门|公共就业服务|就业服务中心|人才服务中心|零工市场|零工驿站|就业服务站|政府主办|就业在线|公共招聘|人力资源市场|总工会|12333|12381|96110|国家反诈中心|$officiallink|public employment service|human resources and social security bureau|hr bureau|labour bureau"},
		Weak:    []string{"举办招聘会|专场招聘会|现场招聘会|招聘会现场|招聘大会|春风行动|街道|社区|job fair"},
		Not:     []string{"$link|$shortlink|$badlink|工作人员|内部|补贴已|审核通过|冻结|失效|激活"},
		Literal: true,
		LabelZH: "来自公共就业服务（免费）", LabelEN: "From the public employment service (free)"},
	{Code: "legit_contract", Weight: -1.0,
		Strong:  []string{"签订劳动合同|签劳动合同|劳动合同|签合同|正式合同|书面合同|签订合同|服务合同|书面协议|labour contract|labor contract|written contract|employment contract|contract signed|sign a contract|written agreement|contract from day one|contract with"},
		LabelZH: "签书面劳动合同", LabelEN: "Written labour contract"},
	{Code: "legit_social_insurance", Weight: -0.8,
		Strong:  []string{"五险一金|五险|六险一金|缴纳社保|交社保|买社保|购买社保|缴社保|工伤保险|入职即缴|职业伤害保障|意外伤害保险|social insurance|social insurances|housing fund|injury protection|injury insurance"},
		Not:     []string{"代缴|挂靠|补缴|back-pay|back pay"},
		LabelZH: "缴纳社会保险", LabelEN: "Social insurance paid"},
	{Code: "legit_no_fee", Weight: -1.2,
		Strong:  []string{"不收任何费用|不收取任何费用|不收费|无任何费用|零费用|不收押金|无押金|免押金|不收中介费|无中介费|求职免费|全程免费|不收取费用|不收取押金|免费推荐|免费介绍|免费报名|免费面试|免费登记|免费推介|免费入场|不收一分钱|没有任何费用|不需要交任何|无需缴纳任何|不交任何费用|不用交任何|免中介费|0中介费|零中介费|无需任何费用|不交钱|不向工人收|no fee|no fees|free of charge|no charge|registration is free|free entry|never charge|no deposit|we don't charge|no fee charged|is free"},
		Literal: true,
		LabelZH: "写明不收任何费用", LabelEN: "States that there are no fees"},
	{Code: "legit_hospital_fee", Weight: -1.5,
		Strong: []string{"体检|健康证|体检费|health certificate|health check|medical…医院|疾控|卫生院|卫生服务中心|体检中心|职业病防治院|hospital|clinic|cdc", "医院|疾控|卫生院|hospital|clinic|cdc…体检|健康证|health certificate|health check|fee",
			"自行体检|自费体检|自己去医院|到医院体检|凭发票报销|体检费报销|体检费公司报销|自行办理健康证|自己办健康证|自己去办健康证|交给医院|直接交医院|paid to the clinic|paid to the hospital"},
		Not:     []string{"转给我|交给我们|统一收取|合作医院|我们安排体检|partner clinic"},
		Gap:     16,
		Literal: true,
		LabelZH: "体检费直接交给医院", LabelEN: "Health-check fee paid directly to a hospital"},
	{Code: "legit_listed_training", Weight: -1.5,
		Strong: []string{"定点培训机构|定点机构|职业技能培训补贴|培训补贴|政府补贴培训|技能提升补贴|先缴费后补助|人社部门认定|人社局认定|补贴性培训|政府补贴|免费培训|职业技能等级证书|技能照亮前程|government-listed|free training|training subsidy|government subsidy|subsidised|subsidized|listed training|designated training|claim the subsidy",
			"{training}…发票|补贴|定点|subsid"},
		Not:     []string{"$link|$shortlink|$badlink|{loan}|审核通过|已到账|待领取"},
		Gap:     12,
		Literal: true,
		LabelZH: "在公布的定点机构培训，有政府补贴", LabelEN: "Training at a listed institution with a government subsidy"},
	{Code: "legit_licensed_agency", Weight: -1.5, WeakWeight: -0.8,
		Strong:  []string{"$licence"},
		Weak:    []string{"人力资源服务许可证|劳务派遣经营许可证|职业中介许可证|对外劳务合作经营资格|营业执照|收费标准|明码标价|派遣许可|licensed job agency|licensed agency|hr service licence|licence displayed|license displayed|licensed domestic"},
		Not:     []string{"no licence|no license|不需要许可"},
		Literal: true,
		LabelZH: "有许可证的正规中介", LabelEN: "Licensed agency"},
	{Code: "legit_company_pays", Weight: -1.0,
		Strong:  []string{"{fee}|费用…公司承担|公司报销|公司出|公司负责|可报销|全免|免费|由公司|由雇主|雇主支付|政府补贴|店里报销|厂里报销", "免费体检|免费工装|免费提供工服|工服免费|公司承担体检|厂里报销|公司买单|公司免费发|免费发|provided free|free uniform|paid by the company|company pays|reimbursed|paid by the employer|employer pays|covered by the"},
		Gap:     16,
		Literal: true,
		// Money that goes to a person is no cost the company carries.
		Not:     []string{"{personal_acct}"},
		LabelZH: "费用由公司承担", LabelEN: "The company pays the costs"},
	{Code: "legit_invoice", Weight: -0.8,
		Strong:  []string{"正规发票|开具发票|开发票|对公账户|公对公|转入公司账户|对公转账|凭发票|invoice"},
		Not:     []string{"{personal_acct}"},
		Literal: true,
		LabelZH: "付款进公司账户并开发票", LabelEN: "Payment to a company account with an invoice"},
	{Code: "legit_company_name", Weight: -0.3,
		Strong:  []string{"$company"},
		Literal: true,
		LabelZH: "写明公司全称（可以查）", LabelEN: "Full company name given (can be checked)"},
	{Code: "legit_wage_own_card", Weight: -0.4,
		Strong:  []string{"工资打到本人|本人银行卡|本人工资卡|本人账户|本人卡上|按月发放|按时发放|按月发薪|每月按时|银行代发|own account|own bank account|paid monthly"},
		Literal: true,
		LabelZH: "工资按月打到本人卡上", LabelEN: "Wages paid monthly to your own account"},
}

// Words that cancel a red-flag word right after them (不收押金, 无需交纳保证金,
// no deposit).
var negators = []string{"不", "无", "免", "零", "没", "没有", "拒收", "绝不", "从不", "从未", "严禁", "禁止", "不得", "不会",
	"杜绝", "谢绝", "非", "别", "不要", "勿", "未", "拒绝", "无需", "不需", "不用", "不必", "毋需", "免费",
	"no", "not", "without", "never", "don't", "do not", "free of", "zero"}

// Words right after a red-flag word that cancel it (押金全免, 报名费：0元, fee waived).
var postNegators = []string{"全免", "免收", "免", "为零", "为0", "0元", "零元", "全无", "没有", "不收", "不用交", "一律不收",
	"免费", "无需", "不需要", "waived", "none", "not required", "free"}

// Runes that may stand between a negator and the word it negates.
const negFiller = "收取交缴付需要用必须任何何一分的额外其他另再存纳和或及等求先预被给扣押会你您我们公司本向工人通过短信索以发"

// English words that may stand between a negator and the word it negates.
var enFiller = map[string]bool{"recruitment": true, "placement": true, "application": true, "any": true, "a": true, "an": true, "the": true, "hidden": true, "extra": true, "other": true,
	"upfront": true, "of": true, "to": true, "for": true, "charge": true, "charged": true, "you": true, "we": true,
	"need": true, "required": true, "need to": true, "pay": true, "is": true, "are": true, "will": true, "be": true,
	"ask": true, "asks": true, "asked": true, "request": true, "require": true, "requires": true, "collect": true,
	"take": true, "accept": true, "your": true, "us": true, "ever": true, "money": true, "kind": true, "sort": true,
	"make": true, "send": true, "candidates": true, "applicants": true, "from": true, "at": true, "stage": true,
	"or": true, "and": true, "have": true, "has": true, "been": true, "there": true, "up": true, "front": true}

// Words that turn a clause into a warning about the flag, not a demand:
// before the flag in the same clause, or after it in the same sentence.
var warnBefore = []string{"不法分子", "冒充", "被骗去", "被骗了", "骗去", "监测", "打击", "排查", "反洗钱", "谨防", "警惕", "小心", "当心", "提防", "切勿", "切莫", "凡是", "凡", "谨慎", "防范", "识别",
	"揭秘", "曝光", "举报", "防骗", "反诈", "千万别", "千万不要", "不要相信", "不要轻信", "别信", "如遇", "遇到",
	"听说", "can a", "can an", "can my", "can the", "can they", "is it", "do i", "should i", "how do", "how can",
	"what if", "are they allowed", "beware of", "watch out for", "avoid", "be careful", "scam alert", "what is", "what's", "is it legal"}

// (A worker's question about a word — 押金是什么意思, 刷单合法吗 — is not a
// warning: it is read as a general question, see generalQuestion; a
// question after a concrete deal — 交了600押金 人联系不上了 怎么办 — keeps its
// red flags.)
var warnAfter = []string{"都是骗", "是骗子", "是骗局", "是诈骗", "属于诈骗", "就是诈骗", "均为诈骗", "均是诈骗", "一律是",
	"是违法", "属于违法", "违法的", "都是假", "的骗局", "诈骗手段", "诈骗", "骗局", "套路", "要警惕", "请警惕", "需警惕",
	"要小心", "大家小心", "小心点", "别理", "都别理", "会被抓", "提高警惕", "请举报", "可举报", "是犯罪", "属于犯罪", "被骗", "上当", "骗人的",
	"is a scam", "are scams", "is illegal",
	"is fraud", "scam"}

// A clause after a negated pay word that makes it a threat (不交押金就不能上岗).
var negThreat = []string{"就不", "否则", "才能", "才可以", "不然", "就没", "不能上", "无法", "不录用", "不签", "不予"}

// SignalLabel is the worker-facing label of a signal code in lang ("zh"
// or "en"); the code itself when it is unknown (e.g. a retired signal in
// old counters).
func SignalLabel(code, lang string) string {
	for _, d := range signalDefs {
		if d.Code == code {
			if lang == "en" {
				return d.LabelEN
			}
			return d.LabelZH
		}
	}
	return code
}
