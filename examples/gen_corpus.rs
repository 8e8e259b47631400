//! `gen_corpus`: a deterministic generator of a synthetic archive of Chinese work
//! summaries (工作总结, 学习情况总结, 述职报告), used for `zongjie`'s scale benchmarks
//! and for measuring near-duplicate recall.
//!
//! ```text
//! cargo run --release --example gen_corpus -- DIR N [--seed S] [--templates T [--template-share P]]
//! ```
//!
//! * `DIR`: output directory, created (with its subdirectories) if missing. Existing
//!   files with the same names are overwritten; nothing else in `DIR` is touched.
//! * `N`: number of documents to write.
//! * `--seed S` (or `--seed=S`): unsigned 64-bit seed, default 42.
//! * `--templates T`: a template-heavy archive instead (see below), from `T` templates.
//! * `--template-share P`: in that mode, the share of documents filled from a template
//!   (default 0.8).
//!
//! Bad arguments print a message and the usage to stderr and exit with code 2; an I/O
//! error while writing exits with code 1.
//!
//! # Output
//!
//! Document `i` (0-based) is written to `DIR/BBB/YYYY_IIIIII.txt`, where `BBB` is
//! `i / 1000` (so about 1,000 files per folder) and `YYYY` is the report's year.
//! Each file is UTF-8 (no BOM), one paragraph a line, `\n` line ends: a title line,
//! an opening paragraph, five level-1 sections `一、` … `五、` (situation, practice,
//! results, problems, plans) with `（一）` level-2 headings (sometimes `1．` level-3),
//! inline `一是……二是……` enumerations, and sometimes a sign-off. About 1,500 to 4,000
//! characters each. All files are UTF-8: std has no GBK encoder, and this generator is
//! meant to stay dependency-free, so encoding variety is left to other fixtures.
//!
//! Deliberate imperfections, so the linter and the corpus statistics have something
//! to find:
//! * ≈30% of documents are unfilled or half-filled templates (`XX局`, `X次`, `20XX年`,
//!   `X月X日`, `XX同志`, `《XXX》`, `某某`);
//! * ≈10% omit a standard section or merge two (`主要工作及做法`);
//! * ≈5% have a level-1 numbering slip (`一、二、四、` or a repeated numeral);
//! * nearly every document reuses a few of ~30 stock official sentences verbatim
//!   (each appears in roughly 2–45% of documents), so corpus-wide repeated-phrase and
//!   shared-sentence statistics have real signal.
//!
//! # Planted near-duplicates and the manifest
//!
//! ≈5% of documents are planted copies of an earlier original document (its
//! "source"): unit and city renamed, a share of the numbers changed, 1–3 sentences
//! replaced or dropped and one template slot filled or unfilled. The share of numbers
//! changed follows a per-copy edit intensity; heavier copies also rename the writing
//! party organisation (局党组 → 局机关党委), rewrite the opening paragraph and, in a
//! template, fill in some numeric slots. This keeps their character-5-gram Jaccard
//! similarity to the source at roughly 0.6–0.97 (measured with seed 42, 100,000
//! documents: min 0.61, median 0.83, max 0.97). Some sources
//! are copied 2–4 times, forming clusters (copies of one source are, of course, also
//! near-duplicates of each other). Sources are always originals, never copies.
//! `DIR/planted_pairs.tsv` lists them: a header line, then `copy_path<TAB>source_path`
//! per planted copy, paths relative to `DIR` with `/` separators, in copy order. Its
//! `.tsv` extension keeps it out of the analysed set. Independently generated
//! documents share only stock sentences and common phrasing (5-gram Jaccard about
//! 0.06, at most about 0.14 in a 500-document sample).
//!
//! # Template-heavy archives and their manifest
//!
//! Real archives are template-heavy: a bureau's units fill in the same downloaded
//! 范文. With `--templates T`, each document is, with probability `P`, filled in from
//! one of `T` templates — reports with every slot open (`XX市XX局`, `X次`, `20XX年`,
//! `XX同志`, `《XXX》` …), popular ones chosen more often (template `t` with
//! probability about `(√(t+1) − √t)/√T`) — and otherwise written afresh. A filled
//! document has the unit's name, city and people everywhere, every slot filled with
//! a plausible value (8% are drafts that leave about 30% of their slots open), and up
//! to three sentences reworked; its similarity to the template is 0.80–0.96 (median
//! 0.89; seed 42, 2 000 documents, 30 templates).
//! Every even-numbered template is itself in the archive once. No planted copies are
//! made in this mode. `DIR/templates.tsv` lists every document: a header line, then
//! `path<TAB>template<TAB>role`, with the template as `T000` … (or `-`) and the role
//! `template`, `filled` or `original`.
//!
//! # Determinism
//!
//! Everything is derived from the seed through splitmix64 (to derive per-document
//! seeds) and xorshift64* (the per-document stream); choices use integer arithmetic or
//! exactly-specified IEEE operations on 53-bit values, never hashing or platform
//! state. So the same arguments give byte-identical files on any machine, whatever
//! the number of threads: document `i` depends only on the seed, `i` and the copy
//! plan, which is computed sequentially before the parallel write. As a consequence,
//! the first `M` documents of an `N`-document run are the same files for any `N ≥ M`.

use std::ffi::OsString;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;
use std::{env, fs, thread};

const USAGE: &str = "usage: gen_corpus DIR N [--seed S] [--templates T [--template-share P]]
  DIR                 output directory (created if missing)
  N                   number of documents to generate
  --seed S            unsigned 64-bit PRNG seed (default 42)
  --templates T       template-heavy archive: most documents filled in from T templates
  --template-share P  share of documents filled from a template (default 0.8)";

/// Files per subdirectory: keeps directory listings of a large corpus manageable.
const FILES_PER_DIR: usize = 1000;
/// Share of documents that are planted copies of an earlier original.
const COPY_RATE: f64 = 0.05;
/// Share of planted copies that join an existing cluster instead of starting a new one.
const CLUSTER_RATE: f64 = 0.15;
/// Most copies any one source gets.
const MAX_COPIES: u8 = 4;
/// Planting starts only once there are this many originals to copy from.
const MIN_ORIGINALS: usize = 20;
/// Upper bound on N (about 90 GB of text): guards against typos like an extra zero run.
const MAX_DOCS: usize = 10_000_000;

// ---------------------------------------------------------------------------
// PRNG
// ---------------------------------------------------------------------------

/// splitmix64 step: used to turn (seed, index) into well-mixed stream seeds.
fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// xorshift64*: small, fast and fully specified, so output never depends on a
/// library's algorithm choice.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        let mut s = seed;
        let x = splitmix64(&mut s);
        // xorshift must never be seeded with zero.
        Rng(if x == 0 { 0x9E37_79B9_7F4A_7C15 } else { x })
    }

    fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in `0..n` (multiply-shift, no modulo bias worth caring about); 0 if n == 0.
    fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: u32, hi: u32) -> u32 {
        lo + self.below((hi - lo + 1) as usize) as u32
    }

    /// Uniform in `[0, 1)`; IEEE arithmetic on a 53-bit integer is exact everywhere.
    fn f(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    fn chance(&mut self, p: f64) -> bool {
        self.f() < p
    }

    fn pick<T: Copy>(&mut self, xs: &[T]) -> T {
        xs[self.below(xs.len())]
    }
}

fn doc_seed(master: u64, i: usize) -> u64 {
    let mut s = master ^ (i as u64).wrapping_mul(0xD1B5_4A32_D192_ED03);
    splitmix64(&mut s)
}

/// The year is drawn from its own stream so the manifest writer can know a document's
/// file name without generating the document.
fn doc_year(seed: u64) -> u32 {
    Rng::new(seed ^ 0xA5A5_5A5A_0F0F_F0F0).range(2016, 2024)
}

// ---------------------------------------------------------------------------
// Names: cities, units, people
// ---------------------------------------------------------------------------

const CITIES: &[(&str, &str)] = &[
    ("杭州市", "浙江省"),
    ("宁波市", "浙江省"),
    ("湖州市", "浙江省"),
    ("合肥市", "安徽省"),
    ("芜湖市", "安徽省"),
    ("安庆市", "安徽省"),
    ("南昌市", "江西省"),
    ("赣州市", "江西省"),
    ("九江市", "江西省"),
    ("长沙市", "湖南省"),
    ("岳阳市", "湖南省"),
    ("常德市", "湖南省"),
    ("武汉市", "湖北省"),
    ("宜昌市", "湖北省"),
    ("襄阳市", "湖北省"),
    ("郑州市", "河南省"),
    ("洛阳市", "河南省"),
    ("南阳市", "河南省"),
    ("济南市", "山东省"),
    ("潍坊市", "山东省"),
    ("临沂市", "山东省"),
    ("石家庄市", "河北省"),
    ("保定市", "河北省"),
    ("邯郸市", "河北省"),
    ("太原市", "山西省"),
    ("大同市", "山西省"),
    ("西安市", "陕西省"),
    ("宝鸡市", "陕西省"),
    ("兰州市", "甘肃省"),
    ("天水市", "甘肃省"),
    ("成都市", "四川省"),
    ("绵阳市", "四川省"),
    ("宜宾市", "四川省"),
    ("贵阳市", "贵州省"),
    ("遵义市", "贵州省"),
    ("昆明市", "云南省"),
    ("曲靖市", "云南省"),
    ("南宁市", "广西壮族自治区"),
    ("柳州市", "广西壮族自治区"),
    ("福州市", "福建省"),
    ("泉州市", "福建省"),
    ("韶关市", "广东省"),
    ("江门市", "广东省"),
    ("南京市", "江苏省"),
    ("徐州市", "江苏省"),
    ("扬州市", "江苏省"),
    ("沈阳市", "辽宁省"),
    ("大连市", "辽宁省"),
    ("长春市", "吉林省"),
    ("哈尔滨市", "黑龙江省"),
    ("齐齐哈尔市", "黑龙江省"),
    ("呼和浩特市", "内蒙古自治区"),
    ("银川市", "宁夏回族自治区"),
    ("西宁市", "青海省"),
    ("海口市", "海南省"),
];

const COUNTIES: &[&str] = &[
    "安吉县",
    "桐庐县",
    "长丰县",
    "于都县",
    "攸县",
    "固始县",
    "曲阜市",
    "寿光市",
    "正定县",
    "平遥县",
    "岐山县",
    "通渭县",
    "仁怀市",
    "宣威市",
    "宾阳县",
    "安溪县",
    "惠东县",
    "澄迈县",
    "海城市",
    "农安县",
    "五常市",
    "沭阳县",
    "宜都市",
    "浏阳市",
    "新郑市",
];
const TOWNS: &[&str] = &[
    "青石", "柳河", "白沙", "桃源", "石门", "大桥", "新塘", "凤凰", "龙泉", "黄田", "双溪", "东坝",
    "梅林", "杨柳", "花桥", "清水", "马坪", "永兴", "太平", "长乐", "高桥", "三河", "金山", "横塘",
];
const DISTRICTS: &[&str] = &[
    "城关区",
    "东城区",
    "新城区",
    "高新区",
    "经开区",
    "南湖区",
    "北湖区",
    "江北区",
    "城南区",
    "滨江区",
];
const STREETS: &[&str] = &[
    "人民路",
    "解放路",
    "新华",
    "文昌",
    "朝阳",
    "南湖",
    "北关",
    "东风",
    "建设路",
    "和平",
    "中山路",
    "西关",
    "望江",
    "府前",
];

/// A line of work with its own business vocabulary: what a unit of this kind
/// actually reports on, so documents differ in substance, not only in numbers.
struct Domain {
    name: &'static str,
    /// Whether a provincial 厅 of this name exists (统计, 市场监管 are 局 even there).
    ting: bool,
    biz: &'static [&'static str],
}

const JU_DOMAINS: &[Domain] = &[
    Domain {
        name: "财政",
        ting: true,
        biz: &[
            "预算管理",
            "国库集中支付",
            "政府债务风险防控",
            "财政资金绩效管理",
        ],
    },
    Domain {
        name: "交通运输",
        ting: true,
        biz: &[
            "农村公路建设",
            "交通重点项目建设",
            "道路运输安全监管",
            "综合交通网络建设",
        ],
    },
    Domain {
        name: "自然资源",
        ting: true,
        biz: &[
            "国土空间规划编制",
            "耕地保护",
            "不动产登记便民服务",
            "矿产资源管理",
        ],
    },
    Domain {
        name: "生态环境",
        ting: true,
        biz: &[
            "污染防治攻坚",
            "环保督察问题整改",
            "大气污染治理",
            "生态环境执法",
        ],
    },
    Domain {
        name: "住房和城乡建设",
        ting: true,
        biz: &[
            "老旧小区改造",
            "保障性住房建设",
            "建筑施工安全监管",
            "城市更新",
        ],
    },
    Domain {
        name: "市场监督管理",
        ting: false,
        biz: &[
            "食品安全监管",
            "商事制度改革",
            "特种设备安全监管",
            "知识产权保护",
        ],
    },
    Domain {
        name: "农业农村",
        ting: true,
        biz: &[
            "高标准农田建设",
            "粮食生产",
            "农村人居环境整治",
            "农业产业化经营",
        ],
    },
    Domain {
        name: "文化和旅游",
        ting: true,
        biz: &[
            "公共文化服务体系建设",
            "文旅融合发展",
            "文物保护利用",
            "旅游市场整治",
        ],
    },
    Domain {
        name: "卫生健康",
        ting: false,
        biz: &[
            "公立医院改革",
            "基本公共卫生服务",
            "疾病预防控制",
            "基层医疗服务能力建设",
        ],
    },
    Domain {
        name: "应急管理",
        ting: true,
        biz: &[
            "安全生产专项整治",
            "防汛抗旱",
            "应急救援能力建设",
            "森林防火",
        ],
    },
    Domain {
        name: "水利",
        ting: true,
        biz: &[
            "水利工程建设",
            "河湖长制落实",
            "农村饮水安全",
            "水旱灾害防御",
        ],
    },
    Domain {
        name: "商务",
        ting: true,
        biz: &["招商引资", "外贸稳增长", "消费提振", "电子商务发展"],
    },
    Domain {
        name: "民政",
        ting: true,
        biz: &["养老服务体系建设", "社会救助", "社会组织管理", "殡葬改革"],
    },
    Domain {
        name: "人力资源和社会保障",
        ting: true,
        biz: &["稳就业", "社会保险扩面", "根治欠薪", "技能人才培养"],
    },
    Domain {
        name: "统计",
        ting: false,
        biz: &[
            "统计数据质量管理",
            "经济普查",
            "统计执法检查",
            "统计信息服务",
        ],
    },
    Domain {
        name: "审计",
        ting: true,
        biz: &[
            "审计项目实施",
            "审计整改",
            "经济责任审计",
            "政府投资项目审计",
        ],
    },
    Domain {
        name: "教育",
        ting: true,
        biz: &[
            "义务教育优质均衡发展",
            "校园安全",
            "“双减”政策落实",
            "教师队伍建设",
        ],
    },
    Domain {
        name: "司法",
        ting: true,
        biz: &["法治政府建设", "公共法律服务", "人民调解", "社区矫正"],
    },
];

const WEI_DOMAINS: &[Domain] = &[
    Domain {
        name: "发展和改革",
        ting: false,
        biz: &["重大项目谋划", "价格监测", "节能降耗", "规划编制实施"],
    },
    Domain {
        name: "卫生健康",
        ting: false,
        biz: &[
            "公立医院改革",
            "基本公共卫生服务",
            "疾病预防控制",
            "医疗服务能力提升",
        ],
    },
    Domain {
        name: "经济和信息化",
        ting: false,
        biz: &["工业稳增长", "企业技术改造", "数字经济发展", "中小企业服务"],
    },
    Domain {
        name: "民族宗教事务",
        ting: false,
        biz: &[
            "民族团结进步创建",
            "宗教事务管理",
            "少数民族发展",
            "民族政策宣传",
        ],
    },
    Domain {
        name: "住房和城乡建设",
        ting: false,
        biz: &["老旧小区改造", "城市更新", "建筑市场监管", "住房保障"],
    },
];

const XUEYUAN_DOMAINS: &[Domain] = &[
    Domain {
        name: "职业技术学院",
        ting: false,
        biz: &[
            "人才培养",
            "专业建设",
            "校企合作",
            "学生就业",
            "“双师型”教师队伍建设",
        ],
    },
    Domain {
        name: "师范学院",
        ting: false,
        biz: &["人才培养", "教师教育改革", "学科建设", "学生就业"],
    },
    Domain {
        name: "理工学院",
        ting: false,
        biz: &["科研创新", "学科建设", "产学研合作", "人才培养"],
    },
    Domain {
        name: "卫生职业学院",
        ting: false,
        biz: &["实训基地建设", "人才培养", "专业建设", "社会服务"],
    },
    Domain {
        name: "财经学院",
        ting: false,
        biz: &["教学质量提升", "专业建设", "科研创新", "学生就业"],
    },
];

const ZHEN_BIZ: &[&str] = &[
    "乡村振兴",
    "农村人居环境整治",
    "特色产业发展",
    "村集体经济发展",
    "防汛防灾",
    "平安乡镇建设",
];
const JIEDAO_BIZ: &[&str] = &[
    "社区治理",
    "网格化管理",
    "老旧小区改造",
    "文明城市创建",
    "民生服务",
    "矛盾纠纷化解",
];

const ZHONGXIN_DOMAINS: &[Domain] = &[
    Domain {
        name: "政务服务中心",
        ting: false,
        biz: &["“一网通办”", "窗口服务", "审批提速", "帮办代办服务"],
    },
    Domain {
        name: "疾病预防控制中心",
        ting: false,
        biz: &["传染病防控", "免疫规划", "卫生检测", "慢性病管理"],
    },
    Domain {
        name: "公共资源交易中心",
        ting: false,
        biz: &["交易平台建设", "招投标监管", "电子化交易", "交易服务"],
    },
    Domain {
        name: "不动产登记中心",
        ting: false,
        biz: &[
            "不动产登记",
            "登记便民服务",
            "登记信息化建设",
            "历史遗留问题化解",
        ],
    },
    Domain {
        name: "住房公积金管理中心",
        ting: false,
        biz: &["公积金归集", "个人贷款发放", "资金风险防控", "公积金扩面"],
    },
    Domain {
        name: "融媒体中心",
        ting: false,
        biz: &["新闻宣传", "融合传播", "舆论引导", "新媒体平台建设"],
    },
    Domain {
        name: "大数据中心",
        ting: false,
        biz: &["数据共享", "数字政府建设", "网络安全", "政务云运维"],
    },
];

