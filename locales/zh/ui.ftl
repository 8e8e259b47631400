# 命令行在检查结果之外的文字：汇总、标题、错误信息。


## 标点和分隔符。
list-separator = 、
group-separator = ；
colon = ：
paren-open = （
paren-close = ）
quote-open = “
quote-close = ”

## 严重程度、占位符类别、章节角色。
severity-info = 提示
severity-warning = 警告
severity-error = 错误
kind-number = 数量
kind-date = 日期
kind-organization = 单位
kind-person = 人员
kind-title = 标题
kind-other = 其他
kind-number-paren = （数量）
kind-date-paren = （日期）
kind-organization-paren = （单位）
kind-person-paren = （人员）
kind-title-paren = （标题）
kind-other-paren = （其他）
role-situation = 工作情况
role-practice = 主要做法
role-results = 成效
role-problems = 存在问题
role-plans = 下一步打算

role-integrity = 廉洁自律
role-proactive-disclosure = 主动公开
role-disclosure-requests = 依申请公开
role-appeals = 复议诉讼
role-other-matters = 其他事项
kind-instruction = 填写说明
kind-notice = 模板提示
kind-instruction-paren = （填写说明）
kind-notice-paren = （模板提示）

## dicts/phrases.txt 的提法类别。
category-campaign = 学习教育活动
category-meeting = 会议
category-organization = 组织机构
category-policy = 方针政策
category-regulation = 党内法规
category-slogan = 重要表述
category-theory = 理论
category-work-style = 工作方法
category-custom = 自定义

## 读取输入时的问题。
prefix-error = 错误：
prefix-warning = 警告：
error-no-inputs = 没有找到要检查的文件（默认读取 .txt .md .text .docx；其他文件请用 --glob 指定）
error-format-unavailable = 此命令不支持 --format { $format }
error-output-is-input = -o 指定的 { $path } 是待检查的文件，不予覆盖
note-output-left-out = 跳过 { $path }：这是本次运行的输出文件（-o）
note-earlier-report = 跳过 { $path }：这是 zongjie 此前生成的报告，不是文稿
error-none-readable = { $failed ->
    [1] 唯一的输入文件无法读取
   *[other] { $failed } 个输入文件都无法读取
}
error-unknown-rule = 没有“{ $rule }”这条规则；现有规则：{ $rules }

## lint
lint-summary = 共检查 { $files } 个文件，发现 { $findings } 处问题
lint-summary-failed = ，{ $failed } 个文件无法读取

## analyze
analyze-failed-heading = 无法读取的文件（{ $failed } 个）

## outline
outline-no-headings = （没有标题）
outline-no-role = 未归类
outline-none = 无
outline-missing-sections = 缺少的部分：{ $list }
outline-numbering-none = 序号问题：无
outline-numbering-heading = 序号问题：
outline-numbering-slip = 应为“{ $expected }”，实为“{ $found }”
outline-completeness = 完整度：{ $score }（结构 { $structure } · 填写 { $filled } · 格式 { $form }）
outline-breakdown = 占位符 { $slots } 处{ $kinds } · 缺少部分 { $missing } · 空标题 { $empty } · 序号问题 { $numbering } · 标题写法 { $style } · 符号不成对 { $unbalanced }

## phrases
phrases-head = { $path }（{ $encoding }，{ $tokens } 个词）
phrases-phrases = 提法
phrases-titles = 引用文件
phrases-quotes = 引号内容
phrases-keywords = 关键词
phrases-repeated = 重复短语
phrases-overused = 套话
phrases-rate = （每千字 { $rate } 次）
phrases-first-line = （第 { $line } 行）

## rules
rules-off = 关闭
rules-default = 默认级别：{ $level }。可在 zongjie.toml 的 [rules] 中或用 --rule、--skip-rule 调整。

