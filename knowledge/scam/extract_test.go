package scam

import (
	"math"
	"reflect"
	"testing"
)

func TestExtractAmounts(t *testing.T) {
	tests := []struct {
		in      string
		want    []Amount // Evidence, Yuan, Per, Pay, Purpose are compared
		comment string
	}{
		{in: "入职前先交300元押金", want: []Amount{{Yuan: 300, Purpose: "押金", Evidence: "300元"}}},
		{in: "服装费200 押金300", want: []Amount{{Yuan: 200, Purpose: "服装费", Evidence: "200"}, {Yuan: 300, Purpose: "押金", Evidence: "300"}}},
		{in: "月薪8000-12000元", want: []Amount{{Yuan: 12000, Per: "month", Pay: true, Evidence: "8000-12000元"}}},
		{in: "日结300/天", want: []Amount{{Yuan: 300, Per: "day", Pay: true, Evidence: "300/天"}}},
		{in: "时薪25元", want: []Amount{{Yuan: 25, Per: "hour", Pay: true, Evidence: "25元"}}},
		{in: "月入1.2万", want: []Amount{{Yuan: 12000, Per: "month", Pay: true, Evidence: "1.2万"}}},
		{in: "月薪6-12K", want: []Amount{{Yuan: 12000, Per: "month", Pay: true, Evidence: "6-12K"}}},
		{in: "工资3千", want: []Amount{{Yuan: 3000, Per: "month", Pay: true, Evidence: "3千"}}},
		{in: "交了三千元", want: []Amount{{Yuan: 3000, Evidence: "三千元"}}},
		{in: "月薪两万", want: []Amount{{Yuan: 20000, Per: "month", Pay: true, Evidence: "两万"}}},
		{in: "一万五的学费", want: []Amount{{Yuan: 15000, Purpose: "学费", Evidence: "一万五"}}},
		{in: "¥1,800 培训费", want: []Amount{{Yuan: 1800, Purpose: "培训费", Evidence: "¥1,800"}}},
		{in: "salary USD 2500/month", want: []Amount{{Yuan: 17500, Per: "month", Pay: true, Evidence: "2500/month"}}},
		{in: "a 300 yuan uniform deposit", want: []Amount{{Yuan: 300, Purpose: "deposit", Evidence: "300 yuan"}}},
		{in: "18岁以上 3人一间", want: nil, comment: "ages and counts are not money"},
		{in: "千万不要交钱", want: nil, comment: "千万 is 'by all means'"},
		{in: "电话13812345678", want: nil, comment: "phone numbers are not money"},
		{in: "2024年3月", want: nil},
	}
	for _, tt := range tests {
		ex := Extract(tt.in)
		var got []Amount
		for _, a := range ex.Amounts {
			a.Yuan = math.Round(a.Yuan)
			got = append(got, a)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Extract(%q).Amounts = %+v, want %+v %s", tt.in, got, tt.want, tt.comment)
		}
	}
}

func TestExtractContacts(t *testing.T) {
	ex := Extract("联系电话：138 1234 5678，加V❤：abc_123，扣扣：1 2 3 4 5 6 7 8，纸飞机 @job_hr88，邮箱 hr@example.com，身份证 11010519900307123X")
	check := func(name string, got, want []string) {
		t.Helper()
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	check("phones", ex.Phones, []string{"13812345678"})
	check("wechat", ex.WeChat, []string{"abc_123"})
	check("qq", ex.QQ, []string{"12345678"})
	check("telegram", ex.Telegram, []string{"job_hr88"})
	check("emails", ex.Emails, []string{"hr@example.com"})
	check("id numbers", ex.IDNumbers, []string{"11010519900307123x"})
}

func TestExtractLinks(t *testing.T) {
	tests := []struct {
		in    string
		url   string
		class string
	}{
		{"请登录 https://si.12333.gov.cn/ 办理", "https://si.12333.gov.cn/", "official"},
		{"点击 http://t.cn/Rx8k2 领取", "http://t.cn/rx8k2", "shortener"},
		{"激活：hrss-gov.top/jh", "hrss-gov.top/jh", "suspicious"},
		{"下载 http://1.2.3.4/app.apk", "http://1.2.3.4/app.apk", "suspicious"},
		{"下载 http://meet-hr.app/dl/x.apk", "http://meet-hr.app/dl/x.apk", "suspicious"},
		{"详情见 www.example.com", "www.example.com", "unknown"},
		{"在 www.zhipin.com 投简历", "www.zhipin.com", "platform"},
		{"月薪1.5万", "", ""},
		{"hr@qq.com", "", ""},
	}
	for _, tt := range tests {
		ex := Extract(tt.in)
		if tt.url == "" {
			if len(ex.Links) != 0 {
				t.Errorf("Extract(%q).Links = %+v, want none", tt.in, ex.Links)
			}
			continue
		}
		if len(ex.Links) != 1 || ex.Links[0].URL != tt.url || ex.Links[0].Class != tt.class {
			t.Errorf("Extract(%q).Links = %+v, want [{%s %s}]", tt.in, ex.Links, tt.url, tt.class)
		}
	}
}

func TestExtractCompaniesAndLicences(t *testing.T) {
	ex := Extract("东莞市长安鑫达电子有限公司直招普工。人力资源服务许可证编号：440300123456，统一社会信用代码 91440300MA5F123456")
	if len(ex.Companies) != 1 || ex.Companies[0] != "东莞市长安鑫达电子有限公司" {
		t.Errorf("companies = %q", ex.Companies)
	}
	want := []string{"440300123456", "91440300ma5f123456"}
	if !reflect.DeepEqual(ex.Licences, want) {
		t.Errorf("licences = %q, want %q", ex.Licences, want)
	}
	if ex := Extract("许可证号：（见店内公示）"); len(ex.Licences) != 0 {
		t.Errorf("a licence without a number: got %q", ex.Licences)
	}
}
