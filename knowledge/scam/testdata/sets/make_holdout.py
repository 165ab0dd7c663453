#!/usr/bin/env python3
"""Writes holdout.jsonl: the project's own hold-out set.

Written after train.jsonl and separately from it, by the model helper, with
its own sentences, companies, cities and amounts (nothing is taken from
make_train.py's fragments, nor from ../shared/data). Most rows are written
out in full below; the "ad" rows at the end combine a second, separate pool
of fragments with a fixed seed. Never use this set for fitting or for
choosing thresholds.

    python3 make_holdout.py > holdout.jsonl
"""
import json
import random

R = random.Random(7331)

# (label, lang, kind, style, text); style: typed = as a worker would type it.
ROWS = [
    # ---- typed as a worker would: scams
    (1, "zh", "deposit_fee", "typed", "他们让我先转500押金才给进厂 说干满就退 靠谱吗"),
    (1, "zh", "deposit_fee", "typed", "招工的让交380服装费 转他个人微信 我要不要交"),
    (1, "zh", "deposit_fee", "typed", "中介说进电子厂要先给450块 介绍费 不进全退"),
    (1, "zh", "deposit_fee", "typed", "面试完了让我交工衣费跟住宿押金一共七百，转账给那个主管"),
    (1, "zh", "deposit_fee", "typed", "hr说要交一千二保正金才能安排岗位 这是正常的吗"),
    (1, "zh", "deposit_fee", "typed", "压金300给了 现在人找不到了 咋办"),
    (1, "zh", "id_retention", "typed", "厂里要把身份证押在那 说年底再还我"),
    (1, "zh", "id_retention", "typed", "工头把我们的身分证和银行卡都收走了 说统一发工资"),
    (1, "zh", "id_retention", "typed", "老板让我把卡和密码给他 说帮我办工资"),
    (1, "zh", "training_loan", "typed", "面试过了又说要先培训 学费两万让我在手机上贷款 说上班后公司还"),
    (1, "zh", "training_loan", "typed", "他们让我签个分期 说是培训费 从以后工资里扣 这样行吗"),
    (1, "zh", "training_loan", "typed", "应聘剪辑师结果让我报班 一万六 可以分24期"),
    (1, "zh", "beauty_loan", "typed", "说我当主播要先整个鼻子 公司帮贷款 以后从工资扣"),
    (1, "zh", "task_rebate", "typed", "点赞一单给5块 前三单都给了 现在让我充钱做大单"),
    (1, "zh", "task_rebate", "typed", "抢单那个app 提现不了 说我操作错了要再充2000"),
    (1, "zh", "task_rebate", "typed", "做任务那个群说先垫钱后返佣金 我垫了600了"),
    (1, "zh", "task_rebate", "typed", "宝妈兼职 给商品刷好评 垫付返本金 做不做"),
    (1, "zh", "task_rebate", "typed", "他说连单卡住了 要再冲值一次才能解冻 我已经冲了八千"),
    (1, "zh", "typing_membership", "typed", "打字员要先交198会员 交了才派单"),
    (1, "zh", "typing_membership", "typed", "抄写兼职先买他们的软件188 说一天能赚三百"),
    (1, "zh", "money_mule", "typed", "有人要借我银行卡走下账 给我一千 可以吗"),
    (1, "zh", "money_mule", "typed", "收电话卡的说一张给200 就插在他那边 我卡借他行吗"),
    (1, "zh", "money_mule", "typed", "朋友说把收款码给他用 帮人收钱抽成 这算兼职吗"),
    (1, "zh", "money_mule", "typed", "网上说租我的卡一个月八百 只是过个流水"),
    (1, "zh", "money_mule", "typed", "招人帮忙取现金 每次给三百 用自己的卡"),
    (1, "zh", "overseas", "typed", "老表叫我去缅甸那边做客服 一个月两万五 路费他出"),
    (1, "zh", "overseas", "typed", "说去泰国上班 包机票 但是要先到瑞丽 别跟家里讲"),
    (1, "zh", "overseas", "typed", "柬埔寨打字 日薪两千 去了护照交给公司 正常不"),
    (1, "zh", "pig_butcher", "typed", "网上认识个男的天天带我买虚拟币 说稳赚 让我再投五万"),
    (1, "zh", "pig_butcher", "typed", "加错人认识的姐姐叫我跟她老师炒黄金 要下个app"),
    (1, "zh", "fake_agent", "typed", "有人说花三万能进国企 有编制 先给一半"),
    (1, "zh", "fake_agent", "typed", "黑中介说包进大厂 先交600 进不去退 他没有执照"),
    (1, "zh", "diversion", "typed", "招聘软件上的hr让我加他飞机 说到那边发工作"),
    (1, "zh", "diversion", "typed", "boss上聊的人非要我下载一个叫连信的东西面试"),
    (1, "zh", "crypto", "typed", "工资说用u发 要我先买两百u开户"),
    (1, "zh", "chat_companion", "typed", "陪聊兼职要交399入驻费 说聊天一条一毛"),
    (1, "zh", "social_insurance", "typed", "有人说交八万能帮我补交社保十五年 提前退休"),
    (1, "zh", "social_insurance", "typed", "收到短信说失业补助审核通过了 点链接填卡号和验证码"),
    (1, "zh", "wage_recovery", "typed", "有个讨薪公司说先交两千加急费 保证拿回工资"),
    (1, "zh", "cert_scam", "typed", "考个证包过 挂靠一年两万 报名费四千 真的假的"),
    (1, "zh", "franchise", "typed", "应聘店长结果让我交加盟费八万 说包回本"),
    (1, "zh", "deposit_fee", "typed", "快递站招人 先交1000元押金买电动车 离职退"),
    (1, "zh", "deposit_fee", "typed", "進廠要交押金五百 轉給組長 說做滿三個月退"),
    (1, "zh", "task_rebate", "typed", "qian san dan bi fan 那个兼职 现在要我充三千"),
    (1, "en", "en_work_from_home", "typed", "got a text offering 300 a day working from home, they want me on whatsapp, legit??"),
    (1, "en", "en_cheque", "typed", "they sent me a check for equipment and want me to send part back to a vendor is this ok"),
    (1, "en", "en_paid_training", "typed", "recruiter says i need to pay 120 for training materials before starting"),
    (1, "en", "en_reshipping", "typed", "job is to receive packages at my place and ship them overseas, they pay per box"),
    (1, "en", "en_chat_interview", "typed", "interview was only on telegram text and they hired me right away, now asking for my bank login"),
    (1, "en", "en_payment_processing", "typed", "they want to use my bank account to receive client money and i wire it on, keep 10%"),
    # ---- typed as a worker would: legitimate
    (0, "zh", "worker_question_legit", "typed", "厂里让带身份证去面试 看完就还 这个没事吧"),
    (0, "zh", "worker_question_legit", "typed", "健康证去医院办 花了85 有发票 公司说报销"),
    (0, "zh", "worker_question_legit", "typed", "人社局的招聘会进去要钱不"),
    (0, "zh", "worker_question_legit", "typed", "我在电子厂上班 工资四千五 五险一金都交 算高吗"),
    (0, "zh", "worker_question_legit", "typed", "老板拖了两个月工资 打12333有用吗"),
    (0, "zh", "worker_question_legit", "typed", "试用期三个月 工资打八折 合法不"),
    (0, "zh", "worker_question_legit", "typed", "灵活就业社保一个月多少钱啊"),
    (0, "zh", "worker_question_legit", "typed", "面试的说不收任何费用 合同一周内签 这家还行吧"),
    (0, "zh", "worker_question_legit", "typed", "技校学叉车 学费开了发票 考完证能领补贴 是真的吗"),
    (0, "zh", "worker_question_legit", "typed", "下个月想换厂 要提前多久说"),
    (0, "zh", "worker_question_legit", "typed", "工地受伤了 老板不认 去哪告"),
    (0, "zh", "worker_question_legit", "typed", "工资条上扣了社保个人部分 正常的吧"),
    (0, "zh", "worker_question_legit", "typed", "零工驿站找的活 日结 钱是老板直接给的"),
    (0, "zh", "worker_question_legit", "typed", "厂里宿舍每月扣一百水电 这个可以吗"),
    (0, "zh", "worker_question_legit", "typed", "招工的说证件我自己拿着 只看一眼 挺正规的"),
    (0, "zh", "worker_question_legit", "typed", "外卖骑手要自己买电动车吗 站长说可以租"),
    (0, "zh", "worker_question_legit", "typed", "中介有许可证 挂在墙上 收费表也贴了 交了300开了发票"),
    (0, "zh", "worker_question_legit", "typed", "明天去面试 要带啥"),
    (0, "zh", "worker_question_legit", "typed", "加班费怎么算 平时是1.5倍吗"),
    (0, "zh", "worker_question_legit", "typed", "公司给交的社保 换城市了怎么转"),
    (0, "zh", "everyday_chat", "typed", "到了没 我在厂门口等你 带上行李直接去宿舍"),
    (0, "zh", "everyday_chat", "typed", "今天发工资了 到手5300 晚上请你吃烧烤"),
    (0, "zh", "everyday_chat", "typed", "明早7点半集合 坐厂车 别迟到"),
    (0, "zh", "everyday_chat", "typed", "线长说下周倒夜班 夜班补贴一天三十"),
    (0, "zh", "everyday_chat", "typed", "兄弟 工地那边还要人 一天350 月底结 来不来"),
    (0, "zh", "everyday_chat", "typed", "妈 我办了工资卡 自己保管的 你放心"),
    (0, "zh", "everyday_chat", "typed", "人事加了我微信 发了入职须知 周一报到"),
    (0, "zh", "everyday_chat", "typed", "這個月加班多 工資發了六千多 過年回家"),
    (0, "zh", "everyday_chat", "typed", "师傅明天下雨 室外活停了 室内照常"),
    (0, "zh", "everyday_chat", "typed", "hr说面试通过了 下周一带身份证和银行卡复印件去签合同"),
    (0, "en", "worker_question_legit", "typed", "is it normal they want my ID at the interview? they said they just copy it"),
    (0, "en", "everyday_chat", "typed", "got the warehouse job!! 19 an hour, start monday, they do direct deposit"),
    (0, "en", "worker_question_legit", "typed", "do i have to pay for the forklift cert? manager said company covers it"),
    (0, "en", "everyday_chat", "typed", "can u cover my shift sat? ill swap u for tues"),
    # ---- hard legitimate, written out
    (0, "zh", "ad_whitecollar", "ad", "襄阳汉江小额贷款股份有限公司招聘贷后管理岗2名：负责逾期客户回访、征信异常核查，月薪6000-9000元，五险一金，双休。简历请发公司官网招聘邮箱。"),
    (0, "zh", "ad_whitecollar", "ad", "绵阳涪城融资租赁有限公司 信审专员 7k-10k 五险一金 工作内容：审核客户资料、查询征信、撰写审批意见"),
    (0, "zh", "ad_whitecollar", "ad", "嵌入式软件工程师 烟台 22k-32k·14薪 五险一金 补充公积金 负责车载控制器软件开发 北极星信息科技有限公司"),
    (0, "zh", "ad_whitecollar", "ad", "反欺诈策略分析师（盐城）：搭建贷款申请反欺诈规则，监控征信查询指标，薪资16-24K，公司为银保监批准设立的消费金融公司"),
    (0, "zh", "ad_whitecollar", "ad", "维信金科招聘数据开发工程师 上海 25-45K 五险一金 负责风控数仓建设"),
    (0, "zh", "ad_whitecollar", "ad", "柳州桂中金融服务外包有限公司招电话客服：信用卡账单提醒，底薪3500+绩效，月均5000-6500，五险一金，培训期间带薪"),
    (0, "zh", "ad_whitecollar", "ad", "财务经理，洛阳，年薪15-20万，负责公司贷款融资、银行授信、税务筹划，要求中级会计师"),
    (0, "zh", "ad_bluecollar", "ad", "临沂物流园急招装卸工20名，计件，每月8000-11000，五险一金，宿舍免费，工资每月12号打到本人卡上，不收任何费用"),
    (0, "zh", "ad_bluecollar", "ad", "保定纺织厂招挡车工，女，18-48岁，计件月薪4500-6500五险一金，新手有师傅带，免费食宿"),
    (0, "zh", "ad_bluecollar", "ad", "赣州稀土厂招操作工 4800-6800元/月 五险一金 签三年合同 面试请带身份证原件核验"),
    (0, "zh", "ad_bluecollar", "ad", "扬州船厂招电焊工，持证上岗，日薪380-450，工资月结，项目部设工资专户，直接发到个人实名卡"),
    (0, "zh", "ad_bluecollar", "ad", "连锁药店招营业员，需持健康证（到区人民医院体检，自费约90元，医院开票），月薪3800-5200，五险"),
    (0, "zh", "negation", "ad", "特别说明：本厂招工不收押金、不收介绍费、不扣身份证，凡以本厂名义收钱的一律是骗子，请拨打110"),
    (0, "zh", "negation", "ad", "应聘须知：请携带身份证原件，人事核对后立即归还，本公司绝不保管员工任何证件"),
    (0, "zh", "negation", "ad", "本职业培训学校是人社局公布的定点机构，不办理任何形式的分期或贷款，学费发票可用于申领补贴"),
    (0, "zh", "negation", "ad", "求职者请注意：我们从不要求您出租出借银行卡和手机卡，也不会让您帮忙转账走账，遇到此类要求请立即举报"),
    (0, "zh", "negation", "ad", "本平台所有岗位均不收取任何费用，不会让求职者垫付资金做任务，如遇刷单返利请报警"),
    (0, "zh", "negation", "chat", "A：入职要交什么钱吗 B：不用交钱，体检公司统一安排，费用公司出 A：身份证要押吗 B：不押，复印一份就行"),
    (0, "zh", "lawful_fee", "ad", "洛阳市人力资源服务许可证持证机构：求职登记免费，介绍成功后按物价备案标准收取服务费200元，出具正式发票，不收取押金"),
    (0, "zh", "lawful_fee", "ad", "育婴员培训班（人社部门备案机构），学费1800元，开具发票，考取证书后可申领职业技能提升补贴，不强制贷款"),
    (0, "zh", "lawful_fee", "ad", "赴新加坡建筑工劳务派遣，持对外劳务合作经营资格证，签书面合同，服务费按合同约定开票收取，严禁收取保证金"),
    (0, "zh", "lawful_fee", "chat", "A：健康证去哪办 B：去市疾控或者指定医院，自己交钱，大概一百块，拿发票回来公司给你报"),
    (0, "zh", "public_service", "ad", "烟台市公共就业服务中心：每周三上午举办免费现场招聘会，用人单位和求职者均不收费，现场提供政策咨询"),
    (0, "zh", "public_service", "ad", "社区就业服务站通知：本月推出保洁、绿化、家政岗位30个，报名免费，请携带身份证到服务站登记"),
    (0, "zh", "public_service", "ad", "盐城市零工市场24小时线上平台上线，发布日结岗位，求职者注册免费，工资由雇主直接支付"),
    (0, "zh", "everyday_chat", "chat", "A：周末去不去人才市场 B：去啊，听说有好多厂在招，免费进的 A：那一起，带几份简历"),
    (0, "zh", "ad_bluecollar", "ad", "招聘家电安装师傅，柳州，按单结算，每单80-150元，月入9000-13000，公司给买意外险，电话18977301256"),
    (0, "zh", "ad_whitecollar", "ad", "银行理财经理助理（持证），负责客户资产配置咨询，月薪8-12K，五险一金，要求持基金从业资格"),
    (0, "en", "en_ad", "ad", "Loan officer trainee at a community bank: learn underwriting, review credit reports, meet customers in branch. $45,000 plus benefits, paid licensing."),
    (0, "en", "en_ad", "ad", "Software engineer II, $135k-$160k, Seattle. Payments platform team: fraud detection and payment processing services. Interviews on-site or video."),
    (0, "en", "en_ad", "ad", "Mail clerk, full time, sort and deliver internal mail and packages at our headquarters. $17/hour, benefits after 60 days."),
    (0, "en", "en_ad", "ad", "Remote customer care agent for a national insurer. Equipment shipped to you at company cost, paid two-week training, hourly $18."),
    (0, "en", "en_ad", "ad", "Accounts receivable clerk: post customer payments, process checks received by mail, reconcile deposits. On-site, $21/hr."),
    (0, "en", "negation", "ad", "We will never ask you to pay for equipment, training or background checks, and we never interview over chat apps. Apply only on our careers site."),
    # ---- more hard legitimate rows, written out
    (0, "zh", "ad_whitecollar", "ad", "宜宾长江消费金融服务有限公司诚聘合规专员：审查催收话术与贷款合同条款，月薪7-11K，五险一金，年底奖金"),
    (0, "zh", "ad_whitecollar", "ad", "芜湖某信息科技有限公司招Go开发，20-30K，负责支付清结算系统，五险一金，弹性工作，面试线下进行"),
    (0, "zh", "ad_whitecollar", "ad", "风险管理部实习生，曲靖农商银行，协助整理征信资料与贷款档案，实习补贴每月2500元"),
    (0, "zh", "ad_whitecollar", "ad", "揭阳某担保公司招出纳：办理银行收付款、登记现金日记账，薪资4500-6000，五险一金，周末单休"),
    (0, "zh", "ad_whitecollar", "ad", "算法工程师（推荐方向）18k-28k·13薪 五险一金 地点：漯河 要求熟悉Python与机器学习"),
    (0, "zh", "ad_bluecollar", "ad", "冷链司机 B2驾照 月薪9000-12000 五险一金 出车补贴另计 车辆公司提供 不需要押金"),
    (0, "zh", "ad_bluecollar", "ad", "小区物业招保洁阿姨，早七点到下午四点，月薪2800-3200，公司买社保，离家近优先，电话0831-5526718"),
    (0, "zh", "ad_bluecollar", "ad", "面馆招拉面师傅，月薪8000-10000，包吃包住，月休四天，做满一年另发奖金五千"),
    (0, "zh", "ad_bluecollar", "ad", "门窗厂招安装工，底薪4000加提成，月收入7000-12000，公司缴工伤保险，工资每月五号发放不拖欠"),
    (0, "zh", "ad_bluecollar", "ad", "招网约车司机（自有车辆），平台抽成公示，无加盟费，无押金，需持网约车驾驶员证，可到交通局办理"),
    (0, "zh", "ad_bluecollar", "ad", "数据标注员，漯河，月薪3500-5000，五险，经过三天带薪培训上岗，不收培训费"),
    (0, "zh", "negation", "ad", "温馨提示：本店招聘不会收取任何费用，不需要下载任何APP，面试就在店里，店长亲自面谈"),
    (0, "zh", "negation", "chat", "A：听说有的厂扣身份证 B：我们这不扣，你的证件你自己保管，办工卡只要复印件 A：那就好"),
    (0, "zh", "negation", "ad", "公告：近期有人冒充我公司人事收取报名费，我公司招聘从未收费，也不会要求求职者添加私人微信转账"),
    (0, "zh", "negation", "chat", "A：你们培训要贷款吗 B：不需要，我们是政府补贴培训，免学费，还发生活补贴"),
    (0, "zh", "lawful_fee", "ad", "厨师培训班（人社局定点），学费2600元，统一开具发票，结业考核合格发证后可按规定申请补贴，学员自愿报名"),
    (0, "zh", "lawful_fee", "chat", "A：那个中介收了我两百 B：他有许可证吗 A：有，墙上挂着，还给我开了发票，写着服务费 B：那是正规的"),
    (0, "zh", "lawful_fee", "ad", "焊工证复审，到应急管理部门认可的考点报名，考试费按物价标准缴纳，考点出具票据"),
    (0, "zh", "public_service", "ad", "芜湖市人社局提醒：春季就业援助月期间，各公共就业服务机构免费提供岗位推荐和职业指导，请认准官方渠道"),
    (0, "zh", "public_service", "ad", "街道就业服务站招募社区公益性岗位，月补贴2100元，由街道直接发放，报名不收任何费用"),
    (0, "zh", "everyday_chat", "chat", "A：车间主任说明天开始两班倒 B：几点换班 A：早八晚八，夜班有补助"),
    (0, "zh", "everyday_chat", "chat", "A：工资卡是自己去银行办吗 B：对，公司给你开证明，你拿身份证自己去办，卡自己拿着"),
    (0, "zh", "everyday_chat", "chat", "A：老乡，你那边活多吗 B：多，最近赶货，一天能干十二个钟，计件的 A：那我过去试试"),
    (0, "zh", "everyday_chat", "chat", "组长在群里说：下周一体检，公司包车去市人民医院，体检费公司出，大家带好身份证"),
    (0, "zh", "everyday_chat", "chat", "A：你上回说的那个厂怎么样 B：挺好的，不押工资，每月十号准时发，宿舍也干净"),
    (0, "zh", "worker_question_legit", "typed", "签合同的时候公司要我身份证复印件 给吗"),
    (0, "zh", "worker_question_legit", "typed", "电工证在哪考 费用多少 有补贴没"),
    (0, "zh", "worker_question_legit", "typed", "厂里说工伤保险公司交 个人不用出钱 对吗"),
    (0, "en", "en_ad", "ad", "Bank teller, part time, $18/hour. Handle deposits, withdrawals and check cashing for customers. Paid training at our branch."),
    (0, "en", "en_ad", "ad", "Packer needed at a fulfillment center. Receive, pack and ship customer orders. $17.25/hr, overtime available, weekly pay."),
    (0, "en", "en_chat", "chat", "Hi Dana, thanks for interviewing with us on Zoom today. The next step is an in-person meeting with the plant manager on Tuesday."),
    (0, "en", "en_ad", "ad", "Remote claims processor for a health insurer. Company laptop provided, no cost to you. Two-stage interview by phone and video."),
    (1, "zh", "deposit_fee", "typed", "保安公司要先交1500买制服和培训 给的个人卡号"),
    (1, "zh", "task_rebate", "typed", "那个兼职说做满三单必返佣金 第四单要垫5000"),
    # ---- scams, written out (ads and chats)
    (1, "zh", "deposit_fee", "ad", "【扬州】酒店急招服务员 日结260 今日上岗 报到先交350元工服押金+150元体检费 转负责人微信 满月退"),
    (1, "zh", "deposit_fee", "chat", "A：你好我看到招保安的 B：是的，要先交岗位保证金1600 A：交给谁 B：转到我个人卡上，我是负责招人的队长"),
    (1, "zh", "deposit_fee", "ad", "烟台港口招理货员，无需经验，月入九千，报名先交资料费和建档费共计480元，名额只剩3个"),
    (1, "zh", "id_retention", "ad", "襄阳某项目部招小工，吃住全包，身份证原件上交项目部统一保管，工钱工程完了一次性结算"),
    (1, "zh", "id_retention", "chat", "A：我明天报到要带啥 B：身份证、银行卡都带来交给我，卡的密码写在纸上，工资我统一发"),
    (1, "zh", "training_loan", "chat", "A：我是来应聘运营的 B：你的简历我们看过了，需要先进我们的实训营三个月，费用21800，可以申请先学后付，毕业推荐到合作企业"),
    (1, "zh", "training_loan", "ad", "UI设计师学徒，月薪8000起，零基础可做，入职前完成16800元岗前课程，支持月供，0首付"),
    (1, "zh", "beauty_loan", "chat", "A：我想试镜 B：你底子很好，就是需要做个下颌线，我们有合作医院，分期办下来每月一千多，签约后公司报销"),
    (1, "zh", "task_rebate", "ad", "居家兼职：商品浏览加购一单8元，垫付单本佣即时返，今日新人前三单必返，联系客服小雅"),
    (1, "zh", "task_rebate", "chat", "A：为什么我提现失败 B：您第五单为连环任务，需完成全部三笔才可结算，当前还差12600元 A：我借不到了 B：不完成的话之前的本金也会被冻结"),
    (1, "zh", "task_rebate", "ad", "抢单赚佣金，平台自动匹配订单，余额越高抢到的单佣金越高，每日收益8%-15%，推荐好友另有奖励"),
    (1, "zh", "typing_membership", "ad", "网络小说校对员，在家兼职，每千字12元，入职需购买校对软件及会员共268元，多劳多得"),
    (1, "zh", "money_mule", "ad", "兼职：提供个人收款码，帮电商平台收货款，流水每一万提成150，日结，需要实名支付宝"),
    (1, "zh", "money_mule", "ad", "高价收卡：四大行一类卡配U盾手机卡一套2000，电话卡单张300，同城上门交易"),
    (1, "zh", "money_mule", "chat", "A：你那张农行卡还在用吗 B：不怎么用 A：借我公司走几天流水，给你一千五，卡和U盾快递给我就行"),
    (1, "zh", "money_mule", "ad", "招话务转接员，两部手机在家操作，按通话时长计酬，一小时能挣300，需本人手机号实名"),
    (1, "zh", "overseas", "ad", "迪拜酒店前台，月薪3万，包签证包机票，不要外语不要学历，集合地点西双版纳，联系纸飞机"),
    (1, "zh", "overseas", "chat", "A：那边到底做什么的 B：就是网上聊天客服，一个月保底一万五 A：护照呢 B：到了交公司保管，路上手机关机别和家里说"),
    (1, "zh", "pig_butcher", "chat", "A：哥哥在忙吗 B：有事吗 A：我舅舅是做港股的，今天有个内幕票，我们一起买点，你先在这个平台充值五万"),
    (1, "zh", "pig_butcher", "chat", "A：亲爱的我们以后在一起要有点积蓄 B：嗯 A：我这个理财平台年化百分之六十，你先投两万试试，我帮你盯着"),
    (1, "zh", "fake_agent", "ad", "烟草局正式编制内部名额，不考试直接上岗，服务费8万，先付4万，录用后付清"),
    (1, "zh", "fake_agent", "chat", "A：你说能进电网 B：对，我姐夫在里面，交六万块，保你三个月内入职，先打一半定金"),
    (1, "zh", "diversion", "ad", "客服岗位，轻松在家，详情平台不便说，加工作号 wei 信 k f 8 8 7 2，备注应聘"),
    (1, "zh", "diversion", "chat", "A：能在平台上聊吗 B：平台限制太多，你下个海鸥APP，我把岗位和培训资料发你"),
    (1, "zh", "crypto", "ad", "招海外币安客服，月薪2000U，工作轻松，需自备钱包，先充值100U激活工号"),
    (1, "zh", "chat_companion", "ad", "招聊天员，居家，限女，按条计费，下载指定交友APP后需缴纳会员入驻费299元"),
    (1, "zh", "cert_scam", "ad", "新职业碳资产管理师考证，免考包过，入库后挂靠企业年补贴2万，报名+入库费6800"),
    (1, "zh", "social_insurance", "ad", "内部渠道补缴社保，不够年限也能退休，一次性交九万八，包办手续"),
    (1, "zh", "wage_recovery", "chat", "A：你们真能要回工资吗 B：我们和劳动监察很熟，先付三千加急立案费，一周出结果"),
    (1, "zh", "franchise", "ad", "储备店长招聘，入职后转为合伙人，需缴纳品牌合作金9.8万，公司负责选址装修"),
    (1, "zh", "pyramid", "chat", "A：老同学你来北海吧，这边在搞一个国家支持的项目 B：做什么的 A：来了就知道，路费我报，吃住全包"),
    (1, "en", "en_work_from_home", "ad", "Earn $4,000 a month from home as a remote assistant! No interview, no experience. Message our coordinator on WhatsApp to receive your onboarding link."),
    (1, "en", "en_reshipping", "ad", "Shipping clerk (home-based): receive packages from our vendors, check the contents, and reship with labels we provide. $300 weekly plus bonuses."),
    (1, "en", "en_payment_processing", "ad", "Regional payment agent: accept transfers from customers into your personal bank account and forward them via crypto ATM. Keep 12%."),
    (1, "en", "en_cheque", "ad", "Your equipment funds will arrive by check. Deposit it by mobile app, then send $1,850 to our approved supplier through Zelle."),
    (1, "en", "en_paid_training", "ad", "Start today as a certified product tester. Mandatory certification costs $89, refundable after 30 days of work."),
    (1, "en", "en_chat_interview", "ad", "Interview is conducted by instant message on Teams chat; no camera needed. Successful applicants are offered the job within the hour."),
    (1, "en", "en_task", "ad", "Make $150/day boosting hotel reviews online. Recharge your work account with USDT to unlock higher-paying merged orders."),
    (1, "en", "en_work_from_home", "ad", "Data entry from home, $28/hr, immediate start. To complete onboarding, send a photo of your driver's license, SSN and online banking login."),
]