const GONGSI_DOMAINS: &[Domain] = &[
    Domain {
        name: "城市建设投资集团有限公司",
        ting: false,
        biz: &["城市基础设施建设", "投融资", "国企改革", "项目建设"],
    },
    Domain {
        name: "水务集团有限公司",
        ting: false,
        biz: &["供水保障", "管网改造", "水质安全", "生产经营"],
    },
    Domain {
        name: "公共交通集团有限公司",
        ting: false,
        biz: &["公交线路优化", "新能源车辆更新", "运营安全", "服务质量提升"],
    },
    Domain {
        name: "燃气有限公司",
        ting: false,
        biz: &["燃气安全", "管网建设", "用户服务", "生产经营"],
    },
    Domain {
        name: "文化旅游发展集团有限公司",
        ting: false,
        biz: &["景区运营", "文旅项目建设", "市场开拓", "提质增效"],
    },
    Domain {
        name: "供电公司",
        ting: false,
        biz: &["电网建设", "供电可靠性", "优质服务", "安全生产"],
    },
];

const SURNAMES: &[&str] = &[
    "张", "王", "李", "赵", "刘", "陈", "杨", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "林", "罗", "高", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "曹", "彭", "邓",
];
const GIVEN: &[&str] = &[
    "建国", "志强", "海燕", "丽华", "文斌", "晓明", "红梅", "国庆", "伟", "静", "军", "勇", "敏",
    "磊", "秀英", "卫东", "春生", "玉兰", "宏伟", "明辉", "亚军", "立新", "桂芳", "振华", "学军",
    "丹", "鹏", "婷", "永红", "德明",
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Ju,
    Ting,
    Wei,
    Xueyuan,
    Zhen,
    Jiedao,
    Zhongxin,
    Gongsi,
}

const KINDS: &[(Kind, u32)] = &[
    (Kind::Ju, 26),
    (Kind::Ting, 8),
    (Kind::Wei, 9),
    (Kind::Xueyuan, 8),
    (Kind::Zhen, 14),
    (Kind::Jiedao, 12),
    (Kind::Zhongxin, 12),
    (Kind::Gongsi, 11),
];

/// How a unit of one kind names itself and its staff.
struct KindInfo {
    /// Self-reference in the body: 我局, 我院 …
    short: &'static [&'static str],
    /// The party organisation that usually writes the summary.
    org: &'static [&'static str],
    staff: &'static [&'static str],
    /// Posts of people writing a 述职报告.
    posts: &'static [&'static str],
    /// Unit names as an unfilled template has them.
    slot_names: &'static [&'static str],
    /// Subordinate units and offices.
    depts: &'static [&'static str],
}

fn kind_info(kind: Kind) -> KindInfo {
    match kind {
        Kind::Ju => KindInfo {
            short: &["我局", "局机关"],
            org: &["局党组", "局机关党委", "局党支部"],
            staff: &["全局干部职工", "局机关全体干部"],
            posts: &["局长", "副局长", "党组书记、局长", "党组成员、副局长"],
            slot_names: &["XX局", "XX市XX局", "XX县XX局"],
            depts: &[
                "办公室",
                "政策法规科",
                "财务科",
                "人事科",
                "各业务科室",
                "局属各单位",
            ],
        },
        Kind::Ting => KindInfo {
            short: &["我厅", "厅机关"],
            org: &["厅党组", "厅机关党委"],
            staff: &["全厅干部职工", "厅机关全体干部"],
            posts: &["厅长", "副厅长", "党组成员、副厅长"],
            slot_names: &["XX厅", "XX省XX厅"],
            depts: &[
                "办公室",
                "政策法规处",
                "规划财务处",
                "人事处",
                "厅属各单位",
                "各处室",
            ],
        },
        Kind::Wei => KindInfo {
            short: &["我委", "委机关"],
            org: &["委党组", "委机关党委"],
            staff: &["全委干部职工", "委机关全体干部"],
            posts: &["主任", "副主任", "党组书记、主任"],
            slot_names: &["XX委员会", "XX市XX委员会"],
            depts: &[
                "办公室",
                "综合科",
                "规划科",
                "财务审计科",
                "各科室",
                "委属各单位",
            ],
        },
        Kind::Xueyuan => KindInfo {
            short: &["我院", "学院"],
            org: &["院党委", "学院党委"],
            staff: &["全院教职工", "全院师生"],
            posts: &["院长", "副院长", "党委书记", "系主任"],
            slot_names: &["XX学院", "XX职业技术学院"],
            depts: &[
                "党政办公室",
                "教务处",
                "学生工作处",
                "科研处",
                "各二级学院",
                "各系部",
            ],
        },
        Kind::Zhen => KindInfo {
            short: &["我镇", "全镇"],
            org: &["镇党委", "镇党委、镇政府"],
            staff: &["全镇干部", "镇村干部"],
            posts: &["镇长", "镇党委书记", "副镇长"],
            slot_names: &["XX镇", "XX县XX镇"],
            depts: &[
                "党政办",
                "经济发展办",
                "社会事务办",
                "各村（社区）",
                "各站所",
            ],
        },
        Kind::Jiedao => KindInfo {
            short: &["我街道", "本街道"],
            org: &["街道党工委", "街道党工委、办事处"],
            staff: &["街道全体干部", "街道社区干部"],
            posts: &["街道办事处主任", "街道党工委书记", "街道办事处副主任"],
            slot_names: &["XX街道", "XX区XX街道"],
            depts: &["党政办", "社区建设办", "综治中心", "各社区", "城管科"],
        },
        Kind::Zhongxin => KindInfo {
            short: &["我中心", "中心"],
            org: &["中心党支部", "中心党总支"],
            staff: &["中心全体干部职工", "中心全体职工"],
            posts: &["中心主任", "中心副主任", "党支部书记、主任"],
            slot_names: &["XX中心", "XX市XX中心"],
            depts: &["综合科", "业务科", "服务窗口", "各科室", "信息科"],
        },
        Kind::Gongsi => KindInfo {
            short: &["公司", "我公司"],
            org: &["公司党委", "公司党支部"],
            staff: &["公司全体员工", "公司干部员工"],
            posts: &["总经理", "副总经理", "党委书记、董事长"],
            slot_names: &["XX公司", "XX有限公司", "XX集团有限公司"],
            depts: &[
                "综合管理部",
                "财务部",
                "工程部",
                "安全生产部",
                "各子公司",
                "各项目部",
            ],
        },
    }
}

/// A real-looking unit of `kind`: (full name, city, business vocabulary).
fn make_unit(rng: &mut Rng, kind: Kind) -> (String, String, &'static [&'static str]) {
    let (city, province) = rng.pick(CITIES);
    let base = city.trim_end_matches('市');
    let pick_domain =
        |rng: &mut Rng, ds: &'static [Domain]| -> &'static Domain { &ds[rng.below(ds.len())] };
    match kind {
        Kind::Ju => {
            let d = pick_domain(rng, JU_DOMAINS);
            (format!("{city}{}局", d.name), city.to_string(), d.biz)
        }
        Kind::Ting => {
            let mut d = pick_domain(rng, JU_DOMAINS);
            while !d.ting {
                d = pick_domain(rng, JU_DOMAINS);
            }
            (format!("{province}{}厅", d.name), city.to_string(), d.biz)
        }
        Kind::Wei => {
            let d = pick_domain(rng, WEI_DOMAINS);
            (format!("{city}{}委员会", d.name), city.to_string(), d.biz)
        }
        Kind::Xueyuan => {
            let d = pick_domain(rng, XUEYUAN_DOMAINS);
            (format!("{base}{}", d.name), city.to_string(), d.biz)
        }
        Kind::Zhen => {
            let county = rng.pick(COUNTIES);
            let town = rng.pick(TOWNS);
            (format!("{county}{town}镇"), city.to_string(), ZHEN_BIZ)
        }
        Kind::Jiedao => {
            let d = rng.pick(DISTRICTS);
            let s = rng.pick(STREETS);
            (format!("{city}{d}{s}街道"), city.to_string(), JIEDAO_BIZ)
        }
        Kind::Zhongxin => {
            let d = pick_domain(rng, ZHONGXIN_DOMAINS);
            (format!("{city}{}", d.name), city.to_string(), d.biz)
        }
        Kind::Gongsi => {
            let d = pick_domain(rng, GONGSI_DOMAINS);
            let name = if d.name == "供电公司" {
                format!("国网{base}供电公司")
            } else {
                format!("{base}{}", d.name)
            };
            (name, city.to_string(), d.biz)
        }
    }
}

// ---------------------------------------------------------------------------
// Document context
// ---------------------------------------------------------------------------

#[derive(Clone, Copy, PartialEq, Eq)]
enum Genre {
    /// 年度工作总结 of a unit or its party organisation.
    Summary,
    /// 理论学习中心组学习情况总结, the seed's genre.
    Study,
    /// 个人述职报告.
    Shuzhi,
}

struct Ctx {
    year: u32,
    /// The year itself is a slot (`20XX`).
    year_slot: bool,
    /// Probability that any one slot is filled: 1.0 for finished reports.
    fill: f64,
    kind: Kind,
    /// The unit as printed, possibly a slot (`XX局`).
    unit: String,
    /// The city as printed, possibly `XX市`.
    city: String,
    short: &'static str,
    org: &'static str,
    staff: &'static str,
    depts: &'static [&'static str],
    biz: &'static [&'static str],
    genre: Genre,
    topic: &'static str,
    post: &'static str,
    /// Author of a 述职报告 (or a slot).
    person: String,
}

fn person_name(rng: &mut Rng) -> String {
    format!("{}{}", rng.pick(SURNAMES), rng.pick(GIVEN))
}

fn make_ctx(rng: &mut Rng, year: u32) -> Ctx {
    let total: u32 = KINDS.iter().map(|k| k.1).sum();
    let mut r = rng.below(total as usize) as u32;
    let mut kind = Kind::Ju;
    for &(k, w) in KINDS {
        if r < w {
            kind = k;
            break;
        }
        r -= w;
    }
    let info = kind_info(kind);
    let (unit_real, city_real, biz) = make_unit(rng, kind);
    // 70% finished reports, 15% half-filled drafts, 15% barely touched templates.
    let mode = rng.f();
    let (fill, unit_slot, year_slot) = if mode < 0.70 {
        (1.0, false, false)
    } else if mode < 0.85 {
        (0.5, rng.chance(0.4), rng.chance(0.2))
    } else {
        (0.12, rng.chance(0.85), rng.chance(0.5))
    };
    let (unit, city) = if unit_slot {
        (rng.pick(info.slot_names).to_string(), "XX市".to_string())
    } else {
        (unit_real, city_real)
    };
    let g = rng.f();
    let genre = if g < 0.62 {
        Genre::Summary
    } else if g < 0.80 {
        Genre::Study
    } else {
        Genre::Shuzhi
    };
    let topic = match genre {
        Genre::Study => "理论学习",
        Genre::Shuzhi => rng.pick(&["分管工作", "本职工作", "各项工作"]),
        Genre::Summary => {
            if rng.chance(0.3) {
                match kind {
                    Kind::Zhen => "乡村振兴工作",
                    Kind::Jiedao => "社区治理工作",
                    Kind::Xueyuan => "教育教学工作",
                    Kind::Gongsi => "生产经营工作",
                    Kind::Zhongxin => "业务工作",
                    _ => "业务工作",
                }
            } else {
                rng.pick(&[
                    "党建工作",
                    "党风廉政建设",
                    "意识形态工作",
                    "各项工作",
                    "安全生产工作",
                    "作风建设",
                    "机关党建工作",
                ])
            }
        }
    };
    let person = if fill < 1.0 && rng.chance(1.0 - fill) {
        "XX".to_string()
    } else {
        person_name(rng)
    };
    Ctx {
        year,
        year_slot,
        fill,
        kind,
        unit,
        city,
        short: rng.pick(info.short),
        org: rng.pick(info.org),
        staff: rng.pick(info.staff),
        depts: info.depts,
        biz,
        genre,
        topic,
        post: rng.pick(info.posts),
        person,
    }
}

// ---------------------------------------------------------------------------
// Text pools. Templates use `{key}` for substitutions (see `DocGen::key`) and
// `{a|b|c}` for inline alternatives (an empty alternative is allowed: `{得|}`);
// both nest. Templates carry no final punctuation: the caller ends them with 。 or ；
// so the same clause works as a sentence and as an `一是……` item.
// ---------------------------------------------------------------------------

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Role {
    Open,
    Sit,
    Prac,
    Res,
    Prob,
    Plan,
    Close,
}

impl Role {
    fn idx(self) -> usize {
        self as usize
    }
}

/// Stock official sentences reused verbatim across documents: the corpus-wide
/// repeated-phrase and shared-sentence statistics are meant to find these.
const STOCK: &[(Role, &str)] = &[
    (
        Role::Sit,
        "坚持把学习贯彻习近平新时代中国特色社会主义思想作为首要政治任务，切实做到武装头脑、指导实践、推动工作",
    ),
    (
        Role::Prac,
        "牢固树立“四个意识”，坚定“四个自信”，坚决做到“两个维护”",
    ),
    (
        Role::Prac,
        "认真履行全面从严治党主体责任，把党风廉政建设与业务工作同部署、同落实、同检查、同考核",
    ),
    (
        Role::Sit,
        "推动“两学一做”学习教育常态化制度化，引导党员干部在学思践悟中坚定理想信念",
    ),
    (
        Role::Prac,
        "班子成员带头学习、带头讲党课、带头开展调研，充分发挥以上率下的示范作用",
    ),
    (
        Role::Prac,
        "统筹处理好工学矛盾，确保学习时间、学习内容、学习人员、学习效果四落实",
    ),
    (
        Role::Prac,
        "严格落实中央八项规定及其实施细则精神，驰而不息纠治“四风”",
    ),
    (
        Role::Prac,
        "认真落实意识形态工作责任制，牢牢掌握意识形态工作的领导权和主动权",
    ),
    (
        Role::Prac,
        "严格落实“三会一课”、组织生活会、谈心谈话、民主评议党员等制度，不断增强党内政治生活的政治性、时代性、原则性、战斗性",
    ),
    (
        Role::Plan,
        "以钉钉子精神抓好各项工作落实，确保各项目标任务按时保质完成",
    ),
    (Role::Plan, "对照先进找差距，对照目标抓落实，对照问题抓整改"),
    (
        Role::Plan,
        "坚持问题导向、目标导向和结果导向，推动各项工作提质增效",
    ),
    (
        Role::Prob,
        "理论学习的系统性和深入性还不够，学用结合、知行合一还有一定差距",
    ),
    (
        Role::Prob,
        "个别党员干部存在重业务、轻学习的现象，学习的主动性和自觉性有待增强",
    ),
    (
        Role::Prob,
        "创新意识还不够强，工作方法还不够灵活，破解难题的招数还不多",
    ),
    (
        Role::Prob,
        "基层党组织建设还存在薄弱环节，党建与业务融合还不够紧密",
    ),
    (
        Role::Close,
        "在今后的工作中，我们将继续坚持以习近平新时代中国特色社会主义思想为指导，锐意进取、扎实工作，努力开创各项工作新局面",
    ),
    (
        Role::Res,
        "党员干部的政治意识、大局意识、核心意识、看齐意识进一步增强，在思想上政治上行动上同党中央保持高度一致",
    ),
    (
        Role::Prac,
        "坚持民主集中制原则，凡属“三重一大”事项均经集体研究决定",
    ),
    (Role::Res, "学习成果切实转化为推动高质量发展的强大动力"),
    (Role::Plan, "持之以恒正风肃纪，营造风清气正的良好政治生态"),
    (
        Role::Prac,
        "扎实推进党风廉政建设和反腐败工作，筑牢拒腐防变的思想防线",
    ),
    (
        Role::Open,
        "紧紧围绕中心、服务大局，为经济社会高质量发展提供了坚强保障",
    ),
    (
        Role::Open,
        "一年来，在上级党委的坚强领导下，在全体干部职工的共同努力下，各项工作取得了新的成效",
    ),
    (
        Role::Close,
        "以上是本年度工作的简要总结，不妥之处，恳请各位领导和同志们批评指正",
    ),
    (
        Role::Sit,
        "抓好学习制度落实，做到学习有计划、有记录、有考勤、有心得",
    ),
    (Role::Prac, "经常性开展谈心谈话，及时掌握干部职工的思想动态"),
    (
        Role::Prac,
        "严格落实党风廉政建设“一岗双责”，层层签订党风廉政建设责任书",
    ),
    (
        Role::Plan,
        "坚持用党的创新理论武装头脑、指导实践、推动工作，不断提高政治判断力、政治领悟力、政治执行力",
    ),
    (Role::Res, "全面从严治党向纵深推进，干部队伍作风进一步转变"),
    (
        Role::Sit,
        "坚持学用结合、知行合一，做到学思用贯通、知信行统一",
    ),
    (
        Role::Prob,
        "面对新形势新任务，少数干部还存在本领恐慌，担当作为的劲头还不够足",
    ),
];

/// The stock sentence that closes many opening paragraphs (ends with `：`).
const OPEN_CLOSER: &str = "现将有关情况总结如下";

