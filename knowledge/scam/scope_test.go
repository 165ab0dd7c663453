package scam

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// scopeCases: one short line per kind of scope (scope.go) and per new row
// of the lexicon. fire: the code must fire; not: the code must not fire.
var scopeCases = []struct {
	text, fire, not string
}{
	// negation and refusal across fillers
	{"不收押金，包吃住", "", "deposit"},
	{"公司不会收取任何手续费", "", "upfront_fee"},
	{"我们不会以任何名义向求职者收取任何费用和押金", "", "deposit"},
	{"本公司不向应聘者收取任何手续费", "", "upfront_fee"},
	{"绝不收取任何培训费", "", "upfront_fee"},
	{"本校不办理任何贷款，学员报名培训", "", "training_loan"},
	{"We never ask for any fees at any stage", "", "upfront_fee"},
	{"No deposit and no fees at any stage", "", "deposit"},
	{"We will never ask you to pay a deposit", "", "deposit"},
	{"不交押金就不能上岗，押金300", "deposit", ""},
	{"入职前交300元押金", "deposit", ""},
	{"公司不包住，入职先交押金500元", "deposit", ""},
	{"不用面试直接交押金300元", "deposit", ""},
	// who pays whom
	{"报销往返路费，包吃住", "", "upfront_fee"},
	{"路费公司报销，交通补贴每月200", "", "upfront_fee"},
	{"体检费由公司承担", "", "upfront_fee"},
	{"住宿免费，交通补贴300元", "", "upfront_fee"},
	{"上岗前先交路费300元到我微信", "upfront_fee", ""},
	// ID shown or kept
	{"证件您自己保管，公司不收", "", "id_retention"},
	{"面试带上身份证给我看一下", "", "id_retention"},
	{"面试请携带身份证原件核验", "", "id_retention"},
	{"身份证复印后当场归还", "", "id_retention"},
	{"身份证原件统一保管，干满三个月还", "id_retention", ""},
	{"Bring your ID card, we only copy it and give it back", "", "id_retention"},
	// lawful fees
	{"健康证自己去医院办，体检费交给医院，凭收据报销", "fee_lawful_verify", "upfront_fee"},
	{"定点培训机构，培训费开具发票，可领培训补贴", "fee_lawful_verify", "upfront_fee"},
	{"持人力资源服务许可证，中介费按收费标准明码标价", "fee_lawful_verify", "upfront_fee"},
	{"体检费200元转到我微信", "upfront_fee", ""},
	// words out of place: company names, duties, pay ranges
	{"深圳某某小额贷款有限公司招聘客服，培训上岗", "", "training_loan"},
	{"南京某某金控数据科技有限公司 1-1.5万/月", "", "upfront_fee"},
	{"1-1.5万/月\n北京铂金数据服务有限公司", "", "upfront_fee"},
	{"维信金科招聘风控专员", "", "obfuscated_contact"},
	{"拓维信息系统股份有限公司 招聘开发", "", "obfuscated_contact"},
	{"负责搭建征信指标体系，有培训", "", "training_loan"},
	{"负责贷款业务审核，入职培训", "", "training_loan"},
	{"利用内部数据构建风控模型", "", "fake_referral"},
	{"试用期3000-3500，转正3500-4000，五险一金", "", "obfuscated_contact"},
	{"0.8-1.5万/月，8000~15000，五险一金", "", "obfuscated_contact"},
	{"软件工程师 20k 在家办公", "", "unrealistic_pay"},
	{"销售经理 1.5-3万/月 轻松", "", "unrealistic_pay"},
	{"在家打字 轻松月入3万", "unrealistic_pay", ""},
	{"加微信 1 3 8★1 2 3 4★5 6 7 8", "obfuscated_contact", ""},
	// chat handles
	{"Telegram: @gongyou_bot", "", "niche_app"},
	{"WhatsApp +44 7700 900123", "", "niche_app"},
	{"微信号：abc12345", "", "private_contact"},
	{"加我 telegram 详聊", "niche_app", ""},
	{"面试在 whatsapp 上进行", "niche_app", ""},
	{"不要在平台上聊，加我微信", "private_contact", ""},
	{"入职交押金300，telegram: abc_12345", "niche_app", ""},
	// money mules
	{"出租银行卡 一个月1000", "card_rental", ""},
	{"高价收购手机卡、电话卡", "card_rental", ""},
	{"收微信号 收支付宝 每个200", "money_mule", ""},
	{"帮忙走账过流水，日结500", "money_mule", ""},
	{"两部手机在家就能做", "card_rental", ""},
	{"Receive payments into your account and transfer the funds, keep 10%", "money_mule", ""},
	// task rebates
	{"抢单兼职，前三单必返", "task_rebate", ""},
	{"做任务返佣，先垫付本金", "task_rebate", ""},
	// typing memberships
	{"打字员 每千字30 先交会员费88元", "typing_membership", ""},
	{"录入兼职 要购买软件激活才能派单", "typing_membership", ""},
	// impersonation chats
	{"我是你们领导，我不方便出面，你先帮我垫付一下", "boss_impersonation", ""},
	{"先转给你再转给他，发你卡号开户行姓名", "boss_impersonation", ""},
	{"你涉嫌一起洗钱案件，需要把资金转到安全账户配合资金核查", "police_impersonation", ""},
	{"宝贝，这个平台导师带单稳赚，你先充值", "pig_butchering", ""},
	{"无抵押贷款秒批，先交解冻费", "loan_fee_fraud", ""},
	{"免费领皮肤，用家长手机扫码", "game_skin_lure", ""},
	// English job scams
	{"Work from home, paid per task, no experience", "wfh_task_pay", ""},
	{"Package forwarding job: receive packages and reship them", "reshipping", ""},
	{"We will mail you a check, deposit it and send the rest to our vendor", "cheque_scam", ""},
	{"Buy your equipment from our approved vendor before you start", "paid_equipment", ""},
	{"The interview will be held on Google Hangouts", "chat_interview", ""},
	{"You are hired, no interview required", "no_interview", ""},
	{"Data entry clerk, pay the membership fee to get typing tasks", "typing_membership", ""},
}

