package places

import (
	"sort"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/cases"
	"golang.org/x/text/language"
)

// City is a prefecture-level city (or a municipality) workers search in.
type City struct {
	ZH       string // 东莞
	EN       string // Dongguan
	Province string // 广东
}

// cityRows is the table behind FindCity: the four municipalities, every
// prefecture-level city of mainland China (293, as listed by the Ministry
// of Civil Affairs' administrative divisions), and Yiwu, a county-level
// city that is a job market in its own right. Order matters where English
// names repeat (Suzhou, Taizhou, Fuzhou, Yichun, Yulin): the larger city
// comes first and wins a bare English name.
var cityRows = [...]City{
	// municipalities
	{"北京", "Beijing", "北京"}, {"上海", "Shanghai", "上海"}, {"天津", "Tianjin", "天津"}, {"重庆", "Chongqing", "重庆"},
	// 广东
	{"广州", "Guangzhou", "广东"}, {"深圳", "Shenzhen", "广东"}, {"东莞", "Dongguan", "广东"}, {"佛山", "Foshan", "广东"},
	{"惠州", "Huizhou", "广东"}, {"中山", "Zhongshan", "广东"}, {"珠海", "Zhuhai", "广东"}, {"江门", "Jiangmen", "广东"},
	{"韶关", "Shaoguan", "广东"}, {"汕头", "Shantou", "广东"}, {"湛江", "Zhanjiang", "广东"}, {"茂名", "Maoming", "广东"},
	{"肇庆", "Zhaoqing", "广东"}, {"梅州", "Meizhou", "广东"}, {"汕尾", "Shanwei", "广东"}, {"河源", "Heyuan", "广东"},
	{"阳江", "Yangjiang", "广东"}, {"清远", "Qingyuan", "广东"}, {"潮州", "Chaozhou", "广东"}, {"揭阳", "Jieyang", "广东"},
	{"云浮", "Yunfu", "广东"},
	// 江苏
	{"苏州", "Suzhou", "江苏"}, {"南京", "Nanjing", "江苏"}, {"无锡", "Wuxi", "江苏"}, {"常州", "Changzhou", "江苏"},
	{"徐州", "Xuzhou", "江苏"}, {"南通", "Nantong", "江苏"}, {"连云港", "Lianyungang", "江苏"}, {"淮安", "Huai'an", "江苏"},
	{"盐城", "Yancheng", "江苏"}, {"扬州", "Yangzhou", "江苏"}, {"镇江", "Zhenjiang", "江苏"}, {"泰州", "Taizhou", "江苏"},
	{"宿迁", "Suqian", "江苏"},
	// 浙江
	{"杭州", "Hangzhou", "浙江"}, {"宁波", "Ningbo", "浙江"}, {"温州", "Wenzhou", "浙江"}, {"义乌", "Yiwu", "浙江"},
	{"金华", "Jinhua", "浙江"}, {"台州", "Taizhou", "浙江"}, {"嘉兴", "Jiaxing", "浙江"}, {"湖州", "Huzhou", "浙江"},
	{"绍兴", "Shaoxing", "浙江"}, {"衢州", "Quzhou", "浙江"}, {"舟山", "Zhoushan", "浙江"}, {"丽水", "Lishui", "浙江"},
	// 福建
	{"厦门", "Xiamen", "福建"}, {"泉州", "Quanzhou", "福建"}, {"福州", "Fuzhou", "福建"}, {"莆田", "Putian", "福建"},
	{"三明", "Sanming", "福建"}, {"漳州", "Zhangzhou", "福建"}, {"南平", "Nanping", "福建"}, {"龙岩", "Longyan", "福建"},
	{"宁德", "Ningde", "福建"},
	// 四川
	{"成都", "Chengdu", "四川"}, {"自贡", "Zigong", "四川"}, {"攀枝花", "Panzhihua", "四川"}, {"泸州", "Luzhou", "四川"},
	{"德阳", "Deyang", "四川"}, {"绵阳", "Mianyang", "四川"}, {"广元", "Guangyuan", "四川"}, {"遂宁", "Suining", "四川"},
	{"内江", "Neijiang", "四川"}, {"乐山", "Leshan", "四川"}, {"南充", "Nanchong", "四川"}, {"眉山", "Meishan", "四川"},
	{"宜宾", "Yibin", "四川"}, {"广安", "Guang'an", "四川"}, {"达州", "Dazhou", "四川"}, {"雅安", "Ya'an", "四川"},
	{"巴中", "Bazhong", "四川"}, {"资阳", "Ziyang", "四川"},
	// 湖北
	{"武汉", "Wuhan", "湖北"}, {"黄石", "Huangshi", "湖北"}, {"十堰", "Shiyan", "湖北"}, {"宜昌", "Yichang", "湖北"},
	{"襄阳", "Xiangyang", "湖北"}, {"鄂州", "Ezhou", "湖北"}, {"荆门", "Jingmen", "湖北"}, {"孝感", "Xiaogan", "湖北"},
	{"荆州", "Jingzhou", "湖北"}, {"黄冈", "Huanggang", "湖北"}, {"咸宁", "Xianning", "湖北"}, {"随州", "Suizhou", "湖北"},
	// 湖南
	{"长沙", "Changsha", "湖南"}, {"株洲", "Zhuzhou", "湖南"}, {"湘潭", "Xiangtan", "湖南"}, {"衡阳", "Hengyang", "湖南"},
	{"邵阳", "Shaoyang", "湖南"}, {"岳阳", "Yueyang", "湖南"}, {"常德", "Changde", "湖南"}, {"张家界", "Zhangjiajie", "湖南"},
	{"益阳", "Yiyang", "湖南"}, {"郴州", "Chenzhou", "湖南"}, {"永州", "Yongzhou", "湖南"}, {"怀化", "Huaihua", "湖南"},
	{"娄底", "Loudi", "湖南"},
	// 河南
	{"郑州", "Zhengzhou", "河南"}, {"开封", "Kaifeng", "河南"}, {"洛阳", "Luoyang", "河南"}, {"平顶山", "Pingdingshan", "河南"},
	{"安阳", "Anyang", "河南"}, {"鹤壁", "Hebi", "河南"}, {"新乡", "Xinxiang", "河南"}, {"焦作", "Jiaozuo", "河南"},
	{"濮阳", "Puyang", "河南"}, {"许昌", "Xuchang", "河南"}, {"漯河", "Luohe", "河南"}, {"三门峡", "Sanmenxia", "河南"},
	{"南阳", "Nanyang", "河南"}, {"商丘", "Shangqiu", "河南"}, {"信阳", "Xinyang", "河南"}, {"周口", "Zhoukou", "河南"},
	{"驻马店", "Zhumadian", "河南"},
	// 陕西
	{"西安", "Xi'an", "陕西"}, {"铜川", "Tongchuan", "陕西"}, {"宝鸡", "Baoji", "陕西"}, {"咸阳", "Xianyang", "陕西"},
	{"渭南", "Weinan", "陕西"}, {"延安", "Yan'an", "陕西"}, {"汉中", "Hanzhong", "陕西"}, {"榆林", "Yulin", "陕西"},
	{"安康", "Ankang", "陕西"}, {"商洛", "Shangluo", "陕西"},
	// 安徽
	{"合肥", "Hefei", "安徽"}, {"芜湖", "Wuhu", "安徽"}, {"蚌埠", "Bengbu", "安徽"}, {"淮南", "Huainan", "安徽"},
	{"马鞍山", "Ma'anshan", "安徽"}, {"淮北", "Huaibei", "安徽"}, {"铜陵", "Tongling", "安徽"}, {"安庆", "Anqing", "安徽"},
	{"黄山", "Huangshan", "安徽"}, {"滁州", "Chuzhou", "安徽"}, {"阜阳", "Fuyang", "安徽"}, {"宿州", "Suzhou", "安徽"},
	{"六安", "Lu'an", "安徽"}, {"亳州", "Bozhou", "安徽"}, {"池州", "Chizhou", "安徽"}, {"宣城", "Xuancheng", "安徽"},
	// 江西
	{"南昌", "Nanchang", "江西"}, {"景德镇", "Jingdezhen", "江西"}, {"萍乡", "Pingxiang", "江西"}, {"九江", "Jiujiang", "江西"},
	{"新余", "Xinyu", "江西"}, {"鹰潭", "Yingtan", "江西"}, {"赣州", "Ganzhou", "江西"}, {"吉安", "Ji'an", "江西"},
	{"宜春", "Yichun", "江西"}, {"抚州", "Fuzhou", "江西"}, {"上饶", "Shangrao", "江西"},
	// 山东
	{"济南", "Jinan", "山东"}, {"青岛", "Qingdao", "山东"}, {"淄博", "Zibo", "山东"}, {"枣庄", "Zaozhuang", "山东"},
	{"东营", "Dongying", "山东"}, {"烟台", "Yantai", "山东"}, {"潍坊", "Weifang", "山东"}, {"济宁", "Jining", "山东"},
	{"泰安", "Tai'an", "山东"}, {"威海", "Weihai", "山东"}, {"日照", "Rizhao", "山东"}, {"临沂", "Linyi", "山东"},
	{"德州", "Dezhou", "山东"}, {"聊城", "Liaocheng", "山东"}, {"滨州", "Binzhou", "山东"}, {"菏泽", "Heze", "山东"},
	// 云南
	{"昆明", "Kunming", "云南"}, {"曲靖", "Qujing", "云南"}, {"玉溪", "Yuxi", "云南"}, {"保山", "Baoshan", "云南"},
	{"昭通", "Zhaotong", "云南"}, {"丽江", "Lijiang", "云南"}, {"普洱", "Pu'er", "云南"}, {"临沧", "Lincang", "云南"},
	// 贵州
	{"贵阳", "Guiyang", "贵州"}, {"六盘水", "Liupanshui", "贵州"}, {"遵义", "Zunyi", "贵州"}, {"安顺", "Anshun", "贵州"},
	{"毕节", "Bijie", "贵州"}, {"铜仁", "Tongren", "贵州"},
	// 广西
	{"南宁", "Nanning", "广西"}, {"柳州", "Liuzhou", "广西"}, {"桂林", "Guilin", "广西"}, {"梧州", "Wuzhou", "广西"},
	{"北海", "Beihai", "广西"}, {"防城港", "Fangchenggang", "广西"}, {"钦州", "Qinzhou", "广西"}, {"贵港", "Guigang", "广西"},
	{"玉林", "Yulin", "广西"}, {"百色", "Baise", "广西"}, {"贺州", "Hezhou", "广西"}, {"河池", "Hechi", "广西"},
	{"来宾", "Laibin", "广西"}, {"崇左", "Chongzuo", "广西"},
	// 河北
	{"石家庄", "Shijiazhuang", "河北"}, {"唐山", "Tangshan", "河北"}, {"秦皇岛", "Qinhuangdao", "河北"}, {"邯郸", "Handan", "河北"},
	{"邢台", "Xingtai", "河北"}, {"保定", "Baoding", "河北"}, {"张家口", "Zhangjiakou", "河北"}, {"承德", "Chengde", "河北"},
	{"沧州", "Cangzhou", "河北"}, {"廊坊", "Langfang", "河北"}, {"衡水", "Hengshui", "河北"},
	// 山西
	{"太原", "Taiyuan", "山西"}, {"大同", "Datong", "山西"}, {"阳泉", "Yangquan", "山西"}, {"长治", "Changzhi", "山西"},
	{"晋城", "Jincheng", "山西"}, {"朔州", "Shuozhou", "山西"}, {"晋中", "Jinzhong", "山西"}, {"运城", "Yuncheng", "山西"},
	{"忻州", "Xinzhou", "山西"}, {"临汾", "Linfen", "山西"}, {"吕梁", "Lvliang", "山西"},
	// 内蒙古
	{"呼和浩特", "Hohhot", "内蒙古"}, {"包头", "Baotou", "内蒙古"}, {"乌海", "Wuhai", "内蒙古"}, {"赤峰", "Chifeng", "内蒙古"},
	{"通辽", "Tongliao", "内蒙古"}, {"鄂尔多斯", "Ordos", "内蒙古"}, {"呼伦贝尔", "Hulunbuir", "内蒙古"},
	{"巴彦淖尔", "Bayannur", "内蒙古"}, {"乌兰察布", "Ulanqab", "内蒙古"},
	// 辽宁
	{"沈阳", "Shenyang", "辽宁"}, {"大连", "Dalian", "辽宁"}, {"鞍山", "Anshan", "辽宁"}, {"抚顺", "Fushun", "辽宁"},
	{"本溪", "Benxi", "辽宁"}, {"丹东", "Dandong", "辽宁"}, {"锦州", "Jinzhou", "辽宁"}, {"营口", "Yingkou", "辽宁"},
	{"阜新", "Fuxin", "辽宁"}, {"辽阳", "Liaoyang", "辽宁"}, {"盘锦", "Panjin", "辽宁"}, {"铁岭", "Tieling", "辽宁"},
	{"朝阳", "Chaoyang", "辽宁"}, {"葫芦岛", "Huludao", "辽宁"},
	// 吉林
	{"长春", "Changchun", "吉林"}, {"吉林", "Jilin", "吉林"}, {"四平", "Siping", "吉林"}, {"辽源", "Liaoyuan", "吉林"},
	{"通化", "Tonghua", "吉林"}, {"白山", "Baishan", "吉林"}, {"松原", "Songyuan", "吉林"}, {"白城", "Baicheng", "吉林"},
	// 黑龙江
	{"哈尔滨", "Harbin", "黑龙江"}, {"齐齐哈尔", "Qiqihar", "黑龙江"}, {"鸡西", "Jixi", "黑龙江"}, {"鹤岗", "Hegang", "黑龙江"},
	{"双鸭山", "Shuangyashan", "黑龙江"}, {"大庆", "Daqing", "黑龙江"}, {"伊春", "Yichun", "黑龙江"}, {"佳木斯", "Jiamusi", "黑龙江"},
	{"七台河", "Qitaihe", "黑龙江"}, {"牡丹江", "Mudanjiang", "黑龙江"}, {"黑河", "Heihe", "黑龙江"}, {"绥化", "Suihua", "黑龙江"},
	// 海南
	{"海口", "Haikou", "海南"}, {"三亚", "Sanya", "海南"}, {"三沙", "Sansha", "海南"}, {"儋州", "Danzhou", "海南"},
	// 甘肃
	{"兰州", "Lanzhou", "甘肃"}, {"嘉峪关", "Jiayuguan", "甘肃"}, {"金昌", "Jinchang", "甘肃"}, {"白银", "Baiyin", "甘肃"},
	{"天水", "Tianshui", "甘肃"}, {"武威", "Wuwei", "甘肃"}, {"张掖", "Zhangye", "甘肃"}, {"平凉", "Pingliang", "甘肃"},
	{"酒泉", "Jiuquan", "甘肃"}, {"庆阳", "Qingyang", "甘肃"}, {"定西", "Dingxi", "甘肃"}, {"陇南", "Longnan", "甘肃"},
	// 青海
	{"西宁", "Xining", "青海"}, {"海东", "Haidong", "青海"},
	// 宁夏
	{"银川", "Yinchuan", "宁夏"}, {"石嘴山", "Shizuishan", "宁夏"}, {"吴忠", "Wuzhong", "宁夏"}, {"固原", "Guyuan", "宁夏"},
	{"中卫", "Zhongwei", "宁夏"},
	// 新疆
	{"乌鲁木齐", "Urumqi", "新疆"}, {"克拉玛依", "Karamay", "新疆"}, {"吐鲁番", "Turpan", "新疆"}, {"哈密", "Hami", "新疆"},
	// 西藏
	{"拉萨", "Lhasa", "西藏"}, {"日喀则", "Shigatse", "西藏"}, {"昌都", "Qamdo", "西藏"}, {"林芝", "Nyingchi", "西藏"},
	{"山南", "Shannan", "西藏"}, {"那曲", "Nagqu", "西藏"},
}

