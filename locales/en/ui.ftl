# What the command line says around the findings: summaries, headings, errors.


## Punctuation and separators, so lists read right in each language.
list-separator = {", "}
group-separator = {"; "}
colon = {": "}
paren-open = {" ("}
paren-close = )
quote-open = "
quote-close = "

## Severities, slot kinds and section roles as people read them.
severity-info = info
severity-warning = warning
severity-error = error
kind-number = number
kind-date = date
kind-organization = organization
kind-person = person
kind-title = title
kind-other = other
kind-number-paren = {" "}(number)
kind-date-paren = {" "}(date)
kind-organization-paren = {" "}(organization)
kind-person-paren = {" "}(person)
kind-title-paren = {" "}(title)
kind-other-paren = {" "}(other)
role-situation = situation
role-practice = practice
role-results = results
role-problems = problems
role-plans = plans

role-integrity = integrity
role-proactive-disclosure = proactive disclosure
role-disclosure-requests = disclosure requests
role-appeals = appeals
role-other-matters = other matters
kind-instruction = instruction
kind-notice = notice
kind-instruction-paren = {" "}(instruction)
kind-notice-paren = {" "}(notice)

## Phrase categories of dicts/phrases.txt.
category-campaign = campaign
category-meeting = meeting
category-organization = organization
category-policy = policy
category-regulation = regulation
category-slogan = slogan
category-theory = theory
category-work-style = work-style
category-custom = custom

## Problems reading inputs.
prefix-error = error:{" "}
prefix-warning = warning:{" "}
error-no-inputs = no input files found (default extensions: .txt .md .text .docx; use --glob)
error-format-unavailable = --format { $format } is not available for this command
error-output-is-input = refusing to overwrite input file { $path } with -o
note-output-left-out = leaving out { $path }: it is this run's output (-o)
note-earlier-report = leaving out { $path }: it is a zongjie report, not a document
error-none-readable = { $failed ->
    [1] the only input file could not be read
   *[other] none of the { $failed } input files could be read
}
error-unknown-rule = unknown rule "{ $rule }"; rules are: { $rules }

## lint
lint-summary = { $files ->
        [one] { $files } file
       *[other] { $files } files
    } checked, { $findings ->
        [one] { $findings } finding
       *[other] { $findings } findings
    }
lint-summary-failed = , { $failed ->
        [one] { $failed } file
       *[other] { $failed } files
    } could not be read

## analyze
analyze-failed-heading = Could not be read ({ $failed })

## outline
outline-no-headings = (no headings)
outline-no-role = no role
outline-none = none
outline-missing-sections = missing sections: { $list }
outline-numbering-none = numbering errors: none
outline-numbering-heading = numbering errors:
outline-numbering-slip = expected { $expected }, found { $found }
outline-completeness = completeness: { $score } (structure { $structure } · filled { $filled } · form { $form })
outline-breakdown = slots { $slots }{ $kinds } · missing roles { $missing } · empty sections { $empty } · numbering errors { $numbering } · heading style { $style } · unbalanced { $unbalanced }

## phrases
phrases-head = { $path } ({ $encoding }, { $tokens } tokens)
phrases-phrases = phrases
phrases-titles = titles
phrases-quotes = quotes
phrases-keywords = keywords
phrases-repeated = repeated phrases
phrases-overused = overused words
phrases-rate = ({ $rate } per 1000 chars)
phrases-first-line = (line { $line })

## rules
rules-off = off
rules-default = Default level: { $level }. Set it in zongjie.toml ([rules]) or with --rule / --skip-rule.

## CSV columns
csv-path = path
csv-encoding = encoding
csv-error = error
csv-chars = chars
csv-tokens = tokens
csv-slots = slots
csv-slots-of = slots_{ $kind }
csv-headings = headings
csv-missing-roles = missing_roles
csv-numbering-errors = numbering_errors
csv-empty-sections = empty_sections
csv-unbalanced = unbalanced
csv-phrases = phrases
csv-completeness = completeness
csv-warnings = warnings
csv-line = line
csv-column = column
csv-end-line = end_line
csv-end-column = end_column
csv-rule = rule
csv-severity = severity
csv-kind = kind
csv-text = text
csv-message = message

