//! Official formulations (提法) checked, not only found: the `formulation` rule.
//!
//! Driven by `dicts/formulations.txt` (canonical enumerations, fixed phrases, known wrong
//! wordings) and `dicts/party_events.txt` (congresses and plenums with their dates), it
//! reports, each with the canonical form in its message:
//!
//! - `member-order`: every member of a listed enumeration, in another order
//!   (`大局意识、政治意识、核心意识、看齐意识`); the fix puts the members back in order,
//!   editing only the members, never the punctuation between them;
//! - `missing-member`, `foreign-member`, `count-word`: a list right beside the enumeration's
//!   name (`四个意识：…`, `“四个意识”（…）`, `…的新发展理念`) that lacks a member, holds one
//!   that is not in it, or is named with the wrong count (`三个意识：政治意识、…、看齐意识`);
//! - `near-miss`: one character of a fixed phrase substituted, dropped, added or two swapped
//!   (`两学一作`, `不忘出心`);
//! - `wrong-wording`: a known wrong wording (`以习近平总书记为核心的党中央`);
//! - `outdated`: for the document's year, an enumeration in a wording already replaced
//!   (四个全面 with 全面建成小康社会 after 2020), a name no longer used (三个自信 after
//!   2016), or a congress's 精神 studied when a later congress had met and the document never
//!   names it (党的十九大精神 in a 2023 summary);
//! - `not-yet-held`: the 精神 of a meeting that had not been held by the time the summary
//!   was written (二十届三中全会精神 in a 2023 summary).
//!
//! **No false alarms** is the bar, so everything is conservative:
//! - Partial mentions are fine: a name alone, one member alone, several members without
//!   the name. Members must stand next to each other, separated only by `、` `，` `和`
//!   `及` `以及` `与`, quotation marks or line breaks (`“政治意识”“大局意识”` per GB/T 15834),
//!   and only a list of *all* members is order-checked without its name. Enumerations of
//!   everyday words (新发展理念's 创新, 协调 …) are checked only beside their name.
//! - A shared suffix may be written once (`道路、理论、制度、文化自信`), but the bare stems
//!   (`道路`, `制度`) count only in such a list.
//! - Near-misses need a phrase of four or more Chinese characters, compare Chinese
//!   characters only (`不忘初心，牢记使命` is `不忘初心、牢记使命`), never substitute a numeral,
//!   never take a dropped or added char at either end (that is the next word), nor a
//!   dropped or added `的 之 地 得 了 和 与 及`. A substituted first or last char counts only
//!   where the phrase stands alone (a mark or the line's end beside it) or the new char is a
//!   listed homophone of the old one (IME slips: 做→作), so `社会主义核心价值体系` is never
//!   a slip of 社会主义核心价值观. Real words one edit away are listed (`not=`); a unit
//!   test runs every variant of every phrase through jieba's dictionary to prove none is
//!   missing.
//! - Currency needs the year ([`detect_year`] or the caller's), and looks only at meetings
//!   whose `精神` is studied: `迎接党的二十大胜利召开` in a 2021 summary is not a finding.
//!   A summary about year Y may cite meetings up to the end of March of Y+1 (reports are
//!   written in January and February), or up to the latest full date in its text.
//!
//! What must stay true: the embedded data always parses (tests prove it); findings come in
//! text order; the edits of all findings of a document never overlap; applying the fixes
//! and checking again finds nothing with a fix. `lint` runs this: nothing here loads jieba.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use serde::Serialize;

use super::cjk::{is_han, is_han_numeral};
use super::fix::{Edit, Fix};
use super::phrases::meeting_mentions;
use crate::dicts;
use crate::document::{Document, Span};
use crate::i18n::Message;
use crate::numeral::{arabic_digit, parse_han};

/// Embedded `dicts/formulations.txt`.
pub const FORMULATIONS: &str = include_str!("../../dicts/formulations.txt");
/// Embedded `dicts/party_events.txt`.
pub const PARTY_EVENTS: &str = include_str!("../../dicts/party_events.txt");

/// The kind of a formulation finding; its kebab-case name is its id in output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FormulationKind {
    /// All members of an enumeration, out of order.
    MemberOrder,
    /// A named enumeration's list without one of its members.
    MissingMember,
    /// A named enumeration's list with an item that is not a member.
    ForeignMember,
    /// A named enumeration with the wrong count (`三个意识`).
    CountWord,
    /// A fixed phrase with one character wrong.
    NearMiss,
    /// A known wrong wording.
    WrongWording,
    /// A wording or meeting already superseded in the document's year.
    Outdated,
    /// The 精神 of a meeting held after the document was written.
    NotYetHeld,
}

impl FormulationKind {
    /// The kebab-case id.
    pub fn name(self) -> &'static str {
        match self {
            FormulationKind::MemberOrder => "member-order",
            FormulationKind::MissingMember => "missing-member",
            FormulationKind::ForeignMember => "foreign-member",
            FormulationKind::CountWord => "count-word",
            FormulationKind::NearMiss => "near-miss",
            FormulationKind::WrongWording => "wrong-wording",
            FormulationKind::Outdated => "outdated",
            FormulationKind::NotYetHeld => "not-yet-held",
        }
    }
}

/// One formulation finding.
#[derive(Debug, Clone, PartialEq)]
pub struct FormulationFinding {
    /// What is wrong.
    pub kind: FormulationKind,
    /// Where.
    pub span: Span,
    /// The text at the span.
    pub text: String,
    /// A one-line explanation naming the canonical form.
    pub message: Message,
    /// The canonical form (the whole enumeration, the phrase, the current congress).
    pub canonical: String,
    /// The fix, when there is exactly one right answer.
    pub fix: Option<Fix>,
}

/// The messages of this module, in one place for translation (texts in `locales/`).
mod messages {
    use super::Date;
    use crate::i18n::Message;

    pub fn member_order(name: &str, canonical: &str) -> Message {
        Message::new("formulation-member-order")
            .arg("name", name)
            .arg("canonical", canonical)
    }

    pub fn missing_member(name: &str, missing: &str, canonical: &str) -> Message {
        Message::new("formulation-missing-member")
            .arg("name", name)
            .arg("missing", missing)
            .arg("canonical", canonical)
    }

    pub fn foreign_member(item: &str, name: &str, canonical: &str) -> Message {
        Message::new("formulation-foreign-member")
            .arg("item", item)
            .arg("name", name)
            .arg("canonical", canonical)
    }

    pub fn count_word(found: &str, name: &str, canonical: &str) -> Message {
        Message::new("formulation-count-word")
            .arg("found", found)
            .arg("name", name)
            .arg("canonical", canonical)
    }

    pub fn near_miss(phrase: &str) -> Message {
        Message::new("formulation-near-miss").arg("phrase", phrase)
    }

    pub fn wrong_wording(canonical: &str) -> Message {
        Message::new("formulation-wrong-wording").arg("canonical", canonical)
    }

    pub fn outdated_wording(name: &str, year: i32, since: Date, canonical: &str) -> Message {
        Message::new("formulation-outdated-wording")
            .arg("name", name)
            .arg("year", year.to_string())
            .arg("since", since.to_string())
            .arg("canonical", canonical)
    }

    pub fn outdated_name(found: &str, year: i32, since: Date, successor: &str) -> Message {
        Message::new("formulation-outdated-name")
            .arg("found", found)
            .arg("year", year.to_string())
            .arg("since", since.to_string())
            .arg("successor", successor)
    }

    pub fn outdated_congress(found: &str, year: i32, latest: &str, held: Date) -> Message {
        Message::new("formulation-outdated-congress")
            .arg("found", found)
            .arg("year", year.to_string())
            .arg("latest", latest)
            .arg("held", held.to_string())
    }

    pub fn not_yet_held(found: &str, year: i32, held: Date) -> Message {
        Message::new("formulation-not-yet-held")
            .arg("found", found)
            .arg("year", year.to_string())
            .arg("held", held.to_string())
    }
}

/// A calendar day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Date {
    /// Year.
    pub year: i32,
    /// Month, 1–12.
    pub month: u32,
    /// Day, 1–31.
    pub day: u32,
}

impl Date {
    /// Parses `YYYY-MM-DD`.
    pub fn parse(s: &str) -> Option<Date> {
        let mut parts = s.split('-');
        let year: i32 = parts.next()?.parse().ok()?;
        let month: u32 = parts.next()?.parse().ok()?;
        let day: u32 = parts.next()?.parse().ok()?;
        let valid = parts.next().is_none()
            && (1900..=2999).contains(&year)
            && (1..=12).contains(&month)
            && (1..=31).contains(&day);
        valid.then_some(Date { year, month, day })
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// A line of a dictionary that does not parse.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct DictError {
    /// The dictionary's name (`dicts/formulations.txt`).
    pub file: String,
    /// 1-based line number.
    pub line: usize,
    /// What is wrong with it.
    pub message: String,
}

/// A canonical enumeration (`enum` line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Enumeration {
    /// Its name (`四个意识`).
    pub name: String,
    /// Other names (`五大发展理念`).
    pub aliases: Vec<String>,
    /// Members in their fixed order.
    pub members: Vec<String>,
    /// The suffix every member ends in, which a list may write once.
    pub shared: Option<String>,
    /// Checked only beside its name.
    pub anchored: bool,
    /// Words that may stand between the name and its list (`战略布局`).
    pub tails: Vec<String>,
    /// The day this wording took effect.
    pub since: Option<Date>,
    /// The day a newer wording replaced it.
    pub until: Option<Date>,
    /// The name that replaced this one (三个自信 → 四个自信).
    pub successor: Option<String>,
    /// How the canonical form is shown, when not the members joined by `、`.
    pub display: Option<String>,
    /// Where the wording comes from.
    pub source: String,
}

impl Enumeration {
    /// The canonical form shown in messages.
    pub fn canonical(&self) -> String {
        self.display
            .clone()
            .unwrap_or_else(|| self.members.join("、"))
    }

    /// The count word and head of a name `N个HEAD` (`四`, `意识`).
    fn count(&self) -> Option<(&str, &str)> {
        split_count(&self.name)
    }

    /// Member `k` without the shared suffix.
    fn stem(&self, k: usize) -> Option<&str> {
        let member = self.members.get(k)?;
        let stem = member.strip_suffix(self.shared.as_deref()?)?;
        (!stem.is_empty()).then_some(stem)
    }

    /// Whether the name is usable to find lists: no punctuation, no member inside.
    fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str())
            .chain(self.aliases.iter().map(String::as_str))
            .filter(|n| {
                n.chars().all(is_han) && !self.members.iter().any(|m| n.contains(m.as_str()))
            })
    }

    /// Whether members are short words, so items that are not members can be told apart.
    fn short_members(&self) -> bool {
        self.members.iter().all(|m| m.chars().count() <= 8)
    }
}

/// `N个HEAD` split into the numeral and the head.
fn split_count(name: &str) -> Option<(&str, &str)> {
    let (count, head) = name.split_once('个')?;
    let numeral = !count.is_empty() && count.chars().all(is_han_numeral);
    (numeral && !head.is_empty()).then_some((count, head))
}

