#!/usr/bin/env python3
"""Writes train.jsonl: the project's own labelled training set.

Every sentence and fragment below was written for Gongyou by the model helper
(not copied, paraphrased or adapted from ../shared/data or any other data
set). Rows are composed from these fragments with a fixed seed, so running
this script again gives the same file. See README.md for the label policy.

    python3 make_train.py > train.jsonl
"""
import json
import random
import sys

R = random.Random(20250611)

# ---------------------------------------------------------------- shared slots
CITIES = ["深圳龙华", "东莞长安", "苏州工业园区", "昆山", "宁波北仑", "佛山顺德", "郑州航空港", "成都双流",
          "武汉东西湖", "重庆两江新区", "西安高新", "合肥经开区", "南昌", "长沙星沙", "天津滨海", "青岛黄岛",
          "厦门集美", "杭州萧山", "无锡新吴", "广州白云", "上海松江", "北京大兴", "石家庄", "太原", "贵阳",
          "南宁", "温州瓯海", "中山小榄", "惠州仲恺", "泉州晋江"]
TRADES = ["普工", "操作工", "仓库分拣员", "快递装卸", "保安", "保洁", "服务员", "厨房帮工", "电焊工", "叉车司机",
          "水电工", "外卖骑手", "网约车司机", "货车司机", "月嫂", "育婴师", "收银员", "理货员", "质检员", "包装工",
          "木工", "钢筋工", "客服专员", "电话销售", "店员", "美容学徒", "汽修学徒", "物业维修工", "保姆", "装配工"]
WHITE = ["Java开发工程师", "前端工程师", "测试工程师", "数据分析师", "风控专员", "贷款审核专员", "催收合规专员",
         "会计", "出纳", "人事专员", "行政助理", "产品经理", "运维工程师", "算法工程师", "销售经理", "新媒体运营",
         "UI设计师", "法务专员", "征信数据专员", "客户经理"]
LEGIT_COMPANIES = ["深圳市恒达电子有限公司", "东莞市鑫源塑胶制品厂", "苏州瑞丰精密机械有限公司", "顺丰速运",
                   "京东物流", "美团配送站", "海底捞餐饮", "富士康科技集团", "立讯精密", "比亚迪汽车",
                   "宁波舜宇光电", "重庆长安汽车", "郑州宇通客车", "湖北华中小额贷款有限公司",
                   "成都锦程消费金融有限公司", "杭州数安信息科技有限公司", "维信金科", "广州中和融资担保有限公司",
                   "上海浦江信息科技有限公司", "南京苏宁易购", "永辉超市", "中建三局劳务分公司",
                   "厦门金龙客车", "天津港物流", "青岛海尔", "合肥京东方", "武汉光谷金融服务有限公司",
                   "北京快鱼信息技术有限公司", "深圳前海微众银行", "招商银行信用卡中心"]
SURNAMES = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴", "徐", "孙", "马", "胡", "郭"]


def phone():
    return "1" + R.choice("3578") + "".join(R.choice("0123456789") for _ in range(9))


def phone_obf():
    p = phone()
    style = R.randrange(6)
    if style == 0:
        return "★".join([p[:3], p[3:7], p[7:]])
    if style == 1:
        return " ".join(p)
    if style == 2:
        m = dict(zip("0123456789", "零一二三四五六七八九"))
        return "".join(m[c] for c in p)
    if style == 3:
        return p[:3] + "-" + p[3:7] + "-" + p[7:]
    if style == 4:
        return p[:5] + "❤" + p[5:]
    return p


def handle():
    base = R.choice(["xiaoyu", "job", "hr", "kefu", "laoli", "aa", "zp", "tt", "mei", "dd"])
    return base + str(R.randrange(100, 99999))


def wx():
    return R.choice(["加V：", "薇信：", "威信", "vx:", "wx：", "加微：", "➕V ", "加我微信", "V信"]) + handle()


def qq():
    return R.choice(["扣扣", "企鹅", "加q", "QQ：", "扣："]) + str(R.randrange(10000000, 999999999))


def tg():
    return R.choice(["纸飞机@", "飞机号：", "telegram @", "TG: @", "电报"]) + handle()


def money(lo, hi, step=1):
    return str(R.randrange(lo, hi, step))


def pay_range():
    a = R.randrange(4, 12) * 1000 + R.choice([0, 500])
    return f"{a}-{a + R.choice([1000, 2000, 3000])}"


def name():
    return R.choice(SURNAMES) + R.choice(["经理", "主管", "姐", "哥", "老师", "组长", "专员"])


def fill(t):
    """Replaces {slots} in a template with fresh values."""
    while "{" in t:
        i = t.index("{")
        j = t.index("}", i)
        k = t[i + 1:j]
        v = {
            "city": lambda: R.choice(CITIES),
            "trade": lambda: R.choice(TRADES),
            "white": lambda: R.choice(WHITE),
            "co": lambda: R.choice(LEGIT_COMPANIES),
            "phone": phone,
            "phoneobf": phone_obf,
            "wx": wx,
            "qq": qq,
            "tg": tg,
            "pay": pay_range,
            "name": name,
            "small": lambda: money(98, 600),
            "mid": lambda: money(800, 5000, 10),
            "big": lambda: money(8000, 60000, 100),
            "day": lambda: money(200, 900, 10),
            "age": lambda: str(R.randrange(16, 22)) + "-" + str(R.randrange(40, 56)),
            "n": lambda: str(R.randrange(2, 60)),
            "pct": lambda: str(R.randrange(5, 40)),
            "h": lambda: handle(),
        }[k]()
        t = t[:i] + v + t[j + 1:]
    return t