// provinceEN spells the provinces in ASCII, for city codes and for
// "Taizhou, Zhejiang".
var ProvinceEN = map[string]string{
	"北京": "beijing", "上海": "shanghai", "天津": "tianjin", "重庆": "chongqing", "广东": "guangdong", "江苏": "jiangsu",
	"浙江": "zhejiang", "福建": "fujian", "四川": "sichuan", "湖北": "hubei", "湖南": "hunan", "河南": "henan",
	"陕西": "shaanxi", "安徽": "anhui", "江西": "jiangxi", "山东": "shandong", "云南": "yunnan", "贵州": "guizhou",
	"广西": "guangxi", "河北": "hebei", "山西": "shanxi", "内蒙古": "neimenggu", "辽宁": "liaoning", "吉林": "jilin",
	"黑龙江": "heilongjiang", "海南": "hainan", "甘肃": "gansu", "青海": "qinghai", "宁夏": "ningxia", "新疆": "xinjiang",
	"西藏": "xizang",
}

// cityTable is the list FindCity knows. Municipalities count as cities.
func cityTable() []City { return cityRows[:] }

// AllCities lists every city FindCity knows.
func AllCities() []City { return append([]City(nil), cityRows[:]...) }

// CommonCities are offered as buttons when a worker has not saved a city.
func CommonCities() []City {
	names := []string{"深圳", "东莞", "广州", "上海", "苏州", "杭州", "北京", "成都"}
	out := make([]City, 0, len(names))
	for _, n := range names {
		c, _ := FindCity(n)
		out = append(out, c)
	}
	return out
}

