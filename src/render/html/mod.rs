//! The HTML report of `analyze`: one self-contained page an inspector opens in a
//! browser. Nothing is fetched when it opens: styles, script and charts are inline,
//! fonts are the system's, and a Content-Security-Policy forbids any request.
//!
//! The file is written as the run goes, in this order:
//! 1. the head: `<meta name="generator">` within the first 200 chars (so a later run
//!    tells the report from the documents: [`is_html_report`]), the styles, and the
//!    page's labels in the run's language as a JSON object ([`labels`]);
//! 2. the documents, in chunks of [`CHUNK`] as they come: per chunk a `rows` array (one
//!    short array per document: what the table shows, sorts and filters on; see
//!    [`Row`]) and a `details` object (each document's findings, their strings in a
//!    table of the chunk, parsed by the page only when a document is opened);
//! 3. at the end, the visible report: overview, charts (SVG made here, see
//!    [`charts`]), shared sentences, repeated phrases, and the containers the script
//!    fills from a `corpus` JSON object (near-duplicate clusters with the passages their
//!    members share, the document table).
//!
//! What must stay true:
//! - Memory does not grow with the documents beyond a path and a number each (the
//!   corpus part names documents by their row) and a count per profile and role: a
//!   chunk is written out and dropped once full.
//! - Every string from the input reaches the page escaped: in HTML by [`escape`], in
//!   JSON by [`script_json`] (`<` written as `\u003c`, so no text can end a
//!   `<script>` element or open a comment).
//! - Texts are bounded: per cluster the representative's text up to
//!   [`REP_TEXT_CHARS`] chars, per member a window around each listed passage (see
//!   [`passages`]); so the file grows with the documents as the JSON report does.
//!   Anything cut says so on the page.
//! - Renderers never analyse: the only counting here is the missing sections per
//!   profile, a tally of what the records say.

pub mod charts;
pub mod passages;

use std::collections::BTreeMap;
use std::io::{self, Write};

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;

use super::{ReportOptions, Reporter, Tally, Texts};
use crate::corpus::CorpusReport;
use crate::corpus::neardup::Cluster;
use crate::document::Document;
use crate::i18n::{Lang, Message};
use crate::report::{DocReport, Role, Severity, SlotKind};
use passages::{MemberOut, RepText};

/// The page's styles.
const STYLE: &str = include_str!("report.css");
/// The page's script: the document table, the clusters, the comparison view.
const SCRIPT: &str = include_str!("report.js");

/// Who wrote the page, in its `<meta name="generator">`.
pub const GENERATOR: &str = concat!("zongjie ", env!("CARGO_PKG_VERSION"));
/// What [`is_html_report`] looks for near the top of a file.
const GENERATOR_META: &str = "<meta name=\"generator\" content=\"zongjie";

/// Documents per data chunk: the page parses a chunk's details (up to this many
/// documents' findings) when one of its documents is opened.
pub const CHUNK: usize = 500;
/// Chars of a representative's text put in the page (a longer one is cut, and the
/// page says so).
pub const REP_TEXT_CHARS: usize = 20_000;
/// Cluster members whose texts are read at once (in parallel) while writing.
const MEMBER_BATCH: usize = 256;

/// Whether `head` (the start of a file) is an HTML report zongjie wrote.
pub fn is_html_report(head: &str) -> bool {
    let head = head.trim_start();
    head.get(..15)
        .is_some_and(|d| d.eq_ignore_ascii_case("<!doctype html>"))
        && head.contains(GENERATOR_META)
}

/// `s` escaped for HTML text and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// `value` as JSON that can stand inside a `<script>` element: every `<` (which JSON
/// has only inside strings) is written `\u003c`.
pub fn script_json<T: Serialize + ?Sized>(value: &T) -> serde_json::Result<Vec<u8>> {
    let json = serde_json::to_vec(value)?;
    Ok(escape_script(&json))
}

fn escape_script(json: &[u8]) -> Vec<u8> {
    if !json.contains(&b'<') {
        return json.to_vec();
    }
    let mut out = Vec::with_capacity(json.len() + 16);
    for &b in json {
        if b == b'<' {
            out.extend_from_slice(b"\\u003c");
        } else {
            out.push(b);
        }
    }
    out
}

