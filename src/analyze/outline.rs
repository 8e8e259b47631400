//! The outline of a document: its headings, their roles, and what is wrong with
//! them as a whole.
//!
//! Sections and lists: headings of GB/T levels 1–2 (`一、`, `（一）`, `第一部分`) and
//! Markdown headings (`## 2023 工作回顾`) are sections; numbered lines of levels 3–4
//! (`1.`, `1、`, `（1）`, `①`) are list items, whether a short title or a long
//! paragraph. A Markdown heading without a GB/T marker gets the level of its depth
//! below the document's shallowest (a lone top heading on the first line is the
//! document's title, not a section).
//!
//! - `numbering`: sections run 1, 2, 3 … at each level and restart under each
//!   shallower section; any jump or repeat is a slip (`一、二、四、`). A list starts
//!   again at 1 whenever it likes (a new list after body text, a nested Markdown
//!   list), and ends at every section heading; within one list a jump (1, 2, 4) or a
//!   repeat (1, 2, 2) is a slip. Markdown lists nest by indentation. After a slip
//!   counting goes on from the number found, so one slip is one finding. A slip's
//!   expected marker is written in the document's own style for that level.
//! - `heading-style`: markers are written the GB/T 9704 way: `一、` not `一.`/`一．`,
//!   full-width `（一）`/`（1）`, no stray `、` after a parenthesis or `①`, half-width
//!   digits; a document may write its level-3 numbers `1.`, `1．` or `1、`, but one
//!   that mixes them is told the standard `1.`.
//! - `empty-section`: a section heading with no body on its line, no text before
//!   the next section heading of the same or a shallower level, and no list under
//!   it. A list item without a body is never empty, and neither is a section marker
//!   on a line that ends like a sentence (`（一）持续优化营商环境；`): a list item too.
//! - `missing-section`: a role the document's genre profile requires (or the
//!   config's `required-roles`) that no top-level section holds, reported at line 1.
//!   Top-level sections are the headings of the shallowest level the document uses
//!   for sections (for lists, when it has no section). Untitled-by-role top
//!   sections before the first problems or plans section recount the work done: they
//!   hold `situation`. A document with no top-level heading at all misses every
//!   required role; an empty document misses nothing.
//!
//! Text flattened onto a line (a PDF or web page pasted as one or two lines) is cut
//! into lines where a heading marker follows sentence-ending punctuation (or a space,
//! for levels 1–2), when a long line holds at least two such markers and one of
//! them is of level 1–2; positions stay in the original line.
//!
//! What must stay true: one pass over the lines, then a few over the headings only;
//! output in text order; no panic on any input.

use std::collections::{BTreeMap, BTreeSet};

use super::fix::{Edit, Fix};
use super::headings::{self, LineHeading, MarkerStyle, Numeral, Tier};
use super::profile::profile_of;
use super::script::simplified;
use super::{Finding, Slip, SlipKind};
use crate::config::Config;
use crate::dicts::{Dicts, Profile};
use crate::document::{Document, Span};
use crate::i18n::Message;
use crate::report::{Heading, Role, Rule};

/// Lines at least this long (bytes) are looked at for flattened headings.
pub const FLAT_MIN_BYTES: usize = 300;

/// What the outline analysis found.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Outline {
    /// Headings in text order.
    pub headings: Vec<Heading>,
    /// The byte offset in the text where each heading starts (its marker, or its
    /// title without one), in text order.
    pub heading_starts: Vec<usize>,
    /// Heading numbers that are not the ones expected.
    pub slips: Vec<Slip>,
    /// `heading-style`, `empty-section` and `missing-section` findings.
    pub findings: Vec<Finding>,
    /// Required roles that no top-level section holds, in `Role` order.
    pub missing: Vec<Role>,
    /// The genre profile the document was judged by.
    pub profile: String,
    /// How many distinct roles were required.
    pub required: usize,
}

/// A heading with what the checks need beyond the report's [`Heading`].
struct Found {
    heading: Heading,
    tier: Tier,
    /// The marker's style, if it has a marker.
    style: Option<MarkerStyle>,
    /// Whether GB/T style rules apply: it has a marker and its level comes from it.
    gbt: bool,
    /// A section heading (not a list item).
    section: bool,
    /// Leading white space of its line, for nesting Markdown lists.
    indent: usize,
    /// Whether its line ends like a sentence (`；`, `。`): an item of a list written
    /// with section markers (`（一）加强学习；`), which needs nothing under it.
    sentence: bool,
    /// Byte offset where it starts.
    start: usize,
    /// The marker (the title, without a marker).
    marker: Span,
    /// The marker and title.
    text: Span,
}

/// A piece of a line that may be a heading: the whole line, or one part of a line
/// flattened from several.
struct Segment<'a> {
    line: usize,
    start: usize,
    text: &'a str,
    /// Whether it starts its line (a Markdown heading must).
    line_start: bool,
    /// Whether it was cut from a flattened line, where a title ends at a space.
    flattened: bool,
}