## CSV 列名
csv-path = 文件
csv-encoding = 编码
csv-error = 错误
csv-chars = 字数
csv-tokens = 词数
csv-slots = 占位符
csv-slots-of = 占位符（{ $kind }）
csv-headings = 标题数
csv-missing-roles = 缺少的部分
csv-numbering-errors = 序号问题
csv-empty-sections = 空标题
csv-unbalanced = 符号不成对
csv-phrases = 提法次数
csv-completeness = 完整度
csv-warnings = 读取警告
csv-line = 行
csv-column = 列
csv-end-line = 结束行
csv-end-column = 结束列
csv-rule = 规则
csv-severity = 级别
csv-kind = 类别
csv-text = 原文
csv-message = 说明

## 帮助
help-zongjie = 检查和分析中文工作总结（工作总结、述职报告等）。
help-lint = 列出未填写的占位符和结构问题，格式为“文件:行:列”。
help-analyze = 并行分析大量文稿：逐篇指标和全库统计。
help-outline = 输出标题层级、缺少的部分、序号问题和完整度。
help-phrases = 列出提法、引用文件、引号内容、关键词和重复用语。
help-rules = 列出检查规则，或解释其中一条。
help-serve = 运行本地网页服务：可在网页上检查文稿，并提供 JSON API。
help-arg-bind = 监听的地址（默认 127.0.0.1：仅限本机）；其他地址需要令牌。
help-arg-port = 监听的端口（默认 8080；0 表示任选空闲端口，启动时显示）。
help-arg-token = 每次 API 调用须以“Authorization: Bearer 令牌”携带的令牌（默认取环境变量 ZONGJIE_TOKEN，可避免令牌出现在进程列表中）。
help-arg-max_body = 请求体的最大大小（默认 20M；k、M、G 以 1024 为单位）。
help-arg-jobs = 同时进行的分析数（默认：CPU 核数）。
help-arg-queue = 可排队等待分析的请求数（默认 64）；超出时服务返回 503 并附 Retry-After。
help-arg-timeout = 每个 API 请求允许的时间（默认 30s；单位 ms、s 或 m）；超时服务返回 503。
help-arg-default_lang = 请求未指定语言（?lang= 或 Accept-Language）时使用的语言：zh 或 en（默认跟随系统区域设置）。
help-usage = 用法：
help-commands = 命令
help-options = 选项
help-arguments = 参数
help-flag-help = 显示帮助
help-flag-version = 显示版本
help-arg-paths = 要读取的文件或文件夹（- 表示标准输入）。
help-arg-format = 输出格式：text（默认）、json、ndjson、csv；lint 另有 sarif、rdjson，analyze 另有 html。
help-arg-output = 输出写入此文件，而不是标准输出（不会覆盖待检查的文件）。
help-arg-quiet = 只输出结果：不显示进度条和末尾的汇总行。
help-arg-lang = 提示语言：zh 或 en（默认跟随系统区域设置）。
help-arg-glob = 只读取与此模式匹配的文件（可重复）；以 ! 开头表示排除。
help-arg-encoding = 按此编码读取所有文件，不自动识别（UTF-8、GBK、GB18030、UTF-16LE 等）。
help-arg-config = 使用此配置文件，而不是就近的 zongjie.toml。
help-arg-dump_config = 以 TOML 格式输出当前生效的配置后退出。
help-arg-color = 何时使用颜色：auto（默认，输出到终端且未设置 NO_COLOR 时）、always、never。
help-arg-threads = 工作线程数（默认使用全部核心）；线程数不影响输出结果。
help-arg-rules = 只运行这些规则（可重复，或用逗号分隔）。
help-arg-skip_rules = 不运行这些规则（可重复，或用逗号分隔）。
help-arg-fail_level = 发现此级别及以上的问题时以 1 退出：info、warning（默认）、error。
help-arg-min_docs = 全库重复短语和相同句子至少出现在多少篇文稿中（默认 2）。
help-arg-top = 列出的全库短语和句子数（analyze，默认 50）；每篇列出的关键词数（phrases，默认 10）。
help-arg-dup_threshold = 判定为近似重复的最低相似度（5 字片段的 Jaccard 系数，默认 0.5）。
help-arg-profile = 一律按此文种检查，不从标题行或文件名识别：work-summary（工作总结）、debrief（述职报告）、debrief-integrity（述职述廉报告）、study（学习情况总结）、disclosure（政府信息公开工作年度报告）、general（通用）。
help-arg-fix = 应用答案唯一的修改：文本文件直接改写，Word 文件以修订方式写入批注稿。
help-arg-diff = 以统一差异格式输出修改内容，不输出检查结果，也不改动文件。
help-arg-annotate = 为每个 Word 文件另存一份批注稿（原名.zongjie.docx），每个问题都是一条批注。
help-arg-annotate_out = 批注稿的保存位置（只能有一个输入）。
help-arg-author = 批注和修订的作者（默认 zongjie）。
help-arg-max_pairs = 列出的近似重复文稿对数，最相似的在前（默认 1000；总数总会给出）。
help-arg-show_shared = 在文本汇总中列出每份近似重复文稿与代表文稿相同的段落。
help-arg-id = 要解释的规则（不写则列出全部规则）。