const OPEN_TPL: &[&str] = &[
    "{Y}年，{S}坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实{meeting}，紧紧围绕{upper}{决策部署|中心工作|工作部署}，{扎实推进|统筹推进|稳步推进}{topic}",
    "{Y}年是{yearnote}，{S}在{upper}的坚强领导下，{认真履行|全面履行|切实履行}{职能职责|工作职责|法定职责}，{攻坚克难|真抓实干|砥砺前行}，{较好地完成了|圆满完成了|全面完成了}全年各项目标任务",
    "一年来，{S}{始终|坚持}把{topic}作为{重要政治任务|一项基础性工作|头等大事}来抓，{主要负责同志|班子成员}{带头示范|亲自部署}，各项工作{有序推进|取得了新进展|迈上了新台阶}",
    "按照{upper}关于{topic}的{总体部署|安排要求|工作要求}，{S}{结合实际|立足职能}，{制定|印发}了{rule}，{明确|细化}了{n}项{重点任务|具体措施}",
    "{Y}年，{U}{以|坚持以}{campaign}为{契机|抓手|主线}，{聚焦|围绕}{focus}，{持续|不断}{推动|深化}{topic}{走深走实|提质增效|取得实效}",
    "全年{累计|共}{完成|推进}{biz}{相关任务|重点任务}{n}项，{主要指标|重点任务}完成率{达到|达}{pct}",
    "在{全体干部职工|广大党员干部|全体员工}的共同努力下，{u}{先后|相继}{获得|荣获}{honor}{等|}{荣誉称号|荣誉}",
    "{今年以来|一年来}，{S}{深入学习贯彻|认真贯彻落实}{meeting}，{坚持|始终坚持}{稳中求进工作总基调|以人民为中心的发展思想}，{统筹|全力}推进{biz}和{biz}",
    "{Y}年，{U}{在|}{upper}的{正确领导|坚强领导|关心支持}下，{团结带领|带领}{staff}{埋头苦干|开拓创新|担当作为}，{topic}{取得了|实现了}{明显成效|新的突破|稳步发展}",
];

const OPEN_SHUZHI: &[&str] = &[
    "{Y}年，本人在{O}的正确领导下，在{同事们|班子成员|干部职工}的支持配合下，{认真履行|全面履行}{岗位职责|分管职责}，{较好地完成了|圆满完成了}各项工作任务",
    "本人{Y}年{负责|分管}{biz}{和|、}{biz}等工作，{始终|坚持}{以|把}{严的标准|高的要求}{要求自己|履职尽责}",
    "{按照|根据}{组织安排|上级要求|年度考核工作要求}，{现将|下面将}本人{Y}年度{履职|德能勤绩廉|思想和工作}情况{报告|汇报}如下",
];

const SIT_TPL: &[&str] = &[
    "{S}全年{召开|组织召开}{党组会议|党委会议|办公会议}{m}次，研究{重大事项|重要事项|业务工作}{m}项",
    "{先后|累计}组织{集中学习|专题学习|中心组学习}{n}次、{专题研讨|交流研讨}{n}次，{人均|累计}学习{h}学时",
    "{围绕|聚焦}{meeting}，{邀请|特邀}{党校专家|高校教授|上级领导|宣讲团成员}{开展|作}专题辅导{n}场，{参训|参学}{人员|党员干部}{N}人次",
    "{全年|年内}{受理|办理|办结}各类{业务|事项|群众诉求}{N}件，{按时办结率|群众满意率|办结率}{达到|达}{pct}",
    "{完成|实现}{biz}{投资|资金|支出}{wan}，{同比增长|较上年增长}{gr}",
    "截至{d}，{biz}{已完成|完成}{全年|年度}目标任务的{pct}",
    "{认真|扎实}组织{staff}{学习|研读}{book}，{撰写|形成}{读书笔记|心得体会|学习体会}{m}篇",
    "{S}把{biz}作为{重中之重|年度重点|重点工作}，{成立|组建}{工作专班|领导小组|攻坚小组}，{实行|建立}{挂图作战|清单管理|周调度、月通报}机制",
    "{全年|一年来}{开展|组织}{act}{n}{次|场|期}，{覆盖|惠及|服务}{群众{N}人次|企业{m}家|干部职工{N}人次|农户{N}户}",
    "{按照|根据}{upper}{统一部署|工作要求}，{S}{扎实开展|深入开展}{campaign}，{查找|梳理}{问题|短板}{m}{个|条}，整改完成率{pct}",
    "{全年|年内}{新发展|发展}党员{n}名，{按期转正|转正}预备党员{n}名，{培养|确定}入党积极分子{n}名",
    "{累计|共}{争取|落实|到位}{上级资金|专项资金|项目资金}{yi}",
    "{先后|共}深入{基层|一线|企业|村（社区）}{开展|进行}调研{m}次，{形成|撰写}调研报告{n}篇",
    "{全年|年内}{编发|报送}{简报|信息|工作动态}{m}期，{被|获}{上级|省级|市级}{采用|录用}{m}篇",
    "{组织|选派}{干部|业务骨干|党员}{参加|参与}{培训|轮训|业务培训}{m}人次，{举办|开展}{业务|专题}培训班{n}期",
    "在{person}的{带领|带动}下，{班子成员|中心组成员}{共|先后}{讲授|讲}专题党课{n}次，{作|进行}中心发言{m}次",
    "{全年|累计}{排查|检查}{隐患|风险点|问题}{N}{处|个}，{整改|完成整改}{N}{处|个}，整改率{pct}",
    "{建立|完善}{制度|工作机制}{n}项，{修订|废止}{规章制度|规范性文件}{n}件",
    "全年{接待|处理}{来信来访|信访件}{m}{件|批次}，{化解|办结}{矛盾纠纷|信访积案}{m}件",
    "{主要|重点}{学习了|研读了}{book}{和|、}{book}等{内容|篇目}",
    "{S}对{meeting}{进行了|开展了}{专题|集中}{学习|传达|研讨}，{确保|推动}{upper}决策部署{落地见效|在本单位落地落实}",
    "{年初|年中|{mon}}{对|就}{biz}{进行了|作出了}{专门部署|专题研究}，{逐项|层层}{分解|落实}{任务|责任}到{dept}和{个人|具体岗位}",
    "{全年|年内}{开展|组织}{主题党日|志愿服务|结对共建}活动{m}次，{参与|参加}党员{N}人次",
    "{全年|共}{开展|组织}{监督检查|专项检查|明察暗访}{m}次，{发现|督促整改}问题{m}个，{约谈|提醒谈话}{n}人次",
    "{学习形式|学习方式}{采用|涵盖}了{form}、{form}、{form}等{多种形式|形式}",
    "{S}{严格|认真}落实{“第一议题”制度|“三会一课”制度|主题党日制度}，全年{传达学习|学习}{习近平总书记重要讲话|重要指示批示}精神{m}次",
    "{通过|依托}{“学习强国”学习平台|网上党校|线上学习平台}，{干部职工|党员}{人均|平均}{学习积分达到{N}分|学习时长达到{N}分钟}",
    "{扎实|持续}推进{biz}，{全年|年内}{完成|推进}{重点项目|重点任务|民生实事}{n}{个|项}",
    "{S}{先后|共}{召开|组织}{专题民主生活会|组织生活会|警示教育大会}{n}次，{查摆|梳理}问题{m}条，{提出|形成}{整改措施|批评意见}{m}条",
    "{年初|{mon}}{召开|组织召开}{工作会议|动员部署会|推进会}，{对|就}全年{topic}{作出|进行}{全面部署|安排部署}",
];

/// Situation sentences only a unit of one kind would write.
fn kind_sit(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::Ju | Kind::Ting | Kind::Wei => &[
            "全年{办理|承办}{人大代表建议和政协委员提案|人大建议和政协提案}{m}件，{满意率|办复率}{pct}",
            "{牵头|参与}{起草|修订}{地方性法规|政策文件|实施意见}{n}件，{清理|审查}{规范性文件|行政规范性文件}{m}件",
            "{深化|推进}“放管服”改革，{取消|下放|精简}{行政审批事项|办事环节}{m}项，{审批时限|办理时限}{压缩|缩短}{gr}",
            "{开展|组织}{行政执法检查|“双随机、一公开”抽查}{m}次，{立案|查处}{违法案件|违规问题}{m}{起|件}",
        ],
        Kind::Xueyuan => &[
            "{全年|本学年}{招收|录取}新生{N}人，{毕业生|应届毕业生}就业率{达到|达}{pct}",
            "{获批|立项}{省级|市级|厅级}{科研项目|教改项目|课题}{m}项，{发表|刊发}论文{m}篇",
            "{新建|建设}{实训室|实训基地|实验室}{n}个，{开设|新增}专业{n}个",
            "{组织|开展}{教职工|教师}{培训|教研活动}{m}{次|场}，{n}名教师{获评|获得}{省级|市级}{教学名师|优秀教师}",
        ],
        Kind::Zhen => &[
            "全镇{完成|实现}{固定资产投资|农业总产值|财政收入}{yi}，{同比增长|较上年增长}{gr}",
            "{新建|改造}{农村公路|通村道路}{m}公里，{完成|实施}{农村危房改造|户厕改造}{m}户",
            "{完成|实施}{土地整治|高标准农田建设}{N}亩，{流转|整合}土地{N}亩",
            "{village}{集体经济收入|村集体收入}{突破|达到}{wan}，{带动|帮助}{农户|脱贫户}{m}户增收",
        ],
        Kind::Jiedao => &[
            "{辖区|街道}{下辖|共有}{社区|居委会}{n}个、{常住人口|居民}{N}人",
            "{调处|化解}{矛盾纠纷|邻里纠纷}{m}起，{调解成功率|化解率}{pct}",
            "{完成|推进}{老旧小区改造|背街小巷整治}{n}个，{惠及|受益}居民{N}户",
            "{网格员|社区工作者}{入户走访|走访}{N}{户|人次}，{收集|解决}{民情民意|群众诉求}{m}条",
        ],
        Kind::Zhongxin => &[
            "{窗口|大厅}{全年|累计}{受理|办理}{业务|办件}{N}件，{好评率|满意率}{pct}",
            "{推行|实施}“{一窗受理|一网通办|最多跑一次|容缺受理}”，{即办件|网办件}{占比|比例}{达到|达}{pct}",
            "{完成|开展}{检测|监测|交易|登记}{项目|样本|业务}{N}{个|份|宗}，{涉及金额|交易额}{yi}",
            "{升级|上线}{业务系统|自助终端|服务平台}{n}{套|台|个}，{线上办理|自助办理}比例{提高到|达到}{pct}",
        ],
        Kind::Gongsi => &[
            "全年{完成|实现}{营业收入|主营业务收入}{yi}，{同比增长|较上年增长}{gr}",
            "{实现|完成}{利润总额|净利润}{wan}，{资产负债率|成本费用率}{控制在|降至}{pct}",
            "{安全生产|全年}{连续|累计}{安全运行|无事故运行}{N}天",
            "{完成|推进}{重点工程|项目建设}{n}项，{完成投资|投资}{yi}",
        ],
    }
}

const PRAC_TPL: &[&str] = &[
    "{坚持|始终坚持}把{政治建设|理论武装|思想建设}摆在首位，{认真|严格}落实{“第一议题”制度|中心组学习制度|集体学习制度}，{推动|引导}{staff}{筑牢|坚定}{理想信念|思想根基}",
    "{制定|印发}{rule}，{明确|细化}{学习内容|工作目标|责任分工|时间节点}，做到{年初有计划、季度有安排、月月有主题|任务清单化、责任具体化}",
    "{建立|完善|健全}{focus}{长效机制|工作机制|责任体系}，{实行|推行}{清单化管理|项目化推进|台账式管理}，{确保|推动}各项任务{落地落实|按期完成}",
    "{创新|丰富}{学习形式|工作方式}，{综合|灵活}运用{form}、{form}等方式，{增强|提升}{学习|工作}的{吸引力|针对性|实效性}",
    "{坚持|注重}{问题导向|需求导向}，{围绕|针对}{biz}中的{难点|堵点|痛点}问题{深入|开展}调研，{提出|形成}{意见建议|对策建议}{m}条",
    "{严格落实|压实}{主体责任|“一岗双责”|党风廉政建设责任制}，{S}{与|同}{dept}{签订|层层签订}{责任书|承诺书}{m}份",
    "{推进|推动}党建与业务{深度融合|同频共振|双融双促}，{打造|培育}“{brand}”党建品牌",
    "{加强|强化}{干部队伍|人才队伍}建设，{选拔任用|交流轮岗|提拔}{干部|中层干部}{n}名，{招录|引进}{专业人才|高层次人才|年轻干部}{n}名",
    "以{campaign}为{契机|抓手}，{深入开展|扎实开展}{“我为群众办实事”实践活动|“三服务”活动|“大走访”活动|“双报到”活动}，{解决|办结}{群众急难愁盼问题|实事|民生问题}{m}件",
    "{坚持|推行}{“一月一主题”|“每周一学”|“周五学习日”}制度，{利用|依托}{周一例会|党支部会议|主题党日}{组织|开展}{集中学习|专题学习}",
    "{领导班子|班子成员}{坚持|带头}{深入|下沉}{基层|一线|联系点}，{开展|进行}{蹲点调研|“四不两直”检查|督导检查}{m}次，{帮助|协调}解决{实际问题|困难问题}{m}个",
    "{加强|强化}{意识形态|网络意识形态|宣传思想}工作，{定期|每半年}{分析研判|专题研究}意识形态{形势|领域情况}，{及时|妥善}{处置|回应}{网络舆情|社会关切}",
    "{深化|持续开展}{廉政警示教育|纪律教育|家风建设}，{组织|带领}{党员干部|staff}{参观|走进}{警示教育基地|廉政教育基地|红色教育基地}，{观看|收看}{警示教育片|专题片}{n}部",
    "{聚焦|围绕}{focus}，{细化|制定}{n}{项|条}{具体措施|工作举措}，{明确|落实}{牵头领导|责任科室|完成时限}",
    "{用好|运用}监督执纪“四种形态”，{特别是|尤其是}第一种形态，{及时|早}{咬耳扯袖|提醒谈话}、{红脸出汗|抓早抓小}",
    "{推进|推动}{biz}{数字化|信息化|智慧化}{转型|建设}，{上线|建成|启用}{系统|平台|模块}{n}个，{实现|推动}{数据共享|业务协同|“一网通办”}",
    "{建立|实行}{领导包片|科室包干|干部包案}{制度|机制}，{把|将}{任务|责任}{细化分解|层层压实}到{人|岗|点}",
    "{注重|加强}{宣传引导|典型选树}，{在|通过}{主流媒体|报刊|微信公众号|政务网站}{刊发|发布}{宣传|信息}稿件{m}篇，{选树|评选}{先进典型|“身边好人”|优秀党员}{n}名",
    "{坚持|落实}{民主集中制|集体领导和个人分工负责相结合的制度}，{严格执行|落实}{“三重一大”决策制度|议事规则}，{全年|年内}{集体研究|决策}{重大事项|重要事项}{m}项",
    "{加强|强化}{作风建设|机关作风建设}，{深入|持续}{整治|纠治}{形式主义、官僚主义|“庸懒散拖”问题|“躺平”心态}，{会议|文件}数量{压减|精简}{gr}",
    "{完善|健全}{考核评价|绩效考核|督查督办}{机制|体系}，{将|把}{topic}{纳入|列入}{年度考核|目标责任考核|绩效考核}，{实行|坚持}{月通报|季度讲评|半年小结}",
    "{规范|严格}{党员发展|党费收缴|党组织换届}{工作|程序}，{确保|做到}{程序规范|应收尽收|按期换届}",
    "{开展|组织}{“支部书记讲党课”|“党员亮身份”|“党员先锋岗”|“红旗支部”创建}活动，{引导|推动}党员{在|立足}{岗位|一线}{建功立业|作表率}",
    "{围绕|聚焦}{biz}，{S}{主动|积极}{对接|沟通}{上级部门|有关部门|兄弟单位}，{协调|争取}{政策|资金|项目}支持",
    "{创新|推行}“{brand}”工作法，{做到|实现}{问题早发现、早报告、早处置|服务群众零距离|办事效率再提速}",
    "{强化|注重}{学习成果转化|调研成果转化}，{把|将}{学习|调研}{成效|成果}{体现|落实}到{推动|破解}{biz}{上|的具体实践中}",
    "{开展|组织}{专题|集中}{读书班|培训班|研讨班}{n}期，{采取|采用}{form}{与|和}{form}相结合的方式",
    "{坚持|严格}{“三会一课”|组织生活会|谈心谈话}制度，{全年|年内}{召开|组织}{支部党员大会|支委会|党小组会}{m}次",
    "{畅通|拓宽}{群众诉求|意见建议}{渠道|反映渠道}，{设立|开通}{意见箱|热线电话|网上留言板}，{及时|认真}{回应|答复}{群众关切|合理诉求}",
    "{把|将}{安全生产|防汛救灾|信访维稳}{工作|}{摆在重要位置|作为底线任务来抓}，{开展|组织}{应急演练|隐患排查|拉网式排查}{m}次",
    "{实施|推行}{“头雁工程”|“青蓝工程”|“导师帮带”制度}，{为|给}{年轻干部|新入职人员}{配备|安排}{导师|业务骨干}{n}名",
    "{认真|扎实}{做好|落实}{巡视巡察|审计|督查}反馈问题整改，{制定|建立}{整改台账|问题清单}，{逐条|逐项}{对账销号|整改落实}",
    "{按照|坚持}“{有计划、有主题、有记录、有考勤|学、思、践、悟|定期学、集中学、随时学}”的要求，{规范|统一}{学习记录|学习档案}管理",
    "{加强|深化}{与|同}{高校|科研院所|先进地区}的{交流合作|学习交流}，{组织|选派}{骨干|业务人员}{赴|到}{先进地区|兄弟单位}{考察学习|跟班学习}{n}批次",
    "{落实|执行}{政府采购|财务管理|国有资产管理}{制度|规定}，{压减|节约}{一般性支出|“三公”经费}{wan}",
];