/// A document's row: what the table shows, sorts and filters on. A JSON array;
/// `report.js` reads it by position (`R_PATH` …), so keep both in step.
#[derive(Debug, Serialize)]
pub struct Row<'a>(
    /// 0: the path.
    pub &'a str,
    /// 1: why it could not be read, if it could not.
    pub Option<&'a str>,
    /// 2: the completeness score to 3 decimals (`null`: no score).
    pub Option<f64>,
    /// 3: unfilled slots.
    pub usize,
    /// 4: missing roles, as positions in [`Role::ALL`].
    pub Vec<usize>,
    /// 5: the genre profile (empty when it was not judged).
    pub &'a str,
    /// 6: findings.
    pub usize,
    /// 7: chars.
    pub usize,
);

impl<'a> From<&'a DocReport> for Row<'a> {
    fn from(r: &'a DocReport) -> Self {
        Row(
            &r.path,
            r.error.as_deref(),
            r.completeness.score.map(|s| (s * 1000.0).round() / 1000.0),
            r.placeholders.len(),
            r.sections_missing
                .iter()
                .filter_map(|m| Role::ALL.iter().position(|r| r == m))
                .collect(),
            r.profile.as_deref().unwrap_or(""),
            r.diagnostics.len(),
            r.chars,
        )
    }
}

/// One finding in a chunk's details: rule, severity, line, column, text and message,
/// the strings as positions in the chunk's string table.
#[derive(Debug, Serialize)]
struct Finding(u32, u32, usize, usize, u32, u32);

/// A document's details: its read warnings and its findings.
#[derive(Debug, Default, Serialize)]
struct Details(Vec<u32>, Vec<Finding>);

/// The documents of one chunk, until it is written.
#[derive(Debug, Default)]
struct Chunk {
    /// The rows, comma-separated, already escaped.
    rows: Vec<u8>,
    /// The details' strings, each once.
    strings: Vec<String>,
    ids: FxHashMap<String, u32>,
    details: Vec<Details>,
}

impl Chunk {
    fn len(&self) -> usize {
        self.details.len()
    }

    fn string(&mut self, s: &str) -> u32 {
        if let Some(&id) = self.ids.get(s) {
            return id;
        }
        let id = u32::try_from(self.strings.len()).unwrap_or(u32::MAX);
        self.strings.push(s.to_string());
        self.ids.insert(s.to_string(), id);
        id
    }

    fn add(&mut self, report: &DocReport, row: &[u8]) {
        if !self.rows.is_empty() {
            self.rows.push(b',');
        }
        self.rows.extend_from_slice(row);
        let warnings = report.warnings.iter().map(|w| self.string(w)).collect();
        let findings = report
            .diagnostics
            .iter()
            .map(|d| {
                Finding(
                    self.string(d.rule.name()),
                    self.string(d.severity.name()),
                    d.span.line,
                    d.span.column,
                    self.string(&d.text),
                    self.string(&d.message),
                )
            })
            .collect();
        self.details.push(Details(warnings, findings));
    }

    /// Writes the chunk's two elements and empties it.
    fn write(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if self.details.is_empty() {
            return Ok(());
        }
        #[derive(Serialize)]
        struct Out<'a> {
            s: &'a [String],
            d: &'a [Details],
        }
        out.write_all(b"<script type=\"application/json\" data-zj=\"rows\">[")?;
        out.write_all(&self.rows)?;
        out.write_all(b"]</script>\n<script type=\"application/json\" data-zj=\"details\">")?;
        out.write_all(&script_json(&Out {
            s: &self.strings,
            d: &self.details,
        })?)?;
        out.write_all(b"</script>\n")?;
        *self = Chunk::default();
        Ok(())
    }
}

/// Documents of one profile, and how many lack each role.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ProfileMissing {
    /// Documents judged by the profile.
    pub documents: u64,
    /// Documents of the profile lacking each role.
    pub missing: BTreeMap<Role, u64>,
}

/// The HTML reporter (`analyze --format html`).
pub struct HtmlReporter {
    lang: Lang,
    chunk: Chunk,
    /// Each document's row number by path (the first, if a path comes twice).
    rows: FxHashMap<String, u32>,
    documents: u32,
    by_profile: BTreeMap<String, ProfileMissing>,
}

impl HtmlReporter {
    /// An HTML reporter in `opts.style.lang`.
    pub fn new(opts: ReportOptions) -> Self {
        HtmlReporter {
            lang: opts.style.lang,
            chunk: Chunk::default(),
            rows: FxHashMap::default(),
            documents: 0,
            by_profile: BTreeMap::new(),
        }
    }

