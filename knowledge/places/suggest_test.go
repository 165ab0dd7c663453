package places

import "testing"

func TestSuggest(t *testing.T) {
	for in, want := range map[string]string{
		"广洲": "广州", "东筦 电子厂": "东莞", "找活 深川": "深圳", "shenzen jobs": "深圳",
		"guangzou": "广州", "dongguang dianzichang": "东莞", "苏洲有没有活": "苏州",
	} {
		c, _, ok := Suggest(in)
		if !ok || c.ZH != want {
			t.Errorf("Suggest(%q) = %v %v, want %s", in, c.ZH, ok, want)
		}
	}
	for _, in := range []string{"广州", "shenzhen", "dongguan", "我想找工作", "hello there", "", "东莞"} {
		if c, _, ok := Suggest(in); ok {
			t.Errorf("Suggest(%q) = %s, want none", in, c.ZH)
		}
	}
}