type cityIndex struct {
	byZH   map[string]City
	byEN   map[string]City // first city of each folded English name
	byCode map[string]City
	code   map[string]string // ZH → code
	zhLong []string          // ZH names, longest first (for FindCityIn)
}

var cityIdx = sync.OnceValue(func() *cityIndex {
	ix := &cityIndex{byZH: map[string]City{}, byEN: map[string]City{}, byCode: map[string]City{}, code: map[string]string{}}
	count := map[string]int{}
	for _, c := range cityRows {
		count[foldEN(c.EN)]++
	}
	for _, c := range cityRows {
		ix.byZH[c.ZH] = c
		en := foldEN(c.EN)
		if _, dup := ix.byEN[en]; !dup {
			ix.byEN[en] = c
		}
		ix.byEN[en+" "+ProvinceEN[c.Province]] = c
		code := en
		if count[en] > 1 {
			code += "-" + ProvinceEN[c.Province]
		}
		ix.byCode[code] = c
		ix.code[c.ZH] = code
		ix.zhLong = append(ix.zhLong, c.ZH)
	}
	sort.SliceStable(ix.zhLong, func(i, j int) bool { return len(ix.zhLong[i]) > len(ix.zhLong[j]) })
	return ix
})

// foldEN lower-cases an English name and drops apostrophes, hyphens and
// spaces: "Xi'an" → "xian", "Ma'anshan" → "maanshan".
func foldEN(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			b.WriteRune(r)
		} else if r == 'ü' {
			b.WriteRune('v')
		}
	}
	return b.String()
}