/// A heading cut from a flattened line: its title ends at the first space
/// (`二、主要做法与成效 （一）…`), and what follows is body.
fn title_to_space(mut h: LineHeading<'_>) -> LineHeading<'_> {
    if let Some(i) = h.title.find(char::is_whitespace) {
        let title_start = h.title_end - h.title.len();
        h.title = &h.title[..i];
        h.title_end = title_start + i;
        h.has_body = true;
    }
    h
}

/// Builds the outline of `doc` and checks it.
pub fn outline(doc: &Document, config: &Config) -> Outline {
    let (profile, _) = profile_of(doc, config);
    let segments = segments(doc);
    let mut candidates: Vec<(&Segment, LineHeading)> = Vec::new();
    // Byte offsets of non-blank segments that are not headings: section content.
    let mut content = Vec::new();
    for seg in &segments {
        let h = headings::heading_in_line(seg.text)
            .filter(|h| seg.line_start || h.atx.is_none())
            .map(|h| if seg.flattened { title_to_space(h) } else { h });
        match h {
            Some(h) => candidates.push((seg, h)),
            None if !seg.text.trim().is_empty() => content.push(seg.start),
            None => {}
        }
    }
    drop_title(&segments, &mut candidates);
    let found = build(doc, &candidates);
    let styles = Styles::of(&found);
    let mut findings: Vec<Finding> = found
        .iter()
        .filter_map(|f| style_finding(f, &styles))
        .collect();
    findings.extend(empty_sections(&found, &content));
    let mut found = found;
    assign_roles(&mut found, &config.dicts, profile);
    let required: BTreeSet<Role> = match &config.required_roles {
        Some(roles) => roles.iter().copied().collect(),
        None => profile.required.iter().copied().collect(),
    };
    let missing = if doc.text().trim().is_empty() {
        Vec::new()
    } else {
        missing_roles(&found, &required)
    };
    findings.extend(
        missing
            .iter()
            .map(|&role| missing_finding(doc, role, profile)),
    );
    findings.sort_by_key(|f| (f.span.byte_start, f.rule));
    Outline {
        slips: numbering(&found, &styles),
        heading_starts: found.iter().map(|f| f.start).collect(),
        headings: found.into_iter().map(|f| f.heading).collect(),
        findings,
        missing,
        profile: profile.name.clone(),
        required: required.len(),
    }
}

/// The lines of `doc`, a flattened line cut where its headings start.
fn segments(doc: &Document) -> Vec<Segment<'_>> {
    let mut out = Vec::new();
    for line in doc.lines() {
        let cuts = if line.text.len() >= FLAT_MIN_BYTES {
            flattened_cuts(line.text)
        } else {
            Vec::new()
        };
        let flattened = !cuts.is_empty();
        let mut from = 0;
        for to in cuts.into_iter().chain([line.text.len()]) {
            out.push(Segment {
                line: line.number,
                start: line.byte_start + from,
                text: &line.text[from..to],
                line_start: from == 0,
                flattened,
            });
            from = to;
        }
    }
    out
}

/// Where headings start inside a flattened line: after sentence-ending punctuation
/// (and any spaces), any marker; after a space, a marker of level 1–2. Empty unless
/// there are two or more and one of them is of level 1–2.
fn flattened_cuts(line: &str) -> Vec<usize> {
    let mut cuts = Vec::new();
    let mut upper = false;
    // What came last before the current char: 0 other, 1 sentence end, 2 space.
    let mut after = 0u8;
    let mut ended = false;
    for (i, c) in line.char_indices() {
        if i > 0
            && after != 0
            && let Some(m) = headings::parse_marker(&line[i..])
        {
            let high = matches!(m.tier, Tier::Part | Tier::Section | Tier::L1 | Tier::L2);
            if ended || high {
                cuts.push(i);
                upper |= high;
            }
        }
        if c.is_whitespace() {
            after = 2;
        } else if "。！？；!?;…".contains(c) {
            after = 1;
            ended = true;
        } else {
            after = 0;
            ended = false;
        }
    }
    if cuts.len() >= 2 && upper {
        cuts
    } else {
        Vec::new()
    }
}

/// Drops the document's title: a Markdown heading without a marker on the first
/// non-blank line, shallower than every other Markdown heading.
fn drop_title(segments: &[Segment], candidates: &mut Vec<(&Segment, LineHeading)>) {
    let Some(first) = segments.iter().find(|s| !s.text.trim().is_empty()) else {
        return;
    };
    let Some((seg, h)) = candidates.first() else {
        return;
    };
    if seg.start != first.start || h.marker.is_some() {
        return;
    }
    let Some(depth) = h.atx else { return };
    let shallower = candidates
        .iter()
        .skip(1)
        .filter_map(|(_, h)| h.atx)
        .all(|d| d > depth);
    if shallower {
        candidates.remove(0);
    }
}

/// The headings of the candidates, each with its tier.
fn build(doc: &Document, candidates: &[(&Segment, LineHeading)]) -> Vec<Found> {
    let shallowest = candidates
        .iter()
        .filter_map(|(_, h)| h.atx)
        .min()
        .unwrap_or(1);
    candidates
        .iter()
        .map(|(seg, h)| {
            let marker_tier = h.marker.map(|m| m.tier);
            let by_marker = marker_tier.filter(|t| {
                h.atx.is_none() || matches!(t, Tier::Part | Tier::Section | Tier::L1 | Tier::L2)
            });
            let tier = by_marker.unwrap_or_else(|| {
                let depth = h.atx.unwrap_or(shallowest).saturating_sub(shallowest);
                [Tier::L1, Tier::L2, Tier::L3]
                    .get(usize::from(depth))
                    .copied()
                    .unwrap_or(Tier::L4)
            });
            let at = seg.start + h.start;
            let marker_span = if h.marker_len() > 0 {
                doc.span(at, at + h.marker_len())
            } else {
                doc.span(at, seg.start + h.title_end)
            };
            let section = h.atx.is_some() || !matches!(tier, Tier::L3 | Tier::L4);
            Found {
                heading: Heading {
                    level: tier.level(),
                    line: seg.line,
                    column: marker_span.column,
                    marker: seg.text[h.start..h.start + h.marker_len()].to_string(),
                    number: h.marker.map_or(0, |m| m.number),
                    title: h.title.to_string(),
                    has_body: h.has_body,
                    roles: Vec::new(),
                    list_item: !section,
                },
                tier,
                style: h.marker.map(|m| m.style),
                gbt: by_marker.is_some() && h.marker.is_some(),
                section,
                indent: if seg.line_start { h.indent } else { 0 },
                sentence: seg
                    .text
                    .trim_end()
                    .ends_with(['；', ';', '。', '.', '！', '!', '？', '?', '，', ',']),
                start: at,
                marker: marker_span,
                text: doc.span(at, seg.start + h.title_end),
            }
        })
        .collect()
}