# ---------------------------------------------------------------- noise
TRAD = dict(zip("们这个来时为说国会对发经后动过现里还进种样开间面问机关点见话长钱费证卡银单务实际贷补资联系请报约结费",
                "們這個來時為說國會對發經後動過現裡還進種樣開間面問機關點見話長錢費證卡銀單務實際貸補資聯係請報約結費"))
TYPOS = [("押金", "压金"), ("保证金", "保正金"), ("微信", "威信"), ("身份证", "身分证"), ("兼职", "兼值"),
         ("刷单", "刷丹"), ("返利", "反利"), ("工资", "工姿"), ("充值", "冲值"), ("银行卡", "银航卡"),
         ("培训", "陪训"), ("费用", "费甬"), ("日结", "日节"), ("提现", "提先"), ("贷款", "带款")]
PINYIN = [("押金", "yajin"), ("刷单", "shua dan"), ("微信", "weixin"), ("日结", "rijie"), ("返利", "fanli"),
          ("保证金", "baozhengjin"), ("银行卡", "yinhangka"), ("兼职", "jianzhi")]
EMOJI = ["🔥", "💰", "✅", "👉", "‼️", "🌟", "㊙️", "🧧"]


def noisy(t):
    r = R.random()
    if r < 0.10:
        t = "".join(TRAD.get(c, c) for c in t)
    elif r < 0.25:
        a, b = R.choice(TYPOS)
        t = t.replace(a, b)
    elif r < 0.32:
        a, b = R.choice(PINYIN)
        t = t.replace(a, b, 1)
    if R.random() < 0.15:
        e = R.choice(EMOJI)
        t = e + t + e
    return t