// FindCity finds the city named in s: "东莞", "东莞市", "Dongguan",
// "dongguan city", "Taizhou, Zhejiang". ok is false when s names no city
// we know.
func FindCity(s string) (City, bool) {
	ix := cityIdx()
	s = strings.TrimSpace(s)
	if c, ok := ix.byZH[strings.TrimSuffix(s, "市")]; ok {
		return c, true
	}
	low := strings.ToLower(s)
	low = strings.TrimSpace(strings.TrimSuffix(low, " city"))
	// "taizhou, zhejiang" / "taizhou zhejiang"
	parts := strings.FieldsFunc(low, func(r rune) bool { return r == ',' || r == ' ' || r == '，' })
	if len(parts) == 2 {
		if c, ok := ix.byEN[foldEN(parts[0])+" "+foldEN(parts[1])]; ok {
			return c, true
		}
	}
	if len(parts) == 0 || len(parts) > 3 {
		return City{}, false
	}
	f := foldEN(low)
	if f == "" {
		return City{}, false
	}
	c, ok := ix.byEN[f]
	return c, ok
}

// CityByCode finds a city by its Code.
func CityByCode(code string) (City, bool) {
	c, ok := cityIdx().byCode[code]
	return c, ok
}

// Code is a short ASCII name of the city, unique in the table, for button
// data: "dongguan", "taizhou-zhejiang".
func (c City) Code() string { return cityIdx().code[c.ZH] }