/// Gives the top-level headings their roles, from their titles.
fn assign_roles(found: &mut [Found], dicts: &Dicts, profile: &Profile) {
    let top = found
        .iter()
        .filter(|f| f.section)
        .map(|f| f.heading.level)
        .min()
        .or_else(|| found.iter().map(|f| f.heading.level).min());
    let Some(top) = top else { return };
    let has_sections = found.iter().any(|f| f.section);
    let is_top = |f: &Found| f.heading.level == top && (f.section || !has_sections);
    for f in found.iter_mut().filter(|f| is_top(f)) {
        f.heading.roles = roles_of(&f.heading.title, dicts, profile);
    }
    // Sections whose titles name no role, before the first problems or plans
    // section, recount the work done (`一、坚持党建引领，夯实发展根基`).
    let any_situation = found
        .iter()
        .any(|f| f.heading.roles.contains(&Role::Situation));
    if !any_situation {
        for f in found.iter_mut().filter(|f| is_top(f)) {
            if f.heading
                .roles
                .iter()
                .any(|r| matches!(r, Role::Problems | Role::Plans))
            {
                break;
            }
            if f.heading.roles.is_empty() {
                f.heading.roles.push(Role::Situation);
            }
        }
    }
}

/// The roles whose keywords a top-level title holds, in `Role` order: the keywords
/// of `dicts/roles.txt` and of the profile, compared in simplified script. A keyword
/// inside a longer one that also matches gives nothing (`整改措施` is plans only).
pub fn roles_of(title: &str, dicts: &Dicts, profile: &Profile) -> Vec<Role> {
    let title = simplified(title);
    let whole = whole_title(&title);
    let keywords = dicts.role_keywords.iter().chain(&profile.keywords);
    // Every match: start, end, role.
    let mut hits: Vec<(usize, usize, Role)> = Vec::new();
    for (role, keyword) in keywords {
        if let Some(exact) = keyword.strip_prefix('=') {
            if whole == exact {
                hits.push((0, title.len(), *role));
            }
            continue;
        }
        let mut from = 0;
        while let Some(i) = title.get(from..).and_then(|t| t.find(keyword.as_str())) {
            let start = from + i;
            hits.push((start, start + keyword.len(), *role));
            from = start + keyword.len().max(1);
        }
    }
    let inside_longer = |&(s, e, _): &(usize, usize, Role)| {
        hits.iter()
            .any(|&(s2, e2, _)| s2 <= s && e <= e2 && e2 - s2 > e - s)
    };
    let roles: BTreeSet<Role> = hits
        .iter()
        .filter(|h| !inside_longer(h))
        .map(|&(_, _, role)| role)
        .collect();
    roles.into_iter().collect()
}

/// A title without quotes, spaces and a trailing 方面 (`“德”的方面` → `德`), for
/// whole-title keywords.
fn whole_title(title: &str) -> &str {
    let t = title.trim_matches(|c: char| c.is_whitespace() || "“”‘’\"'《》".contains(c));
    let t = t.strip_suffix("方面").unwrap_or(t).trim_end_matches('的');
    t.trim_matches(|c: char| c.is_whitespace() || "“”‘’\"'".contains(c))
}

/// The styles the document itself uses, for writing expected markers.
struct Styles {
    /// The most common style per tier and numeral kind (a tie: the first seen).
    common: BTreeMap<(Tier, Numeral), MarkerStyle>,
    /// Whether the document's level-3 markers (`1.` `1．` `1、`) mix styles.
    mixed_l3: bool,
}

impl Styles {
    fn of(found: &[Found]) -> Self {
        let mut counts: BTreeMap<(Tier, Numeral), BTreeMap<MarkerStyle, (usize, usize)>> =
            BTreeMap::new();
        for (i, f) in found.iter().enumerate() {
            let Some(style) = f.style.filter(|_| f.gbt) else {
                continue;
            };
            let entry = counts
                .entry((f.tier, style.numeral))
                .or_default()
                .entry(style)
                .or_insert((0, i));
            entry.0 += 1;
        }
        let mixed_l3 = counts
            .get(&(Tier::L3, Numeral::Arabic))
            .is_some_and(|styles| {
                styles
                    .keys()
                    .map(|s| s.suffix)
                    .collect::<BTreeSet<_>>()
                    .len()
                    > 1
            });
        let common = counts
            .into_iter()
            .filter_map(|(key, styles)| {
                let most = styles
                    .into_iter()
                    .max_by_key(|&(_, (count, first))| (count, std::cmp::Reverse(first)))?;
                Some((key, most.0))
            })
            .collect();
        Styles { common, mixed_l3 }
    }

    /// The document's style for a tier and numeral kind, else the GB/T one.
    fn document(&self, tier: Tier, numeral: Numeral) -> MarkerStyle {
        self.common
            .get(&(tier, numeral))
            .copied()
            .unwrap_or_else(|| gbt_style(tier))
    }

    /// How a heading should be written: GB/T 9704; a level-3 marker may keep the
    /// document's own `1.`/`1．`/`1、` unless the document mixes them.
    fn canonical(&self, f: &Found, style: MarkerStyle) -> MarkerStyle {
        match (f.tier, style.numeral) {
            (Tier::Part | Tier::Section, _) => style,
            (Tier::L3, _) if !self.mixed_l3 && matches!(style.suffix, "." | "．" | "、") => {
                MarkerStyle {
                    suffix: style.suffix,
                    ..gbt_style(Tier::L3)
                }
            }
            (Tier::L4, Numeral::Circled) => MarkerStyle {
                suffix: "",
                ..style
            },
            (tier, _) => gbt_style(tier),
        }
    }
}