const RES_TPL: &[&str] = &[
    "{通过|经过}{系统学习|一年来的努力|持续用力}，{staff}的{政治意识|理论素养|履职能力}{明显|进一步}{增强|提升}",
    "{全年|年度}{主要|各项}{指标|目标任务}{全面完成|超额完成}，{其中|特别是}{biz}{完成|达到}{计划的|年度目标的}{pct}",
    "{u}在{upper}{年度考核|目标考核|绩效考核}中{获评|被评为}{“优秀”等次|“先进单位”|“好”等次}",
    "{先后|相继}{获得|荣获}{honor}、{honor}等{荣誉|荣誉称号}{n}项",
    "{服务|办事}{效率|质量}{明显|显著}提升，{平均|}{办理时限|办结时间}{由|从}{15|20|30}个工作日{压缩|缩短}至{3|5|7|2}个工作日",
    "{群众|企业|服务对象}{满意度|获得感}{进一步|不断}{提升|增强}，{满意率|好评率}{达到|达}{pct}，{同比|较上年}{提高|提升}{n}个百分点",
    "{干部队伍|党员队伍}{精神面貌|作风}{焕然一新|明显改善}，{形成了|营造了}{比学赶超|干事创业|风清气正}的{良好氛围|浓厚氛围}",
    "{基层党组织|党支部}{标准化规范化建设|战斗堡垒作用}{持续|明显}{提升|增强}，{n}个党支部{被评为|获评}{“五星级党支部”|“先进基层党组织”|“标准化党支部”}",
    "{形成|提交}{高质量|有价值的}{调研报告|政研成果|理论文章}{n}篇，{其中|有}{n}篇{获|获得}{领导批示|省级奖项|市级优秀成果奖}",
    "{biz}{取得|实现}{新突破|明显进展|阶段性成效}，{相关|有关}经验做法{被|获}{upper}{推广|肯定|转发}",
    "{全年|年内}{未发生|实现零}{重大安全事故|安全生产事故|群体性事件|违纪违法案件}，{保持了|维护了}{大局稳定|安全稳定的良好局面}",
    "{制度体系|制度机制}{更加|日益}{健全|完善}，{基本|初步}{形成|构建}了{用制度管人|按制度办事|靠制度管权}的{长效机制|工作格局}",
    "{学习|调研}成果{有效|切实}转化为{推动|破解}{发展难题|实际工作}的{具体举措|工作思路}，{推动|促进}{biz}{提质增效|迈上新台阶}",
    "{主要经济指标|核心业务指标}{稳中有进|逆势上扬|保持增长}，{增速|增幅}{位居|排在}{全市|全省|系统内}第{n}位",
    "{党风廉政建设|作风建设}{成效|效果}{明显|显著}，{全年|年内}{干部职工|党员干部}{无违纪违法问题|零违纪}",
    "{工作经验|典型做法}{在|被}{省级|市级|全国}{媒体|刊物|会议}{刊发|交流|推广}{n}次",
    "{staff}{凝聚力|向心力|战斗力}{显著|进一步}增强，{形成了|呈现出}{上下一心、团结奋进|心齐、气顺、劲足}的{良好局面|工作局面}",
    "{群众反映强烈的|群众关心关注的}{突出问题|热点问题}{得到|获得}{有效|较好}解决，{信访总量|投诉量}{同比下降|较上年下降}{gr}",
    "{理论武装|思想建设}{更加|持续}{深入|扎实}，{班子成员|党员干部}{运用|用}党的创新理论{分析|解决}{实际问题|复杂问题}的{能力|本领}{明显|不断}提高",
    "{圆满|顺利}完成{biz}{目标|任务}，{为|对}{全市|全县|全省|全区}{经济社会发展|高质量发展}{作出了|贡献了}{积极贡献|应有力量}",
    "{u}{获评|被确定为}{“学习型党组织”示范点|“模范机关”创建示范单位|清廉机关建设示范点}",
    "{服务质量|工作质量}{稳步|持续}提升，{干部职工|党员干部|青年干部}在{各类|省级以上}{竞赛|评比}中{获奖|获得奖项}{n}项",
    "{营商环境|政务环境|发展环境}{持续|不断}优化，{新增|新登记}{市场主体|企业}{N}{户|家}",
    "{化解|解决}了{一批|多个}{历史遗留问题|“老大难”问题|信访积案}，{赢得|得到}了{群众|社会各界|上级}的{一致好评|充分肯定|广泛认可}",
    "{干部|员工}{业务能力|专业素养}{稳步|明显}提升，{n}人{取得|获得}{中级以上职称|职业资格证书|专业技术资格}",
    "{基础设施|办公条件|服务设施}{不断|进一步}改善，{完成|实施}{改造提升|建设}项目{n}个",
    "{资金使用|财务管理}{更加规范|日益规范}，{审计|检查}{发现的|反馈的}问题{全部|均已}{整改到位|整改完毕}",
    "{一批|多个}{重点项目|民生项目}{顺利|按期}{竣工|投入使用}，{群众|居民}{获得感|幸福感|安全感}{不断|明显}增强",
    "{u}{连续|已连续}{n}年{保持|获得}{“文明单位”|“平安单位”|“先进集体”}称号",
    "{staff}{参学率|学习覆盖率}{达到|达}{pct}，人均{撰写|形成}{心得体会|学习笔记}{n}篇",
];

const PROB_TPL: &[&str] = &[
    "{理论学习|政治理论学习}{深度|系统性}{还不够|不够}，{存在|有}{学用脱节|以干代学|浅尝辄止}的{现象|问题}",
    "{个别|少数}{党员干部|同志}{工作作风|思想观念}{不够扎实|还不够解放}，{存在|仍有}{畏难情绪|“等靠要”思想|求稳怕乱心态}",
    "{创新|改革}意识{还不够强|不强}，{工作|破解难题}{思路|办法}{不多|还不够宽}，{习惯于|满足于}{老思路、老办法|按部就班}",
    "{biz}{推进|进展}{还不够平衡|不够快}，{与|距}{upper}的{要求|期望}{还有|仍有}{一定|较大}差距",
    "{干部队伍|人才队伍}{年龄结构|专业结构}{不够合理|偏于老化}，{专业人才|年轻干部}{缺乏|储备不足}",
    "{基层党建|党建工作}{与|和}{业务工作|中心工作}{融合|结合}{还不够紧密|不够深入}，{存在|出现}“{两张皮|重业务、轻党建}”{现象|问题}",
    "{制度执行|制度落实}{刚性|力度}{不够|还不够}，{个别|部分}{制度|规定}{落实|执行}{不到位|打折扣}",
    "{学习|工作}{方式|方法}{比较|还比较}单一，{主要以|以}{读文件、念报纸|传达文件精神|集中学习}为主，{互动|研讨|交流}{不够|较少}",
    "{调查研究|调研}{不够深入|还不够深入}，{有的|部分}调研{存在|停留在}{走马观花|听汇报、看材料}{现象|层面}",
    "{经费|资金|人员}{保障|投入}{不足|相对不足}，{制约|影响}了{biz}的{深入推进|进一步发展}",
    "{宣传|信息}工作{还不够|力度不够}，{亮点|特色|经验做法}{总结|提炼}{不够|不足}，{影响力|知名度}{还不高|不高}",
    "{服务|办事}{意识|效率}{有待|还需}{进一步|}{提高|提升}，{群众|企业}{办事|反映}{仍有|还存在}{不便|堵点}",
    "{风险防控|安全监管}{能力|水平}{还需|有待}{提升|加强}，{隐患|风险}{排查|整治}{还不够|不够}{彻底|全面}",
    "{学习档案|工作台账}{管理|建设}{不够规范|还不够规范}，{资料|记录}{收集|整理}{不及时|不完整}",
    "{对照|与}{先进地区|兄弟单位}{相比|比较}，{我们|{u}}在{biz}{方面|上}{还存在|仍有}{差距|短板}",
    "工学矛盾{仍然|依然}{存在|比较突出}，{个别|部分}{同志|党员}{参学|学习}{时间|时长}{难以保证|无法保证}",
    "{批评与自我批评|谈心谈话}{开展|进行}得{不够经常|不够深入}，{自我批评多、相互批评少|“辣味”不足}",
    "{统筹|协调}{能力|力度}{不够|还不够}，{部门|科室}{之间|间}{协作|配合}{不够顺畅|有待加强}",
    "{政策|业务}{研究|学习}{不够|还不够}{深入|系统}，{运用|用}新理念{解决|破解}新问题的{能力|本领}{不足|有待提高}",
    "{少数|个别}{党员|干部}{先锋模范作用|带头作用}{发挥|体现}{不够|不明显}，{纪律意识|规矩意识}{有待|还需}{增强|提高}",
    "{数字化|信息化}{水平|建设}{相对|比较}{滞后|薄弱}，{数据|信息}{共享|互通}{不够|还不够}{充分|顺畅}",
    "{财务管理|资产管理}{还存在|仍有}{薄弱环节|不规范之处}，{报销|采购}{手续|程序}{不够|还不够}严谨",
    "{目标任务|重点工作}{推进|落实}{不够平衡|进度不一}，{个别|少数}{项目|任务}{滞后于|落后于}{时序进度|计划进度}",
    "{在|面对}{新形势|新任务}{面前|}，{本领恐慌|能力不足}{问题|现象}{仍然|依然}存在",
    "{工作标准|工作要求}{还不够高|不够高}，{有时|偶尔}{存在|有}{满足现状|差不多就行}的{思想|心态}",
    "{深入基层|联系群众}{还不够|不够}{经常|深入}，{了解|掌握}{一线|基层}{情况|实际}{不够|还不够}{全面|及时}",
    "{考核|激励}{机制|办法}{还不够|不够}{完善|科学}，{干部|职工}{干事创业|担当作为}的{积极性|主动性}{没有|未能}{充分|完全}调动",
    "{基层站所|村（社区）|一线}{力量|人手}{薄弱|不足}，{工作|任务}{压力|负担}{较大|较重}",
    "{问题整改|反馈问题整改}{成效|效果}{还需|有待}{巩固|深化}，{个别|少数}问题{存在|出现}{反弹|回潮}{现象|苗头}",
];

const PROB_SHUZHI: &[&str] = &[
    "本人{理论学习|业务学习}{不够|还不够}{系统|深入}，{有时|往往}{满足于|停留于}{完成任务|一般性了解}",
    "{自己|本人}{深入基层|调查研究}{不够|还不够}，{对|就}{biz}中的{新情况|新问题}{研究|思考}不深",
    "{工作|处事}{有时|偶尔}{急于求成|不够细致}，{与|和}{同事|班子成员}的{沟通|交流}{还不够|不够}充分",
    "{对|在}{分管|负责}领域的{廉政风险|安全风险}{防控|排查}{还不够|不够}{到位|细致}，{提醒|督促}{不够经常|还不够及时}",
    "{创新|开拓}精神{还不够强|不足}，{有时|偶尔}{满足于|习惯于}{完成上级交办的任务|按部就班}",
    "{统筹|协调}{分管|各项}工作的{能力|水平}{还需|有待}{提高|加强}，{抓落实|跟踪问效}{不够|还不够}{有力|到位}",
];

const PLAN_TPL: &[&str] = &[
    "{持续|进一步}{加强|深化}{政治理论学习|理论武装}，{深入学习贯彻|认真学习}{meeting}，推动学习{往深里走、往心里走、往实里走|走深走实}",
    "{紧紧围绕|聚焦}{Y1}年{目标任务|工作重点}，{科学|精心}{谋划|制定}{工作计划|工作思路}，{确保|力争}{biz}{取得新突破|再上新台阶}",
    "{进一步|持续}{完善|健全}{学习制度|工作机制|考核办法}，{强化|加强}{制度执行|督查考核}，{以|用}{制度|机制}{管人管事|保障落实}",
    "{着力|切实}{加强|抓好}{干部队伍建设|人才培养}，{加大|强化}{教育培训|实践锻炼}力度，{努力|着力}{打造|建设}一支{政治过硬、本领高强|忠诚干净担当|业务精湛、作风优良}的{干部队伍|队伍}",
    "{力争|确保}{Y1}年{biz}{相关指标|主要指标}{增长|提高}{gr}{以上|左右}，{完成|实现}{投资|目标}{wan}",
    "{持之以恒|坚持不懈}{加强|抓好}{作风建设|党风廉政建设}，{严格|认真}落实{中央八项规定精神|廉洁自律各项规定}，{坚决|持续}{纠治|整治}{“四风”|形式主义、官僚主义}",
    "{创新|改进}{学习方式|工作方法}，{更多|积极}{采用|运用}{form}、{form}等{形式|方式}，{增强|提升}{学习|工作}实效",
    "{坚持|注重}{问题导向|结果导向}，{针对|对照}{存在的问题|查摆出的问题}{逐项|逐条}{制定|明确}{整改措施|整改方案}，{确保|做到}{件件有着落、事事有回音|整改到位}",
    "{巩固|拓展}{campaign}成果，{推动|促进}党建{与|和}{业务|中心工作}{深度融合|互促共进}",
    "{加大|强化}{宣传|信息报送}{力度|工作}，{及时|认真}{总结|提炼}{经验做法|工作亮点}，{讲好|讲活}{u}{故事|发展故事}",
    "统筹{发展和安全|改革发展稳定}，{抓实|抓牢}{安全生产|风险防控|信访维稳}{各项|}{工作|措施}，{坚决|切实}{守住|守牢}{安全底线|底线红线}",
    "{加快|推进}{biz}，{力争|确保}{Y1}年{mon}底前{完成|实现}{阶段性|}目标",
    "{深化“放管服”改革|持续开展服务提升行动}，{进一步|持续}{优化|改进}{办事流程|服务方式}，{让|使}{群众|企业}{办事更便捷|少跑腿}",
    "{完善|健全}{考核激励|容错纠错}机制，{激励|鼓励}{干部|党员}{担当作为|干事创业}，{营造|形成}{比学赶超|争先创优}的{浓厚氛围|良好氛围}",
    "{加强|深化}{基层党组织|党支部}{标准化规范化|规范化}建设，{力争|确保}{n}个{党支部|基层党组织}{达到|创成}{“五星级”|示范}标准",
    "{积极|主动}{争取|对接}{upper}{政策|资金|项目}支持，{全年力争|力争全年}落实{资金|项目资金}{yi}",
    "{进一步|持续}{加强|抓好}{意识形态工作|宣传思想工作}，{牢牢|切实}{掌握|把握}意识形态工作{领导权|主动权}",
    "{以|按照}{更高标准|更严要求|更实举措}{推进|抓好}{topic}，{努力|力争}在{全市|全省|系统内}{争先进位|走在前列}",
    "{坚持|严格}{“三会一课”|主题党日|组织生活会}等制度，{提高|增强}{组织生活|党内政治生活}{质量|的政治性和原则性}",
    "{推进|加快}{数字化|智慧化}{建设|转型}，{建成|上线}{平台|系统}{n}个，{提升|提高}{管理|服务}{效能|水平}",
    "{加强|深化}{调查研究|政策研究}，{围绕|聚焦}{biz}{开展|组织}{专题调研|课题研究}{n}项",
    "{牢固树立|始终坚持}{以人民为中心的发展思想|为民服务理念}，{着力|用心}{解决|办好}{群众急难愁盼问题|民生实事}",
    "{认真落实|抓好落实|扎实推进}{Y1}年度{学习计划|工作计划}，{确保|做到}{学习|工作}{有计划、有检查、有考核|时间、人员、内容、效果四落实}",
    "{强化|加强}{督查督办|跟踪问效}，{对|就}{重点任务|重点项目}{实行|建立}{周调度、月通报|挂图作战|销号管理}",
    "{持续|深入}推进{“清廉机关”|模范机关|文明单位}{创建|建设}，{推动|促进}{机关|单位}{作风|面貌}{持续|不断}{改善|好转}",
    "{扎实|全面}{做好|抓好}{biz}，为{全市|全县|全省|全区}{高质量发展|经济社会发展}{贡献更大力量|作出新的更大贡献}",
    "{加强|深化}{与|同}{上级部门|兄弟单位|高校院所}的{沟通|交流合作}，{学习借鉴|吸收借鉴}{先进经验|好经验好做法}",
    "{优化|完善}{学习内容|培训内容}，{把|将}{meeting}{作为|列为}{重点学习内容|必学内容}，{组织|开展}{专题学习|集中研讨}{n}次以上",
    "{坚持|持续}{抓早抓小|防微杜渐}，{经常|及时}{开展|进行}{谈心谈话|提醒谈话|廉政谈话}，{筑牢|守住}{思想防线|廉洁底线}",
];

const PLAN_SHUZHI: &[&str] = &[
    "本人将{进一步|继续}{加强|强化}{学习|自身修养}，{提高|提升}{履职能力|业务水平}，{以|用}{更加饱满的热情|更加务实的作风}{投入|做好}{各项工作|本职工作}",
    "{严格|认真}{执行|落实}{廉洁自律各项规定|中央八项规定精神}，{管好|带好}{分管领域|身边工作人员}，{做到|始终}{清正廉洁|干净干事}",
    "{围绕|紧扣}{biz}，{主动|积极}{谋划|思考}{分管|负责}工作，{力争|努力}{在|于}{重点|关键}环节{取得|实现}{新突破|新进展}",
    "{坚持|注重}{深入基层|调查研究}，{每季度|每月}{到|深入}{联系点|基层一线}{调研|走访}{不少于|至少}{2|3}次",
];

const CLOSE_TPL: &[&str] = &[
    "{Y1}年，{S}将在{upper}的坚强领导下，{凝心聚力|开拓进取}、{真抓实干|奋发有为}，{努力|全力}{推动|开创}{topic}{再上新台阶|新局面}",
    "{新的一年|展望{Y1}年}，我们将{以|坚持以}习近平新时代中国特色社会主义思想为指导，{坚定信心|振奋精神}，{扎实工作|勇毅前行}，{为|奋力}{谱写|书写}{C}{高质量发展|现代化建设}新篇章{作出新的贡献|贡献力量}",
];

/// Combinatorial sentence shapes: three slots filled from clause pools, which gives far
/// more distinct sentences than the fixed templates and keeps unrelated documents apart.
fn combo(role: Role) -> Option<&'static str> {
    match role {
        Role::Sit => Some("{s_time}，{S}{s_act}，{s_tail}"),
        Role::Prac => Some("{p_lead}，{p_act}，{p_aim}"),
        Role::Res => Some("{r_lead}，{r_mid}，{r_end}"),
        Role::Prob => Some("{q_subj}{q_pred}，{q_cons}"),
        Role::Plan => Some("{l_lead}，{l_act}，{l_aim}"),
        Role::Open | Role::Close => None,
    }
}