// FindCityIn finds a city mentioned inside free text: "找工作 东莞 电子厂",
// "深圳有什么活", "jobs in Shenzhen". A Chinese name counts anywhere in the
// text (longest names first, so 张家口 is not read as 张家); an English
// name counts as a whole word. The first mention wins.
func FindCityIn(text string) (City, bool) {
	ix := cityIdx()
	best, bestAt := City{}, -1
	for _, zh := range ix.zhLong {
		if i := strings.Index(text, zh); i >= 0 && (bestAt < 0 || i < bestAt) {
			best, bestAt = ix.byZH[zh], i
		}
	}
	if bestAt >= 0 {
		return best, true
	}
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !(r == '\'' || r == '’' || r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)))
	})
	for i, w := range words {
		if i+1 < len(words) {
			if c, ok := ix.byEN[foldEN(w)+" "+foldEN(words[i+1])]; ok {
				return c, true
			}
		}
		if c, ok := ix.byEN[foldEN(strings.ReplaceAll(w, "’", "'"))]; ok {
			return c, true
		}
	}
	return City{}, false
}

// Name is the city's name in lang ("zh" or "en").
func (c City) Name(lang string) string {
	if lang == "en" {
		name := cases.Title(language.English).String(c.EN)
		if strings.Contains(c.Code(), "-") { // Taizhou (Zhejiang) vs Taizhou (Jiangsu)
			name += " (" + cases.Title(language.English).String(ProvinceEN[c.Province]) + ")"
		}
		return name
	}
	return c.ZH
}