## Help
help-zongjie = Lint and analyse Chinese work summaries (工作总结, 述职报告).
help-lint = List unfilled template slots and structure problems as file:line:col diagnostics.
help-analyze = Analyse many documents in parallel: per-document metrics and corpus statistics.
help-outline = Print the heading tree, missing sections, numbering slips and completeness.
help-phrases = List official phrases, cited titles, slogans, keywords and repetitions.
help-rules = List the lint rules, or explain one.
help-serve = Run a local web service: a page to check drafts on, and a JSON API.
help-arg-bind = Address to listen on (default 127.0.0.1: this machine only); any other address needs a token.
help-arg-port = Port to listen on (default 8080; 0 picks a free one, printed at start).
help-arg-token = Token every API call must carry as "Authorization: Bearer TOKEN" (default: the ZONGJIE_TOKEN environment variable, which keeps it out of the process list).
help-arg-max_body = Largest request body (default 20M; k, M, G in units of 1024).
help-arg-jobs = Analyses run at once (default: the number of cores).
help-arg-queue = Requests that may wait for an analysis (default 64); past that the service answers 503 with Retry-After.
help-arg-timeout = Time allowed per API request (default 30s; ms, s or m); past it the service answers 503.
help-arg-default_lang = Language for requests that choose none (by ?lang= or Accept-Language): zh or en (default: the locale).
help-usage = Usage:{" "}
help-commands = Commands
help-options = Options
help-arguments = Arguments
help-flag-help = Print help
help-flag-version = Print version
help-arg-paths = Files or directories to read (- for standard input).
help-arg-format = Output format.
help-arg-output = Write the output to this file instead of standard output (never over an input).
help-arg-quiet = Print only the results: no progress bar, no closing summary line.
help-arg-lang = Language of messages: zh or en (default: the locale).
help-arg-glob = Walk only files matching this glob (repeatable); a glob starting with ! excludes.
help-arg-encoding = Decode every file with this encoding instead of detecting it (UTF-8, GBK, GB18030, UTF-16LE…).
help-arg-config = Use this config file instead of the nearest zongjie.toml.
help-arg-dump_config = Print the effective config as TOML and exit.
help-arg-color = When to colour text output.
help-arg-threads = Worker threads (default: all cores); output is the same for any number.
help-arg-rules = Run only these rules (repeatable or comma-separated).
help-arg-skip_rules = Do not run these rules (repeatable or comma-separated).
help-arg-fail_level = Exit with 1 when a finding is at least this severe.
help-arg-min_docs = Fewest documents a corpus phrase or shared sentence must occur in.
help-arg-top = Corpus phrases and shared sentences listed (analyze), keywords per document (phrases).
help-arg-dup_threshold = Least similarity (Jaccard of 5-char shingles) of a near-duplicate pair.
help-arg-profile = Judge every document by this genre profile instead of detecting it from its title line or file name (work-summary, debrief, debrief-integrity, study, disclosure, general).
help-arg-fix = Apply every fix with one right answer: text files in place, Word files as tracked changes in the annotated copy.
help-arg-diff = Print the fixes as a unified diff instead of the findings; change nothing.
help-arg-annotate = Write a copy of each Word file with every finding as a comment, beside it as NAME.zongjie.docx.
help-arg-annotate_out = Where the annotated copy goes (one input only).
help-arg-author = Author of the comments and tracked changes (default: zongjie).
help-arg-max_pairs = Near-duplicate pairs listed, the most similar first (the total is always given).
help-arg-show_shared = In the text summary, show the passages each near-duplicate shares with its representative.
help-arg-id = The rule to explain (default: list them all).

## Genre profiles
csv-profile = profile
outline-completeness-none = completeness: none (nothing to score)
outline-profile = profile: { $profile }
lint-summary-profile = ; profile { $profiles }

## Where a finding is in a Word file
word-separator = {", "}
word-header = header { $n }
word-footer = footer { $n }
word-footnote = footnote { $n }
word-endnote = endnote { $n }
word-text-box = text box { $n }
word-table-cell = table { $table }, row { $row }, cell { $cell }
word-paragraph-char = paragraph { $paragraph }, char { $char }
word-paragraph-number = paragraph { $paragraph }, its number

## Fixes and annotated copies
error-annotate-out-one-input = --annotate-out names one file, so it takes one input
note-stdin-not-written = standard input: nothing is written back
note-not-annotated = { $path }: no annotated copy: { $why }
note-no-diff-for-word = { $path }: a Word file has no diff; --annotate --fix writes its fixes as tracked changes
note-annotate-word-only = { $path }: --annotate writes Word copies; this is a text file
note-fixed = { $path }: fixed { $count ->
        [one] 1 problem
       *[other] { $count } problems
    }
note-not-fixed = { $path }: not fixed: { $why }
note-annotated = wrote { $path }: { $comments } comments{ $unplaced ->
        [0] {""}
       *[other] {" "}({ $unplaced } could not be placed)
    }, { $changes } tracked changes{ $skipped ->
        [0] {""}
       *[other] {" "}({ $skipped } not written)
    }

## The analyze summary
summary-archive-heading = Archive:
summary-archive = { $documents ->
        [one] { $documents } document
       *[other] { $documents } documents
    }, { $analysed } analysed, { $failed } failed
summary-completeness-heading = Completeness:
summary-completeness = mean { $mean }, { $complete } complete, { $slots } with unfilled slots
summary-unscored = { $n } empty, with no score
summary-profiles = profiles: { $list }
summary-missing = missing sections: { $list }
summary-slots-by-kind = unfilled slots by kind: { $list }
summary-most-slots = most unfilled slots (top { $shown } of { $total } documents with slots):
summary-phrases-heading = Repeated phrases:
summary-sentences-heading = Shared sentences:
summary-columns-documents-count = documents, count
summary-columns-documents = documents
summary-top-of = top { $shown } of { $total } ({ $columns })
summary-more = … and { $n } more
summary-found-in = in { $places }{ $more ->
        [0] {""}
       *[other] {" "}… and { $more } more
    }