    fn close(
        &mut self,
        out: &mut dyn Write,
        tally: &Tally,
        corpus: Option<&CorpusReport>,
        texts: Option<&Texts<'_>>,
    ) -> io::Result<()> {
        self.chunk.write(out)?;
        let lang = self.lang;
        let page = Page {
            lang,
            tally,
            corpus,
            by_profile: &self.by_profile,
            rows: &self.rows,
        };
        page.write_visible(out)?;
        out.write_all(b"<script type=\"application/json\" id=\"zj-corpus\">")?;
        page.write_corpus_json(out, texts)?;
        out.write_all(b"</script>\n<script>\n")?;
        out.write_all(SCRIPT.as_bytes())?;
        out.write_all(b"</script>\n</body>\n</html>\n")
    }
}

impl Reporter for HtmlReporter {
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        let lang = self.lang;
        let html_lang = match lang {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        };
        // The generator line must stay within the first 200 chars (is_zongjie_report).
        write!(
            out,
            "<!DOCTYPE html>\n<html lang=\"{html_lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"generator\" content=\"{GENERATOR}\">\n\
             <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
             style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <title>{}</title>\n<style>\n{STYLE}</style>\n\
             <script type=\"application/json\" id=\"zj-labels\">",
            escape(&lang.tr("html-title"))
        )?;
        out.write_all(&script_json(&labels(lang))?)?;
        out.write_all(b"</script>\n</head>\n<body>\n")
    }

    fn record(&self, report: &DocReport, _doc: Option<&Document>) -> io::Result<Vec<u8>> {
        Ok(script_json(&Row::from(report))?)
    }

    fn write(&mut self, out: &mut dyn Write, report: &DocReport, record: &[u8]) -> io::Result<()> {
        self.chunk.add(report, record);
        self.rows
            .entry(report.path.clone())
            .or_insert(self.documents);
        self.documents = self.documents.saturating_add(1);
        if report.error.is_none()
            && let Some(profile) = &report.profile
        {
            let entry = self.by_profile.entry(profile.clone()).or_default();
            entry.documents += 1;
            for role in &report.sections_missing {
                *entry.missing.entry(*role).or_default() += 1;
            }
        }
        if self.chunk.len() >= CHUNK {
            self.chunk.write(out)?;
        }
        Ok(())
    }

    fn finish(
        &mut self,
        out: &mut dyn Write,
        tally: &Tally,
        corpus: Option<&CorpusReport>,
    ) -> io::Result<()> {
        self.close(out, tally, corpus, None)
    }

    fn finish_with_texts(
        &mut self,
        out: &mut dyn Write,
        tally: &Tally,
        corpus: Option<&CorpusReport>,
        texts: &Texts<'_>,
    ) -> io::Result<()> {
        self.close(out, tally, corpus, Some(texts))
    }
}

/// Labels the script shows, by key (the Fluent id without `html-`), and the names of
/// the variables it fills in itself (written `{name}` in the label).
const SCRIPT_LABELS: &[(&str, &[&str])] = &[
    ("html-none", &[]),
    ("html-cluster", &[]),
    ("html-representative", &[]),
    ("html-size", &[]),
    ("html-min-similarity", &[]),
    ("html-pairs-at-least", &[]),
    ("html-members-of", &["n"]),
    ("html-member", &[]),
    ("html-similarity", &[]),
    ("html-shared-passages", &[]),
    ("html-shared-chars", &[]),
    ("html-choose-member", &[]),
    ("html-compare-title", &["member", "representative"]),
    ("html-representative-text", &[]),
    ("html-member-passages", &[]),
    ("html-passage-place", &["line", "other", "chars"]),
    ("html-passages-shown", &["shown", "total", "chars"]),
    ("html-omitted", &["n"]),
    ("html-text-cut", &["chars"]),
    ("html-text-unavailable", &[]),
    ("html-passage-beyond-cut", &[]),
    ("html-page", &["page", "pages"]),
    ("html-prev", &[]),
    ("html-next", &[]),
    ("html-showing", &["from", "to", "total"]),
    ("html-per-page", &[]),
    ("html-col-number", &[]),
    ("html-col-path", &[]),
    ("html-col-profile", &[]),
    ("html-col-score", &[]),
    ("html-col-slots", &[]),
    ("html-col-missing", &[]),
    ("html-col-findings", &[]),
    ("html-col-status", &[]),
    ("html-status-failed", &[]),
    ("html-status-read", &[]),
    ("html-filter-path", &[]),
    ("html-filter-score", &[]),
    ("html-filter-score-to", &[]),
    ("html-filter-slots", &[]),
    ("html-filter-any", &[]),
    ("html-filter-slots-some", &[]),
    ("html-filter-slots-none", &[]),
    ("html-filter-missing", &[]),
    ("html-filter-missing-none", &[]),
    ("html-filter-status", &[]),
    ("html-filter-reset", &[]),
    ("html-no-match", &[]),
    ("html-sort-hint", &[]),
    ("html-details-title", &["path"]),
    ("html-details-none", &[]),
    ("html-details-error", &["error"]),
    ("html-details-warnings", &[]),
    ("html-details-cluster", &["n"]),
    ("html-details-close", &[]),
    ("html-col-line", &[]),
    ("html-col-rule", &[]),
    ("html-col-severity", &[]),
    ("html-col-text", &[]),
    ("html-col-message", &[]),
];

