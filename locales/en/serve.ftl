# `zongjie serve`: what the service says on the terminal, in its JSON errors, and on its page.

## The terminal
serve-listening = listening on { $url } (Ctrl-C stops)
serve-token-on = every API call needs the token (Authorization: Bearer …); the page asks for it, or open { $url }#token=… to pass it
serve-needs-token = { $addr } is not a loopback address: serving there needs a token (--token or the ZONGJIE_TOKEN environment variable)
serve-bad-token = the token must be printable ASCII without spaces, and not empty
serve-bad-bind = --bind { $value }: not an IP address (e.g. 127.0.0.1, ::1, 0.0.0.0)
serve-bad-size = { $value }: not a size (e.g. 20M, 512k, 1048576)
serve-bad-duration = { $value }: not a duration (e.g. 30s, 500ms, 2m)
serve-bad-count = --{ $flag } must be at least { $least }
serve-cannot-bind = cannot listen on { $addr }: { $why }
serve-stopping = stopping: finishing the requests under way
serve-stopped = stopped
serve-log = { $method } { $path } { $status } { $ms } ms, { $in } B in, { $out } B out

## JSON errors of the API
serve-error-not-found = there is nothing at { $path }
serve-error-method = { $method } is not allowed here
serve-error-unauthorized = this service needs a token: send "Authorization: Bearer <token>"
serve-error-wrong-token = the token is not the one this service was given
serve-error-host = this service answers only to its loopback address, not to host { $host }
serve-error-too-large = the request is larger than the limit of { $limit } bytes
serve-error-busy = the service is busy; try again in a moment
serve-error-timeout = the request took longer than { $seconds } s and was given up
serve-error-content-type = content type { $type } is not accepted: send the file as the body (application/octet-stream, text/plain, text/markdown or the .docx type), as the "file" field of a multipart form, or as JSON {"{"}"text": "…"{"}"}
serve-error-file-type = { $name }: only .docx, .txt and .md files are read here (save .doc and .wps files as .docx first)
serve-error-body = the request body could not be read: { $why }
serve-error-empty = the request holds no document
serve-error-bad-json = the JSON body is not valid: { $why }
serve-error-bad-multipart = the multipart form is not valid: { $why }
serve-error-no-file-field = the multipart form has no "file" field
serve-error-two-files = send one document per request
serve-error-bad-query = unknown or invalid query parameter "{ $name }"
serve-error-bad-name = the file name must be at most 255 bytes, without control characters
serve-error-charset = unknown charset "{ $charset }"
serve-error-not-text = { $name } is not a text file: { $why }
serve-error-broken-docx = { $name } is not a readable Word file: { $why }
serve-error-docx-limit = { $name } unpacks to more than the service reads (it may be a zip bomb): { $why }
serve-error-annotate-word-only = annotated copies are made of Word (.docx) files only
serve-error-annotate = the annotated copy could not be written: { $why }
serve-error-internal = the analysis failed unexpectedly; the service goes on

## The page
page-title = zongjie · check a work summary
page-heading = Check a work summary
page-intro = Drop a Word (.docx), text (.txt) or Markdown (.md) file, or paste the text. It is checked by this service and never stored.
page-drop = Drop a file here
page-or = or
page-choose = Choose a file…
page-paste-label = Or paste the text
page-paste-placeholder = Paste the summary here…
page-check = Check the text
page-token-label = Access token
page-token-hint = This service needs the access token its operator gave you.
page-token-save = Use this token
page-token-needed = Enter the access token first.
page-checking = Checking…
page-findings = Findings
page-no-findings = Nothing found: no unfilled slot, numbering slip or missing section.
page-document = Document
page-profile = Profile
page-download = Download the annotated .docx
page-download-hint = Every finding becomes a Word comment on its text.
page-downloading = Preparing the annotated copy…
page-downloaded = Downloaded
page-network-error = The service cannot be reached.
page-too-large = The file is larger than this service accepts.
page-empty-text = (the document is empty)
page-fix = fix
page-footer = Runs on this machine: documents are analysed in memory, never written to disk or logged.
page-lang-zh = 中文
page-lang-en = English
