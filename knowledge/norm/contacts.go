package norm

// contactWords are spellings of chat apps that become one canonical word.
// Longest match wins. Latin spellings are handled in latinContact because
// they need word boundaries.
var contactWords = map[string]string{
	"薇信": "微信", "威信": "微信", "徽信": "微信", "维信": "微信", "危信": "微信", "微芯": "微信",
	"魏信": "微信", "唯信": "微信", "围信": "微信", "卫信": "微信", "嶶信": "微信", "徴信": "微信",
	"v信": "微信", "微x": "微信", "薇x": "微信", "威x": "微信", "微❤": "微信", "v芯": "微信",
	"加薇": "加微信", "加威": "加微信", "加徽": "加微信", "加微": "加微信", "+薇": "+微信",
	"+威": "+微信", "+微": "+微信", "加维": "加微信", "加卫": "加微信", "私薇": "私微信",
	"扣扣": "qq", "抠抠": "qq", "蔻蔻": "qq", "企鹅号": "qq号", "企鹅群": "qq群", "扣群": "qq群",
	"纸飞机": "telegram", "小飞机": "telegram", "电报": "telegram", "飞机号": "telegram号",
	"飞机群": "telegram群", "飞机联系": "telegram联系", "加飞机": "加telegram", "下载飞机": "下载telegram",
	"飞机app": "telegram app", "飞机软件": "telegram软件", "飞机上联系": "telegram上联系", "电报群": "telegram群", "v x": "微信", "w x": "微信", "v 信": "微信", "微 信": "微信", "薇 信": "微信",
}

// Rewrites that are plain names or common abbreviations, not disguises.
var contactPlain = map[string]bool{"加微": true, "+微": true, "电报": true, "电报群": true, "weixin": true, "wechat": true,
	"wechatid": true, "qq": true, "telegram": true}

// Longer canonical forms that must not be rewritten again (加微信 contains 加微).
var contactKeep = []string{"加微信", "加微博", "+微信", "加维修", "加卫生", "加微利"}

var contactByFirst = func() map[rune][][2][]rune {
	m := make(map[rune][][2][]rune)
	add := func(from, to string) {
		f := []rune(from)
		m[f[0]] = append(m[f[0]], [2][]rune{f, []rune(to)})
	}
	for _, k := range contactKeep {
		add(k, k)
	}
	for from, to := range contactWords {
		add(from, to)
	}
	for k := range m {
		list := m[k]
		// longest first, then canonical keep-forms before rewrites
		for i := 1; i < len(list); i++ {
			for j := i; j > 0 && len(list[j][0]) > len(list[j-1][0]); j-- {
				list[j], list[j-1] = list[j-1], list[j]
			}
		}
	}
	return m
}()

// latinContact are Latin spellings of chat apps, matched as whole words.
var latinContact = map[string]string{
	"vx": "微信", "wx": "微信", "weixin": "微信", "wechat": "微信", "weichat": "微信", "vchat": "微信",
	"wechatid": "微信", "tg": "telegram", "qq": "qq", "telegram": "telegram",
}

// singleLetterContact decides whether a lone "v" or "q" (runes [i, j)) names
// WeChat or QQ: after 加/+/私/联系, before a colon, or before an account id
// of at least five characters.
func singleLetterContact(r []rune, i, j int) bool {
	k := i - 1
	if k >= 0 && r[k] == ' ' {
		k--
	}
	if k >= 0 {
		switch r[k] {
		case '加', '+', '私', '系', '添', '找', '扫', '我':
			return true
		}
	}
	k = j
	if k < len(r) && r[k] == ' ' {
		k++
	}
	if k < len(r) && (r[k] == ':' || r[k] == '号') {
		return true
	}
	n := 0
	for k < len(r) && (IsDigit(r[k]) || IsLatin(r[k]) || r[k] == '_' || r[k] == '-') {
		n++
		k++
	}
	return n >= 5
}

func hasRunesAt(r []rune, i int, w []rune) bool {
	if i+len(w) > len(r) {
		return false
	}
	for k, q := range w {
		if r[i+k] != q {
			return false
		}
	}
	return true
}

// contactCue are words after which a number is an account or phone number.
var contactCue = [][]rune{
	[]rune("微信"), []rune("qq"), []rune("telegram"), []rune("电话"), []rune("手机"), []rune("tel"),
	[]rune("联系"), []rune("号码"), []rune("号"), []rune("热线"), []rune("拨打"), []rune("致电"),
	[]rune("phone"), []rune("call"), []rune("whatsapp"), []rune("咨询"), []rune(":"),
}

func nextDigitIsMobile(r []rune, i int) bool {
	for k := i + 1; k < len(r); k++ {
		if IsDigit(r[k]) {
			return r[k] >= '3'
		}
	}
	return false
}

func precededByContactCue(r []rune, i int) bool {
	start := i - 8
	if start < 0 {
		start = 0
	}
	win := r[start:i]
	for _, c := range contactCue {
		for k := 0; k+len(c) <= len(win); k++ {
			if hasRunesAt(win, k, c) {
				return true
			}
		}
	}
	return false
}
