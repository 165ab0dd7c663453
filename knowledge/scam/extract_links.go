package scam

import (
	"strings"

	"github.com/gongyou/gongyou/knowledge/norm"
)

var tlds = map[string]bool{
	"com": true, "cn": true, "net": true, "org": true, "top": true, "xyz": true, "vip": true, "cc": true, "me": true,
	"io": true, "co": true, "info": true, "shop": true, "club": true, "site": true, "online": true, "app": true,
	"link": true, "ly": true, "gl": true, "in": true, "im": true, "tk": true, "ml": true, "ga": true, "cf": true,
	"gq": true, "hk": true, "tw": true, "asia": true, "biz": true, "wang": true, "ren": true, "ink": true, "fun": true,
	"icu": true, "live": true, "work": true, "pro": true, "tv": true, "ws": true, "la": true, "ai": true, "to": true,
	"sh": true, "gov": true, "edu": true, "buzz": true, "store": true, "website": true, "space": true, "cyou": true,
	"sbs": true, "mobi": true, "run": true, "ltd": true, "group": true, "pw": true, "uk": true, "us": true, "jp": true,
	"kr": true, "sg": true, "my": true, "th": true, "kh": true, "mm": true, "ph": true, "vn": true, "ae": true, "gd": true,
}

var throwawayTLD = map[string]bool{"top": true, "xyz": true, "vip": true, "icu": true, "tk": true, "ml": true, "ga": true,
	"cf": true, "gq": true, "buzz": true, "shop": true, "club": true, "fun": true, "site": true, "online": true, "wang": true,
	"ren": true, "work": true, "live": true, "cyou": true, "sbs": true, "pw": true, "store": true, "website": true, "space": true, "run": true}

var shorteners = map[string]bool{"t.cn": true, "dwz.cn": true, "url.cn": true, "w.url.cn": true, "suo.im": true,
	"bit.ly": true, "tinyurl.com": true, "is.gd": true, "t.ly": true, "goo.gl": true, "ow.ly": true, "6du.in": true,
	"reurl.cc": true, "s.yam.com": true, "u.nu": true, "cutt.ly": true, "rb.gy": true, "shorturl.at": true,
	"tiny.cc": true, "v.gd": true, "dwz.date": true, "mrw.so": true, "xw.qq.com": false, "0x3.me": true, "kks.me": true,
	"sohu.gg": true, "qr.net": true}

// Job platforms and big services whose links are neither official nor suspicious.
var knownHosts = []string{"zhipin.com", "51job.com", "zhaopin.com", "liepin.com", "58.com", "ganji.com", "lagou.com",
	"chinahr.com", "jobonline.cn", "ncss.cn", "chsi.com.cn", "qq.com", "weixin.qq.com", "baidu.com", "taobao.com",
	"jd.com", "alipay.com", "meituan.com", "douyin.com", "kuaishou.com", "xiaohongshu.com", "weibo.com", "12377.cn",
	"12315.cn", "gsxt.gov.cn", "yupao.com", "kanzhun.com", "dajie.com", "job5156.com", "doumi.com"}

func hostIs(host, base string) bool {
	return host == base || strings.HasSuffix(host, "."+base)
}

func isHostRune(q rune) bool { return norm.IsLatin(q) || norm.IsDigit(q) || q == '-' || q == '.' }

func isPathRune(q rune) bool {
	return isHostRune(q) || strings.ContainsRune("/_?=&%#+~:@!*,;", q)
}

// extractLinks finds URLs (with or without scheme) and e-mail addresses.
func extractLinks(r []rune, out []entity) []entity {
	for i := 0; i < len(r); i++ {
		if !(norm.IsLatin(r[i]) || norm.IsDigit(r[i])) {
			continue
		}
		if i > 0 && (isHostRune(r[i-1]) || r[i-1] == '@' || r[i-1] == '/' || r[i-1] == '_') {
			continue
		}
		start := i
		k := i
		scheme := false
		if hasWordAt(r, k, "https://") {
			k += 8
			scheme = true
		} else if hasWordAt(r, k, "http://") {
			k += 7
			scheme = true
		}
		hs := k
		for k < len(r) && isHostRune(r[k]) && k-hs < 253 {
			k++
		}
		host := strings.Trim(string(r[hs:k]), ".-")
		hostEnd := hs + len([]rune(host))
		// e-mail: local@host
		if k < len(r) && r[k] == '@' && !scheme {
			e := k + 1
			for e < len(r) && isHostRune(r[e]) {
				e++
			}
			dom := strings.Trim(string(r[k+1:e]), ".-")
			if strings.Contains(dom, ".") && tlds[dom[strings.LastIndexByte(dom, '.')+1:]] {
				out = append(out, entity{"$email", string(r[start:e]), start, e})
				i = e - 1
				continue
			}
		}
		labels := strings.Split(host, ".")
		if len(labels) < 2 {
			i = k
			continue
		}
		tld := labels[len(labels)-1]
		ip := len(labels) == 4 && allDigits([]rune(strings.Join(labels, "")))
		if !scheme && !ip && !tlds[tld] {
			i = k
			continue
		}
		if !ip && allDigits([]rune(tld)) {
			i = k
			continue
		}
		// "1.5万" or "v1.0" are not links: the first label must not be a bare number unless a scheme or path follows
		if !scheme && !ip && allDigits([]rune(labels[0])) && len(labels) == 2 && !(hostEnd < len(r) && r[hostEnd] == '/') && labels[0] != "58" {
			i = k
			continue
		}
		e := hostEnd
		if e < len(r) && (r[e] == '/' || r[e] == ':' || r[e] == '?') {
			for e < len(r) && isPathRune(r[e]) && e-hostEnd < 512 {
				e++
			}
		}
		url := string(r[start:e])
		path := string(r[hostEnd:e])
		out = append(out, entity{"$anylink", url, start, e})
		class := classifyLink(host, path, ip)
		if class != "" {
			out = append(out, entity{class, url, start, e})
		}
		i = e - 1
	}
	return out
}

// classifyLink returns "$officiallink", "$shortlink", "$badlink", "$link", or
// "" for a known platform.
func classifyLink(host, path string, ip bool) string {
	if ip {
		return "$badlink"
	}
	host = strings.TrimPrefix(host, "www.")
	if hostIs(host, "gov.cn") || strings.HasSuffix(host, ".gov") || hostIs(host, "12333.gov.cn") {
		return "$officiallink"
	}
	if shorteners[host] {
		return "$shortlink"
	}
	if strings.HasSuffix(path, ".apk") || strings.Contains(path, ".apk?") {
		return "$badlink"
	}
	for _, h := range knownHosts {
		if hostIs(host, h) {
			return ""
		}
	}
	// lookalikes of government or labour-bureau sites
	for _, w := range []string{"gov", "12333", "mohrss", "rsj", "shebao", "renshe", "hrss", "rst", "chinatax", "etax", "gsxt", "12345"} {
		if strings.Contains(host, w) {
			return "$badlink"
		}
	}
	tld := host[strings.LastIndexByte(host, '.')+1:]
	if throwawayTLD[tld] {
		return "$badlink"
	}
	return "$link"
}