/// A fixed phrase (`phrase` line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FixedPhrase {
    /// The exact wording (Chinese characters only).
    pub text: String,
    /// Real words one edit away, never reported.
    pub not: Vec<String>,
    /// Where the wording comes from.
    pub source: String,
}

/// A known wrong wording (`wrong` line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrongWording {
    /// The wrong text.
    pub text: String,
    /// The right text.
    pub canonical: String,
    /// Where the right wording comes from.
    pub source: String,
}

/// The kind of a dated meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EventKind {
    /// A national Party congress (党的N大).
    Congress,
    /// A plenary session of the Central Committee (N届M中全会).
    Plenum,
    /// A plenary session of the Central Commission for Discipline Inspection.
    Ccdi,
}

/// A dated meeting (`dicts/party_events.txt`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartyEvent {
    /// Congress, plenum or discipline-commission plenum.
    pub kind: EventKind,
    /// The congress number (19 for 十九大 and 十九届 plenums).
    pub congress: u32,
    /// The plenum number (0 for a congress).
    pub number: u32,
    /// First day.
    pub first: Date,
    /// Last day: its 精神 can be studied from the next.
    pub last: Date,
    /// The name written in messages (`党的二十大`, `二十届三中全会`).
    pub name: String,
    /// Where the dates come from.
    pub source: String,
}

/// The parsed and compiled data of the `formulation` rule.
#[derive(Debug, Clone)]
pub struct Formulations {
    /// Canonical enumerations.
    pub enumerations: Vec<Enumeration>,
    /// Fixed phrases checked for near-misses.
    pub phrases: Vec<FixedPhrase>,
    /// Known wrong wordings.
    pub wrongs: Vec<WrongWording>,
    /// Groups of homophones (IME slips), each a string of chars.
    pub homophones: Vec<String>,
    /// Dated meetings, in date order.
    pub events: Vec<PartyEvent>,
    compiled: Compiled,
}

/// One way a pattern of the member automaton is a member.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct MemberRef {
    enumeration: usize,
    member: usize,
    stem: bool,
}

/// What a name pattern stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
enum NameRef {
    /// An exact name or alias of these enumerations.
    Names(Vec<usize>),
    /// `个HEAD`: the count word before it picks among these enumerations.
    Head(Vec<usize>),
}

/// Which part of a phrase an anchor pattern is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Anchor {
    Prefix,
    Suffix,
    Swapped,
}

#[derive(Debug, Clone)]
struct Compiled {
    members: AhoCorasick,
    member_refs: Vec<Vec<MemberRef>>,
    names: AhoCorasick,
    name_refs: Vec<NameRef>,
    anchors: AhoCorasick,
    anchor_refs: Vec<Vec<(usize, Anchor)>>,
    wrongs: AhoCorasick,
    meetings: AhoCorasick,
    meeting_refs: Vec<usize>,
    meeting_names: HashMap<String, usize>,
    /// Texts never reported as a near-miss: listed phrases, members, names, `not=`.
    known: HashSet<String>,
}

static EMBEDDED: LazyLock<Formulations> = LazyLock::new(|| {
    // The embedded files are checked by the tests; a parse failure here is a build bug.
    Formulations::parse(FORMULATIONS, PARTY_EVENTS).unwrap_or_else(|e| panic!("{e}"))
});

impl Formulations {
    /// The embedded data, parsed and compiled once.
    pub fn embedded() -> &'static Formulations {
        &EMBEDDED
    }

    /// Parses the formulation and event dictionaries (the formats of `dicts/`).
    pub fn parse(formulations: &str, events: &str) -> Result<Formulations, DictError> {
        let mut enumerations = Vec::new();
        let mut phrases = Vec::new();
        let mut wrongs = Vec::new();
        let mut homophones = Vec::new();
        for (number, line) in data_lines(formulations) {
            let err = |message: String| DictError {
                file: "dicts/formulations.txt".into(),
                line: number,
                message,
            };
            let entry = Entry::parse(line).map_err(&err)?;
            match entry.kind {
                "enum" => enumerations.push(entry.enumeration().map_err(&err)?),
                "phrase" => phrases.push(entry.phrase().map_err(&err)?),
                "wrong" => wrongs.push(entry.wrong().map_err(&err)?),
                "homophones" => homophones.push(entry.homophones().map_err(&err)?),
                other => return Err(err(format!("unknown entry kind {other:?}"))),
            }
        }
        let mut parsed_events = Vec::new();
        for (number, line) in data_lines(events) {
            let event = parse_event(line).map_err(|message| DictError {
                file: "dicts/party_events.txt".into(),
                line: number,
                message,
            })?;
            parsed_events.push(event);
        }
        parsed_events.sort_by_key(|e| (e.last, e.kind, e.congress, e.number));
        let compiled =
            compile(&enumerations, &phrases, &wrongs, &parsed_events).map_err(|e| DictError {
                file: "dicts/formulations.txt".into(),
                line: 0,
                message: format!("cannot build the automata: {e}"),
            })?;
        Ok(Formulations {
            enumerations,
            phrases,
            wrongs,
            homophones,
            events: parsed_events,
            compiled,
        })
    }

    fn homophone(&self, a: char, b: char) -> bool {
        self.homophones
            .iter()
            .any(|group| group.contains(a) && group.contains(b))
    }
}

/// `(line number, trimmed line)` of the entries of a dictionary.
fn data_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim()))
        .filter(|(_, l)| !l.is_empty() && !l.starts_with('#'))
}

/// One entry's TAB-separated fields: its kind, positional values and `key=value` options.
struct Entry<'a> {
    kind: &'a str,
    values: Vec<&'a str>,
    options: Vec<(&'a str, &'a str)>,
    source: &'a str,
}

