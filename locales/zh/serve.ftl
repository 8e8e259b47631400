# `zongjie serve`：服务在终端、JSON 错误和网页上说的话。

## 终端
serve-listening = 正在 { $url } 上提供服务（按 Ctrl-C 停止）
serve-token-on = 每次 API 调用都需要令牌（Authorization: Bearer …）；网页会提示输入，也可以打开 { $url }#token=… 直接带上令牌
serve-needs-token = { $addr } 不是本机回环地址：在此地址提供服务需要令牌（--token 或环境变量 ZONGJIE_TOKEN）
serve-bad-token = 令牌须为不含空格的可打印 ASCII 字符，且不能为空
serve-bad-bind = --bind { $value }：不是 IP 地址（例如 127.0.0.1、::1、0.0.0.0）
serve-bad-size = { $value }：不是有效的大小（例如 20M、512k、1048576）
serve-bad-duration = { $value }：不是有效的时长（例如 30s、500ms、2m）
serve-bad-count = --{ $flag } 至少为 { $least }
serve-cannot-bind = 无法在 { $addr } 上监听：{ $why }
serve-stopping = 正在停止：等待进行中的请求完成
serve-stopped = 已停止
serve-log = { $method } { $path } { $status } { $ms } 毫秒，收到 { $in } 字节，返回 { $out } 字节

## API 的 JSON 错误
serve-error-not-found = { $path } 处没有内容
serve-error-method = 此处不允许 { $method } 请求
serve-error-unauthorized = 此服务需要令牌：请发送“Authorization: Bearer <令牌>”
serve-error-wrong-token = 令牌与本服务设置的不符
serve-error-host = 此服务只响应本机回环地址，不响应主机 { $host }
serve-error-too-large = 请求超过了 { $limit } 字节的上限
serve-error-busy = 服务正忙，请稍后再试
serve-error-timeout = 请求处理超过 { $seconds } 秒，已放弃
serve-error-content-type = 不接受内容类型 { $type }：请把文件作为请求体发送（application/octet-stream、text/plain、text/markdown 或 .docx 的类型），或作为多部分表单的“file”字段，或以 JSON {"{"}"text": "…"{"}"} 发送
serve-error-file-type = { $name }：这里只读取 .docx、.txt 和 .md 文件（.doc 和 .wps 文件请先另存为 .docx）
serve-error-body = 无法读取请求体：{ $why }
serve-error-empty = 请求中没有文档
serve-error-bad-json = JSON 请求体无效：{ $why }
serve-error-bad-multipart = 多部分表单无效：{ $why }
serve-error-no-file-field = 多部分表单中没有“file”字段
serve-error-two-files = 每个请求只能发送一份文档
serve-error-bad-query = 查询参数“{ $name }”未知或无效
serve-error-bad-name = 文件名最多 255 字节，且不能含控制字符
serve-error-charset = 未知的字符集“{ $charset }”
serve-error-not-text = { $name } 不是文本文件：{ $why }
serve-error-broken-docx = { $name } 不是可读取的 Word 文件：{ $why }
serve-error-docx-limit = { $name } 解压后超过了服务读取的上限（可能是压缩炸弹）：{ $why }
serve-error-annotate-word-only = 只有 Word（.docx）文件才能生成批注副本
serve-error-annotate = 无法生成批注副本：{ $why }
serve-error-internal = 分析意外失败；服务仍在运行

## 网页
page-title = zongjie · 工作总结检查
page-heading = 检查工作总结
page-intro = 拖入 Word（.docx）、文本（.txt）或 Markdown（.md）文件，或粘贴文字。文档只在本服务中检查，不会保存。
page-drop = 把文件拖到这里
page-or = 或
page-choose = 选择文件…
page-paste-label = 或粘贴文字
page-paste-placeholder = 在此粘贴总结全文…
page-check = 检查文字
page-token-label = 访问令牌
page-token-hint = 此服务需要管理员提供的访问令牌。
page-token-save = 使用此令牌
page-token-needed = 请先输入访问令牌。
page-checking = 正在检查…
page-findings = 发现的问题
page-no-findings = 未发现问题：没有未填写的占位符、编号错误或缺少的部分。
page-document = 文档
page-profile = 文种
page-download = 下载带批注的 .docx
page-download-hint = 每个问题都会成为所在文字上的 Word 批注。
page-downloading = 正在生成批注副本…
page-downloaded = 已下载
page-network-error = 无法连接到服务。
page-too-large = 文件超过了此服务接受的大小。
page-empty-text = （文档为空）
page-fix = 修改建议
page-footer = 在本机运行：文档只在内存中分析，不写入磁盘，也不记入日志。
page-lang-zh = 中文
page-lang-en = English