/// Built-in genre profiles with a name of their own on the page.
const PROFILES: &[&str] = &[
    "disclosure",
    "debrief-integrity",
    "debrief",
    "study",
    "work-summary",
    "general",
];

/// What the script needs to speak the run's language.
#[derive(Debug, Serialize)]
pub struct Labels {
    /// `zh` or `en` (numbers are formatted for it).
    pub lang: &'static str,
    /// Labels by key.
    pub text: BTreeMap<&'static str, String>,
    /// Role names and labels, in the order of [`Role::ALL`] (rows name roles by position).
    pub roles: Vec<(&'static str, String)>,
    /// Severity labels by name.
    pub severities: BTreeMap<&'static str, String>,
    /// Profile labels by name.
    pub profiles: BTreeMap<&'static str, String>,
    /// Documents per chunk.
    pub chunk: usize,
}

/// The labels of the page in `lang`.
pub fn labels(lang: Lang) -> Labels {
    let text = SCRIPT_LABELS
        .iter()
        .map(|(id, vars)| {
            let key = id.strip_prefix("html-").unwrap_or(id);
            let message = vars
                .iter()
                .fold(Message::new(id), |m, v| m.arg(v, format!("{{{v}}}")));
            (key, message.say(lang))
        })
        .collect();
    Labels {
        lang: lang.code(),
        text,
        roles: Role::ALL
            .iter()
            .map(|r| (r.name(), role_label(lang, *r)))
            .collect(),
        severities: [Severity::Info, Severity::Warning, Severity::Error]
            .iter()
            .map(|s| (s.name(), lang.tr(&format!("severity-{}", s.name()))))
            .collect(),
        profiles: PROFILES
            .iter()
            .map(|p| (*p, lang.tr(&format!("html-profile-{p}"))))
            .collect(),
        chunk: CHUNK,
    }
}

/// A whole number's digits grouped by three (`1,413,516`), as both languages print
/// large counts in tables.
fn grouped(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn role_label(lang: Lang, role: Role) -> String {
    lang.tr(&format!("role-{}", role.name()))
}

fn kind_label(lang: Lang, kind: &str) -> String {
    let id = format!("kind-{kind}");
    let said = lang.tr(&id);
    if said == id { kind.to_string() } else { said }
}

fn profile_label(lang: Lang, profile: &str) -> String {
    let id = format!("html-profile-{profile}");
    let said = lang.tr(&id);
    if said == id {
        profile.to_string()
    } else {
        said
    }
}

/// The closing part of the page.
struct Page<'a> {
    lang: Lang,
    tally: &'a Tally,
    corpus: Option<&'a CorpusReport>,
    by_profile: &'a BTreeMap<String, ProfileMissing>,
    rows: &'a FxHashMap<String, u32>,
}

impl Page<'_> {
    fn tr(&self, id: &str) -> String {
        escape(&self.lang.tr(id))
    }

    fn say(&self, m: Message) -> String {
        escape(&m.say(self.lang))
    }