# ---------------------------------------------------------------- Chinese scams
ZH_SCAM = {
    "deposit_fee": [
        "{city}{trade}急招，包吃包住，月薪{pay}，入职前需交押金{small}元，转到{name}个人微信，干满三个月退还。{wx}",
        "【{trade}】日结{day}元，名额只剩{n}个，今天报名先交{small}元服装费和体检费，钱打我个人支付宝，明天直接上岗",
        "你好，面试通过了，按规定要先交{small}元岗位稳定金，转账给我本人就行，收到后发你入职地址",
        "高薪招{trade}，无需经验，入职交{mid}元保证金，打到财务私人账户，做满半年全额返还，先到先得",
        "报名费{small}，资料费{small}，建档费{small}，三项交齐才能安排进厂，{city}工厂包车接送，联系{name}{phoneobf}",
        "我们是{city}劳务派遣，进厂要先交{small}元介绍费和工衣费，交了马上安排住宿，不交就排不上号",
        "A：我想报名{trade} B：可以的亲，先交{small}元押金到这个卡号 A：为什么要押金 B：防止你干两天就跑，干满一个月退",
        "转发：{city}急聘{trade}，{age}岁，月入过万，要求交{mid}元保密费签保密协议，钱转给负责人{name}个人账户",
        "{trade}岗位只剩最后{n}个名额！今天截止！交{small}元报名费锁定名额，微信转账给我，过了今天就没了",
        "入职体检我们统一安排，体检费{small}元直接微信转给我，不用去医院，我帮你出报告",
    ],
    "id_retention": [
        "{city}电子厂招{trade}，报到当天身份证原件交给班组长统一保管，办好工卡再说，工资年底一次结清",
        "进场要把身份证和银行卡交给我们，工资卡统一办理，密码也要告诉带班的，方便发工资",
        "A：身份证要交吗 B：要的，原件押在公司，干满一年还你，这是规矩 A：那我要用怎么办 B：找组长申请",
        "包吃住，月薪{pay}，押证上岗，身份证原件和毕业证原件由人事部保管，离职时归还",
        "工地招{trade}，来了身份证和社保卡都交给包工头统一管理，工钱按项目结束后一次性发",
    ],
    "training_loan": [
        "恭喜你通过面试！不过你没有相关经验，需要先参加{n}天岗前培训，培训费{big}元可以分期，每月从工资里扣，0元入学",
        "{white}岗位包就业，先学后付，培训费{big}元通过合作金融平台办理分期，签实训协议后直接上岗，找不到工作全额退",
        "A：不是招聘吗怎么变培训了 B：公司规定新人都要先培训，费用不用你出，我们帮你申请分期，工资够还月供的",
        "招转培：新媒体运营/剪辑/配音，月薪{pay}，岗前需参加技能强化课程{big}元，可办理助学分期，入职后公司补贴",
        "面试通过，但要先签《技能提升与上岗协议》，课程费{big}元用你身份证在APP上办分期，每月还{mid}元，上岗后报销",
    ],
    "beauty_loan": [
        "招平面模特/主播，底薪{pay}+提成，形象需要微调，去我们合作的医美机构做个项目，0首付分期，公司帮你还",
        "你条件很好，就是鼻子再挺一点就能签约了，整形费{big}可以办美容贷，签约后公司每月补贴还款",
        "模特经纪公司招新人，先拍一套模卡{mid}元，签约费{mid}元，拍完安排通告，一个月接单轻松过万",
        "A：我只是想当主播 B：主播都要颜值的，去做个小调整，贷款公司办，你一分钱不用出，以后从收入里扣",
    ],
    "task_rebate": [
        "招兼职宝妈学生党，足不出户动动手指，点赞关注截图一单{n}元，日结秒结，{wx}",
        "刷单返利：第一单垫付{small}返{small}，前三单必返，做完任务导师带你进VIP群，充值越多返利越多",
        "抢单任务，系统派单，每单佣金{pct}%，先垫付本金，完成后本金加佣金一起返，今天已有{n}人提现",
        "A：我做了两单都返了，第三单让我充{mid} B：这是组合任务，要连做三单才能提现 A：我钱不够了 B：操作失误单子卡住了，再充一单就解冻",
        "你好，这边是店铺好评部，帮商家点赞收藏，一单{n}元，需要下载我们的任务APP，注册码{h}，有客服一对一带",
        "寄拍模特招募：免费拿衣服拍照，拍完返现，先垫付货款{mid}元，三个工作日内返本金和佣金",
        "做任务赚钱很简单，先做{n}个试单，前三单必返，后面升级成连单任务佣金翻倍，要先充值到任务账户",
        "动动手指日入{day}，关注抖音账号截图发我，一个{n}元，满{n}个进群领大单，大单需要先垫付",
    ],
    "typing_membership": [
        "招打字员，在家可做，每千字{n}元，日结，需先开通会员{small}元才能派单，升级高级会员多派单",
        "手写抄写员，抄书一页{n}元，材料寄到家，先交{small}元资料费和押金，交稿后退还",
        "录入员兼职，一部手机就能做，软件激活费{small}元，激活后每天派{n}单，做满{n}单退会员费",
        "小说打字员招聘，保证金{small}元，交了发稿子，一天能挣{day}，名额有限",
    ],
    "money_mule": [
        "收购银行卡，一类卡带U盾{mid}元一套，手机卡{small}一张，当天结算，安全不留痕",
        "出租银行卡，一个月{mid}元，只是帮公司走账，流水过完就还你，不犯法",
        "学生兼职：两部手机在家就能做，一小时{day}元，帮忙打电话转接，要你实名手机卡",
        "跑分兼职：你提供收款码帮商家收款，抽{pct}%佣金，每天流水几万，佣金日结",
        "A：帮我个忙，我公司账户被限额了，借你银行卡走一笔账 B：多少钱 A：二十万，进了马上转出去，给你{mid}好处费",
        "招聘取现员：去银行取现金帮忙买金条，一次给{mid}元辛苦费，需要用你本人的卡",
        "出借手机卡赚外快：你的手机号借我们注册账号，一张卡{small}元，放家里插着就行",
        "高价回收闲置银行卡、电话卡、对公账户，{tg} 私聊详谈",
    ],
    "overseas": [
        "海外高薪招聘：柬埔寨电商客服，月薪2-3万，包机票包吃住，不要学历外语，护照我们办，{tg}",
        "缅甸项目招打字员，日薪3000，干10天就回，U结，从西双版纳过去有人接，别跟家里说",
        "迪拜游戏推广，保底8000+提成，签证我们办，先去景洪集合，到了把手机交给领队统一保管",
        "泰国考察项目，机票我们出，落地有车接，去了直接上班，月入3万起，聊天记录看完就删",
        "境外网络客服，工作轻松坐办公室，底薪15000，要求会打字，出境不走正规口岸，有人带路",
    ],
    "pig_butcher": [
        "你好呀，不好意思加错人了，不过相逢就是缘，我在做黄金投资，跟着导师每天稳赚{pct}%，你要不要试试",
        "哥哥你好，我在海外做数字货币，最近平台有个内部通道，充值{big}三天就能翻倍，我带你",
        "A：今天又赚了{mid} B：这么多？ A：我叔叔在交易所内部，他给的点位，你先小额试试，下载这个APP注册",
        "姐姐，我们平台有漏洞可以套利，稳赚不赔，你先充{mid}试一下，提现不了我全赔给你",
        "认识你真开心，我平时做外汇期货，老师带单胜率九成，你可以先跟一把，充值到我发的链接",
    ],
    "fake_agent": [
        "我们是劳务中介，有{city}大厂内部名额，不用面试直接进，收{mid}元介绍费，进不了厂全退",
        "央国企内推，编制岗位，直签保录取，服务费{big}元，先付一半，拿到offer再付一半",
        "招聘代理：拉人进厂一个头{small}元返佣，先交{mid}元代理费拿到内部渠道",
        "某大厂内部员工，可以帮你直接进{white}岗位，不用笔试，交{big}元打点费，保证录取",
        "中介带队去{city}进厂，车费和介绍费先交{small}元，没有营业执照但我们干了十年了",
    ],
    "crypto": [
        "兼职USDT搬砖，低买高卖赚差价，一天稳赚{day}，先转{mid}U到我给的钱包地址",
        "招币圈客服，工资U结，月薪{pay}U，工作地点境外，飞机联系{tg}",
        "虚拟币挖矿项目，投{big}元买矿机，每天产币，三个月回本，拉人还有奖励",
    ],
    "diversion": [
        "你好，看到你的简历了，这边不方便聊，加我私人{wx}详谈，岗位很轻松",
        "HR：你好，请下载会议APP“{h}会议”，输入房间号参加线上面试，面试后有客服带你做任务",
        "平台上聊不了，我发你个链接下载蝙蝠聊天，到那边给你安排工作",
        "招聘客服：在家工作，日结{day}，详情请加{qq}，或者{tg}，平台不回复",
        "兼职日结，看主页，私信领任务，{wx}，备注兼职",
    ],
    "chat_companion": [
        "在家陪聊，日入{day}，限女生，文字一条0.1元视频一分钟1元，需下载指定交友APP并交入驻押金{small}元",
        "招男公关，会所高端客户，日薪{day}起，入会费{mid}元体检费{small}元先交",
    ],
    "cert_scam": [
        "考碳排放管理员证书，不用考试包过，拿证后挂靠企业年赚2万，报名费{mid}元入库费{mid}元",
        "BIM工程师证，躺赚挂靠费，先交{mid}元培训费，证书不够还得再考一个",
    ],
    "franchise": [
        "招储备店长，月薪{pay}，面试时说需要加盟，交加盟费{big}元和区域保证金，包选址包回本",
        "奶茶品牌子品牌招合伙人，店长岗，先交设备费{big}元，三个月回本",
    ],
    "social_insurance": [
        "社保没交够15年？一次性补缴，挂靠企业做劳动关系，内部关系办提前退休，费用{big}元",
        "【人社局】您的技能提升补贴已审核通过，请点击链接 http://rs-bt{n}.cn 填写银行卡号和验证码领取",
    ],
    "wage_recovery": [
        "专业讨薪，和劳动局有关系，先交{mid}元立案加急费，一周内拿回工资",
    ],
    "pyramid": [
        "老同学，我在南宁做一个国家扶持的项目，先过来看看，吃住全包，不用带钱，来了再跟你细说",
        "连锁经营资本运作，投入{big}元，拉三个人进来就能回本，国家秘密政策支持",
    ],
}

