/**
 * 信访 texts for the bench: what a county's petitioners write about (拆迁补偿, 拖欠工资, 低保, 土地承包, 环境污染,
 * 医疗纠纷, 子女入学, 物业纠纷 …), built from templates with enough variation that different people's letters on
 * the same subject differ in wording (a "voice": each writer's own choice of words) while the same matter written
 * again — by the same person, or by a neighbour on the same project — comes out a near-duplicate.
 *
 * A matter is one grievance (a subject, a place, a company, the facts chosen and how they are put); a case is
 * one letter/visit/call about it. `render(matter, person, mode)` writes it: `first` as the matter was first
 * put, `repeat` by the same person again (most sentences kept, a sentence or two added or dropped), `cosigner`
 * by another person on the same matter (the shared facts, their own circumstances and words). `perturb` makes
 * a near-duplicate of any stored text, for texts whose matter is not known (the bench's new registrations).
 */

export type Rng = () => number;

export interface Theme {
  key: string;
  /** petition_categories.id (the migration's seeded taxonomy). */
  category: string;
  weight: number;
  /** Handling departments (names as in the generator's county); townships handle `townShare` of the cases. */
  depts: string[];
  townShare: number;
  /** Where the grievance lives: a village (rural) or a 小区 in the county town. */
  urban?: boolean;
  /** Slot values shared by everyone on the matter, and those each writer has of their own. */
  matter: Record<string, (k: Kit) => string>;
  person: Record<string, (k: Kit) => string>;
  summaries: string[];
  /** Each fact: alternative phrasings. A matter picks 3–5 facts and one phrasing of each. */
  facts: string[][];
  demands: string[];
}

export interface Kit {
  rnd: Rng;
  pick<T>(xs: readonly T[]): T;
  int(lo: number, hi: number): number;
  chance(p: number): boolean;
}

export function kit(rnd: Rng): Kit {
  return {
    rnd,
    pick: (xs) => xs[Math.floor(rnd() * xs.length)]!,
    int: (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1)),
    chance: (p) => rnd() < p,
  };
}

export const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志海燕鹏飞辉斌宇浩凯健俊帆帅旭宁龙林欣晨瑞博文涵雪梅琳晶亮成德福贵喜春秋冬荣富';
export const personName = (k: Kit) => k.pick([...SURNAMES]) + k.pick([...GIVEN]) + (k.chance(0.7) ? k.pick([...GIVEN]) : '');
const someone = (k: Kit) => `${k.pick([...SURNAMES])}某${k.chance(0.5) ? '某' : ''}`;
const COMPANY_CORE = ['宏达', '鑫源', '恒泰', '金鼎', '华辰', '瑞丰', '永兴', '博远', '盛世', '中联', '天润', '隆基', '绿源', '东方', '安居', '顺通', '兴业', '嘉和', '汇丰', '新天地', '德润', '同创', '昌盛', '福瑞', '锦程', '宇航', '正阳', '亿丰', '润泽', '龙腾'];
const company = (industries: string[]) => (k: Kit) => `${k.pick(['县', '', '', '市'])}${k.pick(COMPANY_CORE)}${k.pick(industries)}有限公司`;
const PROJECT_A = ['滨河', '新城', '幸福', '锦绣', '阳光', '和谐', '紫薇', '东湖', '南苑', '北辰', '翠屏', '金桂', '凤凰', '书香', '馨园'];
const project = (k: Kit) => `${k.pick(PROJECT_A)}${k.pick(['花园', '棚户区改造项目', '安置小区', '商业街', '产业园', '大道拓宽工程', '老旧小区改造项目', '新村建设项目', '物流园'])}`;
const xiaoqu = (k: Kit) => `${k.pick(PROJECT_A)}${k.pick(['花园', '家园', '名苑', '雅居', '嘉园', '华府', '新都', '御景湾'])}`;
const year = (k: Kit) => String(k.int(2016, 2025));
const money = (k: Kit) => `${k.int(2, 96)}.${k.int(0, 9)}`;