/// The GB/T 9704 style of a tier.
fn gbt_style(tier: Tier) -> MarkerStyle {
    let (numeral, open, close, suffix) = match tier {
        Tier::Part => (Numeral::Han, "第", "", "部分"),
        Tier::Section => (Numeral::Han, "第", "", "节"),
        Tier::L1 => (Numeral::Han, "", "", "、"),
        Tier::L2 => (Numeral::Han, "（", "）", ""),
        Tier::L3 => (Numeral::Arabic, "", "", "."),
        Tier::L4 => (Numeral::Arabic, "（", "）", ""),
    };
    MarkerStyle {
        numeral,
        open,
        close,
        suffix,
    }
}

fn style_finding(f: &Found, styles: &Styles) -> Option<Finding> {
    let style = f.style.filter(|_| f.gbt)?;
    let canonical = styles.canonical(f, style);
    let want = canonical.render(f.heading.number);
    if want == f.heading.marker {
        return None;
    }
    let mut reasons = Vec::new();
    if style.suffix == "、" && (!style.close.is_empty() || style.numeral == Numeral::Circled) {
        reasons.push(messages::STRAY_PAUSE);
    }
    if style.open == "(" || style.close == ")" {
        reasons.push(messages::FULL_WIDTH_PARENS);
    }
    if f.tier == Tier::L1 && style.suffix != "、" {
        reasons.push(messages::LEVEL_ONE_PAUSE);
    }
    if f.tier == Tier::L3 && style.suffix != canonical.suffix {
        reasons.push(messages::LEVEL_THREE_MIXED);
    }
    if f.heading.marker.chars().any(|c| matches!(c, '０'..='９')) {
        reasons.push(messages::HALF_WIDTH_DIGITS);
    }
    let fix = Fix::single(Edit::new(
        f.marker.byte_start,
        f.marker.byte_end,
        want.clone(),
    ));
    Some(
        Finding::new(
            Rule::HeadingStyle,
            f.marker,
            f.heading.marker.clone(),
            messages::heading_style(&f.heading.marker, &want, reasons),
        )
        .with_fix(Some(fix)),
    )
}

/// Numbering slips, in text order.
fn numbering(found: &[Found], styles: &Styles) -> Vec<Slip> {
    const TIERS: usize = 6;
    // The last number of each section tier under the current parents (0: none yet).
    let mut last = [0u32; TIERS];
    // Open lists, outermost first: (indent, tier, last number). `（1）` and `①` items
    // count on together: a list may change its marks.
    let mut lists: Vec<(usize, Tier, u32)> = Vec::new();
    let mut slips = Vec::new();
    for f in found {
        let t = f.tier as usize;
        if f.section {
            for deeper in last.iter_mut().skip(t + 1) {
                *deeper = 0;
            }
            lists.clear();
            let (Some(style), Some(prev)) = (f.style, last.get_mut(t)) else {
                continue;
            };
            let n = f.heading.number;
            let expected = prev.saturating_add(1);
            if n != expected {
                slips.push(slip(f, styles, style, *prev, expected));
            }
            *prev = n;
            continue;
        }
        let Some(style) = f.style else { continue };
        // A shallower item ends the lists nested in it.
        lists.retain(|&(indent, tier, _)| {
            indent < f.indent || (indent == f.indent && tier <= f.tier)
        });
        let open = lists
            .iter_mut()
            .rfind(|(indent, tier, _)| (*indent, *tier) == (f.indent, f.tier));
        let prev = match open {
            Some(entry) => &mut entry.2,
            None => {
                lists.push((f.indent, f.tier, 0));
                match lists.last_mut() {
                    Some(entry) => &mut entry.2,
                    None => continue,
                }
            }
        };
        let n = f.heading.number;
        let expected = prev.saturating_add(1);
        // 1 starts a new list; anything else must follow on.
        if n != 1 && n != expected {
            slips.push(slip(f, styles, style, *prev, expected));
        }
        *prev = n;
    }
    slips
}

fn slip(f: &Found, styles: &Styles, style: MarkerStyle, prev: u32, expected: u32) -> Slip {
    let doc_style = if f.gbt {
        styles.document(f.tier, style.numeral)
    } else {
        style
    };
    Slip {
        span: f.marker,
        expected: doc_style.render(expected),
        found: f.heading.marker.clone(),
        kind: SlipKind::of(prev, f.heading.number),
    }
}

/// Section headings with nothing under them before a section heading of the same or a
/// shallower tier.
fn empty_sections(found: &[Found], content: &[usize]) -> Vec<Finding> {
    let mut out = Vec::new();
    for (i, f) in found.iter().enumerate() {
        if !f.section || f.heading.has_body || f.sentence {
            continue;
        }
        let next = found.get(i + 1);
        let until = next.map_or(usize::MAX, |n| n.start);
        // Content offsets are sorted: the first one after this heading decides.
        let after = content.partition_point(|&at| at <= f.start);
        let has_content = content.get(after).is_some_and(|&at| at < until);
        let closed = next.is_none_or(|n| n.section && n.tier <= f.tier);
        if !has_content && closed {
            out.push(Finding::new(
                Rule::EmptySection,
                f.text,
                format!("{}{}", f.heading.marker, f.heading.title),
                Message::new(messages::EMPTY_SECTION),
            ));
        }
    }
    out
}

fn missing_roles(found: &[Found], required: &BTreeSet<Role>) -> Vec<Role> {
    let present: BTreeSet<Role> = found
        .iter()
        .flat_map(|f| f.heading.roles.iter().copied())
        .collect();
    required.difference(&present).copied().collect()
}

/// A missing role is reported on the whole first line: it is about the document.
fn missing_finding(doc: &Document, role: Role, profile: &Profile) -> Finding {
    let span = doc.lines().next().map_or(doc.span(0, 0), |line| {
        doc.span(line.byte_start, line.byte_start + line.text.len())
    });
    Finding::new(
        Rule::MissingSection,
        span,
        role.name(),
        messages::missing_section(role, &profile.label),
    )
}