summary-duplicates-heading = Near-duplicates:
summary-no-duplicates = none at similarity { $threshold } or more
summary-clusters-heading = Near-duplicate clusters:
summary-clusters = { $clusters ->
        [one] { $clusters } cluster
       *[other] { $clusters } clusters
    } of { $documents ->
        [one] { $documents } document
       *[other] { $documents } documents
    } (each member's similarity to its representative ≥ { $threshold }; the representative is the most central member)
summary-cluster = cluster { $number }: { $size } documents, at least { $pairs ->
        [one] { $pairs } near-duplicate pair
       *[other] { $pairs } near-duplicate pairs
    }
summary-representative = representative: { $path }
summary-more-clusters = … and { $n ->
        [one] { $n } more cluster
       *[other] { $n } more clusters
    }
summary-pairs-heading = Near-duplicate pairs:
summary-pairs = { $total ->
        [one] { $total } pair
       *[other] { $total } pairs
    } verified; the { $shown } most similar:
summary-passage = { $a } ↔ { $b }, { $chars } chars: { $excerpt }
summary-passages-more = … { $n ->
        [one] { $n } shared passage
       *[other] { $n } shared passages
    } in all, { $chars } chars
summary-unverifiable = { $total ->
        [one] { $total } candidate document
       *[other] { $total } candidate documents
    } could not be re-read to verify (changed or unreadable):

# Files that could not be read (zongjie::Error::message).
read-error-io = { $path }: cannot read: { $reason }
read-error-not-found = no such file or folder
read-error-permission = permission denied
read-error-directory = it is a folder
read-error-os = { $detail }
read-error-binary = { $path }: binary file, not text ({ $reason })
read-error-unsupported = { $path }: unsupported format ({ $format }); convert it to .docx or .txt first, e.g. `libreoffice --headless --convert-to docx FILE`
read-error-convert = { $path }: cannot convert it with LibreOffice: { $detail }
read-error-docx = { $path }: { $detail }
read-error-too-large = { $path }: file too large ({ $size } bytes; limit { $limit })
read-error-encoding = unknown encoding { $name } (try UTF-8, GBK, GB18030, UTF-16LE, UTF-16BE, Big5)

## Shards and merging (analyze --shard, --partial; merge)
error-bad-shard = --shard takes I/N with 1 ≤ I ≤ N (such as 2/8), not "{ $value }"
error-partial-is-output = --partial and -o name the same file, { $path }
error-partial-is-input = refusing to overwrite input file { $path } with --partial
note-partial-left-out = leaving out { $path }: it is this run's corpus state (--partial)
note-partial-written = { $documents ->
        [one] corpus state of { $documents } document written to { $path }; merge it with zongjie merge
       *[other] corpus state of { $documents } documents written to { $path }; merge it with zongjie merge
    }
error-merge-over-state = refusing to overwrite the state { $path } with { $flag }
error-merge-state = { $path }: { $error }
error-merge-unlike = { $path }: made with { $option } { $theirs }, { $first } with { $ours }
error-merge-unlike-config = { $path }: made with other analysis settings (zongjie.toml, --config, --profile, --rule, --skip-rule) than { $first }
state-not-a-state = not a zongjie corpus state (zongjie analyze --partial FILE writes one)
state-format = saved in state format { $found }; this zongjie reads format { $expected }
state-version = made by zongjie { $found }; this is zongjie { $expected }: analyze the shards again with one version
state-corrupt = damaged corpus state ({ $why })
state-settings = made with { $option } { $theirs }, the states before it with { $ours }
state-settings-config = made with other analysis settings (zongjie.toml, --config, --profile, --rule, --skip-rule) than the states before it
state-duplicate = { $path } is in more than one state: give each document to one shard only
state-nothing = no corpus states to merge
state-encode = cannot write the corpus state ({ $why })
help-merge = Merge the corpus states of shards (analyze --partial) into the corpus report.
help-arg-shard = Analyse only shard I of N (1 ≤ I ≤ N): the inputs whose path hashes to it, the same ones whatever else is in the run.
help-arg-partial = Write the corpus state to this file instead of the corpus report (analyze: for zongjie merge; merge: to merge in steps).
help-arg-states = Corpus states written by zongjie analyze --partial.
help-arg-listing_min_docs = Fewest documents a corpus phrase or shared sentence must occur in (default: the states').
help-arg-listing_top = Corpus phrases and shared sentences listed (default: the states').
help-arg-listing_dup_threshold = Least similarity of a near-duplicate pair (default: the states').
help-arg-listing_max_pairs = Near-duplicate pairs listed, the most similar first (default: the states').
csv-section = section
csv-rank = rank
csv-documents = documents
csv-count = count
csv-value = value
csv-other-path = other_path
