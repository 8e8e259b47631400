# 检查结果：各规则对文稿中某一处的提示。

## placeholder
placeholder-unfilled = 未填写的占位符
placeholder-instruction = 模板中的填写说明未删除
placeholder-notice = 模板中的提示语未删除
warning-empty-document = 文稿为空：没有可检查的内容，不计分

## numbering
numbering-start = 序号应从“{ $expected }”开始，此处为“{ $found }”
numbering-skip = 序号不连续：应为“{ $expected }”，实为“{ $found }”
numbering-repeat = 序号重复：应为“{ $expected }”，实为“{ $found }”
numbering-back = 序号倒退：应为“{ $expected }”，实为“{ $found }”

## unbalanced
unbalanced-never-closed = “{ $mark }”缺少对应的后半
unbalanced-never-opened = “{ $mark }”前面缺少对应的前半
unbalanced-mismatched = “{ $mark }”与第 { $column } 列的“{ $open }”不配对

## empty-section
empty-section-nothing = 此标题下没有内容

## heading-style
heading-style-write = “{ $marker }”应写作“{ $want }”
heading-style-write-because = “{ $marker }”应写作“{ $want }”：{ $reasons }
heading-style-stray-pause = 括号或圈码后不加顿号
heading-style-full-width-parens = 应使用全角括号（）
heading-style-level-one-pause = 一级标题序号后用顿号
heading-style-level-three-mixed = 三级标题序号写法不统一，GB/T 9704 规定写作“1.”
heading-style-half-width-digits = 数字应为半角

## missing-section
missing-section-role = 缺少“{ $role }”部分（如“{ $example }”），{ $genre }应有此部分
example-situation = 主要工作情况
example-practice = 主要做法
example-results = 工作成效
example-problems = 存在的问题
example-plans = 下一步打算
example-integrity = 廉洁自律情况
example-proactive-disclosure = 主动公开政府信息情况
example-disclosure-requests = 收到和处理政府信息公开申请情况
example-appeals = 政府信息公开行政复议、行政诉讼情况
example-other-matters = 其他需要报告的事项

## repeated-phrase
repeated-phrase-overused = “{ $word }”用了 { $count } 次（每千字 { $rate } 次）
repeated-phrase-ngram = “{ $phrase }”重复出现 { $count } 次

## formulation
formulation-member-order = { $name }的顺序不对，应为：{ $canonical }
formulation-missing-member = { $name }缺少“{ $missing }”，应为：{ $canonical }
formulation-foreign-member = “{ $item }”不属于{ $name }，应为：{ $canonical }
formulation-count-word = “{ $found }”应为“{ $name }”：{ $canonical }
formulation-near-miss = 应为“{ $phrase }”
formulation-wrong-wording = 规范表述为“{ $canonical }”
formulation-outdated-wording = 在 { $year } 年的总结中已不宜使用：自 { $since } 起，{ $name }表述为“{ $canonical }”
formulation-outdated-name = 在 { $year } 年的总结中已不宜使用：自 { $since } 起，“{ $found }”已改为“{ $successor }”
formulation-outdated-congress = 在 { $year } 年的总结中，{ $found }已不是最新提法：{ $latest }已于 { $held } 召开
formulation-not-yet-held = { $found }于 { $held } 闭幕，晚于这篇 { $year } 年总结的写作时间

## punctuation
punctuation-enumeration-comma = 并列的引号或书名号之间不用顿号：{ $found } 应写作 { $fixed }
punctuation-halfwidth = 中文中误用半角“{ $found }”，应为“{ $right }”
punctuation-parentheses = 中文中误用半角括号，应写作：{ $fixed }
punctuation-mixed-quotes = 引号与全文通用的“{ $canonical }”不一致，应写作：{ $fixed }