impl<'a> Entry<'a> {
    fn parse(line: &'a str) -> Result<Entry<'a>, String> {
        let mut fields = line.split('\t').map(str::trim).filter(|f| !f.is_empty());
        let kind = fields.next().ok_or("empty entry")?;
        let mut values = Vec::new();
        let mut options = Vec::new();
        let mut source = None;
        for field in fields {
            match field.split_once('=') {
                Some(("src", value)) if !value.trim().is_empty() => source = Some(value.trim()),
                Some((key, value)) if key.chars().all(|c| c.is_ascii_lowercase()) => {
                    options.push((key, value));
                }
                _ if field.chars().all(|c| c.is_ascii_lowercase()) && !field.is_empty() => {
                    options.push((field, ""));
                }
                _ => values.push(field),
            }
        }
        let source = source.ok_or("no src= naming the source")?;
        Ok(Entry {
            kind,
            values,
            options,
            source,
        })
    }

    fn option(&self, key: &str) -> Option<&'a str> {
        self.options
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| *v)
    }

    fn check_options(&self, allowed: &[&str]) -> Result<(), String> {
        match self.options.iter().find(|(k, _)| !allowed.contains(k)) {
            Some((k, _)) => Err(format!("unknown option {k:?}")),
            None => Ok(()),
        }
    }

    fn values<const N: usize>(&self) -> Result<[&'a str; N], String> {
        <[&str; N]>::try_from(self.values.as_slice()).map_err(|_| {
            format!(
                "{} takes {N} values, found {}",
                self.kind,
                self.values.len()
            )
        })
    }

    fn date(&self, key: &str) -> Result<Option<Date>, String> {
        self.option(key)
            .map(|v| Date::parse(v).ok_or_else(|| format!("{key}={v:?} is not YYYY-MM-DD")))
            .transpose()
    }

    fn enumeration(&self) -> Result<Enumeration, String> {
        self.check_options(&[
            "alias",
            "shared",
            "anchored",
            "tail",
            "since",
            "until",
            "successor",
            "display",
        ])?;
        let [name, members] = self.values()?;
        let members: Vec<String> = members.split('|').map(|m| m.trim().to_string()).collect();
        if members.len() < 2 || members.iter().any(String::is_empty) {
            return Err("an enumeration needs two or more non-empty members".into());
        }
        let unique: HashSet<&String> = members.iter().collect();
        if unique.len() != members.len() {
            return Err("a member is listed twice".into());
        }
        let list = |key: &str| -> Vec<String> {
            self.option(key)
                .map(|v| {
                    v.split('|')
                        .map(|s| s.trim().to_string())
                        .filter(|s| !s.is_empty())
                        .collect()
                })
                .unwrap_or_default()
        };
        let shared = self.option("shared").map(str::to_string);
        if let Some(suffix) = &shared
            && members
                .iter()
                .any(|m| m.strip_suffix(suffix.as_str()).is_none_or(str::is_empty))
        {
            return Err(format!(
                "every member must end in shared={suffix} and be longer"
            ));
        }
        let (since, until) = (self.date("since")?, self.date("until")?);
        let successor = self.option("successor").map(str::to_string);
        if successor.is_some() && until.is_none() {
            return Err("successor= needs until=".into());
        }
        Ok(Enumeration {
            name: name.to_string(),
            aliases: list("alias"),
            members,
            shared,
            anchored: self.option("anchored").is_some(),
            tails: list("tail"),
            since,
            until,
            successor,
            display: self.option("display").map(str::to_string),
            source: self.source.to_string(),
        })
    }

    fn phrase(&self) -> Result<FixedPhrase, String> {
        self.check_options(&["not"])?;
        let [text] = self.values()?;
        if text.chars().count() < 4 || !text.chars().all(is_han) {
            return Err(format!(
                "{text:?}: a phrase is four or more Chinese characters"
            ));
        }
        let not = self
            .option("not")
            .map(|v| {
                v.split('|')
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        Ok(FixedPhrase {
            text: text.to_string(),
            not,
            source: self.source.to_string(),
        })
    }

    fn wrong(&self) -> Result<WrongWording, String> {
        self.check_options(&[])?;
        let [text, canonical] = self.values()?;
        if text == canonical {
            return Err("the wrong text equals the canonical one".into());
        }
        Ok(WrongWording {
            text: text.to_string(),
            canonical: canonical.to_string(),
            source: self.source.to_string(),
        })
    }

    fn homophones(&self) -> Result<String, String> {
        self.check_options(&[])?;
        let [chars] = self.values()?;
        if chars.chars().count() < 2 || !chars.chars().all(is_han) {
            return Err("a homophone group is two or more Chinese characters".into());
        }
        Ok(chars.to_string())
    }
}

fn parse_event(line: &str) -> Result<PartyEvent, String> {
    let entry = Entry::parse(line)?;
    entry.check_options(&[])?;
    let number = |s: &str| parse_han(s).ok_or_else(|| format!("{s:?} is not a Chinese numeral"));
    let date = |s: &str| Date::parse(s).ok_or_else(|| format!("{s:?} is not YYYY-MM-DD"));
    let (kind, n, m, first, last) = match entry.kind {
        "congress" => {
            let [n, first, last] = entry.values()?;
            (EventKind::Congress, n, "", first, last)
        }
        "plenum" | "ccdi" => {
            let [n, m, first, last] = entry.values()?;
            let kind = if entry.kind == "plenum" {
                EventKind::Plenum
            } else {
                EventKind::Ccdi
            };
            (kind, n, m, first, last)
        }
        other => return Err(format!("unknown entry kind {other:?}")),
    };
    let congress = number(n)?;
    let plenum = if m.is_empty() { 0 } else { number(m)? };
    if kind == EventKind::Plenum && plenum > 7 {
        return Err("a Central Committee holds seven plenums at most".into());
    }
    let (first, last) = (date(first)?, date(last)?);
    if first > last {
        return Err("the first day is after the last".into());
    }
    let name = match kind {
        EventKind::Congress => format!("党的{n}大"),
        EventKind::Plenum => format!("{n}届{m}中全会"),
        EventKind::Ccdi => format!("{n}届中央纪委{m}次全会"),
    };
    Ok(PartyEvent {
        kind,
        congress,
        number: plenum,
        first,
        last,
        name,
        source: entry.source.to_string(),
    })
}

/// The ways a meeting is written in running text.
fn event_names(event: &PartyEvent) -> Vec<String> {
    let n = crate::numeral::han(event.congress);
    let m = crate::numeral::han(event.number);
    match event.kind {
        EventKind::Congress => vec![
            format!("党的{n}大"),
            format!("中共{n}大"),
            format!("{n}大"),
            format!("第{n}次全国代表大会"),
            format!("{n}届历次全会"),
            format!("{n}届历次全体会议"),
        ],
        EventKind::Plenum => vec![
            format!("{n}届{m}中全会"),
            format!("{n}届中央委员会第{m}次全体会议"),
        ],
        EventKind::Ccdi => vec![
            format!("{n}届中央纪委{m}次全会"),
            format!("{n}届中纪委{m}次全会"),
            format!("{n}届中央纪委第{m}次全会"),
            format!("{n}届中央纪律检查委员会第{m}次全体会议"),
        ],
    }
}

fn compile(
    enumerations: &[Enumeration],
    phrases: &[FixedPhrase],
    wrongs: &[WrongWording],
    events: &[PartyEvent],
) -> Result<Compiled, aho_corasick::BuildError> {
    // Members and their stems.
    let mut member_index: BTreeMap<String, Vec<MemberRef>> = BTreeMap::new();
    for (e, enumeration) in enumerations.iter().enumerate() {
        for (k, member) in enumeration.members.iter().enumerate() {
            member_index
                .entry(member.clone())
                .or_default()
                .push(MemberRef {
                    enumeration: e,
                    member: k,
                    stem: false,
                });
            if let Some(stem) = enumeration.stem(k) {
                member_index
                    .entry(stem.to_string())
                    .or_default()
                    .push(MemberRef {
                        enumeration: e,
                        member: k,
                        stem: true,
                    });
            }
        }
    }
    let (member_patterns, member_refs): (Vec<String>, Vec<Vec<MemberRef>>) =
        member_index.into_iter().unzip();
    let members = AhoCorasick::builder()
        // A full DFA: several times faster than the default NFA on CJK text, where the
        // prefilter can skip little; the vocabularies are small enough for its memory.
        .kind(Some(AhoCorasickKind::DFA))
        .match_kind(MatchKind::LeftmostLongest)
        .build(&member_patterns)?;

    // Names: exact names, and `个HEAD` for counted names (the numeral is read back).
    let mut name_index: BTreeMap<String, NameRef> = BTreeMap::new();
    for (e, enumeration) in enumerations.iter().enumerate() {
        if let Some((_, head)) = enumeration.count()
            && let NameRef::Head(list) = name_index
                .entry(format!("个{head}"))
                .or_insert(NameRef::Head(Vec::new()))
        {
            list.push(e);
        }
        for name in enumeration.names() {
            if split_count(name).is_some() {
                continue;
            }
            if let NameRef::Names(list) = name_index
                .entry(name.to_string())
                .or_insert(NameRef::Names(Vec::new()))
            {
                list.push(e);
            }
        }
    }
    let (name_patterns, name_refs): (Vec<String>, Vec<NameRef>) = name_index.into_iter().unzip();
    let names = AhoCorasick::builder()
        // A full DFA: several times faster than the default NFA on CJK text, where the
        // prefilter can skip little; the vocabularies are small enough for its memory.
        .kind(Some(AhoCorasickKind::DFA))
        .match_kind(MatchKind::LeftmostLongest)
        .build(&name_patterns)?;

    // Near-miss anchors: a prefix, a suffix, and the phrase with the two chars where they
    // meet swapped. Any one-char slip leaves one of them intact (see `near_misses`).
    let mut anchor_index: BTreeMap<String, Vec<(usize, Anchor)>> = BTreeMap::new();
    for (p, phrase) in phrases.iter().enumerate() {
        let chars: Vec<char> = phrase.text.chars().collect();
        let m = chars.len() / 2;
        let mut swapped = chars.clone();
        swapped.swap(m - 1, m);
        for (text, anchor) in [
            (
                chars
                    .get(..m)
                    .unwrap_or_default()
                    .iter()
                    .collect::<String>(),
                Anchor::Prefix,
            ),
            (
                chars
                    .get(m..)
                    .unwrap_or_default()
                    .iter()
                    .collect::<String>(),
                Anchor::Suffix,
            ),
            (swapped.iter().collect::<String>(), Anchor::Swapped),
        ] {
            anchor_index.entry(text).or_default().push((p, anchor));
        }
    }
    let (anchor_patterns, anchor_refs): (Vec<String>, Vec<Vec<(usize, Anchor)>>) =
        anchor_index.into_iter().unzip();
    let anchors = AhoCorasick::builder()
        // A full DFA: several times faster than the default NFA on CJK text, where the
        // prefilter can skip little; the vocabularies are small enough for its memory.
        .kind(Some(AhoCorasickKind::DFA))
        .match_kind(MatchKind::Standard)
        .build(&anchor_patterns)?;

    let wrongs_ac = AhoCorasick::builder()
        // A full DFA: several times faster than the default NFA on CJK text, where the
        // prefilter can skip little; the vocabularies are small enough for its memory.
        .kind(Some(AhoCorasickKind::DFA))
        .match_kind(MatchKind::LeftmostLongest)
        .build(wrongs.iter().map(|w| &w.text))?;

    let mut meeting_index: BTreeMap<String, usize> = BTreeMap::new();
    for (i, event) in events.iter().enumerate() {
        for name in event_names(event) {
            meeting_index.entry(name).or_insert(i);
        }
    }
    let meeting_names: HashMap<String, usize> =
        meeting_index.iter().map(|(k, v)| (k.clone(), *v)).collect();
    let (meeting_patterns, meeting_refs): (Vec<String>, Vec<usize>) =
        meeting_index.into_iter().unzip();
    let meetings = AhoCorasick::builder()
        // A full DFA: several times faster than the default NFA on CJK text, where the
        // prefilter can skip little; the vocabularies are small enough for its memory.
        .kind(Some(AhoCorasickKind::DFA))
        .match_kind(MatchKind::LeftmostLongest)
        .build(&meeting_patterns)?;

    let mut known: HashSet<String> = dicts::phrase_entries(dicts::PHRASES)
        .map(|(p, _)| p.to_string())
        .collect();
    known.extend(member_patterns.iter().cloned());
    known.extend(name_patterns.iter().cloned());
    for e in enumerations {
        known.insert(e.name.clone());
        known.extend(e.aliases.iter().cloned());
    }
    for p in phrases {
        known.insert(p.text.clone());
        known.extend(p.not.iter().cloned());
    }
    known.extend(wrongs.iter().map(|w| w.canonical.clone()));

    Ok(Compiled {
        members,
        member_refs,
        names,
        name_refs,
        anchors,
        anchor_refs,
        wrongs: wrongs_ac,
        meetings,
        meeting_refs,
        meeting_names,
        known,
    })
}

/// Checks the document's formulations with the embedded data. `year` is the year the
/// summary is about (from config, or [`detect_year`]); without it the currency checks
/// (`outdated`, `not-yet-held`) are skipped.
pub fn check_formulations(doc: &Document, year: Option<i32>) -> Vec<FormulationFinding> {
    check_formulations_with(doc, year, Formulations::embedded())
}

/// [`check_formulations`] with the given data.
pub fn check_formulations_with(
    doc: &Document,
    year: Option<i32>,
    data: &Formulations,
) -> Vec<FormulationFinding> {
    let text = doc.text();
    let mut raw: Vec<Raw> = Vec::new();
    let matches = member_matches(text, data);
    enumeration_runs(text, data, &matches, year, &mut raw);
    named_lists(text, data, &matches, year, &mut raw);
    near_misses(text, data, &mut raw);
    wrong_wordings(text, data, &mut raw);
    if let Some(year) = year {
        currency(text, data, year, &mut raw);
    }
    raw.sort_by_key(|r| (r.start, r.kind, r.end));
    raw.dedup_by(|a, b| a.start == b.start && a.end == b.end && a.kind == b.kind);
    drop_conflicting_fixes(&mut raw);
    raw.into_iter()
        .map(|r| FormulationFinding {
            kind: r.kind,
            span: doc.span(r.start, r.end),
            text: text.get(r.start..r.end).unwrap_or_default().to_string(),
            message: r.message,
            canonical: r.canonical,
            fix: (!r.edits.is_empty()).then(|| Fix::many(r.edits)),
        })
        .collect()
}

/// A finding before it gets its span.
#[derive(Debug, Clone)]
struct Raw {
    kind: FormulationKind,
    start: usize,
    end: usize,
    message: Message,
    canonical: String,
    edits: Vec<Edit>,
}

/// Two findings whose fixes would touch the same text (a list both out of order and
/// with a slipped phrase inside): the later one keeps its finding but loses its fix, so
/// the fixes of a document can always be applied together.
fn drop_conflicting_fixes(raw: &mut [Raw]) {
    // Taken edit ranges by start; an insertion counts as one byte wide, so two at one
    // place clash too.
    let mut taken: BTreeMap<usize, usize> = BTreeMap::new();
    let width = |e: &Edit| (e.byte_start, e.byte_end.max(e.byte_start + 1));
    for r in raw.iter_mut() {
        let clash = r.edits.iter().any(|e| {
            let (s, t) = width(e);
            taken
                .range(..t)
                .next_back()
                .is_some_and(|(_, &end)| end > s)
        });
        if clash {
            r.edits.clear();
        } else {
            taken.extend(r.edits.iter().map(width));
        }
    }
}

/// A member (or stem) found in the text.
#[derive(Debug, Clone)]
struct MemberMatch {
    start: usize,
    end: usize,
    refs: usize,
}

fn member_matches(text: &str, data: &Formulations) -> Vec<MemberMatch> {
    data.compiled
        .members
        .find_iter(text)
        .map(|m| MemberMatch {
            start: m.start(),
            end: m.end(),
            refs: m.pattern().as_usize(),
        })
        .collect()
}

impl MemberMatch {
    fn of<'a>(&self, data: &'a Formulations, e: usize) -> Option<&'a MemberRef> {
        data.compiled
            .member_refs
            .get(self.refs)?
            .iter()
            .find(|r| r.enumeration == e)
    }
}

/// Quotation marks and spaces, which may surround any item of a list.
fn is_wrapper(c: char) -> bool {
    matches!(
        c,
        '“' | '”'
            | '‘'
            | '’'
            | '"'
            | '「'
            | '」'
            | '『'
            | '』'
            | '＂'
            | ' '
            | '\u{3000}'
            | '\t'
            | '\n'
            | '\r'
    )
}

/// Separators between the items of a list.
const SEPARATORS: &[&str] = &["、", "，", ",", "以及", "和", "及", "与", "同"];