/// Named pools used by templates; entries are themselves templates.
fn pool(key: &str) -> Option<&'static [&'static str]> {
    Some(match key {
        "focus" => &[
            "中心工作",
            "主责主业",
            "高质量发展",
            "年度重点任务",
            "民生实事",
            "群众关切",
            "优化营商环境",
            "基层治理",
            "服务保障",
            "改革攻坚",
            "安全发展",
            "项目建设",
            "党的建设",
            "全面从严治党",
            "提质增效",
            "防范化解重大风险",
            "机关效能建设",
        ],
        "form" => &[
            "集中学习",
            "专题辅导",
            "交流研讨",
            "个人自学",
            "现场教学",
            "知识测试",
            "视频学习",
            "专家讲座",
            "读书分享",
            "案例教学",
            "观看教育影片",
            "实地参观",
            "线上学习",
            "学习竞赛",
        ],
        "act" => &[
            "主题党日活动",
            "志愿服务活动",
            "专题宣讲",
            "业务培训",
            "知识竞赛",
            "安全检查",
            "“送温暖”活动",
            "法治宣传活动",
            "文明创建活动",
            "走访慰问",
            "普法宣传",
            "应急演练",
            "技能比武",
            "政策宣讲",
        ],
        "goal" => &[
            "工作效率",
            "服务质量",
            "履职能力",
            "执行力",
            "群众满意度",
            "治理效能",
            "学习实效",
            "管理水平",
            "专业素养",
            "工作质效",
            "政治素质",
            "风险防控能力",
            "服务保障能力",
            "队伍战斗力",
        ],
        "principle" => &[
            "问题导向",
            "目标导向",
            "系统观念",
            "稳中求进",
            "以人民为中心",
            "守正创新",
            "实事求是",
            "依法行政",
            "党建引领",
        ],
        "honor" => &[
            "{C}先进基层党组织",
            "“文明单位”",
            "“五星级党支部”",
            "“优秀组织奖”",
            "年度目标考核优秀等次",
            "“模范职工之家”",
            "“青年文明号”",
            "“巾帼文明岗”",
            "{C}“平安单位”",
            "“三八红旗集体”",
        ],
        "brand" => &[
            "红心向党",
            "先锋引领",
            "初心驿站",
            "红色引擎",
            "党旗领航",
            "四联四促",
            "红色管家",
            "党建+服务",
            "一支部一品牌",
            "红色网格",
        ],
        "s_time" => &[
            "{Y}年",
            "一年来",
            "全年",
            "今年以来",
            "{mon}以来",
            "年初以来",
            "截至{d}",
            "{Y}年上半年",
            "围绕年度目标",
        ],
        "s_act" => &[
            "{累计|共}{组织|开展}{act}{n}{次|场}",
            "{完成|实施}{biz}{相关|重点}任务{n}项",
            "{召开|组织}{专题会议|推进会议|工作例会}{m}次",
            "{受理|办理}{群众|企业}{诉求|事项}{N}件",
            "{争取|落实}{上级|各类}资金{wan}",
            "{走访|联系}{企业{m}家|群众{N}户|服务对象{N}人次}",
            "{编制|出台}{方案|制度|办法}{n}{个|项|件}",
            "{开展|组织}{调研|督查}{m}次",
            "{推进|落实}{biz}{工作|任务}{n}项",
        ],
        "s_tail" => &[
            "{完成|达到}{全年|年度}{任务|计划}的{pct}",
            "{同比增长|较上年增长}{gr}",
            "{参与|覆盖}{人员|党员干部}{N}人次",
            "{工作|各项任务}{推进有序|进展顺利}",
            "{群众满意率|满意度}{达到|达}{pct}",
            "为{全年|下一步}工作{打下了|奠定了}{坚实|良好}基础",
            "{形成|建立}{工作台账|问题清单}{n}{本|份}",
        ],
        "p_lead" => &[
            "围绕{focus}",
            "聚焦{focus}",
            "坚持{principle}",
            "按照{upper}部署要求",
            "针对{biz}中的薄弱环节",
            "立足{职能定位|工作实际|单位实际}",
            "以{campaign}为契机",
            "对标{先进地区|一流标准|上级要求}",
            "结合{年度工作要点|岗位职责}",
            "着眼{biz}",
        ],
        "p_act" => &[
            "{制定|出台}{rule}",
            "{组建|成立}{工作专班|专项工作组}",
            "{开展|组织}{act}{n}次",
            "{建立|完善}{工作台账|责任清单|协调机制}",
            "{推行|实施}{清单化|项目化|网格化}管理",
            "{召开|组织}{推进会|调度会|座谈会}{n}次",
            "{选派|抽调}{业务骨干|党员干部}{n}名{下沉|深入}一线",
            "{梳理|排查}{风险点|问题清单}{m}个",
            "{由|安排}{dept}{牵头|具体}负责",
        ],
        "p_aim" => &[
            "{有效|切实}{提升|增强}了{goal}",
            "{推动|促进}{biz}{落地见效|提质增效}",
            "{确保|保证}{各项任务|工作}{按期完成|落到实处}",
            "{形成|构建}了{上下联动、齐抓共管|横向到边、纵向到底}的工作格局",
            "{进一步|不断}{提高|提升}了{goal}",
            "{做到|实现}{责任到人、任务到岗|底数清、情况明}",
        ],
        "r_lead" => &[
            "通过{一年来的努力|持续推进|扎实工作|系统学习|专项整治}",
            "在{全体干部职工|各部门|各方}的共同努力下",
            "{经过|历经}{攻坚|努力}",
            "{对照|按照}年初{目标|计划}",
            "以{制度|机制}创新为{抓手|突破口}",
        ],
        "r_mid" => &[
            "{goal}{明显|显著|进一步}{提升|提高|增强}",
            "{biz}{取得|实现}{新进展|新突破|明显成效}",
            "{主要指标|重点任务}{全面完成|超额完成}",
            "{工作格局|工作体系}{基本形成|日趋完善}",
            "{干部作风|机关面貌}{明显改善|焕然一新}",
        ],
        "r_end" => &[
            "{得到了|受到了}{upper}的{充分肯定|表扬}",
            "{群众|服务对象}{满意度|获得感}{不断|持续}提升",
            "在{全市|全省|系统}{考核|评比}中{名列前茅|位居前列|排名第{n}}",
            "为{biz}{提供了有力保障|打下了坚实基础}",
            "{形成了|积累了}{一批|一些}可复制可推广的经验",
        ],
        "q_subj" => &[
            "{个别|少数|部分}{党员干部|同志|科室}",
            "{biz}",
            "{学习|工作}{制度|机制}",
            "{干部队伍|人才队伍}",
            "{宣传|信息}工作",
            "{基层|一线}{力量|基础}",
            "{服务|监管}{方式|手段}",
        ],
        "q_pred" => &[
            "{还存在|仍然存在}{一定|一些}{短板|薄弱环节}",
            "{与|距}{新形势新要求|上级要求|群众期盼}{还有|仍有}{差距|不小差距}",
            "{推进|落实}{不够平衡|力度不够|还不够有力}",
            "{创新|探索}{不够|还不够}",
            "{精细化|规范化}{水平|程度}{不高|有待提升}",
        ],
        "q_cons" => &[
            "{影响|制约}了{整体工作|工作|{biz}}的{成效|质量|推进}",
            "{需要|还需}在今后工作中{加以|认真}{改进|解决}",
            "{亟待|有待}{进一步|}{加强|提高|改进}",
            "{没有|未能}{完全|充分}{达到|实现}预期{目标|效果}",
        ],
        "l_lead" => &[
            "{Y1}年",
            "下一步",
            "{在|}今后的工作中",
            "{围绕|聚焦}{focus}",
            "{坚持|按照}{稳中求进|高质量发展|守正创新}的{总基调|要求|原则}",
            "{对标|对照}{upper}{要求|部署}",
            "{针对|对照}{存在的问题|查摆的问题}",
        ],
        "l_act" => &[
            "{S}将{着力|重点|全力}{抓好|推进|做好}{biz}",
            "{进一步|持续}{完善|健全}{工作机制|制度体系|考核办法}",
            "{加大|强化}{biz}{推进|攻坚}力度",
            "{深化|拓展}{campaign}成果",
            "{着力|切实}{提升|提高}{goal}",
        ],
        "l_aim" => &[
            "{确保|力争}{各项|全年}{目标任务|工作}{圆满完成|落到实处}",
            "{推动|促进}{各项工作|{biz}}{再上新台阶|取得新成效}",
            "{努力|力争}在{全市|全省|系统}{争先进位|走在前列}",
            "为{高质量发展|建设{C}}{作出新的更大贡献|贡献更大力量}",
            "{以|用}{实际行动|优异成绩}{回应|践行}{群众期盼|初心使命}",
        ],
        _ => return None,
    })
}

const BOOKS: &[&str] = &[
    "《习近平谈治国理政》",
    "《中国共产党章程》",
    "《中国共产党纪律处分条例》",
    "《中国共产党廉洁自律准则》",
    "《关于新形势下党内政治生活的若干准则》",
    "《中国共产党支部工作条例（试行）》",
    "《习近平新时代中国特色社会主义思想学习纲要》",
    "《中国共产党党员教育管理工作条例》",
    "《中国共产党问责条例》",
    "《之江新语》",
    "《摆脱贫困》",
    "《中国共产党党内监督条例》",
];

const RULE_SUFFIX: &[&str] = &[
    "理论学习中心组学习制度",
    "年度学习计划",
    "党风廉政建设责任清单",
    "工作实施方案",
    "考核管理办法",
    "督查督办工作规定",
    "意识形态工作责任制实施细则",
];

const DEPT_SLOT: &[&str] = &["XX科", "XX部门", "XX处"];

fn meeting(year: u32) -> &'static [&'static str] {
    match year {
        2016 => &["党的十八届六中全会精神", "习近平总书记系列重要讲话精神"],
        2017 => &["党的十九大精神", "党的十八届六中全会精神"],
        2018 => &["党的十九大精神", "党的十九届二中、三中全会精神"],
        2019 => &["党的十九届四中全会精神", "党的十九大精神"],
        2020 => &["党的十九届五中全会精神", "党的十九届四中全会精神"],
        2021 => &["党的十九届六中全会精神", "习近平总书记“七一”重要讲话精神"],
        2022 => &["党的二十大精神", "党的十九届六中全会精神"],
        2023 => &["党的二十大精神", "党的二十届二中全会精神"],
        _ => &["党的二十届三中全会精神", "党的二十大精神"],
    }
}

fn campaign(year: u32) -> &'static str {
    match year {
        2016..=2018 => "“两学一做”学习教育",
        2019 => "“不忘初心、牢记使命”主题教育",
        2020 => "“不忘初心、牢记使命”制度建设",
        2021 => "党史学习教育",
        2022 => "“迎接党的二十大”系列活动",
        2023 => "学习贯彻习近平新时代中国特色社会主义思想主题教育",
        _ => "党纪学习教育",
    }
}

fn yearnote(year: u32) -> &'static str {
    match year {
        2016 => "“十三五”开局之年",
        2017 => "党的十九大召开之年",
        2018 => "全面贯彻党的十九大精神的开局之年",
        2019 => "新中国成立70周年",
        2020 => "全面建成小康社会和“十三五”规划收官之年",
        2021 => "中国共产党成立100周年和“十四五”开局之年",
        2022 => "党的二十大召开之年",
        2023 => "全面贯彻党的二十大精神的开局之年",
        _ => "新中国成立75周年",
    }
}

// Section titles: each contains the keyword of its role (see DESIGN.md, Outline).
const T_SIT: &[&str] = &[
    "主要工作情况",
    "基本情况",
    "学习情况",
    "主要工作完成情况",
    "主要工作开展情况",
    "年度主要工作",
    "主要工作及完成情况",
];
const T_SIT_STUDY: &[&str] = &["主要学习情况", "学习情况", "理论学习基本情况", "基本情况"];
const T_SIT_SHUZHI: &[&str] = &[
    "履职基本情况",
    "主要工作情况",
    "基本情况",
    "主要工作完成情况",
];
const T_PRAC: &[&str] = &[
    "主要做法",
    "主要措施",
    "具体做法",
    "采取的主要措施",
    "主要做法和经验",
    "工作措施",
    "创新做法",
];
const T_RES: &[&str] = &[
    "工作成效",
    "取得的成绩",
    "主要成效",
    "取得的主要成效",
    "工作成绩",
    "取得的成效",
    "取得的成绩和经验",
];
const T_RES_STUDY: &[&str] = &["学习成效", "取得的成效", "主要成效"];
const T_PROB: &[&str] = &[
    "存在的问题",
    "不足之处",
    "存在的主要问题",
    "存在的问题和不足",
    "工作中存在的不足",
    "问题与不足",
];
const T_PLAN: &[&str] = &[
    "下一步工作打算",
    "明年工作计划",
    "下一步打算",
    "{Y1}年工作计划",
    "下一步工作思路",
    "今后工作打算",
    "下一步工作计划",
];
const T_MERGE_SP: &[&str] = &["主要工作及做法", "主要工作和做法", "主要工作情况及措施"];
const T_MERGE_PP: &[&str] = &["存在的问题及下一步打算", "存在的不足和下一步计划"];

// Level-2 heading material.
const H_PAIR4: &[&str] = &[
    "制度先行",
    "严格规范",
    "突出重点",
    "学用结合",
    "率先垂范",
    "强化引领",
    "创新形式",
    "丰富载体",
    "压实责任",
    "传导压力",
    "强化保障",
    "注重实效",
    "统筹推进",
    "精准施策",
    "聚焦主业",
    "凝心聚力",
    "守正创新",
    "夯实基础",
    "补齐短板",
    "优化服务",
    "提升效能",
    "多措并举",
    "协同发力",
    "抓细抓实",
    "深化改革",
    "激发活力",
    "严管厚爱",
    "选育并重",
    "示范带动",
    "标本兼治",
    "常抓不懈",
    "高位推动",
    "上下联动",
    "闭环管理",
    "狠抓落实",
];
const H_VERB: &[&str] = &[
    "强化", "加强", "突出", "坚持", "聚焦", "深化", "健全", "完善", "夯实", "筑牢", "压实", "提升",
    "优化", "创新", "抓实", "推动", "严格", "拓展",
];
const H_NOUN: &[&str] = &[
    "政治引领",
    "思想根基",
    "理论武装",
    "组织保障",
    "责任落实",
    "制度建设",
    "作风建设",
    "队伍建设",
    "服务效能",
    "工作机制",
    "学习效果",
    "基层基础",
    "廉政防线",
    "工作合力",
    "风险防控",
    "主体责任",
    "宣传引导",
    "监督检查",
    "民生保障",
    "项目攻坚",
    "数字赋能",
    "考核评价",
    "党建品牌",
    "改革创新",
];
const H_RES_NOUN: &[&str] = &[
    "政治建设",
    "思想认识",
    "工作作风",
    "服务效能",
    "队伍素质",
    "制度体系",
    "基层基础",
    "发展质量",
    "群众满意度",
    "学习氛围",
    "创新意识",
    "履职能力",
    "管理水平",
    "工作合力",
];
const H_RES_VERB: &[&str] = &[
    "进一步加强",
    "持续提升",
    "明显增强",
    "不断优化",
    "显著提高",
    "更加巩固",
    "稳步提升",
];
const H_PROB: &[&str] = &[
    "理论学习不够深入",
    "创新意识有待增强",
    "制度执行不够严格",
    "工作作风仍需改进",
    "队伍建设存在短板",
    "党建与业务融合不够",
    "服务效能有待提升",
    "基础保障相对薄弱",
    "学习方式较为单一",
    "成果转化不够明显",
    "统筹协调还需加强",
    "风险防控存在薄弱环节",
    "宣传工作力度不够",
    "调查研究不够深入",
];
const H_PLAN_ADV: &[&str] = &["要更加", "进一步", "持续", "着力", "全力", "更加注重"];
const H_SIT_NOUN: &[&str] = &[
    "政治理论学习",
    "党的建设",
    "重点业务",
    "党风廉政建设",
    "意识形态工作",
    "安全生产",
    "队伍建设",
    "作风建设",
    "民生实事",
    "项目建设",
    "服务群众",
    "改革创新",
];
const H_SIT_SUFFIX: &[&str] = &["情况", "开展情况", "推进情况", "完成情况", "落实情况"];

const ENUM_MARKS: &[&str] = &["一是", "二是", "三是", "四是", "五是", "六是"];
const CN_NUM: &[&str] = &["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

fn enum_lead(role: Role) -> &'static [&'static str] {
    match role {
        Role::Sit | Role::Open | Role::Close => &[
            "{全年|一年来}{主要|重点}开展了以下工作",
            "{主要|具体}工作情况如下",
        ],
        Role::Prac => &[
            "{S}{坚持|注重}{统筹谋划|多措并举|精准施策}，{重点|着力}抓了以下几个方面",
            "在{具体|实际}工作中，{S}{主要|重点}{采取了|做了}以下{措施|几个方面的工作}",
        ],
        Role::Res => &[
            "{通过|经过}一年的努力，{各项|}工作{取得了|实现了}{明显|较好|积极}成效",
            "{成效|成绩}{主要|具体}{体现|表现}在以下几个方面",
        ],
        Role::Prob => &[
            "{在|虽然在}{肯定成绩的同时|看到成绩的同时}，我们也{清醒|深刻}{认识到|看到}，{工作|各项工作}中{还存在|仍然存在}{一些|不少}{问题和不足|薄弱环节}，{主要表现在|主要是}",
            "{对照|对标}{upper}的要求和{群众|干部职工}的期盼，{我们的工作|工作中}{还存在|仍存在}{一些|一定}{差距|不足}，主要{表现为|有}",
        ],
        Role::Plan => &[
            "{Y1}年，{S}将{继续|坚持}以习近平新时代中国特色社会主义思想为指导，{重点|着力}抓好以下{几|{n}}方面工作",
            "{下一步|今后}，{S}将{认真|切实}{对照|针对}{存在的问题|工作中的不足}，{重点|着力}{做好|抓好}以下工作",
        ],
    }
}