# A second, separate pool for composed ads (not shared with make_train.py).
CITIES = ["扬州江都", "烟台开发区", "洛阳西工", "柳州柳北", "襄阳高新区", "绵阳游仙", "赣州南康", "保定高碑店",
          "临沂兰山", "盐城亭湖", "芜湖鸠江", "揭阳", "漯河", "宜宾", "曲靖"]
FIRMS = ["华瑞汽配", "恒通冷链", "新东方烹饪学校", "蓝天门窗", "金穗面业", "海澜纺织", "星火电器", "通宇建设",
         "宏远包装", "绿源食品", "盛达五金", "鸿运小额贷款", "安信融资担保", "智联数据科技", "众诚信息技术"]
JOBS = ["分拣员", "生产线操作员", "面点师", "门窗安装工", "冷库搬运工", "机修工", "缝纫工", "注塑工", "厨师长",
        "数据标注员", "贷款催收合规岗", "征信查询专员", "保安队长", "仓储主管", "配送司机"]


def composed_legit():
    c, f, j = R.choice(CITIES), R.choice(FIRMS), R.choice(JOBS)
    lo = R.randrange(35, 95) * 100
    hi = lo + R.randrange(10, 40) * 100
    parts = [f"{c}{f}诚聘{j}", f"待遇{lo}~{hi}元/月，五险一金" if R.random() < .5 else f"{lo}-{hi}五险一金",
             R.choice(["一日三餐公司负担", "员工宿舍有空调热水", "法定节假日带薪", "每年调薪一次"]),
             R.choice(["入职当天签订劳动合同", "试用期两个月工资不打折", "工资由银行代发到个人账户"]),
             R.choice(["应聘只需带身份证原件，核对完毕即还", "全程不收取任何费用", "无需缴纳押金或服装费",
                       "报名电话0" + str(R.randrange(100, 999)) + "-" + str(R.randrange(2000000, 8999999))])]
    R.shuffle(parts[1:])
    sep = R.choice(["，", "；", "。", " "])
    return sep.join(parts)