/// Whether `gap` joins two items: an optional comma, then an optional conjunction, with
/// quotation marks and spaces anywhere; an empty gap only where quotation marks stood
/// (`“政治意识”“大局意识”`).
fn is_connector(gap: &str) -> bool {
    if gap.len() > 32 {
        return false;
    }
    let core: String = gap.chars().filter(|&c| !is_wrapper(c)).collect();
    if core.is_empty() {
        return !gap.is_empty() && gap.chars().any(|c| !c.is_whitespace());
    }
    let rest = ["、", "，", ","]
        .iter()
        .find_map(|c| core.strip_prefix(c))
        .unwrap_or(&core);
    rest.is_empty() || ["以及", "和", "及", "与", "同"].contains(&rest)
}

/// Lists of all members of an enumeration, in another order (any enumeration not marked
/// `anchored`), and lists in a replaced wording for the document's year.
fn enumeration_runs(
    text: &str,
    data: &Formulations,
    matches: &[MemberMatch],
    year: Option<i32>,
    out: &mut Vec<Raw>,
) {
    let mut start = 0;
    while start < matches.len() {
        let mut end = start + 1;
        while let (Some(a), Some(b)) = (matches.get(end - 1), matches.get(end)) {
            if !is_connector(text.get(a.end..b.start).unwrap_or("x")) {
                break;
            }
            end += 1;
        }
        if let Some(run) = matches.get(start..end)
            && run.len() >= 2
        {
            check_run(text, data, run, year, None, out);
        }
        start = end;
    }
}

/// Checks one run of adjacent members against every enumeration all of them belong to,
/// or only against `named`, the enumeration whose name stands beside the run.
fn check_run(
    text: &str,
    data: &Formulations,
    run: &[MemberMatch],
    year: Option<i32>,
    only: Option<usize>,
    out: &mut Vec<Raw>,
) {
    let Some(first) = run.first() else { return };
    let Some(refs) = data.compiled.member_refs.get(first.refs) else {
        return;
    };
    let named = only.is_some();
    for r in refs {
        let e = r.enumeration;
        if only.is_some_and(|o| o != e) {
            continue;
        }
        let Some(enumeration) = data.enumerations.get(e) else {
            continue;
        };
        if enumeration.anchored && !named {
            continue;
        }
        // An older wording is order-checked only for the years it was in force.
        if let Some(until) = enumeration.until
            && year.is_none_or(|y| y > until.year)
            && !named
        {
            if enumeration.successor.is_none() {
                replaced_wording(text, data, run, e, year, out);
            }
            continue;
        }
        let items: Option<Vec<&MemberRef>> = run.iter().map(|m| m.of(data, e)).collect();
        let Some(items) = items else { continue };
        // Bare stems count only before a last member that carries the shared suffix.
        let stems_ok = named
            || items.iter().all(|i| !i.stem)
            || (items.last().is_some_and(|l| !l.stem)
                && items.iter().take(items.len() - 1).all(|i| i.stem));
        if !stems_ok || items.len() != enumeration.members.len() {
            continue;
        }
        let mut seen: Vec<usize> = items.iter().map(|i| i.member).collect();
        let order: Vec<usize> = seen.clone();
        seen.sort_unstable();
        seen.dedup();
        if seen.len() != enumeration.members.len() || order.windows(2).all(|w| w[0] < w[1]) {
            continue;
        }
        let edits = run
            .iter()
            .zip(&items)
            .enumerate()
            .filter_map(|(position, (m, item))| {
                let right = if item.stem {
                    enumeration.stem(position)?
                } else {
                    enumeration.members.get(position)?.as_str()
                };
                (text.get(m.start..m.end)? != right).then(|| Edit::new(m.start, m.end, right))
            })
            .collect();
        out.push(Raw {
            kind: FormulationKind::MemberOrder,
            start: first.start,
            end: run.last().map_or(first.end, |l| l.end),
            message: messages::member_order(&enumeration.name, &enumeration.canonical()),
            canonical: enumeration.canonical(),
            edits,
        });
    }
}

/// A run of all members of an older wording, in order, in a document about a later year.
fn replaced_wording(
    text: &str,
    data: &Formulations,
    run: &[MemberMatch],
    e: usize,
    year: Option<i32>,
    out: &mut Vec<Raw>,
) {
    let (Some(year), Some(old)) = (year, data.enumerations.get(e)) else {
        return;
    };
    let Some(until) = old.until else { return };
    let items: Option<Vec<&MemberRef>> = run.iter().map(|m| m.of(data, e)).collect();
    let Some(items) = items else { return };
    let in_order = items.len() == old.members.len()
        && items
            .iter()
            .enumerate()
            .all(|(i, r)| r.member == i && !r.stem);
    let new = data
        .enumerations
        .iter()
        .find(|n| n.name == old.name && n.since == Some(until));
    let (true, Some(new)) = (in_order, new) else {
        return;
    };
    let edits = run
        .iter()
        .enumerate()
        .filter_map(|(i, m)| {
            let right = new.members.get(i)?;
            (text.get(m.start..m.end)? != right).then(|| Edit::new(m.start, m.end, right.clone()))
        })
        .collect();
    out.push(Raw {
        kind: FormulationKind::Outdated,
        start: run.first().map_or(0, |f| f.start),
        end: run.last().map_or(0, |l| l.end),
        message: messages::outdated_wording(&new.name, year, until, &new.canonical()),
        canonical: new.canonical(),
        edits,
    });
}

/// An item of a list beside a name.
#[derive(Debug, Clone)]
enum Item {
    Member(MemberMatch),
    Foreign(usize, usize),
}

/// Lists beside an enumeration's name: `NAME：…`, `NAME（…）`, `NAME，即…` after it, or
/// `…的NAME`, `…这NAME` before it.
fn named_lists(
    text: &str,
    data: &Formulations,
    matches: &[MemberMatch],
    year: Option<i32>,
    out: &mut Vec<Raw>,
) {
    for m in data.compiled.names.find_iter(text) {
        let Some(name_ref) = data.compiled.name_refs.get(m.pattern().as_usize()) else {
            continue;
        };
        let (name_start, candidates, count) = match name_ref {
            NameRef::Names(list) => (m.start(), list.clone(), None),
            NameRef::Head(list) => {
                let before = text.get(..m.start()).unwrap_or_default();
                let numeral_len: usize = before
                    .chars()
                    .rev()
                    .take_while(|&c| is_han_numeral(c))
                    .map(char::len_utf8)
                    .sum();
                if numeral_len == 0 {
                    continue;
                }
                let start = m.start() - numeral_len;
                let numeral = text.get(start..m.start()).unwrap_or_default();
                (start, list.clone(), Some(numeral))
            }
        };
        let name_end = m.end();
        let found_name = text.get(name_start..name_end).unwrap_or_default();
        let list = list_after(text, data, matches, &candidates, name_end)
            .or_else(|| list_before(text, data, matches, &candidates, name_start));
        let outdated_name = outdated_name(data, &candidates, found_name, year);
        if let Some(raw) = outdated_name {
            // The name is replaced whole: `三个自信` → `四个自信`.
            let edits = vec![Edit::new(name_start, name_end, raw.canonical.clone())];
            out.push(Raw {
                start: name_start,
                end: name_end,
                edits,
                ..raw
            });
        }
        let Some(items) = list else { continue };
        check_named_list(
            text,
            data,
            &candidates,
            found_name,
            count,
            name_start,
            &items,
            year,
            out,
        );
    }
}

/// A name no longer used, in a document about a later year (三个自信 after 2016).
fn outdated_name(
    data: &Formulations,
    candidates: &[usize],
    found: &str,
    year: Option<i32>,
) -> Option<Raw> {
    let year = year?;
    let old = candidates
        .iter()
        .filter_map(|&e| data.enumerations.get(e))
        .find(|e| e.name == found && e.successor.is_some())?;
    let until = old.until?;
    let successor = old.successor.as_deref()?;
    if year <= until.year {
        return None;
    }
    Some(Raw {
        kind: FormulationKind::Outdated,
        start: 0,
        end: 0,
        message: messages::outdated_name(found, year, until, successor),
        canonical: successor.to_string(),
        edits: Vec::new(),
    })
}

/// Bytes searched for a name's list, before it (`…的新发展理念`) or after it.
const LIST_WINDOW: usize = 600;

/// Words that introduce a list after a name.
const INTRODUCERS: &[&str] = &[
    "，即",
    "，就是",
    "，指",
    "：",
    ":",
    "（",
    "(",
    "即",
    "——",
    "就是",
    "是指",
];

/// The items of a list introduced right after a name (ending at `at`).
fn list_after(
    text: &str,
    data: &Formulations,
    matches: &[MemberMatch],
    candidates: &[usize],
    at: usize,
) -> Option<Vec<Item>> {
    let mut pos = skip_wrappers(text, at);
    // Tails such as 战略布局 may stand between the name and the list.
    for &e in candidates {
        if let Some(tail) = data
            .enumerations
            .get(e)?
            .tails
            .iter()
            .find(|t| text.get(pos..).is_some_and(|r| r.starts_with(t.as_str())))
        {
            pos = skip_wrappers(text, pos + tail.len());
            break;
        }
    }
    let rest = text.get(pos..)?;
    let intro = INTRODUCERS.iter().find(|i| rest.starts_with(**i))?;
    let paren = matches!(*intro, "（" | "(");
    let start = skip_wrappers(text, pos + intro.len());
    let stop: &[char] = if paren {
        &['）', ')', '\n', '\r']
    } else {
        &['。', '；', ';', '！', '？', '!', '?', '）', ')', '\n', '\r']
    };
    // The list ends at a stop, and within a window: lists are short.
    let mut limit = (start + LIST_WINDOW).min(text.len());
    while !text.is_char_boundary(limit) {
        limit -= 1;
    }
    let end = text
        .get(start..limit)?
        .find(stop)
        .map_or(limit, |i| start + i);
    let items = parse_items(text, data, matches, candidates, start, end);
    plausible_list(data, candidates, &items).then_some(items)
}