# ---------------------------------------------------------------- Chinese legitimate
ZH_LEGIT = {
    "ad_bluecollar": [
        "{co}招聘{trade}{n}名，工作地点{city}，月薪{pay}元，五险一金，签订劳动合同，包住宿，联系电话{phone}",
        "【急招】{city}{trade}，长白班，综合工资{pay}，试用期一个月，工资每月{n}号银行代发，{name}{phone}",
        "诚聘{trade}：{age}岁，身体健康，能吃苦，月薪{pay}+全勤奖，缴纳社保，节假日三倍工资，欢迎到厂面试",
        "{city}{trade}若干，计件工资多劳多得，平均{pay}，厂内食堂宿舍免费，入职签合同，详情加HR微信{h}咨询",
        "{co}物流园招分拣员，两班倒，时薪{n}元，工资月结到个人银行卡，报名请到园区南门招聘处",
        "饭店招{trade}，包吃住，月休四天，工资{pay}，有意者到店面谈，{name}{phone}",
        "工地招{trade}，点工{day}元一天，工资按月发到本人实名工资卡，项目部有维权告示牌，电话{phone}",
    ],
    "ad_whitecollar": [
        "{co}招聘{white}，{city}，薪资{pay}·13薪，五险一金，双休，本科及以上，简历投递至官网招聘页面",
        "{white}（{city}）20k-35k，负责征信数据建模与风控策略，熟悉SQL和Python，{co}",
        "岗位：{white}，公司：{co}，职责：贷款审核、征信报告分析、贷后管理，月薪{pay}，五险一金",
        "{co}诚聘{white}，要求三年以上经验，年薪20-30万，补充医疗，带薪年假，通过公司官网或招聘平台投递",
        "{white}，15-25K，{city}，工作内容：催收合规质检、话术审核，公司为持牌金融机构，不收取任何费用",
    ],
    "negation": [
        "{co}招{trade}，本公司不收押金，不收取任何费用，如有人以公司名义收费请报警，电话{phone}",
        "入职无需交任何费用，证件自己保管，面试时出示身份证原件核对后当场归还",
        "本校不办理任何贷款，培训费可开正规发票，学员可按当地政策申领技能提升补贴",
        "郑重提醒：我司招聘全程免费，不会要求转账，不会扣押身份证，谨防假冒",
        "A：要交押金吗 B：不用，我们不收任何钱，你带身份证来面试就行，看一下就还你 A：好的谢谢",
        "面试请带上身份证给我们看一下，复印件留档，原件你自己拿着",
    ],
    "lawful_fee": [
        "入职需办健康证，请自行到{city}区疾控中心或二甲医院体检，费用约{small}元凭发票到公司报销",
        "{city}职业技能培训学校（人社局公布的定点机构）开设电工班，学费{mid}元开正规发票，取证后可申领补贴",
        "{co}人力资源服务有限公司，持人力资源服务许可证，服务费按公示标准收取并开发票，不收押金",
        "叉车证考试报名费在市场监管局指定考点缴纳，考点开收据，公司报销一半",
        "对外劳务合作企业招赴日本技能实习生，持商务部门许可，签书面服务合同，服务费按合同开票，不收保证金",
    ],
    "public_service": [
        "{city}人社局公共就业服务中心本周六举办免费招聘会，{n}家企业进场，求职者免费入场，请携带简历",
        "街道零工驿站今日发布岗位：保洁、搬运、家政，日结工资由用工单位直接支付，服务全程免费",
        "公共就业服务机构提供免费职业介绍和职业指导，失业人员可办理失业登记，咨询12333",
        "15分钟就业服务圈：社区就业服务站为您免费推荐岗位，登记请带身份证，工作人员核对后归还",
    ],
    "everyday_chat": [
        "A：明天几点上班 B：早上八点，记得带工牌 A：好的，午饭在食堂吃吗 B：对，刷卡就行",
        "妈，我这个月工资发了，给你转了两千，家里缺啥跟我说",
        "老乡，你们厂还招人吗？工资咋样？包住不？ B：招的，五千多，包住，你来直接找人事面试",
        "组长，下周能不能调个休，我孩子开家长会 B：可以，填个请假单",
        "这个月加班多，到手{pay}，比上个月多了一点，准备过年回家",
        "兄弟，{city}那边的工地还缺人不，我会{trade}，工资按天算多少 B：{day}一天，月底结，签合同的",
    ],
    "worker_question_legit": [
        "请问{co}招{trade}要体检吗？体检去哪里做？",
        "签劳动合同的时候要注意什么？试用期最长能多久？",
        "面试让带身份证原件，这个正常吗？他们说看一下就还",
        "我在{city}干{trade}，老板拖欠工资两个月了，可以去哪里投诉？",
        "公司说要交社保，从工资里扣个人部分，这样合法吗",
    ],
}