// ---------------------------------------------------------------------------
// Document model
// ---------------------------------------------------------------------------

struct Sent {
    /// `一是` … for enumeration items; kept when the body is replaced.
    mark: &'static str,
    body: String,
    end: &'static str,
    role: Role,
    /// Stock sentences are left alone by the near-duplicate editor: real copiers keep
    /// boilerplate.
    stock: bool,
}

struct Line {
    /// Title, heading, heading-with-`。`, or empty for a plain paragraph.
    head: String,
    sents: Vec<Sent>,
}

impl Line {
    fn head(head: String) -> Line {
        Line {
            head,
            sents: Vec::new(),
        }
    }

    fn chars(&self) -> usize {
        self.head.chars().count()
            + self
                .sents
                .iter()
                .map(|s| s.mark.chars().count() + s.body.chars().count() + s.end.chars().count())
                .sum::<usize>()
    }
}

struct Doc {
    ctx: Ctx,
    lines: Vec<Line>,
}

impl Doc {
    fn render(&self, out: &mut String) {
        for l in &self.lines {
            out.push_str(&l.head);
            for s in &l.sents {
                out.push_str(s.mark);
                out.push_str(&s.body);
                out.push_str(s.end);
            }
            out.push('\n');
        }
    }
}

/// Which body style a section uses.
#[derive(Clone, Copy)]
enum Style {
    /// `（一）标题。正文……` subsections.
    Level2,
    /// One paragraph `……：一是……；二是……；三是……。`
    InlineEnum,
    /// Separate lines `一是……。` after an intro paragraph.
    LineEnum,
    /// Plain paragraphs.
    Plain,
}

struct Section {
    roles: Vec<Role>,
    title: String,
    weight: usize,
}

// ---------------------------------------------------------------------------
// Generator
// ---------------------------------------------------------------------------

struct DocGen<'a> {
    ctx: &'a Ctx,
    rng: &'a mut Rng,
    /// Template indices not yet used, per role (0..7) and for the kind-specific,
    /// 述职 problem and 述职 plan pools (7, 8, 9): a document rarely repeats a template.
    decks: [Vec<u16>; 10],
    stock_used: u64,
    /// The last entry picked from a named pool, so `{form}、{form}` differ.
    last_pick: (usize, usize),
}

impl<'a> DocGen<'a> {
    fn new(ctx: &'a Ctx, rng: &'a mut Rng) -> DocGen<'a> {
        DocGen {
            ctx,
            rng,
            decks: Default::default(),
            stock_used: 0,
            last_pick: (0, usize::MAX),
        }
    }

    /// Whether the next slot is left unfilled.
    fn slot(&mut self) -> bool {
        self.ctx.fill < 1.0 && !self.rng.chance(self.ctx.fill)
    }

    fn expand_to(&mut self, tpl: &str) -> String {
        let mut s = String::with_capacity(tpl.len() * 2);
        self.expand(tpl, &mut s);
        s
    }

    /// Expands `{key}` and `{a|b}` groups (nested) into `out`.
    fn expand(&mut self, tpl: &str, out: &mut String) {
        let b = tpl.as_bytes();
        let mut i = 0;
        let mut lit = 0;
        while i < b.len() {
            if b[i] != b'{' {
                i += 1;
                continue;
            }
            let mut depth = 0usize;
            let mut j = i;
            while j < b.len() {
                match b[j] {
                    b'{' => depth += 1,
                    b'}' => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    _ => {}
                }
                j += 1;
            }
            if j >= b.len() {
                // Unbalanced: emit the rest literally rather than fail.
                break;
            }
            out.push_str(&tpl[lit..i]);
            self.group(&tpl[i + 1..j], out);
            i = j + 1;
            lit = i;
        }
        out.push_str(&tpl[lit..]);
    }

    /// A `{…}` group: an alternative list if it has a top-level `|`, else a key.
    fn group(&mut self, inner: &str, out: &mut String) {
        // Count top-level alternatives without allocating.
        let b = inner.as_bytes();
        let mut depth = 0usize;
        let mut alts = 1;
        for &c in b {
            match c {
                b'{' => depth += 1,
                b'}' => depth = depth.saturating_sub(1),
                b'|' if depth == 0 => alts += 1,
                _ => {}
            }
        }
        if alts == 1 {
            self.key(inner, out);
            return;
        }
        let want = self.rng.below(alts);
        let (mut k, mut start) = (0, 0);
        depth = 0;
        for (pos, &c) in b.iter().enumerate() {
            match c {
                b'{' => depth += 1,
                b'}' => depth = depth.saturating_sub(1),
                b'|' if depth == 0 => {
                    if k == want {
                        self.expand(&inner[start..pos], out);
                        return;
                    }
                    k += 1;
                    start = pos + 1;
                }
                _ => {}
            }
        }
        self.expand(&inner[start..], out);
    }

    fn year_str(&self, y: u32) -> String {
        if self.ctx.year_slot {
            "20XX".to_string()
        } else {
            y.to_string()
        }
    }

    fn key(&mut self, key: &str, out: &mut String) {
        let ctx = self.ctx;
        match key {
            "S" => {
                let s = match ctx.genre {
                    Genre::Shuzhi => self.rng.pick(&["本人", "本人", "我"]).to_string(),
                    Genre::Study => match self.rng.below(3) {
                        0 => "中心组".to_string(),
                        1 => format!("{}中心组", ctx.org),
                        _ => format!("{}理论学习中心组", ctx.org),
                    },
                    Genre::Summary => self.rng.pick(&[ctx.org, ctx.short]).to_string(),
                };
                out.push_str(&s);
            }
            "U" => out.push_str(&ctx.unit),
            "C" => out.push_str(&ctx.city),
            "u" => out.push_str(ctx.short),
            "O" => out.push_str(ctx.org),
            "staff" => out.push_str(ctx.staff),
            "topic" => out.push_str(ctx.topic),
            "Y" => out.push_str(&self.year_str(ctx.year)),
            "Y1" => out.push_str(&self.year_str(ctx.year + 1)),
            "n" => self.number(out, 2, 30, "X"),
            "m" => self.number(out, 8, 120, "XX"),
            "N" => self.number(out, 120, 26000, "XXX"),
            "h" => self.number(out, 16, 96, "XX"),
            "pct" => {
                if self.slot() {
                    out.push_str("XX%");
                } else {
                    let v = self.rng.range(820, 1000);
                    if v == 1000 {
                        out.push_str("100%");
                    } else {
                        let _ = write!(out, "{}.{}%", v / 10, v % 10);
                    }
                }
            }
            "gr" => {
                if self.slot() {
                    out.push_str("X%");
                } else {
                    let v = self.rng.range(12, 286);
                    let _ = write!(out, "{}.{}%", v / 10, v % 10);
                }
            }
            "wan" => {
                if self.slot() {
                    out.push_str("XX万元");
                } else {
                    let v = self.rng.range(120, 98000);
                    let _ = write!(out, "{}.{}万元", v / 10, v % 10);
                }
            }
            "yi" => {
                if self.slot() {
                    out.push_str("X亿元");
                } else {
                    let v = self.rng.range(12, 4800);
                    let _ = write!(out, "{}.{:02}亿元", v / 100, v % 100);
                }
            }
            "d" => {
                if self.slot() {
                    out.push_str("X月X日");
                } else {
                    let m = self.rng.range(1, 12);
                    let d = self.rng.range(1, 28);
                    let _ = write!(out, "{m}月{d}日");
                }
            }
            "mon" => {
                if self.slot() {
                    out.push_str("X月");
                } else {
                    let m = self.rng.range(2, 11);
                    let _ = write!(out, "{m}月");
                }
            }
            "person" => {
                if self.slot() {
                    out.push_str(self.rng.pick(&["XX同志", "某某同志"]));
                } else {
                    let p = person_name(self.rng);
                    let _ = write!(out, "{p}同志");
                }
            }
            "book" => {
                if self.slot() {
                    out.push_str("《XXX》");
                } else {
                    let mut i = self.rng.below(BOOKS.len());
                    if self.last_pick == (BOOKS.as_ptr() as usize, i) {
                        i = (i + 1) % BOOKS.len();
                    }
                    self.last_pick = (BOOKS.as_ptr() as usize, i);
                    out.push_str(BOOKS[i]);
                }
            }
            "rule" => {
                if self.slot() {
                    out.push_str("《XXX》");
                } else {
                    let suffix = self.rng.pick(RULE_SUFFIX);
                    let year = self.year_str(ctx.year);
                    // "镇党委、镇政府" names no single issuer: use its first part.
                    let org = ctx.org.split('、').next().unwrap_or(ctx.org);
                    if self.rng.chance(0.5) {
                        let _ = write!(out, "《{org}{year}年{suffix}》");
                    } else {
                        let _ = write!(out, "《{}{suffix}》", ctx.short);
                    }
                }
            }
            "village" => {
                if self.slot() {
                    out.push_str(self.rng.pick(&["某某村", "XX村"]));
                } else {
                    let t = self.rng.pick(TOWNS);
                    let _ = write!(out, "{t}村");
                }
            }
            "dept" => {
                if self.slot() && self.rng.chance(0.5) {
                    out.push_str(self.rng.pick(DEPT_SLOT));
                } else {
                    out.push_str(self.rng.pick(ctx.depts));
                }
            }
            "upper" => {
                if self.slot() && self.rng.chance(0.5) {
                    out.push_str(self.rng.pick(&["XX省委", "XX市委", "XX部党组"]));
                } else {
                    let choices: &[&str] = match ctx.kind {
                        Kind::Ting => &["省委省政府", "省委、省政府", "上级党组织", "部党组"],
                        Kind::Zhen | Kind::Jiedao => &["县委县政府", "区委区政府", "上级党委"],
                        Kind::Gongsi => &["市国资委", "集团党委", "上级党委"],
                        _ => &["市委市政府", "上级党委", "上级主管部门", "市委、市政府"],
                    };
                    out.push_str(self.rng.pick(choices));
                }
            }
            "meeting" => out.push_str(self.rng.pick(meeting(ctx.year))),
            "campaign" => out.push_str(campaign(ctx.year)),
            "yearnote" => {
                if ctx.year_slot {
                    out.push_str("XX之年");
                } else {
                    out.push_str(yearnote(ctx.year));
                }
            }
            "biz" => {
                if self.slot() && self.rng.chance(0.4) {
                    out.push_str(self.rng.pick(&["XX工作", "XX事业", "XXX项目"]));
                } else {
                    out.push_str(self.rng.pick(ctx.biz));
                }
            }
            _ => {
                if let Some(p) = pool(key) {
                    let mut i = self.rng.below(p.len());
                    // Avoid the same entry twice in a row (`个人自学、个人自学`).
                    if self.last_pick == (p.as_ptr() as usize, i) {
                        i = (i + 1) % p.len();
                    }
                    self.last_pick = (p.as_ptr() as usize, i);
                    self.expand(p[i], out);
                } else {
                    // Visible in output so a typo in a template is caught by a grep.
                    let _ = write!(out, "{{?{key}}}");
                }
            }
        }
    }

    fn number(&mut self, out: &mut String, lo: u32, hi: u32, slot: &str) {
        if self.slot() {
            out.push_str(slot);
        } else {
            let v = self.rng.range(lo, hi);
            let _ = write!(out, "{v}");
        }
    }

    /// The next unused template of `pool`'s deck `d` (reshuffled when exhausted).
    fn deal(&mut self, d: usize, pool: &'static [&'static str]) -> &'static str {
        if self.decks[d].is_empty() {
            let mut v: Vec<u16> = (0..pool.len() as u16).collect();
            for i in (1..v.len()).rev() {
                let j = self.rng.below(i + 1);
                v.swap(i, j);
            }
            self.decks[d] = v;
        }
        let i = self.decks[d].pop().unwrap_or(0) as usize;
        pool[i.min(pool.len() - 1)]
    }

    fn stock(&mut self, role: Role) -> Option<&'static str> {
        let mut cands = [0usize; 40];
        let mut k = 0;
        for (i, (r, _)) in STOCK.iter().enumerate() {
            if *r == role && self.stock_used & (1 << i) == 0 && k < cands.len() {
                cands[k] = i;
                k += 1;
            }
        }
        if k == 0 {
            return None;
        }
        let i = cands[self.rng.below(k)];
        self.stock_used |= 1 << i;
        Some(STOCK[i].1)
    }

    fn role_pool(&self, role: Role) -> &'static [&'static str] {
        let shuzhi = self.ctx.genre == Genre::Shuzhi;
        match role {
            Role::Open if shuzhi => OPEN_SHUZHI,
            Role::Open => OPEN_TPL,
            Role::Sit => SIT_TPL,
            Role::Prac => PRAC_TPL,
            Role::Res => RES_TPL,
            Role::Prob => PROB_TPL,
            Role::Plan => PLAN_TPL,
            Role::Close => CLOSE_TPL,
        }
    }

    /// One sentence body of `role` (no final punctuation).
    fn sentence(&mut self, role: Role) -> Sent {
        let p = self.rng.f();
        let mk = |body: String, stock: bool| Sent {
            // "……情况报告如下" introduces what follows.
            end: if body.ends_with("如下") {
                "："
            } else {
                "。"
            },
            mark: "",
            body,
            role,
            stock,
        };
        if p < 0.09
            && let Some(s) = self.stock(role)
        {
            return mk(s.to_string(), true);
        }
        let shuzhi = self.ctx.genre == Genre::Shuzhi;
        let tpl = if p < 0.45 {
            match combo(role) {
                Some(c) => c,
                None => self.deal(role.idx(), self.role_pool(role)),
            }
        } else if role == Role::Sit && p < 0.55 {
            self.deal(7, kind_sit(self.ctx.kind))
        } else if shuzhi && role == Role::Prob && p < 0.57 {
            self.deal(8, PROB_SHUZHI)
        } else if shuzhi && role == Role::Plan && p < 0.55 {
            self.deal(9, PLAN_SHUZHI)
        } else {
            self.deal(role.idx(), self.role_pool(role))
        };
        mk(self.expand_to(tpl), false)
    }

    /// Sentences of `role` until `budget` characters (at least `min` sentences).
    fn fill(&mut self, sents: &mut Vec<Sent>, role: Role, budget: usize, min: usize) -> usize {
        let mut used = 0;
        let mut k = 0;
        while k < min || used < budget {
            let s = self.sentence(role);
            used += s.body.chars().count() + 1;
            sents.push(s);
            k += 1;
            if k >= 12 {
                break;
            }
        }
        used
    }

    fn para(&mut self, role: Role, budget: usize, min: usize) -> Line {
        let mut l = Line::head(String::new());
        self.fill(&mut l.sents, role, budget, min);
        l
    }

    fn lead_sent(&mut self, role: Role) -> Sent {
        let t = self.rng.pick(enum_lead(role));
        Sent {
            mark: "",
            body: self.expand_to(t),
            end: "：",
            role,
            stock: false,
        }
    }

    fn title(&mut self) -> String {
        let c = self.ctx;
        let y = self.year_str(c.year);
        let y1 = self.year_str(c.year + 1);
        let u = &c.unit;
        match c.genre {
            Genre::Summary => {
                let sfx = self.rng.pick(&["党支部", "党组", "机关党委", "", ""]);
                match self.rng.below(7) {
                    0 | 1 => format!("{y}年度{u}{sfx}工作总结"),
                    2 => format!("{u}{y}年工作总结"),
                    3 => format!("{u}{y}年工作总结及{y1}年工作计划"),
                    4 => format!("{u}{y}年{}总结", c.topic),
                    5 => format!("关于{u}{y}年度{}情况的总结", c.topic),
                    _ => format!("{y}年{u}{}总结", c.topic),
                }
            }
            Genre::Study => match self.rng.below(3) {
                0 => format!("{y}年度{u}理论学习中心组学习情况总结"),
                1 => format!("{u}{}理论学习中心组{y}年学习总结", c.org),
                _ => format!("{y}年度理论学习中心组工作总结"),
            },
            Genre::Shuzhi => match self.rng.below(4) {
                0 => format!("{y}年度述职报告"),
                1 => format!("{u}{}{y}年度述职述廉报告", c.post),
                2 => format!("{y}年个人述职报告"),
                _ => format!("{}{y}年述职报告", c.post),
            },
        }
    }

    fn section_title(&mut self, roles: &[Role]) -> String {
        let g = self.ctx.genre;
        let t = match roles {
            [Role::Sit, Role::Prac] => self.rng.pick(T_MERGE_SP),
            [Role::Prob, Role::Plan] => self.rng.pick(T_MERGE_PP),
            [Role::Sit, ..] if g == Genre::Study => self.rng.pick(T_SIT_STUDY),
            [Role::Sit, ..] if g == Genre::Shuzhi => self.rng.pick(T_SIT_SHUZHI),
            [Role::Sit, ..] => self.rng.pick(T_SIT),
            [Role::Prac, ..] => self.rng.pick(T_PRAC),
            [Role::Res, ..] if g == Genre::Study && self.rng.chance(0.6) => {
                self.rng.pick(T_RES_STUDY)
            }
            [Role::Res, ..] => self.rng.pick(T_RES),
            [Role::Prob, ..] => self.rng.pick(T_PROB),
            _ => self.rng.pick(T_PLAN),
        };
        self.expand_to(t)
    }

    /// The level-1 plan: five roles, sometimes one omitted or two merged.
    fn plan_sections(&mut self) -> Vec<Section> {
        use Role::*;
        let mut groups: Vec<Vec<Role>> =
            vec![vec![Sit], vec![Prac], vec![Res], vec![Prob], vec![Plan]];
        let r = self.rng.f();
        if r < 0.05 {
            // Omit one section; situation and plans are the ones writers keep.
            let k = self.rng.pick(&[1usize, 2, 2, 3]);
            groups.remove(k);
        } else if r < 0.10 {
            if self.rng.chance(0.65) {
                groups.splice(0..2, [vec![Sit, Prac]]);
            } else {
                groups.splice(3..5, [vec![Prob, Plan]]);
            }
        }
        groups
            .into_iter()
            .map(|roles| {
                let weight = roles
                    .iter()
                    .map(|r| match r {
                        Sit => 22,
                        Prac => 28,
                        Res => 18,
                        Prob => 13,
                        _ => 19,
                    })
                    .sum();
                let title = self.section_title(&roles);
                Section {
                    roles,
                    title,
                    weight,
                }
            })
            .collect()
    }

    fn h2_title(&mut self, role: Role) -> String {
        match role {
            Role::Prac | Role::Open | Role::Close => {
                if self.rng.chance(0.45) {
                    let a = self.rng.below(H_PAIR4.len());
                    let mut b = self.rng.below(H_PAIR4.len());
                    if b == a {
                        b = (b + 1) % H_PAIR4.len();
                    }
                    format!("{}、{}", H_PAIR4[a], H_PAIR4[b])
                } else {
                    let (v1, n1) = (self.rng.pick(H_VERB), self.rng.pick(H_NOUN));
                    let (mut v2, mut n2) = (self.rng.pick(H_VERB), self.rng.pick(H_NOUN));
                    // Parallel halves must differ (not `压实主体责任，突出主体责任`).
                    while v2 == v1 || n2 == n1 {
                        v2 = self.rng.pick(H_VERB);
                        n2 = self.rng.pick(H_NOUN);
                    }
                    if self.rng.chance(0.3) {
                        format!("{v1}{n1}")
                    } else {
                        format!("{v1}{n1}，{v2}{n2}")
                    }
                }
            }
            Role::Sit => format!(
                "{}{}",
                self.rng.pick(H_SIT_NOUN),
                self.rng.pick(H_SIT_SUFFIX)
            ),
            Role::Res => format!("{}{}", self.rng.pick(H_RES_NOUN), self.rng.pick(H_RES_VERB)),
            Role::Prob => self.rng.pick(H_PROB).to_string(),
            Role::Plan => {
                if self.rng.chance(0.25) {
                    let n = self.rng.pick(H_NOUN);
                    let t = self.rng.pick(&["持续用力", "下功夫", "求突破", "见实效"]);
                    format!("在{n}上{t}")
                } else {
                    format!(
                        "{}{}{}",
                        self.rng.pick(H_PLAN_ADV),
                        self.rng.pick(H_VERB),
                        self.rng.pick(H_NOUN)
                    )
                }
            }
        }
    }

    fn style(&mut self, role: Role) -> Style {
        // Weights (Level2, InlineEnum, LineEnum, Plain) per role, in percent.
        let w: [usize; 4] = match role {
            Role::Sit => [30, 15, 10, 45],
            Role::Prac => [60, 20, 10, 10],
            Role::Res => [30, 15, 35, 20],
            Role::Prob => [20, 50, 15, 15],
            _ => [55, 20, 10, 15],
        };
        let mut r = self.rng.below(100);
        for (i, wi) in w.iter().enumerate() {
            if r < *wi {
                return [
                    Style::Level2,
                    Style::InlineEnum,
                    Style::LineEnum,
                    Style::Plain,
                ][i];
            }
            r -= wi;
        }
        Style::Plain
    }

    fn section(&mut self, lines: &mut Vec<Line>, sec: &Section, marker: &str, budget: usize) {
        lines.push(Line::head(format!("{marker}、{}", sec.title)));
        let roles = &sec.roles;
        let main = roles[0];
        let role_at = |j: usize| roles[(j * roles.len() / 8).min(roles.len() - 1)];
        let mut used = 0usize;
        match self.style(main) {
            Style::Level2 => {
                if self.rng.chance(0.5) {
                    let l = self.para(main, 60, 1);
                    used += l.chars();
                    lines.push(l);
                }
                let k = (budget.saturating_sub(used) / 300).clamp(2, 5);
                let per = budget.saturating_sub(used) / k;
                let sep = self.rng.pick(&[".", "．", "、"]);
                for j in 0..k {
                    let role = roles[(j * roles.len() / k).min(roles.len() - 1)];
                    let title = self.h2_title(role);
                    let mark = format!("（{}）", CN_NUM[j]);
                    if self.rng.chance(0.2) {
                        lines.push(Line::head(format!("{mark}{title}")));
                        lines.push(self.para(role, per, 1));
                    } else {
                        let mut l = Line::head(format!("{mark}{title}。"));
                        self.fill(&mut l.sents, role, per, 1);
                        lines.push(l);
                    }
                    if j == 0 && self.rng.chance(0.12) {
                        // A few level-3 items under the first subsection.
                        for i in 0..self.rng.range(2, 3) {
                            let t = self.rng.pick(H_PAIR4);
                            let mut l = Line::head(format!("{}{sep}{t}。", i + 1));
                            self.fill(&mut l.sents, role, 40, 1);
                            lines.push(l);
                        }
                    }
                }
            }
            Style::InlineEnum => {
                if self.rng.chance(0.4) {
                    let l = self.para(main, 80, 1);
                    used += l.chars();
                    lines.push(l);
                }
                let mut l = Line::head(String::new());
                l.sents.push(self.lead_sent(main));
                let k = self.rng.range(3, 5) as usize;
                for (j, &mark) in ENUM_MARKS.iter().enumerate().take(k) {
                    let mut s = self.sentence(role_at(j * 8 / k));
                    s.mark = mark;
                    s.end = if j + 1 == k { "。" } else { "；" };
                    l.sents.push(s);
                }
                used += l.chars();
                lines.push(l);
                while used < budget {
                    let l = self.para(role_at(used * 8 / budget.max(1)), 260, 2);
                    used += l.chars();
                    lines.push(l);
                }
            }
            Style::LineEnum => {
                let mut intro = self.para(main, 40, 1);
                intro.sents.push(self.lead_sent(main));
                used += intro.chars();
                lines.push(intro);
                let k = self.rng.range(3, 4) as usize;
                let per = budget.saturating_sub(used) / k;
                for (j, &mark) in ENUM_MARKS.iter().enumerate().take(k) {
                    let role = role_at(j * 8 / k);
                    let mut l = Line::head(String::new());
                    let mut s = self.sentence(role);
                    s.mark = mark;
                    let first = s.body.chars().count();
                    l.sents.push(s);
                    self.fill(&mut l.sents, role, per.saturating_sub(first), 0);
                    lines.push(l);
                }
            }
            Style::Plain => {
                while used < budget {
                    let role = role_at(used * 8 / budget.max(1));
                    let pb = self.rng.range(150, 420) as usize;
                    let l = self.para(role, pb.min(budget - used + 40), 2);
                    used += l.chars();
                    lines.push(l);
                }
            }
        }
    }

    fn body(&mut self) -> Vec<Line> {
        let c = self.ctx;
        // Target length in characters; sections overshoot a little, so aim slightly low.
        let target = 1290 + self.rng.below(1870);
        let mut lines = Vec::with_capacity(48);
        lines.push(Line::head(self.title()));
        if c.genre == Genre::Shuzhi && self.rng.chance(0.4) {
            lines.push(Line::head(format!("述职人：{}", c.person)));
        }
        // Opening paragraph.
        let mut open = Line::head(String::new());
        let k = self.rng.range(1, 3) as usize;
        for _ in 0..k {
            let s = self.sentence(Role::Open);
            // Only one `……如下：` and only at the end of the paragraph.
            let intro = s.end == "：";
            if intro && open.sents.iter().any(|x| x.end == "：") {
                continue;
            }
            open.sents.push(s);
        }
        open.sents.sort_by_key(|s| s.end == "：");
        if c.genre != Genre::Shuzhi {
            let r = self.rng.f();
            if r < 0.35 {
                open.sents.push(Sent {
                    mark: "",
                    body: OPEN_CLOSER.to_string(),
                    end: "：",
                    role: Role::Open,
                    stock: true,
                });
            } else if r < 0.65 {
                let body = if c.genre == Genre::Study {
                    self.expand_to("现将{Y}年{理论学习|中心组学习|学习}情况{总结|报告}如下")
                } else {
                    self.expand_to("现将{Y}年{工作|主要工作|有关工作}情况{总结|报告}如下")
                };
                open.sents.push(Sent {
                    mark: "",
                    body,
                    end: "：",
                    role: Role::Open,
                    stock: false,
                });
            }
        }
        let open_chars = open.chars();
        lines.push(open);

        let secs = self.plan_sections();
        let total_w: usize = secs.iter().map(|s| s.weight).sum();
        let rest = target.saturating_sub(open_chars + 60);
        // ≈5%: a numbering slip (a skipped or repeated numeral).
        let slip = if self.rng.chance(0.05) {
            let at = 1 + self.rng.below(secs.len() - 1);
            Some((at, self.rng.chance(0.7)))
        } else {
            None
        };
        for (i, sec) in secs.iter().enumerate() {
            let n = match slip {
                Some((at, true)) if i >= at => i + 1,
                Some((at, false)) if i >= at => i - 1,
                _ => i,
            };
            let budget = rest * sec.weight / total_w.max(1);
            self.section(&mut lines, sec, CN_NUM[n], budget);
        }
        // Closing paragraph and sign-off.
        if self.rng.chance(0.4) {
            lines.push(self.para(Role::Close, 30, 1));
        }
        if self.rng.chance(0.35) {
            let who = if c.genre == Genre::Shuzhi {
                c.person.clone()
            } else {
                c.unit.clone()
            };
            lines.push(Line::head(who));
            let date = if c.year_slot {
                "20XX年X月X日".to_string()
            } else if c.fill < 1.0 && self.rng.chance(0.5) {
                format!("{}年X月X日", c.year)
            } else {
                let d = self.rng.range(5, 30);
                format!("{}年12月{d}日", c.year)
            };
            lines.push(Line::head(date));
            if c.fill < 0.2 && self.rng.chance(0.3) {
                lines.push(Line::head("联系电话：XXXX-XXXXXXX".to_string()));
            }
        }
        lines
    }
}