export const THEMES: Theme[] = [
  {
    key: '拆迁补偿', category: 'cat-01', weight: 10, depts: ['县住房和城乡建设局', '县自然资源局'], townShare: 0.5,
    matter: { project, price: (k) => String(k.int(900, 2600)), year, months: (k) => String(k.int(6, 18)), cadre: someone },
    person: { area: (k) => String(k.int(90, 320)), area2: (k) => String(k.int(12, 80)), money, kids: (k) => String(k.int(3, 7)), name2: someone, late: (k) => String(k.int(8, 40)) },
    summaries: ['反映{project}拆迁补偿标准过低问题', '反映{town}{project}房屋征收补偿款未足额发放', '要求落实{project}拆迁安置房', '反映{project}拆迁中房屋面积认定不公', '反映{project}过渡安置费停发问题'],
    facts: [
      ['{year}年{project}征收我家房屋，合法建筑面积{area}平方米，另有附属房{area2}平方米。', '我家老宅在{project}征收范围内，房产证面积{area}平方米，院内还有附属用房{area2}平方米。'],
      ['评估公司给出的补偿价格每平方米只有{price}元，远低于周边同类房屋的市场价。', '评估价每平方米{price}元，同地段二手房都卖到两倍多，这个价格我们买不起任何房子。'],
      ['签协议时工作人员口头承诺{months}个月内交付安置房，现在已经过去{late}个月，安置房还没有开工。', '按协议安置房应在{months}个月内交房，到现在超期{late}个月，工地一直停着。'],
      ['同组{name2}家情况和我家差不多，却多拿了{money}万元补偿，明显不公平。', '听说{name2}找了关系，同样面积的房子多补了{money}万元，我们不服。'],
      ['过渡费从去年起就停发了，我们一家{kids}口人只能租房住，每月房租就要一千多元。', '拆迁后过渡安置费只发了半年，现在一家{kids}口挤在亲戚家。'],
      ['附属房和院里的树木都没有计入补偿，拆迁办说是违章建筑，可我们有宅基地使用证。', '院内的附属用房、水井和果树没有评估，工作人员{cadre}说这些不算。'],
      ['拆迁时在没有签协议的情况下强行断水断电，家里老人受到惊吓住进了医院。'],
    ],
    demands: ['要求按市场价重新评估，补足补偿款。', '要求尽快交付安置房并补发过渡费。', '请求依法依规公平补偿，并公开全部补偿标准和名单。'],
  },
  {
    key: '拖欠工资', category: 'cat-02', weight: 14, depts: ['县人力资源和社会保障局', '县住房和城乡建设局'], townShare: 0.15,
    matter: { company: company(['建筑工程', '劳务', '建材', '石材', '纺织', '机械制造']), project, boss: someone, workers: (k) => String(k.int(6, 60)), total: money, year },
    person: { job: (k) => k.pick(['木工', '钢筋工', '瓦工', '小工', '电焊工', '水电工', '架子工', '保洁', '操作工']), days: (k) => String(k.int(40, 300)), wage: (k) => String(k.int(15, 40) * 10), owe: (k) => String(k.int(30, 900) * 100), m1: (k) => String(k.int(1, 6)), m2: (k) => String(k.int(7, 12)) },
    summaries: ['反映{company}拖欠农民工工资问题', '{name}等{workers}名工人讨要{project}工资', '反映包工头{boss}拖欠工资不付', '要求{company}支付拖欠的{year}年工资', '反映{project}工地欠薪问题'],
    facts: [
      ['{year}年{m1}月至{m2}月，我在{company}承建的{project}工地干{job}，共干了{days}天，每天工钱{wage}元。', '我从{year}年{m1}月开始在{project}工地给{company}干{job}，一直干到{m2}月底，一共{days}个工。'],
      ['工程完工后，包工头{boss}以总包单位没有拨款为由一直拖欠，共欠我工资{owe}元。', '活干完了，{boss}说上面的钱没拨下来，到现在还欠我{owe}元。'],
      ['同一个工地还有{workers}名工友也没有拿到工资，合计约{total}万元。', '和我一起干活的{workers}个工友都被欠着工资，加起来有{total}万元。'],
      ['我们多次到工地和公司讨要，对方不是推诿就是避而不见，{boss}的电话也打不通了。', '我们去公司要了十几趟，公司说找包工头，包工头说找公司，现在{boss}人都找不到了。'],
      ['眼看就要过年了，家里老人看病、孩子上学都等着这笔钱。', '家里就靠我打工挣钱，孩子的学费到现在还没交。'],
      ['我们手上有考勤记录和{boss}签字的欠条。', '工友们都有记工本，{boss}也给我们打了欠条。'],
    ],
    demands: ['请求劳动监察部门介入，责令{company}立即支付拖欠的工资。', '恳请政府帮我们讨回血汗钱，依法追究恶意欠薪人员的责任。', '请求按照保障农民工工资支付的规定，由总包单位先行垫付。'],
  },
  {
    key: '低保', category: 'cat-11', weight: 7, depts: ['县民政局'], townShare: 0.55,
    matter: { cadre: someone, name2: someone, year },
    person: { age: (k) => String(k.int(48, 86)), disease: (k) => k.pick(['糖尿病', '高血压', '脑梗后遗症', '尿毒症', '类风湿', '腰椎间盘突出', '心脏病']), pension: (k) => String(k.int(120, 260)), kids: (k) => String(k.int(2, 5)) },
    summaries: ['反映{village}低保评定不公问题', '申请低保被取消要求恢复', '反映村干部亲属违规享受低保', '{name}申请纳入最低生活保障', '反映{village}低保评议未公示'],
    facts: [
      ['我今年{age}岁，老伴前几年去世了，本人患有{disease}，常年吃药，没有劳动能力。', '本人{age}岁，有{disease}，干不了重活，一家{kids}口人生活非常困难。'],
      ['{year}年我家的低保被取消了，村里说是因为儿子买了车，但那辆车是儿子贷款跑运输用的。', '去年复核时我家的低保被停了，理由是家里有人在外打工，可儿子自己都养不活。'],
      ['村里{name2}家有楼房有小车，却一直吃着低保，他是村主任{cadre}的亲戚。', '{name2}家条件比我们好得多，因为和村支书{cadre}是亲戚，一家三口都吃低保。'],
      ['评议低保时没有召开村民代表会，也没有张榜公示。', '低保名单从来没有公示过，谁吃低保都是村干部说了算。'],
      ['我每个月只有{pension}元的养老金，连买药的钱都不够。', '每月就靠{pension}元养老金过日子，看病全靠借钱。'],
    ],
    demands: ['请求民政部门重新核查我家的情况，恢复低保待遇。', '要求对违规享受低保的情况进行清理，公开评定结果。', '恳请按政策把我家纳入低保，解决生活困难。'],
  },
  {
    key: '土地承包', category: 'cat-03', weight: 8, depts: ['县农业农村局'], townShare: 0.6,
    matter: { company: company(['农业开发', '养殖', '食品']), crop: (k) => k.pick(['苗木', '葡萄', '大棚蔬菜', '中药材', '花卉', '猕猴桃']), rent: (k) => String(k.int(30, 90) * 10), cadre: someone, year },
    person: { mu: (k) => String(k.int(2, 12)), mu2: (k) => `${k.int(1, 4)}.${k.int(0, 9)}`, group: (k) => String(k.int(1, 9)), n: (k) => String(k.int(2, 5)), kids: (k) => String(k.int(3, 7)) },
    summaries: ['反映{village}土地承包经营权纠纷', '要求归还被占用的承包地', '反映{company}土地流转租金未兑现', '反映二轮延包未分到承包地问题', '反映组长{cadre}私自调整承包地'],
    facts: [
      ['我家在{village}{group}组有承包地{mu}亩，有土地承包经营权证。', '我家承包的{mu}亩地在{village}{group}组，承包证上写得清清楚楚。'],
      ['{year}年村组未经我同意就把地流转给{company}种{crop}，每年每亩租金{rent}元。', '{year}年村里统一把地租给了{company}种{crop}，说好每亩每年{rent}元。'],
      ['流转合同约定每年年底前付清租金，可对方已经连续{n}年没有付了。', '租金已经拖了{n}年，{company}说效益不好，让我们再等等。'],
      ['组长{cadre}把我家的地调给了他的亲戚种，我多次找他要地都被拒绝。', '{cadre}趁我外出打工，把我家的地划给了别人，还说我户口迁走了就没有地了。'],
      ['二轮延包时我家{kids}口人只分了{mu2}亩，比别人家少了一半。', '延包时按人头分地，我家{kids}口人却只有{mu2}亩，明显少分了。'],
    ],
    demands: ['请求依法确认我家的土地承包经营权，归还承包地。', '要求{company}支付拖欠的流转租金。', '恳请农业农村部门调查处理，维护农民的土地权益。'],
  },
  {
    key: '环境污染', category: 'cat-05', weight: 8, depts: ['县生态环境分局'], townShare: 0.25,
    matter: { company: company(['化工', '建材', '石材', '养殖', '食品', '环保科技']), river: (k) => `${k.pick(['清', '沙', '白', '柳', '小', '龙'])}${k.pick(['河', '沟', '渠'])}`, year, pigs: (k) => String(k.int(5, 60) * 100) },
    person: { households: (k) => String(k.int(20, 200)), dist: (k) => String(k.int(1, 9) * 100) },
    summaries: ['反映{company}排放废气污染环境', '反映{village}附近养殖场粪污直排', '反映{company}夜间偷排污水', '反映{river}水体发黑发臭', '反映{company}粉尘污染严重'],
    facts: [
      ['{village}村东头的{company}从{year}年开始生产，烟囱每天晚上冒黑烟，气味刺鼻。', '{company}离我们村只有{dist}米，一到晚上就排废气，味道呛得人喘不过气。'],
      ['附近{households}户群众晚上不敢开窗，不少老人小孩咳嗽、头疼。', '周边{households}多户人家深受其害，村里得呼吸道病的人越来越多。'],
      ['厂里的污水通过暗管直接排进{river}，河里的鱼都死了，庄稼浇了水也减产。', '{company}把没处理的污水偷偷排到{river}里，河水又黑又臭。'],
      ['养殖场存栏生猪{pigs}头，粪污不经处理直接排到沟里，夏天臭气熏天、苍蝇成群。', '村边的养猪场有{pigs}头猪，粪水横流，井水都不能喝了。'],
      ['我们向环保部门反映过，来检查时厂里就停产，检查的人一走又开始生产。', '每次环保检查前厂里都提前知道消息，白天停、晚上干。'],
      ['厂区堆放的原料没有遮盖，一刮风粉尘满天飞，晾的衣服都是灰。'],
    ],
    demands: ['请求环保部门彻查，依法关停或责令整改。', '要求对受影响的农户进行赔偿，并公开检测数据。', '恳请领导重视，还我们一个干净的生活环境。'],
  },
  {
    key: '医疗纠纷', category: 'cat-06', weight: 4, depts: ['县卫生健康局', '县医疗保障局'], townShare: 0.05,
    matter: { hospital: (k) => k.pick(['县人民医院', '县中医院', '县妇幼保健院', `${k.pick(['仁爱', '康复', '博爱', '济民'])}医院`, '镇卫生院']), year },
    person: { relative: (k) => k.pick(['父亲', '母亲', '妻子', '丈夫', '儿子', '女儿']), disease: (k) => k.pick(['阑尾炎', '胆结石', '骨折', '肺炎', '难产', '脑出血']), complication: (k) => k.pick(['大出血', '严重感染', '神经损伤', '瘫痪', '多器官衰竭']), days: (k) => String(k.int(5, 60)), cost: (k) => String(k.int(8, 300) * 100), small: (k) => String(k.int(5, 50) * 100), month: (k) => String(k.int(1, 12)) },
    summaries: ['反映{hospital}医疗过错要求赔偿', '反映{hospital}乱收费问题', '对{hospital}诊疗过程提出质疑', '反映{hospital}拒绝提供病历'],
    facts: [
      ['{year}年{month}月，我{relative}因{disease}到{hospital}住院治疗。', '{year}年{month}月我{relative}得了{disease}，在{hospital}住院。'],
      ['手术后出现{complication}，医生没有及时处理，转院后才知道是手术失误造成的。', '术后{relative}出现{complication}，值班医生几个小时都没来看。'],
      ['住院{days}天花了{cost}元，清单里有不少项目根本没有做过。', '一共住了{days}天，花费{cost}元，很多检查都是重复做的。'],
      ['我们要求复印病历，医院一直推说病历还在整理，到现在也不给。', '医院不让我们复印完整病历，还说病历已经封存了。'],
      ['医院只同意补偿{small}元，我们无法接受。', '院方说最多给{small}元慰问金，别的一概不管。'],
    ],
    demands: ['要求卫健部门组织医疗事故技术鉴定，依法赔偿。', '要求医院退还多收的费用，并对相关人员进行处理。'],
  },
  {
    key: '子女入学', category: 'cat-07', weight: 4, depts: ['县教育体育局'], townShare: 0.1, urban: true,
    matter: { school: (k) => `${k.pick(['县实验', '城关第一', '城关第二', '县直', '育才', '滨河'])}${k.pick(['小学', '初级中学', '幼儿园'])}`, fee: (k) => String(k.int(3, 30) * 100) },
    person: { age: (k) => String(k.int(6, 13)), grade: (k) => k.pick(['一年级', '初一', '幼儿园大班']), km: (k) => String(k.int(4, 20)) },
    summaries: ['反映孩子在{school}入学难问题', '反映{school}违规收费', '要求解决随迁子女就近入学', '反映{school}学区划分不合理'],
    facts: [
      ['我家孩子今年{age}岁，该上{grade}了，户口和房子都在城区，却被分到离家{km}公里外的学校。', '孩子{age}岁要上{grade}，我们住在{xiaoqu}，学校却安排在{km}公里以外。'],
      ['我们在县城务工多年，有居住证和社保记录，但{school}以学位已满为由不接收。', '按政策随迁子女可以就近入学，{school}却说名额满了，让我们回老家上。'],
      ['学校以资料费、校服费等名义每学期收费{fee}元，没有任何收据。', '{school}每学期另收{fee}元“辅导费”，不交就不给排座位。'],
      ['同小区的孩子托关系都进了{school}，招生规则一点都不透明。'],
    ],
    demands: ['恳请教育部门按政策安排孩子就近入学。', '要求清退违规收取的费用，公开招生划片办法。'],
  },
  {
    key: '物业纠纷', category: 'cat-01', weight: 7, depts: ['县住房和城乡建设局', '县市场监督管理局'], townShare: 0.3, urban: true,
    matter: { company: company(['物业服务', '置业', '房地产开发']), households: (k) => String(k.int(200, 1600)), fee: (k) => `${k.int(0, 2)}.${k.int(2, 9)}`, year },
    person: { bld: (k) => String(k.int(1, 32)), n: (k) => String(k.int(2, 9)), unit: (k) => String(k.int(1, 4)) },
    summaries: ['反映{xiaoqu}物业服务差乱收费', '反映{xiaoqu}开发商未按期办理不动产证', '反映{xiaoqu}电梯长期故障无人维修', '反映{xiaoqu}公共收益去向不明', '反映{xiaoqu}物业强行停水停电'],
    facts: [
      ['我们{xiaoqu}小区共有{households}户业主，物业公司是{company}。', '{xiaoqu}是{company}开发的小区，有{households}户人家。'],
      ['小区{bld}号楼的电梯从去年起就经常停运，已经困人{n}次了。', '我住{bld}号楼{unit}单元，电梯三天两头坏，老人上下楼只能爬楼梯。'],
      ['物业费每年都在收，每平方米{fee}元，可垃圾没人清，绿化没人管，门禁坏了也不修。', '每平方米{fee}元的物业费一分不少收，服务却越来越差，地下车库污水横流。'],
      ['小区的停车费、广告费等公共收益一直由物业公司收取，从来没有公示过。', '电梯广告和地面停车位的收入去哪了，业主一概不知道。'],
      ['开发商承诺{year}年交房后一年内办理不动产证，现在过去{n}年了还没有办下来。', '交房{n}年了，开发商说土地出让金没交清，产权证一直办不了。'],
      ['业主拒交物业费后，物业公司就给我们家停水停电。'],
    ],
    demands: ['请求住建部门督促物业公司整改，公开公共收益账目。', '要求尽快为业主办理不动产权证。', '请求依法更换物业公司，维护业主合法权益。'],
  },
  {
    key: '社保养老', category: 'cat-02', weight: 5, depts: ['县人力资源和社会保障局', '县医疗保障局'], townShare: 0.1,
    matter: { company: company(['纺织', '机械制造', '食品', '化工', '建材']), y1: (k) => String(k.int(1985, 2005)), y2: (k) => String(k.int(2006, 2018)) },
    person: { years: (k) => String(k.int(8, 30)), age: (k) => String(k.int(50, 66)), pension: (k) => String(k.int(800, 2600)) },
    summaries: ['反映养老保险缴费年限认定问题', '要求补缴{y1}年至{y2}年的社会保险', '反映{company}未给职工缴纳社保', '反映退休待遇核定偏低'],
    facts: [
      ['我从{y1}年进入{company}工作，到{y2}年企业改制，一共干了{years}年。', '{y1}年我招工进了{company}，在厂里干了{years}年。'],
      ['改制时厂里说社保由企业统一缴纳，结果查询时发现中间有好几年是空缺的。', '到社保局一查，厂里有{years}年根本没给我们交养老保险。'],
      ['我今年{age}岁，到了退休年龄却办不了退休手续。', '本人已满{age}岁，因为缴费年限不够，每月只能领{pension}元。'],
      ['企业早已破产，社保局让我们自己补缴，一次要交好几万元，实在拿不出来。'],
    ],
    demands: ['请求认定视同缴费年限，按规定办理退休。', '要求原企业或主管部门承担补缴责任。'],
  },
  {
    key: '宅基地', category: 'cat-04', weight: 5, depts: ['县自然资源局'], townShare: 0.7,
    matter: { name2: someone, cadre: someone, year },
    person: { group: (k) => String(k.int(1, 9)), width: (k) => String(k.int(1, 4)), area: (k) => String(k.int(120, 260)) },
    summaries: ['反映邻居{name2}侵占宅基地', '申请宅基地审批迟迟未批', '反映{village}宅基地确权错误', '反映村干部{cadre}违规审批宅基地'],
    facts: [
      ['我家在{village}{group}组的宅基地{area}平方米，{year}年确权登记过。', '我家祖上传下来的宅基地有{area}平方米，在{village}{group}组。'],
      ['邻居{name2}翻盖房子时往我家这边占了{width}米，还把院墙砌到了我家门口。', '{name2}家盖新房时越界{width}米，连我家的排水沟都堵上了。'],
      ['我{year}年就递交了宅基地申请，村里镇里都签了字，到现在还没有批下来。', '申请宅基地已经好几年了，材料交了一次又一次，一直说没有指标。'],
      ['村干部{cadre}给自己亲戚批了两处宅基地，却说没有指标给我们。'],
    ],
    demands: ['请求依法确权，责令对方恢复原状。', '恳请尽快审批我家的宅基地申请。'],
  },
  {
    key: '村务财务', category: 'cat-09', weight: 7, depts: ['县纪委监委', '县农业农村局'], townShare: 0.6,
    matter: { cadre: someone, project: (k) => k.pick(['村道硬化', '自来水改造', '文化广场', '危房改造', '光伏电站', '土地整理']), money, year },
    person: { n: (k) => String(k.int(10, 120)) },
    summaries: ['反映{village}村干部{cadre}侵占集体资金', '反映{village}村务财务不公开', '反映{village}{project}工程虚报冒领', '反映{cadre}优亲厚友问题'],
    facts: [
      ['{village}{year}年实施{project}工程，账上报了{money}万元，实际施工的质量很差，根本用不了这么多钱。', '村里{year}年搞{project}，花了{money}万元，工程是{cadre}的亲戚做的。'],
      ['村务公开栏好几年没有更新过，村民要求查账，{cadre}说账本丢了。', '集体土地出租的钱从来不公布，村民问起来{cadre}就说用于公益了。'],
      ['{cadre}当村干部这些年，家里盖了楼买了车，群众意见很大。', '我们{n}多名村民联名向镇里反映过{cadre}的问题，到现在没有下文。'],
      ['村里的补助名额都被村干部的亲戚占了。'],
    ],
    demands: ['请求纪检监察部门调查{cadre}的问题，依法依纪处理。', '要求对村集体账目进行审计，并向村民公开。'],
  },
  {
    key: '征地补偿', category: 'cat-04', weight: 4, depts: ['县自然资源局', '县财政局'], townShare: 0.5,
    matter: { project, price: (k) => String(k.int(20, 60) * 1000), year },
    person: { mu: (k) => `${k.int(1, 9)}.${k.int(0, 9)}`, money: (k) => String(k.int(5, 90) * 1000), group: (k) => String(k.int(1, 9)) },
    summaries: ['反映{project}征地补偿款被截留', '要求兑现{project}征地补偿', '反映征地后未落实社保', '反映{project}征地补偿分配不公'],
    facts: [
      ['{year}年{project}征收了我们{village}{group}组的土地，我家被征了{mu}亩。', '我家{mu}亩承包地在{year}年被{project}征用。'],
      ['县里公布的补偿标准是每亩{price}元，可发到我手里的只有一半。', '按公告每亩应补{price}元，组里扣了一部分，说是留作集体提留。'],
      ['青苗费和地上附着物补偿{money}元一直没有发。', '还有{money}元的青苗补偿到现在也没有到账。'],
      ['失地以后说好给我们办被征地农民养老保险，到现在也没有落实。'],
    ],
    demands: ['请求查清补偿款去向，足额发放给被征地农户。', '要求落实被征地农民社会保障。'],
  },
  {
    key: '道路交通', category: 'cat-12', weight: 3, depts: ['县交通运输局', '县公安局'], townShare: 0.4,
    matter: { road: (k) => `${k.pick(['S', 'X', 'Y'])}${k.int(101, 399)}线`, km: (k) => String(k.int(2, 15)), year },
    person: { n: (k) => String(k.int(2, 12)) },
    summaries: ['反映{road}道路破损严重', '反映{village}通村公路修建占地未补偿', '要求在{road}{village}路口设置红绿灯', '反映超载货车压坏村道'],
    facts: [
      ['{road}经过{village}的这段路有{km}公里，坑坑洼洼，一下雨就成了泥塘。', '{village}到镇上的{km}公里路{year}年修好后就没人维护，现在到处是大坑。'],
      ['这个路口今年已经出了{n}起交通事故，过往车辆车速很快。', '附近学生每天都要过这个路口，已经发生{n}次事故了。'],
      ['拉石料的超载大货车天天从村里过，新修的路被压得稀烂。'],
      ['修路时占了我家的地，说好给补偿，到现在也没有兑现。'],
    ],
    demands: ['请求交通部门尽快维修道路。', '恳请设置减速带和信号灯，保障群众出行安全。'],
  },
  {
    key: '涉法涉诉', category: 'cat-08', weight: 5, depts: ['县委政法委', '县公安局', '县司法局'], townShare: 0.1,
    matter: { name2: someone, year, money },
    person: { relative: (k) => k.pick(['父亲', '母亲', '妻子', '丈夫', '儿子', '弟弟']), month: (k) => String(k.int(1, 12)) },
    summaries: ['反映{name2}打人案件处理不公', '反映法院判决执行难问题', '反映派出所不予立案', '反映民间借贷纠纷{name2}拒不还款'],
    facts: [
      ['{year}年{month}月，{name2}因琐事把我{relative}打伤，鉴定为轻伤。', '{year}年{month}月{name2}带人到我家闹事，把我{relative}打成轻伤。'],
      ['派出所至今没有立案，只是调解了一次，对方一分钱也没有赔。', '报警后派出所说是民事纠纷，让我们自己去法院起诉。'],
      ['法院判决{name2}还我{money}万元，判决生效两年了，一分钱也没执行到。', '官司赢了，可{name2}名下说没有财产，执行一直终结不了。'],
      ['对方有亲戚在公安局上班，我们怀疑办案不公。'],
    ],
    demands: ['请求依法公正处理，追究打人者的责任。', '要求法院加大执行力度。'],
  },
  {
    key: '住房质量', category: 'cat-01', weight: 4, depts: ['县住房和城乡建设局'], townShare: 0.2, urban: true,
    matter: { company: company(['房地产开发', '置业', '建筑工程']), year },
    person: { bld: (k) => String(k.int(1, 30)), n: (k) => String(k.int(2, 9)) },
    summaries: ['反映{xiaoqu}房屋质量问题', '反映{xiaoqu}烂尾停工问题', '反映{company}逾期交房', '反映{xiaoqu}墙体开裂漏水'],
    facts: [
      ['我在{company}开发的{xiaoqu}买了一套房，{year}年交房。', '{year}年我们在{xiaoqu}买房，开发商是{company}。'],
      ['入住不到一年，墙体大面积开裂，卫生间和阳台一直漏水。', '房子外墙开裂、屋顶漏水，{bld}号楼很多户都是这样。'],
      ['合同约定的交房日期已经过去{n}年，楼盘一直停工，我们每个月还在还房贷。', '项目停工{n}年多了，开发商资金链断了，业主交了首付拿不到房。'],
      ['找开发商维修，对方一拖再拖，说过了保修期。'],
    ],
    demands: ['请求住建部门组织质量鉴定，督促开发商维修。', '恳请政府协调复工，保交楼、保民生。'],
  },
  {
    key: '噪音扰民', category: 'cat-05', weight: 3, depts: ['县生态环境分局', '县城市管理局'], townShare: 0.3, urban: true,
    matter: { company: company(['建筑工程', '石材', '机械制造']) },
    person: { hour: (k) => String(k.int(22, 24)), bld: (k) => String(k.int(1, 30)) },
    summaries: ['反映{company}夜间施工噪音扰民', '反映{xiaoqu}周边广场舞噪音', '反映{company}机器噪音影响休息'],
    facts: [
      ['{xiaoqu}对面的工地每天晚上施工到{hour}点以后，搅拌车、打桩机响个不停。', '{company}的工地天天夜里干活，{hour}点以后还在打桩。'],
      ['家里有高三的孩子和八十岁的老人，晚上根本睡不着觉。', '我住{bld}号楼，正对着工地，一晚上要被吵醒好几次。'],
      ['打过110和12345，来人时停一下，人走了又接着干。'],
    ],
    demands: ['请求有关部门依法查处，禁止夜间施工。', '要求恢复正常的生活秩序。'],
  },
  {
    key: '退役军人', category: 'cat-13', weight: 2, depts: ['县退役军人事务局'], townShare: 0.1,
    matter: { year: (k) => String(k.int(1975, 2010)) },
    person: { years: (k) => String(k.int(3, 16)), age: (k) => String(k.int(40, 75)) },
    summaries: ['退役军人要求落实安置待遇', '反映参战退役人员补助未落实', '要求解决退役士兵就业问题'],
    facts: [
      ['我{year}年入伍，服役{years}年，退伍后回到{village}务农。', '本人是{year}年入伍的老兵，在部队干了{years}年。'],
      ['按政策我们应享受定期生活补助，可一直没有落实。', '同批退伍的战友都领到了补助，只有我的材料在局里压着。'],
      ['我今年{age}岁，身上有旧伤，生活困难。'],
    ],
    demands: ['恳请退役军人事务部门按政策落实待遇。'],
  },
  {
    key: '人事招录', category: 'cat-10', weight: 1, depts: ['县委组织部', '县人力资源和社会保障局'], townShare: 0,
    matter: { dept: (k) => k.pick(['县教育体育局', '县卫生健康局', '县城市管理局', '县市场监督管理局']), year },
    person: { score: (k) => String(k.int(60, 89)) },
    summaries: ['反映{year}年{dept}招聘考试不公', '反映事业单位招聘面试打分问题', '要求落实编制和工资待遇'],
    facts: [
      ['我参加了{year}年{dept}组织的公开招聘，笔试成绩{score}分排第一。', '{year}年{dept}招聘时我笔试第一，面试却被刷了下来。'],
      ['面试考官中有人和录取的考生是亲戚关系，没有回避。', '最后录取的人笔试比我低很多，面试却拿了最高分。'],
      ['我在单位干了十几年临时工，一直说给解决编制，到现在也没有落实。'],
    ],
    demands: ['请求组织人事部门调查，公开面试评分。', '要求依法依规落实待遇。'],
  },
];

