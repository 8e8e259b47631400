//! The outline of a document: its headings, their roles, and what is wrong with
//! them as a whole.
//!
//! - `numbering`: at each tier the numbers run 1, 2, 3 … and restart under each
//!   shallower heading. A jump or repeat is reported with the marker expected (in the
//!   document's own style for that tier) and counting goes on from the number found,
//!   so `一、二、四、五、` is one slip, at `四、`. A heading that skips a GB/T level the
//!   document uses elsewhere (`1.` right under `二、` when other sections put `（一）`
//!   there) is reported once per parent, expecting the skipped level's first marker.
//! - `heading-style`: markers are written the GB/T 9704 way: `一、` not `一.`/`一．`,
//!   full-width `（一）`/`（1）`, no stray `、` after a parenthesis or `①`, half-width
//!   digits, and level-3 markers all in the document's majority style (`1.`, `1．` or
//!   `1、`; a tie goes to the style seen first).
//! - `empty-section`: a heading with no body on its line whose next non-blank line is a
//!   heading of the same or a shallower tier, or that ends the document.
//! - `missing-section`: a required role no level-1 heading holds, reported at line 1.
//!   A document with no level-1 heading at all misses every required role: a work
//!   summary without sections is incomplete, and saying so is what its writer needs.
//!
//! What must stay true: one pass over the lines, then a few over the headings only;
//! output in text order; no panic on any input.

use std::collections::{BTreeMap, BTreeSet};

use super::headings::{self, MarkerStyle, Numeral, Tier};
use super::{Finding, Slip};
use crate::config::Config;
use crate::dicts::Dicts;
use crate::document::{Document, Span};
use crate::report::{Heading, Role, Rule};

/// What the outline analysis found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outline {
    /// Headings in text order.
    pub headings: Vec<Heading>,
    /// Heading numbers that are not the ones expected.
    pub slips: Vec<Slip>,
    /// `heading-style`, `empty-section` and `missing-section` findings.
    pub findings: Vec<Finding>,
    /// Required roles that no level-1 heading holds, in `Role` order.
    pub missing: Vec<Role>,
}

/// A heading with what the checks need beyond the report's [`Heading`].
struct Found {
    heading: Heading,
    tier: Tier,
    style: MarkerStyle,
    /// The marker.
    marker: Span,
    /// The marker and title.
    text: Span,
}

/// Builds the outline of `doc` and checks it.
pub fn outline(doc: &Document, config: &Config) -> Outline {
    let mut found = Vec::new();
    // Line numbers of non-blank lines that are not headings: section content.
    let mut content_lines = Vec::new();
    for line in doc.lines() {
        match headings::heading_in_line(line.text) {
            Some(h) => {
                let at = line.byte_start + h.start;
                let marker_end = at + h.marker.len;
                let level = h.marker.tier.level();
                let roles = if level == 1 {
                    roles_of(h.title, &config.dicts)
                } else {
                    Vec::new()
                };
                let marker = doc.span(at, marker_end);
                found.push(Found {
                    heading: Heading {
                        level,
                        line: line.number,
                        column: marker.column,
                        marker: line.text[h.start..h.start + h.marker.len].to_string(),
                        number: h.marker.number,
                        title: h.title.to_string(),
                        has_body: h.has_body,
                        roles,
                    },
                    tier: h.marker.tier,
                    style: h.marker.style,
                    marker,
                    text: doc.span(at, line.byte_start + h.title_end),
                });
            }
            None if !line.text.trim().is_empty() => content_lines.push(line.number),
            None => {}
        }
    }
    let styles = Styles::of(&found);
    let mut findings: Vec<Finding> = found
        .iter()
        .filter_map(|f| style_finding(f, &styles))
        .collect();
    findings.extend(empty_sections(&found, &content_lines));
    let missing = missing_roles(&found, &config.required_roles);
    findings.extend(missing.iter().map(|&role| missing_finding(doc, role)));
    findings.sort_by_key(|f| (f.span.byte_start, f.rule));
    Outline {
        slips: numbering(&found, &styles),
        headings: found.into_iter().map(|f| f.heading).collect(),
        findings,
        missing,
    }
}