# ---------------------------------------------------------------- English
EN_SCAM = {
    "en_work_from_home": [
        "Work from home! Earn ${n}00 per week with just 2 hours a day. No experience needed. Text our hiring manager on WhatsApp to start today.",
        "Immediate hire, remote data entry clerk, $35/hour, no interview required. Send your full name, address and bank details to get onboarded.",
        "Online assistant needed. Flexible hours, weekly pay. Interview will be conducted via Telegram chat with our HR. Add @hr{h} to begin.",
    ],
    "en_reshipping": [
        "Package inspector wanted: receive parcels at your home, relabel them and ship them to our overseas clients. We pay $50 per package.",
        "Quality control assistant: you will receive electronics at your address and forward them using prepaid labels we email you.",
    ],
    "en_payment_processing": [
        "Payment processing agent: receive customer payments into your personal account, keep 10% commission and transfer the rest via wire or crypto.",
        "Financial assistant needed to handle transfers for our company. Use your own bank account, commission paid weekly.",
    ],
    "en_cheque": [
        "Congratulations on your hire! We will mail you a cheque for $2,500 to buy office equipment. Deposit it and send the balance to our approved vendor.",
        "Your starter check is on the way. Cash it at your bank and wire the remaining funds to our supplier for your work laptop.",
    ],
    "en_paid_training": [
        "To begin, purchase the training kit ($149) from our partner site. Fee refunded after your first paycheck.",
        "Mystery shopper position. Pay a one-time registration fee of $79 to access assignments.",
        "Before your first shift you must buy the required software license for $200 via gift cards.",
    ],
    "en_chat_interview": [
        "Hello, I am the HR manager. Your interview will be held on Google Hangouts chat. Please download the app and add my ID to start.",
        "You have been selected for an online interview via Signal. No video needed, just answer the questions by text.",
    ],
    "en_task": [
        "Earn money rating products online. Complete 40 tasks a day, recharge your account to unlock premium tasks with higher commission.",
    ],
}

EN_LEGIT = {
    "en_ad": [
        "Warehouse associate, full time, $18.50/hour, day shift. Benefits include health insurance and 401(k). Apply online at our careers page.",
        "Registered nurse, night shift, competitive salary, sign-on bonus paid after 90 days. Background check and drug screening required.",
        "Senior backend engineer, $140k-$170k, hybrid in Austin. Go, PostgreSQL, Kubernetes. Interview loop: phone screen, technical interview, on-site.",
        "Line cook wanted at a busy downtown restaurant. Weekly pay by direct deposit, free staff meals. Walk in Monday to Friday 2-4pm.",
        "Customer support specialist, remote within the US, $20/hour. Company provides laptop and headset. Interviews are held over video call.",
        "Delivery driver, must have a clean driving record. Paid training, paid weekly, no fees of any kind. Apply through our website.",
        "Data entry clerk, part time, on-site at our Springfield office. $16/hour. Please bring photo ID to the interview for verification.",
        "Accounts payable specialist to process vendor invoices and payments for the finance department. Bachelor's degree in accounting preferred.",
    ],
    "en_chat": [
        "Hi team, reminder that payroll runs Friday. Check your timesheets before Thursday noon.",
        "Thanks for coming in today. We will call you next week about the second interview with the store manager.",
    ],
}