/// The items of a list ending right before a name that starts at `at`, joined to it by
/// `的`, `这`, `这一` or `等`.
fn list_before(
    text: &str,
    data: &Formulations,
    matches: &[MemberMatch],
    candidates: &[usize],
    at: usize,
) -> Option<Vec<Item>> {
    let before = text.get(..at)?.trim_end_matches(is_wrapper);
    let link = ["这一", "的", "这", "等"]
        .iter()
        .find(|l| before.ends_with(**l))?;
    let list_end = before.len() - link.len();
    // A list is a few dozen chars: the clause is looked for in a window before the name,
    // so a long line without punctuation costs no more than a short one.
    let mut window = list_end.saturating_sub(LIST_WINDOW);
    while !text.is_char_boundary(window) {
        window += 1;
    }
    let clause_start = text
        .get(window..list_end)?
        .rfind([
            '。', '；', ';', '：', ':', '，', ',', '！', '？', '\n', '\r', '（', '(',
        ])
        .map_or(window, |i| {
            let at = window + i;
            at + text
                .get(at..)
                .and_then(|r| r.chars().next())
                .map_or(1, char::len_utf8)
        });
    // Walk left from the link: members, and foreign items between separators.
    let mut items: Vec<Item> = Vec::new();
    let mut pos = list_end;
    loop {
        let end = text.get(..pos)?.trim_end_matches(is_wrapper).len();
        let i = matches.partition_point(|m| m.end < end);
        let member = matches
            .get(i)
            .filter(|m| m.end == end && m.start >= clause_start)
            .filter(|m| candidates.iter().any(|&e| m.of(data, e).is_some()));
        let item_start = match member {
            Some(m) => {
                items.push(Item::Member(m.clone()));
                m.start
            }
            None => {
                // A foreign item runs back to the previous separator in the clause.
                let segment = text.get(clause_start..end)?;
                let sep = SEPARATORS
                    .iter()
                    .filter_map(|s| segment.rfind(s).map(|i| clause_start + i + s.len()))
                    .max()?;
                if sep >= end {
                    break;
                }
                items.push(Item::Foreign(sep, end));
                sep
            }
        };
        let head = text
            .get(clause_start..item_start)?
            .trim_end_matches(is_wrapper);
        let Some(sep) = SEPARATORS.iter().find(|s| head.ends_with(**s)) else {
            break;
        };
        pos = clause_start + head.len() - sep.len();
        if pos <= clause_start {
            break;
        }
    }
    items.reverse();
    // The leftmost item carries the clause's verb (`坚持创新`): it must be a member.
    while matches!(items.first(), Some(Item::Foreign(..))) {
        items.remove(0);
    }
    plausible_list(data, candidates, &items).then_some(items)
}

/// Items between `start` and `end`: members of the candidates where they match, other
/// text up to the next separator as foreign items. A `，` ends the list unless a member
/// follows it.
fn parse_items(
    text: &str,
    data: &Formulations,
    matches: &[MemberMatch],
    candidates: &[usize],
    start: usize,
    end: usize,
) -> Vec<Item> {
    let mut items = Vec::new();
    let mut pos = skip_wrappers(text, start);
    let ours = |m: &&MemberMatch| candidates.iter().any(|&e| m.of(data, e).is_some());
    // Matches never overlap, so their starts and their ends both ascend.
    let member_at = |at: usize| {
        let i = matches.partition_point(|m| m.start < at);
        matches
            .get(i)
            .filter(|m| m.start == at && m.end <= end)
            .filter(ours)
    };
    let member_ending = |from: usize, at: usize| {
        let i = matches.partition_point(|m| m.end < at);
        matches
            .get(i)
            .filter(|m| m.end == at && m.start > from)
            .filter(ours)
    };
    while pos < end {
        if let Some(m) = member_at(pos) {
            pos = m.end;
            items.push(Item::Member(m.clone()));
        } else {
            let rest = text.get(pos..end).unwrap_or_default();
            let next = SEPARATORS
                .iter()
                .filter_map(|s| rest.find(s))
                .min()
                .map_or(end, |i| pos + i);
            let item_end = text
                .get(..next)
                .unwrap_or_default()
                .trim_end_matches(is_wrapper)
                .len();
            // The first item may carry the sentence's verb: `坚定道路自信、…`.
            let verb_then_member = items
                .is_empty()
                .then(|| member_ending(pos, item_end))
                .flatten();
            if let Some(m) = verb_then_member {
                items.push(Item::Member(m.clone()));
            } else if item_end > pos {
                items.push(Item::Foreign(pos, item_end));
            }
            pos = next;
        }
        pos = skip_wrappers(text, pos);
        let Some(sep) = SEPARATORS
            .iter()
            .find(|s| text.get(pos..end).is_some_and(|r| r.starts_with(**s)))
        else {
            break;
        };
        let after = skip_wrappers(text, pos + sep.len());
        if matches!(*sep, "，" | ",") && member_at(after).is_none() {
            break;
        }
        pos = after;
    }
    items
}

/// Whether parsed items look like the enumeration's list rather than a sentence: at least
/// two members and at least half of the enumeration, foreign items short words.
fn plausible_list(data: &Formulations, candidates: &[usize], items: &[Item]) -> bool {
    let members = items
        .iter()
        .filter(|i| matches!(i, Item::Member(..)))
        .count();
    let fewest = candidates
        .iter()
        .filter_map(|&e| data.enumerations.get(e))
        .map(|e| e.members.len().div_ceil(2).max(2))
        .min()
        .unwrap_or(2);
    members >= fewest && items.len() <= members * 2
}

/// Checks a list found beside a name: count word, foreign and missing members, order,
/// and an older wording for the year.
#[allow(clippy::too_many_arguments)]
fn check_named_list(
    text: &str,
    data: &Formulations,
    candidates: &[usize],
    found_name: &str,
    count: Option<&str>,
    name_start: usize,
    items: &[Item],
    year: Option<i32>,
    out: &mut Vec<Raw>,
) {
    // The enumeration the list is: the exact name first, then most members in common,
    // then the wording in force (no `until`).
    let overlap = |e: usize| {
        items
            .iter()
            .filter(|i| matches!(i, Item::Member(m) if m.of(data, e).is_some()))
            .count()
    };
    let Some(&e) = candidates.iter().max_by_key(|&&e| {
        let en = data.enumerations.get(e);
        (
            en.is_some_and(|en| en.name == found_name),
            overlap(e),
            en.is_some_and(|en| en.until.is_none()),
        )
    }) else {
        return;
    };
    let Some(enumeration) = data.enumerations.get(e) else {
        return;
    };
    let members: Vec<(&MemberMatch, usize)> = items
        .iter()
        .filter_map(|i| match i {
            Item::Member(m) => m.of(data, e).map(|r| (m, r.member)),
            Item::Foreign(..) => None,
        })
        .collect();
    let foreign: Vec<(usize, usize)> = items
        .iter()
        .filter_map(|i| match i {
            Item::Foreign(s, t) => Some((*s, *t)),
            Item::Member(m) => m.of(data, e).is_none().then_some((m.start, m.end)),
        })
        .collect();
    let list_start = items.first().map_or(0, item_start);
    let list_end = items.last().map_or(0, item_end);
    let n = enumeration.members.len();
    let present: HashSet<usize> = members.iter().map(|(_, k)| *k).collect();
    let missing: Vec<usize> = (0..n).filter(|k| !present.contains(k)).collect();
    let canonical = enumeration.canonical();

    // The count word of `N个HEAD` against the enumeration's.
    if let (Some(found), Some((right, _))) = (count, enumeration.count()) {
        let exact = data.enumerations.iter().any(|x| x.name == found_name);
        if found != right && !exact {
            let complete = foreign.is_empty() && missing.is_empty();
            out.push(Raw {
                kind: FormulationKind::CountWord,
                start: name_start,
                end: name_start + found_name.len(),
                message: messages::count_word(found_name, &enumeration.name, &canonical),
                canonical: enumeration.name.clone(),
                edits: if complete {
                    vec![Edit::new(name_start, name_start + found.len(), right)]
                } else {
                    Vec::new()
                },
            });
        }
    }
    if !enumeration.short_members() {
        check_order_only(text, data, items, e, year, out);
        return;
    }
    for &(s, t) in &foreign {
        let item = text.get(s..t).unwrap_or_default();
        // One foreign item standing where the one missing member belongs: replace it.
        let position = items.iter().position(|i| item_start(i) == s);
        let edits = match (missing.as_slice(), foreign.len(), position) {
            ([k], 1, Some(p)) if p == *k && members.iter().all(|(_, m)| *m != *k) => enumeration
                .members
                .get(*k)
                .map(|right| vec![Edit::new(s, t, right.clone())])
                .unwrap_or_default(),
            _ => Vec::new(),
        };
        out.push(Raw {
            kind: FormulationKind::ForeignMember,
            start: s,
            end: t,
            message: messages::foreign_member(item, &enumeration.name, &canonical),
            canonical: canonical.clone(),
            edits,
        });
    }
    if foreign.is_empty() && !missing.is_empty() && members.len() == present.len() {
        let names: Vec<&str> = missing
            .iter()
            .filter_map(|&k| enumeration.members.get(k).map(String::as_str))
            .collect();
        out.push(Raw {
            kind: FormulationKind::MissingMember,
            start: list_start,
            end: list_end,
            message: messages::missing_member(&enumeration.name, &names.join("、"), &canonical),
            canonical: canonical.clone(),
            edits: Vec::new(),
        });
    }
    if foreign.is_empty() && missing.is_empty() {
        check_order_only(text, data, items, e, year, out);
    }
}

/// Order (and older wording) of a complete named list, through the run check.
fn check_order_only(
    text: &str,
    data: &Formulations,
    items: &[Item],
    e: usize,
    year: Option<i32>,
    out: &mut Vec<Raw>,
) {
    let run: Option<Vec<MemberMatch>> = items
        .iter()
        .map(|i| match i {
            Item::Member(m) => m.of(data, e).map(|_| m.clone()),
            Item::Foreign(..) => None,
        })
        .collect();
    let Some(run) = run else { return };
    let Some(enumeration) = data.enumerations.get(e) else {
        return;
    };
    if enumeration
        .until
        .is_some_and(|u| year.is_some_and(|y| y > u.year))
    {
        if enumeration.successor.is_none() {
            replaced_wording(text, data, &run, e, year, out);
        }
        return;
    }
    check_run(text, data, &run, year, Some(e), out);
}

fn item_start(item: &Item) -> usize {
    match item {
        Item::Member(m) => m.start,
        Item::Foreign(s, _) => *s,
    }
}

fn item_end(item: &Item) -> usize {
    match item {
        Item::Member(m) => m.end,
        Item::Foreign(_, t) => *t,
    }
}

fn skip_wrappers(text: &str, at: usize) -> usize {
    let rest = text.get(at..).unwrap_or_default();
    at + rest.len() - rest.trim_start_matches(is_wrapper).len()
}

/// Chars dropped or added without changing a phrase's meaning.
fn is_function_char(c: char) -> bool {
    matches!(c, '的' | '之' | '地' | '得' | '了' | '和' | '与' | '及')
}

/// One edit turning a phrase into a window of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slip {
    Substituted(usize),
    Dropped(usize),
    Added(usize),
    Swapped(usize),
}

/// The single edit from `phrase` to `window`, if there is exactly one.
fn slip(phrase: &[char], window: &[char]) -> Option<Slip> {
    let (l, w) = (phrase.len(), window.len());
    let first_diff = phrase.iter().zip(window).position(|(a, b)| a != b);
    if w == l {
        let i = first_diff?;
        let rest_same = |from: usize| phrase.get(from..) == window.get(from..);
        if rest_same(i + 1) {
            return Some(Slip::Substituted(i));
        }
        let swapped = phrase.get(i) == window.get(i + 1) && phrase.get(i + 1) == window.get(i);
        return (swapped && rest_same(i + 2)).then_some(Slip::Swapped(i));
    }
    if w + 1 == l {
        let i = first_diff.unwrap_or(w);
        return (phrase.get(i + 1..) == window.get(i..)).then_some(Slip::Dropped(i));
    }
    if w == l + 1 {
        let j = first_diff.unwrap_or(l);
        return (window.get(j + 1..) == phrase.get(j..)).then_some(Slip::Added(j));
    }
    None
}