/// The roles whose keywords a level-1 title holds, in `Role` order.
pub fn roles_of(title: &str, dicts: &Dicts) -> Vec<Role> {
    let roles: BTreeSet<Role> = dicts
        .role_keywords
        .iter()
        .filter(|(_, keyword)| title.contains(keyword.as_str()))
        .map(|&(role, _)| role)
        .collect();
    roles.into_iter().collect()
}

/// The styles the document itself uses, for writing expected markers.
struct Styles {
    /// The most common style per tier and numeral kind (a tie: the first seen).
    common: BTreeMap<(Tier, Numeral), MarkerStyle>,
    /// Tiers the document uses.
    used: BTreeSet<Tier>,
}

impl Styles {
    fn of(found: &[Found]) -> Self {
        let mut counts: BTreeMap<(Tier, Numeral), BTreeMap<MarkerStyle, (usize, usize)>> =
            BTreeMap::new();
        for (i, f) in found.iter().enumerate() {
            let entry = counts
                .entry((f.tier, f.style.numeral))
                .or_default()
                .entry(f.style)
                .or_insert((0, i));
            entry.0 += 1;
        }
        let common = counts
            .into_iter()
            .filter_map(|(key, styles)| {
                let most = styles
                    .into_iter()
                    .max_by_key(|&(_, (count, first))| (count, std::cmp::Reverse(first)))?;
                Some((key, most.0))
            })
            .collect();
        Styles {
            common,
            used: found.iter().map(|f| f.tier).collect(),
        }
    }

    /// The document's style for a tier and numeral kind, else the GB/T one.
    fn document(&self, tier: Tier, numeral: Numeral) -> MarkerStyle {
        self.common
            .get(&(tier, numeral))
            .copied()
            .unwrap_or_else(|| gbt_style(tier))
    }