ZH_LEGIT["ad_bluecollar"] += [
    "{city}汽车配件厂招{trade}，男女不限，{age}岁，底薪3000+计件，月均{pay}，满勤奖200，厂车接送，面试地址厂区大门保安室",
    "家政公司招住家保姆，照顾一位老人，月薪{pay}，签家政服务合同，公司购买意外险，持健康证上岗",
    "快递网点招派件员，{city}，按件计费每件1.2元，电动车公司配，月入{pay}，工资每月十号发，不押工资",
    "招聘：酒店客房服务员 薪资{pay} 包吃住 月休4天 入职缴纳社保 有意者请直接到酒店人事部面试 电话{phone}",
    "装修公司招{trade}师傅，有经验者优先，日薪{day}，工资半月一结，自带工具有补贴，{name}{phone}",
    "{co}招聘{trade}，工作时间9:00-18:00，月薪{pay}，缴五险，年底双薪，联系人{name}，电话{phoneobf}",
]
ZH_LEGIT["ad_whitecollar"] += [
    "{co}招聘后端工程师，月薪20k-30k，14薪，五险一金全额缴纳，技术栈Go/MySQL/Redis，面试流程：简历筛选-技术面-HR面",
    "会计助理，{city}，4000-6000元/月，五险一金，要求持初级会计证，负责凭证录入、发票管理，{co}财务部",
    "{co}招客服专员，负责信用卡业务咨询与还款提醒，月薪{pay}，五险一金，周末轮休，提供岗前带薪培训",
    "金融科技公司招数据工程师，负责反欺诈规则与征信数据清洗，25-40K·15薪，{city}，公司名称：{co}",
]
ZH_LEGIT["negation"] += [
    "我们不收押金、不收体检费、不扣证件，工资按月发到你本人银行卡，你放心来面试",
    "提醒各位工友：正规工厂招聘不会收任何费用，凡是让你先交钱的都要小心，本厂入职零费用",
    "本培训中心承诺：不办理分期，不推荐任何贷款，学费一次性缴纳并开具发票",
    "公司不会要求员工出租、出借银行卡或手机卡，工资卡由员工本人办理和保管",
    "A：进厂要交钱吗 B：一分钱都不用交，体检公司安排免费的，身份证你自己拿着",
    "声明：本公司从未委托任何个人或中介收取介绍费，请通过官方渠道报名",
]
ZH_LEGIT["lawful_fee"] += [
    "{city}某人力资源服务公司（许可证编号已公示）：求职登记免费，成功推荐后按公示标准收取服务费{small}元，开具发票，不收押金",
    "餐饮岗位需持健康证，请到{city}市卫健委指定体检机构办理，费用自付约{small}元，医院出具收据",
    "电工特种作业证培训，应急管理局认可考点，培训费{mid}元，开发票，取证后按政策申请补贴",
]
ZH_LEGIT["public_service"] += [
    "人社部门提醒：公共就业服务机构的职业介绍、职业指导服务一律免费，招聘会不向求职者收取任何费用",
    "{city}零工市场今日岗位：装卸工日薪{day}元，保洁员日薪{day}元，现场登记，用工方当日结算",
    "市就业服务中心开展春风行动专场招聘，提供岗位{n}00余个，现场可办理就业登记，咨询电话12333",
]
ZH_LEGIT["everyday_chat"] += [
    "A：你们宿舍有热水吗 B：有的，24小时热水，四个人一间 A：那挺好，我下周过去",
    "A：这个月社保扣了多少 B：个人部分四百多，工资条上写着呢",
    "师傅，明天工地停电，上午不用来了，下午两点正常上班，工钱照算",
    "A：我下个月想辞职回老家 B：提前一个月写辞职报告给人事，工资会结清的",
    "店长：今天晚班缺一个人，谁能顶一下，按加班算 B：我可以",
]
ZH_LEGIT["worker_question_legit"] += [
    "请问灵活就业人员怎么在{city}交社保？需要带什么材料？",
    "工伤了公司不给报，我该打什么电话？",
    "厂里说试用期不签合同，转正了再签，这样可以吗？",
    "去零工市场找活要交钱吗？",
    "我想学电焊考证，去哪里报名有补贴？",
]
EN_LEGIT["en_ad"] += [
    "Cashier, part time, evenings and weekends, $15/hour. Employee discount. Apply in store or on our website; we never charge applicants.",
    "Electrician apprentice, union position, paid classroom training, health and pension benefits. Apply through the local JATC.",
    "Payroll specialist to process biweekly payroll, reconcile accounts and answer employee questions. Hybrid, $60k-$70k.",
    "Seasonal farm worker, H-2A program, housing and transportation provided by the employer at no cost, wages paid weekly.",
    "Home health aide, flexible hours, $17-$19/hour, mileage reimbursement, paid orientation. State certification required.",
    "Junior data analyst, SQL and Excel, $55k, on-site in Denver. Two-round interview with the analytics team.",
    "Bilingual receptionist (English/Mandarin) at a dental clinic, $19/hour, Monday to Friday. Send your resume to our office email.",
    "Truck driver CDL-A, regional routes, home weekends, $0.62/mile, sign-on bonus paid in installments over 6 months.",
]
EN_LEGIT["en_chat"] += [
    "Hey, are you still coming to the shift swap meeting? Bring your badge, security is checking IDs at the door.",
    "Your offer letter is attached. Please sign and return it by Friday; HR will set up direct deposit on your first day.",
    "Reminder: the job fair at the community college is free for all job seekers, no registration fee.",
]
EN_SCAM["en_work_from_home"] += [
    "Part-time job for students and stay at home moms, just use your phone 30 minutes a day, earn $200 daily. Contact us on WhatsApp +1 {n}0 555 0199.",
    "We are hiring virtual assistants. Start immediately, no resume needed. Our recruiter will text you the details on Telegram.",
    "Hiring now: envelope stuffing from home, $3 per envelope. Send a $40 registration fee for your starter pack.",
]
EN_SCAM["en_payment_processing"] += [
    "Local representative needed to receive payments from our clients in your area and forward them to the company through Western Union. 8% commission.",
    "Remote bookkeeper: deposit client payments into your own account and forward them in Bitcoin to the head office.",
]
EN_SCAM["en_paid_training"] += [
    "Your application is approved. Pay $99 for the background check through this link and we will send your start date.",
    "All new hires must buy their work phone and laptop from our approved vendor; you will be reimbursed with your first paycheck.",
]
EN_SCAM["en_reshipping"] += [
    "Logistics coordinator (remote): accept deliveries at home, photograph the items and ship them abroad. Paid $2,500 a month.",
]
EN_SCAM["en_chat_interview"] += [
    "Dear applicant, the interview will be done on Wire messenger. Add the hiring manager and be ready to type your answers. You may be hired the same day.",
]
EN_SCAM["en_task"] = EN_SCAM["en_task"] + [
    "Join our app optimization team: boost app ratings, 3 rounds of tasks per day, deposit USDT to unlock combo orders with 5x commission.",
    "Simple online job: like videos and earn $5 each. After 10 likes you join the VIP group where you prepay for bigger tasks.",
]

