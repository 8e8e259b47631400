# Findings: what each rule says about one place in a document.

## placeholder
placeholder-unfilled = unfilled placeholder
placeholder-instruction = template instruction left in
placeholder-notice = template notice left in
warning-empty-document = the document is empty: nothing to check, and no score

## numbering
numbering-start = "{ $found }" should be "{ $expected }": the numbering starts here
numbering-skip = "{ $found }" should be "{ $expected }": a number is skipped
numbering-repeat = "{ $found }" should be "{ $expected }": the number is used twice
numbering-back = "{ $found }" should be "{ $expected }": the numbering goes back

## unbalanced
unbalanced-never-closed = "{ $mark }" is never closed
unbalanced-never-opened = "{ $mark }" closes nothing
unbalanced-mismatched = "{ $mark }" does not match the "{ $open }" opened at column { $column }

## empty-section
empty-section-nothing = nothing under this heading

## heading-style
heading-style-write = write "{ $want }" instead of "{ $marker }"
heading-style-write-because = write "{ $want }" instead of "{ $marker }": { $reasons }
heading-style-stray-pause = no 、 after a closing parenthesis or a circled number
heading-style-full-width-parens = use full-width parentheses （）
heading-style-level-one-pause = a level-1 number takes 、
heading-style-level-three-mixed = the level-3 numbers mix styles, and GB/T 9704 writes them 1.
heading-style-half-width-digits = use half-width digits

## missing-section
missing-section-role = no "{ $role }" section (such as { $example }), which a { $genre } should have
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
repeated-phrase-overused = "{ $word }" used { $count } times ({ $rate } per 1000 chars)
repeated-phrase-ngram = phrase "{ $phrase }" repeated { $count } times

## formulation
formulation-member-order = { $name } out of order: write { $canonical }
formulation-missing-member = { $name } lacks { $missing }: { $canonical }
formulation-foreign-member = { $item } is not one of { $name }: { $canonical }
formulation-count-word = { $found } should be { $name }: { $canonical }
formulation-near-miss = did you mean { $phrase }?
formulation-wrong-wording = the official wording is { $canonical }
formulation-outdated-wording = outdated for { $year }: since { $since } { $name } is { $canonical }
formulation-outdated-name = outdated for { $year }: since { $since } { $found } is { $successor }
formulation-outdated-congress = outdated for { $year }: { $found } is not the latest; { $latest } was held on { $held }
formulation-not-yet-held = { $found } ended on { $held }, after this { $year } summary was written

## punctuation
punctuation-enumeration-comma = no 、 between items in quotation or book-title marks: { $found } should be { $fixed }
punctuation-halfwidth = half-width { $found } in Chinese text: write { $right }
punctuation-parentheses = half-width parentheses in Chinese text: write { $fixed }
punctuation-mixed-quotes = quotation marks differ from the document's { $canonical }: write { $fixed }
