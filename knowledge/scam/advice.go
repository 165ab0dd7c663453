package scam

import (
	"github.com/gongyou/gongyou/knowledge/norm"
)

// adviceTable is what the checker tells a worker to do; pickAdvice chooses
// and orders the items for a verdict.
// Facts: shared/reference/domain.md §1.1 (official advice) and §2.1
// (reporting channels).
var adviceTable = []Advice{
	{Code: "no_pay",
		ZH: "找工作不用花钱：上班前不交任何押金、保证金或其他费用。",
		EN: "A real job costs nothing: pay no deposit, guarantee or fee before you start."},
	{Code: "keep_id",
		ZH: "身份证、银行卡、手机卡只给人看，不交给任何人保管。",
		EN: "Show your ID, bank card and SIM card, but never hand them over."},
	{Code: "no_card_rental",
		ZH: "不出租、出借、出售银行卡、手机卡或收款码，这是违法的（帮信罪）。",
		EN: "Never rent, lend or sell your bank card, SIM card or payment code: it is a crime."},
	{Code: "no_code",
		ZH: "不点陌生链接，不填银行卡号和密码，验证码不告诉任何人；政府短信不会要这些。",
		EN: "Don't open unknown links or give card numbers, passwords or codes; government texts never ask for them."},
	{Code: "no_loan",
		ZH: "不为培训或“形象提升”签贷款、分期；正规补贴培训可在当地人社网站查定点机构。",
		EN: "Don't sign a loan or instalment plan for training or 'image upgrades'; find listed training on your local 人社 website."},
	{Code: "no_task_pay",
		ZH: "要您垫钱、充值的任务都是诈骗，别再转钱。",
		EN: "Any task that needs your money first is a scam: stop paying."},
	{Code: "overseas",
		ZH: "出国务工只找有对外劳务合作资格的企业并签书面合同；不去缅北、柬埔寨等地，不偷越国境。",
		EN: "Work abroad only through a licensed labour-cooperation firm with a written contract; never cross a border illegally."},
	{Code: "pyramid",
		ZH: "以工作为名叫您去外地“考察项目”、交钱入伙、拉人头的是传销，不要去。",
		EN: "A 'job' that means travelling to 'inspect a project', paying to join or recruiting others is a pyramid scheme: don't go."},
	{Code: "insurance_self",
		ZH: "社保只认真实缴费；灵活就业人员可以自己到当地社保或税务部门参保，不找人“挂靠”“代办”。",
		EN: "Only real contributions count; flexible workers can enrol themselves at the local social-insurance or tax office."},
	{Code: "free_rights",
		ZH: "讨薪不用花钱：打12333投诉、申请劳动仲裁都免费，法律援助打12348。",
		EN: "Recovering wages is free: complain on 12333 or apply for labour arbitration; free legal aid on 12348."},
	{Code: "stay_on_platform",
		ZH: "留在招聘平台上沟通，不加陌生人私人微信、QQ，不下载对方给的APP。",
		EN: "Keep talking on the job platform; don't move to private chats or install apps they send."},
	{Code: "call_110",
		ZH: "已经转了钱或人身受限，马上打110报警，保留聊天记录和转账凭证。",
		EN: "If you already paid or are held, call 110 now and keep the chats and receipts."},
	{Code: "verify_employer",
		ZH: "在“国家企业信用信息公示系统”查公司全称；中介要有人力资源服务许可证，可在当地人社局网站查名单。",
		EN: "Look up the full company name on the National Enterprise Credit Information System; an agency must hold an HR service licence (listed on the local 人社 website)."},
	{Code: "report_labour",
		ZH: "单位或中介收押金、扣证件，可打12333或向当地劳动保障监察投诉。",
		EN: "An employer or agency taking deposits or IDs can be reported on 12333 or to the local labour inspectorate."},
	{Code: "report_12377",
		ZH: "这类违法招聘信息可以向12377（网络举报）举报。",
		EN: "Report illegal job posts like this to 12377."},
	{Code: "ask_96110",
		ZH: "拿不准就打96110反诈专线问一问，或用国家反诈中心APP核验。",
		EN: "Not sure? Call the 96110 anti-fraud line or check with the National Anti-Fraud Center app."},
	{Code: "low_tips",
		ZH: "上班前签书面劳动合同、确认缴社保；要您先交钱的，一律拒绝。",
		EN: "Sign a written contract and confirm social insurance before you start; refuse any request to pay first."},
}

var adviceIndex = func() map[string]int {
	m := make(map[string]int, len(adviceTable))
	for i, a := range adviceTable {
		m[a.Code] = i
	}
	for _, d := range signalDefs {
		for _, code := range d.Advice {
			if _, ok := m[code]; !ok {
				panic("lexicon: " + d.Code + " names unknown advice " + code)
			}
		}
	}
	return m
}()

const maxAdvice = 4

// pickAdvice chooses advice for a verdict: first the advice of its red flags,
// strongest flag first, then the general steps for its level; at most
// maxAdvice items, the last slot kept for where to call (110 on high risk,
// 96110 on medium).
func pickAdvice(risk Level, sigs []Signal) []Advice {
	var codes []string
	add := func(c string) {
		if !Contains(codes, c) {
			codes = append(codes, c)
		}
	}
	for _, s := range sigs {
		if s.Weight <= 0 {
			continue
		}
		if d := signalDefByCode[s.Code]; d != nil {
			for _, c := range d.Advice {
				if c == "call_110" || (c == "no_pay" && risk == LevelLow) {
					continue // placed by level below
				}
				add(c)
			}
		}
	}
	var closing string
	switch risk {
	case LevelHigh:
		add("no_pay")
		add("verify_employer")
		closing = "call_110"
	case LevelMedium:
		add("verify_employer")
		closing = "ask_96110"
	default:
		codes = append([]string{"low_tips"}, codes...)
		closing = "ask_96110"
	}
	if len(codes) > maxAdvice-1 {
		codes = codes[:maxAdvice-1]
	}
	add(closing)
	out := make([]Advice, 0, len(codes))
	for _, c := range codes {
		out = append(out, adviceTable[adviceIndex[c]])
	}
	return out
}

// Text returns the advice in lang ("en…" for English, anything else Chinese).
func (a Advice) Text(lang string) string {
	if norm.IsEnglish(lang) {
		return a.EN
	}
	return a.ZH
}

// Label returns the level in words: 高风险 / High risk, etc.
func (v Verdict) Label(lang string) string {
	en := norm.IsEnglish(lang)
	switch {
	case v.Empty:
		if en {
			return "Nothing to check"
		}
		return "没有可检查的内容"
	case v.Risk == LevelHigh:
		if en {
			return "High risk"
		}
		return "高风险"
	case v.Risk == LevelMedium:
		if en {
			return "Medium risk"
		}
		return "中风险"
	}
	if en {
		return "Low risk"
	}
	return "低风险"
}

// Label returns the signal's reason in lang.
func (s Signal) Label(lang string) string {
	if norm.IsEnglish(lang) {
		return s.LabelEN
	}
	return s.LabelZH
}

// Rule returns the law the signal names, in lang.
func (s Signal) Rule(lang string) string {
	if norm.IsEnglish(lang) {
		return s.RuleEN
	}
	return s.RuleZH
}

// Title returns the case title in lang.
func (m CaseMatch) Title(lang string) string {
	if norm.IsEnglish(lang) {
		return m.TitleEN
	}
	return m.TitleZH
}

// Summary returns the case summary in lang.
func (m CaseMatch) Summary(lang string) string {
	if norm.IsEnglish(lang) {
		return m.SummaryEN
	}
	return m.SummaryZH
}
