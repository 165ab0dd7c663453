package faq

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
)

// Sources a worker can trust (issue 12, item 6): every entry names its
// issuer and the title of what it cites (a law and article, or an
// authority's page), links only to official sites, carries no internal
// reference codes, and has a review date (shown as "资料日期").

var (
	sourceLink = regexp.MustCompile(`https?://\S+`)
	// internalCode: the research notes' keys (L9, S6, P4 …), bare or in brackets.
	internalCode = regexp.MustCompile(`(^|[^A-Za-z0-9])[A-Z]{1,2}\d{1,2}[a-z]?($|[^A-Za-z0-9])`)
	reviewDate   = regexp.MustCompile(`^20\d\d-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$`)
	// a title: 《…》, a hotline or a named document
	sourceTitle = regexp.MustCompile(`《[^》]+》|\d{5}|〔\d{4}〕|热线|服务|平台|APP|通知|报道|提示|政策|补贴|标准|行动|中心`)
	// an issuer: a state body, the legislature, a court, a union or federation, a newspaper
	sourceIssuer = regexp.MustCompile(`全国人大|国务院|人社部|人力资源和社会保障|劳动部|劳动总局|劳动和社会保障部|财政部|医保局|公安部|司法部|工信部|网信办|最高人民法院|人民政府|人社局|总工会|妇女联合会|妇联|安全监管总局|卫生部|国家信息中心|日报|中共中央|各省`)
)

// trustedHosts are the sites a source may link to (and their subdomains);
// any *.gov.cn site is official too.
var trustedHosts = []string{"12377.cn", "acftu.org", "women.org.cn"}

// TrustedLink reports whether raw is an http(s) link to an official site.
func TrustedLink(raw string) bool {
	u, err := url.Parse(strings.TrimRight(raw, "。，,;；)）"))
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") {
		return false
	}
	h := strings.ToLower(u.Hostname())
	if h == "gov.cn" || strings.HasSuffix(h, ".gov.cn") {
		return true
	}
	for _, t := range trustedHosts {
		if h == t || strings.HasSuffix(h, "."+t) {
			return true
		}
	}
	return false
}

func validateSourceAndDate(where string, f FAQ) []error {
	var errs []error
	if f.Date != "" && !reviewDate.MatchString(f.Date) {
		errs = append(errs, fmt.Errorf("%s: date %q is not a review date YYYY-MM[-DD]", where, f.Date))
	}
	src := f.Source
	if src == "" {
		return errs
	}
	for _, l := range sourceLink.FindAllString(src, -1) {
		if !TrustedLink(l) {
			errs = append(errs, fmt.Errorf("%s: source links to %s, not an official site", where, l))
		}
	}
	text := sourceLink.ReplaceAllString(src, "")
	if internalCode.MatchString(text) {
		errs = append(errs, fmt.Errorf("%s: source has an internal reference code: %q", where, src))
	}
	if !sourceIssuer.MatchString(text) {
		errs = append(errs, fmt.Errorf("%s: source names no issuer: %q", where, src))
	}
	if !sourceTitle.MatchString(text) {
		errs = append(errs, fmt.Errorf("%s: source names no title: %q", where, src))
	}
	return errs
}