    /// A link that opens a document's findings (plain text when it has no row).
    fn doc_link(&self, path: &str) -> String {
        match self.rows.get(path) {
            Some(i) => format!(
                "<a href=\"#documents\" class=\"doc\" data-doc=\"{i}\">{}</a>",
                escape(path)
            ),
            None => escape(path),
        }
    }

    fn write_visible(&self, out: &mut dyn Write) -> io::Result<()> {
        let nav = [
            ("overview", "html-nav-overview"),
            ("completeness", "html-nav-completeness"),
            ("clusters", "html-nav-clusters"),
            ("sentences", "html-nav-sentences"),
            ("phrases", "html-nav-phrases"),
            ("documents", "html-nav-documents"),
        ];
        write!(
            out,
            "<header class=\"top\"><h1>{}</h1><p class=\"generated\">{}</p><nav>",
            self.tr("html-title"),
            self.say(Message::new("html-generated").arg("generator", GENERATOR)),
        )?;
        for (id, label) in nav {
            write!(out, "<a href=\"#{id}\">{}</a>", self.tr(label))?;
        }
        out.write_all(b"</nav></header>\n<main>\n")?;
        self.write_overview(out)?;
        self.write_completeness(out)?;
        self.write_clusters(out)?;
        self.write_sentences(out)?;
        self.write_phrases(out)?;
        write!(
            out,
            "<section id=\"documents\"><h2>{}</h2><noscript><p class=\"note\">{}</p></noscript>\
             <div id=\"zj-documents\"></div><div id=\"zj-details\"></div></section>\n</main>\n",
            self.tr("html-nav-documents"),
            self.tr("html-noscript"),
        )
    }

    fn write_overview(&self, out: &mut dyn Write) -> io::Result<()> {
        let comp = self.corpus.map(|c| &c.completeness);
        let mean = comp.and_then(|c| c.mean);
        let mut cards: Vec<(&str, &str, String, String)> = vec![
            (
                "documents",
                "html-overview-documents",
                self.tally.documents.to_string(),
                grouped(&self.tally.documents.to_string()),
            ),
            (
                "failed",
                "html-overview-failed",
                self.tally.failed.to_string(),
                grouped(&self.tally.failed.to_string()),
            ),
            (
                "mean",
                "html-overview-mean",
                mean.map_or_else(|| "null".into(), |m| m.to_string()),
                mean.map_or_else(|| self.lang.tr("html-none"), |m| format!("{m:.3}")),
            ),
        ];
        if let Some(c) = comp {
            cards.push((
                "with_slots",
                "html-overview-with-slots",
                c.documents_with_slots.to_string(),
                grouped(&c.documents_with_slots.to_string()),
            ));
            cards.push((
                "complete",
                "html-overview-complete",
                c.complete.to_string(),
                grouped(&c.complete.to_string()),
            ));
            if c.unscored > 0 {
                cards.push((
                    "unscored",
                    "html-overview-unscored",
                    c.unscored.to_string(),
                    grouped(&c.unscored.to_string()),
                ));
            }
        }
        cards.push((
            "findings",
            "html-overview-findings",
            self.tally.diagnostics.to_string(),
            grouped(&self.tally.diagnostics.to_string()),
        ));
        if let Some(c) = self.corpus {
            cards.push((
                "clusters",
                "html-overview-clusters",
                c.clusters.len().to_string(),
                grouped(&c.clusters.len().to_string()),
            ));
            cards.push((
                "pairs",
                "html-overview-pairs",
                c.near_duplicates_total.to_string(),
                grouped(&c.near_duplicates_total.to_string()),
            ));
        }
        write!(
            out,
            "<section id=\"overview\"><h2>{}</h2><dl class=\"cards\">",
            self.tr("html-nav-overview")
        )?;
        for (key, label, value, shown) in cards {
            write!(
                out,
                "<div class=\"card\" data-key=\"{key}\"><dt>{}</dt><dd data-value=\"{value}\">{}</dd></div>",
                self.tr(label),
                escape(&shown)
            )?;
        }
        out.write_all(b"</dl></section>\n")
    }