/// Fixed phrases with one char wrong.
fn near_misses(text: &str, data: &Formulations, out: &mut Vec<Raw>) {
    // Candidate windows `(start, end) → phrase`, from the anchors each slip leaves intact.
    let mut candidates: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    for m in data.compiled.anchors.find_overlapping_iter(text) {
        let Some(refs) = data.compiled.anchor_refs.get(m.pattern().as_usize()) else {
            continue;
        };
        for &(p, anchor) in refs {
            let Some(phrase) = data.phrases.get(p) else {
                continue;
            };
            let l = phrase.text.chars().count();
            let windows: Vec<(usize, usize)> = match anchor {
                Anchor::Prefix => (l - 1..=l + 1)
                    .filter_map(|k| chars_forward(text, m.start(), k).map(|e| (m.start(), e)))
                    .collect(),
                Anchor::Suffix => (l - 1..=l + 1)
                    .filter_map(|k| chars_backward(text, m.end(), k).map(|s| (s, m.end())))
                    .collect(),
                Anchor::Swapped => vec![(m.start(), m.end())],
            };
            for w in windows {
                candidates.entry(w).or_insert(p);
            }
        }
    }
    let mut taken: Vec<(usize, usize)> = Vec::new();
    for ((start, end), p) in candidates {
        let Some(phrase) = data.phrases.get(p) else {
            continue;
        };
        let Some(window) = text.get(start..end) else {
            continue;
        };
        // Windows come in order of their starts and taken ones never overlap, so only
        // the last taken can reach this one.
        if taken.last().is_some_and(|&(_, e)| start < e) {
            continue;
        }
        if !is_slip(text, data, phrase, start, end) {
            continue;
        }
        taken.push((start, end));
        out.push(Raw {
            kind: FormulationKind::NearMiss,
            start,
            end,
            message: messages::near_miss(&phrase.text),
            canonical: phrase.text.clone(),
            edits: vec![Edit::new(start, end, phrase.text.clone())],
        });
        let _ = window;
    }
}

/// Whether `text[start..end]` is a slip of `phrase` that passes every guard.
fn is_slip(
    text: &str,
    data: &Formulations,
    phrase: &FixedPhrase,
    start: usize,
    end: usize,
) -> bool {
    let Some(window) = text.get(start..end) else {
        return false;
    };
    if !window.chars().all(is_han) || data.compiled.known.contains(window) {
        return false;
    }
    let p: Vec<char> = phrase.text.chars().collect();
    let w: Vec<char> = window.chars().collect();
    let l = p.len();
    let before = text.get(..start).and_then(|t| t.chars().next_back());
    let after = text.get(end..).and_then(|t| t.chars().next());
    match slip(&p, &w) {
        Some(Slip::Substituted(i)) => {
            let (Some(&old), Some(&new)) = (p.get(i), w.get(i)) else {
                return false;
            };
            if is_han_numeral(old) || is_han_numeral(new) {
                return false;
            }
            // At either end the new char may begin or end another word.
            let alone = if i == 0 {
                before.is_none_or(|c| !is_han(c))
            } else if i == l - 1 {
                after.is_none_or(|c| !is_han(c))
            } else {
                true
            };
            alone || data.homophone(old, new)
        }
        Some(Slip::Dropped(i)) => {
            i > 0 && i < l - 1 && p.get(i).is_some_and(|&c| !is_function_char(c))
        }
        Some(Slip::Added(j)) => {
            j > 0
                && j < l
                && w.get(j)
                    .is_some_and(|&c| !is_function_char(c) && !is_han_numeral(c))
        }
        Some(Slip::Swapped(_)) => true,
        None => false,
    }
}

/// The byte offset `k` chars after `start`, if the text has them.
fn chars_forward(text: &str, start: usize, k: usize) -> Option<usize> {
    let rest = text.get(start..)?;
    if k == 0 {
        return Some(start);
    }
    let (i, c) = rest.char_indices().nth(k - 1)?;
    Some(start + i + c.len_utf8())
}

/// The byte offset `k` chars before `end`, if the text has them.
fn chars_backward(text: &str, end: usize, k: usize) -> Option<usize> {
    let head = text.get(..end)?;
    if k == 0 {
        return Some(end);
    }
    head.char_indices().rev().nth(k - 1).map(|(i, _)| i)
}

/// Known wrong wordings.
fn wrong_wordings(text: &str, data: &Formulations, out: &mut Vec<Raw>) {
    for m in data.compiled.wrongs.find_iter(text) {
        let Some(w) = data.wrongs.get(m.pattern().as_usize()) else {
            continue;
        };
        out.push(Raw {
            kind: FormulationKind::WrongWording,
            start: m.start(),
            end: m.end(),
            message: messages::wrong_wording(&w.canonical),
            canonical: w.canonical.clone(),
            edits: vec![Edit::new(m.start(), m.end(), w.canonical.clone())],
        });
    }
}

/// A meeting named in the text.
#[derive(Debug, Clone)]
struct Mention {
    start: usize,
    end: usize,
    event: usize,
    /// Where the whole mention (a coordinated list) ends: `精神` is looked for there.
    group_end: usize,
}

fn mentions(text: &str, data: &Formulations) -> Vec<Mention> {
    let mut out: Vec<Mention> = Vec::new();
    // `十九届二中、三中全会`: the phrases scanner expands coordinated plenums.
    let coordinated: Vec<_> = meeting_mentions(text)
        .into_iter()
        .filter(|m| m.meetings.len() > 1)
        .collect();
    for m in &coordinated {
        let offsets: Vec<(usize, Option<usize>)> = m
            .meetings
            .iter()
            .map(|(name, at)| (*at, data.compiled.meeting_names.get(name).copied()))
            .collect();
        for (i, &(at, event)) in offsets.iter().enumerate() {
            let Some(event) = event else { continue };
            let next = offsets.get(i + 1).map_or(m.end, |n| n.0);
            let end = text
                .get(at..next)
                .map_or(next, |s| at + s.trim_end_matches(['、', '和', '及']).len());
            out.push(Mention {
                start: at,
                end,
                event,
                group_end: m.end,
            });
        }
    }
    for m in data.compiled.meetings.find_iter(text) {
        // Coordinated mentions come in text order and never overlap.
        let i = coordinated.partition_point(|c| c.end <= m.start());
        if coordinated.get(i).is_some_and(|c| c.start < m.end()) {
            continue;
        }
        let Some(&event) = data.compiled.meeting_refs.get(m.pattern().as_usize()) else {
            continue;
        };
        out.push(Mention {
            start: m.start(),
            end: m.end(),
            event,
            group_end: m.end(),
        });
    }
    out.sort_by_key(|m| (m.start, m.end));
    out
}

/// The meetings whose 精神 the text studies: mentions joined by `、` `和` `及` `以及`, the
/// last followed by `精神`.
fn studied(text: &str, found: &[Mention]) -> Vec<bool> {
    let mut out = vec![false; found.len()];
    let mut i = 0;
    while i < found.len() {
        let mut j = i;
        while let (Some(a), Some(b)) = (found.get(j), found.get(j + 1)) {
            let gap = text.get(a.group_end..b.start).unwrap_or("x");
            let joined = b.start < a.group_end
                || ["、", "和", "及", "以及", "与", "、以及"]
                    .contains(&gap.trim_matches(is_wrapper));
            if !joined {
                break;
            }
            j += 1;
        }
        let end = found.get(j).map_or(0, |m| m.group_end);
        let spirit = text
            .get(end..)
            .is_some_and(|r| r.trim_start_matches(is_wrapper).starts_with("精神"));
        if spirit {
            for flag in out.iter_mut().take(j + 1).skip(i) {
                *flag = true;
            }
        }
        i = j + 1;
    }
    out
}

/// `outdated` and `not-yet-held` for meetings whose 精神 is studied.
fn currency(text: &str, data: &Formulations, year: i32, out: &mut Vec<Raw>) {
    let found = mentions(text, data);
    if found.is_empty() {
        return;
    }
    let studied = studied(text, &found);
    let grace = Date {
        year: year + 1,
        month: 3,
        day: 31,
    };
    let written_by = latest_date(text).map_or(grace, |d| d.max(grace));
    let year_start = Date {
        year,
        month: 1,
        day: 1,
    };
    // The latest congress held before the year began.
    let latest = data
        .events
        .iter()
        .filter(|e| e.kind == EventKind::Congress && e.last < year_start)
        .max_by_key(|e| e.congress);
    let named_latest = latest.is_some_and(|l| {
        found
            .iter()
            .filter_map(|m| data.events.get(m.event))
            .any(|e| e.congress >= l.congress)
    });
    for (m, _) in found.iter().zip(&studied).filter(|(_, s)| **s) {
        let Some(event) = data.events.get(m.event) else {
            continue;
        };
        let name = text.get(m.start..m.end).unwrap_or_default();
        if event.last > written_by {
            out.push(Raw {
                kind: FormulationKind::NotYetHeld,
                start: m.start,
                end: m.end,
                message: messages::not_yet_held(name, year, event.last),
                canonical: event.name.clone(),
                edits: Vec::new(),
            });
        } else if let Some(latest) = latest.filter(|l| event.congress < l.congress && !named_latest)
        {
            out.push(Raw {
                kind: FormulationKind::Outdated,
                start: m.start,
                end: m.end,
                message: messages::outdated_congress(name, year, &latest.name, latest.last),
                canonical: latest.name.clone(),
                edits: Vec::new(),
            });
        }
    }
}

/// The latest full date (`2024年1月10日`, `二〇二四年一月十日`) in the text.
fn latest_date(text: &str) -> Option<Date> {
    text.match_indices('年')
        .filter_map(|(at, _)| date_at(text, at))
        .max()
}

/// The date whose `年` is at byte `at`.
fn date_at(text: &str, at: usize) -> Option<Date> {
    let year = year_before(text, at)?;
    let rest = text.get(at + '年'.len_utf8()..)?;
    let (month, rest) = number_then(rest, '月')?;
    let (day, _) = number_then(rest, '日')?;
    let valid = (1..=12).contains(&month) && (1..=31).contains(&day);
    valid.then_some(Date { year, month, day })
}

/// `N` followed by `unit` at the start of `s` (Arabic or Chinese numerals), and the rest.
fn number_then(s: &str, unit: char) -> Option<(u32, &str)> {
    // The unit comes within four chars: never scan the rest of the text for it.
    let (at, _) = s.char_indices().take(4).find(|&(_, c)| c == unit)?;
    let (number, rest) = (s.get(..at)?, s.get(at + unit.len_utf8()..)?);
    if number.is_empty() {
        return None;
    }
    let value = if number.chars().all(|c| arabic_digit(c).is_some()) {
        number
            .chars()
            .try_fold(0u32, |v, c| Some(v * 10 + arabic_digit(c)?))?
    } else {
        parse_han(number)?
    };
    Some((value, rest))
}