def composed_scam():
    c, j = R.choice(CITIES), R.choice(JOBS)
    k = R.randrange(6)
    if k == 0:
        return "kind_deposit", f"{c}急缺{j}，月入过万不是梦，上岗前交{R.randrange(2, 9)}00元保证金到主管私人账户，做满退还，今天报名明天上班"
    if k == 1:
        return "money_mule", f"{c}同城兼职：用你的银行卡帮老板走流水，每走十万给{R.randrange(5, 20)}00，U盾带上，当天结"
    if k == 2:
        return "task_rebate", f"{j}下班后也能做的副业：给直播间点关注，一个{R.randrange(2, 9)}元，满额升级任务要先垫付{R.randrange(1, 9)}000，返{R.randrange(10, 30)}%"
    if k == 3:
        return "training_loan", f"{c}{j}岗位面试通过，需先完成岗前认证课{R.randrange(12, 29)}800元，办理分期每月{R.randrange(6, 19)}00元，上岗后公司承担"
    if k == 4:
        return "id_retention", f"{c}项目招{j}，来了身份证和工资卡交给带班的统一保管，年底一起结账，吃住老板包"
    return "overseas", f"境外{j}，月薪{R.randrange(2, 5)}万，老板包路费，先到{R.choice(['瑞丽', '景洪', '镇康'])}，跟着向导走，手机到了统一保管"


def main():
    rows = [dict(label=l, lang=g, kind=k, style=s, text=t) for l, g, k, s, t in ROWS]
    for _ in range(40):
        rows.append(dict(label=0, lang="zh", kind="ad_composed", style="ad", text=composed_legit()))
    for _ in range(30):
        k, t = composed_scam()
        rows.append(dict(label=1, lang="zh", kind=k if k != "kind_deposit" else "deposit_fee", style="ad", text=t))
    seen, out = set(), []
    for r in rows:
        if r["text"] not in seen:
            seen.add(r["text"])
            out.append(r)
    for i, r in enumerate(out):
        print(json.dumps({"id": f"holdout-{i + 1:04d}", "lang": r["lang"], "label": r["label"], "kind": r["kind"],
                          "style": r["style"], "text": r["text"]}, ensure_ascii=False))


if __name__ == "__main__":
    main()