    fn write_completeness(&self, out: &mut dyn Write) -> io::Result<()> {
        let lang = self.lang;
        write!(
            out,
            "<section id=\"completeness\"><h2>{}</h2><div class=\"charts\">",
            self.tr("html-nav-completeness")
        )?;
        let Some(comp) = self.corpus.map(|c| &c.completeness) else {
            return writeln!(out, "<p>{}</p></div></section>", self.tr("html-no-data"));
        };
        let histogram = charts::histogram(
            &comp.histogram,
            &lang.tr("html-axis-score"),
            &lang.tr("html-axis-documents"),
        );
        let roles: Vec<(String, u64)> = comp
            .missing_roles
            .iter()
            .map(|(r, n)| (role_label(lang, *r), *n))
            .collect();
        let kinds: Vec<(String, u64)> = SlotKind::ALL
            .iter()
            .filter_map(|k| {
                comp.slots_by_kind
                    .get(k.name())
                    .map(|n| (kind_label(lang, k.name()), *n))
            })
            .chain(
                // Kinds a later version may add still show, by name.
                comp.slots_by_kind
                    .iter()
                    .filter(|(k, _)| SlotKind::from_name(k).is_none())
                    .map(|(k, n)| (k.clone(), *n)),
            )
            .collect();
        for (id, key, svg) in [
            ("html-histogram", "histogram", histogram),
            (
                "html-missing-by-role",
                "missing-roles",
                charts::bars(&roles),
            ),
            ("html-slots-by-kind", "slot-kinds", charts::bars(&kinds)),
        ] {
            let body = if svg.is_empty() {
                format!("<p class=\"note\">{}</p>", self.tr("html-no-data"))
            } else {
                svg
            };
            write!(
                out,
                "<figure class=\"chart\" data-chart=\"{key}\"><figcaption>{}</figcaption>{body}</figure>",
                self.tr(id)
            )?;
        }
        out.write_all(b"</div>")?;
        self.write_missing_by_profile(out)?;
        out.write_all(b"</section>\n")
    }

    /// A table of profiles × roles: documents of each profile lacking each role,
    /// shaded by their share.
    fn write_missing_by_profile(&self, out: &mut dyn Write) -> io::Result<()> {
        let lang = self.lang;
        let roles: Vec<Role> = Role::ALL
            .iter()
            .copied()
            .filter(|r| self.by_profile.values().any(|p| p.missing.contains_key(r)))
            .collect();
        write!(out, "<h3>{}</h3>", self.tr("html-missing-by-profile"))?;
        if self.by_profile.is_empty() {
            return write!(out, "<p class=\"note\">{}</p>", self.tr("html-no-data"));
        }
        write!(
            out,
            "<div class=\"scroll\"><table class=\"heat\" id=\"missing-by-profile\"><thead><tr><th>{}</th><th class=\"num\">{}</th>",
            self.tr("html-profile"),
            self.tr("html-documents")
        )?;
        for r in &roles {
            write!(
                out,
                "<th class=\"num\">{}</th>",
                escape(&role_label(lang, *r))
            )?;
        }
        out.write_all(b"</tr></thead><tbody>")?;
        for (profile, p) in self.by_profile {
            write!(
                out,
                "<tr data-profile=\"{}\"><th>{}</th><td class=\"num\">{}</td>",
                escape(profile),
                escape(&profile_label(lang, profile)),
                p.documents
            )?;
            for r in &roles {
                match p.missing.get(r) {
                    Some(&n) if n > 0 => {
                        let share = n as f64 / p.documents.max(1) as f64;
                        // Five shades, so the table prints in grey as well.
                        let shade = ((share * 5.0).ceil() as u32).clamp(1, 5);
                        write!(
                            out,
                            "<td class=\"num shade{shade}\" data-role=\"{}\" title=\"{:.0}%\">{n}</td>",
                            r.name(),
                            share * 100.0
                        )?;
                    }
                    _ => out.write_all(b"<td class=\"num empty\">\xe2\x80\x93</td>")?,
                }
            }
            out.write_all(b"</tr>")?;
        }
        write!(
            out,
            "</tbody></table></div><p class=\"note\">{}</p>",
            self.tr("html-missing-by-profile-note")
        )
    }

