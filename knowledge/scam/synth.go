package scam

import (
	"fmt"
	"strconv"
	"strings"
)

// SyntheticCases builds n case studies from seed for load tests and
// benchmarks: copies with new ids, other cities, jobs and amounts, and a
// varying extra sentence, so that the index sees a realistic spread of terms.
// It is not used by the bot.
func SyntheticCases(seed []Case, n int) []Case {
	if len(seed) == 0 || n <= 0 {
		return nil
	}
	cities := []string{"东莞", "深圳", "广州", "佛山", "苏州", "昆山", "宁波", "温州", "郑州", "成都", "重庆", "西安", "长沙",
		"武汉", "合肥", "南昌", "福州", "厦门", "泉州", "南宁", "昆明", "贵阳", "太原", "石家庄", "济南", "青岛", "天津",
		"北京", "上海", "杭州", "无锡", "常州", "南通", "徐州", "洛阳", "襄阳", "赣州", "柳州", "遵义", "临沂"}
	jobs := []string{"普工", "分拣员", "保安", "保洁", "服务员", "厨师", "司机", "骑手", "客服", "仓管", "电工", "焊工",
		"木工", "瓦工", "叉车工", "质检员", "店员", "收银员", "育婴员", "护工", "快递员", "装卸工", "文员", "主播"}
	places := []string{"在网上", "在招聘群里", "在短视频平台", "在贴吧", "在朋友圈", "经老乡介绍", "在路边广告", "在QQ群"}
	enCities := []string{"Dongguan", "Shenzhen", "Guangzhou", "Suzhou", "Ningbo", "Zhengzhou", "Chengdu", "Wuhan", "Hefei", "Kunming"}
	out := make([]Case, 0, n)
	for i := 0; i < n; i++ {
		b := seed[i%len(seed)]
		c := b
		c.RedFlagsZH = append([]string(nil), b.RedFlagsZH...)
		c.RedFlagsEN = append([]string(nil), b.RedFlagsEN...)
		c.AdviceZH = append([]string(nil), b.AdviceZH...)
		c.AdviceEN = append([]string(nil), b.AdviceEN...)
		id := b.ID
		if len(id) > 30 {
			id = id[:30]
		}
		c.ID = fmt.Sprintf("%s-s%d", strings.TrimRight(id, "-_"), i)
		city, job, place := cities[(i*7)%len(cities)], jobs[(i*5)%len(jobs)], places[(i*3)%len(places)]
		amount := strconv.Itoa(100 + (i*37)%9000)
		c.TitleZH = city + job + "：" + b.TitleZH
		c.StoryZH = fmt.Sprintf("%s一名%s%s看到消息。%s对方前后要了%s元。", city, job, place, b.StoryZH, amount)
		c.TitleEN = enCities[i%len(enCities)] + ": " + b.TitleEN
		c.StoryEN = fmt.Sprintf("%s In %s the victim lost %s yuan.", b.StoryEN, enCities[(i*3)%len(enCities)], amount)
		out = append(out, c)
	}
	return out
}