/// The four-digit year (`2023`, `２０２３`, `二〇二三`) ending right before byte `at`.
fn year_before(text: &str, at: usize) -> Option<i32> {
    let head = text.get(..at)?;
    let digits: Vec<char> = head.chars().rev().take(5).collect();
    let value = |c: char| {
        arabic_digit(c).or(match c {
            '〇' | '零' | 'Ｏ' | 'O' => Some(0),
            '一' => Some(1),
            '二' => Some(2),
            '三' => Some(3),
            '四' => Some(4),
            '五' => Some(5),
            '六' => Some(6),
            '七' => Some(7),
            '八' => Some(8),
            '九' => Some(9),
            _ => None,
        })
    };
    let four: Option<Vec<u32>> = digits.iter().take(4).rev().map(|&c| value(c)).collect();
    let four = four?;
    if four.len() != 4 || digits.get(4).is_some_and(|&c| value(c).is_some()) {
        return None;
    }
    let year = four.iter().fold(0u32, |v, d| v * 10 + d);
    (1949..=2999).contains(&year).then_some(year as i32)
}

/// The year a summary is about, from its title (`2023年度工作总结`, `二〇二三年…`), or from
/// an opening sentence that starts with a year (`2023年，我局…`). `None` when the title
/// names a range of years (`2018—2023年任期述职报告`) or two years that are not a summary
/// and the next year's plan, or when neither place names one.
///
/// A summary is about the year before the one it is written in (a `2023年工作总结` is
/// signed in January 2024), so dates in the body and the sign-off never decide it.
pub fn detect_year(doc: &Document) -> Option<i32> {
    let mut lines = doc
        .lines()
        .map(|l| l.text.trim().trim_start_matches('#').trim())
        .filter(|l| !l.is_empty());
    // The title is one of the first lines: a short line without a full stop that names
    // the genre (the seed starts with a line of disclaimer).
    let head: Vec<&str> = lines.by_ref().take(3).collect();
    let title_at = head.iter().position(|l| is_title(l));
    if let Some(i) = title_at {
        let title = head.get(i).copied().unwrap_or_default();
        if let Some(found) = title_year(title) {
            return found;
        }
        // The opening sentence right after the title.
        return head.get(i + 1).and_then(|l| leading_year(l));
    }
    head.first().and_then(|l| leading_year(l))
}

fn is_title(line: &str) -> bool {
    const GENRE: &[&str] = &["总结", "述职", "报告", "汇报", "情况", "小结"];
    line.chars().count() <= 60 && !line.contains('。') && GENRE.iter().any(|g| line.contains(g))
}

/// `Some(Some(y))` for a title about year y, `Some(None)` for an ambiguous one, `None`
/// when the title names no year.
fn title_year(title: &str) -> Option<Option<i32>> {
    let years: Vec<(usize, i32)> = title
        .match_indices('年')
        .filter_map(|(at, _)| year_before(title, at).map(|y| (at, y)))
        .collect();
    let mut distinct: Vec<i32> = years.iter().map(|&(_, y)| y).collect();
    distinct.sort_unstable();
    distinct.dedup();
    match distinct.as_slice() {
        [] => None,
        [y] => {
            // A range written with the year once: `2018—2023年`.
            let (at, _) = years.first()?;
            let ranged = title.get(..*at).is_some_and(|h| {
                h.trim_end_matches(|c: char| c.is_ascii_digit() || arabic_digit(c).is_some())
                    .ends_with(['—', '–', '-', '~', '～', '至', '到'])
            });
            Some((!ranged).then_some(*y))
        }
        [a, b] if *b == a + 1 => {
            // `2023年工作总结和2024年工作计划`: the summary's year comes first.
            let plan = years.iter().find(|(_, y)| y == b).is_some_and(|&(at, _)| {
                title.get(at..).is_some_and(|r| {
                    ["计划", "打算", "思路", "要点", "安排"]
                        .iter()
                        .any(|p| r.contains(p))
                })
            });
            let between = years
                .iter()
                .find(|(_, y)| y == a)
                .and_then(|&(at, _)| title.get(at..))
                .is_some_and(|r| r.contains(['—', '–', '-', '~', '～', '至', '到']));
            Some((plan && !between).then_some(*a))
        }
        _ => Some(None),
    }
}