/// The outline's messages, in one place for translation (their texts are in
/// `locales/`).
mod messages {
    use crate::i18n::Message;
    use crate::report::Role;

    /// `empty-section`.
    pub const EMPTY_SECTION: &str = "empty-section-nothing";
    /// `heading-style` reasons.
    pub const STRAY_PAUSE: &str = "heading-style-stray-pause";
    /// `heading-style` reasons.
    pub const FULL_WIDTH_PARENS: &str = "heading-style-full-width-parens";
    /// `heading-style` reasons.
    pub const LEVEL_ONE_PAUSE: &str = "heading-style-level-one-pause";
    /// `heading-style` reasons.
    pub const LEVEL_THREE_MIXED: &str = "heading-style-level-three-mixed";
    /// `heading-style` reasons.
    pub const HALF_WIDTH_DIGITS: &str = "heading-style-half-width-digits";

    /// `heading-style`: the marker, how to write it, and why.
    pub fn heading_style(marker: &str, want: &str, reasons: Vec<&'static str>) -> Message {
        if reasons.is_empty() {
            Message::new("heading-style-write")
                .arg("marker", marker)
                .arg("want", want)
        } else {
            let reasons: Vec<Message> = reasons.into_iter().map(Message::new).collect();
            Message::new("heading-style-write-because")
                .arg("marker", marker)
                .arg("want", want)
                .arg("reasons", reasons)
        }
    }

    /// `missing-section`: the role, an example title, and the genre that needs it.
    pub fn missing_section(role: Role, genre: &str) -> Message {
        Message::new("missing-section-role")
            .arg("role", Message::new(role_id(role)))
            .arg("example", Message::new(example_id(role)))
            .arg("genre", genre)
    }