## Genre profiles
csv-profile = 文种
outline-completeness-none = 完整度：无（没有可评分的内容）
outline-profile = 文种：{ $profile }
lint-summary-profile = ；文种 { $profiles }

## 问题在 Word 文件中的位置
word-separator = ，
word-header = 页眉 { $n }
word-footer = 页脚 { $n }
word-footnote = 脚注 { $n }
word-endnote = 尾注 { $n }
word-text-box = 文本框 { $n }
word-table-cell = 表 { $table } 第 { $row } 行第 { $cell } 列
word-paragraph-char = 第 { $paragraph } 段第 { $char } 字
word-paragraph-number = 第 { $paragraph } 段的自动编号

## 修改与批注
error-annotate-out-one-input = --annotate-out 只能指定一个文件，因此只能有一个输入
note-stdin-not-written = 标准输入：不写回任何内容
note-not-annotated = { $path }：未生成批注稿：{ $why }
note-no-diff-for-word = { $path }：Word 文件不输出差异，可用 --annotate --fix 以修订方式写入修改
note-annotate-word-only = { $path }：--annotate 用于 Word 文件，此文件为文本文件
note-fixed = { $path }：已修改 { $count } 处
note-not-fixed = { $path }：未修改：{ $why }
note-annotated = 已生成 { $path }：批注 { $comments } 条{ $unplaced ->
        [0] {""}
       *[other] （{ $unplaced } 条无法定位）
    }，修订 { $changes } 处{ $skipped ->
        [0] {""}
       *[other] （{ $skipped } 处未写入）
    }

## analyze 汇总
summary-archive-heading = 文稿库：
summary-archive = 共 { $documents } 份文稿，分析 { $analysed } 份，失败 { $failed } 份
summary-completeness-heading = 完整度：
summary-completeness = 平均 { $mean }，完整 { $complete } 份，含未填写占位符 { $slots } 份
summary-unscored = { $n } 份为空，不计分
summary-profiles = 文种：{ $list }
summary-missing = 缺少的部分：{ $list }
summary-slots-by-kind = 未填写的占位符（按类别）：{ $list }
summary-most-slots = 占位符最多的文稿（含占位符的 { $total } 份中的前 { $shown } 份）：
summary-phrases-heading = 重复短语：
summary-sentences-heading = 相同句子：
summary-columns-documents-count = 文稿数、次数
summary-columns-documents = 文稿数
summary-top-of = 共 { $total } 条中的前 { $shown } 条（{ $columns }）
summary-more = ……另有 { $n } 条
summary-found-in = 见于 { $places }{ $more ->
        [0] {""}
       *[other] ……另有 { $more } 份
    }
summary-duplicates-heading = 近似重复：
summary-no-duplicates = 没有相似度达到 { $threshold } 的文稿
summary-clusters-heading = 近似重复文稿组：
summary-clusters = { $clusters } 组，共 { $documents } 份文稿（每份与代表文稿的相似度 ≥ { $threshold }；代表文稿是组内最居中的一份）
summary-cluster = 第 { $number } 组：{ $size } 份文稿，至少 { $pairs } 对近似重复
summary-representative = 代表文稿：{ $path }
summary-more-clusters = ……另有 { $n } 组
summary-pairs-heading = 近似重复文稿对：
summary-pairs = 核实 { $total } 对；最相似的 { $shown } 对：
summary-passage = { $a } ↔ { $b }，{ $chars } 字：{ $excerpt }
summary-passages-more = ……共 { $n } 段相同内容，{ $chars } 字
summary-unverifiable = { $total } 份候选文稿无法重新读取以核实（已改动或无法读取）：