# ---------------------------------------------------------------- hand-written standalone rows
HAND = [
    (1, "zh", "task_rebate", "亲，你好，看你朋友圈说想找兼职？我这边有个淘宝店铺补单的活，不用押金，先垫付后返款，第一单18元返23元，做完马上返，前三单必返，后面大单佣金更高"),
    (1, "zh", "task_rebate", "A：老师我第四单提不了现 B：系统提示您操作超时，需要补交8800元激活 A：我已经投了一万多了 B：补完立刻连本带利一起到账，放心"),
    (1, "zh", "money_mule", "急收对公账户和个人一类卡，要求能过网银，价格面议，出事不找你，兄弟们有闲置的别浪费"),
    (1, "zh", "money_mule", "兼职帮忙转账，每转一万给你一百，钱进你卡里你再转到我给的账户，一天能挣几百"),
    (1, "zh", "money_mule", "听说你手头紧？你的电话卡借我用一个月，我给你五百，卡插在我这边设备上，不影响你"),
    (1, "zh", "overseas", "兄弟在那边一个月拿两万多，老板人很好，你过来我给你报机票，护照到了公司统一收着防丢"),
    (1, "zh", "deposit_fee", "厂里进人要交六百块钱押金，你先转我微信，我帮你交上去，明天带你进厂"),
    (1, "zh", "id_retention", "你来了把身份证放我这儿，工资卡我们统一给你办，每个月生活费找我拿"),
    (1, "zh", "typing_membership", "手机打字赚钱，一天两百不是梦，购买正版录入软件298元，终身使用，包教包会"),
    (1, "zh", "fake_agent", "我有银行的内部指标，保安岗也能入编，交三万，先交一万五定名额，考不上退"),
    (1, "zh", "diversion", "这里说话不方便，平台会封号，你下载个事密达，我把工作群发你"),
    (1, "zh", "pig_butcher", "宝贝，今晚那个平台又开了个高收益通道，我已经投了二十万，你也进五万吧，周五连本带息一起提"),
    (1, "zh", "training_loan", "课程顾问：不用担心钱的问题，我们跟分期机构合作，你只需要身份证和银行卡，手机上五分钟就批下来，学完保底月薪八千"),
    (1, "zh", "beauty_loan", "经纪人说我要签约就得先做双眼皮和隆鼻，医院在他们楼下，办了四万八的分期，说公司帮还，现在公司电话打不通了"),
    (1, "zh", "deposit_fee", "想问下，物流公司让我先交800元工装费才给排班，说是统一订做的，给的是个人收款码，正常吗"),
    (1, "zh", "money_mule", "有个人说只要把我的银行卡借他走几笔流水就给我两千块，他说是正规公司避税用的，这能做吗"),
    (1, "zh", "task_rebate", "朋友拉我进了个群，每天给视频点赞截图就能领钱，前面确实领到了几十块，现在让我下载APP充值才能接高佣金单"),
    (1, "zh", "overseas", "有个老乡说柬埔寨那边招客服一个月两万，让我先去云南找他，说路上别带手机，这个靠谱吗"),
    (1, "zh", "crypto", "他说工资用USDT发，要我先注册一个交易所账户，还要先买一百U做保证金"),
    (1, "zh", "deposit_fee", "招聘小程序上一个HR让我交299会员费，说交了才能看到包吃住的工作"),
    (0, "zh", "lawful_fee", "在医院做的健康证体检，交了120元，医院给了发票，公司说入职满一个月报销，这样正常吧"),
    (0, "zh", "negation", "人事说我们公司不扣身份证，也不收任何押金，工资每个月十号打到自己卡里，这家应该还行吧"),
    (0, "zh", "ad_whitecollar", "风控模型专员，上海，18-25K，五险一金，工作内容：贷前审批规则优化、征信指标监控，公司为消费金融持牌机构"),
    (0, "zh", "ad_whitecollar", "XX小额贷款有限公司 招聘 信贷客户经理 月薪8000-15000 五险一金 周末双休 节日福利 有信贷经验优先"),
    (0, "zh", "ad_bluecollar", "招保安，月薪4200-4800五险一金，做六休一，提供宿舍，工资每月十五号发放，应聘请带身份证到保安部面试"),
    (0, "zh", "negation", "本中心为政府主办的培训机构，所有补贴性培训不收学费，不与任何贷款平台合作，谨防冒充"),
    (0, "zh", "everyday_chat", "兄弟，这个月厂里订单多，加班有加班费，一小时三十多，你要是想来我跟人事说一声"),
    (0, "zh", "worker_question_legit", "请问在人社局的职业介绍中心找工作要钱吗？"),
    (0, "zh", "ad_bluecollar", "超市招理货员，早班7:00-15:00，月薪3800-4500，入职即买社保，员工折扣，到店找店长面谈"),
    (0, "zh", "lawful_fee", "驾校报名学B2，学费在驾校前台交，开了收据和发票，合同写明不过可以免费补考一次"),
    (1, "en", "en_work_from_home", "Congrats! You've been pre-selected for a remote position. No interview, no experience. Pay the $65 onboarding fee and start earning $500 a day."),
    (1, "en", "en_cheque", "Hi, this is Mark from HR. I've mailed your equipment check. Once it clears, keep $300 for your time and send the rest by Zelle to the vendor."),
    (0, "en", "en_ad", "Forklift operator, 2nd shift, $21/hr plus shift differential. Certification provided on site at no cost. EOE."),
    (0, "en", "en_ad", "Loan processor at a licensed credit union: review loan applications, verify income documents, check credit reports. Salary $48k-$58k with benefits."),
]


