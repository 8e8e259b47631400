# analyze 的 HTML 报告（src/render/html/）：页面上的标题、标签和说明。
# 由页面自行填入的变量，这里同样写作 { $name }。

html-title = 文稿库分析报告
html-generated = 由 { $generator } 生成
html-noscript = 文稿列表和近似重复文稿组需要启用 JavaScript 才能显示；报告的其余部分见上文。

## 导航
html-nav-overview = 概况
html-nav-completeness = 完整度
html-nav-clusters = 近似重复
html-nav-sentences = 相同句子
html-nav-phrases = 重复短语
html-nav-documents = 文稿列表

## 概况
html-overview-documents = 文稿数
html-overview-failed = 无法读取
html-overview-mean = 平均完整度
html-overview-with-slots = 含未填写占位符
html-overview-complete = 完整（得分为 1）
html-overview-unscored = 空文稿，不计分
html-overview-findings = 问题总数
html-overview-clusters = 近似重复文稿组
html-overview-pairs = 近似重复文稿对
html-none = 无

## 图表
html-histogram = 完整度分布
html-axis-documents = 文稿数
html-axis-score = 得分
html-missing-by-role = 缺少的部分（按部分）
html-missing-by-profile = 缺少的部分（按文种）
html-missing-by-profile-note = 每格为该文种中缺少此部分的文稿数（“–”表示该文种不要求此部分，或没有文稿缺少）。
html-profile = 文种
html-documents = 文稿数
html-slots-by-kind = 未填写的占位符（按类别）
html-no-data = 暂无数据。

## 列表
html-top-of = 共 { $total } 条，列出最常见的 { $shown } 条。
html-undercount = 为控制内存，统计表会定期精简，文稿数最多可能少计 { $n } 份。
html-more = ……另有 { $n } 份
html-col-sentence = 句子
html-col-phrase = 短语
html-col-documents = 文稿数
html-col-count = 次数
html-col-found-in = 见于

## 近似重复
html-clusters-none = 没有相似度达到 { $threshold } 的文稿。
html-cluster = 组
html-representative = 代表文稿
html-size = 文稿数
html-min-similarity = 最低相似度
html-pairs-at-least = 近似重复文稿对（至少）
html-members-of = 第 { $n } 组的成员
html-member = 文稿
html-similarity = 相似度
html-shared-passages = 相同段落
html-shared-chars = 相同字数
html-choose-member = 选择一份文稿，查看它与代表文稿相同的段落。
html-compare-title = { $member } 与代表文稿 { $representative } 对照
html-representative-text = 代表文稿全文
html-member-passages = 该文稿与代表文稿相同的段落
html-passage-place = 本文第 { $line } 行 · 代表文稿第 { $other } 行 · { $chars } 字
html-passages-shown = 共 { $total } 段相同内容（计 { $chars } 字），列出最长的 { $shown } 段
html-omitted = ……（略去 { $n } 字）……
html-text-cut = 本报告只收录代表文稿的前 { $chars } 字，其后的段落只列出行号。
html-text-unavailable = 生成报告时无法再次读取此文稿（来自标准输入，或文件已改动），只显示各段开头几个字。
html-passage-beyond-cut = （在本报告收录的部分之后）

## 分页
html-page = 第 { $page } 页，共 { $pages } 页
html-prev = 上一页
html-next = 下一页
html-showing = 第 { $from }–{ $to } 份，共 { $total } 份
html-per-page = 每页

## 文稿列表
html-col-number = 序号
html-col-path = 文件
html-col-profile = 文种
html-col-score = 完整度
html-col-slots = 占位符
html-col-missing = 缺少的部分
html-col-findings = 问题
html-col-status = 状态
html-status-failed = 无法读取
html-status-read = 已读取
html-filter-path = 文件名包含
html-filter-score = 完整度从
html-filter-score-to = 到
html-filter-slots = 占位符
html-filter-any = 不限
html-filter-slots-some = 有占位符
html-filter-slots-none = 无占位符
html-filter-missing = 缺少的部分
html-filter-missing-none = 无缺项
html-filter-status = 状态
html-filter-reset = 清除筛选
html-no-match = 没有符合条件的文稿。
html-sort-hint = 点击列名排序；点击一行查看该文稿的问题。

## 单份文稿的问题
html-details-title = { $path } 中的问题
html-details-none = 未发现问题。
html-details-error = 无法读取：{ $error }
html-details-warnings = 读取时做了修复：
html-details-cluster = 属于第 { $n } 组近似重复文稿
html-details-close = 关闭
html-col-line = 行
html-col-rule = 规则
html-col-severity = 级别
html-col-text = 原文
html-col-message = 说明

## 页面上的文种名称（dicts/profiles.txt；其他文种显示其代号）
html-profile-disclosure = 政府信息公开年度报告
html-profile-debrief-integrity = 述职述廉报告
html-profile-debrief = 述职报告
html-profile-study = 学习情况总结
html-profile-work-summary = 工作总结
html-profile-general = 其他文稿