func TestScope(t *testing.T) {
	for _, tt := range scopeCases {
		v := testChecker.Check(tt.text)
		if tt.fire != "" {
			if _, ok := findSignal(v, tt.fire); !ok {
				t.Errorf("%q: want %s, got %v", tt.text, tt.fire, codes(v))
			}
		}
		if tt.not != "" {
			if _, ok := findSignal(v, tt.not); ok {
				t.Errorf("%q: %s must not fire, got %v", tt.text, tt.not, codes(v))
			}
		}
	}
	if len(scopeCases) < 60 {
		t.Errorf("only %d scope cases", len(scopeCases))
	}
}

var (
	fzNeg     = []string{"不", "不会", "绝不", "从不", "无需", "不用", "never", "no", "we will never ask you to"}
	fzFill    = []string{"", "收取", "以任何名义收取任何", "向求职者收取", "办理任何", "缴纳", " any ", " ask for "}
	fzFlag    = []string{"押金", "手续费", "保证金", "培训费", "贷款", "deposit", "fee"}
	fzCompany = []string{"北京铂金数据服务有限公司", "某某小额贷款有限公司", "南京紫枫金控数据科技有限公司", "维信金科", ""}
	fzPay     = []string{"1-1.5万/月", "0.8-1.5万/月", "8000~15000", "3000-3500，五险一金", "20k", ""}
)

// FuzzScope composes negator + filler + flag word, company names and pay
// ranges. Invariants: no panic; evidence is a substring of the text; a
// negated flag alone never fires deposit / upfront_fee / training_loan; a
// company name or pay range alone never fires a red flag.
//
//	go test ./knowledge/scam -run XXX -fuzz FuzzScope -fuzztime 30s
func FuzzScope(f *testing.F) {
	f.Add(uint8(0), uint8(0), uint8(0), uint8(0), uint8(0), "")
	f.Add(uint8(2), uint8(2), uint8(1), uint8(1), uint8(3), "，")
	f.Add(uint8(8), uint8(6), uint8(6), uint8(3), uint8(4), " ")
	f.Fuzz(func(t *testing.T, n, fl, fg, c, p uint8, sep string) {
		if len(sep) > 8 || !utf8.ValidString(sep) {
			return
		}
		neg := fzNeg[int(n)%len(fzNeg)]
		fill := fzFill[int(fl)%len(fzFill)]
		flag := fzFlag[int(fg)%len(fzFlag)]
		company := fzCompany[int(c)%len(fzCompany)]
		pay := fzPay[int(p)%len(fzPay)]
		if strings.TrimSpace(sep) == "" {
			sep = " " // Latin words need a break between them
		}
		negated := neg + fill + flag
		if neg[0] < 0x80 || flag[0] < 0x80 {
			negated = neg + " " + strings.TrimSpace(fill) + " " + flag
		}
		text := company + sep + pay + sep + negated
		v := testChecker.check(text)
		for _, s := range v.Signals {
			if !strings.Contains(text, s.Evidence) {
				t.Fatalf("%q: evidence %q of %s is not in the text", text, s.Evidence, s.Code)
			}
		}
		for _, q := range sep {
			if !unicode.IsPunct(q) && !unicode.IsSpace(q) {
				return // a separator with words or decorations of its own
			}
		}
		for _, s := range v.Signals {
			switch s.Code {
			case "deposit", "upfront_fee", "training_loan", "unrealistic_pay", "obfuscated_contact", "fee_to_person":
				t.Fatalf("%q: %s fired on a negated flag, a company name or a pay range (evidence %q)", text, s.Code, s.Evidence)
			}
		}
	})
}