    fn write_clusters(&self, out: &mut dyn Write) -> io::Result<()> {
        write!(
            out,
            "<section id=\"clusters\"><h2>{}</h2>",
            self.tr("html-nav-clusters")
        )?;
        if let Some(c) = self.corpus {
            let threshold = c.near_duplicate_check.threshold;
            if c.clusters.is_empty() {
                write!(
                    out,
                    "<p>{}</p>",
                    self.say(
                        Message::new("html-clusters-none")
                            .arg("threshold", format!("{threshold:.2}"))
                    )
                )?;
            } else {
                let documents: usize = c.clusters.iter().map(|k| k.size).sum();
                write!(
                    out,
                    "<p>{}</p>",
                    self.say(
                        Message::new("summary-clusters")
                            .arg("clusters", c.clusters.len())
                            .arg("documents", documents)
                            .arg("threshold", format!("{threshold:.2}"))
                    )
                )?;
            }
            let check = &c.near_duplicate_check;
            if check.unverifiable_total > 0 {
                write!(
                    out,
                    "<p class=\"note\">{}</p><ul class=\"paths\">",
                    self.say(
                        Message::new("summary-unverifiable").arg("total", check.unverifiable_total)
                    )
                )?;
                for p in &check.unverifiable {
                    write!(out, "<li>{}</li>", self.doc_link(p))?;
                }
                let more = check.unverifiable_total
                    - check.unverifiable.len().min(check.unverifiable_total);
                if more > 0 {
                    write!(
                        out,
                        "<li>{}</li>",
                        self.say(Message::new("html-more").arg("n", more))
                    )?;
                }
                out.write_all(b"</ul>")?;
            }
        }
        out.write_all(b"<div id=\"zj-clusters\"></div><div id=\"zj-members\"></div><div id=\"zj-compare\"></div></section>\n")
    }

    fn write_sentences(&self, out: &mut dyn Write) -> io::Result<()> {
        let Some(c) = self.open_corpus_list(out, ("sentences", "html-nav-sentences"), |c| {
            (c.shared_sentences.len(), c.shared_sentences_total)
        })?
        else {
            return Ok(());
        };
        write!(
            out,
            "<div class=\"scroll\"><table class=\"list\" id=\"shared-sentences\"><thead><tr><th>{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th><th>{}</th></tr></thead><tbody>",
            self.tr("html-col-sentence"),
            self.tr("html-col-documents"),
            self.tr("html-col-count"),
            self.tr("html-col-found-in"),
        )?;
        let sep = escape(&self.lang.tr("list-separator"));
        for s in &c.shared_sentences {
            let places: Vec<String> = s
                .found_in
                .iter()
                .map(|p| format!("{}:{}", self.doc_link(&p.path), p.line))
                .collect();
            let more = (s.documents as usize).saturating_sub(s.found_in.len());
            let more = if more > 0 {
                format!(" {}", self.say(Message::new("html-more").arg("n", more)))
            } else {
                String::new()
            };
            write!(
                out,
                "<tr><td class=\"text\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"places\">{}{more}</td></tr>",
                escape(&s.sentence),
                s.documents,
                s.count,
                places.join(&sep),
            )?;
        }
        out.write_all(b"</tbody></table></div></section>\n")
    }

    /// Opens the section of a corpus list: its heading, then "top N of M" and the
    /// undercount note; `None` (the section closed) when there is no corpus or the list
    /// is empty. `counts` gives the list's length and its total.
    fn open_corpus_list(
        &self,
        out: &mut dyn Write,
        (id, title): (&str, &str),
        counts: impl Fn(&CorpusReport) -> (usize, usize),
    ) -> io::Result<Option<&CorpusReport>> {
        write!(out, "<section id=\"{id}\"><h2>{}</h2>", self.tr(title))?;
        let Some(c) = self.corpus else {
            out.write_all(b"</section>\n")?;
            return Ok(None);
        };
        let (shown, total) = counts(c);
        if shown == 0 {
            writeln!(
                out,
                "<p class=\"note\">{}</p></section>",
                self.tr("html-no-data")
            )?;
            return Ok(None);
        }
        write!(
            out,
            "<p>{}</p>",
            self.say(
                Message::new("html-top-of")
                    .arg("shown", shown)
                    .arg("total", total)
            )
        )?;
        self.write_undercount(out, c)?;
        Ok(Some(c))
    }

    fn write_undercount(&self, out: &mut dyn Write, c: &CorpusReport) -> io::Result<()> {
        if c.max_undercount > 0 {
            write!(
                out,
                "<p class=\"note\">{}</p>",
                self.say(Message::new("html-undercount").arg("n", c.max_undercount))
            )?;
        }
        Ok(())
    }