# 无法读取的文件（zongjie::Error::message）。
read-error-io = { $path }：无法读取：{ $reason }
read-error-not-found = 文件或文件夹不存在
read-error-permission = 没有读取权限
read-error-directory = 这是一个文件夹
read-error-os = { $detail }
read-error-binary = { $path }：不是文本文件（{ $reason }）
read-error-unsupported = { $path }：不支持的格式（{ $format }），请先转换为 .docx 或 .txt，例如 `libreoffice --headless --convert-to docx 文件名`
read-error-convert = { $path }：LibreOffice 无法转换此文件：{ $detail }
read-error-docx = { $path }：无法读取此 Word 文件：{ $detail }
read-error-too-large = { $path }：文件过大（{ $size } 字节，上限 { $limit } 字节）
read-error-encoding = 未知的编码 { $name }（可用 UTF-8、GBK、GB18030、UTF-16LE、UTF-16BE、Big5）

## 分片与合并（analyze --shard、--partial；merge）
error-bad-shard = --shard 的写法是 I/N（1 ≤ I ≤ N，例如 2/8），不能是“{ $value }”
error-partial-is-output = --partial 与 -o 指向同一个文件 { $path }
error-partial-is-input = --partial 指定的 { $path } 是待分析的文件，不予覆盖
note-partial-left-out = 跳过 { $path }：这是本次运行的全库状态文件（--partial）
note-partial-written = 已将 { $documents } 篇文稿的全库状态写入 { $path }，可用 zongjie merge 合并
error-merge-over-state = { $flag } 指定的 { $path } 是要合并的状态文件，不予覆盖
error-merge-state = { $path }：{ $error }
error-merge-unlike = { $path }：生成时 { $option } 为 { $theirs }，而 { $first } 为 { $ours }
error-merge-unlike-config = { $path }：分析设置（zongjie.toml、--config、--profile、--rule、--skip-rule）与 { $first } 不同
state-not-a-state = 不是 zongjie 全库状态文件（可用 zongjie analyze --partial 文件名 生成）
state-format = 状态文件为第 { $found } 版格式，本程序只能读取第 { $expected } 版
state-version = 由 zongjie { $found } 生成，当前为 zongjie { $expected }：请用同一版本重新分析各分片
state-corrupt = 全库状态文件已损坏（{ $why }）
state-settings = 生成时 { $option } 为 { $theirs }，此前的状态文件为 { $ours }
state-settings-config = 生成时的分析设置（zongjie.toml、--config、--profile、--rule、--skip-rule）与此前的状态文件不同
state-duplicate = { $path } 出现在多个状态文件中：每篇文稿只能分到一个分片
state-nothing = 没有可合并的全库状态文件
state-encode = 无法写出全库状态（{ $why }）
help-merge = 将各分片的全库状态（analyze --partial 生成）合并为全库报告。
help-arg-shard = 只分析第 I 个分片（共 N 个，1 ≤ I ≤ N）：按路径散列分配，同一文件总在同一分片，与本次还有哪些文件无关。
help-arg-partial = 将全库状态写入此文件，不输出全库报告（analyze：供 zongjie merge 合并；merge：用于分步合并）。
help-arg-states = 由 zongjie analyze --partial 生成的全库状态文件。
help-arg-listing_min_docs = 全库重复短语和相同句子至少出现在多少篇文稿中（默认沿用状态文件的设置）。
help-arg-listing_top = 列出的全库短语和句子数（默认沿用状态文件的设置）。
help-arg-listing_dup_threshold = 判定为近似重复的最低相似度（默认沿用状态文件的设置）。
help-arg-listing_max_pairs = 列出的近似重复文稿对数，最相似的在前（默认沿用状态文件的设置；总数总会给出）。
csv-section = 栏目
csv-rank = 名次
csv-documents = 文稿数
csv-count = 次数
csv-value = 数值
csv-other-path = 对应文件