const OPENINGS_RURAL = [
  '我叫{name}，是{town}{village}的村民。', '本人{name}，家住{town}{village}{group}组。', '反映人{name}，{town}{village}人，今年{age}岁。',
  '我是{town}{village}村民{name}，现向领导反映一个问题。', '尊敬的领导：您好！我是{town}{village}的{name}。', '{name}，男，{town}{village}村民。', '{name}，女，住{town}{village}。',
];
const OPENINGS_URBAN = ['我叫{name}，住{town}{xiaoqu}小区{bld}号楼。', '本人{name}，是{xiaoqu}的业主。', '尊敬的领导：我是{xiaoqu}小区居民{name}。', '反映人{name}，家住县城{xiaoqu}。'];
const CIRCUMSTANCES = [
  '我家里上有八十多岁的老母亲，下有两个正在上学的孩子。', '我身体不好，常年在外打零工维持生活。', '老伴瘫痪在床多年，全家就靠我一个人。', '我们是老实本分的农民，不懂什么政策。',
  '家里唯一的劳动力前年出了车祸。', '我文化不高，这封信是请人代写的。', '孩子在外地打工，家里只有我们两个老人。', '我是低保边缘户，生活本来就困难。',
  '为了这件事我已经跑了大半年，误工误时。', '我们一家人老老实实，从来不给政府添麻烦。', '我患有高血压，经不起这样折腾。', '我是残疾人，行动不便，只能写信反映。',
];
const PROCESS = [
  '此事我已多次找过村委会和镇政府，至今没有解决。', '{pyear}年{pmonth}月我曾向{pdept}反映，对方答复说研究研究，之后再没有下文。',
  '我先后拨打12345热线{pn}次，工单都被办结了，可问题依旧。', '村里说管不了，让我们找镇上，镇上又推给县里有关部门，来回踢皮球。',
  '去年已经来信反映过一次，当时说会尽快处理，到现在也没有结果。', '我们找过有关部门好几次，每次都说在处理，一直没有结果。', '镇里的干部来看过一次，说回去研究，之后就没人管了。',
];
const CLOSINGS = [
  '恳请县领导高度重视，督促有关部门尽快调查处理，给我们一个说法。', '希望政府依法依规处理，维护我们的合法权益。', '请求领导过问此事，责成相关单位限期解决。',
  '如果再得不到解决，我们只能到市里去反映。', '望领导在百忙之中给予关注，谢谢！', '恳请领导为民做主！', '盼早日答复。', '以上情况属实，请领导明察。',
];
const REPEATS = [
  '这是我第{rn}次反映这个问题了。', '{pmonth}月份我已经反映过，{pdept}答复说正在处理，可到现在没有任何进展。', '上次信访后镇里来人看过一次，之后就再没人管了。',
  '对上次的答复意见我不满意，问题根本没有解决。', '之前的答复说要整改，但实际情况一点没变。', '我再次来信，请领导务必重视。', '前几次反映都石沉大海，这次希望能有个结果。',
];
const DEPTS_FOR_PROCESS = ['镇政府', '县信访局', '村委会', '有关部门', '县里', '镇信访办'];