    fn write_phrases(&self, out: &mut dyn Write) -> io::Result<()> {
        let Some(c) = self.open_corpus_list(out, ("phrases", "html-nav-phrases"), |c| {
            (c.repeated_phrases.len(), c.repeated_phrases_total)
        })?
        else {
            return Ok(());
        };
        let most = c
            .repeated_phrases
            .iter()
            .map(|p| p.documents)
            .max()
            .unwrap_or(1)
            .max(1);
        write!(
            out,
            "<div class=\"scroll\"><table class=\"list\" id=\"repeated-phrases\"><thead><tr><th>{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th></tr></thead><tbody>",
            self.tr("html-col-phrase"),
            self.tr("html-col-documents"),
            self.tr("html-col-count"),
        )?;
        for p in &c.repeated_phrases {
            // A bar behind the count, so the table reads as a chart too (and prints).
            let width = (f64::from(p.documents) / f64::from(most) * 100.0).round();
            write!(
                out,
                "<tr><td class=\"text\">{}</td><td class=\"num bar\"><span class=\"track\"><span style=\"width:{width}%\"></span></span>{}</td><td class=\"num\">{}</td></tr>",
                escape(&p.phrase),
                p.documents,
                p.count
            )?;
        }
        out.write_all(b"</tbody></table></div></section>\n")
    }

    /// The `corpus` object the script reads: clusters with members and passages,
    /// streamed cluster by cluster (a cluster's members in batches, their texts read
    /// in parallel).
    fn write_corpus_json(&self, out: &mut dyn Write, texts: Option<&Texts<'_>>) -> io::Result<()> {
        #[derive(Serialize)]
        struct Head {
            threshold: f64,
            rep_text_chars: usize,
        }
        let threshold = self
            .corpus
            .map_or(0.0, |c| c.near_duplicate_check.threshold);
        let head = serde_json::to_vec(&Head {
            threshold,
            rep_text_chars: REP_TEXT_CHARS,
        })?;
        // The head's fields, without its closing brace, open the object.
        out.write_all(head.strip_suffix(b"}").unwrap_or(b"{"))?;
        out.write_all(b",\"clusters\":[")?;
        let clusters = self.corpus.map_or(&[][..], |c| &c.clusters[..]);
        for (i, cluster) in clusters.iter().enumerate() {
            if i > 0 {
                out.write_all(b",\n")?;
            }
            self.write_cluster(out, cluster, texts)?;
        }
        out.write_all(b"]}")
    }

    fn write_cluster(
        &self,
        out: &mut dyn Write,
        cluster: &Cluster,
        texts: Option<&Texts<'_>>,
    ) -> io::Result<()> {
        #[derive(Serialize)]
        struct Head<'a> {
            /// The representative's row.
            r: Option<u32>,
            /// Its path.
            rp: &'a str,
            /// Documents, the representative included.
            n: usize,
            /// Lowest similarity.
            m: f64,
            /// Near-duplicate pairs at least.
            p: u64,
            /// The representative's text (`null`: it could not be read again).
            t: Option<&'a str>,
            /// Its length in chars when `t` is cut.
            cut: Option<usize>,
        }
        let rep = texts
            .and_then(|t| t(&cluster.representative))
            .map(|text| RepText::new(&text, REP_TEXT_CHARS));
        let head = script_json(&Head {
            r: self.rows.get(&cluster.representative).copied(),
            rp: &cluster.representative,
            n: cluster.size,
            m: cluster.min_similarity,
            p: cluster.pairs_at_least,
            t: rep.as_ref().map(|r| r.text()),
            cut: rep.as_ref().and_then(|r| r.cut_from()),
        })?;
        out.write_all(head.strip_suffix(b"}").unwrap_or(b"{"))?;
        out.write_all(b",\"members\":[")?;
        for (b, batch) in cluster.members.chunks(MEMBER_BATCH).enumerate() {
            let rendered: Vec<serde_json::Result<Vec<u8>>> = batch
                .par_iter()
                .map(|m| {
                    let text = texts.and_then(|t| t(&m.path));
                    script_json(&MemberOut::new(
                        m,
                        self.rows.get(&m.path).copied(),
                        text.as_deref(),
                        rep.as_ref(),
                    ))
                })
                .collect();
            for (j, json) in rendered.into_iter().enumerate() {
                if b > 0 || j > 0 {
                    out.write_all(b",")?;
                }
                out.write_all(&json?)?;
            }
        }
        out.write_all(b"]}")
    }
}

#[cfg(test)]
mod tests;