def emit(rows, label, lang, kind, text):
    rows.append({"lang": lang, "label": label, "kind": kind, "text": text})


def build():
    rows = []
    # Chinese scams: each template several times with fresh slots.
    for kind, ts in ZH_SCAM.items():
        for t in ts:
            reps = 3 if len(ts) <= 5 else 2
            for _ in range(reps):
                text = noisy(fill(t))
                style = R.random()
                if style < 0.15:
                    text = R.choice(["这个是真的吗？", "帮我看看这个靠谱不：", "朋友发我的，能做吗 ", "转发："]) + text
                elif style < 0.25:
                    text = text + R.choice(["", " 有意者速联系", " 名额有限先到先得", " 私聊"])
                emit(rows, 1, "zh", kind, text)
    for kind, ts in ZH_LEGIT.items():
        for t in ts:
            reps = 5 if kind in ("ad_bluecollar", "ad_whitecollar", "negation", "lawful_fee") else 3
            for _ in range(reps):
                text = fill(t)
                if R.random() < 0.10:
                    text = "".join(TRAD.get(c, c) for c in text)
                if R.random() < 0.12:
                    text = R.choice(["这个工作怎么样？", "朋友推荐的：", "看看这个："]) + text
                emit(rows, 0, "zh", kind, text)
    # Longer composed legitimate ads (200-600 runes).
    for _ in range(80):
        parts = [fill(R.choice(ZH_LEGIT["ad_bluecollar"] + ZH_LEGIT["ad_whitecollar"]))]
        parts += [fill(R.choice([
            "岗位职责：负责{trade}相关工作，服从班组安排，遵守安全操作规程。",
            "任职要求：{age}岁，初中以上学历，无不良记录，能适应倒班。",
            "福利待遇：五险一金，带薪年假，节日福利，年度体检，员工宿舍四人间带空调。",
            "薪资构成：基本工资+绩效+加班费，试用期工资不低于转正工资的百分之八十。",
            "工作时间：八小时工作制，加班按劳动法支付加班费，每月休息四天。",
            "面试地点：{city}人力资源市场三楼，面试请带身份证原件核对及一寸照片两张。",
            "本公司招聘不收取任何费用，请求职者提高警惕，谨防上当。",
            "公司简介：{co}成立于2008年，主营精密零部件加工，员工一千余人。",
            "晋升通道：普工-线长-组长-主管，每年两次调薪机会，优秀员工可推荐参加技能等级认定。",
            "住宿条件：厂区宿舍六人间，水电费每月定额扣除，另可申请外宿补贴每月200元。",
            "培训说明：新员工入职后由公司组织三天带薪岗前培训，培训期间工资照发，不收取培训费。",
            "应聘方式：可直接到厂面试，也可拨打人事部电话{phone}预约，或加人事微信了解岗位详情。",
            "证件要求：面试时出示身份证原件，人事核对后复印留档，原件当场归还本人。",
            "安全生产：公司为员工配备劳保用品，定期开展安全培训，购买工伤保险。",
        ])) for _ in range(R.randrange(4, 11))]
        emit(rows, 0, "zh", "ad_long", "".join(parts))
    # Longer composed scams.
    for _ in range(40):
        kinds = list(ZH_SCAM.keys())
        k = R.choice(kinds)
        parts = [fill(R.choice(ZH_SCAM[k]))]
        parts += [fill(R.choice([
            "工作轻松，时间自由，宝妈学生都可以做。",
            "每天只需一两个小时，收入比上班还高。",
            "名额有限，先到先得，错过不再有。",
            "我们是正规公司，不是骗子，你放心。",
            "有任何问题私聊我，不要在群里说。",
            "我已经带了上百个人，都赚到钱了。",
            "这个机会我只告诉你一个人。",
            "钱到账后截图发我，我帮你登记。",
        ])) for _ in range(R.randrange(2, 5))]
        emit(rows, 1, "zh", k, noisy("".join(parts)))
    for kind, ts in EN_SCAM.items():
        for t in ts:
            for _ in range(3):
                emit(rows, 1, "en", kind, fill(t))
    for kind, ts in EN_LEGIT.items():
        for t in ts:
            for _ in range(3):
                emit(rows, 0, "en", kind, fill(t))
    for lab, lang, kind, text in HAND:
        emit(rows, lab, lang, kind, text)
    # Deduplicate exact texts, shuffle deterministically, number.
    seen, out = set(), []
    for r in rows:
        if r["text"] in seen:
            continue
        seen.add(r["text"])
        out.append(r)
    R.shuffle(out)
    for i, r in enumerate(out):
        r["id"] = f"train-{i + 1:04d}"
    return out


def main():
    for r in build():
        print(json.dumps({"id": r["id"], "lang": r["lang"], "label": r["label"], "kind": r["kind"], "text": r["text"]},
                         ensure_ascii=False))


if __name__ == "__main__":
    main()
