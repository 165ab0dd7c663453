package knowledge

import (
	"strings"

	"golang.org/x/text/cases"
	"golang.org/x/text/language"
)

// City is a prefecture-level city (or a municipality) workers search in.
type City struct {
	ZH       string // 东莞
	EN       string // Dongguan
	Province string // 广东
}

// cityTable is the list FindCity knows. Municipalities count as cities.
// TODO(jobs): extend to every prefecture-level city.
func cityTable() []City {
	return []City{
		{"北京", "Beijing", "北京"}, {"上海", "Shanghai", "上海"}, {"天津", "Tianjin", "天津"}, {"重庆", "Chongqing", "重庆"},
		{"广州", "Guangzhou", "广东"}, {"深圳", "Shenzhen", "广东"}, {"东莞", "Dongguan", "广东"}, {"佛山", "Foshan", "广东"},
		{"惠州", "Huizhou", "广东"}, {"中山", "Zhongshan", "广东"}, {"珠海", "Zhuhai", "广东"}, {"江门", "Jiangmen", "广东"},
		{"苏州", "Suzhou", "江苏"}, {"南京", "Nanjing", "江苏"}, {"无锡", "Wuxi", "江苏"}, {"常州", "Changzhou", "江苏"},
		{"杭州", "Hangzhou", "浙江"}, {"宁波", "Ningbo", "浙江"}, {"温州", "Wenzhou", "浙江"}, {"义乌", "Yiwu", "浙江"},
		{"金华", "Jinhua", "浙江"}, {"台州", "Taizhou", "浙江"}, {"厦门", "Xiamen", "福建"}, {"泉州", "Quanzhou", "福建"},
		{"福州", "Fuzhou", "福建"}, {"成都", "Chengdu", "四川"}, {"武汉", "Wuhan", "湖北"}, {"长沙", "Changsha", "湖南"},
		{"郑州", "Zhengzhou", "河南"}, {"西安", "Xi'an", "陕西"}, {"合肥", "Hefei", "安徽"}, {"南昌", "Nanchang", "江西"},
		{"济南", "Jinan", "山东"}, {"青岛", "Qingdao", "山东"}, {"昆明", "Kunming", "云南"}, {"贵阳", "Guiyang", "贵州"},
		{"南宁", "Nanning", "广西"}, {"石家庄", "Shijiazhuang", "河北"}, {"沈阳", "Shenyang", "辽宁"}, {"哈尔滨", "Harbin", "黑龙江"},
	}
}

// CommonCities are offered as buttons when a worker has not saved a city.
func CommonCities() []City {
	t := cityTable()
	return []City{t[5], t[6], t[4], t[1], t[12], t[16], t[0], t[25]}
}

// FindCity finds the city named in s: "东莞", "东莞市", "Dongguan",
// "dongguan city". ok is false when s names no city we know.
func FindCity(s string) (City, bool) {
	s = strings.TrimSpace(s)
	s = strings.TrimSuffix(s, "市")
	low := strings.ToLower(s)
	low = strings.TrimSpace(strings.TrimSuffix(low, " city"))
	low = strings.ReplaceAll(low, "'", "")
	for _, c := range cityTable() {
		if s == c.ZH || low == strings.ToLower(strings.ReplaceAll(c.EN, "'", "")) {
			return c, true
		}
	}
	return City{}, false
}

// Name is the city's name in lang ("zh" or "en").
func (c City) Name(lang string) string {
	if lang == "en" {
		return cases.Title(language.English).String(c.EN)
	}
	return c.ZH
}
