# The HTML report of `analyze` (src/render/html/): headings, labels and notes of the page.
# Variables in labels the page fills in itself are written { $name } here as everywhere.

html-title = Archive report
html-generated = Written by { $generator }
html-noscript = The document table and the near-duplicate clusters need JavaScript; the rest of the report is above.

## Navigation
html-nav-overview = Overview
html-nav-completeness = Completeness
html-nav-clusters = Near-duplicates
html-nav-sentences = Shared sentences
html-nav-phrases = Repeated phrases
html-nav-documents = Documents

## Overview
html-overview-documents = Documents
html-overview-failed = Could not be read
html-overview-mean = Mean completeness
html-overview-with-slots = With unfilled slots
html-overview-complete = Complete (score 1)
html-overview-unscored = Empty, no score
html-overview-findings = Findings
html-overview-clusters = Near-duplicate clusters
html-overview-pairs = Near-duplicate pairs
html-none = none

## Charts
html-histogram = Completeness scores
html-axis-documents = documents
html-axis-score = score
html-missing-by-role = Missing sections by role
html-missing-by-profile = Missing sections by profile
html-missing-by-profile-note = Each cell: documents of the profile that lack the section (a dash: the profile does not ask for it or none lacks it).
html-profile = Profile
html-documents = Documents
html-slots-by-kind = Unfilled slots by kind
html-no-data = Nothing to show.

## Lists
html-top-of = The { $shown } most common of { $total }.
html-undercount = Document counts may be up to { $n } low: the tables are pruned to stay in bounded memory.
html-more = … and { $n } more
html-col-sentence = Sentence
html-col-phrase = Phrase
html-col-documents = Documents
html-col-count = Count
html-col-found-in = Found in

## Near-duplicates
html-clusters-none = No near-duplicates at similarity { $threshold } or more.
html-cluster = Cluster
html-representative = Representative
html-size = Documents
html-min-similarity = Lowest similarity
html-pairs-at-least = Near-duplicate pairs (at least)
html-members-of = Members of cluster { $n }
html-member = Document
html-similarity = Similarity
html-shared-passages = Shared passages
html-shared-chars = Shared chars
html-choose-member = Choose a document to see the passages it shares with the representative.
html-compare-title = { $member } beside the representative { $representative }
html-representative-text = The representative's text
html-member-passages = Passages the document shares with it
html-passage-place = line { $line } here · line { $other } in the representative · { $chars } chars
html-passages-shown = { $shown } longest of { $total } shared passages ({ $chars } chars in all)
html-omitted = … { $n } chars …
html-text-cut = Only the first { $chars } chars of the representative are in this report; passages after them are listed by line.
html-text-unavailable = This text could not be read again when the report was written (standard input, or the file changed), so only the passages' first chars are shown.
html-passage-beyond-cut = (past the part of the text in this report)

## Pages
html-page = Page { $page } of { $pages }
html-prev = Previous
html-next = Next
html-showing = { $from }–{ $to } of { $total }
html-per-page = per page

## The document table
html-col-number = #
html-col-path = File
html-col-profile = Profile
html-col-score = Completeness
html-col-slots = Slots
html-col-missing = Missing sections
html-col-findings = Findings
html-col-status = Status
html-status-failed = could not be read
html-status-read = read
html-filter-path = File name contains
html-filter-score = Completeness from
html-filter-score-to = to
html-filter-slots = Slots
html-filter-any = any
html-filter-slots-some = with slots
html-filter-slots-none = without slots
html-filter-missing = Missing section
html-filter-missing-none = none missing
html-filter-status = Status
html-filter-reset = Clear filters
html-no-match = No document matches the filters.
html-sort-hint = Click a column to sort; click a row to see its findings.

## One document's findings
html-details-title = Findings in { $path }
html-details-none = No findings.
html-details-error = Could not be read: { $error }
html-details-warnings = Read with repairs:
html-details-cluster = In near-duplicate cluster { $n }
html-details-close = Close
html-col-line = Line
html-col-rule = Rule
html-col-severity = Severity
html-col-text = Text
html-col-message = Message

## Genre profiles as the page names them (dicts/profiles.txt; another profile shows its id)
html-profile-disclosure = information disclosure report
html-profile-debrief-integrity = debrief on duty and integrity
html-profile-debrief = debrief
html-profile-study = study summary
html-profile-work-summary = work summary
html-profile-general = general