    fn role_id(role: Role) -> &'static str {
        match role {
            Role::Situation => "role-situation",
            Role::Practice => "role-practice",
            Role::Results => "role-results",
            Role::Problems => "role-problems",
            Role::Plans => "role-plans",
            Role::Integrity => "role-integrity",
            Role::ProactiveDisclosure => "role-proactive-disclosure",
            Role::DisclosureRequests => "role-disclosure-requests",
            Role::Appeals => "role-appeals",
            Role::OtherMatters => "role-other-matters",
        }
    }

    fn example_id(role: Role) -> &'static str {
        match role {
            Role::Situation => "example-situation",
            Role::Practice => "example-practice",
            Role::Results => "example-results",
            Role::Problems => "example-problems",
            Role::Plans => "example-plans",
            Role::Integrity => "example-integrity",
            Role::ProactiveDisclosure => "example-proactive-disclosure",
            Role::DisclosureRequests => "example-disclosure-requests",
            Role::Appeals => "example-appeals",
            Role::OtherMatters => "example-other-matters",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every role's missing-section message and every heading-style reason is said in
    /// both languages (an id the locales lack would be printed as the id).
    #[test]
    fn messages_exist_in_both_languages() {
        use crate::i18n::Lang;
        for &role in Role::ALL {
            for lang in Lang::ALL {
                let said = messages::missing_section(role, "工作总结").say(lang);
                assert!(
                    !said.contains("role-") && !said.contains("example-"),
                    "{said}"
                );
            }
        }
        let reasons = vec![
            messages::STRAY_PAUSE,
            messages::FULL_WIDTH_PARENS,
            messages::LEVEL_ONE_PAUSE,
            messages::LEVEL_THREE_MIXED,
            messages::HALF_WIDTH_DIGITS,
        ];
        for lang in Lang::ALL {
            let said = messages::heading_style("一.", "一、", reasons.clone()).say(lang);
            assert!(!said.contains("heading-style-"), "{said}");
            let said = Message::new(messages::EMPTY_SECTION).say(lang);
            assert!(!said.contains("empty-section"), "{said}");
        }
    }

    fn run(text: &str) -> Outline {
        outline(&Document::from_str("t", text), &Config::default())
    }

    /// Slips as "line:expected>found".
    fn slips(text: &str) -> Vec<String> {
        run(text)
            .slips
            .iter()
            .map(|s| format!("{}:{}>{}", s.span.line, s.expected, s.found))
            .collect()
    }

    fn rule_lines(text: &str, rule: Rule) -> Vec<(usize, String)> {
        run(text)
            .findings
            .into_iter()
            .filter(|f| f.rule == rule)
            .map(|f| (f.span.line, f.message.say(crate::i18n::Lang::En)))
            .collect()
    }

    /// One line a case: headings joined by `|` (each with body text, so only
    /// numbering matters), the slips expected.
    #[test]
    fn numbering_slips() {
        let cases: &[(&str, &[&str])] = &[
            ("一、|二、|三、", &[]),
            ("一、|二、|四、|五、", &["3:三、>四、"]),
            ("一、|二、|二、|三、", &["3:三、>二、"]),
            ("二、|三、", &["1:一、>二、"]),
            // Restart under each parent.
            ("一、|（一）|（二）|二、|（一）|（二）", &[]),
            ("一、|（一）|（二）|二、|（三）", &["5:（一）>（三）"]),
            ("一、|（一）|1.|2.|（二）|1.|3.", &["7:2.>3."]),
            ("（一）|（二）|（四）", &["3:（三）>（四）"]),
            // Level 1–2 never restart under the same parent.
            ("一、|（一）|（二）|（一）", &["4:（三）>（一）"]),
            // Expected in the document's style.
            ("一．|二．|四．", &["3:三．>四．"]),
            ("1、|2、|4、", &["3:3、>4、"]),
            ("①|②|④", &["3:③>④"]),
            ("（1）|（2）|③", &[]),
            ("第一部分 |一、|二、|第二部分 |一、", &[]),
            ("第一部分 |第三部分 ", &["2:第二部分>第三部分"]),
            // A list right under a section is no slip, whatever other sections hold.
            ("一、|（一）|二、|1.|2.", &[]),
            ("一、|1.|2.|二、|1.", &[]),
            ("一、|（一）|1.|（1）|二、|（1）", &[]),
            // Lists: 1 starts a new list; a jump or repeat within one is a slip.
            ("一、|1.|2.|1.|2.|3.", &[]),
            ("一、|1.|2.|2.", &["4:3.>2."]),
            ("一、|1.|2.|4.", &["4:3.>4."]),
            ("一、|2.|3.", &["2:1.>2."]),
            ("1.|（1）|（2）|2.|（1）|（3）", &["6:（2）>（3）"]),
            // Huge numbers are not headings, so they cannot overflow anything.
            ("（1）|（99999999999）|（2）", &[]),
        ];
        for (headings, want) in cases {
            let text = headings.replace('|', "标题。正文\n") + "标题。正文";
            assert_eq!(slips(&text), *want, "headings: {headings}");
        }
    }

    /// Lists restart after body text and nest by indentation (Markdown); a section
    /// heading ends them.
    #[test]
    fn lists_restart_and_nest() {
        let cases: &[(&str, &[&str])] = &[
            ("一、甲\n1. 项\n2. 项\n正文\n1. 项\n2. 项", &[]),
            (
                "## 一、甲\n1. 项\n   1. 子项\n   2. 子项\n2. 项\n3. 项",
                &[],
            ),
            (
                "## 一、甲\n1. 项\n   1. 子项\n   3. 子项\n2. 项",
                &["4:2.>3."],
            ),
            ("## 工作回顾\n1. 项\n2. 项\n## 不足\n1. 项\n2. 项", &[]),
            ("1. 项\n2. 项\n2. 项", &["3:3.>2."]),
        ];
        for (text, want) in cases {
            assert_eq!(slips(text), *want, "text: {text:?}");
        }
    }

    /// One line a case: headings joined by `|`, the heading-style messages expected.
    #[test]
    fn heading_style() {
        #[rustfmt::skip]
        let cases: &[(&str, &[&str])] = &[
            ("一、|（一）|1.|（1）|①", &[]),
            ("一．|二、", &["write \"一、\" instead of \"一．\": a level-1 number takes 、"]),
            ("一.", &["write \"一、\" instead of \"一.\": a level-1 number takes 、"]),
            ("（一）、", &["write \"（一）\" instead of \"（一）、\": no 、 after a closing parenthesis or a circled number"]),
            ("(1)、", &["write \"（1）\" instead of \"(1)、\": no 、 after a closing parenthesis or a circled number, use full-width parentheses （）"]),
            ("(一)", &["write \"（一）\" instead of \"(一)\": use full-width parentheses （）"]),
            ("（一)", &["write \"（一）\" instead of \"（一)\": use full-width parentheses （）"]),
            ("①、", &["write \"①\" instead of \"①、\": no 、 after a closing parenthesis or a circled number"]),
            // Level 3: one style throughout is fine; a mix is told the standard 1.
            ("1、|2、|3、", &[]),
            ("1．|2．", &[]),
            ("1.|2.|3、", &["write \"3.\" instead of \"3、\": the level-3 numbers mix styles, and GB/T 9704 writes them 1."]),
            ("1、|2、|3.", &[
                "write \"1.\" instead of \"1、\": the level-3 numbers mix styles, and GB/T 9704 writes them 1.",
                "write \"2.\" instead of \"2、\": the level-3 numbers mix styles, and GB/T 9704 writes them 1.",
            ]),
            ("１.", &["write \"1.\" instead of \"１.\": use half-width digits"]),
            ("第一部分 |第二章 ", &[]),
        ];
        for (headings, want) in cases {
            let text = headings.replace('|', "标题。正文\n") + "标题。正文";
            let got: Vec<String> = rule_lines(&text, Rule::HeadingStyle)
                .into_iter()
                .map(|(_, m)| m)
                .collect();
            assert_eq!(got, *want, "headings: {headings}");
        }
    }

    /// One line a case: the document, lines of its empty sections.
    #[test]
    fn empty_sections() {
        let cases: &[(&str, &[usize])] = &[
            ("一、甲\n正文\n二、乙\n正文", &[]),
            ("一、甲\n二、乙\n正文", &[1]),
            ("一、甲\n\n　\n二、乙\n正文", &[1]),
            ("一、甲\n（一）子\n正文", &[]),
            ("一、甲\n（一）子\n二、乙\n正文", &[2]),
            ("一、甲。有正文\n二、乙\n正文", &[]),
            ("一、甲：\n二、乙\n正文", &[1]),
            ("一、甲\n正文\n二、乙", &[3]),
            ("一、甲\n正文\n二、乙\n\n", &[3]),
            ("（一）子\n一、甲\n正文", &[1]),
            ("第一部分 回顾\n一、甲\n正文", &[]),
            // List items without a body are not sections.
            ("一、甲\n1.学习\n2.调研\n二、乙\n正文", &[]),
            ("一、甲\n（1）学习；\n（2）调研；\n二、乙\n正文", &[]),
            ("一、甲\n1.学习\n（1）\n二、乙\n正文", &[]),
            // Section markers on sentences are list items too.
            (
                "三、打算\n（一）加强学习；\n（二）改进作风。\n（三）狠抓落实",
                &[4],
            ),
            // A section whose only content is a list is not empty.
            ("## 不足\n1. 学习不够", &[]),
            ("## 工作回顾\n## 不足\n正文", &[1]),
        ];
        for (text, want) in cases {
            let got: Vec<usize> = rule_lines(text, Rule::EmptySection)
                .into_iter()
                .map(|(l, _)| l)
                .collect();
            assert_eq!(got, *want, "text: {text:?}");
        }
    }

    /// Titles written in the genre's style, one line a case: the title, its roles.
    /// Simplified and traditional, every profile's sections.
    #[test]
    fn roles_from_titles() {
        use Role::*;
        #[rustfmt::skip]
        let cases: &[(&str, &[Role])] = &[
            ("主要学习情况", &[Situation]),
            ("主要做法", &[Practice]),
            ("学习成效", &[Results]),
            ("存在的主要问题", &[Problems]),
            ("下一步打算", &[Plans]),
            ("主要工作及做法", &[Situation, Practice]),
            ("2023年主要工作完成情况", &[Situation]),
            ("取得的工作成效", &[Results]),
            ("二〇二四年工作计划", &[Plans]),
            ("2022年工作进展和成效", &[Situation, Results]),
            ("2024 规划", &[Plans]),
            ("下半年工作重点", &[Plans]),
            ("存在的主要问题及改进情况", &[Problems]),
            ("工作回顾", &[Situation]),
            ("成果亮点", &[Results]),
            ("下一步工作思路", &[Plans]),
            ("努力方向", &[Plans]),
            ("整改措施", &[Plans]),
            ("存在的问题和整改措施", &[Problems, Plans]),
            ("上半年工作开展情况", &[Situation]),
            ("上半年主要工作", &[Situation]),
            ("重点工作推进情况", &[Situation]),
            ("2023年度重点工作完成情况", &[Situation]),
            ("一年来的主要工作", &[Situation]),
            ("今年以来工作开展情况", &[Situation]),
            ("基本情况", &[Situation]),
            ("总体情况", &[Situation]),
            ("履职情况", &[Situation]),
            ("履行职责情况", &[Situation]),
            ("履职尽责方面", &[Situation]),
            ("思想政治方面", &[Situation]),
            ("德", &[Situation]),
            ("“勤”的方面", &[Situation]),
            ("绩", &[Situation]),
            ("廉", &[Integrity]),
            ("廉洁自律情况", &[Integrity]),
            ("落实党风廉政建设责任制情况", &[Integrity]),
            ("遵守中央八项规定精神情况", &[Integrity]),
            ("主要做法和体会", &[Practice, Results]),
            ("经验和体会", &[Practice, Results]),
            ("经验与启示", &[Practice, Results]),
            ("工作措施", &[Practice]),
            ("具体举措", &[Practice]),
            ("工作方法", &[Practice]),
            ("取得的成绩", &[Results]),
            ("主要成绩和经验", &[Practice, Results]),
            ("工作成果", &[Results]),
            ("学习收获", &[Results]),
            ("实践成效", &[Results]),
            ("工作亮点", &[Results]),
            ("主要业绩", &[Results]),
            ("心得体会", &[Results]),
            ("存在的不足", &[Problems]),
            ("存在问题", &[Problems]),
            ("问题与不足", &[Problems]),
            ("差距和不足", &[Problems]),
            ("短板弱项", &[Problems]),
            ("面临的困难和挑战", &[Problems]),
            ("不足与反思", &[Problems]),
            ("薄弱环节", &[Problems]),
            ("经验教训", &[Practice, Problems]),
            ("下步工作打算", &[Plans]),
            ("下一步工作计划", &[Plans]),
            ("2024年工作安排", &[Plans]),
            ("明年工作思路", &[Plans]),
            ("今后努力方向", &[Plans]),
            ("下一步改进措施", &[Plans]),
            ("工作设想", &[Plans]),
            ("新的一年工作打算", &[Plans]),
            ("2024年工作目标", &[Plans]),
            ("回顾与展望", &[Situation, Plans]),
            ("展望", &[Plans]),
            ("来年计划", &[Plans]),
            ("主动公开政府信息情况", &[ProactiveDisclosure]),
            ("收到和处理政府信息公开申请情况", &[DisclosureRequests]),
            ("政府信息公开行政复议、行政诉讼情况", &[Appeals]),
            ("其他需要报告的事项", &[OtherMatters]),
            // Traditional script: the same roles as the simplified twin.
            ("存在的問題", &[Problems]),
            ("下半年工作重點", &[Plans]),
            ("主要工作情況", &[Situation]),
            ("履職情況", &[Situation]),
            ("工作成效與經驗", &[Practice, Results]),
            ("下一步計劃", &[Plans]),
            ("廉潔自律情況", &[Integrity]),
            ("不足與反思", &[Problems]),
            // Titles that name no role.
            ("坚持党建引领，夯实发展根基", &[]),
            ("其他", &[]),
            ("德能勤绩廉", &[]),
        ];
        assert!(cases.len() >= 80, "{}", cases.len());
        let dicts = Dicts::embedded();
        let general = dicts.general_profile().clone();
        for (title, want) in cases {
            assert_eq!(roles_of(title, &dicts, &general), *want, "title: {title}");
        }
    }

    #[test]
    fn profile_keywords_count_only_in_their_profile() {
        let mut dicts = Dicts::embedded();
        let general = dicts.general_profile().clone();
        assert!(roles_of("亮剑行动", &dicts, &general).is_empty());
        if let Some(p) = dicts.profiles.iter_mut().find(|p| p.name == "debrief") {
            p.keywords.push((Role::Results, "亮剑".to_string()));
        }
        let debrief = dicts.profile("debrief").unwrap().clone();
        assert_eq!(roles_of("亮剑行动", &dicts, &debrief), vec![Role::Results]);
    }

    #[test]
    fn missing_roles_are_reported_on_the_first_line() {
        let out = run("2023年工作总结\n一、主要工作情况\n正文\n二、下一步打算\n正文");
        assert_eq!(out.profile, "work-summary");
        assert_eq!(out.missing, vec![Role::Problems]);
        let found: Vec<_> = out
            .findings
            .iter()
            .filter(|f| f.rule == Rule::MissingSection)
            .map(|f| {
                (
                    f.span.line,
                    f.span.column,
                    f.span.end_column,
                    f.text.as_str(),
                    f.message.say(crate::i18n::Lang::En),
                    f.message.say(crate::i18n::Lang::Zh),
                )
            })
            .collect();
        assert_eq!(
            found,
            vec![(
                1,
                1,
                10,
                "problems",
                "no \"problems\" section (such as 存在的问题), which a 工作总结 should have"
                    .to_string(),
                "缺少“存在问题”部分（如“存在的问题”），工作总结应有此部分".to_string()
            )]
        );
    }

    /// The general profile requires only an account of the work; sections whose
    /// titles name no role before the problems section are that account.
    #[test]
    fn untitled_sections_recount_the_work() {
        let out = run(
            "一、坚持党建引领\n正文\n二、聚焦主责主业\n正文\n三、存在的不足\n正文\n四、坚持学习\n正文",
        );
        let roles: Vec<Vec<Role>> = out.headings.iter().map(|h| h.roles.clone()).collect();
        use Role::*;
        assert_eq!(
            roles,
            vec![vec![Situation], vec![Situation], vec![Problems], vec![]]
        );
        assert_eq!(out.profile, "general");
        assert!(out.missing.is_empty());
    }

    /// A document with no heading is not a finished summary: every required role is
    /// missing (documented choice); an empty one misses nothing.
    #[test]
    fn no_sections_misses_every_role() {
        assert_eq!(run("请XX同志于X月X日前报送").missing, vec![Role::Situation]);
        let debrief = run("述职报告\n本人一年来认真履职。");
        assert_eq!(
            debrief.missing,
            vec![Role::Situation, Role::Problems, Role::Plans]
        );
        assert!(run("").missing.is_empty());
        assert!(run(" \n\u{3000}\n").missing.is_empty());
    }

    #[test]
    fn required_roles_and_profile_come_from_config() {
        let mut config = Config {
            required_roles: Some(vec![Role::Plans]),
            ..Config::default()
        };
        let doc = Document::from_str("t", "一、主要工作\n正文\n二、下一步打算\n正文");
        assert!(outline(&doc, &config).missing.is_empty());
        config.required_roles = Some(Vec::new());
        assert!(
            outline(&Document::from_str("t", "正文"), &config)
                .findings
                .is_empty()
        );
        let mut config = Config::default();
        config.set_profile("debrief").unwrap();
        let out = outline(&doc, &config);
        assert_eq!(
            (out.profile.as_str(), out.missing.clone()),
            ("debrief", vec![Role::Problems])
        );
    }

    /// Markdown headings are sections: their levels come from their depth below the
    /// shallowest, and a lone top heading on the first line is the title.
    #[test]
    fn markdown_headings_are_sections() {
        let text = "# 2023 年终总结\n\n## 2023 工作回顾\n1. 完成项目\n2. 带新人\n### 项目细节\n正文\n## 不足与反思\n1. 文档不够\n## 2024 规划\n1. 学习";
        let out = run(text);
        let got: Vec<(u8, &str, Vec<Role>, bool)> = out
            .headings
            .iter()
            .filter(|h| !h.list_item)
            .map(|h| (h.level, h.title.as_str(), h.roles.clone(), h.list_item))
            .collect();
        use Role::*;
        assert_eq!(
            got,
            vec![
                (1, "2023 工作回顾", vec![Situation], false),
                (2, "项目细节", vec![], false),
                (1, "不足与反思", vec![Problems], false),
                (1, "2024 规划", vec![Plans], false),
            ]
        );
        assert_eq!(out.profile, "work-summary");
        assert!(
            out.slips.is_empty() && out.findings.is_empty(),
            "{:?} {:?}",
            out.slips,
            out.findings
        );
    }

    /// Text pasted as one line: its headings are found where they start, with their
    /// positions in the original line.
    #[test]
    fn flattened_text_is_cut_at_its_headings() {
        let body = "认真落实各项工作部署，取得实效。".repeat(3);
        let text = format!(
            "XX局2023年工作总结 一、主要工作情况 {body}二、主要做法与成效 （一）强化学习。{body}（二）狠抓落实。{body}三、存在的问题 {body}四、下一步打算 {body}"
        );
        let out = run(&text);
        let got: Vec<(u8, &str, &str, usize)> = out
            .headings
            .iter()
            .map(|h| (h.level, h.marker.as_str(), h.title.as_str(), h.column))
            .collect();
        let col = |s: &str| text[..text.find(s).unwrap()].chars().count() + 1;
        assert_eq!(
            got,
            vec![
                (1, "一、", "主要工作情况", col("一、")),
                (1, "二、", "主要做法与成效", col("二、")),
                (2, "（一）", "强化学习", col("（一）")),
                (2, "（二）", "狠抓落实", col("（二）")),
                (1, "三、", "存在的问题", col("三、")),
                (1, "四、", "下一步打算", col("四、")),
            ]
        );
        assert!(out.headings.iter().all(|h| h.line == 1));
        assert!(out.missing.is_empty() && out.slips.is_empty(), "{out:?}");
        // A long paragraph with one inline marker is not flattened text.
        let para = format!("{body}一是学习。（一）要点。{body}{body}{body}{body}");
        assert!(run(&para).headings.is_empty());
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        for text in [
            "",
            "\n\n\n",
            "一、",
            "一、\n二、\n（一）",
            "（99999999999）\n（1）",
            "①\n⑳\n㊿",
            "第九百九十九部分\n第一部分",
            "九百九十九、\n一千、",
            "(一)\r\n（二)\r（三）、",
            "\u{feff}一、标题",
            "#\n##\n###### \n# #",
            "。一、。二、。（一）。1.。①",
        ] {
            let _ = run(text);
        }
    }
}