/// The year an opening sentence starts with: `2023年，…`, `2023年以来，…`.
fn leading_year(line: &str) -> Option<i32> {
    let at = line.find('年')?;
    if line.get(..at)?.chars().count() != 4 {
        return None;
    }
    let year = year_before(line, at)?;
    let rest = line.get(at + '年'.len_utf8()..)?;
    let opening = ["，", ",", "以来", "是", "度", "上半年", "全年", "，"]
        .iter()
        .any(|s| rest.starts_with(s));
    opening.then_some(year)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::fix::apply_fixes;

    fn found(text: &str, year: Option<i32>) -> Vec<(&'static str, String)> {
        check_formulations(&Document::from_str("t", text), year)
            .into_iter()
            .map(|f| (f.kind.name(), f.text))
            .collect()
    }

    fn fixed(text: &str, year: Option<i32>) -> String {
        let found = check_formulations(&Document::from_str("t", text), year);
        apply_fixes(text, found.iter().filter_map(|f| f.fix.as_ref())).unwrap()
    }

    #[test]
    fn embedded_data_parses() {
        let data = Formulations::parse(FORMULATIONS, PARTY_EVENTS).unwrap();
        assert!(data.enumerations.len() >= 20);
        assert!(data.phrases.len() >= 10);
        assert!(!data.wrongs.is_empty() && !data.homophones.is_empty());
        // Every entry line of the files became one entry.
        let entries = |t: &str| data_lines(t).count();
        assert_eq!(
            entries(FORMULATIONS),
            data.enumerations.len()
                + data.phrases.len()
                + data.wrongs.len()
                + data.homophones.len()
        );
        assert_eq!(entries(PARTY_EVENTS), data.events.len());
        assert!(data.enumerations.iter().all(|e| !e.source.is_empty()));
    }

    #[test]
    fn party_events_run_in_order() {
        let data = Formulations::embedded();
        let congresses: Vec<&PartyEvent> = data
            .events
            .iter()
            .filter(|e| e.kind == EventKind::Congress)
            .collect();
        assert!(
            congresses
                .windows(2)
                .all(|w| w[0].congress + 1 == w[1].congress)
        );
        for e in &data.events {
            let congress = congresses
                .iter()
                .find(|c| c.congress == e.congress)
                .unwrap();
            // Plenums follow their congress and come before the next one.
            assert!(e.first >= congress.first, "{}", e.name);
            if let Some(next) = congresses.iter().find(|c| c.congress == e.congress + 1) {
                assert!(e.last <= next.last, "{}", e.name);
            }
        }
        let plenums = |n: u32| {
            data.events
                .iter()
                .filter(|e| e.kind == EventKind::Plenum && e.congress == n)
                .map(|e| e.number)
                .collect::<Vec<_>>()
        };
        assert_eq!(plenums(19), vec![1, 2, 3, 4, 5, 6, 7]);
        assert_eq!(plenums(20), vec![1, 2, 3, 4]);
    }

    #[test]
    fn bad_lines_are_errors_naming_the_line() {
        let cases = [
            "enum\t四个意识\t政治意识\tsrc=x",
            "enum\t四个意识\t政治意识|大局意识",
            "enum\t四个自信\t道路自信|理论\tshared=自信\tsrc=x",
            "enum\t四个意识\t政治意识|政治意识\tsrc=x",
            "enum\t四个意识\t政治意识|大局意识\tsince=2016\tsrc=x",
            "enum\t四个意识\t政治意识|大局意识\tcolour=red\tsrc=x",
            "phrase\t两学\tsrc=x",
            "phrase\t两学一做a\tsrc=x",
            "wrong\t甲乙\tsrc=x",
            "homophones\t做\tsrc=x",
            "slogan\t甲乙丙丁\tsrc=x",
        ];
        for case in cases {
            let text = format!("# comment\n\n{case}\n");
            let err = Formulations::parse(&text, "").unwrap_err();
            assert_eq!(
                (err.file.as_str(), err.line),
                ("dicts/formulations.txt", 3),
                "{case}"
            );
        }
        let events = [
            "congress\t十九\t2017-10-24\t2017-10-18\tsrc=x",
            "plenum\t十九\t八\t2017-10-18\t2017-10-18\tsrc=x",
            "congress\tXIX\t2017-10-18\t2017-10-24\tsrc=x",
            "ccdi\t十九\t二\t2018-01-11\tsrc=x",
        ];
        for case in events {
            let err = Formulations::parse("", case).unwrap_err();
            assert_eq!(
                (err.file.as_str(), err.line),
                ("dicts/party_events.txt", 1),
                "{case}"
            );
        }
    }

    /// One line a case: text, year, the findings (kind, text) it must give.
    #[test]
    fn findings() {
        type Case<'a> = (&'a str, Option<i32>, &'a [(&'a str, &'a str)]);
        let cases: &[Case] = &[
            // Order, without and with the name.
            (
                "增强大局意识、政治意识、核心意识、看齐意识",
                None,
                &[("member-order", "大局意识、政治意识、核心意识、看齐意识")],
            ),
            (
                "坚定道路、制度、理论、文化自信",
                None,
                &[("member-order", "道路、制度、理论、文化自信")],
            ),
            (
                "贯彻协调、创新、绿色、开放、共享的新发展理念",
                None,
                &[("member-order", "协调、创新、绿色、开放、共享")],
            ),
            // Members missing, foreign, wrong count.
            (
                "牢固树立“四个意识”（政治意识、大局意识、看齐意识）",
                None,
                &[("missing-member", "政治意识、大局意识、看齐意识")],
            ),
            (
                "四个意识：政治意识、大局意识、责任意识、看齐意识",
                None,
                &[("foreign-member", "责任意识")],
            ),
            (
                "三个意识：政治意识、大局意识、核心意识、看齐意识",
                None,
                &[("count-word", "三个意识")],
            ),
            (
                "坚持创新、协调、绿色、开发、共享的新发展理念",
                None,
                &[("foreign-member", "开发")],
            ),
            // Near-misses.
            ("推进“两学一作”学习教育", None, &[("near-miss", "两学一作")]),
            ("推进两学一作学习教育", None, &[("near-miss", "两学一作")]),
            ("不忘出心、牢记使命", None, &[("near-miss", "不忘出心")]),
            (
                "学习习近平新时代中国特色社会注义思想",
                None,
                &[("near-miss", "习近平新时代中国特色社会注义思想")],
            ),
            ("落实三会一课制度", None, &[]),
            ("落实“三会一颗”制度", None, &[("near-miss", "三会一颗")]),
            ("做到学懂弄通做实", None, &[]),
            ("做到学懂通弄做实", None, &[("near-miss", "学懂通弄做实")]),
            // Known wrong wording.
            (
                "紧密团结在以习近平总书记为核心的党中央周围",
                None,
                &[("wrong-wording", "以习近平总书记为核心的党中央")],
            ),
            // Currency.
            (
                "2023年，局党组深入学习贯彻党的十九大精神",
                Some(2023),
                &[("outdated", "党的十九大")],
            ),
            (
                "认真学习二十届三中全会精神",
                Some(2023),
                &[("not-yet-held", "二十届三中全会")],
            ),
            (
                "协调推进“四个全面”战略布局（全面建成小康社会、全面深化改革、全面依法治国、全面从严治党）",
                Some(2023),
                &[(
                    "outdated",
                    "全面建成小康社会、全面深化改革、全面依法治国、全面从严治党",
                )],
            ),
            ("坚定“三个自信”", Some(2018), &[("outdated", "三个自信")]),
        ];
        for (text, year, want) in cases {
            let want: Vec<(&str, String)> = want.iter().map(|(k, t)| (*k, t.to_string())).collect();
            assert_eq!(found(text, *year), want, "text: {text}");
        }
    }

    /// Correct text in every legitimate variant gives nothing.
    #[test]
    fn correct_text_gives_nothing() {
        let cases: &[(&str, Option<i32>)] = &[
            ("增强“四个意识”、坚定“四个自信”、做到“两个维护”", Some(2023)),
            ("增强政治意识、大局意识、核心意识、看齐意识", None),
            ("增强“政治意识”“大局意识”“核心意识”“看齐意识”", None),
            ("增强政治意识、大局意识、核心意识和看齐意识", None),
            ("增强政治意识，大局意识，核心意识以及看齐意识", None),
            ("增强政治意识、大局意识、\n核心意识、看齐意识", None),
            (
                "四个意识：政治意识、大局意识、核心意识、看齐意识，这是……",
                None,
            ),
            ("坚定道路自信、理论自信、制度自信、文化自信", Some(2018)),
            ("坚定道路、理论、制度、文化自信", None),
            ("坚定道路自信、理论自信、制度自信", Some(2020)),
            ("增强核心意识、看齐意识", None),
            ("文化自信是更基础、更广泛、更深厚的自信", None),
            ("贯彻创新、协调、绿色、开放、共享的新发展理念", None),
            ("坚持创新发展、协调发展、绿色发展、开放发展、共享发展", None),
            ("完整、准确、全面贯彻新发展理念", None),
            ("推动绿色、协调、可持续发展", None),
            (
                "统筹推进经济建设、政治建设、文化建设、社会建设、生态文明建设和党的建设",
                None,
            ),
            (
                "统筹推进“五位一体”总体布局，协调推进“四个全面”战略布局",
                Some(2023),
            ),
            ("党的政治建设、思想建设、组织建设、作风建设、纪律建设", None),
            ("坚决反对形式主义、官僚主义，整治享乐主义、奢靡之风", None),
            ("不忘初心、牢记使命", None),
            ("不忘初心，牢记使命", None),
            ("不忘初心牢记使命主题教育", None),
            ("勿忘初心，不忘初衷，不负初心", None),
            ("推进“两学一做”学习教育常态化制度化", None),
            ("两学一做", None),
            ("社会主义核心价值体系", None),
            ("践行社会主义核心价值观", None),
            ("一体推进不敢腐、不能腐、不想腐", None),
            ("按照“武装头脑、指导实践、推动工作”的要求", None),
            ("坚持以习近平新时代中国特色社会主义思想为指导", None),
            ("全面贯彻党的二十大和二十届二中、三中全会精神", Some(2024)),
            ("深入贯彻落实党的十九大精神", Some(2018)),
            ("党的十九大、十九届二中、三中全会精神", Some(2018)),
            ("以优异成绩迎接党的二十大胜利召开", Some(2021)),
            ("学习贯彻二十届中央纪委三次全会精神", Some(2023)),
            ("学习二十届三中全会精神\n2024年8月1日", Some(2023)),
            ("党的十八大以来，特别是党的二十大精神", Some(2023)),
            ("学习党的十九大精神和党的二十大精神", Some(2023)),
            ("学习党的十九大精神", None),
            ("四史：党史、新中国史、改革开放史、社会主义发展史", None),
            ("学习党史、新中国史", None),
            (
                "三严三实：严以修身、严以用权、严以律己，谋事要实、创业要实、做人要实",
                None,
            ),
        ];
        for (text, year) in cases {
            assert_eq!(found(text, *year), vec![], "text: {text}");
        }
    }

    /// One line a case: text, year, the text after applying every fix.
    #[test]
    fn fixes() {
        let cases: &[(&str, Option<i32>, &str)] = &[
            (
                "增强大局意识、政治意识、核心意识、看齐意识",
                None,
                "增强政治意识、大局意识、核心意识、看齐意识",
            ),
            (
                "坚定“理论自信”“道路自信”“制度自信”“文化自信”",
                None,
                "坚定“道路自信”“理论自信”“制度自信”“文化自信”",
            ),
            (
                "坚定理论、道路、制度、文化自信",
                None,
                "坚定道路、理论、制度、文化自信",
            ),
            (
                "三个意识：政治意识、大局意识、核心意识、看齐意识",
                None,
                "四个意识：政治意识、大局意识、核心意识、看齐意识",
            ),
            (
                "四个意识：政治意识、大局意识、责任意识、看齐意识",
                None,
                "四个意识：政治意识、大局意识、核心意识、看齐意识",
            ),
            (
                "推进两学一作，做到不忘出心",
                None,
                "推进两学一做，做到不忘初心",
            ),
            (
                "“四个全面”（全面建成小康社会、全面深化改革、全面依法治国、全面从严治党）",
                Some(2022),
                "“四个全面”（全面建设社会主义现代化国家、全面深化改革、全面依法治国、全面从严治党）",
            ),
        ];
        for (text, year, want) in cases {
            assert_eq!(fixed(text, *year), *want, "text: {text}");
        }
    }

    #[test]
    fn fixing_twice_changes_nothing() {
        let text = "增强大局意识、政治意识、核心意识、看齐意识，三个意识：政治意识、大局意识、核心意识、看齐意识；\
                    推进两学一作，不忘出心、牢记使命，紧密团结在以习近平总书记为核心的党中央周围，\
                    坚定理论、道路、制度、文化自信，“四个全面”（全面建成小康社会、全面深化改革、全面依法治国、全面从严治党）";
        let once = fixed(text, Some(2023));
        assert_ne!(once, text);
        let again = check_formulations(&Document::from_str("t", &once), Some(2023));
        assert!(again.iter().all(|f| f.fix.is_none()), "{again:?}");
    }

    /// One line a case: the document, the year it is about.
    #[test]
    fn detected_years() {
        let cases: &[(&str, Option<i32>)] = &[
            ("XX局2023年度工作总结\n2023年，XX局……", Some(2023)),
            (
                "本文系投稿，仅供参考！\n2018年度理论学习中心组工作总结\n2018年，……",
                Some(2018),
            ),
            ("滨江市卫生健康信息中心二〇二三年度工作总结\n……", Some(2023)),
            ("# 2023年度个人学习和工作总结\n2023年，本人……", Some(2023)),
            ("2023年工作总结和2024年工作计划\n……", Some(2023)),
            ("2018—2023年任期述职报告\n……", None),
            ("2018年至2023年任期述职报告\n……", None),
            (
                "XX镇党委副书记述职报告\n各位领导：\n现将本人20XX年度……",
                None,
            ),
            ("个人述职报告\n2022年，本人在……\n2023年1月5日", Some(2022)),
            ("工作总结\n今年以来，……\n2024年1月10日", None),
            ("", None),
        ];
        for (text, want) in cases {
            assert_eq!(
                detect_year(&Document::from_str("t", text)),
                *want,
                "text: {text}"
            );
        }
    }

    /// Every one-char variant of every fixed phrase that the checker could report, for
    /// the dictionary test below.
    fn reportable_variants(phrase: &[char]) -> Vec<String> {
        let l = phrase.len();
        let hans = || ('\u{4E00}'..='\u{9FA5}').filter(|&c| !is_han_numeral(c));
        let mut out = Vec::new();
        for i in 0..l {
            if is_han_numeral(phrase[i]) {
                continue;
            }
            for c in hans().filter(|&c| c != phrase[i]) {
                let mut v = phrase.to_vec();
                v[i] = c;
                out.push(v.iter().collect());
            }
        }
        for i in 1..l - 1 {
            if !is_function_char(phrase[i]) {
                let mut v = phrase.to_vec();
                v.remove(i);
                out.push(v.iter().collect());
            }
        }
        for j in 1..l {
            for c in hans().filter(|&c| !is_function_char(c)) {
                let mut v = phrase.to_vec();
                v.insert(j, c);
                out.push(v.iter().collect());
            }
        }
        for i in 0..l - 1 {
            let mut v = phrase.to_vec();
            v.swap(i, i + 1);
            if v != phrase {
                out.push(v.iter().collect());
            }
        }
        out
    }

    /// The dictionary words one reportable slip away from `phrases` that `known` lacks.
    fn dictionary_slips(
        jieba: &jieba_rs::Jieba,
        phrases: &[&str],
        known: &HashSet<String>,
    ) -> Vec<String> {
        let mut out = Vec::new();
        for phrase in phrases {
            let chars: Vec<char> = phrase.chars().collect();
            for variant in reportable_variants(&chars) {
                if jieba.has_word(&variant) && !known.contains(&variant) {
                    out.push(format!("{phrase} → {variant}"));
                }
            }
        }
        out
    }

    /// No word of jieba's dictionary (350 000 words and idioms) is one slip away from a
    /// fixed phrase unless the phrase lists it with `not=`: a near-miss never fires on a
    /// real word that merely looks like a phrase. Adding a phrase runs it through this.
    #[test]
    fn no_dictionary_word_is_a_reportable_slip() {
        let jieba = jieba_rs::Jieba::new();
        let data = Formulations::embedded();
        let phrases: Vec<&str> = data.phrases.iter().map(|p| p.text.as_str()).collect();
        let unlisted = dictionary_slips(&jieba, &phrases, &data.compiled.known);
        assert!(unlisted.is_empty(), "add these with not=: {unlisted:?}");
        // The check bites: a made-up phrase one slip from the idiom 实事求是 is caught.
        assert_eq!(
            dictionary_slips(&jieba, &["实事求事"], &HashSet::new()),
            vec!["实事求事 → 实事求是".to_string()]
        );
    }

    #[test]
    fn slips() {
        let c = |s: &str| s.chars().collect::<Vec<char>>();
        let p = c("两学一做");
        assert_eq!(slip(&p, &c("两学一作")), Some(Slip::Substituted(3)));
        assert_eq!(slip(&p, &c("两一学做")), Some(Slip::Swapped(1)));
        assert_eq!(slip(&p, &c("两学做")), Some(Slip::Dropped(2)));
        assert_eq!(slip(&p, &c("两学习一做")), Some(Slip::Added(2)));
        assert_eq!(slip(&p, &c("两学一做")), None);
        assert_eq!(slip(&p, &c("三学二做")), None);
        assert_eq!(slip(&p, &c("两")), None);
    }

    #[test]
    fn odd_input_does_not_panic() {
        for text in [
            "",
            "个",
            "四个",
            "个意识：",
            "：、、",
            "的新发展理念",
            "精神",
            "十九届二中、精神",
            "年月日",
        ] {
            let _ = fixed(text, Some(2023));
        }
        // One long line of names and members with no clause ends: linear, not quadratic.
        let line = "创新协调的新发展理念四个意识：政治意识大局意识党的二十大精神二十届二中、三中全会2023年"
            .repeat(20_000);
        let _ = check_formulations(&Document::from_str("t", &line), Some(2023));
        let long = "增强大局意识、政治意识、核心意识、看齐意识，两学一作。".repeat(5_000);
        assert_eq!(
            check_formulations(&Document::from_str("t", &long), None).len(),
            10_000
        );
    }
}
