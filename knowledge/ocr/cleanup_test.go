package ocr

import "testing"

func TestCleanup(t *testing.T) {
	cases := []struct{ raw, want string }{
		{"招 聘 普 工 ， 月 薪 8000", "招聘普工，月薪 8000"},
		{"9:41          87%\n\n您好，我们是鑫达劳务\n的招聘专员\n\n入职前先交 500 元押金", "您好，我们是鑫达劳务的招聘专员\n入职前先交 500 元押金"},
		{"月薪8000-12000\n，包吃包住。", "月薪8000-12000，包吃包住。"},
		{"Send the\nequipment fee\n\n12:30\n|\n口", "Send the equipment fee"},
		{"加我微信\n13812345678", "加我微信 13812345678"},
		{"每单80-15 0元，电话1 8977301256", "每单80-150元，电话18977301256"},
		{"押金 500 300 元", "押金 500 300 元"},
		{"", ""},
		{"\xff\xfe 押 金", "押金"},
	}
	for _, c := range cases {
		if got := Cleanup(c.raw); got != c.want {
			t.Errorf("Cleanup(%q) = %q, want %q", c.raw, got, c.want)
		}
	}
}