fn gen_doc(seed: u64) -> Doc {
    let year = doc_year(seed);
    let mut rng = Rng::new(seed);
    let ctx = make_ctx(&mut rng, year);
    let lines = DocGen::new(&ctx, &mut rng).body();
    Doc { ctx, lines }
}

// ---------------------------------------------------------------------------
// Planted near-duplicates
// ---------------------------------------------------------------------------

/// Replaces ASCII numbers with plausible new values, each with probability `p`: counts
/// scaled by 0.6–1.4, months and days kept in range, percentages near 100 kept below
/// 100, decimals redrawn. Four-digit years before 年 are kept: copiers re-date
/// rarely, and the file name carries the year.
fn change_numbers(s: &str, p: f64, rng: &mut Rng) -> Option<String> {
    if !s.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut out = String::with_capacity(s.len());
    let mut changed = false;
    let mut rest = s;
    while let Some(start) = rest.find(|c: char| c.is_ascii_digit()) {
        out.push_str(&rest[..start]);
        let run_len = rest[start..]
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(rest.len() - start);
        let run = &rest[start..start + run_len];
        let after = &rest[start + run_len..];
        let fraction = rest[..start].ends_with('.');
        let is_year = run_len == 4 && after.starts_with('年');
        // Runs too long for u64 never occur in generated text; leave them alone.
        let value = run.parse::<u64>().ok();
        match value {
            Some(v) if !is_year && rng.chance(p) => {
                let nv = if fraction {
                    // Same number of decimals.
                    let _ = write!(
                        out,
                        "{:0w$}",
                        rng.below(10usize.pow(run_len as u32)),
                        w = run_len
                    );
                    changed = true;
                    rest = after;
                    continue;
                } else if after.starts_with('月') {
                    u64::from(rng.range(1, 12))
                } else if after.starts_with('日') {
                    u64::from(rng.range(1, 28))
                } else if (80..100).contains(&v) && after.starts_with('.') {
                    // A rate such as 95.3%: stay a plausible rate.
                    u64::from(rng.range(80, 99))
                } else {
                    let scaled = v * u64::from(rng.range(60, 140)) / 100;
                    if scaled == v { v + 1 } else { scaled.max(1) }
                };
                let _ = write!(out, "{nv}");
                changed = true;
            }
            _ => out.push_str(run),
        }
        rest = after;
    }
    out.push_str(rest);
    changed.then_some(out)
}

/// Fills numeric `X` slots (an `X` run before a counter word, not `20XX`) with numbers:
/// each with probability `p`, and at most `max` of them. `None` if nothing changed.
fn fill_slots(s: &str, p: f64, max: usize, rng: &mut Rng) -> Option<String> {
    const COUNTERS: &[char] = &[
        '次', '人', '名', '项', '个', '篇', '期', '场', '%', '万', '亿', '件', '天', '学',
    ];
    let mut out = String::new();
    let (mut done, mut lit, mut search) = (0, 0, 0);
    while let Some(off) = s[search..].find('X') {
        let start = search + off;
        let len = s[start..]
            .find(|c: char| c != 'X')
            .unwrap_or(s.len() - start);
        let after = s[start + len..].chars().next();
        let before_digit = s[..start]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_digit());
        if done < max
            && !before_digit
            && after.is_some_and(|c| COUNTERS.contains(&c))
            && rng.chance(p)
        {
            out.push_str(&s[lit..start]);
            let _ = write!(out, "{}", rng.range(2, 60));
            lit = start + len;
            done += 1;
        }
        search = start + len;
    }
    if done == 0 {
        return None;
    }
    out.push_str(&s[lit..]);
    Some(out)
}

/// Turns one number (not a year) back into an `X` slot.
fn unfill_one_number(s: &str) -> Option<String> {
    let mut search = 0;
    while let Some(off) = s[search..].find(|c: char| c.is_ascii_digit()) {
        let start = search + off;
        let len = s[start..]
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(s.len() - start);
        let after = &s[start + len..];
        if !after.starts_with('年') && !after.starts_with('.') {
            let slot = if len == 1 { "X" } else { "XX" };
            return Some(format!("{}{slot}{after}", &s[..start]));
        }
        search = start + len;
    }
    None
}

fn replace_everywhere(doc: &mut Doc, from: &str, to: &str) {
    if from.is_empty() || from == to {
        return;
    }
    for l in &mut doc.lines {
        if l.head.contains(from) {
            l.head = l.head.replace(from, to);
        }
        for s in &mut l.sents {
            if s.body.contains(from) {
                s.body = s.body.replace(from, to);
            }
        }
    }
}

/// Replaces or drops one non-stock sentence, as a writer reworking a borrowed
/// text does; `false` when there is none left to edit.
fn edit_one_sentence(doc: &mut Doc, rng: &mut Rng) -> bool {
    let cands: Vec<(usize, usize)> = doc
        .lines
        .iter()
        .enumerate()
        .flat_map(|(li, l)| {
            l.sents
                .iter()
                .enumerate()
                .filter(|(_, s)| !s.stock && s.end != "：")
                .map(move |(si, _)| (li, si))
        })
        .collect();
    if cands.is_empty() {
        return false;
    }
    let (li, si) = cands[rng.below(cands.len())];
    let line = &doc.lines[li];
    let can_drop =
        line.sents[si].mark.is_empty() && (line.sents.len() > 1 || !line.head.is_empty());
    if can_drop && rng.chance(0.5) {
        let removed = doc.lines[li].sents.remove(si);
        // Keep the paragraph's final punctuation if the last sentence went.
        if let Some(last) = doc.lines[li].sents.last_mut()
            && last.end == "；"
            && removed.end == "。"
        {
            last.end = "。";
        }
    } else {
        let role = doc.lines[li].sents[si].role;
        let mut fresh = {
            let mut g = DocGen::new(&doc.ctx, rng);
            g.sentence(role)
        };
        let old = &doc.lines[li].sents[si];
        fresh.mark = old.mark;
        fresh.end = old.end;
        doc.lines[li].sents[si] = fresh;
    }
    true
}

/// A light edit of `src`, as a writer re-badging someone else's report would make it.
fn plant_copy(mut doc: Doc, rng: &mut Rng) -> Doc {
    let intensity = rng.f();
    // Rename the unit (and its city) everywhere.
    if rng.chance(0.9) {
        let (unit, city, _) = make_unit(rng, doc.ctx.kind);
        let (old_unit, old_city) = (doc.ctx.unit.clone(), doc.ctx.city.clone());
        replace_everywhere(&mut doc, &old_unit, &unit);
        if !old_city.contains("XX") {
            replace_everywhere(&mut doc, &old_city, &city);
        }
        doc.ctx.unit = unit;
        doc.ctx.city = city;
    }
    // Heavier copies also re-badge the writing organisation (局党组 → 局机关党委) and
    // the staff phrase; skipped when one name contains the other, which would garble
    // text on replacement.
    let info = kind_info(doc.ctx.kind);
    for (old, choices, is_org) in [
        (doc.ctx.org, info.org, true),
        (doc.ctx.staff, info.staff, false),
    ] {
        if rng.chance(intensity) {
            let new = rng.pick(choices);
            if !new.contains(old) && !old.contains(new) {
                replace_everywhere(&mut doc, old, new);
                if is_org {
                    doc.ctx.org = new;
                } else {
                    doc.ctx.staff = new;
                }
            }
        }
    }
    // Change a share of the numbers; in a template, fill in a share of the numeric
    // slots instead, as whoever reuses a template does.
    let p = 0.15 + 0.85 * intensity;
    let pf = 0.6 * intensity;
    for l in &mut doc.lines {
        if let Some(h) = change_numbers(&l.head, p, rng) {
            l.head = h;
        }
        for s in &mut l.sents {
            if let Some(b) = change_numbers(&s.body, p, rng) {
                s.body = b;
            }
            if doc.ctx.fill < 1.0
                && !s.stock
                && let Some(b) = fill_slots(&s.body, pf, usize::MAX, rng)
            {
                s.body = b;
            }
        }
    }
    // Heavier copies get their own opening paragraph (the part a copier most often
    // rewrites); stock sentences and the closing `……如下：` stay.
    if rng.chance(intensity) {
        let open = doc.lines.iter().position(|l| l.head.is_empty());
        if let Some(li) = open {
            let mut g = DocGen::new(&doc.ctx, rng);
            let fresh: Vec<Sent> = doc.lines[li]
                .sents
                .iter()
                .map(|s| {
                    if s.stock || s.end == "：" {
                        Sent {
                            mark: s.mark,
                            body: s.body.clone(),
                            end: s.end,
                            role: s.role,
                            stock: s.stock,
                        }
                    } else {
                        g.sentence(s.role)
                    }
                })
                .collect();
            doc.lines[li].sents = fresh;
        }
    }
    // Replace or drop 1–3 non-stock sentences.
    let ops = 1 + rng.below(3);
    for _ in 0..ops {
        if !edit_one_sentence(&mut doc, rng) {
            break;
        }
    }
    // Fill one slot, or unfill one number.
    if rng.chance(0.7) {
        let want_fill = doc.ctx.fill < 1.0 && rng.chance(0.6);
        'outer: for l in &mut doc.lines {
            for s in &mut l.sents {
                if s.stock {
                    continue;
                }
                let edited = if want_fill {
                    fill_slots(&s.body, 1.0, 1, rng)
                } else if rng.chance(0.15) {
                    unfill_one_number(&s.body)
                } else {
                    None
                };
                if let Some(b) = edited {
                    s.body = b;
                    break 'outer;
                }
            }
        }
    }
    doc
}