    /// How a heading should be written: GB/T 9704, except that level 3 follows the
    /// document's majority (`1.`, `1．` or `1、`).
    fn canonical(&self, f: &Found) -> MarkerStyle {
        match (f.tier, f.style.numeral) {
            (Tier::Part | Tier::Section, _) => f.style,
            (Tier::L3, _) => MarkerStyle {
                suffix: self.document(Tier::L3, Numeral::Arabic).suffix,
                ..gbt_style(Tier::L3)
            },
            (Tier::L4, Numeral::Circled) => MarkerStyle {
                suffix: "",
                ..f.style
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
    let canonical = styles.canonical(f);
    let want = canonical.render(f.heading.number);
    if want == f.heading.marker {
        return None;
    }
    let mut reasons = Vec::new();
    let style = f.style;
    if style.suffix == "、" && (!style.close.is_empty() || style.numeral == Numeral::Circled) {
        reasons.push("stray 、 after the number".to_string());
    }
    if style.open == "(" || style.close == ")" {
        reasons.push("use full-width parentheses （）".to_string());
    }
    if f.tier == Tier::L1 && style.suffix != "、" {
        reasons.push("a level-1 number takes 、".to_string());
    }
    if f.tier == Tier::L3 && style.suffix != canonical.suffix {
        reasons.push(format!(
            "the document's other level-3 markers use {}",
            canonical.render(1)
        ));
    }
    if f.heading.marker.chars().any(|c| matches!(c, '０'..='９')) {
        reasons.push("use half-width digits".to_string());
    }
    let mut message = format!("heading marker should be written {want}");
    if !reasons.is_empty() {
        message = format!("{message}: {}", reasons.join("; "));
    }
    Some(Finding {
        rule: Rule::HeadingStyle,
        span: f.marker,
        text: f.heading.marker.clone(),
        message,
    })
}

/// Numbering slips, in text order.
fn numbering(found: &[Found], styles: &Styles) -> Vec<Slip> {
    const TIERS: usize = 6;
    // The last number at each tier under the current chain of parents (0: none yet).
    let mut last = [0u32; TIERS];
    let mut slips = Vec::new();
    for f in found {
        let t = f.tier as usize;
        for deeper in last.iter_mut().skip(t + 1) {
            *deeper = 0;
        }
        let parent = (0..t)
            .rev()
            .find(|&p| last.get(p).is_some_and(|&n| n > 0))
            .and_then(tier_at);
        if let Some(skipped) = parent.and_then(Tier::below) {
            let first_here = last.get(t).is_some_and(|&n| n == 0);
            if skipped < f.tier && first_here && styles.used.contains(&skipped) {
                let style = styles.document(skipped, gbt_style(skipped).numeral);
                slips.push(Slip {
                    span: f.marker,
                    expected: style.render(1),
                    found: f.heading.marker.clone(),
                });
            }
        }
        if let Some(prev) = last.get_mut(t) {
            let expected = prev.saturating_add(1);
            if f.heading.number != expected {
                let style = styles.document(f.tier, f.style.numeral);
                slips.push(Slip {
                    span: f.marker,
                    expected: style.render(expected),
                    found: f.heading.marker.clone(),
                });
            }
            *prev = f.heading.number;
        }
    }
    slips
}

fn tier_at(index: usize) -> Option<Tier> {
    [
        Tier::Part,
        Tier::Section,
        Tier::L1,
        Tier::L2,
        Tier::L3,
        Tier::L4,
    ]
    .get(index)
    .copied()
}

/// Headings with nothing under them before a heading of the same or a shallower tier.
fn empty_sections(found: &[Found], content_lines: &[usize]) -> Vec<Finding> {
    let mut out = Vec::new();
    for (i, f) in found.iter().enumerate() {
        if f.heading.has_body {
            continue;
        }
        let next = found.get(i + 1);
        let until = next.map_or(usize::MAX, |n| n.heading.line);
        // Content lines are sorted: the first one after this heading decides.
        let after = content_lines.partition_point(|&l| l <= f.heading.line);
        let has_content = content_lines.get(after).is_some_and(|&l| l < until);
        let closed_by_sibling = next.is_none_or(|n| n.tier <= f.tier);
        if !has_content && closed_by_sibling {
            out.push(Finding {
                rule: Rule::EmptySection,
                span: f.text,
                text: format!("{}{}", f.heading.marker, f.heading.title),
                message: "section has no content".to_string(),
            });
        }
    }
    out
}

fn missing_roles(found: &[Found], required: &[Role]) -> Vec<Role> {
    let present: BTreeSet<Role> = found
        .iter()
        .flat_map(|f| f.heading.roles.iter().copied())
        .collect();
    let missing: BTreeSet<Role> = required
        .iter()
        .copied()
        .filter(|r| !present.contains(r))
        .collect();
    missing.into_iter().collect()
}

/// A missing role is reported on the whole first line: it is about the document.
fn missing_finding(doc: &Document, role: Role) -> Finding {
    let span = doc.lines().next().map_or(doc.span(0, 0), |line| {
        doc.span(line.byte_start, line.byte_start + line.text.len())
    });
    Finding {
        rule: Rule::MissingSection,
        span,
        text: role.name().to_string(),
        message: format!("no level-1 section has the {role} role"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
            .map(|f| (f.span.line, f.message))
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
            // Expected in the document's style.
            ("一．|二．|四．", &["3:三．>四．"]),
            ("1、|2、|4、", &["3:3、>4、"]),
            ("①|②|④", &["3:③>④"]),
            ("（1）|（2）|③", &[]),
            ("第一部分 |一、|二、|第二部分 |一、", &[]),
            ("第一部分 |第三部分 ", &["2:第二部分>第三部分"]),
            // A level skipped that the document uses elsewhere: once per parent.
            ("一、|（一）|二、|1.|2.", &["4:（一）>1."]),
            ("一、|1.|2.|二、|1.", &[]),
            ("一、|（一）|1.|（1）|二、|（1）", &["6:（一）>（1）"]),
            // Huge numbers are not headings, so they cannot overflow anything.
            ("（1）|（99999999999）|（2）", &[]),
        ];
        for (headings, want) in cases {
            let text = headings.replace('|', "标题。正文\n") + "标题。正文";
            assert_eq!(slips(&text), *want, "headings: {headings}");
        }
    }

    /// One line a case: headings joined by `|`, the heading-style messages expected.
    #[test]
    fn heading_style() {
        #[rustfmt::skip]
        let cases: &[(&str, &[&str])] = &[
            ("一、|（一）|1.|（1）|①", &[]),
            ("一．|二、", &["heading marker should be written 一、: a level-1 number takes 、"]),
            ("一.", &["heading marker should be written 一、: a level-1 number takes 、"]),
            ("（一）、", &["heading marker should be written （一）: stray 、 after the number"]),
            ("(1)、", &["heading marker should be written （1）: stray 、 after the number; use full-width parentheses （）"]),
            ("(一)", &["heading marker should be written （一）: use full-width parentheses （）"]),
            ("（一)", &["heading marker should be written （一）: use full-width parentheses （）"]),
            ("①、", &["heading marker should be written ①: stray 、 after the number"]),
            // Level 3: the majority wins, a tie goes to the first seen.
            ("1.|2.|3、", &["heading marker should be written 3.: the document's other level-3 markers use 1."]),
            ("1、|2、|3.", &["heading marker should be written 3、: the document's other level-3 markers use 1、"]),
            ("1．|2.", &["heading marker should be written 2．: the document's other level-3 markers use 1．"]),
            ("１.", &["heading marker should be written 1.: use half-width digits"]),
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
        ];
        for (text, want) in cases {
            let got: Vec<usize> = rule_lines(text, Rule::EmptySection)
                .into_iter()
                .map(|(l, _)| l)
                .collect();
            assert_eq!(got, *want, "text: {text:?}");
        }
    }

    /// One line a case: a level-1 title, its roles.
    #[test]
    fn roles_from_titles() {
        use Role::*;
        let cases: &[(&str, &[Role])] = &[
            ("主要学习情况", &[Situation]),
            ("主要做法", &[Practice]),
            ("学习成效", &[Results]),
            ("存在的主要问题", &[Problems]),
            ("下一步打算", &[Plans]),
            ("主要工作及做法", &[Situation, Practice]),
            ("廉洁自律情况", &[]),
            ("2023年主要工作完成情况", &[Situation]),
            ("取得的工作成效", &[Results]),
            ("二〇二四年工作计划", &[Plans]),
        ];
        let dicts = Dicts::embedded();
        for (title, want) in cases {
            assert_eq!(roles_of(title, &dicts), *want, "title: {title}");
        }
    }

    #[test]
    fn missing_roles_are_reported_on_the_first_line() {
        let out = run("总结\n一、主要工作情况\n正文\n二、下一步打算\n正文");
        assert_eq!(
            out.missing,
            vec![Role::Practice, Role::Results, Role::Problems]
        );
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
                )
            })
            .collect();
        assert_eq!(
            found,
            vec![
                (1, 1, 3, "practice"),
                (1, 1, 3, "results"),
                (1, 1, 3, "problems")
            ]
        );
    }

    /// A document with no level-1 heading is not a finished summary: every
    /// required role is missing (documented choice).
    #[test]
    fn no_sections_misses_every_role() {
        assert_eq!(run("请XX同志于X月X日前报送").missing, Role::ALL.to_vec());
        assert_eq!(run("").missing, Role::ALL.to_vec());
    }

    #[test]
    fn required_roles_come_from_config() {
        let mut config = Config {
            required_roles: vec![Role::Plans],
            ..Config::default()
        };
        let doc = Document::from_str("t", "一、主要工作\n正文\n二、下一步打算\n正文");
        assert!(outline(&doc, &config).missing.is_empty());
        config.required_roles.clear();
        assert!(
            outline(&Document::from_str("t", ""), &config)
                .findings
                .is_empty()
        );
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
        ] {
            let _ = run(text);
        }
    }
}