/**
 * A writer's words: each writer says some things their own way. Applied to the whole letter, so that two
 * people's letters from the same templates still differ in a good share of their character pairs.
 */
const VOICE: [string, string[]][] = [
  ['反映', ['反映', '反应', '反映', '举报']], ['至今', ['至今', '到现在', '直到现在', '迄今']], ['没有', ['没有', '没', '未', '没有']], ['解决', ['解决', '处理', '解决']],
  ['恳请', ['恳请', '恳求', '请求', '希望']], ['领导', ['领导', '领导同志', '各位领导', '政府']], ['我们', ['我们', '俺们', '我们', '咱们']], ['一直', ['一直', '始终', '总是', '老是']],
  ['多次', ['多次', '好几次', '三番五次', '反复']], ['问题', ['问题', '事情', '情况', '事']], ['群众', ['群众', '老百姓', '村民', '大家']], ['到现在', ['到现在', '到今天', '至今', '到目前']],
  ['今年', ['今年', '今年', '现年']], ['孩子', ['孩子', '小孩', '娃', '子女']], ['老人', ['老人', '老年人', '上了年纪的人']], ['家里', ['家里', '家中', '屋里', '家']],
  ['非常', ['非常', '特别', '十分', '很']], ['已经', ['已经', '已', '早就', '都已']], ['尽快', ['尽快', '早日', '抓紧', '赶紧']], ['处理', ['处理', '查处', '办理', '解决']],
];