/// Decides, sequentially and from the seed alone, which documents are planted copies
/// and of which source. Returns, per document, `Some(source)` for copies.
fn plan_copies(seed: u64, n: usize) -> Vec<Option<usize>> {
    let mut rng = Rng::new(seed ^ 0x5EED_C0DE_0000_0001);
    let mut plan = vec![None; n];
    let mut originals: Vec<usize> = Vec::new();
    let mut copies_of = vec![0u8; n];
    // Sources that have copies and room for more: cluster candidates.
    let mut open: Vec<usize> = Vec::new();
    for (i, slot) in plan.iter_mut().enumerate() {
        if originals.len() < MIN_ORIGINALS || !rng.chance(COPY_RATE) {
            originals.push(i);
            continue;
        }
        let src = if !open.is_empty() && rng.chance(CLUSTER_RATE) {
            open[rng.below(open.len())]
        } else {
            let mut s = originals[rng.below(originals.len())];
            for _ in 0..8 {
                if copies_of[s] == 0 {
                    break;
                }
                s = originals[rng.below(originals.len())];
            }
            s
        };
        if copies_of[src] >= MAX_COPIES {
            originals.push(i);
            continue;
        }
        copies_of[src] += 1;
        if copies_of[src] == 1 {
            open.push(src);
        } else if copies_of[src] == MAX_COPIES {
            open.retain(|&x| x != src);
        }
        *slot = Some(src);
    }
    plan
}

// ---------------------------------------------------------------------------
// Template-heavy archives
// ---------------------------------------------------------------------------

/// Where a document of a template-heavy archive comes from.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Origin {
    /// The template itself, saved into the archive (the downloaded 范文).
    Template(usize),
    /// A unit's report filled in from the template.
    Filled(usize),
    /// A report written without a template.
    Original,
}

/// Decides, sequentially and from the seed alone, each document's origin: with
/// probability `share` it is filled from one of `templates` templates (a skewed
/// choice: the first templates are the most popular, as a few 范文 circulate most),
/// otherwise written afresh. Every other template is itself in the archive once,
/// in place of its first filled document.
fn plan_templates(seed: u64, n: usize, templates: usize, share: f64) -> Vec<Origin> {
    let mut rng = Rng::new(seed ^ 0x7E3A_91C5_0000_0002);
    let mut seen = vec![false; templates];
    (0..n)
        .map(|_| {
            if templates == 0 || !rng.chance(share) {
                return Origin::Original;
            }
            let u = rng.f();
            let t = ((u * u * templates as f64) as usize).min(templates - 1);
            if !seen[t] {
                seen[t] = true;
                if t.is_multiple_of(2) {
                    return Origin::Template(t);
                }
            }
            Origin::Filled(t)
        })
        .collect()
}

fn template_seed(master: u64, t: usize) -> u64 {
    doc_seed(master ^ 0x7E3A_91C5_0000_0003, t)
}

/// Template `t`: a report with every slot left open (`XX局`, `X次`, `20XX年`,
/// `XX同志`, `《XXX》` …), as a 范文 is downloaded.
fn template_doc(master: u64, t: usize) -> Doc {
    let seed = template_seed(master, t);
    let year = doc_year(seed);
    let mut rng = Rng::new(seed);
    let mut ctx = make_ctx(&mut rng, year);
    ctx.fill = 0.0;
    ctx.unit = rng.pick(kind_info(ctx.kind).slot_names).to_string();
    ctx.city = "XX市".to_string();
    ctx.year_slot = true;
    ctx.person = "XX".to_string();
    let lines = DocGen::new(&ctx, &mut rng).body();
    Doc { ctx, lines }
}

/// What a unit writes into a template's slots.
struct Fills {
    year: u32,
    person: String,
    city: String,
    province: &'static str,
    biz: &'static [&'static str],
}

/// Fills the slots of one line of a template: numbers before counters, the year,
/// dates, people, places, books. With probability `leave` a slot stays open (a
/// draft).
fn fill_text(s: &str, f: &Fills, leave: f64, rng: &mut Rng) -> String {
    const COUNTERS: &str = "次人名项个篇期场%万亿件天学余届";
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len() + 16);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let run = if c == 'X' || (c == '某' && chars.get(i + 1) == Some(&'某')) {
            chars[i..].iter().take_while(|&&x| x == c).count()
        } else {
            0
        };
        if run == 0 {
            out.push(c);
            i += 1;
            continue;
        }
        let prev = if i > 0 { chars[i - 1] } else { ' ' };
        let next = chars.get(i + run).copied().unwrap_or(' ');
        let after: String = chars[i + run..].iter().take(3).collect();
        i += run;
        if rng.chance(leave) {
            out.extend(std::iter::repeat_n(c, run));
            continue;
        }
        if prev.is_ascii_digit() {
            let _ = write!(out, "{:02}", f.year % 100);
        } else if prev == '《' && next == '》' {
            let book = rng.pick(BOOKS);
            out.push_str(book.trim_start_matches('《').trim_end_matches('》'));
        } else if after.starts_with("同志") {
            out.push_str(&f.person);
        } else if next == '月' {
            let _ = write!(out, "{}", rng.range(1, 12));
        } else if next == '日' {
            let _ = write!(out, "{}", rng.range(1, 28));
        } else if next == '%' {
            let _ = write!(out, "{}", rng.range(60, 99));
        } else if COUNTERS.contains(next) {
            let _ = write!(out, "{}", rng.range(2, 60));
        } else if next == '-' || prev == '-' {
            for _ in 0..run {
                let _ = write!(out, "{}", rng.below(10));
            }
        } else if next == '村' {
            out.push_str(rng.pick(TOWNS));
        } else if after.starts_with("省") {
            out.push_str(f.province.trim_end_matches('省'));
        } else if after.starts_with("工作")
            || after.starts_with("事业")
            || after.starts_with("项目")
        {
            out.push_str(rng.pick(f.biz));
        } else if matches!(next, '科' | '处') || after.starts_with("部门") {
            out.push_str(rng.pick(&["综合", "财务", "人事", "业务", "规划"]));
        } else {
            out.push_str(f.city.trim_end_matches('市'));
        }
    }
    out
}

/// A unit's report filled in from `doc`, a template: the unit's name, city and
/// people everywhere, every slot filled (a few left open in drafts), then up to
/// three sentences reworked.
fn fill_template(mut doc: Doc, rng: &mut Rng) -> Doc {
    let kind = doc.ctx.kind;
    let (unit, city, biz) = make_unit(rng, kind);
    let province = CITIES
        .iter()
        .find(|(c, _)| *c == city)
        .map_or("XX省", |&(_, p)| p);
    let fills = Fills {
        year: doc.ctx.year,
        person: person_name(rng),
        city: city.clone(),
        province,
        biz,
    };
    let leave = if rng.chance(0.08) { 0.3 } else { 0.0 };
    let template_unit = doc.ctx.unit.clone();
    replace_everywhere(&mut doc, &template_unit, &unit);
    replace_everywhere(&mut doc, "XX市", &city);
    let note = yearnote(doc.ctx.year);
    replace_everywhere(&mut doc, "XX之年", note);
    for l in &mut doc.lines {
        if l.head.contains(['X', '某']) {
            l.head = fill_text(&l.head, &fills, leave, rng);
        }
        for sent in &mut l.sents {
            if sent.body.contains(['X', '某']) {
                sent.body = fill_text(&sent.body, &fills, leave, rng);
            }
        }
    }
    doc.ctx.unit = unit;
    doc.ctx.city = city;
    doc.ctx.biz = biz;
    doc.ctx.person = fills.person;
    doc.ctx.year_slot = false;
    doc.ctx.fill = if leave > 0.0 { 0.7 } else { 1.0 };
    for _ in 0..rng.below(4) {
        if !edit_one_sentence(&mut doc, rng) {
            break;
        }
    }
    doc
}

// ---------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------

fn dir_name(i: usize) -> String {
    format!("{:03}", i / FILES_PER_DIR)
}

/// Relative path with `/` on every platform, so the manifest is byte-identical.
fn rel_path(i: usize, year: u32) -> String {
    format!("{}/{year}_{i:06}.txt", dir_name(i))
}

/// What each document is: in the default mode a planted copy or not, in the
/// template-heavy mode its origin.
enum Plan {
    Copies(Vec<Option<usize>>),
    Templates(Vec<Origin>),
}

fn build(master: u64, plan: &Plan, i: usize) -> Doc {
    match plan {
        Plan::Copies(copies) => match copies[i] {
            None => gen_doc(doc_seed(master, i)),
            Some(src) => {
                let source = gen_doc(doc_seed(master, src));
                let mut rng = Rng::new(doc_seed(master, i) ^ 0xC0B1_C0B1_C0B1_C0B1);
                plant_copy(source, &mut rng)
            }
        },
        Plan::Templates(origins) => match origins[i] {
            Origin::Original => gen_doc(doc_seed(master, i)),
            Origin::Template(t) => template_doc(master, t),
            Origin::Filled(t) => {
                let mut rng = Rng::new(doc_seed(master, i) ^ 0xF111_ED00_F111_ED00);
                fill_template(template_doc(master, t), &mut rng)
            }
        },
    }
}

fn year_of(master: u64, plan: &Plan, i: usize) -> u32 {
    match plan {
        Plan::Copies(copies) => doc_year(doc_seed(master, copies[i].unwrap_or(i))),
        Plan::Templates(origins) => match origins[i] {
            Origin::Original => doc_year(doc_seed(master, i)),
            Origin::Template(t) | Origin::Filled(t) => doc_year(template_seed(master, t)),
        },
    }
}

struct Opts {
    dir: PathBuf,
    n: usize,
    seed: u64,
    /// Templates of the template-heavy mode (0: the default mode).
    templates: usize,
    /// Share of documents filled from a template.
    template_share: f64,
}

/// `Ok(None)` means help was asked for.
fn parse_args(args: &[OsString]) -> Result<Option<Opts>, String> {
    let mut pos: Vec<&OsString> = Vec::new();
    let (mut seed, mut templates, mut share): (Option<u64>, Option<usize>, Option<f64>) =
        (None, None, None);
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        let text = a.to_str();
        if matches!(text, Some("-h") | Some("--help")) {
            return Ok(None);
        }
        // `--name value` or `--name=value`.
        let option = text.and_then(|t| {
            ["--seed", "--templates", "--template-share"]
                .into_iter()
                .find(|name| t == *name || t.starts_with(&format!("{name}=")))
                .map(|name| (name, t.strip_prefix(name).and_then(|r| r.strip_prefix('='))))
        });
        if let Some((name, inline)) = option {
            let value = match inline {
                Some(v) => v,
                None => {
                    i += 1;
                    args.get(i)
                        .ok_or(format!("{name} needs a value"))?
                        .to_str()
                        .ok_or(format!("{name} value is not valid UTF-8"))?
                }
            };
            let twice = || format!("{name} given twice");
            match name {
                "--seed" => {
                    let v = value.parse::<u64>().map_err(|_| {
                        format!("invalid seed `{value}`: expected an unsigned 64-bit integer")
                    })?;
                    if seed.replace(v).is_some() {
                        return Err(twice());
                    }
                }
                "--templates" => {
                    let v = value.parse::<usize>().map_err(|_| {
                        format!("invalid --templates `{value}`: expected a non-negative integer")
                    })?;
                    if templates.replace(v).is_some() {
                        return Err(twice());
                    }
                }
                _ => {
                    let v = value
                        .parse::<f64>()
                        .ok()
                        .filter(|v| (0.0..=1.0).contains(v))
                        .ok_or(format!(
                            "invalid --template-share `{value}`: expected a number in [0, 1]"
                        ))?;
                    if share.replace(v).is_some() {
                        return Err(twice());
                    }
                }
            }
            i += 1;
            continue;
        }
        match text {
            Some(t) if t.starts_with('-') && t.len() > 1 && t.parse::<i64>().is_err() => {
                return Err(format!("unknown option `{t}`"));
            }
            _ => pos.push(a),
        }
        i += 1;
    }
    if pos.len() != 2 {
        return Err(format!("expected DIR and N, got {} argument(s)", pos.len()));
    }
    let dir = PathBuf::from(pos[0]);
    if dir.as_os_str().is_empty() {
        return Err("DIR must not be empty".into());
    }
    let n_str = pos[1].to_str().ok_or("N is not valid UTF-8")?;
    let n = n_str
        .parse::<usize>()
        .map_err(|_| format!("invalid N `{n_str}`: expected a non-negative integer"))?;
    if n > MAX_DOCS {
        // The copy plan is held in memory; refuse sizes that could not be written anyway.
        return Err(format!("N = {n} is too large (at most {MAX_DOCS})"));
    }
    if share.is_some() && templates.unwrap_or(0) == 0 {
        return Err("--template-share needs --templates".into());
    }
    Ok(Some(Opts {
        dir,
        n,
        seed: seed.unwrap_or(42),
        templates: templates.unwrap_or(0),
        template_share: share.unwrap_or(0.8),
    }))
}

fn run(o: &Opts) -> Result<usize, String> {
    let plan = if o.templates > 0 {
        Plan::Templates(plan_templates(o.seed, o.n, o.templates, o.template_share))
    } else {
        Plan::Copies(plan_copies(o.seed, o.n))
    };
    let mk = |p: &PathBuf| {
        fs::create_dir_all(p).map_err(|e| format!("cannot create directory {}: {e}", p.display()))
    };
    mk(&o.dir)?;
    for d in 0..o.n.div_ceil(FILES_PER_DIR) {
        mk(&o.dir.join(dir_name(d * FILES_PER_DIR)))?;
    }
    let next = AtomicUsize::new(0);
    let error: Mutex<Option<String>> = Mutex::new(None);
    let threads = thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(32);
    thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| {
                let mut buf = String::with_capacity(16 * 1024);
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= o.n {
                        break;
                    }
                    let doc = build(o.seed, &plan, i);
                    buf.clear();
                    doc.render(&mut buf);
                    let path = o.dir.join(rel_path(i, doc.ctx.year));
                    // One write per file: the document is buffered whole in memory.
                    if let Err(e) = fs::write(&path, buf.as_bytes()) {
                        if let Ok(mut g) = error.lock() {
                            g.get_or_insert(format!("cannot write {}: {e}", path.display()));
                        }
                        // Make every worker stop soon.
                        next.store(o.n, Ordering::Relaxed);
                        break;
                    }
                }
            });
        }
    });
    if let Some(e) = error.into_inner().ok().flatten() {
        return Err(e);
    }
    let (name, manifest, copies) = manifest(o.seed, &plan);
    let mpath = o.dir.join(name);
    fs::write(&mpath, manifest).map_err(|e| format!("cannot write {}: {e}", mpath.display()))?;
    Ok(copies)
}

/// The manifest's file name, its text, and how many documents it lists as copies
/// (planted copies, or documents filled from a template).
fn manifest(seed: u64, plan: &Plan) -> (&'static str, String, usize) {
    let mut copies = 0;
    let (name, text) = match plan {
        Plan::Copies(plan_copies) => {
            let mut m = String::from("copy_path\tsource_path\n");
            for (i, p) in plan_copies.iter().enumerate() {
                if let Some(src) = *p {
                    let y = year_of(seed, plan, i);
                    let _ = writeln!(m, "{}\t{}", rel_path(i, y), rel_path(src, y));
                    copies += 1;
                }
            }
            ("planted_pairs.tsv", m)
        }
        Plan::Templates(origins) => {
            let mut m = String::from("path\ttemplate\trole\n");
            for (i, origin) in origins.iter().enumerate() {
                let y = year_of(seed, plan, i);
                let (template, role) = match *origin {
                    Origin::Template(t) => (format!("T{t:03}"), "template"),
                    Origin::Filled(t) => {
                        copies += 1;
                        (format!("T{t:03}"), "filled")
                    }
                    Origin::Original => ("-".to_string(), "original"),
                };
                let _ = writeln!(m, "{}\t{template}\t{role}", rel_path(i, y));
            }
            ("templates.tsv", m)
        }
    };
    (name, text, copies)
}

fn main() -> ExitCode {
    let args: Vec<OsString> = env::args_os().skip(1).collect();
    let opts = match parse_args(&args) {
        Ok(Some(o)) => o,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(msg) => {
            eprintln!("gen_corpus: {msg}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let t0 = Instant::now();
    match run(&opts) {
        Ok(copies) => {
            let what = if opts.templates > 0 {
                "filled from a template"
            } else {
                "planted copies"
            };
            eprintln!(
                "gen_corpus: wrote {} documents ({copies} {what}) to {} in {:.2}s",
                opts.n,
                opts.dir.display(),
                t0.elapsed().as_secs_f64()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("gen_corpus: {e}");
            ExitCode::from(1)
        }
    }
}