export interface Matter {
  theme: number;
  townIndex: number;
  village: string;
  slots: Record<string, string>;
  summary: number;
  facts: { i: number; v: number }[];
  demand: number;
  closing: number;
  process: number;
  /** Cases written about it so far (the n-th 反映). */
  written: number;
  /** A 联名/copied letter: everyone on the matter sends much the same text (the first writer's words). */
  copied: boolean;
  first?: Writer;
}

export interface Writer {
  name: string;
  slots: Record<string, string>;
  voice: number[];
  opening: number;
  circumstances: number[];
}

export interface TextKit {
  themes: Theme[];
  /** A theme by weight; `monthBoost` raises wage arrears before the Spring Festival. */
  pickTheme(month: number): number;
  newMatter(theme: number, townIndex: number, village: string): Matter;
  newWriter(m: Matter, name: string): Writer;
  render(m: Matter, w: Writer, mode: 'first' | 'repeat' | 'cosigner', towns: readonly string[]): { summary: string; content: string };
}

export function textKit(rnd: Rng): TextKit {
  const k = kit(rnd);
  const weights = THEMES.map((t) => t.weight);
  const pickTheme = (month: number) => {
    const w = weights.map((x, i) => (THEMES[i]!.key === '拖欠工资' && (month === 12 || month === 1 || month === 11) ? x * 2.2 : x));
    let r = rnd() * w.reduce((s, x) => s + x, 0);
    for (let i = 0; i < w.length; i++) {
      if (r < w[i]!) return i;
      r -= w[i]!;
    }
    return w.length - 1;
  };
  const fill = (tpl: string, s: Record<string, string>) => tpl.replace(/\{(\w+)\}/g, (_, key: string) => s[key] ?? '');
  const newMatter = (theme: number, townIndex: number, village: string): Matter => {
    const t = THEMES[theme]!;
    const slots: Record<string, string> = { village, xiaoqu: xiaoqu(k) };
    for (const [key, gen] of Object.entries(t.matter)) slots[key] = gen(k);
    const n = Math.min(t.facts.length, k.int(3, 6));
    const order = t.facts.map((_, i) => i).sort(() => rnd() - 0.5).slice(0, n).sort((a, b) => a - b);
    return {
      theme, townIndex, village, slots, summary: k.int(0, t.summaries.length - 1), facts: order.map((i) => ({ i, v: k.int(0, t.facts[i]!.length - 1) })),
      demand: k.int(0, t.demands.length - 1), closing: k.int(0, CLOSINGS.length - 1), process: k.int(0, PROCESS.length - 1), written: 0,
      copied: k.chance(0.5),
    };
  };
  const newWriter = (m: Matter, name: string): Writer => {
    const t = THEMES[m.theme]!;
    const slots: Record<string, string> = { name, age: String(k.int(28, 82)), group: String(k.int(1, 12)) };
    for (const [key, gen] of Object.entries(t.person)) slots[key] = gen(k);
    const circumstances = k.chance(0.6) ? [k.int(0, CIRCUMSTANCES.length - 1), ...(k.chance(0.3) ? [k.int(0, CIRCUMSTANCES.length - 1)] : [])] : [];
    // On a copied matter the later writers take the first one's words and circumstances.
    if (m.copied && m.first) {
      const own = Object.keys(t.person).filter(() => k.chance(0.3));
      return { ...m.first, name, slots: { ...m.first.slots, name, age: slots.age!, group: slots.group!, ...Object.fromEntries(own.map((key) => [key, slots[key]!])) } };
    }
    const w = { name, slots, voice: VOICE.map(([, alts]) => k.int(0, alts.length - 1)), opening: k.int(0, 99), circumstances };
    m.first ??= w;
    return w;
  };
  const speak = (text: string, voice: number[]) => {
    let out = text;
    VOICE.forEach(([word, alts], i) => {
      const alt = alts[voice[i]!]!;
      if (alt !== word) out = out.split(word).join(alt);
    });
    return out;
  };
  const render = (m: Matter, w: Writer, mode: 'first' | 'repeat' | 'cosigner', towns: readonly string[]) => {
    const t = THEMES[m.theme]!;
    m.written++;
    const s: Record<string, string> = {
      ...m.slots, ...w.slots, town: towns[m.townIndex]!, rn: String(Math.min(m.written, 12)), pyear: String(k.int(2023, 2025)), pmonth: String(k.int(1, 12)),
      pdept: k.pick(DEPTS_FOR_PROCESS), pn: String(k.int(2, 9)),
    };
    const parts: string[] = [];
    const openings = t.urban ? OPENINGS_URBAN : OPENINGS_RURAL;
    parts.push(openings[w.opening % openings.length]!);
    for (const c of w.circumstances) parts.push(CIRCUMSTANCES[c]!);
    // A repeat keeps the facts (one may drop out); a co-signer tells the shared facts partly in other words.
    let facts = m.facts;
    if (mode === 'repeat' && facts.length > 3 && k.chance(0.4)) facts = facts.filter((_, i) => i !== k.int(0, facts.length - 1));
    for (const f of facts) {
      const alts = t.facts[f.i]!;
      const v = mode === 'cosigner' && !m.copied && k.chance(0.5) ? k.int(0, alts.length - 1) : f.v;
      parts.push(alts[v]!);
    }
    if (mode !== 'first') parts.push(REPEATS[k.int(0, REPEATS.length - 1)]!);
    if (mode === 'repeat' && k.chance(0.3)) parts.push(REPEATS[k.int(0, REPEATS.length - 1)]!);
    parts.push(PROCESS[mode === 'cosigner' && !m.copied ? k.int(0, PROCESS.length - 1) : m.process]!);
    if (w.circumstances.length > 1) parts.push(PROCESS[(m.process + 3) % PROCESS.length]!);
    parts.push(t.demands[mode === 'cosigner' && k.chance(0.5) ? k.int(0, t.demands.length - 1) : m.demand]!);
    parts.push(CLOSINGS[mode === 'first' ? m.closing : k.int(0, CLOSINGS.length - 1)]!);
    const content = speak(fill(parts.join(''), s), w.voice);
    const sIdx = mode === 'first' || k.chance(0.6) ? m.summary : k.int(0, t.summaries.length - 1);
    let summary = fill(t.summaries[sIdx]!, s);
    if (mode === 'repeat' && k.chance(0.35)) summary = `再次${summary}`;
    return { summary: summary.slice(0, 200), content };
  };
  return { themes: THEMES, pickTheme, newMatter, newWriter, render };
}

/**
 * A near-duplicate of a stored text, as its writer would send it again: a sentence dropped, one or two
 * added (“第N次反映”, what happened since), the summary sometimes prefixed. Similarity to the original
 * stays high (about 0.6–0.9 by character pairs).
 */
export function perturb(rnd: Rng, summary: string, content: string): { summary: string; content: string } {
  const k = kit(rnd);
  const sentences = content.split(/(?<=[。！？])/).filter(Boolean);
  if (sentences.length > 4 && k.chance(0.5)) sentences.splice(k.int(1, sentences.length - 2), 1);
  const add = REPEATS[k.int(0, REPEATS.length - 1)]!
    .replace('{rn}', String(k.int(2, 6)))
    .replace('{pmonth}', String(k.int(1, 12)))
    .replace('{pdept}', k.pick(DEPTS_FOR_PROCESS));
  sentences.splice(Math.max(1, sentences.length - 2), 0, add);
  if (k.chance(0.4)) sentences.splice(Math.max(1, sentences.length - 1), 0, CLOSINGS[k.int(0, CLOSINGS.length - 1)]!);
  return { summary: (k.chance(0.35) && !summary.startsWith('再次') ? `再次${summary}` : summary).slice(0, 200), content: sentences.join('') };
}
